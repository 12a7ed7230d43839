"""Entity pages: the mentions quoted in context, the articles, related entities."""

from __future__ import annotations

import datetime as dt
import bisect
import operator
from collections.abc import Sequence

from newswiki import charts
from newswiki.markdown import (
    BLOCK_SEPARATOR_RE, GENERATED_BEGIN, GENERATED_END, anchor_id, anchored_blocks, escape_inline, plain_text,
)
from newswiki.models import Article, ArticleRef, Blocks, Entity, EntityPageInput, Mention, Snippet
from newswiki.names import clean_span
from newswiki.render.common import date_text, front_matter, link_text, safe_title, search_facets
from newswiki.render.related import citation_source, related_section
from newswiki.render.research import counts_section, every_mention_section


#: Around the part of an entity page that site search leaves out (Pagefind's own attribute).
SEARCH_IGNORED_BEGIN = '<div class="nw-entity-details" data-pagefind-ignore markdown>'
SEARCH_IGNORED_END = "</div>"


#: Snippets shown per article on an entity page; the rest are counted, not quoted.
SNIPPETS_PER_ARTICLE = 3
#: Articles quoted on an entity page, newest first; older ones are listed, not quoted (at 10,000
#: articles, the most mentioned entity's page quoted 7,000 articles: 4 MB).
QUOTED_ARTICLES = 50
#: Titles listed on a person's page ("President", "Foreign Minister"), most frequent first.
ROLES_SHOWN = 5
TYPE_NAMES = {"person": "Person", "organization": "Organisation", "place": "Place", "event": "Event"}


def entity_page(item: EntityPageInput) -> str:
    """An entity page: generated front matter, the title, room for a description, then the generated block.

    The front matter's ``title`` and ``generated`` keys are the build's; the curation keys
    (aliases, name, type, split, merge_into, ignore) are never written by it (see curation.py).
    """
    entity = item.entity
    generated = {"type": entity.type}
    if entity.aliases:
        generated["aliases"] = list(entity.aliases)
    meta = {"title": safe_title(entity.name), "description": entity_description(item), "generated": generated}
    return front_matter(meta) + f"\n# {link_text(entity.name)}\n\n" + entity_generated_block(item)


def entity_description(item: EntityPageInput) -> str:
    """The page's meta description: what the entity is and how much the wiki says of it."""
    return f"{TYPE_NAMES.get(item.entity.type, item.entity.type.title())} {how_much(item)}."


def how_much(item: EntityPageInput) -> str:
    """How much the wiki says of the entity: "mentioned 85 times in 5 articles, 2022–2023"."""
    entity = item.entity
    dates = sorted(a.published for a in item.articles if a.published)
    n_articles = len(entity.mentions)
    text = (f"mentioned {entity.total_mentions} time{'s' if entity.total_mentions != 1 else ''} "
            f"in {n_articles} article{'s' if n_articles != 1 else ''}")
    if dates:
        text += f", {dates[0].year}" + (f"–{dates[-1].year}" if dates[-1].year != dates[0].year else "")
    return text


#: Other names an entity's search summary lists; the page lists them all.
SUMMARY_ALIASES = 8


def search_summary(item: EntityPageInput) -> str:
    """Who or what the entity is, as its search result shows it (pagefind-search.js): the titles
    seen with the name, the other names, how much the wiki says of it. Plain text: search_facets
    escapes it, the search box shows it as text."""
    entity = item.entity
    who = []
    if entity.roles:
        who.append(", ".join(entity.roles[:ROLES_SHOWN]))
    if entity.aliases:
        shown = entity.aliases[:SUMMARY_ALIASES]
        rest = len(entity.aliases) - len(shown)
        who.append("also known as " + ", ".join(shown) + (f" and {rest} more" if rest else ""))
    text = "; ".join(" ".join(part.split()) for part in who)
    text = f"{text[:1].upper()}{text[1:]}. " if text else ""
    extent = how_much(item)
    return text + extent[:1].upper() + extent[1:] + "."


#: Between the attested names in an entity's search metadata ("names"): no name holds it.
NAMES_SEPARATOR = "|"


def attested_names(entity: Entity) -> str | None:
    """The names the sources use for the entity (its name and aliases, never a machine
    transliteration), for the search box to search each of them when one is typed (query
    expansion, pagefind-search.js); None when it has one name only."""
    names = [entity.name, *entity.aliases]
    if len(names) < 2:
        return None
    return NAMES_SEPARATOR.join(" ".join(n.replace(NAMES_SEPARATOR, " ").split()) for n in names)


def keyword_in_context(snippet: Snippet) -> str:
    """The mention's sentence, escaped, with the mention in bold."""
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
    result_meta = {"kind": TYPE_NAMES.get(entity.type, entity.type.title()), "names": attested_names(entity),
                   "summary": search_summary(item)}
    lines = [GENERATED_BEGIN, "", search_facets({"type": entity.type}, result_meta).rstrip("\n"), ""]
    n_articles = len(entity.mentions)
    summary = (
        f"**{TYPE_NAMES.get(entity.type, entity.type.title())}** · mentioned {entity.total_mentions} "
        f"time{'s' if entity.total_mentions != 1 else ''} in {n_articles} article{'s' if n_articles != 1 else ''}"
    )
    if dates:
        summary += (f" · first {min(dates).isoformat()} · last {max(dates).isoformat()}" if min(dates) != max(dates)
                    else f" · published {dates[0].isoformat()}")
    undated = sum(1 for aid in dated if not articles[aid].published)
    if undated:
        summary += f" · {undated} undated article{'s' if undated != 1 else ''}"
    # Counted furniture, on every entity page alike: search leaves it out ("mentioned" finds nothing).
    lines += ['<div class="nw-entity-summary" data-pagefind-ignore markdown>', summary, "</div>"]
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
    lines += ["", counts_section(entity, articles).rstrip("\n")]
    lines += ["", "## Mentioned in", "", every_mention_section(entity).rstrip("\n"), ""]
    by_article: dict[str, list[Snippet]] = {}
    for snippet in item.snippets:
        by_article.setdefault(snippet.article_id, []).append(snippet)
    for aid in dated:
        article = articles[aid]
        count = entity.mentions[aid]
        lines.append(
            f"- [{link_text(article.title)}](../{article.path}) — {date_text(article.published)}, "
            f"{count} mention{'s' if count != 1 else ''}{citation_source(article)}"
        )
        lines += [f"    - {keyword_in_context(s)} [↗]({s.target})" for s in by_article.get(aid, [])]
    if item.related:
        lines += [""] + related_section(item.related)
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


def article_blocks(body: str, text: str | None = None) -> Blocks:
    """The Blocks of an article body; text: its plain_text, when the caller has it already."""
    text = plain_text(body) if text is None else text
    return Blocks(tuple(m.end() for m in BLOCK_SEPARATOR_RE.finditer(text)), frozenset(anchored_blocks(body)))


