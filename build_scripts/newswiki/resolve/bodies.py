"""One body of a country or an organisation, written several ways: its country before it as a name or
an adjective, or after it ("Belarusian Armed Forces", "Armed Forces of Belarus"); a ministry or
department by its field or after it ("Foreign Ministry", "Ministry of Foreign Affairs"); the
organisation it belongs to before it ("CIS Council of Heads of State"); and the body's name alone in
articles that name one country's or organisation's body of that name ("Ministry of Foreign Affairs"
after "Ministry of Foreign Affairs of Belarus").

Keys are compared in blocks of the same (qualifier, body), so the pass is linear in the candidates.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from newswiki.resolve.acronyms import is_acronym
from newswiki.resolve.gazetteer import gazetteer
from newswiki.resolve.merge import Merger
from newswiki.resolve.pages import ORGANISATION_WORDS

#: Heads written after the body's field ("Foreign Ministry", "Justice Department") or before it with
#: "of" ("Ministry of Foreign Affairs", "Department of Justice").
FIELD_HEADS = {"ministry", "department"}
#: Words a body's name may have or not ("Ministry of Foreign Affairs", "Foreign Ministry").
OPTIONAL_WORDS = {"affairs", "the", "of"}
#: Endings of a country's adjective on its name or on its name less a last vowel (Belarus-ian,
#: Russia-n, Chin-ese, Ital-ian, Israel-i, German-y) or its name less "stan" (Kazakh).
ADJECTIVE_ENDINGS = ("n", "an", "ian", "ese", "i", "ish")
#: Fewest words of a body named alone that joins one country's or organisation's body of that name.
MIN_BARE_WORDS = 3


@lru_cache(maxsize=1)
def country_adjectives() -> dict[str, str]:
    """Folded adjective -> country id, made from the gazetteer's one-word country names; an adjective
    two countries would make (Niger-ian, Nigeri-an) is left out."""
    made: dict[str, set[str]] = defaultdict(set)
    for key, (place_id, _name, kind) in gazetteer().places.items():
        if kind != "country" or " " in key or len(key) < 4:
            continue
        stems = {key} | ({key[:-1]} if key[-1] in "aeiouy" else set())
        forms = {stem + ending for stem in stems for ending in ADJECTIVE_ENDINGS}
        if key.endswith("y"):
            forms.add(key[:-1])
        if key.endswith("stan"):
            forms.add(key[:-4])
        for form in forms - {key}:
            made[form].add(place_id)
    places = gazetteer().places
    return {form: next(iter(ids)) for form, ids in made.items() if len(ids) == 1 and form not in places}


def country_at(words: list[str]) -> tuple[str, int] | None:
    """The country the first words name (1 to 3 words) or its adjective (one word), and how many words."""
    for n in (3, 2, 1):
        place = gazetteer().lookup(" ".join(words[:n])) if len(words) > n else None
        if place is not None and place[2] == "country":
            return place[0], n
    adjective = country_adjectives().get(words[0]) if len(words) > 1 else None
    return (adjective, 1) if adjective else None


def body_form(words: list[str]) -> str:
    """A body's words in one order, without the words it may have or not: "foreign ministry" and
    "ministry of foreign affairs" -> "ministry foreign"."""
    if len(words) >= 2 and words[-1] in FIELD_HEADS and "of" not in words:
        words = [words[-1], *words[:-1]]
    return " ".join(w for w in words if w not in OPTIONAL_WORDS)


def qualified(key: str, m: Merger) -> tuple[str, str] | None:
    """(qualifier, body form) of an organisation named with its country or its organisation's acronym."""
    words = key.split()
    if len(words) < 2:
        return None
    # "armed forces of belarus", "ministry of foreign affairs of belarus"
    for n in (3, 2, 1):
        if len(words) > n + 1 and words[-n - 1] == "of":
            place = gazetteer().lookup(" ".join(words[-n:]))
            if place is not None and place[2] == "country":
                return place[0], body_form(words[: -n - 1])
    front = country_at(words)
    if front is not None:
        return front[0], body_form(words[front[1] :])
    first = words[0]
    if len(words) > MIN_BARE_WORDS and first in m.candidates and m.types[first] == "organization" and is_acronym(m.candidates[first].name):
        return "org:" + first, body_form(words[1:])
    return None


def is_body(words: list[str]) -> bool:
    return any(w in ORGANISATION_WORDS for w in words)


def merge_qualified_bodies(m: Merger) -> None:
    """Join the spellings of one country's or organisation's body, and the body's name alone to the
    qualified body of that name that every article naming it names, where they name no other."""
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    by_body: dict[str, set[str]] = defaultdict(set)
    for key in sorted(m.candidates):
        if m.types[key] != "organization":
            continue
        found = qualified(key, m)
        if found is not None and found[1] and is_body(found[1].split()):
            blocks[found].append(key)
            by_body[found[1]].add(found[0])
    for keys in blocks.values():
        for other in keys[1:]:
            m.union(keys[0], other)

    def articles(key: str) -> set[str]:
        return {mn.article_id for mn in m.candidates[key].mentions}

    for key in sorted(m.candidates):
        words = key.split()
        if m.types[key] != "organization" or len(words) < MIN_BARE_WORDS or key in by_body or qualified(key, m) is not None:
            continue
        here = articles(key)
        named = {q: set().union(*(articles(k) for k in blocks[(q, body_form(words))])) for q in sorted(by_body.get(body_form(words), ()))}
        around = [q for q, where in named.items() if where & here]
        if len(around) == 1 and here <= named[around[0]]:
            m.union(key, blocks[(around[0], body_form(words))][0])
