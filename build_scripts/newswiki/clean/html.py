"""HTML pages: the article via trafilatura, its XML turned into escaped Markdown here."""

from __future__ import annotations

from functools import lru_cache

from newswiki.markdown import escape_inline
from newswiki.clean.lines import normalise, words

#: A precise extraction that keeps less than this share of the page's visible words has lost the
#: article (trafilatura's pruning took the block holding it): it is redone favouring recall.
HTML_MIN_SHARE = 0.1


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
    # favor_precision: trafilatura's stricter pruning of link lists and widgets (measured better
    # on the dev set, and an article page is better short than padded with chrome).
    body = _trafilatura_body(html, fields.get("title"), favor_precision=True)
    if len(words(body)) < HTML_MIN_SHARE * len(words(html_visible_text(html))):
        body = _trafilatura_body(html, fields.get("title"), favor_recall=True) or body
    return body, fields


def _trafilatura_body(html: str, title: str | None, **favour: bool) -> str:
    import trafilatura

    xml = trafilatura.extract(html, output_format="xml", include_comments=False, include_tables=True, **favour) or ""
    return xml_to_markdown(xml, title) if xml else ""


@lru_cache(maxsize=2)
def html_visible_text(html: str) -> str:
    """All the text a reader would see on the page (for how much cleaning removed); kept for the
    last pages, as cleaning and the removal count both ask for it."""
    import trafilatura

    return " ".join((trafilatura.html2txt(html) or "").split())


def xml_to_markdown(xml: str, title: str | None = None) -> str:
    """trafilatura's XML document as Markdown: headings, lists, quotes, tables as lines, paragraphs."""
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    main = root.find("main")
    if main is None:
        return ""
    parts: list[str] = []
    loose = " ".join((main.text or "").split())
    if loose:
        parts.append(escape_inline(loose))
    for element in main:
        _html_part(element, parts, title)
        tail = " ".join((element.tail or "").split())
        if tail:
            parts.append(escape_inline(tail))  # text between blocks belongs to no element
    return "\n\n".join(parts).strip() + "\n"


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
