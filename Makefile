# newswiki — the commands contributors and maintainers use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test serve check golden clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test,engines]'
	touch $(STAMP)

## build: regenerate docs/ from corpus/ and build the site into site/
build: $(STAMP)
	$(BIN)/newswiki build

## test: run the whole test suite (sets up .venv first)
test: $(STAMP)
	$(BIN)/python -m pytest -q

## serve: preview the site at http://127.0.0.1:8000 (with search), rebuilt when a file is saved
serve: $(STAMP)
	$(BIN)/newswiki serve

## check: fail when docs/ is stale against corpus/
check: $(STAMP)
	$(BIN)/newswiki build --check

## golden: rewrite the expected seed output in tests/golden/ on purpose
golden: $(STAMP)
	$(BIN)/python -m tests.update_golden

clean:
	rm -rf site .newswiki-cache
