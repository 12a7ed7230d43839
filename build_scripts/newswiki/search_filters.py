"""The choices of the search box's filters (type, publisher, year, language), for site/search-filters.json.

Each page carries its filter values as words Pagefind indexes (render.common.search_facets); the
search box adds the chosen ones to the query. This file tells it which values exist, how many
pages each has, and the word that stands for each.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

from newswiki.models import Article, Entity
from newswiki.render.common import TYPE_HEADINGS, facet_token, language_name

FILE_NAME = "search-filters.json"
TYPE_LABELS = {
    "article": "Article", "person": "Person", "organization": "Organisation", "place": "Place", "event": "Event",
    "product": "Product", "work": "Work",
}


def choices(kind: str, counts: Counter, label=str, newest_first: bool = False) -> list[dict]:
    order = sorted(counts, key=lambda v: (-int(v) if newest_first else 0, label(v).casefold(), v))
    return [{"label": label(v), "word": facet_token(kind, v), "pages": counts[v]} for v in order]


def search_filters_json(articles: Iterable[Article], entities: Iterable[Entity]) -> str:
    articles = list(articles)
    types = Counter({"article": len(articles)} if articles else {})
    types.update(e.type for e in entities)
    publishers = Counter(a.extraction.publisher for a in articles if a.extraction.publisher)
    years = Counter(str(a.published.year) for a in articles if a.published)
    languages = Counter(language_name(a.extraction.language) for a in articles)
    type_order = [*TYPE_LABELS, *sorted(set(types) - set(TYPE_LABELS))]
    data = {
        "type": [{"label": TYPE_LABELS.get(t, TYPE_HEADINGS.get(t, t.title())), "word": facet_token("type", t), "pages": types[t]}
                 for t in type_order if types[t]],
        "publisher": choices("publisher", publishers),
        "year": choices("year", years, newest_first=True),
        "language": choices("language", languages),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"
