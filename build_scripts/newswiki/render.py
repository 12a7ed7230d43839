"""Stage 6: the Markdown pages of the wiki, as text, from articles and entities.

Pure functions: path -> page text. Writing them (and keeping hand edits) is output.py.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from functools import lru_cache

import yaml

from newswiki.clean import escape_inline
from newswiki.models import Article, Entity, Mention, Resolution

#: Marks the part of an entity page the build owns; text outside it is the contributors'.
GENERATED_BEGIN = "<!-- newswiki:generated:begin — edit outside this block; it is rewritten by every build -->"
GENERATED_END = "<!-- newswiki:generated:end -->"
#: Entities listed on the home page.
HOME_TOP_ENTITIES = 20
HOME_LATEST_ARTICLES = 20
TYPE_HEADINGS = {"person": "People", "organization": "Organisations", "place": "Places", "event": "Events"}


#: libyaml's emitter when PyYAML has it: the same YAML, ten times faster than the pure-Python one.
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(fields: dict) -> str:
    clean = {k: v for k, v in fields.items() if v not in (None, [], "")}
    return "---\n" + yaml.dump(clean, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def safe_title(text: str) -> str:
    """Titles end up in HTML headers and search results unescaped by MkDocs; escape them here."""
    return html.escape(text, quote=False)


def link_text(text: str) -> str:
    """Text for the label of a Markdown link: escaped like the body."""
    return escape_inline(text)


def date_text(date: dt.date | None) -> str:
    return date.isoformat() if date else "undated"


def article_page(article: Article, entities: list[Entity]) -> str:
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
    parts = [front_matter(meta), f"# {link_text(ex.title)}\n", article_byline(article), link_entities(ex.body, entities)]
    if entities:
        parts.append(in_this_article(entities, article.id))
    return "\n".join(p.rstrip("\n") + "\n" for p in parts)


def article_byline(article: Article) -> str:
    ex = article.extraction
    bits = []
    if ex.publisher:
        bits.append(f"**{link_text(ex.publisher)}**")
    bits.append(date_text(ex.published))
    if ex.authors:
        bits.append("by " + ", ".join(link_text(a) for a in ex.authors))
    if ex.url and re.match(r"^https?://", ex.url):
        bits.append(f"[original]({ex.url.replace(')', '%29').replace(' ', '%20')})")
    return '<div class="nw-byline" markdown>\n' + " · ".join(bits) + "\n</div>\n"


def link_entities(body: str, entities: list[Entity]) -> str:
    """Link the first mention of each entity in the body, outside headings and footnotes."""
    lines = body.split("\n")
    linked: set[str] = set()
    forms = sorted(
        ((escape_inline(form), entity) for entity in entities for form in entity.surface_forms),
        key=lambda fe: (-len(fe[0]), fe[0]),
    )
    for i, line in enumerate(lines):
        if not line or line.startswith(("#", "[^")):
            continue
        for form, entity in forms:
            if entity.id in linked or form not in line:  # the substring test spares most regex runs
                continue
            new_line, n = replace_outside_links(form_pattern(form), line, f"[{form}](../{entity.path})")
            if n:
                line = new_line
                linked.add(entity.id)
        lines[i] = line
    return "\n".join(lines)


@lru_cache(maxsize=2**16)
def form_pattern(form: str) -> re.Pattern:
    """A whole-word match of one spelling; compiled once per build, not once per line."""
    return re.compile(rf"(?<![\w\[/]){re.escape(form)}(?![\w\]])")


LINK_RE = re.compile(r"\[[^\]]*\]\([^)]*\)")


def replace_outside_links(pattern: re.Pattern, line: str, replacement: str) -> tuple[str, int]:
    """Replace the first match of pattern that is not inside an existing Markdown link."""
    protected = [(m.start(), m.end()) for m in LINK_RE.finditer(line)]
    for match in pattern.finditer(line):
        if any(s <= match.start() < e for s, e in protected):
            continue
        return line[: match.start()] + replacement + line[match.end() :], 1
    return line, 0


def in_this_article(entities: list[Entity], article_id: str) -> str:
    rows = sorted(entities, key=lambda e: (-e.mentions.get(article_id, 0), e.name))
    items = [f"- [{link_text(e.name)}](../{e.path}) ({e.type}, {e.mentions[article_id]})" for e in rows]
    return "## In this article\n\n" + "\n".join(items) + "\n"


def entity_page(entity: Entity, articles: dict[str, Article], snippets: list[Mention]) -> str:
    meta = {"title": safe_title(entity.name), "type": entity.type, "aliases": list(entity.aliases)}
    return front_matter(meta) + f"\n# {link_text(entity.name)}\n\n" + entity_generated_block(entity, articles, snippets)


def entity_generated_block(entity: Entity, articles: dict[str, Article], snippets: list[Mention]) -> str:
    dated = sorted(
        entity.mentions,
        key=lambda aid: (articles[aid].published or dt.date.min, aid),
        reverse=True,
    )
    dates = [articles[a].published for a in dated if articles[a].published]
    lines = [GENERATED_BEGIN, ""]
    summary = f"**Type:** {entity.type} · **Articles:** {len(entity.mentions)} · **Mentions:** {entity.total_mentions}"
    if dates:
        summary += f" · **First:** {min(dates).isoformat()} · **Last:** {max(dates).isoformat()}"
    lines.append(summary)
    if entity.aliases:
        lines += ["", "**Also known as:** " + ", ".join(link_text(a) for a in entity.aliases)]
    lines += ["", "## Mentioned in", ""]
    by_article: dict[str, list[Mention]] = {}
    for mention in snippets:
        by_article.setdefault(mention.article_id, []).append(mention)
    for aid in dated:
        article = articles[aid]
        count = entity.mentions[aid]
        lines.append(
            f"- [{link_text(article.title)}](../{article.path}) — {date_text(article.published)}, "
            f"{count} mention{'s' if count != 1 else ''}"
        )
        seen: set[str] = set()
        for mention in by_article.get(aid, [])[:3]:
            if mention.sentence in seen:
                continue
            seen.add(mention.sentence)
            lines.append(f"    > {escape_inline(mention.sentence)}")
    lines += ["", GENERATED_END, ""]
    return "\n".join(lines)


def home_page(articles: list[Article], entities: list[Entity]) -> str:
    latest = sorted(articles, key=lambda a: (a.published or dt.date.min, a.id), reverse=True)
    top = sorted(entities, key=lambda e: (-e.total_mentions, e.name))[:HOME_TOP_ENTITIES]
    dates = [a.published for a in articles if a.published]
    publishers = {a.extraction.publisher for a in articles if a.extraction.publisher}
    lines = [
        front_matter({"title": "Home"}),
        "# newswiki",
        "",
        f"{len(articles)} articles from {len(publishers)} publishers"
        + (f", {min(dates).isoformat()} to {max(dates).isoformat()}" if dates else "")
        + f", and {len(entities)} people, organisations and places they mention.",
        "",
        "## Latest articles",
        "",
    ]
    lines += [article_item(a) for a in latest[:HOME_LATEST_ARTICLES]]
    lines += ["", "[All articles](articles/index.md)", "", "## Most mentioned", ""]
    lines += [f"- [{link_text(e.name)}](entities/{e.id}.md) — {e.type}, {e.total_mentions} mentions" for e in top]
    lines += ["", "[All entities](entities/index.md)", ""]
    return "\n".join(lines)


def article_item(article: Article, prefix: str = "articles/") -> str:
    ex = article.extraction
    by = f" — {link_text(ex.publisher)}" if ex.publisher else ""
    return f"- {date_text(ex.published)} · [{link_text(ex.title)}]({prefix}{article.id}.md){by}"


def articles_index(articles: list[Article]) -> str:
    latest = sorted(articles, key=lambda a: (a.published or dt.date.min, a.id), reverse=True)
    lines = [front_matter({"title": "Articles"}), "# Articles", "", f"{len(articles)} articles, newest first.", ""]
    lines += [article_item(a, prefix="") for a in latest]
    return "\n".join(lines) + "\n"


def entities_index(entities: list[Entity]) -> str:
    lines = [front_matter({"title": "Entities"}), "# Entities", ""]
    by_type: dict[str, list[Entity]] = {}
    for entity in entities:
        by_type.setdefault(entity.type, []).append(entity)
    for entity_type in sorted(by_type, key=lambda t: (t not in TYPE_HEADINGS, t)):
        group = sorted(by_type[entity_type], key=lambda e: (-e.total_mentions, e.name))
        lines += [f"## {TYPE_HEADINGS.get(entity_type, entity_type.title())} ({len(group)})", ""]
        lines += [f"- [{link_text(e.name)}]({e.id}.md) — {e.total_mentions} mentions in {len(e.mentions)} articles" for e in group]
        lines.append("")
    return "\n".join(lines)


def render_pages(articles: list[Article], resolution: Resolution, mentions: dict[str, list[Mention]]) -> dict[str, str]:
    """Every generated page, keyed by its path under docs/."""
    by_id = {a.id: a for a in articles}
    entities = list(resolution.entities)
    entity_by_id = {e.id: e for e in entities}
    in_article: dict[str, list[Entity]] = {a.id: [] for a in articles}
    for entity in entities:
        for aid in entity.mentions:
            in_article[aid].append(entity)
    snippets: dict[str, list[Mention]] = {e.id: [] for e in entities}
    for aid in sorted(mentions):
        for mention in mentions[aid]:
            eid = resolution.mention_entity.get((aid, mention.start))
            if eid in entity_by_id:
                snippets[eid].append(mention)
    pages = {"index.md": home_page(articles, entities), "articles/index.md": articles_index(articles),
             "entities/index.md": entities_index(entities)}
    for article in articles:
        pages[article.path] = article_page(article, in_article[article.id])
    for entity in entities:
        pages[entity.path] = entity_page(entity, by_id, snippets[entity.id])
    return pages


def count_types(entities: list[Entity]) -> Counter:
    return Counter(e.type for e in entities)
