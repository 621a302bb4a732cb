"""Real-browser fixtures: the app on a free port (real model, seed index), a foreign-origin host page
server, a second app over a fictional hostile document, and Debian's chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = ROOT / "source_docs"
NO_RATE_LIMIT = {"RATELIMIT_ENABLED": False}  # many questions in a few seconds are the point here
CHROMIUM = "/usr/bin/chromium"  # Debian's package (make browser); Playwright never downloads its own
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_ENDPOINT = "http://127.0.0.1:8000"  # what examples/embed.html points at; rewritten per test run
# Plainly fictional test data: markup that must stay inert wherever the page or widget shows it.
HOSTILE_DOC = (
    "Fictional Borough partnership notes, written only to test the widget.\n\n"
    'The fictional partnership board met <img src=x onerror="window.__pwned=1;alert(1)"> every month '
    "to agree one joint plan.\n\n"
    "A fictional officer wrote <script>window.__pwned=2;alert(2)</script> that the joint plan replaced "
    "nine older plans.\n\n"
    'The fictional summary lives at <a href="javascript:alert(3)">javascript:alert(3)</a> for the board.'
)
HOSTILE_META = '{"title": "Fictional <img src=x onerror=alert(4)> notes", "publisher": "Test Unit (TU)"}'
HOSTILE_CSS = (
    "<style>* { color: red !important; font-family: monospace !important; font-size: 30px !important; "
    "background: yellow !important } button { display: none !important } "
    "qa-widget { letter-spacing: 4px }</style>"
)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        """Keep the host server quiet in test output."""


def _serve(server) -> str:  # type: ignore[no-untyped-def]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


@pytest.fixture(scope="session")
def host_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("host-site")


@pytest.fixture(scope="session")
def host_origin(host_dir) -> Iterator[str]:
    """A static 'foreign' site on its own port, like a council website embedding the widget."""
    handler = functools.partial(_QuietHandler, directory=str(host_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    yield _serve(server)
    server.shutdown()
    server.server_close()


def _live(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    server = make_server("127.0.0.1", 0, app, threaded=True)
    yield _serve(server)
    server.shutdown()
    server.server_close()


def _make_app(index: Path, source: Path, data: Path, encoder, origin: str, monkeypatch):  # type: ignore[no-untyped-def]
    from qa_service import create_app

    monkeypatch.setenv("QA_ALLOWED_ORIGINS", origin)  # the deployment knob, read by the factory
    config = {"TESTING": True, "INDEX_DIR": str(index), "SOURCE_DIR": str(source), "DATA_DIR": str(data)}
    return create_app(config | NO_RATE_LIMIT | {"WARMUP": False}, encoder=encoder)


@pytest.fixture(scope="session")
def live_server(seed_index, real_encoder, host_origin, tmp_path_factory) -> Iterator[str]:
    """The app over the real seed index with the real model, allowing the host site's origin."""
    with pytest.MonkeyPatch.context() as mp:
        app = _make_app(seed_index, SEED_DIR, tmp_path_factory.mktemp("data"), real_encoder, host_origin, mp)
    yield from _live(app)


@pytest.fixture(scope="session")
def serve_folder(real_encoder, host_origin, tmp_path_factory) -> Iterator[Callable[[Path], str]]:
    """Return serve(source): index a folder of documents with the real model and serve the app over it on
    a free port, allowing the host site's origin; every server stops at the end of the session."""
    from qa_service.ingest.build import build_index

    running: list[Iterator[str]] = []

    def serve(source: Path) -> str:
        index = tmp_path_factory.mktemp("index")
        build_index(source, index, real_encoder, progress=False)
        with pytest.MonkeyPatch.context() as mp:
            app = _make_app(index, source, tmp_path_factory.mktemp("data"), real_encoder, host_origin, mp)
        running.append(_live(app))
        return next(running[-1])

    yield serve
    for server in running:
        next(server, None)  # shuts it down


