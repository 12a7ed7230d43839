"""Redirect pages: an old page's URL keeps working after its page was renamed or removed.

The map comes from docs/.newswiki/redirects.yml (old page path -> new page path or
https: URL), which the build keeps up to date and contributors may edit: untrusted. So,
unlike the mkdocs-redirects plugin this step replaces, every entry is checked before any
file is written (`checked`), and the page is our own, with every value HTML-escaped:

- the old path is a page path (``x/y.md``) inside docs/ (paths.relative_path), and its
  redirect page is written only inside site/ and never over a page the site has;
- the target is a page path that the site has (optionally ``#anchor``), or an ``https:``
  URL without spaces, quotes or control characters.

`write_redirects(site_dir, redirects)` is a plain post-build step: call it once after
the MkDocs build, on the site folder it made.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path

from newswiki import paths, safe_yaml
from newswiki.files import atomic_write, read_text
from newswiki.models import Problem

#: Where the build keeps the map, for messages.
SOURCE = "docs/.newswiki/redirects.yml"
#: An external target: https only, and nothing that could end the attribute or the URL early.
EXTERNAL_RE = re.compile(r"^https://[^\s\"'<>\\`\x00-\x1f\x7f]+$")
#: A redirect chain longer than this is a loop in a hand-edited redirects.yml.
MAX_HOPS = 20
#: An anchor in a page target (the headings' ids are slugs).
ANCHOR_RE = re.compile(r"^[A-Za-z0-9_-]+$")

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Redirecting…</title>
<link rel="canonical" href="{url}">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={url}">
</head>
<body>
<p>This page has moved to <a href="{url}">{text}</a>.</p>
</body>
</html>
"""


def checked(redirects: object, source: str = SOURCE) -> tuple[dict[str, str], list[Problem]]:
    """The entries of a redirect map that are safe to write; each other one is a problem naming it."""
    if not isinstance(redirects, dict):
        return {}, [Problem(source, "must map old page paths to new page paths or https: URLs (text: text); ignored")]
    kept: dict[str, str] = {}
    problems: list[Problem] = []
    for old, new in redirects.items():
        try:
            kept[check_old(old, source)] = check_target(new, f"{source}: entry {ascii(str(old))[:120]}")
        except paths.UnsafePath as err:
            problems.append(Problem(source, f"{str(err).removeprefix(source + ': ')}; redirect ignored"))
    return kept, problems


def check_old(old: object, source: str) -> str:
    where = f"{source}: entry {ascii(str(old))[:120]}"
    value = paths.relative_path(old, where)
    if not value.endswith(".md"):
        raise paths.UnsafePath(f"{where}: an old page path ends in .md")
    return value


def check_target(new: object, where: str) -> str:
    """new, when it is an https: URL or a page path (with an optional #anchor); else UnsafePath."""
    if not isinstance(new, str):
        raise paths.UnsafePath(f"{where}: the target must be text, got {type(new).__name__}")
    if "://" in new or ":" in new.split("/", 1)[0]:
        if not EXTERNAL_RE.match(new):
            raise paths.UnsafePath(f"{where}: target {ascii(new[:120])} is not an https: URL without spaces or quotes")
        return new
    page, _, anchor = new.partition("#")
    paths.relative_path(page, where)
    if not page.endswith(".md") or (anchor and not ANCHOR_RE.match(anchor)):
        raise paths.UnsafePath(f"{where}: target {ascii(new[:120])} is not a page path (x/y.md or x/y.md#anchor)")
    return new


def load_map(path: Path, source: str, problems: list[Problem] | None = None) -> tuple[dict[str, str], list[str]]:
    """The committed redirect map at path (old page path -> target) and what made it unusable as a whole
    (warnings); entries that `checked` refuses are dropped and named in problems."""
    text = read_text(path)
    if not text:
        return {}, []
    try:
        data = safe_yaml.load(text, source)
    except safe_yaml.YamlError as err:
        return {}, [f"{err} - not valid YAML, ignored"]
    except UnicodeDecodeError:
        return {}, [f"{source}: not UTF-8 text, ignored"]
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        return {}, [f"{source}: must map old page paths to new page paths (text: text); ignored"]
    kept, bad = checked(data, source)
    if problems is not None:
        problems.extend(bad)
    return kept, []


def tidy(redirects: Mapping[str, str], exists) -> dict[str, str]:
    """Follow chains to their end, drop redirects from live pages and to pages that are gone."""
    live = {old: new for old, new in redirects.items() if not exists(old)}
    tidied = {}
    for old, new in live.items():
        hops = 0
        while new in live and hops < MAX_HOPS and new != old:
            new, hops = live[new], hops + 1
        if new != old and (EXTERNAL_RE.match(new) or exists(new.partition("#")[0])):
            tidied[old] = new
    return dict(sorted(tidied.items()))


def html_path(page: str, use_directory_urls: bool = True) -> str:
    """The site file of a page path, as MkDocs names it (x/y.md -> x/y/index.html)."""
    stem = page[: -len(".md")]
    if not use_directory_urls or stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def url_from(old_file: str, target: str, use_directory_urls: bool = True) -> str:
    """The link from the redirect page old_file (a site file) to target (page path or URL)."""
    if EXTERNAL_RE.match(target):
        return target
    page, hash_, anchor = target.partition("#")
    new_file = html_path(page, use_directory_urls)
    link = posixpath.relpath(new_file, posixpath.dirname(old_file) or ".")
    if use_directory_urls and link.endswith("index.html"):
        link = link[: -len("index.html")] or "./"
    return link + hash_ + anchor


def write_redirects(site_dir: Path, redirects: dict[str, str], use_directory_urls: bool = True) -> list[Problem]:
    """A redirect page in site_dir for each old page path; what could not be written is returned, named.

    Entries are checked again here (whoever calls this), written only inside site_dir, and never
    over a file the site already has; a page target must be a page of the site.
    """
    kept, problems = checked(redirects)
    for old, target in sorted(kept.items()):
        old_file = html_path(old, use_directory_urls)
        try:
            destination = paths.inside(site_dir, old_file, f"{SOURCE}: entry {old!r}")
        except paths.UnsafePath as err:
            problems.append(Problem(SOURCE, f"{err}; redirect ignored"))
            continue
        if destination.exists():
            problems.append(Problem(SOURCE, f"entry {old!r}: the site has a page there; redirect ignored", "warning"))
            continue
        if not EXTERNAL_RE.match(target):
            page = target.partition("#")[0]
            if not paths.is_inside(site_dir, html_path(page, use_directory_urls)) or not (
                site_dir / html_path(page, use_directory_urls)
            ).is_file():
                problems.append(Problem(SOURCE, f"entry {old!r}: target {target!r} is not a page of the site; redirect ignored", "warning"))
                continue
        url = url_from(old_file, target, use_directory_urls)
        atomic_write(destination, PAGE.format(url=html.escape(url, quote=True), text=html.escape(target, quote=True)))
    return problems
