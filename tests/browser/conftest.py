"""Browser journeys: Playwright for Python driving Debian's Chromium against a live server.

Each journey sets up its own data. When a journey fails, a screenshot of the page it was on
is saved to test-artifacts/. `check_accessibility(page)` runs axe-core at WCAG 2.2 AA.
"""

import os
import re
import threading
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.servers.basehttp import ThreadedWSGIServer
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections
from django.test.testcases import LiveServerThread

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
_axe = Axe()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.journey_failed = report.failed
    return report


@pytest.fixture(scope="session", autouse=True)
def actions_wait_for_the_page_they_open():
    """A click, check or key press that opens a page returns once that page has loaded.

    Playwright returns from an action once the page it opened has started to arrive, so
    an assertion made straight after could see half a page (a faster machine hides this).
    Waiting for the load event makes every assertion see the whole page.
    """
    from playwright.sync_api import Locator

    originals = {name: getattr(Locator, name) for name in ("click", "check", "press")}

    def settled(action):
        def act(self, *args, **kwargs):
            result = action(self, *args, **kwargs)
            self.page.wait_for_load_state("load")
            return result

        return act

    for name, action in originals.items():
        setattr(Locator, name, settled(action))
    yield
    for name, action in originals.items():
        setattr(Locator, name, action)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium is not installed at {CHROMIUM}: run bin/test, which installs it.")
    from playwright.sync_api import sync_playwright

    # The live server runs in a thread of this process; Playwright's sync API runs its own
    # event loop, which Django would otherwise take for an async context.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


class OneAtATimeHandler(StaticFilesHandler):
    """Handles one request at a time, as the requests share one database connection."""

    lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            return super().__call__(environ, start_response)


class SharedConnectionServer(ThreadedWSGIServer):
    """Serves each request with the test's database connection."""

    def _close_connections(self):
        pass  # the connection belongs to the test, which rolls it back


class SharedConnectionThread(LiveServerThread):
    server_class = SharedConnectionServer

    def __init__(self, connection):
        super().__init__("localhost", OneAtATimeHandler)
        self.shared = {"default": connection}

    def _create_server(self, connections_override=None):
        return super()._create_server(connections_override=self.shared)


class LiveServer:
    """The site served from a thread that shares the test's database connection.

    Each journey runs inside the test's transaction (rolled back afterwards, like any
    `db` test), so what the migrations created stays in place and journeys stay
    independent and fast.
    """

    def __init__(self):
        for signal in (request_started, request_finished):
            signal.disconnect(close_old_connections)
        self.connection = connections["default"]
        self.connection.inc_thread_sharing()
        self.thread = SharedConnectionThread(self.connection)
        self.thread.daemon = True
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error
        self.url = f"http://localhost:{self.thread.port}"

    def stop(self):
        self.thread.terminate()
        self.connection.dec_thread_sharing()
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@pytest.fixture
def site_server(db, settings):
    settings.ALLOWED_HOSTS = ["localhost"]
    settings.DEBUG = False
    server = LiveServer()
    yield server
    server.stop()


@pytest.fixture
def page(request, browser, site_server):
    context = browser.new_context(base_url=site_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    yield page
    if getattr(request.node, "journey_failed", False):
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()


def check_accessibility(page, label: str = ""):
    """Run axe-core on the current page; fail with a readable list of any violations."""
    page.wait_for_load_state("load")
    results = _axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]},
    )
    violations = results.response["violations"]
    if violations:
        lines = [f"Accessibility violations on {label or page.url}:"]
        for violation in violations:
            targets = [", ".join(node["target"]) for node in violation["nodes"]][:5]
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.extend(f"    at {target}" for target in targets)
        pytest.fail("\n".join(lines))


def visit(page, path: str, label: str = ""):
    """Go to a page, check it loaded without errors, and run the accessibility check."""
    response = page.goto(path)
    assert response is not None and response.status < 400, f"{path} answered {response.status}"
    check_accessibility(page, label or path)
    return response


COUNT_FOCUSABLE = """() => [...document.querySelectorAll(
    'a[href], button:not([hidden]), input:not([type=hidden]), select, textarea')]
  .filter(el => el.offsetParent !== null || el.classList.contains('govuk-skip-link')).length"""
FOCUSED = """() => { const el = document.activeElement; const style = getComputedStyle(el);
  return {tag: el.tagName, text: (el.textContent || el.value || '').trim().slice(0, 40),
          visible: style.outlineStyle !== 'none' || style.boxShadow !== 'none'
                   || style.backgroundColor === 'rgb(255, 221, 0)'}; }"""


def check_keyboard(page, path: str) -> list[str]:
    """Tab through a page: every focusable element is reached and visibly focused.

    Returns the text of the elements reached, in order.
    """
    page.goto(path)
    expected = page.evaluate(COUNT_FOCUSABLE)
    seen = []
    for _ in range(expected + 2):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUSED)
        if info["tag"] == "BODY":
            break
        assert info["visible"], f"No visible focus on {info} at {path}"
        seen.append(info["text"])
    assert len(seen) >= expected, f"Tab reached {len(seen)} of {expected} elements on {path}"
    return seen
