"""`newswiki add FILE`: copy an article into corpus/ under a safe, unique name and show what was extracted.

The name is the file's own name made safe (ASCII slug, at most NAME_MAX_LENGTH
characters) plus the first HASH_LENGTH hex digits of its SHA-256: two different
files never collide and adding the same file twice is refused. The file's sidecar (its
<name>.yml beside it) comes along under the new name.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from anyascii import anyascii
from slugify import slugify

from newswiki import ingest, metadata
from newswiki.passes import analysis
from newswiki.config import Config
from newswiki.models import Extraction, Problem
from newswiki.files import atomic_write

#: Long enough to keep the name readable, short enough for every file system.
NAME_MAX_LENGTH = 60
#: 64 bits of the content hash: unique for any corpus a person could collect.
HASH_LENGTH = 16


@dataclass(frozen=True)
class Added:
    source: Path  # the file given
    target: Path | None  # where it went in corpus/; None when refused
    extraction: Extraction | None = None
    problem: str | None = None


def corpus_name(path: Path, data: bytes) -> str:
    stem = slugify(anyascii(path.stem), max_length=NAME_MAX_LENGTH, word_boundary=True) or "article"
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:HASH_LENGTH]}{path.suffix.lower()}"


def existing_copy(corpus_dir: Path, digest: str, max_bytes: int) -> Path | None:
    for other in ingest.list_corpus(corpus_dir):
        try:
            data = ingest.read_limited(other, max_bytes)
        except (ingest.IngestError, OSError):
            continue  # not an article the build would read (a FIFO, a link, too large)
        if hashlib.sha256(data).hexdigest() == digest:
            return other
    return None


def add_file(path: Path, config: Config) -> Added:
    """Check that path would become an article, then copy it into corpus/, with its sidecar
    (path's <name>.yml, renamed to match the article's new name) when it has one."""
    try:
        ingest.source_kind(path)
        # A regular file only, and never more than the build would read: a FIFO would hang, /dev/zero never end.
        data = ingest.read_limited(path, config.max_bytes, follow_links=True)
        sidecar = metadata.sidecar_path(path)
        sidecar_data = ingest.read_limited(sidecar, config.max_bytes, follow_links=True) if sidecar else None
    except (ingest.IngestError, OSError) as err:
        return Added(path, None, problem=str(err))
    duplicate = existing_copy(config.corpus_dir, hashlib.sha256(data).hexdigest(), config.max_bytes)
    if duplicate is not None:
        return Added(path, None, problem=f"already in the corpus as {duplicate.relative_to(config.root).as_posix()}")
    target = config.corpus_dir / corpus_name(path, data)
    written = [target]
    atomic_write(target, data)
    if sidecar is not None and sidecar_data is not None:
        written.append(target.with_suffix(sidecar.suffix))
        atomic_write(written[-1], sidecar_data)
    [result] = analysis.extract_files([target], config)
    # A page in which no article text is found is not published by the build (passes/analysis.no_text).
    problem = result.message if isinstance(result, Problem) else None if result.body.strip() else "no article text found - not added"
    if problem:
        for copied in written:
            copied.unlink()
        return Added(path, None, problem=problem)
    return Added(path, target, result)
