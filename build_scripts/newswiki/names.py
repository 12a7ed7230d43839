"""Names: cleaning an NER span into a name (articles, possessives, roles, stray punctuation) and folding it to a key."""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii


#: The capitals a name or a sentence begins with: Latin with its accented letters ("Łukasz", "Šimon",
#: "Émile"), Greek, Cyrillic ("Лукашэнка", "Іван") and Armenian.
CAPITALS = "".join(c for c in map(chr, range(0x41, 0x557)) if c.isupper())
LEADING_RE = re.compile(r"^(?:the|a|an|mr|mrs|ms|dr|prof|sir|dame|official)\.?\s+", re.I)
POSSESSIVE_RE = re.compile(r"(?:['’]s|(?<=s)['’])$")
TRAILING_FUNCTION_WORDS_RE = re.compile(r"\s+(?:of|and|the|for|in|on|at|to|de|&)$", re.I)
#: Bullets, dashes, quotes, brackets and the like at either end of a span ("• Belarus", "“Minsk”,");
#: a name may end in ".", "!" or "+" (Inc., Yahoo!, Canal+).
EDGE_JUNK_RE = re.compile(r"^[\W_]+|[^\w.!+]+$")
#: Titles and roles written before a person's name, one word each (lower case): the one list the
#: stages share. A span's leading roles are cut from a person's name and kept as evidence that it is
#: a person's (clean_span); a role word before a name is evidence of a person, and a capitalised one
#: the role a page shows (resolve/evidence.py); a name right after one is not the end of a longer
#: name (resolve/occurrences.py).
ROLES = frozenset(
    "president minister premier chancellor chairman chairwoman secretary secretary-general ambassador governor "
    "senator sen rep representative congressman congresswoman mayor spokesman spokeswoman spokesperson ceo "
    "founder director executive commissioner leader dictator judge justice coach captain colonel colonel-general "
    "lieutenant general commander officer agent chief professor prof analyst minister-counsellor patriarch pope "
    "king queen prince princess sheikh emir sir dame lord lady mr mrs ms dr deputy".split()
)
#: Words that make a role of the role after them ("Prime Minister", "Deputy Foreign Minister").
ROLE_QUALIFIERS = ("vice", "prime", "deputy", "foreign", "defense", "defence", "interior", "finance", "former", "acting", "de facto", "chief")
#: Qualifiers cut from a person's span even alone ("former Senator", "acting").
LONE_QUALIFIERS = ("former", "acting", "de facto")
#: Honorifics: cut from a span by LEADING_RE, never shown as a role.
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof", "sir", "dame", "lord", "lady"})
#: Roles that belong to the name or begin other things' names, never cut from a span ("Prince Andrew",
#: "King Charles", "General Motors", "Justice Department", "Agent Orange", "Chief Keef").
NAME_TITLES = frozenset(
    "general justice king queen prince princess pope patriarch sheikh emir chief commander officer agent premier "
    "representative".split()
) | HONORIFICS


def alternatives(words: object) -> str:
    """A regex alternation of words, longest first (so "secretary-general" is tried before "secretary")."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))  # type: ignore[arg-type]


#: Titles that are never part of a name, whatever label NER gave the span ("President Putin" as ORG).
OFFICE_RE = re.compile(r"^(?:(?:president|prime minister|foreign minister|vice president)\s+)+", re.I)
#: Roles cut from the front of a person's span: "Deputy Foreign Minister", "Chief Executive",
#: "Secretary General" (general is a name's title alone), "former".
ROLE_RE = re.compile(
    rf"^(?:(?:(?:{alternatives(ROLE_QUALIFIERS)})\s+)*(?:secretary general|{alternatives((ROLES - NAME_TITLES) | set(LONE_QUALIFIERS))})\.?\s+)+",
    re.I,
)
#: What a person's name looks like: up to four capitalised words (particles allowed), no "&" or digits.
PERSONAL_NAME_RE = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|bin|al|da|del|la|le|der)){0,3}$")
#: A country's or nationality's office before a name, whatever the span's label: "Kazakh President
#: Kassym-Jomart Tokayev" (tagged ORG), "Kazakhstan's President ...". The name is the rest; the office its role.
QUALIFIED_OFFICE_RE = re.compile(
    r"^(?!(?:Vice|Prime|Foreign|Deputy|Defen[cs]e)\s)[A-Z][\w-]*(?:['’]s)?\s+"
    r"((?:Vice |Prime |Foreign |Deputy )?(?:President|Minister|Chancellor|Premier))\s+(?=[A-Z])"
)
FUNCTION_WORDS = {"of", "for", "and", "the", "on", "in", "de", "&"}


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
    qualified = QUALIFIED_OFFICE_RE.match(text)
    if qualified and PERSONAL_NAME_RE.match(text[qualified.end() :]):
        role, text = qualified.group(1), text[qualified.end() :]
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


def place_in_sentence(text: str, sentence: str) -> tuple[int, int] | None:
    """Where a span stands in its sentence, its line breaks folded to spaces as the sentence has them:
    (start, end), or None where the sentence does not hold it."""
    written = " ".join(text.split())
    at = sentence.find(written)
    return (at, at + len(written)) if at >= 0 else None
