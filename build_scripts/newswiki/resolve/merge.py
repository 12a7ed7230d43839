"""Merging variants: places, acronyms, person-name variants and short names, inside small blocks; curated aliases first."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from rapidfuzz import fuzz

from newswiki.curation import Curation, EntityCuration
from newswiki.resolve.names import fold
from newswiki.resolve.acronyms import initials, is_acronym
from newswiki.resolve.gazetteer import gazetteer
from newswiki.resolve.candidates import Candidate
from newswiki.resolve.kinds import is_person, place_of


#: Surnames (folded) scoring at least this are spellings of one name. Measured on real variants:
#: Lukashenko/Lukashenka 90, Lukashenko/Luksahenko 90, Zelensky/Zelenskyy 94, while different
#: surnames sharing a 4-letter prefix score lower (Ivanov/Ivanova 91 is caught by the first-name guard).
FUZZY_SURNAME_THRESHOLD = 85
#: First names of one person in two transliterations: Alexander/Aleksander 89, Alyaksandr/Aleksandr 84.
FUZZY_FIRST_NAME_THRESHOLD = 70
#: Blocks for fuzzy comparison: surnames sharing this many leading letters (3 keeps the typo "Luksahenko").
BLOCK_PREFIX = 3


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
