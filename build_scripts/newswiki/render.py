"""Stage 6: the Markdown pages of the wiki, as text, from articles and entities.

Pure functions: path -> page text. Writing them (and keeping hand edits) is output.py.
"""

from __future__ import annotations

import datetime as dt
import bisect
import operator
import hashlib
import heapq
import html
import itertools
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import NamedTuple
from functools import lru_cache

import yaml
from anyascii import anyascii
from slugify import slugify

from newswiki import charts
from newswiki.clean import escape_inline
from newswiki.entities import plain_text
from newswiki.feed import FEED_NAME
from newswiki.models import Article, Entity, Mention, Resolution

#: Marks the part of an entity page the build owns; text outside it is the contributors'.
GENERATED_BEGIN = "<!-- newswiki:generated:begin — edit outside this block; it is rewritten by every build -->"
GENERATED_END = "<!-- newswiki:generated:end -->"
#: Around the part of an entity page that site search leaves out (Pagefind's own attribute).
SEARCH_IGNORED_BEGIN = '<div class="nw-entity-details" data-pagefind-ignore markdown>'
SEARCH_IGNORED_END = "</div>"
#: Entities listed on the home page.
HOME_TOP_ENTITIES = 20
HOME_LATEST_ARTICLES = 20
#: Entities named in an article's header; the full list is at the end of the page.
HEADER_ENTITIES = 8
#: Publishers named on the home page.
HOME_PUBLISHERS = 10
TYPE_HEADINGS = {"person": "People", "organization": "Organisations", "place": "Places", "event": "Events"}


