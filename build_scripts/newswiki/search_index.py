"""The `newswiki-pagefind` MkDocs plugin: site search that downloads only what a query needs.

Material's own search puts every page's text into one search_index.json that every reader
downloads before the first result (56.6 MB at 10,000 pages). Pagefind instead splits the index
into small chunks by word and loads the chunks for the words typed, plus the text of the results
shown. This plugin:

- keeps Material's search plugin for its header search box, but leaves every page out of its
  lunr index (so that index is empty and costs neither build time nor downloads);
- carries Material's per-page `search: boost:` over to Pagefind as a weight on the page text, so
  entity pages still rank first for their names;
- runs Pagefind (the binary shipped in the `pagefind_bin` wheel, offline) over the built site,
  in shards of SHARD_PAGES pages on a large site (see below).

Pagefind holds the index of every page it reads in memory, about 0.4 MB per article page: 10,000
articles would take it past 4 GB. A site with more pages is indexed in shards, one Pagefind run
after another, each over a folder of hard links to its pages (so page URLs are unchanged). The
entity pages, whose indexed part is only their names (render.entity_page.SEARCH_IGNORED_BEGIN), make the main
bundle in pagefind/, so names rank against names; the articles follow in shards of SHARD_PAGES in
pagefind-shards/<n>/, listed in pagefind/newswiki-shards.json, which the search box reads to merge
them (pagefind.mergeIndex).

The search box itself is overrides/partials/search.html with overrides/assets/pagefind-search.js.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config as MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

#: Pages whose text is indexed: articles and entities. The home page and the two index pages list
#: every article or entity, so they would match every query and make its download heavy.
INDEXED_PAGES = "{articles,entities}/*/index.html"
#: Only the page's own content is indexed, not the header, navigation and footer around it.
ROOT_SELECTOR = "article.md-content__inner"
#: Parts of a page that are not its text: the permalink signs of headings.
EXCLUDED = ".headerlink"
#: Article pages per Pagefind run: about 0.4 GB of Pagefind memory at most. A shard adds about
#: 10 KB to a query's download (its metadata and word chunks): ten shards at 10,000 articles.
SHARD_PAGES = 1000
#: Entity pages per Pagefind run: only their names are indexed, so they take far less.
ENTITY_SHARD_PAGES = 25_000
ENTITY_FOLDER = "entities/"
MAIN_BUNDLE = "pagefind"
SHARD_BUNDLES = "pagefind-shards"
#: In the main bundle: the other bundles' folders, relative to the site root, for the search box to merge.
SHARDS_FILE = "newswiki-shards.json"
#: Pagefind's weights go from 0 to 10; Material's boosts are multipliers of about that size.
MAX_WEIGHT = 10


class PagefindConfig(MkDocsConfig):
    glob = config_options.Type(str, default=INDEXED_PAGES)
    root_selector = config_options.Type(str, default=ROOT_SELECTOR)
    exclude_selectors = config_options.Type(str, default=EXCLUDED)


def pagefind_command(site_dir: Path, config: PagefindConfig, output: Path | None = None) -> list[str]:
    where = ["--output-path", str(output)] if output else ["--output-subdir", MAIN_BUNDLE]
    return [
        sys.executable, "-m", "pagefind", "--site", str(site_dir), *where,
        "--glob", config.glob, "--root-selector", config.root_selector,
        "--exclude-selectors", config.exclude_selectors, "--silent",
    ]


def run_pagefind(site_dir: Path, config: PagefindConfig, output: Path | None = None) -> None:
    """Index the pages of site_dir into output (default: site_dir/pagefind/); a failure stops the
    build with Pagefind's message."""
    try:
        done = subprocess.run(pagefind_command(site_dir, config, output), capture_output=True, text=True, check=False)
    except OSError as err:
        raise PluginError(f"cannot run pagefind: {err}") from err
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
        raise PluginError(f"pagefind failed: {message} (is the pagefind[bin] package installed?)")


def expand_braces(pattern: str) -> list[str]:
    """The globs a pattern with one {a,b} group stands for (Python's glob has no braces; Pagefind's has)."""
    head, brace, rest = pattern.partition("{")
    if not brace or "}" not in rest:
        return [pattern]
    choices, _, tail = rest.partition("}")
    return [head + choice + tail for choice in choices.split(",")]


def indexed_pages(site_dir: Path, glob: str) -> list[str]:
    """The pages Pagefind indexes, as sorted paths relative to the site root."""
    found = {p.relative_to(site_dir).as_posix() for pattern in expand_braces(glob) for p in site_dir.glob(pattern)}
    return sorted(found)


def chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def index_site(
    site_dir: Path, config: PagefindConfig, shard_pages: int = SHARD_PAGES, entity_shard_pages: int = ENTITY_SHARD_PAGES
) -> int:
    """Build the search bundles of a site, in shards when it is large; returns the number of bundles."""
    pages = indexed_pages(site_dir, config.glob)
    if len(pages) <= shard_pages:
        shards = [pages]
    else:
        entities = [p for p in pages if p.startswith(ENTITY_FOLDER)]
        others = [p for p in pages if not p.startswith(ENTITY_FOLDER)]
        shards = chunks(entities, entity_shard_pages) + chunks(others, shard_pages)
    extra: list[str] = []
    if len(shards) == 1:
        run_pagefind(site_dir, config)
    else:
        scratch = site_dir.with_name(f".{site_dir.name}.pagefind-shard")
        try:
            for n, shard in enumerate(shards):
                shutil.rmtree(scratch, ignore_errors=True)
                for page in shard:
                    (scratch / page).parent.mkdir(parents=True, exist_ok=True)
                    os.link(site_dir / page, scratch / page)
                bundle = MAIN_BUNDLE if n == 0 else f"{SHARD_BUNDLES}/{n}"
                run_pagefind(scratch, config, site_dir / bundle)
                if n:
                    extra.append(bundle + "/")
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    (site_dir / MAIN_BUNDLE / SHARDS_FILE).write_text(json.dumps(extra) + "\n", encoding="utf-8")
    return len(shards)


def search_boost(meta: dict) -> float:
    search = meta.get("search")
    boost = search.get("boost") if isinstance(search, dict) else None
    return float(boost) if isinstance(boost, (int, float)) and boost > 0 else 1.0


class PagefindPlugin(BasePlugin[PagefindConfig]):
    def on_page_markdown(self, markdown, *, page, config, files):
        # Material's lunr index skips excluded pages before reading them; Pagefind replaces it.
        search = page.meta.get("search")
        if not isinstance(search, dict):
            search = page.meta["search"] = {}
        search["exclude"] = True
        return markdown

    def on_page_content(self, html, *, page, config, files):
        boost = search_boost(page.meta)
        if boost == 1.0:
            return html
        weight = min(MAX_WEIGHT, boost)
        return f'<div data-pagefind-weight="{weight:g}">\n{html}\n</div>'

    def on_post_build(self, *, config):
        index_site(Path(config.site_dir), self.config)
