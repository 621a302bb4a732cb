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


# /metrics across workers (prometheus-client multiprocess mode): with PROMETHEUS_MULTIPROC_DIR set every
# worker writes its counters to files there and a scrape sums them. Stale files from an earlier run
# would be summed too, so the master empties the folder once at start; a dead worker is marked so its
# live gauges drop out (its counters stay: the requests it served did happen).
def on_starting(server):
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        os.makedirs(folder, exist_ok=True)
        for name in os.listdir(folder):
            if name.endswith(".db"):
                os.remove(os.path.join(folder, name))


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
