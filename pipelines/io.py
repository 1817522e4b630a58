"""Where the in-between assets (the day's raw articles, the coded batch) are kept between steps.

They carry references, not rows: the day's articles and event rows are staged Parquet files written and read in
batches (events.staging, pipelines.assets.staged_file); what is pickled here is their paths, counts, the
rejects and the inbox files' digests.

Dagster's default filesystem IO manager stores one file per partition and refuses an output that spans a
partition range, which a single-run backfill produces. These batches are per-run intermediates, not data
products, so one pickle per asset and partition range is enough: ``<base>/<asset>/<first>...<last>.pickle``.
"""


import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import dagster as dg


def default_storage() -> str:
    home = os.environ.get("DAGSTER_HOME")
    base = Path(home) / "storage" / "batches" if home else Path(tempfile.gettempdir()) / "events-dagster-batches"
    return str(base)


class BatchIOManager(dg.ConfigurableIOManager):
    """Pickles an asset's output per partition range (a backfill of many days is one file)."""

    base_dir: str = default_storage()

    def _path(self, context: dg.OutputContext | dg.InputContext) -> Path:
        key = "/".join(context.asset_key.path)
        if context.has_asset_partitions:
            window = context.asset_partition_key_range
            name = window.start if window.start == window.end else f"{window.start}...{window.end}"
        else:
            name = "all"
        return Path(self.base_dir) / key / f"{name}.pickle"

    def handle_output(self, context: dg.OutputContext, obj: Any) -> None:
        path = self._path(context)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.tmp")
        with temporary.open("wb") as handle:
            pickle.dump(obj, handle, protocol=pickle.HIGHEST_PROTOCOL)
        temporary.replace(path)
        context.add_output_metadata({"batch_file": dg.MetadataValue.path(str(path))})

    def load_input(self, context: dg.InputContext) -> Any:
        with self._path(context).open("rb") as handle:
            return pickle.load(handle)