#: libyaml's emitter when PyYAML has it: the same YAML, ten times faster than the pure-Python one.
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(fields: dict) -> str:
    clean = {k: v for k, v in fields.items() if v not in (None, [], "")}
    return "---\n" + yaml.dump(clean, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def safe_title(text: str) -> str:
    """Titles end up in HTML headers and search results unescaped by MkDocs; escape them here."""
    return html.escape(text, quote=False)


@lru_cache(maxsize=2**16)
def link_text(text: str) -> str:
    """Text for the label of a Markdown link: escaped like the body."""
    return escape_inline(text)


def date_text(date: dt.date | None) -> str:
    return date.isoformat() if date else "undated"


class EntityRef(NamedTuple):
    """What an article page shows of one entity it mentions: its names, to link, and its count there."""

    id: str
    name: str
    type: str
    surface_forms: tuple[str, ...]
    count: int  # mentions in this article

    @property
    def path(self) -> str:
        return f"entities/{self.id}.md"

    @classmethod
    def of(cls, entity: Entity, article_id: str) -> "EntityRef":
        return cls(entity.id, entity.name, entity.type, entity.surface_forms, entity.mentions.get(article_id, 0))


def article_page(article: Article, entities: Sequence[EntityRef]) -> str:
    ex = article.extraction
    meta = {
        "title": safe_title(ex.title),
        "authors": list(ex.authors),
        "published": ex.published,
        "publisher": ex.publisher,
        "url": ex.url,
        "source": ex.source,
    }
    if ex.removed:
        meta["cleaning"] = {"removed_chars": dict(sorted(ex.removed.items()))}
    parts = [front_matter(meta), f"# {link_text(ex.title)}\n", article_byline(article, entities), link_entities(ex.body, entities)]
    if entities:
        parts.append(in_this_article(entities))
    return "\n".join(p.rstrip("\n") + "\n" for p in parts)


def article_byline(article: Article, entities: Sequence[EntityRef] = ()) -> str:
    """The article's header: publisher, date, authors, the original, its entities, and provenance."""
    ex = article.extraction
    bits = []
    if ex.publisher:
        bits.append(f"[**{link_text(ex.publisher)}**](../publishers.md#{anchor(ex.publisher)})")
    bits.append(date_text(ex.published))
    if ex.authors:
        bits.append("by " + ", ".join(f"[{link_text(a)}](../authors.md#{anchor(a)})" for a in ex.authors))
    if ex.url and re.match(r"^https?://[^\s]+$", ex.url):
        href = html.escape(ex.url, quote=True)
        bits.append(f'<a class="nw-original" href="{href}" rel="noopener nofollow noreferrer" target="_blank">original ↗</a>')
    lines = ['<div class="nw-byline" markdown>', " · ".join(bits), "</div>", ""]
    if entities:
        top = sorted(entities, key=lambda e: (-e.count, e.name))[:HEADER_ENTITIES]
        chips = " ".join(f"[{link_text(e.name)}](../{e.path}){{ .nw-chip .nw-{slugify(e.type)} }}" for e in top)
        more = f" [and {len(entities) - len(top)} more](#in-this-article)" if len(entities) > len(top) else ""
        lines += ['<div class="nw-entities" markdown>', f"**In this article:** {chips}{more}", "</div>", ""]
    lines.append(provenance_block(article))
    return "\n".join(lines)


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
    return '<details class="nw-provenance"><summary>Provenance</summary><ul>' + "".join(items) + "</ul></details>\n"


def anchor(text: str) -> str:
    """The id of a publisher's or author's heading on the index pages, set explicitly with attr_list."""
    return "by-" + (slugify(anyascii(text)) or "unnamed")


BLOCK_SEPARATOR_RE = re.compile(r"\n[ \t]*\n+")
#: Blocks that can carry a paragraph anchor: not headings, lists, tables, quotes, code, HTML or footnotes.
NOT_PARAGRAPH_RE = re.compile(r"^(?:#|[-+*]\s|\d+[.)]\s|\||>|```|~~~|    |\t|<|\[\^|\{:)")


def anchor_id(block: int) -> str:
    return f"p{block + 1}"


def anchored_blocks(body: str) -> set[int]:
    """The blocks of a body that get an anchor id (plain paragraphs)."""
    blocks = BLOCK_SEPARATOR_RE.split(body)
    return {i for i, block in enumerate(blocks) if block.strip() and not NOT_PARAGRAPH_RE.match(block.lstrip(" "))}


def link_entities(body: str, entities: Sequence[EntityRef]) -> str:
    """The body with each entity linked at its first mention, and an anchor on every paragraph.

    One link per entity per article keeps the text readable; the anchors let entity pages
    link a keyword-in-context snippet to the paragraph it comes from.
    """
    forms = sorted(
        ((link_text(form), entity) for entity in entities for form in entity.surface_forms if form),
        key=lambda fe: (-len(fe[0]), fe[0]),
    )
    patterns = [(form_pattern(form), form, entity) for form, entity in forms]
    linked: set[str] = set()
    anchored = anchored_blocks(body)
    separators = BLOCK_SEPARATOR_RE.findall(body)
    blocks = BLOCK_SEPARATOR_RE.split(body)
    for b, block in enumerate(blocks):
        lines = block.split("\n")
        for i, line in enumerate(lines):
            if not line or line.lstrip().startswith(("#", "[^")):
                continue
            for pattern, form, entity in patterns:
                if entity.id in linked or form not in line:
                    continue
                new_line, n = replace_outside_links(pattern, line, f"[{form}](../{entity.path})")
                if n:
                    line = new_line
                    linked.add(entity.id)
            lines[i] = line
        block = "\n".join(lines)
        if b in anchored:
            block = block.rstrip("\n") + f"\n{{: #{anchor_id(b)} }}"
        blocks[b] = block
    out = [blocks[0]]
    for separator, block in zip(separators, blocks[1:]):
        out += [separator, block]
    return "".join(out)


@lru_cache(maxsize=2**16)
def form_pattern(form: str) -> re.Pattern:
    """A whole-word match of one spelling; compiled once per build, not once per line."""
    return re.compile(rf"(?<![\w\[/#-]){re.escape(form)}(?![\w\]])")


LINK_RE = re.compile(r"\[[^\]]*\]\([^)]*\)")


def replace_outside_links(pattern: re.Pattern, line: str, replacement: str) -> tuple[str, int]:
    """Replace the first match of pattern that is not inside an existing Markdown link."""
    protected = [(m.start(), m.end()) for m in LINK_RE.finditer(line)]
    for match in pattern.finditer(line):
        if any(s <= match.start() < e for s, e in protected):
            continue
        return line[: match.start()] + replacement + line[match.end() :], 1
    return line, 0


def in_this_article(entities: Sequence[EntityRef]) -> str:
    """The entities of one article by type, most mentioned first, each linked to its page."""
    lines = ["## In this article", ""]
    by_type: dict[str, list[EntityRef]] = {}
    for entity in entities:
        by_type.setdefault(entity.type, []).append(entity)
    for entity_type in sorted(by_type, key=lambda t: (t not in TYPE_HEADINGS, list(TYPE_HEADINGS).index(t) if t in TYPE_HEADINGS else 0, t)):
        rows = sorted(by_type[entity_type], key=lambda e: (-e.count, e.name))
        items = ", ".join(f"[{link_text(e.name)}](../{e.path}) ({e.count})" for e in rows)
        lines.append(f"- **{TYPE_HEADINGS.get(entity_type, entity_type.title())}:** {items}")
    return "\n".join(lines) + "\n"


#: Snippets shown per article on an entity page; the rest are counted, not quoted.
SNIPPETS_PER_ARTICLE = 3
#: Articles quoted on an entity page, newest first; older ones are listed, not quoted (at 10,000
#: articles, the most mentioned entity's page quoted 7,000 articles: 4 MB).
QUOTED_ARTICLES = 50
#: Titles listed on a person's page ("President", "Foreign Minister"), most frequent first.
ROLES_SHOWN = 5
#: Related entities listed on an entity page.
RELATED_LIMIT = 15
TYPE_NAMES = {"person": "Person", "organization": "Organisation", "place": "Place", "event": "Event"}


class ArticleRef(NamedTuple):
    """What an entity page shows of an article that mentions it."""

    id: str
    title: str
    published: dt.date | None

    @property
    def path(self) -> str:
        return f"articles/{self.id}.md"


class Snippet(NamedTuple):
    """A mention quoted on an entity page: its sentence, and the link to its paragraph."""

    article_id: str
    text: str
    label: str
    sentence: str
    target: str


class RelatedRef(NamedTuple):
    """An entity mentioned in the same articles, and in how many."""

    id: str
    name: str
    type: str
    shared: int


@dataclass(frozen=True)
class EntityPageInput:
    """Everything an entity page shows; the page is a pure function of it."""

    entity: Entity
    articles: tuple[ArticleRef, ...]  # every article mentioning the entity
    snippets: tuple[Snippet, ...]  # in article order, at most SNIPPETS_PER_ARTICLE per article
    related: tuple[RelatedRef, ...] = ()


@dataclass(frozen=True)
class ArticlePageInput:
    """Everything an article page shows; the page is a pure function of it."""

    article: Article
    entities: tuple[EntityRef, ...]


PageInput = ArticlePageInput | EntityPageInput


def page_key_record(item: PageInput) -> object:
    """What identifies a page's input for the page cache: the input itself, with an article's body
    (most of it, and slow to spell out) stood in for by its digest, and its many small records as
    plain tuples (a named tuple is pickled through a Python method, a tuple in C)."""
    if isinstance(item, ArticlePageInput):
        extraction = item.article.extraction
        digest = hashlib.sha256(extraction.body.encode("utf-8")).hexdigest()
        return "article", replace(item.article, extraction=replace(extraction, body=digest)), plain(item.entities)
    return "entity", item.entity, plain(item.articles), plain(item.snippets), plain(item.related)


def plain(records: tuple[tuple, ...]) -> tuple[tuple, ...]:
    return tuple(map(tuple, records))


def render_page(item: PageInput) -> str:
    if isinstance(item, ArticlePageInput):
        return article_page(item.article, item.entities)
    return entity_page(item)


def entity_page(item: EntityPageInput) -> str:
    """An entity page: generated front matter, the title, room for a description, then the generated block.

    The front matter's ``title`` and ``generated`` keys are the build's; the curation keys
    (aliases, name, type, split, merge_into, ignore) are never written by it (see curation.py).
    """
    entity = item.entity
    generated = {"type": entity.type}
    if entity.aliases:
        generated["aliases"] = list(entity.aliases)
    meta = {"title": safe_title(entity.name), "generated": generated}
    return front_matter(meta) + f"\n# {link_text(entity.name)}\n\n" + entity_generated_block(item)


def keyword_in_context(snippet: Snippet) -> str:
    """The mention's sentence, escaped, with the mention in bold."""
    from newswiki.resolve import clean_span

    sentence = snippet.sentence
    name = clean_span(snippet.text, snippet.label)[0] or " ".join(snippet.text.split())
    at = sentence.find(name)
    if at < 0:
        return escape_inline(sentence)
    return (
        escape_inline(sentence[:at]) + "**" + escape_inline(name).strip() + "**" + escape_inline(sentence[at + len(name) :])
    )


def entity_generated_block(item: EntityPageInput) -> str:
    entity = item.entity
    articles = {a.id: a for a in item.articles}
    dated = sorted(entity.mentions, key=lambda aid: newness(articles[aid]), reverse=True)
    dates = [articles[a].published for a in dated if articles[a].published]
    lines = [GENERATED_BEGIN, ""]
    n_articles = len(entity.mentions)
    summary = (
        f"**{TYPE_NAMES.get(entity.type, entity.type.title())}** · mentioned {entity.total_mentions} "
        f"time{'s' if entity.total_mentions != 1 else ''} in {n_articles} article{'s' if n_articles != 1 else ''}"
    )
    if dates:
        summary += f" · first {min(dates).isoformat()} · last {max(dates).isoformat()}"
    lines.append(summary)
    if n_articles > QUOTED_ARTICLES:
        lines += ["", f"Quoted from the {QUOTED_ARTICLES} newest articles; older ones are listed."]
    if entity.roles:
        lines += ["", "**Titles seen with the name:** " + ", ".join(link_text(r) for r in entity.roles[:ROLES_SHOWN])]
    if entity.aliases:
        lines += ["", "**Also known as:** " + ", ".join(link_text(a) for a in entity.aliases)]
    spellings = charts.spellings_section(entity)
    if spellings:
        lines += ["", spellings.rstrip("\n")]
    # The rest quotes other pages (article titles, their sentences, other entities' names): search
    # indexes it on those pages, not here, so a name finds this page and a phrase finds its article.
    lines += ["", SEARCH_IGNORED_BEGIN, "", charts.timeline_section(entity, articles).rstrip("\n")]
    lines += ["", "## Mentioned in", ""]
    by_article: dict[str, list[Snippet]] = {}
    for snippet in item.snippets:
        by_article.setdefault(snippet.article_id, []).append(snippet)
    for aid in dated:
        article = articles[aid]
        count = entity.mentions[aid]
        lines.append(
            f"- [{link_text(article.title)}](../{article.path}) — {date_text(article.published)}, "
            f"{count} mention{'s' if count != 1 else ''}"
        )
        lines += [f"    - {keyword_in_context(s)} [↗]({s.target})" for s in by_article.get(aid, [])]
    if item.related:
        lines += ["", "## Related", ""]
        for other in item.related[:RELATED_LIMIT]:
            lines.append(
                f"- [{link_text(other.name)}]({other.id}.md) ({other.type}) — together in {other.shared} "
                f"article{'s' if other.shared != 1 else ''}"
            )
    lines += ["", SEARCH_IGNORED_END, "", GENERATED_END, ""]
    return "\n".join(lines)


def quoted_mentions(
    mentions: dict[str, list[Mention]], mention_entity: dict[tuple[str, int], str], quoted_in: dict[str, set[str]]
) -> dict[str, list[Mention]]:
    """Per entity, the mentions its page quotes: in each article it quotes (quoted_in), the first
    mention of each of the first SNIPPETS_PER_ARTICLE sentences naming it, in article order."""
    quoted: dict[str, list[Mention]] = {}
    for aid in sorted(mentions):
        sentences: dict[str, set[str]] = {}  # entity id -> the sentences quoted from this article
        for mention in sorted(mentions[aid], key=BY_START):
            eid = mention_entity.get((aid, mention.start))
            if eid is None or aid not in quoted_in.get(eid, ()):
                continue
            seen = sentences.setdefault(eid, set())
            if len(seen) < SNIPPETS_PER_ARTICLE and mention.sentence not in seen:
                seen.add(mention.sentence)
                quoted.setdefault(eid, []).append(mention)
    return quoted


def newness(article: ArticleRef) -> tuple[dt.date, str]:
    """Orders articles newest first when sorted in reverse; undated ones last."""
    return (article.published or dt.date.min, article.id)


def shown_snippets(quoted: Sequence[Mention], articles: dict[str, Article], blocks: dict[str, Blocks]) -> tuple[Snippet, ...]:
    """The snippets of an entity page (quoted_mentions), each with a link to the paragraph it comes from."""
    shown = []
    for mention in quoted:
        article = articles[mention.article_id]
        ends, anchored = blocks[mention.article_id]
        block = bisect.bisect_right(ends, mention.start)  # the block holding the mention
        target = f"../{article.path}" + (f"#{anchor_id(block)}" if block in anchored else "")
        shown.append(Snippet(mention.article_id, mention.text, mention.label, mention.sentence, target))
    return tuple(shown)


BY_START = operator.attrgetter("start")


class Blocks(NamedTuple):
    """Where each block separator of an article's plain text ends, and its anchored paragraphs."""

    ends: tuple[int, ...]
    anchored: frozenset[int]


def article_blocks(body: str, text: str | None = None) -> Blocks:
    """The Blocks of an article body; text: its plain_text, when the caller has it already."""
    text = plain_text(body) if text is None else text
    return Blocks(tuple(m.end() for m in BLOCK_SEPARATOR_RE.finditer(text)), frozenset(anchored_blocks(body)))


def related_entities(entities: list[Entity]) -> dict[str, list[tuple[Entity, int]]]:
    """For each entity, the entities mentioned in the same articles, by number of shared articles.

    Counted per article over the entities it mentions, so the cost grows with articles, not entities squared.
    """
    in_article: dict[str, list[str]] = {}
    for entity in entities:
        for aid in entity.mentions:
            in_article.setdefault(aid, []).append(entity.id)
    shared: dict[str, Counter] = {}
    for entity in entities:
        # Every entity of every article it is in (itself too, taken out below), counted in one C-level pass.
        counts = Counter(itertools.chain.from_iterable(map(in_article.__getitem__, entity.mentions)))
        counts.pop(entity.id, None)
        shared[entity.id] = counts
    by_id = {e.id: e for e in entities}
    totals = {e.id: e.total_mentions for e in entities}
    # The key orders every pair fully (ids are unique), so the top few equal the head of a full sort.
    return {
        eid: [(by_id[o], n) for o, n in heapq.nsmallest(RELATED_LIMIT, counts.items(), key=lambda kv: (-kv[1], -totals[kv[0]], kv[0]))]
        for eid, counts in shared.items()
    }


def newest_first(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published or dt.date.min, a.id), reverse=True)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def home_page(articles: list[Article], entities: list[Entity]) -> str:
    """What the wiki covers (from the corpus), the latest articles, the most mentioned entities, entry points."""
    top = sorted(entities, key=lambda e: (-e.total_mentions, e.name))[:HOME_TOP_ENTITIES]
    dates = [a.published for a in articles if a.published]
    publishers = Counter(a.extraction.publisher for a in articles if a.extraction.publisher)
    authors = {name for a in articles for name in a.extraction.authors}
    types = count_types(entities)
    undated = len(articles) - len(dates)
    span = f", published {min(dates).isoformat()} to {max(dates).isoformat()}" if dates else ""
    span += f" ({undated} undated)" if dates and undated else (", all undated" if articles and not dates else "")
    kinds = ", ".join(
        plural(types[t], TYPE_HEADINGS.get(t, t.title()).lower().rstrip("s"), TYPE_HEADINGS.get(t, t.title()).lower())
        for t in sorted(types, key=type_order)
    )
    lines = [
        front_matter({"title": "Home"}),
        "# newswiki",
        "",
        f"This wiki covers **{plural(len(articles), 'article')}** from {plural(len(publishers), 'publisher')}"
        f" and {plural(len(authors), 'named author')}{span}. They mention **{plural(len(entities), 'entity', 'entities')}**"
        + (f": {kinds}." if kinds else "."),
        "",
    ]
    if publishers:
        lines += ["Sources: " + ", ".join(
            f"[{link_text(p)}](publishers.md#{anchor(p)}) ({n})" for p, n in sorted(publishers.items(), key=lambda kv: (-kv[1], kv[0]))[:HOME_PUBLISHERS]
        ) + ("" if len(publishers) <= HOME_PUBLISHERS else f" and [{len(publishers) - HOME_PUBLISHERS} more](publishers.md)") + ".", ""]
    lines += [
        '<div class="nw-entry-points" markdown>',
        "",
        "- [**Articles by date**](articles/index.md): a timeline of everything in the corpus",
        "- [**By publisher**](publishers.md) and [**by author**](authors.md)",
        "- [**Entities**](entities/index.md): people, organisations and places, with counts",
        "- [**Co-occurrence graph**](graph.md): who appears with whom",
        f'- <a href="{FEED_NAME}" type="application/atom+xml"><strong>Atom feed</strong></a>: new articles in your feed reader',
        "",
        "</div>",
        "",
        "## Latest articles",
        "",
    ]
    lines += [article_item(a) for a in newest_first(articles)[:HOME_LATEST_ARTICLES]]
    lines += ["", "[All articles](articles/index.md)", "", "## Most mentioned", ""]
    lines += [f"- [{link_text(e.name)}](entities/{e.id}.md) — {e.type}, {plural(e.total_mentions, 'mention')} in {plural(len(e.mentions), 'article')}" for e in top]
    lines += ["", "[All entities](entities/index.md)", ""]
    return "\n".join(lines)


