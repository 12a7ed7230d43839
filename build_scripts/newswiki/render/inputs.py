"""Page inputs: what each article and entity page shows, the key the page cache stores it under, and rendering one."""

from __future__ import annotations

import hashlib
import heapq
from dataclasses import replace

from newswiki.models import Article, ArticlePageInput, ArticleRef, Blocks, EntityPageInput, EntityRef, Mention, PageInput, RelatedRef, Resolution
from newswiki.render.article_page import article_page
from newswiki.render.entity_page import QUOTED_ARTICLES, article_blocks, entity_page, newness, quoted_mentions, shown_snippets


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
            in_article[aid].append(EntityRef.of(entity, aid, resolution.occurrences.get(aid, {}).get(entity.id, ())))
    article_refs = {
        a.id: ArticleRef(a.id, a.title, a.published, a.extraction.publisher, a.extraction.url, a.extraction.authors)
        for a in articles
    }
    quoted_in = {
        e.id: set(heapq.nlargest(QUOTED_ARTICLES, e.mentions, key=lambda aid: newness(article_refs[aid]))) for e in entities
    }
    snippets = quoted_mentions(mentions, resolution.mention_entity, quoted_in)
    inputs: dict[str, PageInput] = {}
    for article in articles:
        inputs[article.path] = ArticlePageInput(article, tuple(in_article[article.id]))
    by_entity = {e.id: e for e in entities}
    for entity in entities:
        refs = tuple(map(article_refs.__getitem__, entity.mentions))
        related = [(by_entity[o], n) for o, n in resolution.related.get(entity.id, ()) if o in by_entity]
        others = tuple(RelatedRef(o.id, o.name, o.type, n) for o, n in related)
        inputs[entity.path] = EntityPageInput(entity, refs, shown_snippets(snippets.get(entity.id, ()), by_id, blocks), others)
    return inputs
