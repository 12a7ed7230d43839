"""Stage 3: title, authors, date, publisher and URL of an article, from the page around its body.

Only the page head (the blocks above the body) and its foot are searched, so a
date in a teaser or a "related" block is never taken for the article's own.
Unknown stays None: a wrong date is worse than no date.
"""

from __future__ import annotations

import datetime as dt
import re

import dateparser

from newswiki.clean import BOILERPLATE_RE, Block, is_prose, words

#: How many blocks above the body are searched for the title, byline and date.
HEAD_BLOCKS = 15
#: How many blocks at the end of the page are searched for a copyright line.
FOOT_BLOCKS = 25

MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
DATE_RES = [
    re.compile(rf"\b{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b", re.I),
    re.compile(rf"\b\d{{1,2}}\s+{MONTHS}\s+\d{{4}}\b", re.I),
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(r"\b\d{1,2}\s+[а-яё]+\s+\d{4}\b", re.I),
]
#: A period ("October 10 – October 16, 2022") names what is reviewed, not when it was published.
PERIOD_RE = re.compile(r"[–—-]\s*(?:\w+\s+)?\d{1,2},?\s+\d{4}|\d\s*[–—]\s*\w+\s+\d", re.I)
BYLINE_RE = re.compile(r"^(?:by|author:?|written by|автор:?)\s+(.+)$", re.I)
COPYRIGHT_RE = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?,?\s*)?(.+?)(?:\.\s*all rights.*|\s*all rights.*)?$", re.I)
URL_RE = re.compile(r"^https?://\S+$")
NAME_RE = re.compile(r"^[A-ZА-Я][\w'’.-]+(?:\s+[A-ZА-Я][\w'’.-]+){1,3}$")


def head_blocks(blocks: tuple[Block, ...], first_body: int) -> list[Block]:
    return list(blocks[max(0, first_body - HEAD_BLOCKS) : first_body])


def find_date(text: str) -> dt.date | None:
    if PERIOD_RE.search(text):
        return None
    for pattern in DATE_RES:
        match = pattern.search(text)
        if match:
            parsed = dateparser.parse(match.group(0), settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"})
            if parsed and 1990 <= parsed.year <= 2100:
                return parsed.date()
    return None


def find_published(head: list[Block]) -> dt.date | None:
    for block in reversed(head):
        if len(words(block.text)) > 25:
            continue
        date = find_date(block.text)
        if date:
            return date
    return None


def split_authors(text: str) -> tuple[str, ...]:
    for pattern in DATE_RES:
        match = pattern.search(text)
        if match:
            text = text[: match.start()]
    text = re.split(r"[|,]\s*(?=[A-Z][a-z]+\s*$)|\s[|•]\s", text)[0]
    names = re.split(r"\s*(?:,| and | & )\s*", text.strip(" ,|"))
    names = [re.sub(r",?\s*(analyst|editor|correspondent|reporter)$", "", n.strip(), flags=re.I) for n in names]
    return tuple(n for n in names if NAME_RE.match(n))


def find_authors(head: list[Block]) -> tuple[str, ...]:
    for block in head:
        match = BYLINE_RE.match(block.text)
        if match:
            authors = split_authors(match.group(1))
            if authors:
                return authors
    return ()


def find_title(head: list[Block]) -> str | None:
    """The heading-like block nearest above the body that is not a date, byline or page furniture."""
    for block in reversed(head):
        text = block.text
        n = len(words(text))
        if n < 3 or n > 30 or is_prose(text) and n > 20:
            continue
        if BYLINE_RE.match(text) or find_date(text) or BOILERPLATE_RE.search(text) or URL_RE.match(text):
            continue
        if text.endswith((".", "…")) or NAME_RE.match(text):
            continue
        return text
    return None


def find_publisher(blocks: tuple[Block, ...]) -> str | None:
    for block in reversed(blocks[-FOOT_BLOCKS:]):
        if "©" in block.text or block.text.lower().startswith("copyright"):
            match = COPYRIGHT_RE.search(block.text)
            if match:
                name = match.group(1).strip(" .,")
                if 2 <= len(name) <= 80:
                    return name
    return None


def find_url(blocks: tuple[Block, ...], first_body: int) -> str | None:
    for block in blocks[: first_body + 1]:
        if URL_RE.match(block.text):
            return block.text
    return None


def fallback_title(name: str) -> str:
    stem = name.rsplit(".", 1)[0]
    return stem.replace("_", " ").replace("-", " ").strip() or name
