# The two set-up commands: `make run` serves the bundled sample, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= var/store
HOST ?= 127.0.0.1
PORT ?= 5000

.PHONY: run test lint format clean bench bench-scale tools open-data-snapshot

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# `make run` installs what serving needs; `make test` adds the test tools (the `test` extra).
$(VENV)/.installed-run: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed: $(BIN)/python setup.cfg pyproject.toml
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed-run

# The query editor's browser code (YASGUI, Chart.js) from npm, into var/editor (never
# committed). Without npm the editor is a plain query form, and its browser tests skip.
EDITOR_DIR := var/editor
EDITOR := $(EDITOR_DIR)/node_modules/.package-lock.json
$(EDITOR): server/editor/package.json server/editor/package-lock.json
	@if command -v npm >/dev/null; then \
	  mkdir -p $(EDITOR_DIR) && \
	  cp server/editor/package.json server/editor/package-lock.json $(EDITOR_DIR)/ && \
	  npm ci --prefix $(EDITOR_DIR) --no-audit --no-fund --ignore-scripts; \
	else echo "npm not found: /editor will be a plain query form (install Node.js for YASGUI)"; fi

# UI text: the gettext catalogues (server/translations/*/LC_MESSAGES/*.po) compiled to .mo
# (never committed); the test suite compiles stale ones itself too (tests/conftest.py).
CATALOGUES = $(BIN)/pybabel -q compile -d server/translations

run: $(VENV)/.installed-run $(EDITOR)
	$(CATALOGUES)
	$(BIN)/legisgraph --store $(STORE) load samples/legco
	$(BIN)/legisgraph --store $(STORE) sync snapshot samples/legco-open-data.nq.gz
	$(BIN)/legisgraph --store $(STORE) serve --host $(HOST) --port $(PORT)

# Every test on the embedded store, then the tests that reach data through the app again on
# each real remote engine (the native Oxigraph server, Virtuoso). pytest's exit 5 (no tests) fails.
test: $(VENV)/.installed $(EDITOR) tools
	$(CATALOGUES)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(call pytest)
	$(call pytest,-m engine --engine oxigraph)
	$(call pytest,-m engine --engine virtuoso)

define pytest
	$(BIN)/python -m pytest -p no:cacheprovider $(1); status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing"; exit 1; fi; exit $$status
endef

# System packages the tests use: Virtuoso (a remote engine), Chromium (browser tests), a CJK
# font (so the browser tests' screenshots show Chinese) and Tesseract OCR (scanned PDFs).
# Installed with apt when running as root (CI, fresh machines); otherwise those tests skip.
tools:
	@missing=""; command -v virtuoso-t >/dev/null || missing="$$missing virtuoso-opensource"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	{ command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -q chi_tra; } || missing="$$missing tesseract-ocr tesseract-ocr-chi-tra tesseract-ocr-eng"; \
	{ command -v fc-list >/dev/null && fc-list :lang=zh | grep -q .; } || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing$$missing"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else echo "not root: the tests that need$$missing will skip"; fi; fi

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var build *.egg-info

bench: $(VENV)/.installed
	$(BIN)/python -m bench.endpoint

bench-scale: $(VENV)/.installed
	$(BIN)/python -m bench.scale

# Rebuild samples/legco-open-data.nq.gz (what `make run` serves besides samples/legco/) from
# LegCo's recorded open-data answers in ../shared/legco-api-samples, as `harvest legco` maps them.
open-data-snapshot: $(VENV)/.installed
	$(BIN)/python -m loader.sync.snapshot_build
