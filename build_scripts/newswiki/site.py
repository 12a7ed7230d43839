"""Stage 7: the static site: an engine (MkDocs + Material by default) renders docs/ into HTML,
then the build's own steps run over what it wrote, whatever the engine: the sanitiser
(sanitize.py), the entity ranking and the Pagefind index (search_index.py), the extra files
(site/wiki.json, graph.json, the feed).

The site is built into a temporary folder beside site/ and swapped in at the end, so a failed or
killed build leaves the previous site whole; docs/ is staged and swapped the same way (see
"atomic folders" below).

Incremental: with an engine of the MkDocs family, only the pages whose Markdown changed are
rendered again (site_state.py); the others' finished HTML is hard-linked from the previous site.
A changed mkdocs.yml, theme overrides, package version or site code means every page again.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

from newswiki import engines, sanitize, search_index, site_state
from newswiki.models import Article, Entity, SiteFile
from newswiki.files import atomic_write
from newswiki.redirects import write_redirects


class SiteError(Exception):
    """MkDocs could not build the site; the message says why."""


def wiki_json(articles: list[Article], entities: list[Entity]) -> str:
    data = {
        "articles": [
            {
                "id": a.id,
                "source": a.extraction.source,
                "title": a.title,
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
    root: Path, site_dir: Path, extra_files: dict[str, str | SiteFile], strict: bool = True,
    redirects: dict[str, str] | None = None, docs_dir: Path | None = None, swap: bool = True,
    engine: str | None = None, cache_dir: Path | None = None, epoch: int | None = None,
) -> Path:
    """Render docs_dir (default root/docs) with the engine into a staging folder, run the post-build
    steps, add extra_files (e.g. wiki.json), and swap it in as site_dir (unless swap is False: then
    the caller swaps). Returns the folder the site is in (site_dir, or the staging folder).

    cache_dir: where the state of the last site is kept; without it every page is rendered.
    redirects (old page path -> new page path or https: URL) become redirect pages (redirects.py)
    after the post-build steps; an entry that cannot be written is logged, named.
    """
    recover(site_dir)
    staging = staging_path(site_dir)
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    docs_dir = docs_dir or root / "docs"
    try:
        name = engines.engine_name(engine)
        plan = site_state.plan(name, root, docs_dir, site_dir, cache_dir)
        with source_date_epoch(epoch):  # the engine dates the site from the environment
            run = engines.run(name, root, docs_dir, staging, strict, plan.reuse)
        written = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*.html"))
        plan.link_reused(run.outputs, site_dir, staging)
        post_build(staging, written, plan.search)
        for problem in write_redirects(staging, redirects or {}, run.use_directory_urls):
            logging.getLogger("newswiki").warning("%s: %s", problem.source, problem.message)
        for name_, made in sorted(extra_files.items()):
            if isinstance(made, SiteFile):
                if not plan.reuse_file(name_, made.key, site_dir, staging):
                    atomic_write(staging / name_, made.make())
            else:
                atomic_write(staging / name_, made)
        plan.save(run.outputs, staging)
    except (engines.EngineError, sanitize.SanitizeError, search_index.SearchIndexError) as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteError(str(err)) from err
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if not swap:
        return staging
    swap_in_site(staging, site_dir, cache_dir)
    return site_dir


@contextlib.contextmanager
def source_date_epoch(epoch: int | None) -> Iterator[None]:
    """SOURCE_DATE_EPOCH set to epoch for the time of the block (MkDocs reads the build date from
    the environment), then as it was; None leaves it alone."""
    if epoch is None:
        yield
        return
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def post_build(site_dir: Path, written: list[str], search: search_index.Reuse | None = None) -> None:
    """The steps after the engine: the pages it wrote sanitised and marked for search, its search
    data sanitised, the Pagefind index made from the whole site (search: bundles the previous site
    has for the same pages)."""
    template = sanitize.Template.of_site(site_dir)
    for path in written:
        target = site_dir / path
        try:
            page = sanitize.sanitize_page(target.read_text("utf-8"), path, template)
        except sanitize.SanitizeError:
            raise
        except Exception as err:  # an unreadable page is not published unsanitised
            raise sanitize.SanitizeError(f"{path}: cannot sanitise: {type(err).__name__}: {err}") from err
        atomic_write(target, search_index.mark_page(page, path))
    sanitize.sanitize_search_data(site_dir)
    search_index.index_site(site_dir, reuse=search)


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


def swap_in_site(staging: Path, site_dir: Path, cache_dir: Path | None) -> None:
    """Swap the new site in, then record it as the one the site state describes."""
    swap_in(staging, site_dir)
    site_state.record_site(cache_dir, site_dir)


def swap_in(staging: Path, target: Path) -> None:
    old = old_path(target)
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
