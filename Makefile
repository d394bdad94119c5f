# Quick start: `make demo` and `make test`. Both create or update .venv idempotently.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
STAMP  := $(VENV)/.installed
OUT    ?= out/demo
TORCH  := torch==2.13.0

.PHONY: all venv demo test lint unit browser bench eval clean

all: test

# The CPU build of torch is pinned and installed first: an unpinned torch pulls GBs of CUDA.
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q $(TORCH)
	$(PIP) install -q -e '.[embed,dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(VENV)/bin/triangulate analyze examples/harbour-bridge --out $(OUT)

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/mypy

unit: $(STAMP)
	$(VENV)/bin/pytest

# Debian's chromium for the real-browser report test (tests/test_report_browser.py, which
# skips without it). Instant when it is already installed; installing needs root.
browser:
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

test: browser lint unit

bench: $(STAMP)
	$(PY) bench/run.py

eval: $(STAMP)
	$(VENV)/bin/triangulate eval all --data ../shared/eval

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache
