# Stratus — two commands on a fresh machine:  make book   and   make test
# Both create .venv (Python 3.11) from the pinned requirements.txt if it is missing or stale,
# and node_modules/ (the site's MathJax) from package-lock.json with `npm ci`.
# `make test` also installs Debian's Chromium for the browser tests (as root; otherwise
# it says what to install).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(CURDIR)/$(VENV)/bin
PY     := $(BIN)/python
STAMP  := $(VENV)/.stratus-installed
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings
NPM_STAMP := node_modules/.stratus-installed
HUB_STAMP := $(VENV)/.stratus-hub-installed
HUB_NPM_STAMP := hub/node_modules/.stratus-installed
# Everything runs on both cores (pytest-xdist, one test file per worker at a time so a notebook's
# cells stay in order; the four longest files in parts, SPLIT_FILES in tests/conftest.py), the
# longest first (tests/durations.json): the first test that needs
# the built book builds it once for the run (tests/conftest.py) while the others go on. Three workers
# on two cores: the browser tests wait on Chromium much of the time, and a third worker keeps both
# cores busy (a fresh-clone run: pytest 16 min 20 s with two workers, 14 min 37 s with three).
TEST_WORKERS ?= 3
# The property-based bad-input run (issue 14) is part of `make test`; `make fuzz` runs it alone.
FUZZ_TESTS := tests/fuzz/test_fuzz.py

# The venv's tools and kernel come first, whatever else is on the machine.
export PATH := $(BIN):$(PATH)
export JUPYTER_PREFER_ENV_PATH := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: help venv hub browser book test test-site dist lab bench bench-hub fuzz clean clean-all

help:
	@echo "make book   bygger boken (offline) till _build/html"
	@echo "make test   kör alla tester: modeller, data, notebooks (nbval), bokbygget och webbplatsen i Chromium"
	@echo "make test-site  kör bara testerna av den byggda webbplatsen (länkar, webbläsare, tillgänglighet)"
	@echo "make dist   bygger offlinepaketet _build/dist/stratus-offline.zip (webbplats, notebooks, models, data)"
	@echo "make lab    öppnar JupyterLab med lektionerna som notebooks"
	@echo "make bench  mäter utforskare, modellkärnor och webbplatsens diagram (PARTS=build,test: bokbygget och make test)"
	@echo "make bench-hub  mäter workshophubben med 30 deltagare (tar några minuter)"
	@echo "make clean  tar bort _build (och .venv med 'make clean-all')"

venv: $(STAMP) $(NPM_STAMP)

$(STAMP): requirements.txt pyproject.toml lab/overrides.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Stratus kräver Python 3.11 (hittade %d.%d). Ange t.ex. PYTHON=python3.11" % sys.version_info[:2])'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet --no-deps -e .
	mkdir -p $(LAB_SETTINGS) && cp lab/overrides.json $(LAB_SETTINGS)/overrides.json
	touch $(STAMP)

# The browser assets the site serves itself (MathJax), exactly as package-lock.json pins
# them. The npm registry is used here only, never by the build or the tests.
$(NPM_STAMP): package.json package-lock.json
	@bash scripts/ensure_system.sh npm
	npm ci --no-audit --no-fund --ignore-scripts
	touch $(NPM_STAMP)

# The workshop hub (JupyterHub, nbgitpuller, configurable-http-proxy) for tests/hub and
# benchmarks/bench_hub.py; hub/requirements.txt is constrained by requirements.txt.
hub: $(HUB_STAMP) $(HUB_NPM_STAMP)

$(HUB_STAMP): $(STAMP) requirements.txt hub/requirements.txt
	$(PY) -m pip install --quiet -r requirements.txt -r hub/requirements.txt
	$(PY) -m pip check
	touch $(HUB_STAMP)

$(HUB_NPM_STAMP): hub/package.json hub/package-lock.json
	@bash scripts/ensure_system.sh npm
	npm ci --prefix hub --no-audit --no-fund --ignore-scripts
	touch $(HUB_NPM_STAMP)

# Debian's Chromium for the browser tests (Playwright never downloads a browser here).
browser:
	@bash scripts/ensure_system.sh chromium

book: venv
	$(PY) scripts/build_book.py

test: venv browser hub
	$(PY) scripts/nbtest.py
	$(PY) -m pytest tests _build/nbtest -n $(TEST_WORKERS) --dist loadfile --nbval-lax --nbval-current-env --nbval-cell-timeout=300 --durations=15

test-site: venv browser
	$(PY) -m pytest -p no:nbval tests/site --durations=5

dist: book
	$(PY) scripts/make_dist.py

# make bench [PARTS=widgets,kernels,site,lessons,build,test|all]: default widgets,kernels,site;
# writes benchmarks/results.json and results.md (see scripts/bench.py).
bench: venv
	$(PY) scripts/bench.py $(if $(PARTS),--parts $(PARTS))

fuzz: venv
	$(PY) -m pytest $(FUZZ_TESTS) -p no:nbval -n 2 -q

bench-hub: venv hub
	$(PY) benchmarks/bench_hub.py

lab: venv
	$(BIN)/jupyter lab --notebook-dir=. chapters

clean:
	rm -rf _build

clean-all: clean
	rm -rf $(VENV) node_modules
