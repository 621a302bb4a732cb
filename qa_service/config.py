"""Defaults for every setting; `create_app` overlays QA_* environment variables and test overrides."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

DEFAULTS: dict[str, object] = {
    "SOURCE_DIR": str(ROOT / "source_docs"),
    "INDEX_DIR": str(ROOT / "index"),
    "MODEL": None,  # None = the packaged all-MiniLM-L6-v2
    # What the pages and the widget call the service and the documents (masthead, intro, titles, labels)
    "SITE_NAME": "Ask the report",
    "PUBLISHER_NAME": "LGIU",  # "" = none shown
    "CORPUS_NAME": "Rationalising Partnerships and Plans",
    # Query encoder: "onnx-int8" (the packaged weights exported by scripts/export_onnx.py; 5x faster per
    # question, same top-5, see docs/performance.md) or "torch" (fp32). The index is always built fp32.
    "ENCODER": "onnx-int8",
    "ONNX_MODEL": None,  # None = .cache/onnx/<weights checksum>/model-int8.onnx, exported on first use
    "QUERY_CACHE_SIZE": 1024,  # answers kept per worker for repeated questions (0 = off)
    "DEFAULT_K": 5,
    "MAX_K": 20,
    "MAX_QUESTION_CHARS": 1000,
    "MAX_HISTORY": 10,  # previous turns a follow-up may send
    "MAX_QUOTE_CHARS": 2000,  # POST /api/quote-check and /quote-check
    "COVER_THRESHOLD": 0.32,  # calibrated by scripts/calibrate.py, see docs/answer-quality.md
    "WARMUP": True,  # encode one question at start so the first user does not pay for lazy loading
    "JSON_SORT_KEYS": False,
    # Production hardening (web/: rate_limits.py, headers.py, observability.py, reload.py; docs/operations.md)
    "MAX_CONTENT_LENGTH": 256 * 1024,  # 413 above this: a question plus 10 history turns fits many times
    "RATELIMIT_ENABLED": True,
    "RATE_LIMIT": "60 per minute",  # per client over /api/* and /admin/*: ample for a person, not a script
    "RATELIMIT_STORAGE_URI": "memory://",  # per worker; QA_REDIS_URL replaces it with the shared Redis
    # Scale-out (docs/operations.md): one Redis for every replica's rate-limit counters and answer cache
    "REDIS_URL": None,  # e.g. redis://redis:6379/0; None = per-process counters and cache (one machine)
    "SHARED_CACHE_SECONDS": 3600,  # how long a shared answer lives in Redis (keys carry the index version)
    "INDEX_SHARED_DIR": None,  # shared volume the build publishes versions to; replicas fetch and verify
    "TRUSTED_PROXIES": 0,  # X-Forwarded-For hops to trust; 0 = use the socket address (no spoofing)
    "FRAME_ANCESTORS": "'self'",  # who may frame the pages (CSP frame-ancestors)
    "REFERRER_POLICY": "strict-origin-when-cross-origin",
    "LOG_CLIENT_IP": False,  # request logs carry no client address unless this is on
    "ADMIN_TOKEN": None,  # POST /admin/reload and the /admin/ dashboard are disabled (404) until set
    "INDEX_CHECK_SECONDS": 10,  # a request may trigger a check for a new index this often (-1 = never)
    "RELOAD_ON_SIGHUP": True,
    "ALLOWED_ORIGINS": "",  # comma-separated sites that may call /api/* from a browser (the widget's hosts)
    # Editorial loop (editorial/: db.py, answers.py, feedback.py, retention.py; web/views/: permalinks, admin)
    "DATA_DIR": str(ROOT / "data"),  # the SQLite database lives here unless DATABASE_URL says otherwise
    "DATABASE_URL": None,  # e.g. postgresql+psycopg://user:pass@host/db; None = sqlite in DATA_DIR
    "LOG_QUESTIONS": True,  # store question text with each answer (off: permalinks and stats omit it)
    "RETENTION_DAYS": 90,  # answers and feedback older than this are purged (start-up, hourly, CLI)
    "GAP_SIMILARITY": 0.7,  # same gap at this cosine: MiniLM paraphrases 0.72+, other topics up to 0.63
    # Document library (editorial/library/, web/library/): uploads over this are refused (413) unread
    "MAX_UPLOAD_MB": 50,
    # Evidence on the page (ingest/pages/, web/evidence/): PDF pages rendered in the sandbox, cached on disk
    "PAGE_IMAGE_WIDTH": 1240,  # pixels: an A4 page at ~150 dpi, readable on a laptop, zoomable on a phone
    "PAGE_CACHE_DIR": None,  # None = DATA_DIR/page-cache; shared by every worker (files, atomic renames)
    "PAGE_CACHE_MB": 256,  # least recently used pages are dropped beyond this
}


def source_dir(config: dict[str, object]) -> Path:
    """Return the configured source folder."""
    return Path(str(config["SOURCE_DIR"]))


def index_dir(config: dict[str, object]) -> Path:
    """Return the configured index folder."""
    return Path(str(config["INDEX_DIR"]))


def number(config: Mapping[str, object], name: str) -> int:
    """Return a whole-number setting (a limit or size) from a config mapping (DEFAULTS or the app's)."""
    return int(config[name])  # type: ignore[call-overload]
