"""Article pages: byline, the body with entities linked and paragraphs anchored, provenance at the foot.

Search (Pagefind) indexes the title, the byline's publisher and authors and the body: everything
else on the page is furniture marked data-pagefind-ignore (the entity chips, "In this article",
the footnotes' URLs, the provenance), so a query never lands on it. A hidden block gives Pagefind
the page's filter words (type, publisher, year, language: common.search_facets) and its date and
publisher for the results list.
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import re
from collections.abc import Sequence

from slugify import slugify

from newswiki.language import names_recognised
from newswiki.models import INCOMPLETE_WARNING, Article, EntityRef
from newswiki.markdown import BLOCK_SEPARATOR_RE, PlainText, anchor_id, anchored_blocks
from newswiki.render.common import (
    TYPE_HEADINGS, anchor, date_text, first_sentence, front_matter, language_name, link_text, safe_title, search_facets,
)


#: Entities named in an article's header; the full list is at the end of the page.
HEADER_ENTITIES = 8


#: Python-Markdown's footnotes go where this paragraph is (its PLACE_MARKER), not at the page's
#: end: here inside a block search leaves out, since they are mostly the source's URLs.
FOOTNOTES_PLACE = '<div class="nw-footnotes" data-pagefind-ignore markdown>\n\n///Footnotes Go Here///\n\n</div>'
FOOTNOTE_DEFINITION_RE = re.compile(r"^\[\^[^\]\n]+\]:", re.M)


def article_page(article: Article, entities: Sequence[EntityRef]) -> str:
    ex = article.extraction
    language = ex.language
    meta = {
        # The extracted title, also when a contributor's is shown: so the merge base keeps it, and their
        # edit of this field stays an edit (page_titles.hand_titles) build after build.
        "title": safe_title(ex.title),
        "description": first_sentence(ex.body),
        "lang": language,
        "authors": list(ex.authors),
        "affiliations": dict(ex.affiliations) or None,
        "published": ex.published,
        # Fresh date objects: PyYAML would write the one shared with `published` as an anchor.
        "published_range": [dt.date.fromordinal(d.toordinal()) for d in ex.published_range or ()],
        "publisher": ex.publisher,
        "url": ex.url,
        "source": ex.source,
    }
    if ex.removed:
        meta["cleaning"] = {"removed_chars": dict(sorted(ex.removed.items()))}
    facets = {"type": "article", "publisher": ex.publisher, "year": ex.published and str(ex.published.year),
              "language": language_name(language)}
    dates = {"kind": "Article", "date": ex.published and ex.published.isoformat(), "publisher": ex.publisher}
    parts = [front_matter(meta), f"# {link_text(article.title)}\n", article_byline(article, entities), search_facets(facets, dates)]
    note = incomplete_note(article) + names_not_linked_note(article, entities)
    parts += [note, link_entities(ex.body, entities)] if note else [link_entities(ex.body, entities)]
    if FOOTNOTE_DEFINITION_RE.search(ex.body):
        parts.append(FOOTNOTES_PLACE)
    if entities:
        parts.append(in_this_article(entities))
    parts.append(provenance_block(article))
    return "\n".join(p.rstrip("\n") + "\n" for p in parts)


def article_byline(article: Article, entities: Sequence[EntityRef] = ()) -> str:
    """The article's header: publisher, date, authors, the original, and its entities as chips."""
    ex = article.extraction
    bits = []
    if ex.publisher:
        bits.append(f"[**{link_text(ex.publisher)}**](../publishers.md#{anchor(ex.publisher)})")
    dated = " – ".join(map(date_text, ex.published_range)) if ex.published_range else date_text(ex.published)
    bits.append(f"<span data-pagefind-ignore>{dated}</span>")
    if ex.authors:
        bits.append("by " + ", ".join(f"[{link_text(a)}](../authors.md#{anchor(a)})" for a in ex.authors))
    if ex.url and re.match(r"^https?://[^\s]+$", ex.url):
        href = html.escape(ex.url, quote=True)
        bits.append(f'<a class="nw-original" href="{href}" rel="noopener nofollow noreferrer" target="_blank" data-pagefind-ignore>original ↗</a>')
    lines = ['<div class="nw-byline" markdown>', " · ".join(bits), "</div>", ""]
    if entities:
        top = sorted(entities, key=lambda e: (-e.count, e.name))[:HEADER_ENTITIES]
        chips = " ".join(f"[{link_text(e.name)}](../{e.path}){{ .nw-chip .nw-{slugify(e.type)} }}" for e in top)
        more = f" [and {len(entities) - len(top)} more](#in-this-article)" if len(entities) > len(top) else ""
        lines += ['<div class="nw-entities" data-pagefind-ignore markdown>', f"**In this article:** {chips}{more}", "</div>", ""]
    return "\n".join(lines)


def incomplete_note(article: Article) -> str:
    """A visible note above the body when cleaning may have cut the article or kept too much,
    with the command that shows every line of the source and why it was kept or dropped."""
    notes = [w for w in article.extraction.warnings if w.startswith(INCOMPLETE_WARNING)]
    if not notes:
        return ""
    source = html.escape(article.extraction.source)
    items = "".join(f"<li>{html.escape(w[0].upper() + w[1:])}.</li>" for w in notes)
    return (
        '<div class="admonition warning nw-incomplete" data-pagefind-ignore><p class="admonition-title">This article may be incomplete</p>'
        f"<ul>{items}</ul><p>Every line of the source page, kept or dropped and why: "
        f"<code>newswiki extract --explain {source}</code> (or read <code>{source}</code> itself).</p></div>\n"
    )


