# Skole–hjem-håndboka. Two commands to start: `make serve` (read and write) and
# `make test` (everything CI runs). See README.md.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HANDBOOK := $(VENV)/bin/handbook
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha1sum | cut -c1-12)

# Material prints an end-of-life banner on every run unless this is set.
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build check test lint format bench lock system-deps clean new-language translation-status translation-stamp translation-review translation-diff law-report publish citations

## serve: the site on http://127.0.0.1:8000 with live reload (HANDBOOK_LOCAL=folder: with a municipality's own edition)
serve: $(STAMP)
	$(HANDBOOK) serve

## build: the complete site into site/ (all languages, search index, PDFs, every check); atomic.
##        HANDBOOK_LOCAL=folder builds a municipality's own edition (README, «A municipality's own edition»)
build: $(STAMP) system-deps
	$(HANDBOOK) build

## check: every check on pages and data, without building (FILE=… for one page or folder)
check: $(STAMP)
	$(HANDBOOK) check $(FILE)

## test: installs what it needs (Python packages; Chromium and fonts when root) and runs pytest
test: $(STAMP) system-deps lint
	$(PY) -m pytest

## lint: ruff (pinned in requirements.txt, configured in pyproject.toml)
lint: $(STAMP)
	$(VENV)/bin/ruff check handbook tools tests
	$(VENV)/bin/ruff format --check handbook tools tests

## format: let ruff format the Python code
format: $(STAMP)
	$(VENV)/bin/ruff format handbook tools tests

## new-language: add a parent language, e.g. make new-language CODE=prs NAME="دری" NAME_NB=dari
new-language: $(STAMP)
	$(HANDBOOK) new-language "$(CODE)" "$(NAME)" --name-nb "$(NAME_NB)"

## translation-status: every parent page in every language (draft/reviewed, up to date/outdated/missing)
translation-status: $(STAMP)
	$(HANDBOOK) translation status

## translation-stamp: record that FILE now matches the newest Norwegian text
translation-stamp: $(STAMP)
	$(HANDBOOK) translation stamp $(FILE)

## translation-diff: the Norwegian changes since FILE was translated
translation-diff: $(STAMP)
	$(HANDBOOK) translation diff $(FILE)

## translation-review: mark FILE as checked by a qualified translator, e.g. REVIEWER="Navn Navnesen"
translation-review: $(STAMP)
	$(HANDBOOK) translation review $(FILE) --reviewer "$(REVIEWER)"

## law-report: unverified law references, and references not verified in the last 12 months
law-report: $(STAMP)
	$(HANDBOOK) law-report

## citations: each citation of the five source documents beside the cited lines, and its review status (FILE=docs/nb/… for one page)
citations: $(STAMP)
	$(HANDBOOK) citations $(FILE)

## system-deps: Debian packages the tests and the PDF build need (installed only when root)
system-deps:
	scripts/install_system_deps.sh

## publish: record every page and anchor of the built site as published (data/published.yml)
publish: build
	$(HANDBOOK) publish

## bench: builds against plain MkDocs + Material, a synthetic handbook at 4× and 16×, the writer loop, page weight and search (20–60 min; `handbook bench --quick` for a smoke run)
bench: $(STAMP) system-deps
	$(HANDBOOK) bench

## lock: regenerate requirements.txt (exact versions with hashes) from requirements.in
lock:
	$(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install -q pip-tools==7.6.2
	.venv-lock/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-header -o requirements.txt requirements.in
	rm -rf .venv-lock

$(STAMP): requirements.txt pyproject.toml
	scripts/install_system_deps.sh  # PyICU compiles against Debian's ICU
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-* && touch $@

clean:
	rm -rf site .site-* test-artifacts .pytest_cache .hypothesis
