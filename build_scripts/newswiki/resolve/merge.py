"""Merging variants: places, acronyms, person-name variants and short names, inside small blocks; curated aliases first."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from rapidfuzz import fuzz

from newswiki.models import Curation, EntityCuration
from newswiki.names import NAME_CACHE_SIZE, fold
from newswiki.resolve.acronyms import initials, is_acronym
from newswiki.resolve.gazetteer import gazetteer
from newswiki.resolve.candidates import Candidate
from newswiki.resolve.given_names import common_surnames, is_given_name
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


def first_name_blocks(keys: list[str]) -> list[list[str]]:
    """Full names grouped by first name and the surname's first letter: a misspelt surname whose
    first three letters differ ("Samus Aran", "Samus Arran") meets its name here, not in surname_blocks."""
    by_first: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in keys:
        words = key.split()
        if len(words[0]) > 1:  # an initial is no first name to block on
            by_first[(words[0], surname(key)[:1])].append(key)
    return [block for _, block in sorted(by_first.items()) if len(block) > 1]


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
        if len(expansions) == 1 and m.types[expansions[0]] == m.types[key] and not is_given_name(m.candidates[expansions[0]].name.split()[0]):
            m.union(key, expansions[0])
            joined.add(key)
    return joined


def merge_people(m: Merger, context: Callable[[str], set[str]] | None = None) -> None:
    """Full names that are spellings of one person.

    context(key): the other names of the articles naming key, when names that sound alike
    (Vladimir Mackay, Uladzimir Makei) may be joined: they must keep the same company too.
    """
    person_keys = [k for k in sorted(m.candidates) if m.types[k] == "person" or is_person(m.candidates[k])]
    full = [k for k in person_keys if len(k.split()) > 1]
    for block in surname_blocks(full) + first_name_blocks(full):
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if same_person(a, b):
                    m.union(a, b)
    # A compound surname written without the first name in the same article ("Eriksson Ek" of "Joel Eriksson Ek").
    keys = set(full)
    for key in full:
        tail = " ".join(key.split()[1:])
        if len(key.split()) > 2 and tail in keys and articles_of_key(m, key) & articles_of_key(m, tail):
            m.union(key, tail)
    if context is None:
        return
    by_sound: dict[str, list[str]] = defaultdict(list)
    for key in full:
        by_sound[sound_key(surname(key))].append(key)
    for sound in sorted(by_sound):
        block = by_sound[sound]
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if m.groups.find(a) != m.groups.find(b) and same_sounding_first_names(a, b) and context(a) & context(b):
                    m.union(a, b)


#: Spellings one sound has in romanised Russian, Belarusian and Ukrainian names, and in English ones.
SOUND_RULES = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^u(?=[lr])", "v"),  # Belarusian Uladzimir = Vladimir
        (r"ck|c(?!h)|q", "k"), (r"kh", "h"), (r"x", "ks"), (r"ph", "f"), (r"w", "v"), (r"dz", "d"),
        (r"(?:ay|ai|ey|ej|aj)(?=$|[^aeiou])", "ei"), (r"y|j", "i"), (r"(.)\1", r"\1"),
    )
)
#: First names that sound alike (sound_key) at least this much: vladimir/vladimir 100, aleksander/alexander 90.
FUZZY_SOUND_FIRST_NAME_THRESHOLD = 80


@lru_cache(maxsize=NAME_CACHE_SIZE)
def sound_key(word: str) -> str:
    """A folded name as it sounds, the spellings of one sound made one: mackay, makei -> "makei"."""
    for pattern, replacement in SOUND_RULES:
        word = pattern.sub(replacement, word)
    return word


def same_sounding_first_names(a: str, b: str) -> bool:
    """First names of two full names that are one name spelled two ways (Vladimir, Uladzimir)."""
    first_a, first_b = sound_key(a.split()[0]), sound_key(b.split()[0])
    return len(first_a) > 1 and len(first_b) > 1 and fuzz.ratio(first_a, first_b) >= FUZZY_SOUND_FIRST_NAME_THRESHOLD


def places_and_organisations_around(candidates: dict[str, Candidate], types: dict[str, str]) -> Callable[[str], set[str]]:
    """key -> the places and organisations named in the articles that name key (worked out when asked)."""
    in_article: dict[str, set[str]] = defaultdict(set)
    for key, candidate in candidates.items():
        if types[key] in ("place", "organization"):
            for mention in candidate.mentions:
                in_article[mention.article_id].add(key)

    def around(key: str) -> set[str]:
        return set().union(*(in_article[aid] for aid in {mn.article_id for mn in candidates[key].mentions}))

    return around


#: Labels a lone surname may carry: NER tags many a surname ORG ("Steenburgen said").
SURNAME_LABELS = {"PERSON", "ORG"}


def attach_short_names(
    m: Merger, mention_key: dict[tuple[str, int], str], acronym_keys: set[str]
) -> tuple[dict[str, list[str]], set[str]]:
    """Surname-only mentions to the person named in full with that surname in their article, else to
    the one person of the corpus with it; a first name only to the person just named in full with it,
    in that article (never an alias). Never across types: an organisation's short name (Twitter), a
    place's (Mars) is nobody's surname.

    Returns the short keys that stayed ambiguous (with the people they could be), and the roots of people.
    """
    # Candidates do not change here; their names are looked up per mention, so work them out once.
    names = {key: candidate.name for key, candidate in m.candidates.items()}
    members: dict[str, list[str]] = defaultdict(list)
    for key in sorted(m.candidates):
        members[m.groups.find(key)].append(key)
    person_roots = people_roots(m, names, members)
    # Index the full names of people by their surnames: the block a short name is compared in.
    by_surname: dict[str, set[str]] = defaultdict(set)
    for root in sorted(person_roots):
        for key in members[root]:
            # Written words, so "Lukashenko-Lavrov Meeting" does not carry the name "Lukashenko".
            words = [fold(w) for w in names[key].split()]
            if len(words) > 1:
                by_surname[words[-1]].add(root)

    @lru_cache(maxsize=None)
    def can_attach(key: str) -> bool:
        candidate = m.candidates[key]
        if len(names[key].split()) != 1 or key in acronym_keys or key in m.frozen or is_acronym(candidate.name):
            return False
        if m.types[key] == "group":
            return False  # "Democrats", "Russians": a group of people, not someone's name
        place = place_of(key)
        return not (place and m.types[key] == "place" and not is_person(candidate))

    remaining = attach_in_articles(m, mention_key, names, person_roots, by_surname, can_attach)
    ambiguous = attach_in_corpus(m, remaining, members, person_roots, by_surname)
    return ambiguous, {m.groups.find(r) for r in person_roots}


def people_roots(m: Merger, names: dict[str, str], members: dict[str, list[str]]) -> set[str]:
    """The groups that are people: by their votes, or a full name NER tagged ORG ("Mason Rudolph") whose
    short name is mostly tagged PERSON: the two together decide. A group's votes are summed once (no
    key of a group the second rule reads is a gazetteer place, so its votes are the same for both
    rules), and a short name's once per call."""
    person_roots: set[str] = set()
    short_votes: dict[str, Counter] = {}
    for root in sorted(members):
        keys = members[root]
        if len(keys) == 1:  # most groups: the one candidate's votes as they are, no sum
            in_gazetteer = place_of(keys[0]) is not None
            votes = m.candidates[keys[0]].votes(gazetteer_place=in_gazetteer)
        else:
            votes, in_gazetteer = Counter(), False
            for key in keys:
                place = place_of(key) is not None
                in_gazetteer = in_gazetteer or place
                votes += m.candidates[key].votes(gazetteer_place=place)
        if votes["person"] * 2 > sum(votes.values()):
            person_roots.add(root)
            continue
        if in_gazetteer:
            continue
        if any(person_by_short_name(m, names[key], votes, short_votes) for key in members[root]):
            person_roots.add(root)
    return person_roots