def article_item(article: Article, prefix: str = "articles/") -> str:
    ex = article.extraction
    by = f" — {link_text(ex.publisher)}" if ex.publisher else ""
    return f"- {date_text(ex.published)} · [{link_text(ex.title)}]({prefix}{article.id}.md){by}"


def articles_index(articles: list[Article]) -> str:
    """Articles by date: a timeline grouped by month, newest first, undated last."""
    lines = [
        front_matter({"title": "Articles by date"}),
        "# Articles by date",
        "",
        f"{plural(len(articles), 'article')}, newest first. Also by [publisher](../publishers.md) and [author](../authors.md).",
        "",
        charts.articles_timeline_svg(articles),
    ]
    by_month: dict[str, list[Article]] = {}
    for article in newest_first(articles):
        key = article.published.strftime("%Y-%m") if article.published else "Undated"
        by_month.setdefault(key, []).append(article)
    for key, group in by_month.items():
        label = dt.date(int(key[:4]), int(key[5:]), 1).strftime("%B %Y") if key != "Undated" else "Undated"
        lines += [f"## {label} ({len(group)}) {{ #m-{key.lower()} }}", ""]
        lines += [article_item(a, prefix="") for a in group]
        lines.append("")
    return "\n".join(lines)


def grouped_index(title: str, intro: str, groups: dict[str, list[Article]], missing: str, missing_count: int) -> str:
    lines = [front_matter({"title": title}), f"# {title}", "", intro, ""]
    for name in sorted(groups, key=lambda n: (-len(groups[n]), n.casefold(), n)):
        lines += [f"## {link_text(name)} ({len(groups[name])}) {{ #{anchor(name)} }}", ""]
        lines += [article_item(a, prefix="articles/") for a in newest_first(groups[name])]
        lines.append("")
    if missing_count:
        lines += [f"{plural(missing_count, 'article')} {missing}.", ""]
    return "\n".join(lines)


