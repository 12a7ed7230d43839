"""Typed records passed between the pipeline stages.

ingest -> SourceFile -> clean/metadata -> Extraction -> Article
entities -> Mention -> resolve -> Entity -> render -> pages -> site
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

SourceKind = Literal["text", "html"]


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file; the build goes on without it."""

    source: str
    message: str
    severity: Literal["error", "warning"] = "error"

    def __str__(self) -> str:
        return f"{self.source}: {self.severity}: {self.message}"


@dataclass(frozen=True)
class SourceFile:
    """One corpus file, decoded to text (HTML stays HTML source)."""

    source: str  # path as given, e.g. "corpus/000_x.txt"
    name: str  # file name without directory
    kind: SourceKind
    text: str
    sha256: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    """Why one block of the input was kept or dropped (for --explain)."""

    line: int  # 1-based line number of the block's first line
    text: str
    kept: bool
    reason: str


@dataclass(frozen=True)
class Extraction:
    """The article inside one page: metadata plus a clean Markdown body."""

    source: str
    title: str
    authors: tuple[str, ...]
    published: dt.date | None
    publisher: str | None
    url: str | None
    body: str
    warnings: tuple[str, ...] = ()
    removed: dict[str, int] = field(default_factory=dict)  # category -> characters removed
    decisions: tuple[Decision, ...] = ()
    published_range: tuple[dt.date, dt.date] | None = None  # a digest's period; published is its end

    def as_json(self) -> dict:
        return {
            "source": self.source,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published.isoformat() if self.published else None,
            "published_range": [d.isoformat() for d in self.published_range] if self.published_range else None,
            "publisher": self.publisher,
            "url": self.url,
            "body": self.body,
            "warnings": list(self.warnings),
        }


@dataclass(frozen=True)
class Article:
    """An extracted article with its stable identity in the wiki."""

    id: str  # slug, unique in the corpus
    sha256: str
    extraction: Extraction

    @property
    def path(self) -> str:
        return f"articles/{self.id}.md"

    @property
    def title(self) -> str:
        return self.extraction.title

    @property
    def published(self) -> dt.date | None:
        return self.extraction.published


@dataclass(frozen=True, slots=True)  # hundreds of thousands at once
class Mention:
    """One named-entity span found by NER in an article body."""

    article_id: str
    text: str  # the span as it appears in the body
    label: str  # spaCy label: PERSON, ORG, GPE, LOC, NORP, ...
    start: int  # character offsets into the article body
    end: int
    sentence: str  # the sentence around the span (keyword in context)

    def __reduce__(self):
        # Rebuilt from its fields in order: the default for a slotted dataclass, a Python-level
        # __setstate__, made reading 10,000 cached articles' mentions three times slower.
        return Mention, (self.article_id, self.text, self.label, self.start, self.end, self.sentence)


@dataclass(frozen=True)
class Entity:
    """One real-world thing, with every name it goes by and where it is mentioned."""

    id: str  # slug
    name: str
    type: str  # person, organization, place, or another lower-case word
    aliases: tuple[str, ...]
    mentions: dict[str, int]  # article id -> mention count
    surface_forms: tuple[str, ...] = ()  # every spelling seen in the bodies, for linking
    roles: tuple[str, ...] = ()  # titles seen with a person's name ("President"), most frequent first

    @property
    def path(self) -> str:
        return f"entities/{self.id}.md"

    @property
    def total_mentions(self) -> int:
        return sum(self.mentions.values())


@dataclass(frozen=True)
class Dropped:
    """An NER candidate that did not become an entity, and why."""

    text: str
    label: str
    reason: str
    count: int


@dataclass(frozen=True)
class Resolution:
    """Output of the resolve stage: entities, the mentions linked to each, and what was dropped."""

    entities: tuple[Entity, ...]
    mention_entity: dict[tuple[str, int], str]  # (article_id, mention start) -> entity id
    dropped: tuple[Dropped, ...] = ()
    merges: dict[str, tuple[str, ...]] = field(default_factory=dict)  # entity id -> variants merged
    # entity id -> (related entity id, sentences naming both), most related first (resolve/related.py)
    related: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)