def person_by_short_name(m: Merger, name: str, votes: Counter, short_votes: dict[str, Counter]) -> bool:
    """Whether a capitalised full name's votes with its first or last word's (a person's) make a person."""
    written = name.split()
    if len(written) < 2 or not all(w[:1].isupper() for w in written):
        return False
    words = [fold(w) for w in written]
    for token in (words[0], words[-1]):
        short = m.candidates.get(token)
        if short is not None and m.types[token] == "person":
            if token not in short_votes:
                short_votes[token] = short.votes(gazetteer_place=False)
            both = votes + short_votes[token]
            if both["person"] * 2 > sum(both.values()):
                return True
    return False


def not_surnames(m: Merger, names: dict[str, str], person_roots: set[str], keys: Iterable[str]) -> set[tuple[str, int]]:
    """Mentions of keys tagged a place, nationality, event or thing that are nobody's surname: a name so
    tagged is a surname only in articles naming that person in full, and only if it never stands alone
    elsewhere ("Mars" the planet is not "Bruno Mars"; NER tags "Hanchar" GPE after "Viktar Hanchar").
    keys: the names asked about (only short names that may attach are), each read once."""
    surnames_in: dict[str, set[str]] = defaultdict(set)
    for key, candidate in m.candidates.items():
        if " " in names[key] and m.groups.find(key) in person_roots:
            surname = fold(names[key].split()[-1])  # once per name, not per mention
            for article_id in set(map(attrgetter("article_id"), candidate.mentions)):
                surnames_in[article_id].add(surname)
    nowhere: frozenset[str] = frozenset()
    found: set[tuple[str, int]] = set()
    for key in keys:
        c = m.candidates[key]
        if c.labels.keys() <= SURNAME_LABELS:
            continue  # no mention tagged otherwise (the labels count the mentions')
        if any(key not in surnames_in.get(mn.article_id, nowhere) for mn in c.mentions):
            found.update((mn.article_id, mn.start) for mn in c.mentions if mn.label not in SURNAME_LABELS)
    return found


