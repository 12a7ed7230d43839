"""Stage 3: title, authors, date, publisher and URL of an article, from the page around its body.

Only the page head (the blocks above the body) and its foot are searched, so a
date in a teaser or a "related" block is never taken for the article's own.
Unknown stays None: a wrong date is worse than no date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

import dateparser
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from newswiki.models import Extraction
from newswiki.clean import BOILERPLATE_RE, CAPTION_RE, Block, is_prose, normalise, words

#: How many blocks above the body are searched for the title, byline and date.
HEAD_BLOCKS = 15
#: How many of the article's last blocks are searched, with what follows, for an author box.
FOOT_OVERLAP = 5
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
BYLINE_RE = re.compile(r"^(?:by|author:?|authors:?|written by|posted by|автор:?|von|por|di|par)\s+(.+)$", re.I)
#: A line that is only a name, maybe shown twice or with a place ("Jane Doe | Minsk").
NAME_LINE_RE = re.compile(r"^(?P<name>[A-ZА-Я][\w'’.-]+(?:\s+[A-ZА-Я][\w'’.-]+){1,3}?)(?:\s+(?P=name))?(?:\s*\|\s*[\w .-]+)?$")
#: Labels that start a line about the page, not a headline ("Review period: ...").
LABEL_RE = re.compile(r"^(review period|period|source|photo|image|tags?|category|filed under|posted in|updated|published)\s*:", re.I)
#: "Support X" / "Why support X?": sites name themselves in their donation pitch.
SUPPORT_NAME_RE = re.compile(r"^(?:why\s+)?support\s+(?:the\s+)?((?:[A-Z][\w'’.-]*\s*){1,5})\??$", re.I)
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


def byline_index(head: list[Block]) -> int | None:
    """Where the byline sits in the head: "By ...", "Author: ...", or a line that is only a name."""
    for index, block in enumerate(head):
        if BYLINE_RE.match(block.text) or NAME_LINE_RE.match(block.text) and not is_prose(block.text):
            return index
    return None


def find_title(head: list[Block], headline: Block | None = None) -> str | None:
    """The headline: the block repeating the page title, else the heading above the byline or date.

    Without a byline or date, the heading-like block nearest above the body.
    """
    if headline is not None and headline in head:
        return headline.text
    anchor = _first_meta_line(head)
    candidates = head[:anchor] if anchor is not None else head
    for block in reversed(candidates):
        if _title_like(block.text):
            return block.text
    if anchor is not None:
        for block in reversed(head[anchor:]):
            if _title_like(block.text):
                return block.text
    return None


def _first_meta_line(head: list[Block]) -> int | None:
    indices = [i for i, b in enumerate(head) if find_date(b.text) and len(words(b.text)) <= 25]
    byline = byline_index(head)
    if byline is not None:
        indices.append(byline)
    return min(indices) if indices else None


def _title_like(text: str) -> bool:
    n = len(words(text))
    if n < 3 or n > 30 or is_prose(text) and n > 20:
        return False
    if BYLINE_RE.match(text) or LABEL_RE.match(text) or find_date(text) or URL_RE.match(text):
        return False
    if BOILERPLATE_RE.search(text) or CAPTION_RE.search(text) or NAME_LINE_RE.match(text):
        return False
    return not text.endswith((".", "…", ",")) and (text[0].isupper() or text[0].isdigit() or text[0] in "«“\"'‘")


def find_published(head: list[Block]) -> dt.date | None:
    """The date on the byline or just below the headline; captions and periods do not count."""
    anchor = byline_index(head)
    ordered = head[anchor:] + list(reversed(head[:anchor])) if anchor is not None else list(reversed(head))
    for block in ordered:
        if len(words(block.text)) > 25 or CAPTION_RE.search(block.text) or LABEL_RE.match(block.text) and not re.match(r"(updated|published)", block.text, re.I):
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
    text = re.split(r"\s[|•]\s|\s*\|", text)[0]
    names = re.split(r"\s*(?:,| and | & | und | et | y | e | и )\s*", text.strip(" ,|"))
    names = [re.sub(r",?\s*(analyst|editor|correspondent|reporter|staff writer)$", "", n.strip(), flags=re.I) for n in names]
    return tuple(dict.fromkeys(n for n in names if NAME_RE.match(n)))


def find_authors(head: list[Block], foot: list[Block] = ()) -> tuple[str, ...]:
    """Names on the byline ("By X and Y", "Author: X"), a name-only line under the headline,
    or an author box after the article (a name, then a bio starting with that name)."""
    for block in head:
        match = BYLINE_RE.match(block.text)
        if match:
            authors = split_authors(match.group(1))
            if authors:
                return authors
    for block in head:
        match = NAME_LINE_RE.match(block.text)
        if match and not is_prose(block.text) and not BOILERPLATE_RE.search(block.text):
            return (match.group("name"),)
    for index, block in enumerate(foot):
        match = NAME_LINE_RE.match(block.text)
        if not match:
            continue
        name = match.group("name")
        bio = [b.text for b in foot[index + 1 : index + 3]]
        if any(text.startswith(name + " ") and is_prose(text) for text in bio):
            return (name,)
    return ()


def find_publisher(blocks: tuple[Block, ...], outside: set[int], page_title: str | None = None) -> str | None:
    """The site: its copyright line, else the site part of the page title, else its "Support X" pitch."""
    for index in sorted(outside, reverse=True):
        text = blocks[index].text
        if "©" in text or re.match(r"(copyright|\(c\))\b", text, re.I):
            match = COPYRIGHT_RE.search(text)
            if match:
                name = match.group(1).strip(" .,")
                if 2 <= len(name) <= 80 and not re.fullmatch(r"[\d\s,–-]+", name):
                    return name
    if page_title:
        return page_title
    for index in sorted(outside):
        match = SUPPORT_NAME_RE.match(blocks[index].text)
        if match and len(words(match.group(1))) >= 1 and not re.match(r"(us|our)\b", match.group(1), re.I):
            return match.group(1).strip()
    return None


def site_name(first_line: str, headline: str | None) -> str | None:
    """The site part of a page title "Headline - Site" whose headline is repeated on the page."""
    if not headline:
        return None
    for separator in (" - ", " | ", " – ", " — ", " : "):
        if separator in first_line:
            head, _, tail = first_line.rpartition(separator)
            if normalise(head) == normalise(headline) and 1 <= len(words(tail)) <= 6:
                return tail.strip()
    return None


def find_url(blocks: tuple[Block, ...], first_body: int) -> str | None:
    for block in blocks[: first_body + 1]:
        if URL_RE.match(block.text):
            return block.text
    return None


def fallback_title(name: str) -> str:
    stem = name.rsplit(".", 1)[0]
    return stem.replace("_", " ").replace("-", " ").strip() or name


# --- Sidecar: corpus/<name>.yml sets or overrides any field --------------------------------


class SidecarError(Exception):
    """A sidecar file that cannot be used; the message names the file and the field."""


class Sidecar(BaseModel):
    """Fields an editor sets by hand for one corpus file; each one given wins over extraction."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str | None = Field(default=None, min_length=1)
    authors: list[str] | None = None
    published: dt.date | None = None
    publisher: str | None = None
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")

    @field_validator("authors", mode="before")
    @classmethod
    def one_author_as_list(cls, value):
        return [value] if isinstance(value, str) else value