def group_articles(articles: list[Article], keys_of) -> tuple[dict[str, list[Article]], int]:
    """Articles under each key keys_of(article) gives, and how many articles have no key."""
    groups: dict[str, list[Article]] = {}
    missing = 0
    for article in articles:
        keys = keys_of(article)
        missing += not keys
        for key in keys:
            groups.setdefault(key, []).append(article)
    return groups, missing


def publishers_index(articles: list[Article]) -> str:
    groups, missing = group_articles(articles, lambda a: [a.extraction.publisher] if a.extraction.publisher else [])
    intro = f"{plural(len(groups), 'publisher')}, most articles first."
    return grouped_index("Articles by publisher", intro, groups, "name no publisher", missing)


def authors_index(articles: list[Article]) -> str:
    groups, missing = group_articles(articles, lambda a: list(a.extraction.authors))
    intro = f"{plural(len(groups), 'author')}, most articles first."
    return grouped_index("Articles by author", intro, groups, "name no author", missing)


def entities_index(entities: list[Entity]) -> str:
    """Entities by type with counts, most mentioned first."""
    by_type: dict[str, list[Entity]] = {}
    for entity in entities:
        by_type.setdefault(entity.type, []).append(entity)
    order = sorted(by_type, key=type_order)
    lines = [front_matter({"title": "Entities"}), "# Entities", ""]
    lines += [
        f"{plural(len(entities), 'entity', 'entities')}: "
        + ", ".join(f"[{TYPE_HEADINGS.get(t, t.title())}](#type-{slugify(t)}) ({len(by_type[t])})" for t in order)
        + ". See who appears with whom in the [co-occurrence graph](../graph.md).",
        "",
    ]
    for entity_type in order:
        group = sorted(by_type[entity_type], key=lambda e: (-e.total_mentions, e.name))
        lines += [f"## {TYPE_HEADINGS.get(entity_type, entity_type.title())} ({len(group)}) {{ #type-{slugify(entity_type)} }}", ""]
        lines += [f"- [{link_text(e.name)}]({e.id}.md) — {plural(e.total_mentions, 'mention')} in {plural(len(e.mentions), 'article')}" for e in group]
        lines.append("")
    return "\n".join(lines)