def attach_in_articles(
    m: Merger,
    mention_key: dict[tuple[str, int], str],
    names: dict[str, str],
    person_roots: set[str],
    by_surname: dict[str, set[str]],
    can_attach: Callable[[str], bool],
) -> Counter:
    """In each article, a short name goes to the person last named in full with it before the mention
    (as a reader resolves "Babaryka" after "Viktar Babaryka"), else to the one person of the article
    with that surname. Returns the short keys left, with their mention counts."""
    given_here = corpus_given_names(m, names, person_roots)
    # Key -> its group and, for a person's full name, its folded words: worked out once per key, not per mention.
    full: dict[str, tuple[str, list[str] | None]] = {}
    for key in set(mention_key.values()):
        root, words = m.groups.find(key), names[key].split()
        full[key] = (root, [fold(w) for w in words] if root in person_roots and len(words) > 1 else None)
    # Only the mentions of people's full names and of short names that may attach are read below:
    # the others (most: names of two words or more that are no person's) are left out once per key.
    read = {key for key, (_, words) in full.items() if words is not None or can_attach(key)}
    not_a_surname = not_surnames(m, names, person_roots, sorted(key for key in read if full[key][1] is None))
    # Each candidate holds the mentions mention_key gives it (collect keeps the two alike; no merge
    # moves a mention), so only the read keys' mentions are gone through, not every mention's key.
    by_article: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for key in read:
        for mention in m.candidates[key].mentions:
            by_article[mention.article_id].append((mention.start, key))
    remaining: Counter = Counter()
    for article_id in sorted(by_article):
        ordered = sorted(by_article[article_id])
        in_article: dict[str, set[str]] = defaultdict(set)
        for _start, key in ordered:
            root, words = full[key]
            if words is not None:
                in_article[words[-1]].add(root)
        last_surname: dict[str, str] = {}
        last_first_name: dict[str, str] = {}
        for start, key in ordered:
            root, words = full[key]
            if words is not None:
                last_surname[words[-1]] = last_first_name[words[0]] = root
                continue
            if not can_attach(key):
                continue
            if key in last_first_name and key not in by_surname and (is_given_name(names[key]) or key in given_here):
                mention_key[(article_id, start)] = last_first_name[key]
                continue
            if (article_id, start) in not_a_surname:
                continue
            targets = in_article.get(key, set()) & by_surname.get(key, set())
            if key in last_surname and last_surname[key] in targets:
                mention_key[(article_id, start)] = last_surname[key]
            elif len(targets) == 1:
                mention_key[(article_id, start)] = next(iter(targets))
            elif m.types[key] in ("person", "organization"):
                remaining[key] += 1  # NER tags many a lone surname ORG; a place or a thing is no surname
    return remaining


