"""The research part of an entity page: counts by year and by publisher, and the way to every mention.

The page itself quotes only its newest articles (entity_page.QUOTED_ARTICLES), so its size stays
bounded however often the entity is mentioned. Every mention is in mentions.json and mentions.csv
beside the page (mention_lists.py); the folded "Every mention" list reads the JSON in the browser
(reader.js), and the two links download them.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Mapping
from typing import Protocol

from newswiki.models import Entity
from newswiki.render.common import link_text

#: The files of every mention beside an entity's page (written by mention_lists.py).
JSON_NAME = "mentions.json"
CSV_NAME = "mentions.csv"
#: Publishers listed by name in the counts; the rest are summed up in one row.
PUBLISHERS_SHOWN = 10


class ArticleFacts(Protocol):
    """What the counts need of an article: its date and publisher (render's ArticleRef)."""

    @property
    def published(self): ...

    @property
    def publisher(self) -> str | None: ...


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'s' if count != 1 else ''}"


def counts_by(entity: Entity, articles: Mapping[str, ArticleFacts], key) -> tuple[Counter, Counter]:
    """Mentions and articles per key(article)."""
    mentions: Counter = Counter()
    in_articles: Counter = Counter()
    for article_id, count in entity.mentions.items():
        value = key(articles[article_id])
        mentions[value] += count
        in_articles[value] += 1
    return mentions, in_articles


def counts_table(heading: str, rows: list[tuple[str, int, int]]) -> list[str]:
    lines = [f"| {heading} | mentions | articles |", "|---|---:|---:|"]
    lines += [f"| {label} | {mentions:,} | {articles:,} |" for label, mentions, articles in rows]
    return lines


def counts_section(entity: Entity, articles: Mapping[str, ArticleFacts]) -> str:
    """Mentions (and articles) by year, newest first with the undated last, and by publisher, most first."""
    by_year, year_articles = counts_by(entity, articles, lambda a: a.published.year if a.published else None)
    years = sorted((y for y in by_year if y is not None), reverse=True)
    year_rows = [(str(y), by_year[y], year_articles[y]) for y in years]
    if None in by_year:
        year_rows.append(("undated", by_year[None], year_articles[None]))
    by_publisher, publisher_articles = counts_by(entity, articles, lambda a: a.publisher or "")
    ranked = sorted(by_publisher, key=lambda p: (-by_publisher[p], p == "", p.casefold(), p))
    publisher_rows = [(link_text(p) if p else "no publisher named", by_publisher[p], publisher_articles[p]) for p in ranked[:PUBLISHERS_SHOWN]]
    rest = ranked[PUBLISHERS_SHOWN:]
    if rest:
        publisher_rows.append((f"{plural(len(rest), 'other publisher')}", sum(by_publisher[p] for p in rest),
                               sum(publisher_articles[p] for p in rest)))
    lines = ["## Counts", "", '<div class="nw-counts" markdown>', ""]
    lines += counts_table("year", year_rows) + [""] + counts_table("publisher", publisher_rows)
    lines += ["", "</div>", ""]
    return "\n".join(lines)


def every_mention_section(entity: Entity) -> str:
    """The folded list of every mention (filled from mentions.json by reader.js) and the downloads."""
    total, n_articles = entity.total_mentions, len(entity.mentions)
    slug = html.escape(entity.id)
    return "\n".join([
        f'<details class="nw-mentions-all" id="every-mention"><summary>Every mention: {plural(total, "mention")} '
        f"in {plural(n_articles, 'article')}, by article, newest first, with filters</summary></details>",
        "",
        f'<p class="nw-downloads">Download every mention (sentence, article, date, publisher, paragraph link): '
        f'<a class="nw-download-csv" href="{CSV_NAME}" download="{slug}-mentions.csv">CSV</a> · '
        f'<a class="nw-download-json" href="{JSON_NAME}" download="{slug}-mentions.json">JSON</a></p>',
        "",
    ])
