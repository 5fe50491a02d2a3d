# graphdir: two commands from a fresh clone.
#   make run   set up, start the local Neo4j (unless NEO4J_URI is set), apply the schema, load the seeds, serve :8000
#   make test  set up, start the test Neo4j (own data and port), run the whole suite
#   make stop  stop the local Neo4j servers

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
GRAPHDIR := $(BIN)/graphdir
STAMP := $(VENV)/.installed

.PHONY: run test stop setup neo4j-run neo4j-test schema seed lint typecheck sdl bench clean

setup: $(STAMP)

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

test: neo4j-test
	GRAPHDIR_INSTANCE=test $(BIN)/python -m pytest -q -p no:cacheprovider

stop:
	-$(GRAPHDIR) db stop --instance run
	-$(GRAPHDIR) db stop --instance test
	-$(GRAPHDIR) db stop --instance scale
	-$(GRAPHDIR) db stop --instance bench

lint: setup
	$(BIN)/ruff check graphdir tests scripts bench
	$(BIN)/mypy

sdl: setup
	$(GRAPHDIR) schema export -o schema/schema.graphql

clean: stop
	rm -rf $(VENV) .neo4j/instances

# France-scale benchmark (bench/README.md): loads or reuses the synthetic dataset in the `bench` instance.
bench: setup
	$(BIN)/python -m bench $(BENCH_ARGS)
