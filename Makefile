# The README's commands are `make run` and `make test`; both set up .venv from scratch if needed.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup setup-engines browser run test lint models eval bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,corpus,web]'
	touch $(STAMP)

setup: $(STAMP)

## The optional scale-out engines (Ray Data, Spark; large downloads), for `kiebitz batch` and its tests.
ENGINES := $(VENV)/.engines
$(ENGINES): $(STAMP)
	$(BIN)/pip install --quiet -e '.[ray,spark]'
	touch $(ENGINES)

setup-engines: $(ENGINES)

## The main job: analyse the bundled example corpus into the default store and summarise it
## (the store is $KIEBITZ_DB, else kiebitz.db in $KIEBITZ_HOME or ~/.local/share/kiebitz).
run: $(STAMP)
	$(BIN)/kiebitz ingest kiebitz/examples/corpus
	$(BIN)/kiebitz stats

## Debian's chromium for the browser end-to-end tests (tests/web/test_browser.py).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	    SUDO=$$([ "$$(id -u)" = 0 ] || echo sudo); \
	    $$SUDO apt-get update -qq && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; \
	fi

## The whole test suite (what .ci/run calls).
test: $(STAMP) setup-engines browser
	$(BIN)/ruff check kiebitz tests bench
	$(BIN)/pytest -q

lint: $(STAMP)
	$(BIN)/ruff check kiebitz tests bench

## Rebuild every shipped model from ../shared/data with fixed seeds.
models: $(STAMP)
	$(BIN)/python -m kiebitz.nlp.train all
	$(BIN)/python -m kiebitz.nlp.lemmas build
	$(BIN)/python -m kiebitz.nlp.english names
	$(BIN)/python -m kiebitz.nlp.english places
	$(BIN)/python -m kiebitz.extract.similar en de

eval: $(STAMP)
	$(BIN)/kiebitz eval all

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
