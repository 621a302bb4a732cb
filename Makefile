# The two commands: `make run` (set up, build the index if stale, serve) and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000
export HF_HUB_OFFLINE := 1
export TOKENIZERS_PARALLELISM := false

.PHONY: setup lock onnx index run test lint typecheck eval bench browser screenshots ocr postgres servers podman image clean

setup: $(STAMP)

# torch 2.13.0 (a CPU wheel on this machine) goes in first; otherwise sentence-transformers pulls a
# multi-GB CUDA build. The stamp depends on pyproject.toml, so a dependency change re-installs.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade "pip>=25.1"
	$(BIN)/pip install --quiet "torch==2.13.0"
	$(BIN)/pip install --quiet -c constraints.txt -e . --group dev
	touch $(STAMP)

# Pin what is installed now as the known-good set (after a deliberate dependency upgrade).
lock: setup
	{ head -2 constraints.txt; $(BIN)/pip freeze --exclude-editable | grep -v '^qa[-_]service'; } > constraints.tmp
	mv constraints.tmp constraints.txt

# The int8 ONNX query encoder (QA_ENCODER=onnx-int8, the default): exported offline from the packaged
# weights in ~20 s, once; a no-op when .cache/onnx/ already holds it.
onnx: setup
	$(BIN)/python scripts/export_onnx.py

index: setup onnx ocr
	$(BIN)/python scripts/build_index.py

run: index
	PORT=$(PORT) exec $(BIN)/gunicorn -c gunicorn.conf.py 'qa_service:create_app()'

# Debian's chromium for the real-browser tests (Playwright drives it; it never downloads its own).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

# Screenshots of the chat page and the widget (desktop, 375 px phone) into docs/img/, taken by a browser test.
screenshots: setup browser
	QA_UPDATE_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/browser/test_browser_screenshots.py tests/browser/test_browser_evidence.py \
		tests/browser/test_browser_evidence_scan.py

# Debian's Tesseract 5 for PDF pages without a text layer (ingest/readers/ocr/, chosen in docs/ocr.md).
ocr:
	@command -v tesseract >/dev/null || { apt-get update -qq && apt-get install -y -qq tesseract-ocr >/dev/null; }

# Debian's PostgreSQL for the storage tests on PostgreSQL (the tests start and stop their own server).
postgres:
	@test -x /usr/lib/postgresql/*/bin/initdb 2>/dev/null || command -v initdb >/dev/null || { apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; }

# Debian's Redis, HAProxy and wrk for the scale-out test (tests/e2e/test_scale_out.py starts its own).
servers:
	@{ command -v redis-server && command -v haproxy && command -v wrk; } >/dev/null || { apt-get update -qq && apt-get install -y -qq redis-server haproxy wrk >/dev/null; }

# Debian's podman and debootstrap for the image build and its slow test (tests/deploy/test_image.py).
podman:
	@{ command -v podman && command -v debootstrap; } >/dev/null || { apt-get update -qq && apt-get install -y -qq podman debootstrap >/dev/null; }

# The container image, built for real: podman on a base debootstrapped from Debian's packages (made once,
# kept as qa-service-base:bookworm), then its filesystem asked one question under chroot. README "Deploy".
IMAGE ?= qa-service:latest
image: podman
	deploy/build_image.sh $(IMAGE)
	$(PYTHON) deploy/chroot_ask.py $(IMAGE)

test: setup onnx browser ocr postgres servers podman
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python -m pytest

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy

# Every benchmark in one run (SciFact, PolicyQA retrieval + answers, report PDF, golden set): writes the
# table into docs/evaluation.md. 128 s measured with .cache/eval/ warm; a cold cache first embeds the corpora
# and builds the PolicyQA and PDF indexes (~2 min for those two here, plus SciFact's 5,183 abstracts).
eval: setup ocr
	$(BIN)/python scripts/eval_all.py

# Benchmarks (not tests; ~15 min on 2 cores): writes docs/performance.md and docs/img/latency.png.
bench: setup onnx
	$(BIN)/python -m bench.run_all

clean:
	rm -rf index/current index/versions index/.current.*.tmp .pytest_cache
