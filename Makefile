# Gonghui: `make run` starts the platform with demo data; `make test` runs the whole suite.
# Prerequisites: Python >= 3.11 with venv, Node.js + npm, gettext (msgfmt). See README.md.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
PYTEST_ARGS ?= -n auto  # pytest-xdist: one worker per core

.PHONY: setup run test lint messages demo bench chromium clean fuzz

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

messages: $(BIN)/.installed
	$(BIN)/gonghui compilemessages -v0 --ignore=.venv --ignore=node_modules

setup: $(BIN)/.installed node_modules/.installed messages

# The job worker (imports, reports) runs beside the web server and stops with it.
run: setup
	$(BIN)/gonghui migrate -v0
	$(BIN)/gonghui jobs_reap -v0
	$(BIN)/gonghui purge_uploads -v0
	GONGHUI_BASE_URL=http://$(HOST):$(PORT) $(BIN)/gonghui demo --scale small
	$(BIN)/gonghui db_worker & WORKER=$$!; trap "kill $$WORKER" EXIT INT TERM; \
	  $(BIN)/gonghui runserver $(HOST):$(PORT)

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests bench
	$(BIN)/lint-imports

# The browser journeys drive the system's Chromium; install it (and a Chinese font, so screenshots are
# readable) if missing (Debian/Ubuntu, as root).
chromium:
	@if ! test -x /usr/bin/chromium || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
	  echo "Installing Chromium and a Chinese font for the browser tests…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null; \
	fi

test: setup chromium lint
	$(BIN)/pytest $(PYTEST_ARGS)

# schemathesis over the whole API, deeper than the bounded run in `make test` (tests/api/fuzz.py):
# e.g. make fuzz FUZZ_EXAMPLES=200 FUZZ_SEED=7 (reports to var/fuzz-report.<actor>).
FUZZ_EXAMPLES ?= 60
FUZZ_SEED ?= 19
fuzz: setup
	GONGHUI_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) GONGHUI_FUZZ_SEED=$(FUZZ_SEED) GONGHUI_FUZZ_REPORT=var/fuzz-report \
	  GONGHUI_FUZZ_PHASES=coverage,fuzzing \
	  $(BIN)/pytest tests/api/test_contract_fuzz.py -p no:randomly -q $(PYTEST_ARGS)

bench: setup
	$(BIN)/python -m bench $(BENCH_ARGS)  # e.g. make bench BENCH_ARGS="c d --scale province"

clean:
	rm -rf $(VENV) node_modules staticfiles var
