"""Stage 1: find the corpus files and decode each to text, refusing what is not an article."""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
from pathlib import Path

from newswiki import limits
from newswiki.markdown_source import MARKDOWN_SUFFIXES, markdown_as_text
from newswiki.models import Problem, SourceFile, SourceKind

TEXT_SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".markdown": "text"}
HTML_SUFFIXES = {".html": "html", ".htm": "html"}
#: Files that sit in corpus/ but are not articles (sidecars, notes).
IGNORED_SUFFIXES = {".yml", ".yaml"}
IGNORED_NAMES = {"README.md", ".gitkeep"}
#: A text file that is a whole web page: read as HTML (read as text it would be an article of no text).
HTML_PAGE_RE = re.compile(r"\s*(?:<!doctype\s+html\b|<html[\s>])", re.I)

#: A file with this share of control characters is binary, not text.
BINARY_CONTROL_SHARE = 0.05
#: Control characters other than tab, line feed, form feed and carriage return (counted in C, not per character in Python).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
#: Invalid UTF-8 in a file that is otherwise UTF-8 (a cut-off character, one stray
#: byte) is replaced and warned about when there are at least this many valid
#: non-ASCII characters per bad byte; text in a legacy code page has almost none.
UTF8_GOOD_PER_BAD = 1.0
#: Signatures of common binary formats, so the message says what the file really is.
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV audio or AVI video)"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program (ELF)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
)


class IngestError(Exception):
    """A corpus file that cannot become an article; the message names what is wrong."""


class MissingCorpus(Exception):
    """No corpus/ folder: a mistake (renamed, not checked out, the wrong --root), not an empty corpus,
    which would remove every article page from docs/."""


def require_corpus(corpus_dir: Path, root: Path) -> None:
    """MissingCorpus unless corpus/ is a folder (an empty one is a corpus of no articles)."""
    if not corpus_dir.is_dir():
        raise MissingCorpus(
            f"no corpus/ folder in {root} (a build would remove every article page from docs/); "
            "run from the project folder, pass --root, or create corpus/"
        )


def list_corpus(corpus_dir: Path) -> list[Path]:
    """Every article file in corpus/, sorted so that the build does not depend on listing order.

    Anything named like an article is listed, whatever it is (a folder, a FIFO, a symbolic link),
    so that read_source names it as a problem instead of it being skipped without a word.
    """
    if not corpus_dir.is_dir():
        return []
    files = []
    for path in corpus_dir.iterdir():
        if path.name.startswith(".") or path.name in IGNORED_NAMES:
            continue
        if path.suffix.lower() in IGNORED_SUFFIXES:
            continue
        if path.is_dir() and not path.is_symlink() and path.suffix.lower() not in TEXT_SUFFIXES | HTML_SUFFIXES:
            continue  # a plain folder (notes, assets) is not a corpus file
        files.append(path)
    return sorted(files, key=lambda p: p.name)


def source_kind(path: Path) -> SourceKind:
    suffix = path.suffix.lower()
    kind = TEXT_SUFFIXES.get(suffix) or HTML_SUFFIXES.get(suffix)
    if kind is None and path.is_dir() and not path.is_symlink():
        raise IngestError("cannot read: a folder, not a file (name the files in it: folder/*.txt)")
    if kind is None:
        raise IngestError(
            f"unknown file type {suffix or '(no extension)'!r}; "
            f"use one of {', '.join(sorted(TEXT_SUFFIXES | HTML_SUFFIXES))}"
        )
    return kind  # type: ignore[return-value]


