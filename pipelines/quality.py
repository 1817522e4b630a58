"""The coder's accuracy on the bundled gold sample: its own asset, job and weekly schedule, not part of the daily
runs (scoring the sample codes its articles again; a day's run has no need of it).

``coder_accuracy`` records precision, recall and F1 as metadata (the catalog plots them over time); its check
warns when the coder falls below the floors. Its code version follows the coder's modules, data files and model,
so the catalog flags it as changed after a deploy that changes the coder.
"""


from typing import Any

import dagster as dg

from events.warehouse import samples_dir
from pipelines import versions

# Floors for the bundled gold sample (events between countries: its gold annotates no domestic event).
SAMPLE_FLOORS = {"precision": 0.85, "f1": 0.75}


@dg.asset(
    group_name="quality",
    kinds={"spacy", "python"},
    owners=["team:events"],
    code_version=versions.CODER_ACCURACY,
    check_specs=[dg.AssetCheckSpec("sample_accuracy_floor", asset="coder_accuracy", description=(
        f"The coder scores at least P {SAMPLE_FLOORS['precision']} / F1 {SAMPLE_FLOORS['f1']} on the bundled "
        "gold sample (events between countries)."))],
    description="Precision, recall and F1 of the coder on the bundled gold sample (warehouse/samples: articles and "
                "gold events, scored on events between countries like `events evaluate --skip-domestic`).",
)
def coder_accuracy(context: dg.AssetExecutionContext) -> Any:
    from events.evaluate import evaluate_set

    samples = samples_dir()
    figures = evaluate_set(samples / "inbox" / "articles.jsonl", samples / "gold.jsonl",
                           skip_domestic=True).as_dict()
    passed = all(figures[k] >= floor for k, floor in SAMPLE_FLOORS.items())
    if not passed:
        context.log.warning(f"the coder is below its floors on the gold sample: P {figures['precision']:.3f}, "
                            f"F1 {figures['f1']:.3f} (floors {SAMPLE_FLOORS})")
    yield dg.MaterializeResult(metadata={
        "precision": figures["precision"], "recall": figures["recall"], "f1": figures["f1"],
        "root04_f1": figures["root04"]["f1"], "gold_events": figures["gold"], "predicted": figures["predicted"],
        "matched": figures["matched"], "model": versions.MODEL})
    yield dg.AssetCheckResult(check_name="sample_accuracy_floor", passed=passed,
                              severity=dg.AssetCheckSeverity.WARN,
                              metadata={"precision": figures["precision"], "f1": figures["f1"],
                                        "floors": SAMPLE_FLOORS})


coder_accuracy_job = dg.define_asset_job(
    "coder_accuracy_job", selection=dg.AssetSelection.assets(coder_accuracy),
    description="Scores the coder on the bundled gold sample (a minute or less; not part of the daily runs).")

weekly_coder_accuracy = dg.ScheduleDefinition(
    name="weekly_coder_accuracy", job=coder_accuracy_job, cron_schedule="0 5 * * 1",
    execution_timezone="Europe/Paris", default_status=dg.DefaultScheduleStatus.STOPPED,
    description="Every Monday at 05:00 Paris time: score the coder on the bundled gold sample.")