def corpus_given_names(m: Merger, names: dict[str, str], person_roots: set[str]) -> set[str]:
    """Folded words that begin two full names of people or more in the corpus ("viktar" of Viktar
    Babaryka and Viktar Hanchar): given names, whether or not a list of names has them; not a name NER
    never tags a person on its own, typed an organisation or a place ("Twitter" of "Twitter Blue", "Twitter Lite")."""
    firsts = Counter(key.split()[0] for key in names if len(key.split()) > 1 and m.groups.find(key) in person_roots)
    return {word for word, n in firsts.items() if n >= 2 and not is_thing_name(m, word)}


def is_thing_name(m: Merger, key: str) -> bool:
    """A one-word name the corpus uses for an organisation or a place, never tagged a person."""
    candidate = m.candidates.get(key)
    return candidate is not None and m.types[key] in ("organization", "place") and not candidate.labels["PERSON"] and not candidate.person_hints


#: A lone surname of an article naming nobody with it goes to the one person of the corpus with that
#: surname only when that person is named in this many articles (a well-attested person, not a
#: passer-by), or in every article the surname is in (a misspelling: "Luksahenko").
MIN_SURNAME_ARTICLES = 2


def articles_of_key(m: Merger, key: str) -> set[str]:
    return {mn.article_id for mn in m.candidates[key].mentions}


def articles_of(m: Merger, members: dict[str, list[str]], root: str) -> set[str]:
    return {mn.article_id for key in members.get(root, [root]) for mn in m.candidates[key].mentions}


def attach_in_corpus(
    m: Merger, remaining: Counter, members: dict[str, list[str]], person_roots: set[str], by_surname: dict[str, set[str]]
) -> dict[str, list[str]]:
    """A short name no article resolved goes to the one person of the corpus whose surname (or a spelling
    of it) it is (seed 004 names only "Lukashenka"); returns the person-like ones that could be several."""
    surname_index = surname_blocks(sorted(by_surname))
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
        targets = {m.groups.find(r) for t in tokens for r in by_surname.get(t, set())}
        target_articles = articles_of(m, members, next(iter(targets))) if len(targets) == 1 else set()
        if target_articles and (
            len(target_articles) >= MIN_SURNAME_ARTICLES or articles_of(m, members, key) <= target_articles or (key in by_surname and rare_surname_of_a_person(m, key))
        ):
            m.union(key, next(iter(targets)))
        elif len(targets) > 1 and is_person(m.candidates[key]):
            ambiguous[key] = sorted(m.candidates[r].name for r in targets)
    return ambiguous


def rare_surname_of_a_person(m: Merger, key: str) -> bool:
    """A surname alone that NER tags a person in most of its mentions and that is no surname common in
    English ("Obama", not "Smith"), written alone in several articles: the one person of the corpus named in full with it, even when
    that full name is in one article only (the surname as written: a spelling of it, "Browns" of
    Brown, needs the person in more articles)."""
    return is_person(m.candidates[key]) and key not in common_surnames() and len(articles_of_key(m, key)) >= MIN_SURNAME_ARTICLES


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
