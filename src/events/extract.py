"""The one way through: articles → event rows (the DESIGN.md contract).

The CLI, the evaluation command, the benchmarks and the Dagster assets all call :func:`extract_events`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

from spacy.tokens import Doc

from events.articles import Article
from events.cameo import lookup
from events.coding import CodedEvent, Coder, Mention
from events.countries import load_countries
from events.nlp import DEFAULT_MODEL, load_model, parse
from events.places import Place, load_gazetteer


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    model: str = DEFAULT_MODEL
    batch_size: int = 32
    n_process: int = 1
    event_model: bool = True  # check events with the learned model when one is trained (events learn turns it off)


def global_event_id(event_date: object, actor1_code: str, actor2_code: str, event_code: str,
                    place_id: str | None, *, symmetric: bool) -> int:
    """Stable 63-bit id of the dedup signature (same on every run and machine)."""
    actors = sorted([actor1_code, actor2_code]) if symmetric else [actor1_code, actor2_code]
    signature = "|".join([str(event_date or ""), *actors, event_code, place_id or ""])
    return int.from_bytes(hashlib.blake2b(signature.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def _actor_fields(prefix: str, mention: Mention) -> dict[str, object]:
    actor = mention.actor
    return {
        f"{prefix}_code": actor.code,
        f"{prefix}_name": actor.name,
        f"{prefix}_country_code": actor.country,
        f"{prefix}_known_group_code": actor.known_group,
        f"{prefix}_type1_code": actor.role,
        f"{prefix}_type2_code": None,
        f"{prefix}_text": mention.text,
    }


def _actor_geo(prefix: str, mention: Mention) -> dict[str, object]:
    """Actor geography: the actor's country (GDELT type 1) when it has one."""
    country = mention.actor.country
    gazetteer = load_gazetteer()
    info = load_countries().get(country) if country else None
    if info is None:
        return {}
    place: Place = gazetteer.country_place(info)
    return place.geo_fields(prefix, mention.text)


def event_row(article: Article, event: CodedEvent, *, is_root: bool, added: datetime) -> dict[str, object]:
    cameo = lookup(event.code)
    a1, a2 = event.actor1, event.actor2
    if event.symmetric and a2.actor.code < a1.actor.code:
        a1, a2 = a2, a1  # symmetric events in one canonical order
    place = event.place
    row: dict[str, object] = {
        "global_event_id": global_event_id(event.event_date, a1.actor.code, a2.actor.code, event.code,
                                           place.place.feature_id if place else None, symmetric=event.symmetric),
        "article_id": article.article_id,
        "event_date": event.event_date,
        "date_precision": event.date_precision,
        "sql_date": int(event.event_date.strftime("%Y%m%d")) if event.event_date else None,
        **_actor_fields("actor1", a1),
        **_actor_fields("actor2", a2),
        "event_code": cameo.code,
        "event_base_code": cameo.base,
        "event_root_code": cameo.root,
        "quad_class": cameo.quad_class,
        "goldstein_scale": cameo.goldstein,
        "plover_type": cameo.plover_type,
        "is_root_event": is_root,
        **_actor_geo("actor1_geo", a1),
        **_actor_geo("actor2_geo", a2),
        "num_mentions": 1,
        "num_sources": 1,
        "num_articles": 1,
        "avg_tone": None,
        "sentence": article.text[event.sentence_span[0]:event.sentence_span[1]].strip() or event.sentence,
        "sentence_index": event.sentence_index,
        "trigger": event.trigger,
        "actor1_char_offset": a1.char_offset,
        "actor2_char_offset": a2.char_offset,
        "action_char_offset": event.action_char_offset,
        "confidence": event.confidence,
        "rule_id": event.rule_id,
        "source_url": article.url,
        "source_name": article.source,
        "date_added": added,
    }
    if place is not None:
        row.update(place.place.geo_fields("action_geo", place.text))
    return row


