"""An entity page's related entities, by type, and what the reader's scripts need of them and of its quotes.

The "Related" section lists the entities named in the same sentences as this one more often than
chance (resolve/related.py: shared sentences times their PMI, strongest first), split into people,
organisations, places and the rest. Each link carries its shared sentences and each group its
type (data-nw-*), from which the page's neighbourhood graph is drawn (neighbourhood.js): no data
beyond the list itself, which is also the graph's keyboard and screen-reader alternative.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from newswiki.models import ArticleRef, RelatedRef
from newswiki.render.common import link_text

#: Related entities listed on an entity page.
RELATED_LIMIT = 15
#: The groups of the list, in this order; any other type goes under OTHER.
RELATED_GROUPS = {"person": "People", "organization": "Organisations", "place": "Places"}
OTHER = ("other", "Other")


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'s' if count != 1 else ''}"


def related_section(related: Sequence[RelatedRef]) -> list[str]:
    """The "Related" section's Markdown lines; [] when nothing is related."""
    groups: dict[str, list[RelatedRef]] = {}
    for other in related[:RELATED_LIMIT]:
        groups.setdefault(other.type if other.type in RELATED_GROUPS else OTHER[0], []).append(other)
    if not groups:
        return []
    lines = ["## Related", "", "Named in the same sentences more often than chance would have it; strongest first (the "
             "sentences shared, weighed by how much more often than chance the two meet).", ""]
    for key, heading in (*RELATED_GROUPS.items(), OTHER):
        if key not in groups:
            continue
        lines += [f'<div class="nw-related" data-nw-type="{key}" markdown>', "", f"### {heading}", ""]
        for other in groups[key]:
            kind = "" if key in RELATED_GROUPS else f" ({link_text(other.type)})"
            lines.append(f'- [{link_text(other.name)}]({other.id}.md){{: data-nw-shared="{other.shared}" }}{kind} — '
                         f"named together in {plural(other.shared, 'sentence')}")
        lines += ["", "</div>", ""]
    return lines


def citation_source(article: ArticleRef) -> str:
    """An inline element carrying what a quote's citation needs (the article's authors, date,
    publisher and where it was published), read as text by reader.js; values are escaped HTML."""
    published = article.published.isoformat() if article.published else None
    authors = " and ".join(article.authors) or None
    fields = {"authors": authors, "date": published, "publisher": article.publisher, "source": article.url}
    attributes = "".join(f' data-nw-{key}="{html.escape(value, quote=True)}"' for key, value in fields.items() if value)
    return f'<span class="nw-cite-source"{attributes}></span>'
