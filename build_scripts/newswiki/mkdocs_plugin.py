"""What the build adds to an MkDocs (or ProperDocs) run, in the process, never through mkdocs.yml:
a site build whose memory does not grow with the pages' text, Material's own search index left
empty, and only the pages that changed rendered again.

Nothing here makes the site safe or searchable: the sanitiser and the Pagefind index run over the
built site whatever engine built it (site.py). This only makes the MkDocs family faster:

- MkDocs converts every page to HTML first and only then renders the pages into the theme, so the
  HTML and Markdown of all pages sit in memory at once (about 1 GB at 10,000 articles). The plugin
  keeps them compressed in between: compressed when a page's content is final, restored just before
  its template is rendered, dropped once the page is written.
- Material's search plugin stays in mkdocs.yml for its header search box (answered by Pagefind),
  but every page is left out of its lunr index, which would otherwise hold every page's text.
- reuse: pages whose output the previous site already has; MkDocs' dirty build skips them (their
  HTML is taken from the previous site by the caller).
"""

from __future__ import annotations

import logging
import zlib

from mkdocs.plugins import BasePlugin, event_priority

#: zlib level: HTML shrinks about sixfold at level 1; higher levels cost time for little more.
COMPRESSION_LEVEL = 1
#: MkDocs warns on every dirty build; the build decides itself which pages are dirty, so the
#: warning (an abort under strict mode) says nothing here.
DIRTY_WARNING = "A 'dirty' build is being performed"


class NewswikiPlugin(BasePlugin):
    def __init__(self, reuse: frozenset[str] = frozenset()) -> None:
        super().__init__()
        self.held: dict[str, tuple[bytes, bytes]] = {}
        self.reuse = reuse
        #: Every page's output path in the site (site path), by its path in docs/.
        self.outputs: dict[str, str] = {}

    def on_pre_build(self, *, config):
        self.held.clear()

    def on_files(self, files, *, config):
        for file in files.documentation_pages():
            self.outputs[file.src_uri] = file.dest_uri
            modified = file.src_uri not in self.reuse
            file.is_modified = lambda modified=modified: modified  # read by MkDocs' dirty build
        return files

    def on_page_markdown(self, markdown, *, page, config, files):
        # Material's lunr index skips excluded pages before reading them; Pagefind replaces it.
        search = page.meta.get("search")
        if not isinstance(search, dict):
            search = page.meta["search"] = {}
        search["exclude"] = True
        return markdown

    @event_priority(-200)  # after every plugin that changes content
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


class DirtyWarningFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)