def decode(data: bytes) -> tuple[str, list[str]]:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16/32 with BOM, else a legacy code page with a warning."""
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise IngestError(f"binary file ({what}), not text")
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _decode_bom(data, "utf-32")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_bom(data, "utf-16")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise IngestError(f"binary file (NUL byte at offset {offset:,}), not text")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        replaced = data.decode("utf-8-sig", errors="replace")
        bad = replaced.count("\ufffd")
        good = sum(1 for ch in replaced if ch > "\x7f" and ch != "\ufffd")
        if good >= bad * UTF8_GOOD_PER_BAD:
            text = replaced
            warnings.append(
                f"invalid UTF-8 (first bad byte at offset {err.start:,}); {bad} bad byte sequence(s) replaced with \ufffd"
            )
        else:
            text, codec = _decode_legacy(data)
            warnings.append(f"not valid UTF-8; decoded as {codec} - check the text")
    controls = len(CONTROL_RE.findall(text))
    if text and controls / len(text) > BINARY_CONTROL_SHARE:
        raise IngestError("binary file (many control characters), not text")
    return text, warnings


def _decode_bom(data: bytes, codec: str) -> tuple[str, list[str]]:
    try:
        return data.decode(codec), [f"decoded as {codec.upper()} (byte order mark)"]
    except UnicodeDecodeError as err:
        raise IngestError(f"{codec.upper()} byte order mark but invalid {codec.upper()} ({err.reason})") from None


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """The single-byte code page whose reading looks least garbled (Cyrillic vs Western pages).

    A wrong reading shows as words mixing Latin and Cyrillic letters ("cafй": Latin-1
    read as cp1251) or runs of accented capitals ("Ïðèâåò": cp1251 read as cp1252).
    """
    readings = []
    for order, codec in enumerate(("cp1252", "cp1251", "latin-1")):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        readings.append((_oddities(text), order, text, codec))
    _, _, text, codec = min(readings)
    return text, codec


def _oddities(text: str) -> int:
    mixed = sum(1 for word in WORD_RE.findall(text) if LATIN_RE.search(word) and CYRILLIC_RE.search(word))
    return mixed + len(ACCENT_RUN_RE.findall(text))


WORD_RE = re.compile(r"\w+")
LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u00ff]")
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
ACCENT_RUN_RE = re.compile(r"[\u00c0-\u00ff]{3,}")


def read_source(path: Path, root: Path, max_bytes: int) -> SourceFile:
    """Read and decode one corpus file; raise IngestError with a clear reason when it is unusable."""
    kind = source_kind(path)
    data = read_limited(path, max_bytes, follow_links=False)
    if not data:
        raise IngestError("empty file (0 bytes)")
    if not data.strip():
        raise IngestError("only whitespace")
    text, warnings = decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError("only whitespace")
    if kind == "text" and HTML_PAGE_RE.match(text):
        kind = "html"
        warnings.append(f"an HTML page saved as {path.suffix}: read as HTML (rename it {path.stem}.html)")
    elif path.suffix.lower() in MARKDOWN_SUFFIXES and len(text) <= limits.MAX_TEXT_CHARS:
        text = markdown_as_text(text, display_path(path, root))
    too_odd = limits.shape_problem(text, kind)
    if too_odd:
        raise IngestError(too_odd)
    return SourceFile(
        source=display_path(path, root),
        name=path.name,
        kind=kind,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        warnings=tuple(warnings),
    )


def read_limited(path: Path, max_bytes: int, follow_links: bool = False) -> bytes:
    """The bytes of a regular file of at most max_bytes; IngestError for anything else.

    Opened without blocking and checked on the open file: a FIFO, a device (/dev/zero), a folder
    or (unless follow_links) a symbolic link is refused at once, never read or waited on; no more
    than max_bytes + 1 bytes are ever read.
    """
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow_links else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise IngestError("cannot read: no such file") from None
    except OSError as err:
        if err.errno == errno.ELOOP:
            raise IngestError("a symbolic link; links in corpus/ are not followed (copy the file in instead)") from None
        raise
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise IngestError("cannot read: a folder, not a file" if stat.S_ISDIR(mode) else "cannot read: not a regular file (a FIFO, socket or device)")
    os.set_blocking(fd, True)
    with os.fdopen(fd, "rb") as handle:
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:
        size = max(len(data), path.stat().st_size if follow_links or not path.is_symlink() else 0)
        raise IngestError(
            f"too large ({size:,} bytes; the limit per article is {max_bytes:,} - split it or raise max_bytes)"
        )
    return data


def display_path(path: Path, root: Path) -> str:
    """The path for messages: relative to the project, with control characters made visible."""
    try:  # the folder resolved, not the file: a link's target never shows (nor the build's absolute path)
        shown = (path.parent.resolve() / path.name).relative_to(root).as_posix()
    except ValueError:
        shown = path.name
    return printable(shown)


def printable(text: str) -> str:
    """text with control characters (a newline in a file name, an ANSI escape) shown as escapes."""
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)


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