def graph_page(entities: list[Entity]) -> str:
    """The co-occurrence graph page; graph.html draws site/graph.json into it."""
    types = sorted(count_types(entities).items(), key=lambda kv: type_order(kv[0]))
    boxes = "".join(
        f'<label><input type="checkbox" name="type" value="{html.escape(t)}" checked> '
        f'<span class="nw-swatch nw-swatch-{html.escape(t)}"></span>{TYPE_HEADINGS.get(t, t.title())} ({n})</label> '
        for t, n in types
    )
    return "\n".join([
        front_matter({"title": "Co-occurrence graph", "template": "graph.html", "hide": ["toc"]}),
        "# Co-occurrence graph",
        "",
        "Entities are linked when the same articles mention them; thicker lines mean more shared articles. "
        "Click an entity to open its page. Without JavaScript, use the [entity index](entities/index.md): "
        "each entity page lists its related entities.",
        "",
        '<form class="nw-graph-controls" id="nw-graph-controls" onsubmit="return false">',
        f"<fieldset><legend>Types</legend>{boxes}</fieldset>",
        '<label>Minimum shared articles <input type="number" name="weight" min="1" value="1" size="3"></label> ',
        '<label>Show at most <input type="number" name="limit" min="10" step="10" value="150" size="4"> entities</label>',
        '<output id="nw-graph-status" aria-live="polite"></output>',
        "</form>",
        "",
        '<div id="nw-graph" class="nw-graph" data-src="../graph.json" role="application" aria-label="Co-occurrence graph"></div>',
        "",
    ])


