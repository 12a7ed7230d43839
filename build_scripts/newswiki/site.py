"""Stage 7: the static site: MkDocs + Material into site/, plus site/wiki.json.

The site is built into a temporary folder beside site/ and swapped in at the
end, so a failed or killed build leaves the previous site whole.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from pathlib import Path

from newswiki.models import Article, Entity
from newswiki.output import atomic_write


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
    root: Path, site_dir: Path, extra_files: dict[str, str], strict: bool = True, redirects: dict[str, str] | None = None
) -> None:
    """Run MkDocs on mkdocs.yml into site_dir, add extra_files (e.g. wiki.json), and swap it in.

    redirects (old page path -> new page path) go to the mkdocs-redirects plugin when mkdocs.yml lists it.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    staging = site_dir.with_name(site_dir.name + ".building")
    shutil.rmtree(staging, ignore_errors=True)
    previous_cwd = os.getcwd()
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    try:
        os.chdir(root)
        config = load_config(str(root / "mkdocs.yml"), strict=strict, site_dir=str(staging))
        add_redirects(config, redirects or {})
        build(config)
    except MkDocsException as err:
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteError(f"mkdocs build failed: {err}") from err
    except SystemExit as err:  # mkdocs aborts on warnings in strict mode
        shutil.rmtree(staging, ignore_errors=True)
        raise SiteError(f"mkdocs build aborted (strict mode): {err}") from err
    finally:
        os.chdir(previous_cwd)
    for name, text in sorted(extra_files.items()):
        atomic_write(staging / name, text)
    swap_in(staging, site_dir)


def add_redirects(config, redirects: dict[str, str]) -> None:
    """Hand the build's redirect map (docs/.newswiki/redirects.yml) to the redirects plugin."""
    plugin = config.plugins.get("redirects")
    if plugin is not None and redirects:
        plugin.config["redirect_maps"] = {**redirects, **plugin.config.get("redirect_maps", {})}


def swap_in(staging: Path, target: Path) -> None:
    old = target.with_name(target.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(staging, target)
    shutil.rmtree(old, ignore_errors=True)
