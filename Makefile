# Quick start: `make demo` and `make test`. Both create .venv on first use.
#
# The supported CPython versions, newest first: keep in step with _compat.SUPPORTED and
# requires-python (tests/test_packaging.py checks). 3.14 is allowed but untested so far.
PYTHON_VERSIONS := 3.14 3.13 3.12 3.11 3.10
# durable-rules 2.0.28 ships only as source; on 3.13+ its C extension loads only when built with
# this define (harmless before 3.13). CPPFLAGS, because its setup.py overwrites CFLAGS.
DURABLE := durable-rules==2.0.28
DURABLE_CPPFLAGS := -DPyEval_CallObject=PyObject_CallObject
# The interpreter of .venv: `make test PYTHON=python3.12` to choose; by default the newest supported
# version installed (python3.X on PATH, else under ~/.pyenv/versions: see tools/find-python).
PYTHON ?= $(word 2,$(shell sh tools/find-python $(PYTHON_VERSIONS)))
VENV := .venv
BIN := $(VENV)/bin
# An existing venv of another version than the PYTHON asked for is an error, not silently reused.
ifneq ($(filter command line environment,$(origin PYTHON)),)
ifneq ($(wildcard $(BIN)/python),)
VENV_VERSION := $(shell $(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])')
PYTHON_VERSION := $(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
ifneq ($(VENV_VERSION),$(PYTHON_VERSION))
$(error $(VENV) is Python $(VENV_VERSION), but PYTHON=$(PYTHON) is $(or $(PYTHON_VERSION),not a Python that runs): run `make clean` first, or give another VENV=)
endif
endif
endif
# The extras the test venv installs: the main .venv also gets [spark] (pyspark is ~300 MB);
# the other versions of `make other-pythons` only [test], so tests/test_spark.py skips there.
TEST_EXTRAS ?= test,spark
# what `make unit` passes to pytest (e.g. `make unit PYTEST_ARGS='-x tests/test_cli.py'`)
PYTEST_ARGS ?= -q

.PHONY: demo test lint typecheck unit other-pythons docs bench soak clean

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "recovery-advisor needs CPython 3.10-3.14: none of $(PYTHON_VERSIONS:%=python%) was found (see Requirements in README.md)"; exit 1; }
	@$(PYTHON) -c 'import sys; v = "%d.%d" % sys.version_info[:2]; sys.exit(sys.implementation.name != "cpython" or v not in "$(PYTHON_VERSIONS)".split())' \
	  || { echo "recovery-advisor needs CPython 3.10-3.14, but PYTHON=$(PYTHON) is $$($(PYTHON) -V 2>&1)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Built from source with the define, and never from pip's cache: a wheel cached from a build
# without the define would install but not load on 3.13+.
$(VENV)/.durable: $(BIN)/python
	CPPFLAGS="$(DURABLE_CPPFLAGS)" $(BIN)/python -m pip install --quiet --no-cache-dir --no-binary durable-rules $(DURABLE)
	@touch $@

$(VENV)/.installed: $(VENV)/.durable pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.durable pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[$(TEST_EXTRAS)]'
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
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The test suite again on every other supported version installed here, each in its own
# .venv-X.Y (created on first use); reports which versions ran, passed, failed or were skipped
# (not installed), and fails if any failed.
other-pythons: $(BIN)/python
	@main=$$($(BIN)/python -c 'import sys; print("%d.%d" % sys.version_info[:2])'); \
	report="  $$main  passed  (.venv: ruff, mypy --strict, tests with [spark])"; failed=""; \
	for v in $(PYTHON_VERSIONS); do \
	  test "$$v" = "$$main" && continue; \
	  python=$$(sh tools/find-python $$v | cut -d' ' -f2-); \
	  if test -z "$$python"; then report="$$report\n  $$v  skipped (not installed)"; continue; fi; \
	  printf '\n== Python %s (%s): the test suite in .venv-%s\n' "$$v" "$$python" "$$v"; \
	  start=$$(date +%s); \
	  if $(MAKE) --no-print-directory VENV=.venv-$$v PYTHON="$$python" TEST_EXTRAS=test unit; then result=passed; \
	  else result=FAILED; failed="$$failed $$v"; fi; \
	  report="$$report\n  $$v  $$result  (.venv-$$v: tests, $$(( $$(date +%s) - start )) s)"; \
	done; \
	printf '\n== Python versions\n%b\n' "$$report"; \
	if test -n "$$failed"; then echo "== FAILED on Python$$failed"; exit 1; fi

test: lint typecheck unit
	@$(MAKE) --no-print-directory other-pythons

docs: $(VENV)/.installed
	$(BIN)/python -m recovery_advisor._gendocs

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_advise.py

soak: $(VENV)/.installed
	$(BIN)/python benchmarks/soak.py

clean:
	rm -rf $(VENV) $(PYTHON_VERSIONS:%=.venv-%) build dist .mypy_cache .pytest_cache .ruff_cache
