"""Every mention of every entity, for research: the files behind an entity page's full list.

An entity page quotes only its newest articles (render's QUOTED_ARTICLES), so that its size stays
bounded at scale. The full list goes beside the page, in the site only (it is derived data, not a
page to edit): site/entities/<id>/mentions.json, which the page's "Every mention" list reads
(reader.js), and mentions.csv for spreadsheets. One row per sentence naming the entity, articles
newest first (undated ones last), sentences in article order, each with the article's title, date
(empty when the article states none), publisher, and a link to the paragraph it comes from.
"""

from __future__ import annotations

import bisect
import csv
import functools
import hashlib
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from newswiki.markdown import anchor_id
from newswiki import search_filters
from newswiki.models import Article, Blocks, Entity, Mention, Resolution, SiteFile
from newswiki.render.research import CSV_NAME, JSON_NAME

FOLDER = "entities"
COLUMNS = ("article_id", "article_title", "published", "publisher", "paragraph_url", "mentions", "spellings", "sentence")
#: In every file's key: the files' format is this module's code.
FORMAT_KEY = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
#: A spreadsheet runs a cell starting with these as a formula; corpus text is untrusted (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class MentionRow(NamedTuple):
    """One sentence of one article naming an entity, with how often and in which spellings."""

    article_id: str
    article_title: str
    published: str  # ISO date, or "" for an undated article
    publisher: str
    paragraph_url: str  # relative to the site root
    mentions: int
    spellings: str  # the spellings used in the sentence, "; " between them
    sentence: str


def paragraph_url(article: Article, blocks: Blocks, start: int) -> str:
    block = bisect.bisect_right(blocks.ends, start)
    return f"articles/{article.id}/" + (f"#{anchor_id(block)}" if block in blocks.anchored else "")


def mention_rows(
    articles: Mapping[str, Article], occurrences: Mapping[str, Sequence[Occurrence]], blocks: Mapping[str, Blocks],
) -> dict[str, list[MentionRow]]:
    """Per entity id, its MentionRows: articles newest first (undated last), sentences in article order.

    occurrences: by article, every occurrence its entities' counts hold (listed_occurrences), so an
    entity's rows add up to its mention count."""
    found: dict[str, dict[tuple[str, str], list]] = {}  # entity -> (article, sentence) -> [start, count, spellings]
    for aid in sorted(occurrences):
        for start, eid, text, sentence in sorted(occurrences[aid]):
            row = found.setdefault(eid, {}).setdefault((aid, sentence), [start, 0, []])
            row[1] += 1
            spelling = " ".join(text.split())
            if spelling not in row[2]:
                row[2].append(spelling)
    rows: dict[str, list[MentionRow]] = {}
    for eid, sentences in found.items():
        ordered = sorted(sentences.items(), key=lambda kv: newest_first(articles[kv[0][0]], kv[1][0]))
        rows[eid] = [
            MentionRow(
                aid, articles[aid].title, articles[aid].published.isoformat() if articles[aid].published else "",
                articles[aid].extraction.publisher or "", paragraph_url(articles[aid], blocks[aid], start), count,
                "; ".join(spellings), sentence,
            )
            for (aid, sentence), (start, count, spellings) in ordered
        ]
    return rows


class Occurrence(NamedTuple):
    """One occurrence of an entity's name, as a mention list shows it."""

    start: int
    entity_id: str
    text: str  # the spelling
    sentence: str


def listed_occurrences(resolution: Resolution, mentions: Mapping[str, list[Mention]]) -> dict[str, list[Occurrence]]:
    """Every occurrence the entities' counts hold, by article: NER's mention of the entity holding it
    (its spelling as tagged), else the one resolve found untagged, with its sentence. Without counted
    occurrences (a resolution made by hand), NER's linked mentions."""
    owner = resolution.mention_entity
    listed: dict[str, list[Occurrence]] = {}
    for aid, found in mentions.items():
        if aid not in resolution.occurrences:
            listed[aid] = [Occurrence(m.start, owner[(aid, m.start)], m.text, m.sentence) for m in found if (aid, m.start) in owner]
    for aid, by_entity in resolution.occurrences.items():
        tagged = sorted((m for m in mentions.get(aid, ()) if (aid, m.start) in owner), key=lambda m: m.start)
        starts = [m.start for m in tagged]
        untagged = resolution.untagged.get(aid, {})
        rows = []
        for eid, spans in by_entity.items():
            for span in spans:
                if span in untagged:
                    rows.append(Occurrence(span[0], eid, *untagged[span]))
                    continue
                at = bisect.bisect_right(starts, span[0]) - 1
                if at >= 0 and span[1] <= tagged[at].end and owner[(aid, tagged[at].start)] == eid:
                    rows.append(Occurrence(span[0], eid, tagged[at].text, tagged[at].sentence))
        listed[aid] = rows
    return listed


def newest_first(article: Article, start: int) -> tuple:
    published = article.published
    return (published is None, -published.toordinal() if published else 0, article.id, start)


def spreadsheet_safe(value: object) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(rows: Iterable[MentionRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows([spreadsheet_safe(v) for v in row] for row in rows)
    return out.getvalue()


def json_text(entity: Entity, rows: list[MentionRow]) -> str:
    data = {
        "entity": {"id": entity.id, "name": entity.name, "type": entity.type},
        "columns": list(COLUMNS),
        "rows": [list(row) for row in rows],
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"



class ResearchData(NamedTuple):
    """What the site's research files are made of, gathered while the build still has every mention
    (the rows share the mentions' sentence strings, so they cost little more than the mentions)."""

    rows: dict[str, list[MentionRow]]  # entity id -> every sentence naming it


def research_data(articles: list[Article], resolution: Resolution, mentions: Mapping[str, list[Mention]],
                  blocks: Mapping[str, Blocks]) -> ResearchData:
    return ResearchData(mention_rows({a.id: a for a in articles}, listed_occurrences(resolution, mentions), blocks))


def research_files(data: ResearchData, articles: list[Article], entities: Iterable[Entity]) -> dict[str, str | SiteFile]:
    """The site's files for research beside its pages, keyed by their path in the site: the search
    filters' choices and every entity's mention lists (made only when the previous site has no copy
    with the same key)."""
    entities = list(entities)
    files: dict[str, str | SiteFile] = {search_filters.FILE_NAME: search_filters.search_filters_json(articles, entities)}
    for entity in entities:
        own = data.rows.get(entity.id, [])
        key = hashlib.sha256(repr((FORMAT_KEY, entity.id, entity.name, entity.type, own)).encode()).hexdigest()
        files[f"{FOLDER}/{entity.id}/{JSON_NAME}"] = SiteFile(key, functools.partial(json_text, entity, own))
        files[f"{FOLDER}/{entity.id}/{CSV_NAME}"] = SiteFile(key, functools.partial(csv_text, own))
    return files
