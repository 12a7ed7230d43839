"""The second wall: whatever reaches a reader's browser from corpus text is inert.

The first wall is escaping on the way into Markdown (markdown.escape_inline). This
module is what stands behind it, for the day a stage forgets to escape. It runs over
the site the engine (MkDocs, ProperDocs or Zensical) has built, so it holds whatever
engine built it and whatever plugins that engine ignores:

- sanitize_page: in every page built from the corpus (articles/, entities/ and the
  index pages), the page content (the theme's <article>) goes through nh3, an
  allow-list HTML sanitiser. In every page, around the content (header, navigation,
  table of contents, footer: where page titles and headings are printed raw), only
  the theme's own scripts stay (learned from 404.html, which holds no corpus text),
  and event handlers, active URLs, style attributes and elements that run or load
  something are removed; <title> becomes plain text. (Front-matter titles reach the engine
  already escaped: title_html, used by page_titles.py and render.common.safe_title.)
- sanitize_search_data: the same allow-list over the engine's own search data
  (search/search_index.json, search.json).
- break_long_lines: no single line long enough to make Markdown crawl.

Anything it cannot do (no 404.html, a page it cannot read) stops the build: a site is
never published unsanitised. A corpus page without an <article> has its whole <body>
through nh3.
"""

from __future__ import annotations

import html
import json
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import nh3
from lxml import etree

from newswiki.markdown import LINE_START_ESCAPES

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
#: The reader's data on an entity page, read as text by overrides/assets/newswiki/: a related entity's
#: type and shared sentences (its neighbourhood graph, render/related.py), a quote's citation.
READER_DATA = frozenset(
    {"data-nw-type", "data-nw-shared", "data-nw-authors", "data-nw-date", "data-nw-publisher", "data-nw-source"}
)
#: Attributes per tag ("*" = every tag). No on* handlers, no style, no srcset.
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "role", "aria-label", "aria-hidden", "aria-describedby"} | READER_DATA,
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


def title_text(title: object) -> str:
    """The text a front-matter title stands for. MkDocs and Material print a title as raw HTML, so the
    build writes titles escaped (render.common.safe_title); a contributor may write `&amp;` as it does
    or a plain `&`: character references are read, and markup is characters like any other. One line."""
    text = html.unescape(str(title or "")).replace("\ufeff", "")
    return " ".join(HTML_CONTROL_RE.sub(" ", text).split())


def title_html(title: object) -> str:
    """A front-matter title as the engine must be given it (it prints it raw into the header, the
    navigation and <title>): title_text, escaped. Idempotent, and a title the build wrote is unchanged."""
    return html.escape(title_text(title), quote=False)


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
    for pattern, replace in LINE_START_ESCAPES:
        text, n = pattern.subn(replace, text, count=1)
        if n:
            break
    return text


# --- search index -----------------------------------------------------------


def sanitize_search_index(text: str) -> str:
    """An engine's search data (search_index.json, search.json) with every entry's title and text through the allow-list."""
    data = json.loads(text)
    entries = data.get("docs") or data.get("items") or []  # MkDocs and Material: docs; Zensical: items
    for doc in entries if isinstance(entries, list) else []:
        if not isinstance(doc, dict):
            continue
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


#: The engines' own search data, relative to the site root (Pagefind's index is made from the
#: sanitised pages, so it needs no pass of its own).
SEARCH_DATA = ("search/search_index.json", "search.json")


def sanitize_search_data(site_dir: Path) -> None:
    for name in SEARCH_DATA:
        path = site_dir / name
        if path.is_file():
            _replace(path, sanitize_search_index(path.read_text("utf-8")))


# --- built pages ----------------------------------------------------------------


class SanitizeError(Exception):
    """The built site could not be sanitised; the build stops rather than publish it."""


#: Elements that run or load something: outside page content, only where the theme's own
#: template has them (404.html) and never in <body> otherwise.
ACTIVE_TAGS = frozenset(
    {
        "script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "link", "meta",
        "math", "template", "noscript", "portal", "foreignobject", "use", "image", "animate", "set",
        "animatetransform", "animatemotion", "handler", "listener",
    }
)  # fmt: skip
#: Attributes holding a URL that is loaded or followed.
URL_ATTRIBUTES = frozenset(
    {
        "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset", "cite",
        "longdesc", "lowsrc", "dynsrc", "ping", "manifest", "codebase", "archive",
    }
)  # fmt: skip
STRING_LITERAL_RE = re.compile(r'"[^"]*"')
#: Where a theme puts the page's own content.
CONTENT_XPATH = "//article"
#: Pages of the site that are built from corpus text (site paths), see CORPUS_PREFIXES and CORPUS_PAGES.
CORPUS_SITE_PAGES = frozenset({"index.html", "authors/index.html", "publishers/index.html"})


