"""Build-time figures for readers: mention timelines, co-occurrence, related entities, search spellings.

Pure functions over the typed records; the output is text (inline SVG, Markdown, JSON) that reads
the same on every build, so rebuilds stay byte-identical.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from typing import Protocol

import cyrtranslit
from anyascii import anyascii

from newswiki.markdown import escape_inline
from newswiki.models import Article, Entity


class Dated(Protocol):
    """Anything with a publication date: an Article, or the reference to one an entity page holds."""

    @property
    def published(self) -> dt.date | None: ...


#: Size of the timeline's SVG coordinate space; it scales to the page width (viewBox).
TIMELINE_WIDTH = 600
TIMELINE_HEIGHT = 80
#: Bars thinner than this are hard to hover and to see; long spans are drawn per quarter or year instead.
TIMELINE_MIN_BAR = 4
#: Edges kept in graph.json: with 1,000 entities every pair sharing one article would be ~10^5
#: edges, more than a browser draws smoothly; the strongest links are the ones readers follow.
GRAPH_MAX_EDGES = 6000
#: Entity types whose names are transliterated to Cyrillic for search (organisation acronyms
#: like CSTO have their own Cyrillic names, which letter-by-letter transliteration gets wrong).
TRANSLITERATED_TYPES = ("person", "place")
#: Cyrillic alphabets tried: Russian spelling for the Cyrillic form; Belarusian and Ukrainian
#: romanisations give the diacritic Latin spellings (Lukašenka, Pašynjan) readers also type.
CYRILLIC_LANG = "ru"
LATIN_FROM_CYRILLIC = ("by", "ua")
#: Latin letters cyrtranslit leaves as they are, spelled the way Russian writes their sound.
NO_CYRILLIC_LETTER = str.maketrans({"x": "ks", "X": "Ks", "w": "v", "W": "V", "q": "k", "Q": "K"})


def month_key(date: dt.date) -> tuple[int, int]:
    return date.year, date.month


def mentions_by_month(entity: Entity, articles: Mapping[str, Dated]) -> tuple[Counter, int]:
    """Mentions per (year, month) of publication, and how many mentioning articles have no date."""
    per_month: Counter = Counter()
    undated = 0
    for article_id, count in entity.mentions.items():
        published = articles[article_id].published if article_id in articles else None
        if published is None:
            undated += 1
        else:
            per_month[month_key(published)] += count
    return per_month, undated


def month_range(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    months = []
    year, month = first
    while (year, month) <= last:
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def bucket_label(key: tuple[int, int], months_per_bar: int) -> str:
    year, month = key
    if months_per_bar >= 12:
        return f"{year}"
    if months_per_bar >= 3:
        return f"{year} Q{(month - 1) // 3 + 1}"
    return f"{year}-{month:02d}"


def bucketed(per_month: Counter) -> tuple[list[tuple[str, int]], int]:
    """(label, mentions) bars from the first to the last month, coarser when there are too many."""
    layout, months_per_bar = bucket_layout(min(per_month), max(per_month))
    return [(label, sum(per_month.get(key, 0) for key in months)) for label, months in layout], months_per_bar


@lru_cache(maxsize=4096)
def bucket_layout(first: tuple[int, int], last: tuple[int, int]) -> tuple[tuple[tuple[str, tuple[tuple[int, int], ...]], ...], int]:
    """The bars from first to last month as (label, months in the bar), and the months per bar.

    Entity timelines share few distinct spans, so each is laid out once, not once per entity.
    """
    months = month_range(first, last)
    months_per_bar = 1
    for step in (1, 3, 12):
        months_per_bar = step
        if TIMELINE_WIDTH / max(1, -(-len(months) // step)) >= TIMELINE_MIN_BAR:
            break
    bars: dict[str, list[tuple[int, int]]] = {}
    for key in months:
        if months_per_bar == 3:
            key_start = (key[0], (key[1] - 1) // 3 * 3 + 1)
        elif months_per_bar == 12:
            key_start = (key[0], 1)
        else:
            key_start = key
        bars.setdefault(bucket_label(key_start, months_per_bar), []).append(key)
    return tuple((label, tuple(keys)) for label, keys in bars.items()), months_per_bar


@lru_cache(maxsize=256)
def bar_columns(n_bars: int) -> tuple[tuple[float, float], ...]:
    """(x, width) of each of n bars across the chart, gaps included."""
    width = TIMELINE_WIDTH / n_bars
    gap = min(2.0, width / 5)
    return tuple((round(i * width + gap / 2, 2), round(width - gap, 2)) for i in range(n_bars))


def timeline_svg(entity: Entity, articles: Mapping[str, Dated]) -> str:
    """Mentions of one entity over time as an inline SVG bar chart (no JavaScript), with a scale and
    a caption; mentions in undated articles are counted beside it, never dropped."""
    per_month, undated = mentions_by_month(entity, articles)
    undated_mentions = sum(n for aid, n in entity.mentions.items() if aid not in articles or articles[aid].published is None)
    note = (f"Undated: {plural(undated_mentions, 'mention')} in {plural(undated, 'article')}, not on the timeline."
            if undated else "")
    empty = f"No dated article mentions {html.escape(entity.name)}."
    return bars_svg(per_month, note, "mention", empty)


def articles_timeline_svg(articles: list[Article]) -> str:
    """Articles published per month, for the articles index."""
    per_month = Counter(month_key(a.published) for a in articles if a.published)
    undated = sum(1 for a in articles if not a.published)
    note = f"Undated: {plural(undated, 'article')}, not on the timeline." if undated else ""
    return bars_svg(per_month, note, "article", "No article has a publication date.")


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'s' if count != 1 else ''}"


@lru_cache(maxsize=2**16)
def bar_rect(label: str, count: int, peak: int, x: float, bar_width: float, noun: str) -> str:
    """One bar; long timelines are mostly empty months, the same bars on many entity pages."""
    height = 0 if peak == 0 else round((TIMELINE_HEIGHT - 2) * count / peak, 2)
    y = round(TIMELINE_HEIGHT - height, 2)
    return (
        f'<rect x="{x}" y="{y}" width="{bar_width}" height="{height}">'
        f"<title>{label}: {plural(count, noun)}</title></rect>"
    )


def bars_svg(per_month: Counter, undated_note: str, noun: str, empty: str) -> str:
    """Bars per month (or quarter, or year) with their scale (the peak at the top, 0 at the foot),
    the first and last period under them, and a caption that says the same in words."""
    note = f" {html.escape(undated_note)}" if undated_note else ""
    if not per_month:
        return f'<p class="nw-timeline-empty">{empty}{note}</p>\n'
    bars, months_per_bar = bucketed(per_month)
    unit = {1: "month", 3: "quarter", 12: "year"}[months_per_bar]
    peak = max(count for _, count in bars)
    rects = [bar_rect(label, count, peak, x, bar_width, noun) for (label, count), (x, bar_width) in zip(bars, bar_columns(len(bars)))]
    first, last = bars[0][0], bars[-1][0]
    summary = f"{noun.capitalize()}s per {unit}, {first if first == last else f'{first} to {last}'}; peak {peak}."
    svg = (
        f'<svg class="nw-timeline-chart" viewBox="0 0 {TIMELINE_WIDTH} {TIMELINE_HEIGHT}" '
        f'preserveAspectRatio="none" role="img" aria-label="{html.escape(summary)}">'
        + "".join(rects)
        + "</svg>"
    )
    scale = f'<span class="nw-scale" aria-hidden="true"><span>{peak}</span><span>0</span></span>'
    ends = f"<span>{first}</span>" + (f"<span>{last}</span>" if last != first else "")
    axis = f'<span class="nw-axis" aria-hidden="true">{ends}</span>'
    caption = f"<figcaption>{html.escape(summary)}{note}</figcaption>"
    return f'<figure class="nw-timeline"><div class="nw-timeline-plot">{scale}{svg}</div>{axis}{caption}</figure>\n'


def cooccurrence(related: Mapping[str, tuple[tuple[str, int], ...]]) -> Counter:
    """(entity id, entity id) -> sentences naming both, ids in sorted order: the pairs of
    Resolution.related (named together more often than chance)."""
    pairs: Counter = Counter()
    for entity_id, others in related.items():
        for other, shared in others:
            pairs[tuple(sorted((entity_id, other)))] = shared
    return pairs


def graph_json(entities: list[Entity], pairs: Counter) -> str:
    """Nodes and weighted edges for the co-occurrence graph page (site/graph.json)."""
    nodes = [
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "articles": len(e.mentions),
            "mentions": e.total_mentions,
            "url": f"entities/{e.id}/",
        }
        for e in sorted(entities, key=lambda e: e.id)
    ]
    strongest = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:GRAPH_MAX_EDGES]
    edges = [{"source": a, "target": b, "weight": w} for (a, b), w in sorted(strongest)]
    return json.dumps({"nodes": nodes, "edges": edges}, ensure_ascii=False, separators=(",", ":")) + "\n"


def search_spellings(entity: Entity) -> list[str]:
    """Spellings a reader may type that the page does not already show: ASCII folding of
    diacritics, and for people and places the Cyrillic form and its romanisations."""
    known = [entity.name, *entity.aliases]
    seen = {form.casefold() for form in known}
    spellings: list[str] = []

    def add(form: str) -> None:
        form = " ".join(form.split())
        if form and form.casefold() not in seen:
            seen.add(form.casefold())
            spellings.append(form)

    for form in known:
        add(anyascii(form))
    if entity.type in TRANSLITERATED_TYPES:
        for form in known:
            latin = anyascii(form)
            if not latin.replace(" ", "").replace("-", "").replace("'", "").isalpha():
                continue
            cyrillic = cyrtranslit.to_cyrillic(latin.translate(NO_CYRILLIC_LETTER), CYRILLIC_LANG)
            add(cyrillic)
            for lang in LATIN_FROM_CYRILLIC:
                add(cyrtranslit.to_latin(cyrillic, lang))
    return spellings


#: Around the hidden spellings in the page's indexed text: the search box shows and marks no word
#: between them in a result's excerpt (pagefind-search.js), since the page does not show them.
HIDDEN_SPELLINGS_BEGIN = "nwfhiddenbegin"
HIDDEN_SPELLINGS_END = "nwfhiddenend"


def spellings_section(entity: Entity) -> str:
    """Other spellings a reader may search for (machine transliterations, not spellings any article
    used): indexed for search, ranked like the names (data-pagefind-weight), but neither shown on
    the page nor in a search result's excerpt, so a reader never takes "Vladymyr Putyn" for a
    spelling found in the sources."""
    spellings = search_spellings(entity)
    if not spellings:
        return ""
    return "\n".join(['<p class="nw-spellings nw-hidden-spellings" aria-hidden="true" markdown data-pagefind-weight="10">',
                      f"{HIDDEN_SPELLINGS_BEGIN} " + ", ".join(escape_inline(s) for s in spellings) + f" {HIDDEN_SPELLINGS_END}",
                      "</p>", ""])


def timeline_section(entity: Entity, articles: Mapping[str, Dated]) -> str:
    """The entity's mentions over time, and the way to it in the co-occurrence graph."""
    lines = ["## Timeline", "", timeline_svg(entity, articles)]
    # Raw HTML: MkDocs would report a Markdown link with a query string as a missing file.
    lines += [f'<p class="nw-graph-link"><a href="../../graph/?focus={html.escape(entity.id)}">'
              f"{html.escape(entity.name)} and the entities around it in the co-occurrence graph</a></p>", ""]
    return "\n".join(lines)
