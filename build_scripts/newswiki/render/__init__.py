"""Stage 6: the Markdown pages of the wiki, as text, from articles and entities.

Pure functions: path -> page text. Writing them (and keeping hand edits) is docs_writer.py.
Modules: common (what every page shares), article_page, entity_page, indexes (the pages
listing the whole corpus), inputs (what each page shows, its cache key, rendering one).
"""

from newswiki.render.entity_page import article_blocks
from newswiki.render.indexes import index_pages
from newswiki.render.inputs import page_inputs, page_key_record, render_page

__all__ = ["article_blocks", "index_pages", "page_inputs", "page_key_record", "render_page"]