@dataclass(frozen=True)
class Template:
    """What the theme's own markup holds, learned from a page without corpus text (404.html): its
    inline scripts (string literals blanked: they differ between pages only in relative paths)
    and the active elements it uses in <body>."""

    scripts: frozenset[str]
    body_tags: frozenset[str]

    @classmethod
    def of(cls, page_html: str) -> Template:
        root = lxml.html.document_fromstring(page_html)
        scripts = frozenset(_script_shape(s) for s in root.iter("script") if not s.get("src"))
        body = root.find("body")
        tags = {el.tag for el in body.iter() if isinstance(el.tag, str)} if body is not None else set()
        return cls(scripts, frozenset(tags & ACTIVE_TAGS))

    @classmethod
    def of_site(cls, site_dir: Path) -> Template:
        page = site_dir / "404.html"
        if not page.is_file():
            raise SanitizeError(f"no 404.html in {site_dir}: the theme's own scripts cannot be told apart")
        return cls.of(page.read_text("utf-8"))


def _script_shape(script) -> str:
    return STRING_LITERAL_RE.sub('""', script.text or "").strip()


def is_corpus_site_page(path: str) -> bool:
    """path: a page's path in the site (articles/x/index.html)."""
    return path.startswith(CORPUS_PREFIXES) or path in CORPUS_SITE_PAGES


def sanitize_page(page_html: str, path: str, template: Template) -> str:
    """A built page made inert: see the module docstring. path: the page's path in the site."""
    root = lxml.html.document_fromstring(page_html)
    doctype = root.getroottree().docinfo.doctype
    contents = root.xpath(CONTENT_XPATH)
    corpus = is_corpus_site_page(path)
    if corpus and not contents:  # not a theme's page (a redirect page), or a theme this does not know
        contents = root.xpath("//body")
    # The content is taken out while the rest is scrubbed (it has rules of its own) and put back
    # as text, in the place of a marker no page can guess.
    marker = f"newswiki-content-{uuid.uuid4().hex}-"
    inners = []
    for n, content in enumerate(contents):
        inner = _inner_html(content)
        inners.append(clean_fragment(inner) if corpus else inner)
        for child in list(content):
            content.remove(child)
        content.text = f"{marker}{n}."
    _scrub_shell(root, template)
    for title in root.iter("title"):
        # A browser reads <title> as text whatever it holds; written back escaped, so it stays text.
        text = " ".join(HTML_CONTROL_RE.sub(" ", title.text_content()).split())
        for child in list(title):
            title.remove(child)
        title.text = text
    out = lxml.html.tostring(root, encoding="unicode")
    for n, inner in enumerate(inners):
        out = out.replace(f"{marker}{n}.", inner, 1)
    return (doctype + "\n" if doctype else "") + out


def _inner_html(element) -> str:
    return html.escape(element.text or "", quote=False) + "".join(
        lxml.html.tostring(child, encoding="unicode", with_tail=True) for child in element
    )


#: Attributes to look at outside page content: handlers, style in <body>, and any value that may
#: hold a URL with a scheme or a host (the names are checked afterwards: one pass is faster).
SHELL_ATTRIBUTES = etree.XPath(
    "//@*[starts-with(name(), 'on') or contains(., ':') or contains(., '//') or contains(., '\\')] | //body//@style"
)


def _scrub_shell(root, template: Template) -> None:
    """Only the template's scripts and active elements, no handlers, no active URLs, no style
    attributes in <body>."""
    body = root.find("body")
    for el in list(body.iter(*ACTIVE_TAGS)) if body is not None else []:
        keep = _is_theme_script(el, template) if el.tag == "script" else el.tag in template.body_tags
        if not keep:
            el.drop_tree()
    head = root.find("head")
    for el in list(head.iter("script")) if head is not None else []:
        if not _is_theme_script(el, template):
            el.drop_tree()
    for value in SHELL_ATTRIBUTES(root):
        name, owner = value.attrname, value.getparent()
        lowered = name.lower()
        url = lowered in URL_ATTRIBUTES or lowered.endswith("href")
        if lowered.startswith("on") or lowered == "style" or (url and safe_url(str(value)) is None):
            owner.attrib.pop(name, None)


def _is_theme_script(script, template: Template) -> bool:
    src = script.get("src")
    if src is not None:
        relative = not re.match(r"^([a-z][a-z0-9+.-]*:|//)", src.strip(), re.I)
        return relative and not (script.text or "").strip()
    return _script_shape(script) in template.scripts


def _replace(path: Path, text: str) -> None:
    temp = path.with_name(path.name + ".sanitising")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, path)
