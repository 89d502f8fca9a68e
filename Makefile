# Stratus — two commands on a fresh machine:  make book   and   make test
# Both create .venv (Python 3.11) from the pinned requirements.txt if it is missing or stale.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(CURDIR)/$(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.stratus-installed
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings

# The venv's tools and kernel come first, whatever else is on the machine.
export PATH := $(BIN):$(PATH)
export JUPYTER_PREFER_ENV_PATH := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help venv book test lab bench clean clean-all

help:
	@echo "make book   bygger boken (offline) till _build/html"
	@echo "make test   kör alla tester: modeller, data, notebooks (nbval) och bokbygget"
	@echo "make lab    öppnar JupyterLab med lektionerna som notebooks"
	@echo "make bench  mäter hur snabbt de interaktiva delarna räknar om"
	@echo "make clean  tar bort _build (och .venv med 'make clean-all')"

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml lab/overrides.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Stratus kräver Python 3.11 (hittade %d.%d). Ange t.ex. PYTHON=python3.11" % sys.version_info[:2])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	mkdir -p $(LAB_SETTINGS) && cp lab/overrides.json $(LAB_SETTINGS)/overrides.json
	touch $(STAMP)

book: venv
	$(PY) scripts/build_book.py

test: venv
	$(PY) scripts/nbtest.py
	$(PY) -m pytest tests _build/nbtest --nbval-lax --nbval-current-env --nbval-cell-timeout=300 --durations=10

bench: venv
	$(PY) scripts/bench.py

lab: venv
	$(BIN)/jupyter lab --notebook-dir=. chapters

clean:
	rm -rf _build

clean-all: clean
	rm -rf $(VENV)
