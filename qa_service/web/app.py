"""The app factory: configuration, the per-worker service, then every web concern registered once."""

from __future__ import annotations

import logging
from typing import Any

from flask import Config, Flask

from qa_service import config as defaults
from qa_service.answering.service import QAService, Settings
from qa_service.answering.shared_cache import SharedAnswerCache
from qa_service.web.strict_json import StrictJSONProvider


def create_app(test_config: dict[str, Any] | None = None, *, encoder: Any = None) -> Flask:
    """Build the app: defaults, then QA_* environment variables, then test overrides."""
    app = Flask(__name__.rsplit(".", 1)[0])  # templates/ and static/ sit beside this module
    app.json = StrictJSONProvider(app)  # request bodies: no lone surrogates, NaN, huge ints, deep nesting
    app.config.from_mapping(defaults.DEFAULTS)
    app.config.from_prefixed_env("QA")
    if test_config:
        app.config.from_mapping(test_config)
    logging.basicConfig(level=logging.INFO)
    app.extensions["qa"] = _service(app.config, encoder)
    _register(app)
    return app


def _service(config: Config, encoder: Any) -> QAService:
    """Load the encoder (unless one is injected) and the index, once per worker."""
    if encoder is None:
        from qa_service.encoders import (
            load_encoder,  # imported here so unit tests with a fake never load a model
        )

        encoder = load_encoder(str(config["ENCODER"]), config["MODEL"], config["ONNX_MODEL"])
    settings = Settings.from_config(config)
    service = QAService(defaults.index_dir(config), encoder, settings, _shared_cache(config))
    if service.load() and config["WARMUP"]:
        encoder.encode_queries(["warm up"])
    return service


def _shared_cache(config: Config) -> SharedAnswerCache | None:
    """Return the Redis answer cache every replica shares, when QA_REDIS_URL is set."""
    if not config["REDIS_URL"]:
        return None
    import redis  # only deployments with Redis need the client loaded

    # short timeouts: a slow Redis must cost a cache miss, not a slow answer
    client = redis.Redis.from_url(str(config["REDIS_URL"]), socket_timeout=0.2, socket_connect_timeout=0.2)
    return SharedAnswerCache(client, int(config["SHARED_CACHE_SECONDS"]))


def _register(app: Flask) -> None:
    """Attach every concern: errors, limits, headers, logs, reloads, routes, CORS, editorial storage."""
    from qa_service.web import editorial, errors, headers, observability, rate_limits, reload
    from qa_service.web.evidence.views import init_evidence
    from qa_service.web.views import api, health, pages, quote_check
    from qa_service.web.views.openapi import bp as openapi_bp

    errors.register_error_handlers(app)
    rate_limits.init_limits(app)
    headers.init_security(app)
    observability.init_observability(app)
    reload.init_reload(app)
    app.register_blueprint(openapi_bp)  # GET /openapi.json
    app.register_blueprint(api.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(pages.bp)  # chat page, /search, /passages/<id>, /widget.js
    app.register_blueprint(quote_check.api_bp)  # POST /api/quote-check
    app.register_blueprint(quote_check.page_bp)  # GET /quote-check, the no-JS form
    init_evidence(app)  # /documents, originals, page images, /api/passages/<id>/evidence
    headers.init_cors(app)  # /api/* for the QA_ALLOWED_ORIGINS only
    editorial.init_editorial(app)
