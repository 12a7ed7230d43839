"""The `newswiki` MkDocs plugin: search ranking that knows what an entity page is.

A reader who types a name (Lukashenka) wants the entity's page before the articles that
merely mention it. Material's search reads a page's `search: boost:` meta; this sets it for
every entity page, including pages a contributor edited, without writing it into docs/.
"""

from __future__ import annotations

from mkdocs.plugins import BasePlugin

#: Score multiplier for entity pages in Material's lunr search. With 1, an article that
#: repeats a name many times outranks the entity's own page; 4 puts the page first on the
#: seed corpus while an article whose *title* matches still wins (titles weigh 1000).
ENTITY_SEARCH_BOOST = 4


def is_entity_page(src_uri: str) -> bool:
    """Every page under entities/ but the index is an entity page (whatever its front matter holds)."""
    return src_uri.startswith("entities/") and src_uri != "entities/index.md"


class NewswikiPlugin(BasePlugin):
    def on_page_markdown(self, markdown, *, page, config, files):
        if is_entity_page(page.file.src_uri):
            search = page.meta.get("search")
            if not isinstance(search, dict):
                search = page.meta["search"] = {}
            search.setdefault("boost", ENTITY_SEARCH_BOOST)
        return markdown