@pytest.fixture(scope="session")
def embed_page(host_dir, host_origin) -> Callable[..., str]:
    """Return embed(name, endpoint, head=""): examples/embed.html pointed at an app (extra markup in its
    head), saved on the host site; its URL there."""
    demo = (ROOT / "examples" / "embed.html").read_text(encoding="utf-8")

    def embed(name: str, endpoint: str, head: str = "") -> str:
        html = demo.replace(DEMO_ENDPOINT, endpoint).replace("</head>", head + "</head>")
        (host_dir / f"{name}.html").write_text(html, encoding="utf-8")
        return f"{host_origin}/{name}.html"

    return embed


@pytest.fixture(scope="session")
def ask_widget(embed_page) -> Callable[..., object]:
    """Return ask_widget(page, server, question): the inline widget of the demo host page pointed at that
    server, the question asked in it; returns the widget's locator."""

    def put(page, server: str, question: str):  # type: ignore[no-untyped-def]
        page.goto(embed_page(f"embed-{server.rsplit(':', 1)[-1]}", server))
        widget = page.locator("#inline-widget")
        widget.locator("#q").fill(question)
        widget.locator("#q").press("Enter")
        return widget

    return put


@pytest.fixture(scope="session")
def hostile_server(serve_folder, tmp_path_factory) -> str:
    """An app over one fictional document full of markup and script."""
    source = tmp_path_factory.mktemp("hostile-docs")
    (source / "hostile.txt").write_text(HOSTILE_DOC, encoding="utf-8")
    (source / "hostile.txt.meta.json").write_text(HOSTILE_META, encoding="utf-8")
    return serve_folder(source)


@pytest.fixture(scope="session")
def host_pages(embed_page, live_server, hostile_server) -> dict[str, str]:
    """examples/embed.html pointed at the test servers, plus a variant with hostile host CSS."""
    return {
        "embed": embed_page("embed", live_server),
        "hostile-css": embed_page("hostile-css", live_server, HOSTILE_CSS),
        "hostile-doc": embed_page("hostile-doc", hostile_server),
    }


@pytest.fixture(scope="session")
def ask() -> Callable[..., None]:
    """Return ask(page, server, question): put the question to the chat page of that server."""

    def put(page, server: str, question: str) -> None:  # type: ignore[no-untyped-def]
        page.goto(server + "/")
        page.get_by_label("Ask a question about the report").fill(question)
        page.keyboard.press("Enter")

    return put


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(20_000)
    yield context
    context.close()


@pytest.fixture
def dialogs() -> list[str]:
    """Messages of any alert/confirm/prompt a page opened (there should be none)."""
    return []


@pytest.fixture
def console_errors() -> list[str]:
    """Console errors a page logged, e.g. CSP violations or script exceptions (there should be none)."""
    return []


@pytest.fixture
def page(context, dialogs, console_errors):
    page = context.new_page()

    def record(dialog) -> None:  # type: ignore[no-untyped-def]
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)

    def console(message) -> None:  # type: ignore[no-untyped-def]
        # a missing favicon on the static host server is not the page's fault; every other error is
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            console_errors.append(message.text)

    page.on("console", console)
    page.on("pageerror", lambda error: console_errors.append(str(error)))
    return page


# WCAG 2.x contrast of every visible element that holds text against its nearest opaque background
# (walking out of shadow roots); returns the elements under 4.5:1.
LOW_CONTRAST_JS = """(root) => {
  const rgb = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
  const lum = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const background = (el) => {
    for (let n = el; n; n = n.parentElement || n.getRootNode().host) {
      const c = rgb(getComputedStyle(n).backgroundColor);
      if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const el of root.querySelectorAll('*')) {
    const hasText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!hasText || !el.getClientRects().length) continue;
    const [hi, lo] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    if (ratio < 4.5) low.push(`${el.tagName}.${el.className} ${ratio.toFixed(2)}`);
  }
  return low;
}"""


@pytest.fixture
def low_contrast():
    """Return a function listing the low-contrast text elements under a root (document or shadow root)."""

    def check(page, root_expression: str) -> list[str]:
        return page.evaluate(LOW_CONTRAST_JS, page.evaluate_handle(root_expression))

    return check