def names_not_linked_note(article: Article, entities: Sequence[EntityRef]) -> str:
    """A note on an article in which names are not looked for (language.names_recognised): they are
    recognised in English only, so a reader does not take the page for one naming nobody. (A name
    NER read in another article may still be found in it: then the note would be wrong.)"""
    language = article.extraction.language
    if entities or names_recognised(language):
        return ""
    return (
        '<p class="nw-no-names" data-pagefind-ignore><em>No names are linked on this page: newswiki recognises '
        f"people, organisations and places in English articles only, and this one is in {html.escape(language_name(language))}.</em></p>\n"
    )


def provenance_block(article: Article) -> str:
    """Where the text came from and what cleaning removed (Extraction.removed), folded away."""
    ex = article.extraction
    items = [f"<li>Source file: <code>{html.escape(ex.source)}</code></li>"]
    removed = sorted(ex.removed.items())
    if removed:
        what = ", ".join(f"{html.escape(k)}: {v:,} characters" for k, v in removed)
        items.append(f"<li>Cleaning removed {what}.</li>")
    else:
        items.append("<li>Cleaning removed nothing.</li>")
    items += [f"<li>Warning: {html.escape(w)}</li>" for w in ex.warnings]
    return ('<details class="nw-provenance" data-pagefind-ignore><summary>Provenance</summary><ul>' + "".join(items)
            + "</ul></details>\n")


def link_entities(body: str, entities: Sequence[EntityRef]) -> str:
    """The body with each entity linked at its first mention, and an anchor on every paragraph.

    One link per entity per article keeps the text readable; the anchors let entity pages
    link a keyword-in-context snippet to the paragraph it comes from.
    """
    pieces, done = [], 0
    for start, end, entity in link_places(body, entities):
        pieces += [body[done:start], f"[{body[start:end]}](../{entity.path})"]
        done = end
    linked = "".join(pieces) + body[done:]
    anchored = anchored_blocks(body)
    separators = BLOCK_SEPARATOR_RE.findall(linked)
    blocks = BLOCK_SEPARATOR_RE.split(linked)
    for b in anchored:
        blocks[b] = blocks[b].rstrip("\n") + f"\n{{: #{anchor_id(b)} }}"
    out = [blocks[0]]
    for separator, block in zip(separators, blocks[1:]):
        out += [separator, block]
    return "".join(out)


#: Markdown a link may not go into: links, inline code, footnote references.
PROTECTED_RE = re.compile(r"\[[^\]]*\]\([^)]*\)|`[^`\n]*`|\[\^[^\]\n]*\]")
#: Markup inside a name would be cut in two by the link's brackets (emphasis begun in the name).
UNESCAPED_MARKUP_RE = re.compile(r"(?<!\\)[*_`\[\]]")


def link_places(body: str, entities: Sequence[EntityRef]) -> list[tuple[int, int, EntityRef]]:
    """Where in the body Markdown each entity gets its link: the first of its occurrences (the spans
    resolve attributed to it, so never a look-alike inside a longer name or another entity's name)
    that can hold a link. Not in a heading or footnote line, a link, code, across lines, or over
    another entity's link (the longer name first where two begin together)."""
    plain = PlainText(body)
    protected = [m.span() for m in PROTECTED_RE.finditer(body)]
    protected_starts = [s for s, _ in protected]
    places: list[tuple[int, int, EntityRef]] = []
    linked: set[str] = set()
    for start, end, entity in sorted(((s, e, entity) for entity in entities for s, e in entity.spans), key=lambda p: (p[0], -p[1], p[2].id)):
        if entity.id in linked:
            continue
        start, end = plain.markdown_span(start, end)
        if places and start < places[-1][1] or not can_link(body, start, end, protected, protected_starts):
            continue
        places.append((start, end, entity))
        linked.add(entity.id)
    return places


def can_link(body: str, start: int, end: int, protected: list[tuple[int, int]], protected_starts: list[int]) -> bool:
    """Whether body[start:end] can become a link's text (see link_places)."""
    if end <= start or "\n" in body[start:end] or UNESCAPED_MARKUP_RE.search(body, start, end):
        return False
    if start > 0 and body[start - 1] in "[/#" or end < len(body) and body[end] == "]":
        return False  # a bracket's or a URL's or a hashtag's word
    if body[body.rfind("\n", 0, start) + 1 : start + 1].lstrip().startswith(("#", "[^")):
        return False
    at = bisect.bisect_left(protected_starts, end) - 1  # the last protected piece beginning before end
    return at < 0 or protected[at][1] <= start  # (they do not overlap: the ones before it end before it)


def in_this_article(entities: Sequence[EntityRef]) -> str:
    """The entities of one article by type, most mentioned first, each linked to its page."""
    lines = ['<div class="nw-in-article" data-pagefind-ignore markdown>', "", "## In this article", ""]
    by_type: dict[str, list[EntityRef]] = {}
    for entity in entities:
        by_type.setdefault(entity.type, []).append(entity)
    for entity_type in sorted(by_type, key=lambda t: (t not in TYPE_HEADINGS, list(TYPE_HEADINGS).index(t) if t in TYPE_HEADINGS else 0, t)):
        rows = sorted(by_type[entity_type], key=lambda e: (-e.count, e.name))
        items = ", ".join(f"[{link_text(e.name)}](../{e.path}) ({e.count})" for e in rows)
        lines.append(f"- **{TYPE_HEADINGS.get(entity_type, entity_type.title())}:** {items}")
    lines += ["", "</div>"]
    return "\n".join(lines) + "\n"
