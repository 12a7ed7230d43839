"""Stage 1: find the corpus files and decode each to text, refusing what is not an article."""

from __future__ import annotations

import codecs
import hashlib
import re
from pathlib import Path

from newswiki.models import Problem, SourceFile, SourceKind

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "text"}
HTML_SUFFIXES = {".html": "html", ".htm": "html"}
#: Files that sit in corpus/ but are not articles (sidecars, notes).
IGNORED_SUFFIXES = {".yml", ".yaml"}
IGNORED_NAMES = {"README.md", ".gitkeep"}

#: A file with this share of control characters is binary, not text.
BINARY_CONTROL_SHARE = 0.05
#: Control characters other than tab, line feed, form feed and carriage return (counted in C, not per character in Python).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


class IngestError(Exception):
    """A corpus file that cannot become an article; the message names what is wrong."""


def list_corpus(corpus_dir: Path) -> list[Path]:
    """Every article file in corpus/, sorted so that the build does not depend on listing order."""
    if not corpus_dir.is_dir():
        return []
    files = []
    for path in corpus_dir.iterdir():
        if path.name.startswith(".") or path.name in IGNORED_NAMES or not path.is_file():
            continue
        if path.suffix.lower() in IGNORED_SUFFIXES:
            continue
        files.append(path)
    return sorted(files, key=lambda p: p.name)


def source_kind(path: Path) -> SourceKind:
    suffix = path.suffix.lower()
    kind = TEXT_SUFFIXES.get(suffix) or HTML_SUFFIXES.get(suffix)
    if kind is None:
        raise IngestError(
            f"unknown file type {suffix or '(no extension)'!r}; "
            f"use one of {', '.join(sorted(TEXT_SUFFIXES | HTML_SUFFIXES))}"
        )
    return kind  # type: ignore[return-value]


def decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, else a legacy code page with a warning."""
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), ["decoded as UTF-16 (byte order mark)"]
        except UnicodeDecodeError as err:
            raise IngestError(f"UTF-16 byte order mark but invalid UTF-16 ({err.reason})") from None
    if b"\x00" in data:
        raise IngestError("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = _decode_legacy(data)
        warnings.append("not valid UTF-8; decoded as Windows-1251/1252 - check the text")
    controls = len(CONTROL_RE.findall(text))
    if text and controls / len(text) > BINARY_CONTROL_SHARE:
        raise IngestError("binary file (many control characters), not text")
    return text, warnings


def _decode_legacy(data: bytes) -> str:
    """Pick the single-byte code page whose reading has more letters (Cyrillic vs Latin pages)."""
    candidates = []
    for codec in ("cp1251", "cp1252", "latin-1"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        letters = sum(ch.isalpha() for ch in text)
        # cp1252 reads Cyrillic bytes as accented Latin; prefer the reading with fewer mixed-case oddities.
        cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in text)
        candidates.append((cyrillic > letters * 0.5, letters, codec, text))
    candidates.sort(key=lambda c: (c[0], c[1]), reverse=True)
    return candidates[0][3]


def read_source(path: Path, root: Path, max_bytes: int) -> SourceFile:
    """Read and decode one corpus file; raise IngestError with a clear reason when it is unusable."""
    kind = source_kind(path)
    size = path.stat().st_size
    if size > max_bytes:
        raise IngestError(f"too large ({size:,} bytes; the limit is {max_bytes:,})")
    data = path.read_bytes()
    if not data.strip():
        raise IngestError("empty file")
    text, warnings = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError("only whitespace")
    return SourceFile(
        source=display_path(path, root),
        name=path.name,
        kind=kind,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=tuple(warnings),
    )


def display_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


def ingest(paths: list[Path], root: Path, max_bytes: int) -> tuple[list[SourceFile], list[Problem]]:
    """Read every file; a bad file becomes a Problem and the rest go on."""
    sources: list[SourceFile] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            sources.append(read_source(path, root, max_bytes))
        except IngestError as err:
            problems.append(Problem(display_path(path, root), str(err)))
        except OSError as err:
            problems.append(Problem(display_path(path, root), f"cannot read: {err.strerror or err}"))
    return sources, problems