def page_inputs(
    articles: list[Article], resolution: Resolution, mentions: dict[str, list[Mention]], blocks: dict[str, Blocks] | None = None
) -> dict[str, PageInput]:
    """The input of every article and entity page, keyed by the page's path under docs/.

    blocks: article_blocks() of each article, when the per-article stage made them already.
    """
    by_id = {a.id: a for a in articles}
    if blocks is None:
        blocks = {a.id: article_blocks(a.extraction.body) for a in articles}
    entities = list(resolution.entities)
    in_article: dict[str, list[EntityRef]] = {a.id: [] for a in articles}
    for entity in entities:
        for aid in entity.mentions:
            in_article[aid].append(EntityRef.of(entity, aid))
    article_refs = {a.id: ArticleRef(a.id, a.title, a.published) for a in articles}
    quoted_in = {
        e.id: set(heapq.nlargest(QUOTED_ARTICLES, e.mentions, key=lambda aid: newness(article_refs[aid]))) for e in entities
    }
    snippets = quoted_mentions(mentions, resolution.mention_entity, quoted_in)
    inputs: dict[str, PageInput] = {}
    for article in articles:
        inputs[article.path] = ArticlePageInput(article, tuple(in_article[article.id]))
    related = related_entities(entities)
    for entity in entities:
        refs = tuple(map(article_refs.__getitem__, entity.mentions))
        others = tuple(RelatedRef(o.id, o.name, o.type, n) for o, n in related[entity.id])
        inputs[entity.path] = EntityPageInput(entity, refs, shown_snippets(snippets.get(entity.id, ()), by_id, blocks), others)
    return inputs


def index_pages(articles: list[Article], entities: list[Entity]) -> dict[str, str]:
    """The pages that list the whole corpus, keyed by path under docs/."""
    return {"index.md": home_page(articles, entities), "articles/index.md": articles_index(articles),
            "entities/index.md": entities_index(entities), "publishers.md": publishers_index(articles),
            "authors.md": authors_index(articles), "graph.md": graph_page(entities)}


def render_pages(articles: list[Article], resolution: Resolution, mentions: dict[str, list[Mention]]) -> dict[str, str]:
    """Every generated page, keyed by its path under docs/."""
    pages = index_pages(articles, list(resolution.entities))
    for path, item in page_inputs(articles, resolution, mentions).items():
        pages[path] = render_page(item)
    return pages


def type_order(entity_type: str) -> tuple:
    """People first, then organisations, places, events, then any other type by name."""
    known = list(TYPE_HEADINGS)
    return (known.index(entity_type) if entity_type in known else len(known), entity_type)


def count_types(entities: list[Entity]) -> Counter:
    return Counter(e.type for e in entities)
