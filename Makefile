# Two entry points for a fresh machine: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
EXAMPLE := src/onrecord/examples/harbor-city-council.txt
# `make test` installs every extra so that every test runs; `make demo` needs only the core.
EXTRAS ?= test,postgres,parquet,web,embed,nli,ray,bench,learn

.PHONY: demo test lint bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.installed-core: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.installed-all: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e ".[$(EXTRAS)]"
	touch $@ $(VENV)/.installed-core

demo: $(VENV)/.installed-core
	$(VENV)/bin/onrecord read $(EXAMPLE) --published 2024-03-14 --format table

lint: $(VENV)/.installed-all
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

test: $(VENV)/.installed-all lint
	$(PY) -m pytest -q

bench: $(VENV)/.installed-all
	$(PY) bench/read_throughput.py
	$(PY) bench/dates.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
