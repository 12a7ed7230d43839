"""Spellings of one organisation that differ in how they write its country: the country before a body's
name written two ways ("U.S. Department of State", "United States Department of State") is one body
when the gazetteer takes both for the same country and the rest is the same.

Keys are compared in blocks of the same (country, rest), so the pass is linear in the candidates.
"""

from __future__ import annotations

from collections import defaultdict

from newswiki.resolve.gazetteer import gazetteer
from newswiki.resolve.merge import Merger

#: Words a country's name may have before a body's name ("united states", "new zealand", "u s").
MAX_COUNTRY_WORDS = 3
#: Shortest rest of a body's name after its country ("department of state"): shorter rests name
#: a country's anything ("US Open", "UK Music").
MIN_REST_WORDS = 2


def merge_country_spellings(m: Merger) -> None:
    """Join organisations named with one country spelt differently."""
    blocks: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in sorted(m.candidates):
        if m.types[key] != "organization":
            continue
        words = key.split()
        for n in range(1, min(MAX_COUNTRY_WORDS, len(words) - MIN_REST_WORDS) + 1):
            place = gazetteer().lookup(" ".join(words[:n]))
            if place is not None and place[2] == "country":
                blocks[(place[0], " ".join(words[n:]))].append(key)
                break
    for keys in blocks.values():
        for other in keys[1:]:
            m.union(keys[0], other)
