"""Stage 2: find the article inside a whole saved page and turn it into clean Markdown.

Text dumps are split into blocks (one per line). Each block gets named features
(length, sentence shape, stop-word and punctuation density, furniture phrasing in
several languages, repetition in the page and across the corpus, table and link-list
shape) and from them a content score (content_score). The article is the run of blocks
with the highest total score (best_segment), with text before the headline or byline
weighed down and text after the article's end (comments, "related", copyright) counted
against it. Inside that run, furniture, second copies, teasers, captions and author
boxes are dropped (block_reason, duplicate_reasons), each with a reason that
`newswiki extract --explain` shows. HTML goes through trafilatura, whose XML is turned
into Markdown here so that corpus text is always escaped.

Modules, in the order the stage uses them: encoding (repair), lines (blocks and their
features), phrases (furniture phrasing), boundaries (where the article starts and ends),
repeats (lines repeated across the corpus), furniture (what inside the article is dropped),
markup (kept blocks as Markdown), article (clean_text, the stage put together), html.
"""

from newswiki.clean.article import clean_text
from newswiki.clean.html import clean_html, html_visible_text, page_headings
from newswiki.clean.repeats import corpus_boilerplate, line_keys, paragraph_keys, repeated_lines

__all__ = [
    "clean_html", "clean_text", "corpus_boilerplate", "html_visible_text", "line_keys", "page_headings",
    "paragraph_keys", "repeated_lines",
]
