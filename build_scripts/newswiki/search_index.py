"""The `newswiki-pagefind` MkDocs plugin: site search that downloads only what a query needs.

Material's own search puts every page's text into one search_index.json that every reader
downloads before the first result (56.6 MB at 10,000 pages). Pagefind instead splits the index
into small chunks by word and loads the chunks for the words typed, plus the text of the results
shown. This plugin:

- keeps Material's search plugin for its header search box, but leaves every page out of its
  lunr index (so that index is empty and costs neither build time nor downloads);
- carries Material's per-page `search: boost:` over to Pagefind as a weight on the page text, so
  entity pages still rank first for their names;
- runs Pagefind (the binary shipped in the `pagefind_bin` wheel, offline) over the built site.

The search box itself is overrides/partials/search.html with overrides/assets/pagefind-search.js.
"""

from __future__ import annotations

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
#: Pagefind's weights go from 0 to 10; Material's boosts are multipliers of about that size.
MAX_WEIGHT = 10


class PagefindConfig(MkDocsConfig):
    glob = config_options.Type(str, default=INDEXED_PAGES)
    root_selector = config_options.Type(str, default=ROOT_SELECTOR)
    exclude_selectors = config_options.Type(str, default=EXCLUDED)


def pagefind_command(site_dir: Path, config: PagefindConfig) -> list[str]:
    return [
        sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", "pagefind",
        "--glob", config.glob, "--root-selector", config.root_selector,
        "--exclude-selectors", config.exclude_selectors, "--silent",
    ]


def run_pagefind(site_dir: Path, config: PagefindConfig) -> None:
    """Index the built site into site_dir/pagefind/; a failure stops the build with Pagefind's message."""
    try:
        done = subprocess.run(pagefind_command(site_dir, config), capture_output=True, text=True, check=False)
    except OSError as err:
        raise PluginError(f"cannot run pagefind: {err}") from err
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
        raise PluginError(f"pagefind failed: {message} (is the pagefind[bin] package installed?)")


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
        run_pagefind(Path(config.site_dir), self.config)
