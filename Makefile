# Two commands do all set-up on a fresh machine (Python 3.11 + pip):
#   make run   — create .venv, install, run the whole Dagster graph on the bundled sample, print who met whom
#   make test  — create .venv, install, run ruff, mypy and the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export DAGSTER_HOME := $(CURDIR)/.dagster_home

.PHONY: run test ui lint typecheck evaluate bench clean install

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# the Dagster home and its settings (events.cli.DAGSTER_SETTINGS: telemetry off, one run per pool)
$(DAGSTER_HOME): $(STAMP)
	$(BIN)/python -c 'import pathlib, sys; from events.cli import ensure_dagster_home; ensure_dagster_home(pathlib.Path(sys.argv[1]))' '$(DAGSTER_HOME)'

run: $(STAMP) $(DAGSTER_HOME)
	mkdir -p warehouse/inbox
	cp -n warehouse/samples/inbox/* warehouse/inbox/ 2>/dev/null || true
	$(BIN)/events run

test: $(STAMP) $(DAGSTER_HOME)
	$(BIN)/ruff check src pipelines tests
	$(BIN)/mypy
	$(BIN)/python -m pytest -q

ui: $(STAMP) $(DAGSTER_HOME)
	$(BIN)/dagster dev -h 127.0.0.1 -p 3000

evaluate: $(STAMP)
	$(BIN)/events evaluate --articles ../shared/eval/dev/articles.jsonl --gold ../shared/eval/dev/gold.jsonl

clean:
	rm -rf warehouse/events.duckdb warehouse/events.duckdb.wal warehouse/events.snapshot.duckdb warehouse/.events.snapshot.duckdb.tmp* warehouse/events.loaded.json warehouse/.events.loaded.json.tmp warehouse/exports $(DAGSTER_HOME)
