# Skole–hjem-håndboka. Two commands to start: `make serve` (read and write) and
# `make test` (everything CI runs). See README.md.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha1sum | cut -c1-12)

# Material prints an end-of-life banner on every run unless this is set.
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve build test bench lock system-deps clean new-language translation-status translation-stamp translation-review law-report citations publish bench

## serve: the site on http://127.0.0.1:8000 with live reload
serve: $(STAMP)
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000 --livereload

## build: the complete site into site/ (all languages, search index, PDFs, every check); atomic
build: $(STAMP) system-deps
	$(PY) scripts/build.py

## test: installs what it needs (Python packages; Chromium and fonts when root) and runs pytest
test: $(STAMP) system-deps
	$(PY) -m pytest

## new-language: scaffold a parent language, e.g. make new-language CODE=so NAME=Soomaali NAME_NB=somali
new-language: $(STAMP)
	$(PY) scripts/new_language.py "$(CODE)" "$(NAME)" --name-nb "$(NAME_NB)" $(if $(RTL),--rtl)

## translation-status: every parent page in every language (draft/reviewed, up to date/outdated/missing)
translation-status: $(STAMP)
	$(PY) scripts/translation.py status

## translation-stamp: record that FILE now matches the newest Norwegian text
translation-stamp: $(STAMP)
	$(PY) scripts/translation.py stamp $(FILE)

## translation-review: mark FILE as checked by a qualified translator, e.g. REVIEWER="Navn Navnesen"
translation-review: $(STAMP)
	$(PY) scripts/translation.py review $(FILE) --reviewer "$(REVIEWER)"

## law-report: unverified law references, and references not verified in the last 12 months
law-report: $(STAMP)
	$(PY) scripts/law_report.py

## citations: each citation of the five source documents beside the cited lines, and its review status (FILE=docs/nb/… for one page)
citations: $(STAMP)
	$(PY) scripts/citations.py $(FILE)

## system-deps: Debian packages the tests and the PDF build need (installed only when root)
system-deps:
	scripts/install_system_deps.sh

## publish: record every page and anchor of the built site as published (data/published.yml)
publish: build
	$(PY) scripts/publish.py

## bench: build time, checks overhead, a 1,000-page synthetic handbook, page weight and search speed
bench: $(STAMP) system-deps
	$(PY) scripts/bench.py

## lock: regenerate requirements.txt (exact versions with hashes) from requirements.in
lock:
	$(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install -q pip-tools==7.6.2
	.venv-lock/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-header -o requirements.txt requirements.in
	rm -rf .venv-lock

$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-* && touch $@

clean:
	rm -rf site .site-* test-artifacts .pytest_cache .hypothesis
