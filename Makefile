# graphdir: two commands from a fresh clone.
#   make run   set up, start the local Neo4j (unless NEO4J_URI is set), apply the schema, load the seeds, serve :8000
#   make test  set up, start the test Neo4j (own data and port), run the whole suite
#   make stop  stop the local Neo4j servers

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GRAPHDIR := $(BIN)/graphdir
STAMP := $(VENV)/.installed
# The explorer's and GraphiQL's bundles (web/README.md): rebuilt when a source or the lock file changes.
WEB_STAMP := graphdir/web/dist/.built
WEB_MODULES := web/node_modules/.package-lock.json
WEB_SOURCES := $(shell find web/src -type f 2>/dev/null) web/build.mjs

.PHONY: run test stop setup web browser neo4j-run neo4j-test schema seed lint typecheck sdl bench clean

setup: $(STAMP) web

web: $(WEB_STAMP)

$(WEB_MODULES): web/package.json web/package-lock.json
	@echo "installing the web pages' packages (npm ci in web/)"
	@cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $(WEB_MODULES)

$(WEB_STAMP): $(WEB_MODULES) $(WEB_SOURCES)
	@echo "bundling the explorer and GraphiQL into graphdir/web/dist"
	@cd web && node build.mjs

# The browser tests drive Debian's chromium: installed here when running as root (as CI does) and absent;
# elsewhere those tests skip and say how to enable them.
browser:
	@if [ ! -x /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi

# setuptools warns at every editable install that it is one: nothing to act on, so not shown.
$(STAMP): pyproject.toml
	@echo "setting up $(VENV) (graphdir and its dependencies)"
	@$(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install --quiet --upgrade pip
	@PYTHONWARNINGS="ignore:Editable installation.:UserWarning" $(BIN)/pip install --quiet -e '.[dev]'
	@touch $(STAMP)

neo4j-run: setup
ifndef NEO4J_URI
	$(GRAPHDIR) db start --instance run
endif

neo4j-test: setup
ifndef NEO4J_URI
	$(GRAPHDIR) db start --instance test
endif

schema: neo4j-run
	GRAPHDIR_INSTANCE=run $(GRAPHDIR) schema apply

seed: schema
	GRAPHDIR_INSTANCE=run $(GRAPHDIR) load seeds

run: seed
	GRAPHDIR_INSTANCE=run $(GRAPHDIR) serve

test: neo4j-test browser
	GRAPHDIR_INSTANCE=test $(BIN)/python -m pytest -q -p no:cacheprovider

stop:
	-$(GRAPHDIR) db stop --instance run
	-$(GRAPHDIR) db stop --instance test
	-$(GRAPHDIR) db stop --instance scale
	-$(GRAPHDIR) db stop --instance bench

lint: setup
	$(BIN)/ruff check graphdir tests scripts bench
	$(BIN)/mypy
	cd web && npx --no-install tsc --noEmit

sdl: setup
	$(GRAPHDIR) schema export -o schema/schema.graphql

clean: stop
	rm -rf $(VENV) .neo4j/instances

# France-scale benchmark (bench/README.md): loads or reuses the synthetic dataset in the `bench` instance.
bench: setup
	$(BIN)/python -m bench $(BENCH_ARGS)
