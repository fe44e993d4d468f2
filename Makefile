# Two commands do everything on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
export GRADIO_ANALYTICS_ENABLED := False
export ANONYMIZED_TELEMETRY := False
export HF_HUB_OFFLINE := 1

.PHONY: run test install install-test ingest clean browser ocr eval-library

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed
	# torch first, pinned, so sentence-transformers takes the CPU build on disk, not CUDA
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[st,test]'
	touch $@

# Browser tests drive Debian's Chromium (no browser download); screenshots need a CJK font.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || [ ! -d /usr/share/fonts/opentype/noto ]; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
		else echo "note: chromium/fonts-noto-cjk not installed and not root: browser tests will be skipped"; fi; \
	fi

# Scanned PDFs are read by Debian's tesseract (Chinese model) on pages rendered by poppler's pdftoppm.
ocr:
	@if ! command -v tesseract >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1 || ! tesseract --list-langs 2>/dev/null | grep -qx chi_sim; then \
		if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-chi-sim poppler-utils >/dev/null; \
		else echo "note: tesseract-ocr/tesseract-ocr-chi-sim/poppler-utils not installed and not root: OCR tests will be skipped (sudo apt-get install tesseract-ocr tesseract-ocr-chi-sim poppler-utils)"; fi; \
	fi

install: $(VENV)/.installed
install-test: $(VENV)/.test-installed browser ocr

ingest: install
	$(VENV)/bin/planqa ingest

run: install
	$(VENV)/bin/planqa ingest
	$(VENV)/bin/planqa serve

# lint first (cheap): ruff (pyproject [tool.ruff]) and the one-way layers (pyproject [tool.importlinter])
test: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) -m pytest -q -p no:cacheprovider

clean:
	rm -rf $(VENV) .planqa

# The whole development library (../shared/library, ~1.4 M characters: about 25 minutes of embedding on
# 2 idle cores) and both library gold sets, beside the BM25 baseline (dense512 would embed it all again).
LIBRARY ?= ../shared/library
eval-library: install
	$(VENV)/bin/planqa ingest data/plans $(LIBRARY) --index .planqa/library-index --progress-json
	$(VENV)/bin/planqa eval --index .planqa/library-index --gold eval/gold_library.jsonl --configs product,bm25
	$(VENV)/bin/planqa eval --index .planqa/library-index --gold eval/gold_library_heldout.jsonl --configs product,bm25
