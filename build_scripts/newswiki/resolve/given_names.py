"""Given names, from the first-name lists Faker ships for its ~90 locales (MIT licence, code and data):
about 30,000 names of Europe, the Americas, the former Soviet Union, Asia and Africa; and its
surnames (about 30,000), which say person where the given names are thin ("Xiaonan Zhang").

Only the names are read. A span whose first word is a given name ("Yevgeny Prigozhin", "Dmitry
Peskov") is evidence that the span names a person, enough for a page from a single mention when
the other evidence holds (see pages.page_reason). Names written in Cyrillic are also taken in the
romanisation the English-language press uses (BGN/PCGN, "-iy" written "-y": Дмитрий -> Dmitry,
Евгений -> Yevgeny), and every name folded to ASCII as names are compared (anyascii).
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

from newswiki.names import fold

#: The Provider attributes of faker.providers.person.<locale> that hold first names.
FIRST_NAME_ATTRIBUTES = (
    "first_names", "first_names_male", "first_names_female", "first_names_nonbinary", "first_names_unisex",
    "first_names_male_common", "first_names_female_common", "first_romanized_names",
    "first_romanized_names_male", "first_romanized_names_female", "first_names_male_rus", "first_names_female_rus",
    "first_names_male_est", "first_names_female_est", "first_names_male_islamic", "first_names_female_islamic",
    "first_names_male_hinduism", "first_names_female_hinduism",
)
#: BGN/PCGN romanisation of Russian, Ukrainian and Belarusian letters (ye/yo/ya/yu at a word's start
#: and after a vowel or a soft or hard sign, e otherwise).
CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "ґ": "g", "д": "d", "е": "e", "ё": "yo", "є": "ye", "ж": "zh", "з": "z",
    "и": "i", "і": "i", "ї": "yi", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ў": "w", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
}
IOTATED_AFTER = set("аеёиоуыэюяєіїь ъ")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Folded given names (ASCII, lower case); a hyphenated one also as its parts' join ("jean-pierre")."""
    names: set[str] = set()
    for written in faker_first_names():
        names.add(fold(written))
        if any(c.lower() in CYRILLIC for c in written):
            names.update(press_romanisations(written))
    return frozenset(n for n in names if len(n) > 1)


def faker_first_names(attributes: tuple[str, ...] = FIRST_NAME_ATTRIBUTES) -> set[str]:
    import faker.providers.person as person

    found: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None)
        for attribute in attributes:
            value = getattr(provider, attribute, None)
            if isinstance(value, (dict, list, tuple, set, frozenset)):  # some locales make a property of it
                found.update(n for n in value if isinstance(n, str))
    return found


#: The Provider attributes that hold surnames.
SURNAME_ATTRIBUTES = (
    "last_names", "last_names_common", "last_names_male", "last_names_female", "last_names_unisex", "last_names_nonbinary",
    "last_names_male_only", "last_names_female_only", "last_names_without_suffix", "last_names_rus", "last_names_est",
    "last_names_islamic", "last_names_female_islamic", "last_names_hinduism",
)


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    """Folded surnames of Faker's locales (about 30,000, Latin script and folded to ASCII): "Gupta", "Zhang"."""
    return frozenset(key for written in faker_first_names(SURNAME_ATTRIBUTES) if len(key := fold(written)) > 1)


def is_surname(word: str) -> bool:
    """Whether a written word is a surname of the name lists (each part of a hyphenated one counts)."""
    return fold(word) in surnames() or ("-" in word and all(fold(p) in surnames() for p in word.split("-") if p))


def press_romanisations(written: str) -> set[str]:
    """A Cyrillic name as the English-language press writes it: BGN/PCGN, then "-iy"/"-yy" as "-y",
    "-ey"/"-ay" also as "-ei"/"-ai" (Sergei), "Ye-" also as "E-" (Evgeny); и also as Ukrainian y."""
    out, previous = [], " "
    for char in written.lower():
        roman = CYRILLIC.get(char, char)
        if char == "е" and previous in IOTATED_AFTER:
            roman = "ye"
        out.append(roman)
        previous = char
    base = "".join(out)
    forms = {base, "".join(CYRILLIC.get(c, c) if c != "и" else "y" for c in written.lower())}  # Ukrainian и: Volodymyr
    if base.endswith(("iy", "yy")):
        forms.add(base[:-2] + "y")
    if base.endswith(("ey", "ay", "oy")):
        forms.add(base[:-1] + "i")
    forms |= {f[1:] for f in forms if f.startswith("ye")}
    return {fold(f) for f in forms}


def is_given_name(word: str) -> bool:
    """Whether a written word is a given name (each part of a hyphenated one counts: "Jean-Pierre")."""
    key = fold(word)
    return key in given_names() or ("-" in word and all(fold(p) in given_names() for p in word.split("-") if p))


#: Endings of surnames of the former Soviet Union and the Caucasus (Bakiyev, Aleksievich, Tymoshenko,
#: Pashinyan, Shevardnadze): a word ending so after a capitalised word is a surname, the way a given
#: name first says a person's name where the name lists are thin.
SURNAME_ENDINGS = ("ov", "ova", "ev", "eva", "yev", "yeva", "sky", "skaya", "vich", "enko", "chuk", "yan", "dze", "shvili")


def has_surname_ending(word: str) -> bool:
    key = fold(word)
    return len(key) > 4 and key.isalpha() and key.endswith(SURNAME_ENDINGS)


#: Faker's English-speaking locales: their surname lists are the surnames common in English-language news.
ENGLISH_LOCALES = ("en_US", "en_GB", "en_CA", "en_AU", "en_IE", "en_NZ", "en_IN", "en_PH")


@lru_cache(maxsize=1)
def common_surnames() -> frozenset[str]:
    """Folded surnames common where English is written (Smith, Lee, Cook, Bush): a surname alone that is
    one of them may be anyone's, one that is not (Obama, Lukashenko) is likely the one person the
    corpus names in full with it."""
    found: set[str] = set()
    for locale in ENGLISH_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        except (ImportError, AttributeError):
            continue
        for attribute in ("last_names", "last_names_male", "last_names_female"):
            value = getattr(provider, attribute, None)
            if isinstance(value, (dict, list, tuple, set, frozenset)):
                found.update(fold(n) for n in value if isinstance(n, str))
    return frozenset(found)
