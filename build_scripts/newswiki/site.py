"""Stage 7: the static site: MkDocs + Material into site/, plus site/wiki.json.

The site is built into a temporary folder beside site/ and swapped in at the
end, so a failed or killed build leaves the previous site whole; docs/ is staged
and swapped the same way (see "atomic folders" below). The search index gets the
same allow-list sanitising as the pages (sanitize.py).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

from newswiki import sanitize
from newswiki.models import Article, Entity
from newswiki.files import atomic_write
from newswiki.redirects import write_redirects

SEARCH_INDEX = "search/search_index.json"


class SiteError(Exception):
    """MkDocs could not build the site; the message says why."""


def wiki_json(articles: list[Article], entities: list[Entity]) -> str:
    data = {
        "articles": [
            {
                "id": a.id,
                "source": a.extraction.source,
                "title": a.extraction.title,
                "authors": list(a.extraction.authors),
                "published": a.published.isoformat() if a.published else None,
                "publisher": a.extraction.publisher,
                "url": a.extraction.url,
                "path": a.path,
            }
            for a in sorted(articles, key=lambda a: a.id)
        ],
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "aliases": list(e.aliases),
                "path": e.path,
                "mentions": dict(sorted(e.mentions.items())),
            }
            for e in sorted(entities, key=lambda e: e.id)
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def build_site(
    root: Path, site_dir: Path, extra_files: dict[str, str], strict: bool = True,
    redirects: dict[str, str] | None = None, docs_dir: Path | None = None, swap: bool = True,
) -> Path:
    """Run MkDocs on mkdocs.yml into a staging folder, add extra_files (e.g. wiki.json), sanitise the
    search index, and swap it in as site_dir (unless swap is False: then the caller swaps).

    redirects (old page path -> new page path or https: URL) become redirect pages (redirects.py)
    after the MkDocs build; an entry that cannot be written is logged, named.
    docs_dir overrides mkdocs.yml's docs_dir (the build reads a staged docs/). Returns the folder
    the site is in (site_dir, or the staging folder when swap is False).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    recover(site_dir)
    staging = staging_path(site_dir)
    shutil.rmtree(staging, ignore_errors=True)
    previous_cwd = os.getcwd()
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    overrides: dict = {"site_dir": str(staging)}
    if docs_dir is not None:
        overrides["docs_dir"] = str(docs_dir)
    try:
        os.chdir(root)
        config = load_config(str(root / "mkdocs.yml"), strict=strict, **overrides)
        build(config)
    except MkDocsException as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteError(f"mkdocs build failed: {err}") from err
    except SystemExit as err:  # mkdocs aborts on warnings in strict mode
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteError(f"mkdocs build aborted (strict mode): {err}") from err
    finally:
        os.chdir(previous_cwd)
    for problem in write_redirects(staging, redirects or {}, config["use_directory_urls"]):
        logging.getLogger("newswiki").warning("%s: %s", problem.source, problem.message)
    index = staging / SEARCH_INDEX
    if index.exists():
        atomic_write(index, sanitize.sanitize_search_index(index.read_text("utf-8")))
    for name, text in sorted(extra_files.items()):
        atomic_write(staging / name, text)
    if not swap:
        return staging
    swap_in(staging, site_dir)
    return site_dir


# --- atomic folders -----------------------------------------------------------
#
# docs/ and site/ are replaced whole: the new version is made in "<name>.building"
# beside it, then two renames put it in place ("<name>" -> "<name>.old", staging ->
# "<name>"). A build killed at any moment leaves either the old or the new folder
# complete; killed between the two renames, only "<name>.old" exists, and the next
# build (or recover()) renames it back before doing anything else.


def staging_path(target: Path) -> Path:
    return target.with_name(target.name + ".building")


def old_path(target: Path) -> Path:
    return target.with_name(target.name + ".old")


def recover(target: Path) -> None:
    """Undo a swap that was interrupted between its two renames."""
    old = old_path(target)
    if not target.exists() and old.exists():
        os.replace(old, target)
    shutil.rmtree(old, ignore_errors=True)
    shutil.rmtree(staging_path(target), ignore_errors=True)


def stage_copy(target: Path) -> Path:
    """A staging copy of target to build the next version in (hard links: pages are only ever
    replaced by rename, never changed in place, so sharing the old files is safe and fast)."""
    recover(target)
    staging = staging_path(target)
    if target.exists():
        shutil.copytree(target, staging, symlinks=True, copy_function=_link_or_copy)
    else:
        staging.mkdir(parents=True)
    return staging


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def swap_in(staging: Path, target: Path) -> None:
    old = old_path(target)
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
