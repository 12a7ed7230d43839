"""The `newswiki` MkDocs plugin: search ranking that knows what an entity page is, and a site
build whose memory does not grow with the pages' text.

A reader who types a name (Lukashenka) wants the entity's page before the articles that
merely mention it. Material's search reads a page's `search: boost:` meta; this sets it for
every entity page, including pages a contributor edited, without writing it into docs/.

MkDocs converts every page to HTML first and only then renders the pages into the theme, so the
HTML and Markdown of all pages sit in memory at once (about 1 GB at 10,000 articles). This plugin
keeps them compressed in between: compressed when a page's content is final, restored just before
its template is rendered, dropped once the page is written.
"""

from __future__ import annotations

import zlib

from mkdocs.plugins import BasePlugin, event_priority

#: Score multiplier for entity pages in Material's lunr search. With 1, an article that
#: repeats a name many times outranks the entity's own page; 4 puts the page first on the
#: seed corpus while an article whose *title* matches still wins (titles weigh 1000).
ENTITY_SEARCH_BOOST = 4


def is_entity_page(src_uri: str) -> bool:
    """Every page under entities/ but the index is an entity page (whatever its front matter holds)."""
    return src_uri.startswith("entities/") and src_uri != "entities/index.md"


#: zlib level: HTML shrinks about sixfold at level 1; higher levels cost time for little more.
COMPRESSION_LEVEL = 1


class NewswikiPlugin(BasePlugin):
    def __init__(self) -> None:
        super().__init__()
        self.held: dict[str, tuple[bytes, bytes]] = {}

    def on_pre_build(self, *, config):
        self.held.clear()

    @event_priority(-200)  # after every plugin that changes content (sanitising is at -100)
    def on_page_content(self, html, *, page, config, files):
        markdown = page.markdown or ""
        self.held[page.file.src_uri] = (
            zlib.compress(html.encode("utf-8"), COMPRESSION_LEVEL),
            zlib.compress(markdown.encode("utf-8"), COMPRESSION_LEVEL),
        )
        page.markdown = ""
        return ""

    @event_priority(200)  # before any plugin reads the content
    def on_page_context(self, context, *, page, config, nav):
        held = self.held.pop(page.file.src_uri, None)
        if held is not None:
            page.content = zlib.decompress(held[0]).decode("utf-8")
            page.markdown = zlib.decompress(held[1]).decode("utf-8")
        return context

    @event_priority(-200)  # after every plugin that reads the page
    def on_post_page(self, output, *, page, config):
        page.content, page.markdown = None, None
        return output

    def on_page_markdown(self, markdown, *, page, config, files):
        if is_entity_page(page.file.src_uri):
            search = page.meta.get("search")
            if not isinstance(search, dict):
                search = page.meta["search"] = {}
            search.setdefault("boost", ENTITY_SEARCH_BOOST)
        return markdown
