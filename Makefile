# Entente developer commands. `make demo` and `make test` work on a fresh machine: they create
# the virtual environment themselves.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB ?= demo.db
PYTEST_ARGS ?=

.PHONY: help install demo test pytest lint format typecheck model bench clean

help:
	@echo "make demo      install, then ingest and analyse the example corpus into $(DEMO_DB) (SQLite)"
	@echo "make test      install, then lint (ruff), type-check (mypy) and run the test suite (pytest)"
	@echo "make model     retrain the shipped spaCy pipeline from ../shared/data/ud"
	@echo "make bench     run the benchmarks and print their numbers"
	@echo "make lint | format | typecheck | pytest"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip "setuptools>=69" wheel
	$(BIN)/pip install --quiet -e '.[serve,analysis,dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	rm -rf $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm demo-out && mkdir -p demo-out
	$(BIN)/entente ingest examples/corpus --db $(DEMO_DB)
	$(BIN)/entente articles --db $(DEMO_DB)
	$(BIN)/entente timeline --dyad CHN RUS --db $(DEMO_DB)
	$(BIN)/entente timeline --dyad CHN RUS --format json --db $(DEMO_DB) > demo-out/timeline.json
	$(BIN)/entente brief --actor CHN --actor RUS --db $(DEMO_DB) | tee demo-out/brief.md
	$(BIN)/entente trend CHN RUS --png demo-out/trend.png --db $(DEMO_DB) > demo-out/trend.json
	$(BIN)/entente export events --out demo-out/events.csv --db $(DEMO_DB)
	$(BIN)/entente export mentions --out demo-out/mentions.parquet --db $(DEMO_DB)
	$(BIN)/entente stats --db $(DEMO_DB)
	@echo "Demo outputs are in demo-out/ (timeline.json, brief.md, trend.png, events.csv, mentions.parquet)."

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks training
	$(BIN)/ruff format --check src tests benchmarks training

format: $(STAMP)
	$(BIN)/ruff format src tests benchmarks training
	$(BIN)/ruff check --fix src tests benchmarks training

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest $(PYTEST_ARGS)

test: lint typecheck pytest

model: $(STAMP)
	$(BIN)/pip install --quiet -e '.[train]'
	$(BIN)/python -m training.build

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_ingest.py --sizes 10000
	$(BIN)/python benchmarks/bench_extract.py --articles 200 --processes 2
	$(BIN)/python benchmarks/bench_merge.py --articles 1000 --existing 100000
	$(BIN)/python benchmarks/bench_resolve.py
	$(BIN)/python benchmarks/bench_nlp.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache $(DEMO_DB)* demo-out
