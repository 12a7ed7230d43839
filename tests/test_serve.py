"""The preview (`newswiki serve`, behind `make serve`): serves the wiki with its search index,
builds again after a saved edit, and stops when asked."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import make_project

pytestmark = pytest.mark.slow
NEWSWIKI = str(Path(sys.executable).with_name("newswiki"))
#: A first build of the seeds takes about 15 s on a quiet machine; the shared one is slower.
STARTUP_SECONDS = 300


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, b""


def wait_for(url: str, seconds: float, process: subprocess.Popen) -> bytes:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()[1]
        try:
            status, body = fetch(url)
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            status, body = 0, b""
        if status == 200:
            return body
        time.sleep(0.5)
    raise AssertionError(f"{url} not served within {seconds} s")


def test_serve_previews_the_wiki_with_search_and_rebuilds_an_edit(tmp_path: Path):
    root = make_project(tmp_path / "p", seeds=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    process = subprocess.Popen(
        [NEWSWIKI, "serve", "--root", str(root), "--port", str(port), "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        home = wait_for(base, STARTUP_SECONDS, process)
        assert b"md-search__input" in home and b"pagefind-search.js" in home
        wiki = json.loads(wait_for(base + "wiki.json", 10, process))
        entity = wiki["entities"][0]
        page = wait_for(base + entity["path"].removesuffix(".md") + "/", 10, process)
        assert entity["name"].encode() in page
        entry = json.loads(wait_for(base + "pagefind/pagefind-entry.json", 10, process))
        assert entry["languages"]["en"]["page_count"] == len(wiki["articles"]) + len(wiki["entities"])
        assert wait_for(base + "pagefind/pagefind.js", 10, process)
        language = entry["languages"]["en"]
        assert wait_for(base + f"pagefind/pagefind.{language['hash']}.pf_meta", 10, process)

        # A saved edit: a new hand-written page is built and served without a restart.
        (root / "docs" / "notes.md").write_text("# Reading notes\n\nSaved while the preview runs.\n", "utf-8")
        notes = wait_for(base + "notes/", STARTUP_SECONDS, process)
        assert b"Saved while the preview runs." in notes
    finally:
        process.send_signal(signal.SIGINT)
        try:
            _, stderr = process.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            _, stderr = process.communicate()
    assert process.returncode == 0, stderr
    assert "serving " + base in stderr and "Aborted" not in stderr


def test_ctrl_c_stops_the_preview_even_when_its_parent_ignores_it(tmp_path: Path):
    # A parent that ignores SIGINT (a background job of a script; this test runner once a browser
    # test has run) passes that on: without its own handler the preview never stopped on Ctrl-C.
    root = make_project(tmp_path / "p")
    port = free_port()
    process = subprocess.Popen(
        [NEWSWIKI, "serve", "--root", str(root), "--port", str(port), "--workers", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/", STARTUP_SECONDS, process)
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        _, stderr = process.communicate()
    assert process.returncode == 0, stderr


def test_a_port_in_use_is_said_at_once_in_a_line_not_a_traceback(tmp_path: Path):
    """`make serve` while another preview runs: after the whole first build it printed a screenful of
    traceback ending in "OSError: [Errno 98] Address already in use"."""
    root = make_project(tmp_path / "p")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [NEWSWIKI, "serve", "--root", str(root), "--port", str(port), "--workers", "1"],
            capture_output=True, text=True, timeout=STARTUP_SECONDS,
        )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and "in use" in done.stderr
    assert f"127.0.0.1:{port}" in done.stderr and "--port" in done.stderr
    assert not (root / "site").exists()  # said before building, not after
