"""HTML pages: the article via trafilatura, its XML turned into escaped Markdown here."""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape
from itertools import islice

from newswiki.markdown import escape_inline
from newswiki.clean.lines import normalise, words
from newswiki.clean.phrases import boilerplate_phrasing

#: A precise extraction that keeps less than this share of the page's visible words has lost the
#: article (trafilatura's pruning took the block holding it): it is redone favouring recall.
HTML_MIN_SHARE = 0.1
#: Blocks of the precise extraction that place the article in the full one: its first and last
#: few with at least ANCHOR_MIN_WORDS words (a one-word block could be found anywhere).
ANCHORS, ANCHOR_MIN_WORDS = 3, 4
#: A full block holds a precise one when it has this share of that block's words.
HOLDS_SHARE = 0.8
WORD_RE = re.compile(r"\w+")
#: Tags and headings are read within bounds, and only so many: a hostile page of endless "<h1" or
#: "<meta" without an end costs a linear scan, not one to the end of the page for each.
H1_OPEN_RE = re.compile(r"<h1\b[^<>]{0,1000}>", re.I)
H1_CLOSE_RE = re.compile(r"</h1\s*>", re.I)
META_RE = re.compile(r"<meta\b[^<>]{0,2000}>", re.I)
TITLE_PROPERTY_RE = re.compile(r"\b(?:property|name)\s*=\s*[\"']?(?:og|twitter):title\b", re.I)
CONTENT_RE = re.compile(r"\bcontent\s*=\s*(?:\"([^\"]*)\"|'([^']*)')", re.I)
TAG_RE = re.compile(r"<[^<>]*>")
MAX_HEADINGS, MAX_HEADING_CHARS, MAX_METAS = 20, 2000, 500
#: Extractions up to this many words are checked for being a menu: a page of links, not an article.
MENU_MAX_WORDS = 200


def clean_html(html: str) -> tuple[str, dict]:
    """The article of an HTML page via trafilatura: Markdown body and the page's own metadata.

    trafilatura's XML (not its Markdown) is turned into Markdown here, so that every piece
    of corpus text goes through escape_inline and none of it becomes active markup.
    """
    import trafilatura  # imported here: it is slow to import and only HTML input needs it

    # extensive=False: only dates the page declares or prints as its own; the extensive search
    # guesses from any date-like string (a copyright year became "January 1") (benchmarks/extraction.py).
    meta = trafilatura.extract_metadata(html, extensive=False)
    fields = meta.as_dict() if meta is not None else {}
    # The article is the coherent body between the first and the last block of trafilatura's
    # precise extraction (its stricter pruning of link lists and widgets finds where the article
    # is), taken from its recall-favouring extraction: precision alone also drops the article's
    # subheadings, its "Related:" lines and the link text inside sentences ("... en un comunicado
    # [Twitter Lite] ahora estará disponible ..."). Measured in benchmarks/extraction.py.
    title = fields.get("title")
    precise = _trafilatura_blocks(html, title, favor_precision=True)
    full = _trafilatura_blocks(html, title, favor_recall=True)
    if len(words(" ".join(precise))) < HTML_MIN_SHARE * len(words(html_visible_text(html))):
        blocks = full or precise  # the precise pruning took the block holding the article
    else:
        blocks = article_span(precise, full)
    if only_links_and_furniture(blocks, html):
        return "", fields
    return ("\n\n".join(blocks).strip() + "\n") if blocks else "", fields


def only_links_and_furniture(blocks: list[str], html: str) -> bool:
    """Whether every block is made of the page's link texts (its menu, a list of other pages) or
    is furniture phrasing (a copyright line): such a page has no article text, whatever its title."""
    if not blocks or sum(len(words(b)) for b in blocks) > MENU_MAX_WORDS:
        return False
    rest = [b for b in blocks if not boilerplate_phrasing(b, len(words(b)))]
    if not rest:
        return True
    links = link_texts(html)
    return all(made_of(normalise(b).split(), links) for b in rest)


def link_texts(html: str) -> frozenset[tuple[str, ...]]:
    """The words of each link's text on the page, as compared (normalise)."""
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return frozenset()
    return frozenset(text for a in tree.iter("a") if (text := tuple(normalise(a.text_content()).split())))


