"""The pages that list the whole corpus: home, articles, publishers, authors, entities, graph."""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter

from slugify import slugify

from newswiki import charts
from newswiki.feed import FEED_NAME
from newswiki.models import Article, Entity
from newswiki.render.common import TYPE_HEADINGS, anchor, date_span, date_text, front_matter, link_text


#: Entities listed on the home page, per type.
HOME_TOP_PER_TYPE = 8
#: Entities of each type named in the sentence that says what the wiki is about.
SUBJECT_PER_TYPE = 3
#: Entity types the graph draws at first: places co-occur with everything and make it a hairball.
GRAPH_DEFAULT_TYPES = ("person", "organization")
HOME_LATEST_ARTICLES = 20
#: Publishers named on the home page.
HOME_PUBLISHERS = 10


def newest_first(articles: list[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published or dt.date.min, a.id), reverse=True)


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def most_mentioned(entities: list[Entity]) -> dict[str, list[Entity]]:
    """Entities by type (people first), each type's most mentioned first."""
    by_type: dict[str, list[Entity]] = {}
    for entity in sorted(entities, key=lambda e: (-e.total_mentions, e.name, e.id)):
        by_type.setdefault(entity.type, []).append(entity)
    return {t: by_type[t] for t in sorted(by_type, key=type_order)}


def and_list(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def subject(entities: list[Entity]) -> str:
    """What the wiki is about, worked out from its most mentioned entities of each type."""
    parts = [
        f"{and_list([e.name for e in group[:SUBJECT_PER_TYPE]])} ({TYPE_HEADINGS.get(t, t.title()).lower()})"
        for t, group in most_mentioned(entities).items() if t in TYPE_HEADINGS
    ]
    return "; ".join(parts)


def home_page(articles: list[Article], entities: list[Entity]) -> str:
    """What the wiki is about and covers (from the corpus), entry points, the latest articles, the most
    mentioned entities of each type."""
    dates = [a.published for a in articles if a.published]
    publishers = Counter(a.extraction.publisher for a in articles if a.extraction.publisher)
    authors = {name for a in articles for name in a.extraction.authors}
    types = count_types(entities)
    undated = len(articles) - len(dates)
    span = f", published {date_span(dates)}" if dates else ""
    span += f" ({undated} undated)" if dates and undated else (", all undated" if articles and not dates else "")
    kinds = ", ".join(
        plural(types[t], TYPE_HEADINGS.get(t, t.title()).lower().rstrip("s"), TYPE_HEADINGS.get(t, t.title()).lower())
        for t in sorted(types, key=type_order)
    )
    about = subject(entities)
    description = (f"A wiki of {plural(len(articles), 'news article')} and what they say of "
                   + (about.replace(" (", ", ").replace(")", "") if about else "the people, organisations and places they name") + ".")
    lines = [
        front_matter({"title": "Home", "description": description}),
        "# newswiki",
        "",
    ]
    if about:
        lines += [f"**What this wiki is about:** the people, organisations and places its articles name most often are "
                  f"{link_text(about)}.", ""]
    lines += [
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
    for entity_type, group in most_mentioned(entities).items():
        lines += [f"### {TYPE_HEADINGS.get(entity_type, entity_type.title())}", ""]
        lines += [f"- [{link_text(e.name)}](entities/{e.id}.md) — {plural(e.total_mentions, 'mention')} in "
                  f"{plural(len(e.mentions), 'article')}" for e in group[:HOME_TOP_PER_TYPE]]
        lines.append("")
    lines += ["[All entities](entities/index.md)", ""]
    return "\n".join(lines)


def article_item(article: Article, prefix: str = "articles/") -> str:
    ex = article.extraction
    by = f" — {link_text(ex.publisher)}" if ex.publisher else ""
    return f"- {date_text(ex.published)} · [{link_text(article.title)}]({prefix}{article.id}.md){by}"


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
    shown = {t for t, _ in types if t in GRAPH_DEFAULT_TYPES} or {t for t, _ in types}
    boxes = "".join(
        f'<label><input type="checkbox" name="type" value="{html.escape(t)}"{" checked" if t in shown else ""}> '
        f'<span class="nw-swatch nw-swatch-{html.escape(t)}"></span>{TYPE_HEADINGS.get(t, t.title())} ({n})</label> '
        for t, n in types
    )
    return "\n".join([
        front_matter({"title": "Co-occurrence graph", "template": "graph.html", "hide": ["toc"]}),
        "# Co-occurrence graph",
        "",
        "Entities are linked when sentences name them together more often than chance; thicker lines mean "
        "more shared sentences. People and organisations are shown first: tick Places to add them. Click an "
        "entity to light up its neighbours and see a link to its page. Without JavaScript, use the "
        "[entity index](entities/index.md): each entity page lists its related entities.",
        "",
        '<form class="nw-graph-controls" id="nw-graph-controls" onsubmit="return false">',
        f"<fieldset><legend>Types</legend>{boxes}</fieldset>",
        '<label>Minimum shared sentences <input type="number" name="weight" min="1" value="1" size="3"></label> ',
        '<label>Show at most <input type="number" name="limit" min="10" step="10" value="150" size="4"> entities</label>',
        '<output id="nw-graph-status" aria-live="polite"></output>',
        "</form>",
        "",
        '<div id="nw-graph" class="nw-graph" data-src="../graph.json" role="application" aria-label="Co-occurrence graph"></div>',
        "",
    ])


def index_pages(articles: list[Article], entities: list[Entity]) -> dict[str, str]:
    """The pages that list the whole corpus, keyed by path under docs/."""
    return {"index.md": home_page(articles, entities), "articles/index.md": articles_index(articles),
            "entities/index.md": entities_index(entities), "publishers.md": publishers_index(articles),
            "authors.md": authors_index(articles), "graph.md": graph_page(entities)}


def type_order(entity_type: str) -> tuple:
    """People first, then organisations, places, events, then any other type by name."""
    known = list(TYPE_HEADINGS)
    return (known.index(entity_type) if entity_type in known else len(known), entity_type)


def count_types(entities: list[Entity]) -> Counter:
    return Counter(e.type for e in entities)
