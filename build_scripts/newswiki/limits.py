"""Cheap checks first: a hostile file costs seconds and a bounded amount of memory, whatever it holds.

The expensive stage is spaCy's NER. Its cost grows with the text (about 7 s and a few hundred
MB per 100,000 characters), and its tokenizer is quadratic in the length of a run of
punctuation without a space (10,000 characters of ".,;:!?" took 79 s; 100 took 2 ms). So:

- before anything is cleaned, a decoded file's shape is checked (`shape_problem`): characters,
  longest line, longest run of punctuation without a space. The limits sit far above real pages
  (the two extraction dev sets: text files up to 136,000 characters, lines up to 51,000) and far
  below what would cost minutes;
- before NER, the article text's length is checked (`Config.max_body_chars`, in the pipeline),
  so a file refused for its length never reaches spaCy;
- the text NER reads has no run of more than `MAX_TOKEN_CHARS` characters without a space and
  no run of punctuation (`ner_text`: spaces put in, the length kept, so every offset into it is an
  offset into the article's text), and at most `MAX_NER_TOKENS` words and signs
  (`ner_tokens_problem`, checked before NER).
"""

from __future__ import annotations

import datetime as dt
import re

#: Characters of a decoded text file (HTML has only Config.max_bytes: its markup is most of it).
MAX_TEXT_CHARS = 1_000_000
#: Longest line of a text file.
MAX_LINE_CHARS = 200_000
#: Longest run of punctuation and symbols (no letter, digit or space) in a text file.
MAX_PUNCTUATION_RUN = 10_000
#: Longest run without a space that NER reads (spaCy's tokenizer is quadratic in it).
MAX_TOKEN_CHARS = 64

LINE_RE = re.compile(r"[^\n]*")
#: Runs of punctuation long enough to measure (a longer lower bound would make the search quadratic:
#: a failed match at each start of a run just under it).
PUNCTUATION_RUN_RE = re.compile(r"[^\w\s]{%d,}" % MAX_TOKEN_CHARS)
LONG_TOKEN_RE = re.compile(r"\S{%d}" % MAX_TOKEN_CHARS)
#: A run of punctuation this long names nothing; NER reads it as spaces (each character would be a token).
PUNCTUATION_BLANK_RE = re.compile(r"[^\w\s]{8,}")
#: Tokens NER may read in one article: its time and memory grow with them (prose of max_body_chars
#: has about 45,000; one punctuation character is one token, so 100,000 of them took 50 s and 1.7 GB).
MAX_NER_TOKENS = 50_000
TOKEN_RE = re.compile(r"\w+|[^\w\s]")


def shape_problem(text: str, kind: str) -> str | None:
    """Why a decoded file is too large or too oddly shaped to be an article; None when it is fine."""
    if kind != "text":
        return None
    if len(text) > MAX_TEXT_CHARS:
        return (f"too long ({len(text):,} characters; the limit per text file is {MAX_TEXT_CHARS:,}) "
                "- not built; split it")
    longest = max((len(line) for line in text.split("\n")), default=0)
    if longest > MAX_LINE_CHARS:
        return f"a line of {longest:,} characters (the limit is {MAX_LINE_CHARS:,}) - not an article; not built"
    run = next((m for m in PUNCTUATION_RUN_RE.finditer(text) if m.end() - m.start() > MAX_PUNCTUATION_RUN), None)
    if run is not None:
        line = text.count("\n", 0, run.start()) + 1
        return (f"line {line}: a run of more than {MAX_PUNCTUATION_RUN:,} punctuation characters without a space "
                "- not an article; not built")
    return None


def ner_text(text: str) -> str:
    """text as NER reads it, same length and offsets: runs of punctuation as spaces, and a space as
    every MAX_TOKEN_CHARS-th character of a run without one (no token makes spaCy's tokenizer slow)."""
    text = PUNCTUATION_BLANK_RE.sub(lambda m: " " * (m.end() - m.start()), text)
    return LONG_TOKEN_RE.sub(lambda m: m.group(0)[:-1] + " ", text)


def ner_tokens_problem(text: str) -> str | None:
    """Why NER must not read text (as ner_text gives it): too many tokens; None when it may."""
    tokens = sum(1 for _ in TOKEN_RE.finditer(text))
    if tokens > MAX_NER_TOKENS:
        return (f"article text too long for entity recognition ({tokens:,} words and signs; the limit is "
                f"{MAX_NER_TOKENS:,}) - not built; split it")
    return None


#: Article dates every stage can write: the site's timestamps (the gzipped sitemap's is 32 bits,
#: from 1970 to 2106; older dates are written as 1970) and the feed's. 2200-01-01 stopped every build.
EARLIEST_DATE = dt.date(1900, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)


def date_problem(value: dt.date) -> str | None:
    """Why a date cannot be an article's date; None when it can."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        return f"{value.isoformat()} is outside the dates the site can show ({EARLIEST_DATE} to {LATEST_DATE})"
    return None
