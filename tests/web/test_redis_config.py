"""QA_REDIS_URL wires the shared rate-limit counters and answer cache; an unreachable Redis degrades."""

from qa_service.answering.shared_cache import SharedAnswerCache

DOCS = {"doc.txt": "Councils run local partnerships.\n\nThe government sets targets for councils."}
DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1: every call is refused at once


def test_without_redis_the_single_machine_defaults_stay(fake_app_factory):
    app = fake_app_factory(DOCS)
    assert app.extensions["qa"].shared is None
    assert app.extensions["qa_limiter"]._storage_uri == "memory://"


def test_redis_url_shares_limits_and_cache(fake_app_factory):
    app = fake_app_factory(DOCS, REDIS_URL=DEAD_REDIS, RATELIMIT_ENABLED=True)
    assert isinstance(app.extensions["qa"].shared, SharedAnswerCache)
    assert app.extensions["qa_limiter"]._storage_uri == DEAD_REDIS


def test_an_unreachable_redis_still_answers_and_still_limits(fake_app_factory):
    app = fake_app_factory(DOCS, REDIS_URL=DEAD_REDIS, RATELIMIT_ENABLED=True, RATE_LIMIT="3 per minute")
    client = app.test_client()
    codes = [
        client.post("/api/ask", json={"question": "Who runs partnerships?"}).status_code for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]  # counted in memory until Redis is back
    assert app.extensions["qa"].shared.misses >= 1
