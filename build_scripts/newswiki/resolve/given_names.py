"""Given names, from the name dictionary the gender-guesser package ships (nam_dict.txt, about
48,000 first names of Europe, the Americas, the former Soviet Union and Asia, GNU FDL).

Only the names are read, never the genders: a span whose first word is a given name ("Yevgeny
Prigozhin", "Dmitry Peskov") is evidence that the span names a person, enough for a page from a
single mention when the other evidence holds (see pages.page_reason).
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from newswiki.names import fold

#: Codes of the dictionary's first column that mark a name line ("=" lines pair a short form with
#: its full name: both are names).
NAME_LINE_CODES = {"M", "1M", "?M", "F", "1F", "?F", "?", "="}


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Folded given names (ASCII, lower case); "+" in the dictionary joins parts ("Jean+Pierre")."""
    data = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    names: set[str] = set()
    for line in data.splitlines():
        parts = line[:29].split()  # the code and the name(s); the country columns follow
        if len(parts) < 2 or parts[0] not in NAME_LINE_CODES:
            continue
        for name in parts[1:3] if parts[0] == "=" else parts[1:2]:
            for joined in {name.replace("+", " "), name.replace("+", "-")}:
                names.add(joined.lower() if joined.isascii() and "'" not in joined else fold(joined))
    return frozenset(n for n in names if len(n) > 1)


def is_given_name(word: str) -> bool:
    """Whether a written word is a given name (each part of a hyphenated one counts: "Jean-Pierre")."""
    key = fold(word)
    return key in given_names() or ("-" in word and all(fold(p) in given_names() for p in word.split("-") if p))
