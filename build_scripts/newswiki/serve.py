"""The preview: the built wiki served on this machine, built again when a saved edit changes it.

`newswiki serve` (and `make serve`) builds as `newswiki build` does (incremental: only the pages a
change touches are rendered again), serves site/ over HTTP with the search index, and then polls
corpus/, docs/, mkdocs.yml and the theme overrides. When a file changes it builds again; a build
that fails (a warning under strict mode, a broken file) is reported and the last good site stays
served: the preview never stops on its own. The server serves whatever site/ holds, so each
rebuilt site is served from the moment it is swapped in.
"""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from newswiki.config import Config

#: Seconds between two looks at the watched files.
POLL_SECONDS = 1.0
#: Besides corpus/ and docs/: the files that decide how pages look.
WATCHED_FILES = ("mkdocs.yml",)
WATCHED_FOLDERS = ("overrides",)


class PreviewHandler(SimpleHTTPRequestHandler):
    """Files of site/, never cached by the browser (a rebuilt page shows on reload)."""

    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".pagefind": "application/octet-stream",
        ".pf_meta": "application/octet-stream",
        ".pf_index": "application/octet-stream",
        ".pf_fragment": "application/octet-stream",
    }

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args) -> None:  # noqa: A002 - requests are not news to the reader
        pass


def watched_state(config: Config) -> dict[str, tuple[int, int]]:
    """(size, mtime) of every watched file, by path."""
    state: dict[str, tuple[int, int]] = {}
    folders = [config.corpus_dir, config.docs_dir, *(config.root / f for f in WATCHED_FOLDERS)]
    files = [config.root / f for f in WATCHED_FILES]
    for folder in folders:
        for parent, dirs, names in os.walk(folder):
            dirs.sort()
            files.extend(Path(parent) / name for name in names)
    for path in files:
        try:
            stat = path.stat()
        except OSError:
            continue
        state[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return state


class ServeError(Exception):
    """The preview cannot listen where it was asked to (the port is taken, the address is not this machine's)."""


def start_server(site_dir: Path, host: str, port: int) -> ThreadingHTTPServer:
    handler = functools.partial(PreviewHandler, directory=str(site_dir))
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError as err:
        raise ServeError(
            f"cannot serve at http://{host}:{port}/: {err.strerror or err} (another preview running? pass --port)"
        ) from None
    threading.Thread(target=server.serve_forever, daemon=True, name="preview-server").start()
    return server


def serve(
    config: Config, build: Callable[[], object], say: Callable[[str], None], host: str = "127.0.0.1",
    port: int = 8000, poll_seconds: float = POLL_SECONDS, stop: threading.Event | None = None,
) -> None:
    """Build, serve site/ on host:port, build again after each change until stop is set (or Ctrl-C).

    build: one build, reporting its own outcome; whatever it raises is reported and the preview goes on.
    """
    stop = stop or threading.Event()
    server = start_server(config.site_dir, host, port)  # first: a port in use is said before a long build
    rebuild(build, say)
    say(f"serving http://{host}:{server.server_address[1]}/ (Ctrl-C to stop)")
    seen = watched_state(config)
    try:
        while not stop.wait(poll_seconds):
            now = watched_state(config)
            if now == seen:
                continue
            say("change seen: building")
            rebuild(build, say)
            seen = watched_state(config)  # the build's own writes to docs/ are not a change
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()


def rebuild(build: Callable[[], object], say: Callable[[str], None]) -> None:
    started = time.perf_counter()
    try:
        build()
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # noqa: BLE001 - a preview reports a failed build and keeps serving
        say(f"build failed ({type(error).__name__}: {error}); still serving the last site")
        return
    say(f"built in {time.perf_counter() - started:.1f}s")
