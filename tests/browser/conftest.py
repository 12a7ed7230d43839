"""A real browser on the built seed site: Debian's chromium driven by Playwright, no network."""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "artifacts" / "screenshots"
#: Generous for a loaded 2-core machine; a healthy page answers in well under a second.
TIMEOUT_MS = 15_000

pytestmark = pytest.mark.browser


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - keep test output clean
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """A folder served from a thread on 127.0.0.1 (a free port); yields its URL."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


#: Articles the browser tests add to the seed corpus: a Russian one (language, Cyrillic search).
READER_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "reader"


@pytest.fixture(scope="session")
def reader_site(seed_site: Path, tmp_path_factory) -> Path:
    """The seed project plus the reader fixtures, built once per session: a copy of the seed project
    (its cache too, so only the added articles are analysed) rebuilt with them."""
    from newswiki.config import Config
    from newswiki.pipeline import build

    root = tmp_path_factory.mktemp("reader") / "project"
    shutil.copytree(seed_site, root, symlinks=True)
    for path in sorted(READER_FIXTURES.iterdir()):
        if path.suffix in (".txt", ".yml"):
            shutil.copy(path, root / "corpus" / path.name)
    result = build(Config.for_root(root, workers=1))
    assert result.ok, result.problems
    return root


@pytest.fixture(scope="session")
def site_url(reader_site: Path):
    """The seed site with the reader fixtures, served."""
    with serve(reader_site / "site") as url:
        yield url


#: Article pages per search shard in the sharded copy of the seed site: several shards from few pages.
TEST_SHARD_PAGES = 2


@pytest.fixture(scope="session")
def sharded_site_url(reader_site: Path, tmp_path_factory):
    """A copy of the reader site whose search index is split into shards, as a large site's is, served."""
    from newswiki.search_index import MAIN_BUNDLE, index_site

    site = tmp_path_factory.mktemp("sharded") / "site"
    shutil.copytree(reader_site / "site", site)
    shutil.rmtree(site / MAIN_BUNDLE)
    assert index_site(site, shard_pages=TEST_SHARD_PAGES) > 2
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium); browser tests need it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


class Watch:
    """What a page did that a reader must never see: console errors, failed or off-site requests."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.offsite: list[str] = []

    def check(self) -> None:
        assert not self.offsite, f"requests leaving 127.0.0.1: {self.offsite}"
        assert not self.errors, f"console errors: {self.errors}"


@pytest.fixture
def open_page(browser, site_url):
    """Factory: open_page(viewport=..., color_scheme=...) -> (page, watch); checks the watch at the end."""
    contexts = []
    watches = []

    def factory(viewport=None, color_scheme="light"):
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, color_scheme=color_scheme)
        context.set_default_timeout(TIMEOUT_MS)
        watch = Watch()

        def route(route):
            host = urlsplit(route.request.url).hostname
            if host == "127.0.0.1" or route.request.url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                watch.offsite.append(route.request.url)
                route.abort()

        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda msg: msg.type == "error" and watch.errors.append(msg.text))
        page.on("pageerror", lambda err: watch.errors.append(str(err)))
        # Aborted requests are the off-site ones above, or ones cut short by leaving the page.
        page.on("requestfailed", lambda req: req.failure != "net::ERR_ABORTED" and watch.errors.append(f"failed: {req.url}"))
        contexts.append(context)
        watches.append(watch)
        return page, watch

    yield factory
    for context in contexts:
        context.close()
    for watch in watches:
        watch.check()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)
