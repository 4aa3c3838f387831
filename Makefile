# Quick start: `make demo` and `make test`. Both create .venv on first use.
PYTHON ?= $(shell for p in python3.12 python3.11 python3.10 python3; do \
	  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(not ((3,10) <= sys.version_info[:2] <= (3,12)))' 2>/dev/null; then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck unit docs bench soak clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "recovery-advisor needs CPython 3.10-3.12 (durable-rules does not load on 3.13+)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/python examples/demo.py
	@printf '\n%s\n' "== The command line: the same advice as Markdown"
	$(BIN)/recovery-advisor advise examples/history.json --now 2026-11-25T08:00:00 --plan legs-and-back --format markdown
	@printf '\n%s\n' "== Importing a Strong export: what was read, what was skipped and why"
	$(BIN)/recovery-advisor import examples/strong-export.csv

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks examples
	$(BIN)/ruff format --check src tests benchmarks examples

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy --strict src

unit: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

test: lint typecheck unit

docs: $(VENV)/.installed
	$(BIN)/python -m recovery_advisor._gendocs

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_advise.py

soak: $(VENV)/.installed
	$(BIN)/python benchmarks/soak.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .pytest_cache .ruff_cache
