"""Variants of one organisation's name that the other merges miss: its legal form or a firm word
written or not ("Alibaba Group", "SoftBank Group Corp", "U.S. Games Systems, Inc"), its country
before it ("New Zealand Department of Conservation"), a plural ("Space Pirates")."""

from __future__ import annotations

from newswiki.resolve.gazetteer import gazetteer
from newswiki.resolve.merge import Merger
from newswiki.resolve.pages import ORGANISATION_WORDS

#: Words after an organisation's own name that only say what kind of firm it is.
FIRM_SUFFIXES = {"group", "inc", "corp", "co", "company", "ltd", "llc", "plc", "holdings", "systems", "limited"}
#: Types whose names these variants are of.
ORGANISATION_TYPES = {"organization"}


def merge_organisation_variants(m: Merger) -> None:
    """Join each organisation's longer spelling to the shorter one the corpus also names, when exactly
    one shorter candidate of the same type is left by dropping firm words, a country, or a plural s."""
    for key in sorted(m.candidates):
        if m.types[key] not in ORGANISATION_TYPES or len(key.split()) < 2:
            continue
        target = shorter_spelling(key, m)
        if target is not None:
            m.union(key, target)


def shorter_spelling(key: str, m: Merger) -> str | None:
    words = key.split()
    # Firm words dropped from the end, one at a time: "us games systems inc" -> "us games systems" -> "us games".
    while len(words) > 1 and words[-1] in FIRM_SUFFIXES:
        words = words[:-1]
        if is_organisation(" ".join(words), m):
            return " ".join(words)
    # A country before the name of one of its bodies: "new zealand department of conservation".
    for n in (1, 2, 3):
        head, rest = key.split()[:n], key.split()[n:]
        place = gazetteer().lookup(" ".join(head))
        if place and place[2] == "country" and len(rest) >= 3 and ORGANISATION_WORDS.intersection(rest):
            if is_organisation(" ".join(rest), m):
                return " ".join(rest)
    if key.endswith("s") and is_organisation(key[:-1], m):  # "space pirates" and "space pirate"
        return key[:-1]
    return None


def is_organisation(key: str, m: Merger) -> bool:
    return key in m.candidates and m.types[key] in ORGANISATION_TYPES