def page_headings(html: str) -> tuple[list[str], list[str]]:
    """The headings the page shows (its h1s) and the titles it declares (og:title, twitter:title).
    Read with patterns, not a parse: another parse of the page cost a fifth of HTML extraction."""
    h1s = []
    for opening in islice(H1_OPEN_RE.finditer(html), MAX_HEADINGS):
        closing = H1_CLOSE_RE.search(html, opening.end(), opening.end() + MAX_HEADING_CHARS)
        if closing:
            h1s.append(" ".join(unescape(TAG_RE.sub(" ", html[opening.end() : closing.start()])).split()))
    metas = [unescape(c.group(1) if c.group(1) is not None else c.group(2)) for m in islice(META_RE.finditer(html), MAX_METAS)
             if TITLE_PROPERTY_RE.search(m.group(0)) and (c := CONTENT_RE.search(m.group(0)))]
    return h1s, metas


def made_of(block: list[str], links: frozenset[tuple[str, ...]]) -> bool:
    """Whether the words of a block are link texts one after another (a menu run into one line)."""
    longest = max(map(len, links), default=0)
    ends = [True] + [False] * len(block)  # ends[i]: block[:i] is made of link texts
    for i in range(1, len(block) + 1):
        ends[i] = any(ends[j] and tuple(block[j:i]) in links for j in range(max(0, i - longest), i))
    return bool(block) and ends[-1]


def article_span(precise: list[str], full: list[str]) -> list[str]:
    """The blocks of the full extraction from where the precise one starts to where it ends;
    the precise blocks when the full ones do not hold them or come out shorter."""
    anchors = [b for b in precise if len(WORD_RE.findall(b)) >= ANCHOR_MIN_WORDS]
    if not anchors or not full:
        return precise
    full_words = [set(WORD_RE.findall(block.casefold())) for block in full]
    starts = [_first_holding(full_words, block, range(len(full))) for block in anchors[:ANCHORS]]
    ends = [_first_holding(full_words, block, range(len(full) - 1, -1, -1)) for block in anchors[-ANCHORS:]]
    starts, ends = [i for i in starts if i is not None], [i for i in ends if i is not None]
    if not starts or not ends or min(starts) > max(ends):
        return precise
    span = full[min(starts) : max(ends) + 1]
    return span if len(WORD_RE.findall(" ".join(span))) >= len(WORD_RE.findall(" ".join(precise))) else precise


def _first_holding(full_words: list[set[str]], block: str, order: range) -> int | None:
    wanted = WORD_RE.findall(block.casefold())
    for index in order:
        if sum(word in full_words[index] for word in wanted) >= HOLDS_SHARE * len(wanted):
            return index
    return None


def _trafilatura_blocks(html: str, title: str | None, **favour: bool) -> list[str]:
    import trafilatura

    xml = trafilatura.extract(html, output_format="xml", include_comments=False, include_tables=True, **favour) or ""
    return xml_blocks(xml, title) if xml else []


@lru_cache(maxsize=2)
def html_visible_text(html: str) -> str:
    """All the text a reader would see on the page (for how much cleaning removed); kept for the
    last pages, as cleaning and the removal count both ask for it."""
    import trafilatura

    return " ".join((trafilatura.html2txt(html) or "").split())


def xml_to_markdown(xml: str, title: str | None = None) -> str:
    """trafilatura's XML document as Markdown: headings, lists, quotes, tables as lines, paragraphs."""
    return "\n\n".join(xml_blocks(xml, title)).strip() + "\n"


def xml_blocks(xml: str, title: str | None = None) -> list[str]:
    """trafilatura's XML document as Markdown blocks, in order."""
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    main = root.find("main")
    if main is None:
        return []
    parts: list[str] = []
    loose = " ".join((main.text or "").split())
    if loose:
        parts.append(escape_inline(loose))
    for element in main:
        _html_part(element, parts, title)
        tail = " ".join((element.tail or "").split())
        if tail:
            parts.append(escape_inline(tail))  # text between blocks belongs to no element
    return parts


def _html_part(element, parts: list[str], title: str | None) -> None:
    """One top-level element of trafilatura's <main> as a Markdown block (appended to parts)."""
    text = " ".join("".join(element.itertext()).split())
    if element.tag == "head":
        if text and not (not parts and title and normalise(text) == normalise(title)):
            parts.append(f"## {escape_inline(text)}")
    elif element.tag == "list":
        items = [" ".join("".join(item.itertext()).split()) for item in element.iter("item")]
        items = [item for item in items if item]
        if items:
            parts.append("\n".join(f"- {escape_inline(item)}" for item in items))
    elif element.tag == "quote":
        if text:
            parts.append(f"> {escape_inline(text)}")
    elif element.tag == "table":
        rows = [" ".join(" ".join(row.itertext()).split()) for row in element.iter("row")]
        parts.extend(escape_inline(row) for row in rows if row)
    elif element.tag != "graphic" and text:
        parts.append(escape_inline(text))
