"""The second wall: whatever reaches a reader's browser from corpus text is inert.

The first wall is escaping on the way into Markdown (markdown.escape_inline). This
module is what stands behind it, for the day a stage forgets to escape:

- an MkDocs plugin (``newswiki-sanitize`` in mkdocs.yml) that, for every page built
  from the corpus (articles/, entities/ and the index pages), passes the rendered
  page content through nh3 (an allow-list HTML sanitiser) before the theme wraps
  it and before the search plugin indexes it, and makes every page title (used raw
  by MkDocs and Material in <title>, the header, the nav and the search results)
  plain escaped text. Material's own scripts live in the theme template, which is
  never touched.
- sanitize_search_index: the same allow-list over site/search/search_index.json.
- break_long_lines: no single line long enough to make Markdown crawl.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urlsplit

import nh3

#: Link schemes a reader may follow out of the wiki; everything else (javascript:,
#: data:, vbscript:, file:, ...) is dropped. Relative links have no scheme and stay.
URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: What Python-Markdown with our extensions (toc, footnotes, attr_list, md_in_html)
#: and hand-written Markdown produce, minus anything that can run or load code.
ALLOWED_TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "div",
        "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
        "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
        "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
        # static SVG charts drawn by the build (no <use>, <image>, <foreignObject> or animation)
        "svg", "g", "rect", "line", "polyline", "polygon", "circle", "ellipse", "path", "text", "tspan",
    }
)  # fmt: skip
SVG_GEOMETRY = {
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width", "height", "d", "points",
    "transform", "fill", "stroke", "stroke-width", "opacity", "text-anchor", "font-size", "dominant-baseline",
}  # fmt: skip
#: Attributes per tag ("*" = every tag). No on* handlers, no style, no srcset.
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-describedby"},
    "svg": {"width", "height", "viewBox", "preserveAspectRatio", "xmlns"},
    **{tag: SVG_GEOMETRY for tag in ("g", "rect", "line", "polyline", "polygon", "circle", "ellipse", "path", "text", "tspan")},
    "a": {"href", "rel", "download"},  # download: the CSV and JSON of an entity's mentions
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start"},
    "time": {"datetime"},
    "details": {"open"},
    "abbr": {"title"},
}
#: Front-matter fields the theme prints as raw HTML besides the title.
PLAIN_META = ("description",)
#: Search-engine hints (Pagefind) are data, never behaviour.
ATTRIBUTE_PREFIXES = frozenset({"data-pagefind-"})
#: Dropped together with their text (a script's source is not article text).
CONTENT_TAGS = frozenset({"script", "style"})
#: Tags Material's search keeps in its index entries (material/plugins/search).
SEARCH_TAGS = frozenset({"p", "code", "pre", "li", "ol", "ul", "sub", "sup"})
#: Pages built from corpus text (paths under docs/); hand-written pages elsewhere are trusted,
#: and so are generated pages that carry no corpus text but need forms (the graph page).
CORPUS_PREFIXES = ("articles/", "entities/", "authors/", "publishers/")
CORPUS_PAGES = frozenset({"index.md", "authors.md", "publishers.md"})
#: Characters HTML does not allow in text (and XML parsers refuse).
HTML_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_fragment(fragment: str) -> str:
    """An HTML fragment with only allow-listed tags, attributes and link schemes left."""
    # The HTML parser drops a byte order mark at the start of its input, so one left after a removed
    # tag would vanish only on a second pass; drop them all now to keep sanitising idempotent.
    return nh3.clean(
        fragment.replace("\ufeff", ""),
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(CONTENT_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def text_html(text: str) -> str:
    """Plain text from possibly-HTML text, as escaped HTML: tags removed, entities kept."""
    text = HTML_CONTROL_RE.sub(" ", text).replace("\ufeff", "")
    cleaned = nh3.clean(text, tags=set(), clean_content_tags=set(CONTENT_TAGS), strip_comments=True)
    # nh3 leaves quotes alone; they are harmless in text but not inside attributes.
    return " ".join(cleaned.replace('"', "&quot;").replace("'", "&#x27;").split())


def title_html(title: object) -> str:
    """A page title as MkDocs and Material use it (raw HTML): escaped text, no tags, one line."""
    return text_html(str(title or ""))


def safe_url(url: str) -> str | None:
    """url when its scheme is allow-listed (or it is relative), else None."""
    candidate = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(url))
    try:
        scheme = urlsplit(candidate).scheme.lower()
    except ValueError:
        return None
    if scheme and scheme not in URL_SCHEMES:
        return None
    if not scheme and candidate.startswith("//"):
        return None  # protocol-relative: loads from a host of the page's choosing
    return url


def is_corpus_page(src_uri: str) -> bool:
    return src_uri.startswith(CORPUS_PREFIXES) or src_uri in CORPUS_PAGES


# --- limits -------------------------------------------------------------------

#: Python-Markdown's inline processing grows faster than linearly with paragraph
#: length (measured: 58k characters 0.3 s, 115k 5 s, 230k 13.5 s; the same text in
#: short paragraphs stays linear), so longer lines are broken into paragraphs.
MAX_LINE_CHARS = 10_000
ENTITY_TAIL_RE = re.compile(r"&#?[A-Za-z0-9]{0,31}$")


def break_long_lines(markdown: str, limit: int = MAX_LINE_CHARS) -> str:
    """Markdown whose lines are at most limit characters: longer ones become several paragraphs,
    cut at a space where there is one, and never inside a backslash escape or a character reference."""
    if all(len(line) <= limit for line in markdown.split("\n")):
        return markdown
    out = []
    for line in markdown.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", limit // 2, limit)
            if cut <= 0:
                cut = limit
                tail = ENTITY_TAIL_RE.search(line, 0, cut)
                if tail:
                    cut = tail.start()
                # Backslashes pair up as escapes ("\\\\" is one "\\"): only an odd run ends mid-escape.
                run = len(line[:cut]) - len(line[:cut].rstrip("\\"))
                if run % 2 == 1:
                    cut -= 1
                if cut <= 0:
                    cut = 2
            out += [line[:cut].rstrip(), ""]
            line = _escape_line_start(line[cut:].lstrip())
        out.append(line)
    return "\n".join(out)


def _escape_line_start(text: str) -> str:
    """A continuation must not start a heading, list or quote of its own."""
    from newswiki.markdown import LINE_START_ESCAPES

    for pattern, replace in LINE_START_ESCAPES:
        text, n = pattern.subn(replace, text, count=1)
        if n:
            break
    return text


# --- search index -----------------------------------------------------------


def sanitize_search_index(text: str) -> str:
    """search_index.json with every entry's title and text through the allow-list."""
    data = json.loads(text)
    for doc in data.get("docs", []):
        if "title" in doc:
            doc["title"] = text_html(str(doc["title"]))
        if "text" in doc:
            doc["text"] = nh3.clean(
                str(doc["text"]), tags=set(SEARCH_TAGS), clean_content_tags=set(CONTENT_TAGS),
                attributes={}, link_rel=None, strip_comments=True,
            )
        if "tags" in doc and isinstance(doc["tags"], list):
            doc["tags"] = [text_html(str(tag)) for tag in doc["tags"]]
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False)


# --- the MkDocs plugin --------------------------------------------------------

try:
    from mkdocs.plugins import BasePlugin, event_priority
except ImportError:  # pragma: no cover - mkdocs is a dependency; the plugin is optional for library users
    BasePlugin = object  # type: ignore[assignment,misc]

    def event_priority(priority):  # type: ignore[no-redef]
        return lambda f: f


def _clean_toc(items) -> None:
    for item in items:
        item.title = title_html(item.title)
        _clean_toc(item.children)


class SanitizePlugin(BasePlugin):  # type: ignore[misc,valid-type]
    """MkDocs plugin ``newswiki-sanitize``: corpus pages' content and every page title made inert."""

    @event_priority(-100)  # last: after any plugin that changes content, before search indexes it
    def on_page_content(self, html_text: str, /, *, page, config, files) -> str:
        if "title" in page.meta:
            page.meta["title"] = title_html(page.title)
        for key in PLAIN_META:  # printed raw by Material (<meta name="description" content="...">)
            if key in page.meta:
                page.meta[key] = title_html(page.meta[key])
        _clean_toc(page.toc)
        if is_corpus_page(page.file.src_uri):
            return clean_fragment(html_text)
        return html_text
