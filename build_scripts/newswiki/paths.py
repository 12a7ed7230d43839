"""The one rule for paths read from files: they stay inside the folder they name a file of.

Everything a pull request can change is untrusted, the build's own bookkeeping in
docs/.newswiki/ included (GitHub collapses it in diffs). So a path read from any file
(the manifest, redirects.yml, curation fields, sidecars, front matter) is checked here
before the build reads, writes or deletes anything by it:

- it is a relative POSIX path of plain segments: no absolute path, drive letter, backslash,
  empty, "." or ".." segment, control character or NUL;
- joined to its folder (docs/, or site/ for outputs) and resolved, it is still inside it:
  no symbolic link on the way leads out.

Symbolic links in corpus/ and docs/ are refused outright (`symlinks_in`): followed, they
would publish a file from anywhere on the build machine.

    page = paths.inside(docs_dir, entry, "docs/.newswiki/manifest.json")   # raises UnsafePath
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path, PurePosixPath
from typing import TypeVar

from newswiki.models import Problem

#: A plain segment: no control characters, no backslash (a separator on Windows), no colon (drive letters, NTFS streams).
SEGMENT_RE = re.compile(r"^[^\x00-\x1f\x7f\\:/]+$")
#: Paths read from files are short; a longer one is not a page path.
MAX_PATH_CHARS = 1000


class UnsafePath(ValueError):
    """A path read from a file that would leave its folder; the message names the file and the entry."""


def relative_path(value: object, source: str) -> str:
    """value checked to be a relative POSIX path of plain segments (see the module docstring).

    source names the file and entry for the message, e.g. "docs/.newswiki/manifest.json: page".
    """
    if not isinstance(value, str) or not value:
        raise UnsafePath(f"{source}: expected a relative path, got {value!r}")
    shown = ascii(value[:200])
    if len(value) > MAX_PATH_CHARS:
        raise UnsafePath(f"{source}: path {shown}... is longer than {MAX_PATH_CHARS} characters")
    if value.startswith("/") or PurePosixPath(value).is_absolute():
        raise UnsafePath(f"{source}: {shown} is an absolute path; only paths inside the project are allowed")
    for segment in value.split("/"):
        if segment in ("", ".", "..") or not SEGMENT_RE.match(segment):
            raise UnsafePath(f"{source}: {shown} is not a plain relative path (segment {ascii(segment)})")
    return value


def inside(folder: Path, value: object, source: str, base: Path | None = None) -> Path:
    """folder / value, refused unless value is a plain relative path that resolves inside folder.

    base: folder.resolve(), when the caller checks many paths in one folder."""
    relative = relative_path(value, source)
    base = base or folder.resolve()
    target = (base / relative).resolve()
    if target != base and base not in target.parents:
        raise UnsafePath(f"{source}: {ascii(relative)} leads out of {folder.name}/ (through a symbolic link)")
    return base / relative


def page_path(folder: Path, value: object, source: str, base: Path | None = None) -> Path:
    """folder / value for a page path (x/y.md, in no dot folder such as .newswiki/) inside folder
    (base: folder.resolve(), as for inside)."""
    where = f"{source}: entry {ascii(str(value))[:120]}"
    target = inside(folder, value, where, base)
    if not str(value).endswith(".md") or any(segment.startswith(".") for segment in str(value).split("/")):
        raise UnsafePath(f"{where}: not a page path (x/y.md, outside dot folders)")
    return target


T = TypeVar("T")


def checked_pages(entries: Mapping[str, T], folder: Path, source: str) -> tuple[dict[str, T], list[Problem]]:
    """The entries whose key is a page path inside folder; each other one is an error naming source and entry."""
    kept: dict[str, T] = {}
    problems: list[Problem] = []
    base = folder.resolve()  # once: resolving it again for each of 10,000 entries was half the cost
    for page, value in entries.items():
        try:
            page_path(folder, page, source, base)
        except UnsafePath as err:
            problems.append(Problem(source, f"{str(err).removeprefix(source + ': ')}; ignored"))
        else:
            kept[page] = value
    return kept, problems


def is_inside(folder: Path, value: object) -> bool:
    try:
        inside(folder, value, "")
    except UnsafePath:
        return False
    return True


def symlinks_in(folder: Path, skip: frozenset[str] = frozenset()) -> Iterator[Path]:
    """Every symbolic link under folder (not followed), in sorted order; names in skip are not entered."""
    if folder.is_symlink():
        yield folder
        return
    if not folder.is_dir():
        return
    for dirpath, dirnames, filenames in os.walk(folder, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if d not in skip)
        for name in sorted(dirnames + filenames):
            if (here / name).is_symlink():
                yield here / name
        dirnames[:] = [d for d in dirnames if not (here / d).is_symlink()]


def refuse_symlinks(root: Path, corpus_dir: Path, docs_dir: Path) -> None:
    """UnsafePath naming every symbolic link that would let the build read or publish a file from
    outside the project: corpus/ or docs/ itself, or anything inside docs/. (A link among the
    corpus files is that file's error, in ingest.)"""
    links = [folder for folder in (corpus_dir, docs_dir) if folder.is_symlink()]
    links += [link for link in symlinks_in(docs_dir) if link not in links]
    if links:
        shown = ", ".join(shown_path(link, root) for link in links[:10]) + (" ..." if len(links) > 10 else "")
        raise UnsafePath(
            f"symbolic links are not allowed in corpus/ and docs/ (they could publish any file of the machine): "
            f"{shown}; replace each with the file itself"
        )


def shown_path(path: Path, root: Path) -> str:
    """path relative to the project for messages (the folder it sits in resolved, not the link itself)."""
    try:
        return ascii((path.parent.resolve() / path.name).relative_to(root.resolve()).as_posix())[1:-1]
    except ValueError:
        return ascii(path.name)[1:-1]