def sidecar_path(article_path: Path) -> Path | None:
    """corpus/<stem>.yml (or .yaml) beside an article file, when there is one."""
    for suffix in (".yml", ".yaml"):
        candidate = article_path.with_suffix(suffix)
        if candidate.is_file():
            return candidate
    return None


def load_sidecar(path: Path, display: str | None = None) -> Sidecar:
    """Read and validate a sidecar (yaml.safe_load only); errors name the file and the field."""
    name = display or str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise SidecarError(f"{name}: cannot read: {err}") from None
    except yaml.YAMLError as err:
        raise SidecarError(f"{name}: not valid YAML: {err}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SidecarError(f"{name}: expected a mapping of fields (title, authors, published, publisher, url)")
    try:
        return Sidecar.model_validate(data)
    except ValidationError as err:
        problems = "; ".join(
            f"field {'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}" for e in err.errors()
        )
        raise SidecarError(f"{name}: {problems}") from None


def apply_sidecar(extraction: Extraction, sidecar: Sidecar) -> Extraction:
    """The extraction with every field the sidecar sets replaced."""
    changes = {
        field: (tuple(value) if field == "authors" else value)
        for field, value in sidecar.model_dump(exclude_unset=True).items()
    }
    return dataclasses.replace(extraction, **changes)
