# ActorGraph: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(VENV)/bin/pip
AG     := $(VENV)/bin/actorgraph
export ACTORGRAPH_HOME ?= $(HOME)/.local/share/actorgraph

.PHONY: run test lint venv explorer neo4j-start neo4j-stop browser fuzz soak bench clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e '.[test]'
	touch $@

venv: $(VENV)/.installed

## make run: create the environment, ingest the seed articles into the embedded store, open the explorer
run: venv
	$(AG) ingest data/articles
	$(AG) stats
	$(VENV)/bin/streamlit run app.py --server.address 127.0.0.1 --server.headless true --browser.gatherUsageStats false

## make explorer: open the explorer on the current store, without ingesting
explorer: venv
	$(VENV)/bin/streamlit run app.py --server.address 127.0.0.1 --server.headless true --browser.gatherUsageStats false

## make browser: only the end-to-end tests in headless chromium (plus the AppTest page tests)
browser: venv
	bash scripts/test-setup
	$(PY) -m pytest tests/test_explorer_app.py tests/test_explorer_browser.py

## make lint: ruff (style, imports, bugbear) and pyright (types, and every Cypher statement a LiteralString), both at zero
lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pyright --pythonpath $(PY)

## make test: the lint first, then install what the tests need (Python packages, chromium, Neo4j) and run them all
test: lint
	bash scripts/test-setup
	$(PY) -m pytest

## make fuzz: 10,000 damaged files per reader (hypothesis profile `fuzz`; the suite runs 150 per reader)
fuzz: venv
	HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest tests/test_fuzz_readers.py -o timeout=0 --hypothesis-show-statistics

## make soak: many kill -9 (embedded and Neo4j) and concurrent loads (the suite runs a few of each)
soak: venv
	bash scripts/test-setup
	ACTORGRAPH_SOAK=1 $(PY) -m pytest tests/test_durability.py tests/test_neo4j_durability.py -o timeout=0

bench: venv
	bash scripts/test-setup
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) .pytest_cache
