# docgen — two commands for a new machine (see README):
#   make render   set everything up, then write out/2020/…docx and …pdf
#   make test     set everything up, then run the whole test suite
# Both are idempotent: a second run installs nothing and only re-renders / re-tests.

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
YEAR   ?= 2020

.PHONY: setup system venv render test template bench clean

setup: system venv

system:
	bash scripts/setup-system.sh

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[pdf,test]'
	touch $@

render: setup
	$(BIN)/docgen render $(YEAR) --pdf

test: setup
	$(BIN)/python -m pytest

template: venv
	$(BIN)/python scripts/build_template.py

bench: setup
	$(BIN)/python bench/bench_render.py
	$(BIN)/python bench/bench_pdf.py
	$(BIN)/python bench/bench_batch.py
	$(BIN)/python bench/bench_watch.py

clean:
	rm -rf out .pytest_cache