def _code_article(coder: Coder, doc: Doc, article: Article, added: datetime,
                  title: Doc | None = None) -> list[dict[str, object]]:
    events = coder.code_doc(doc, article.pub_date, title)
    return [event_row(article, event, is_root=position == 0 or event.sentence_index == 0, added=added)
            for position, event in enumerate(events)]


def extract_events(articles: Iterable[Article], *, options: ExtractOptions | None = None,
                   on_article: Callable[[Article, int], None] | None = None,
                   on_error: Callable[[Article, Exception], None] | None = None) -> Iterator[dict[str, object]]:
    """Parse and code articles in batches; yield one row per (article, event), in input order.

    With ``options.n_process`` > 1 the articles are parsed and coded by that many worker processes
    (:mod:`events.workers`); the rows, their order and the callbacks are the same as with one.
    With ``on_error``, an article whose coding fails is reported there (to be quarantined) and the others go
    on; without it the error propagates.
    """
    options = options or ExtractOptions()
    added = datetime.now(UTC).replace(tzinfo=None, microsecond=0)
    if options.n_process > 1:
        results = _parallel_results(articles, options, added)
    else:
        results = _serial_results(articles, options, added)
    for article, rows, error in results:
        if error is not None:
            if on_error is None:
                raise error
            on_error(article, error)
            continue
        yield from rows
        if on_article is not None:
            on_article(article, len(rows))


_Result = tuple[Article, list[dict[str, object]], Exception | None]


def _serial_results(articles: Iterable[Article], options: ExtractOptions, added: datetime) -> Iterator[_Result]:
    from events.workers import chunked

    coder = Coder(event_model=options.event_model)
    for chunk in chunked(articles, 4 * options.batch_size):
        yield from _code_articles(coder, chunk, options, added)


def _parallel_results(articles: Iterable[Article], options: ExtractOptions,
                      added: datetime) -> Iterator[_Result]:
    from functools import partial

    from events.workers import chunked, ordered_map

    jobs = ((chunk, options, added) for chunk in chunked(articles, options.batch_size))
    for chunk in ordered_map(_code_chunk, jobs, processes=options.n_process,
                             initializer=partial(warm_up, options.model)):
        yield from chunk


def _code_articles(coder: Coder, articles: list[Article], options: ExtractOptions, added: datetime) -> list[_Result]:
    """Parse and code a chunk of articles inside a spaCy memory zone: the strings and lexemes its documents
    added to the shared vocabulary are freed at the end, so memory does not grow with the corpus's
    vocabulary (rows hold plain Python values, never spaCy objects)."""
    results: list[_Result] = []
    nlp = load_model(options.model)
    with nlp.memory_zone():
        for doc, article in parse(((a.text, a) for a in articles), model=options.model,
                                  batch_size=options.batch_size):
            try:
                title = nlp.make_doc(article.title) if article.title else None
                results.append((article, _code_article(coder, doc, article, added, title), None))
            except Exception as exc:  # one article's failure must not stop the others
                results.append((article, [], exc))
    return results


def warm_up(model: str) -> None:
    """Load what coding needs (model, gazetteer, countries, lexicons) into this process, once."""
    load_model(model)
    load_gazetteer()
    load_countries()
    _worker_coder()


@lru_cache(maxsize=2)
def _worker_coder(event_model: bool = True) -> Coder:
    return Coder(event_model=event_model)


def _code_chunk(job: tuple[list[Article], ExtractOptions, datetime]) -> list[_Result]:
    """In a worker: parse and code one chunk of articles; errors travel back as values."""
    import pickle

    articles, options, added = job
    results = _code_articles(_worker_coder(options.event_model), articles, options, added)
    for position, (article, _rows, error) in enumerate(results):
        if error is None:
            continue
        try:
            pickle.dumps(error)
        except Exception:  # an exception that cannot cross processes travels as its text
            results[position] = (article, [], RuntimeError(f"{type(error).__name__}: {error}"))
    return results


__all__ = ["ExtractOptions", "extract_events", "global_event_id"]
