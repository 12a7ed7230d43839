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

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from newswiki import ingest, limits, safe_yaml
from newswiki.dates import DATE_RES, Published, find_date, find_period, published_in_line
from newswiki.models import Block, Extraction
from newswiki.names import CAPITALS
from newswiki.clean.lines import CAPTION_RE, is_prose, normalise, without_title_note, words
from newswiki.clean.phrases import BOILERPLATE_RE

#: How many blocks above the body are searched for the title, byline and date.
HEAD_BLOCKS = 15
#: Below a headline, the head reaches down to the body (a byline, tags, share buttons, then the
#: date line) over at most this many blocks.
HEAD_BELOW_HEADLINE = 30
#: How many of the article's last blocks are searched, with what follows, for an author box.
FOOT_OVERLAP = 5
#: A date may sit this many blocks above the headline (a kicker line); further up are teasers.
DATE_ABOVE_HEADLINE = 2
#: A date line may sit among the body's first blocks (a byline split over "by", a name and a date,
#: below a deck), or this far below the headline.
BODY_DATE_BLOCKS, BELOW_HEADLINE_BLOCKS = 4, 6
#: A byline may sit just above the body, further below the headline than the head reaches.
ABOVE_BODY_BLOCKS = 6
#: Date lines this many or more, each within 2 * TEASER_GAP blocks of the next, are a list of teasers.
TEASER_GAP, TEASER_LIST_DATES = 2, 3
#: A byline, date line or copyright line is short; longer blocks are text that mentions a date.
META_LINE_MAX_WORDS = 25
#: An author's title or employer is a few words; more is a sentence about something else.
AFFILIATION_MAX_WORDS = 20
#: A line under a name line that says what the author is ("Minister-counsellor of the Embassy ...").
ROLE_WORDS_RE = re.compile(
    r"\b(?:analyst|editor|correspondent|reporter|writer|professor|fellow|director|researcher|journalist|"
    r"minister|counsellor|ambassador|lecturer|student|head|chief|president|chair|founder|expert|"
    r"redakteur|journaliste|periodista|jornalista|корреспондент|редактор|эксперт)", re.I
)
#: A publisher's name is a few words; more is a footer sentence.
PUBLISHER_MAX_WORDS = 8

BYLINE_RE = re.compile(r"^(?:by|author:?|authors:?|written by|posted by|автор:?|von|por|di|par)\s+(.+)$", re.I)
#: A line that is only a name, maybe shown twice or with a place ("Jane Doe | Minsk").
NAME_LINE_RE = re.compile(
    rf"^(?P<name>[{CAPITALS}][\w'’.-]+(?:\s+[{CAPITALS}][\w'’.-]+){{1,3}}?)(?:\s+(?P=name))?(?:\s*\|\s*[\w .-]+)?$"
)
#: Names do not start with an article ("The Nissan Northern Xperience" is a headline).
NOT_A_NAME_START_RE = re.compile(r"^(the|a|an|le|la|les|el|los|die|der|das|il|o|os)\s", re.I)
#: Words after the names on a byline that are not names ("By Jane Doe Updated Nov 13").
BYLINE_TAIL_RE = re.compile(r"\s+(?:updated|published|posted|last updated|on|at|in|for)\b.*$", re.I)
#: Job titles after a name on a byline ("Mamuka Komakhia, Analyst").
ROLE_RE = re.compile(r",?\s*(analyst|editor|correspondent|reporter|staff writer|contributor|columnist)$", re.I)
#: Labels that start a line about the page, not a headline ("Review period: ...").
LABEL_RE = re.compile(
    r"^(review period|period|source|photo|image|tags?|category|filed under|posted in|updated|published)\s*:", re.I
)
#: "Support X" / "Why support X?": sites name themselves in their donation pitch.
SUPPORT_NAME_RE = re.compile(r"^(?:why\s+)?support\s+(?:the\s+)?((?:[A-Z][\w'’.-]*\s*){1,5})\??$", re.I)
#: A site describing itself in its pitch: "The Kyiv Independent doesn't depend on a wealthy owner".
SELF_DESCRIPTION_RE = re.compile(
    r"^((?:The\s+)?(?:[A-Z][\w'’.-]+\s+){0,3}[A-Z][\w'’.-]+)\s+(?:is an? independent|doesn[’']t depend|"
    r"does not depend|relies on|is funded|is supported|is reader-funded)\b"
)
OUR_RE = re.compile(r"\bour\b", re.I)
#: A copyright line: the sign, then years, then the holder.
COPYRIGHT_RE = re.compile(r"(?:©|ⓒ|\([cс]\)|copyright)\s*(?P<rest>.*)$", re.I)
COPYRIGHT_NOISE_RE = re.compile(r"\b(?:19|20)\d{2}\b(?:\s*[-–]\s*(?:(?:19|20)\d{2}\b)?)?|\bcopyright\b|[©ⓒ]|\([cс]\)", re.I)
COMPANY_END_RE = re.compile(r"^(.*?\b(?:Inc|LLC|Ltd|Limited|GmbH|Corp|Corporation|Company|S\.A|plc)\b\.?)", re.I)
URL_RE = re.compile(r"^https?://\S+$")
#: A time of day alone ("1:39 PM ET") is a date line's part, never a headline.
TIME_RE = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*[A-Z]{0,4}$", re.I)
#: A page title without a site part counts as the headline when repeated, if this long (shorter,
#: it may be the site's name, which its menu repeats).
WHOLE_TITLE_MIN_WORDS = 4
#: A title or headline is at most this many words; a longer first line is not a page title.
TITLE_MAX_WORDS = 30
#: A page title's headline part this long may replace a heading that shares no word with it
#: (one or two words are more often the site's or the section's name: "Google - Site Reliability").
OVERRIDING_TITLE_MIN_WORDS = 3
#: A credit line: "Prepared by Ann Woodlief, ...", "Photographs by Jane Doe".
CREDIT_RE = re.compile(rf"^\w+\s+by\s+[{CAPITALS}][\w'’.-]+\s+[{CAPITALS}]")
#: A heading this close above the byline or date line is the article's, whatever the page title.
BYLINE_BELOW_HEADLINE = 2
#: A breadcrumb trail ("Home > News > Story"): the page's place on the site, not its headline.
BREADCRUMB_RE = re.compile(r"(?:\s[>»/›]\s.*){2}|\s[>»›]\s")
WORD_RE = re.compile(r"\w+")
#: A line that only labels the date on the line below it ("Published:" above "2017-08-15").
DATE_LABEL_RE = re.compile(
    r"^(?:published|posted|publication date|date published|veröffentlicht|publié le|publicado|pubblicato|"
    r"опубликовано)(?:\s+on)?\s*:?$", re.I
)
#: Between a page title's headline and its site's name ("Headline - Site", "Headline | Site").
PAGE_TITLE_SEPARATOR_RE = re.compile(r"\s+[|–—·@-]\s+|\s+::?\s+|\s+_\s*")
NAME_RE = re.compile(rf"^[{CAPITALS}][\w'’.-]+(?:\s+[{CAPITALS}][\w'’.-]+){{1,3}}$")


def head_blocks(blocks: tuple[Block, ...], first_body: int, headline: int | None = None) -> list[Block]:
    """The blocks where the title, byline and date are looked for: from just above the headline
    (when the page repeats its title) down to the body (at most HEAD_BELOW_HEADLINE blocks below
    the headline), or HEAD_BLOCKS above the body."""
    if headline is not None and headline <= first_body:
        start = max(0, headline - DATE_ABOVE_HEADLINE)
        return list(blocks[start : max(headline + 1, min(first_body, headline + HEAD_BELOW_HEADLINE))])
    return list(blocks[max(0, first_body - HEAD_BLOCKS) : first_body])


def _is_date_line(block: Block) -> bool:
    """A short line giving a date or a period (a byline's, an update's, a digest's)."""
    text = block.text
    return len(words(text)) <= META_LINE_MAX_WORDS and (find_date(text) is not None or find_period(text) is not None)


def _name_line(head: list[Block], index: int) -> str | None:
    """The name on a line that is only a name, when it sits next to the date (a byline cluster)."""
    match = NAME_LINE_RE.match(head[index].text)
    text = head[index].text
    if not match or BOILERPLATE_RE.search(text) or NOT_A_NAME_START_RE.match(text) or text.isupper():
        return None
    neighbours = head[max(0, index - 1) : index] + head[index + 1 : index + 2]
    return match.group("name") if any(_is_date_line(b) for b in neighbours) else None


def byline_index(head: list[Block]) -> int | None:
    """Where the byline sits in the head: "By ...", "Author: ...", or a name next to the date."""
    for index, block in enumerate(head):
        if BYLINE_RE.match(block.text) or _name_line(head, index):
            return index
    return None


def find_title(head: list[Block], headline: Block | None = None, page_title: str | None = None) -> str | None:
    """The headline: the block repeating the page title, else the heading nearest above the
    byline or date line, else (a date line on top: a digest's period) the first heading below
    it, else the heading nearest above the body. A heading that shares no word with the page's
    own title "Headline - Site" (a share widget, a teaser) gives way to that title's headline
    part; with no heading at all, the page title (page_title: the page's first line) is taken."""
    if headline is not None:
        return headline.text
    found, bylined = _layout_title(head)
    declared = page_title_headline(page_title) if page_title else None
    if found and not bylined and declared and len(words(declared)) >= OVERRIDING_TITLE_MIN_WORDS \
            and not _shared_words(found, declared):
        return declared
    if found:
        return found
    return declared or (page_title if page_title and _plausible_page_title(page_title) else None)


def _layout_title(head: list[Block]) -> tuple[str | None, bool]:
    """The heading the layout gives, and whether it sits right above the byline or date line."""
    anchor = _first_meta_line(head)
    candidates = head[:anchor] if anchor is not None else head
    for index in range(len(candidates) - 1, -1, -1):
        if _title_like(candidates[index].text):
            return candidates[index].text, anchor is not None and anchor - index <= BYLINE_BELOW_HEADLINE
    if anchor is not None:  # the headline follows the date line; a deck may follow the headline
        for block in head[anchor:]:
            if _title_like(block.text):
                return block.text, False
    return None, False


def page_title_headline(page_title: str) -> str | None:
    """"Headline - Site" -> "Headline" (cut at its last separator); None when the line has no
    site part or is no title (a menu line, a date, an address)."""
    cuts = list(PAGE_TITLE_SEPARATOR_RE.finditer(page_title))
    if not cuts:
        return None
    headline = page_title[: cuts[-1].start()].strip()
    return headline if _plausible_page_title(headline) else None


def _plausible_page_title(text: str) -> bool:
    n = len(words(text))
    return 1 <= n <= TITLE_MAX_WORDS and not (URL_RE.match(text) or find_date(text) or find_period(text) or BREADCRUMB_RE.search(text))


def _shared_words(one: str, other: str) -> bool:
    """Whether two titles have a word of three letters or more in common (case folded)."""
    content = lambda text: {w for w in WORD_RE.findall(text.casefold()) if len(w) >= 3}  # noqa: E731
    return bool(content(one) & content(other))


def repeated_page_title(blocks: tuple[Block, ...], first_body: int, found: int | None = None) -> int | None:
    """The headline: a block equal to the page title "Headline - Site" or to its headline part
    ("Hermitian matrix - Wikipedia" -> "Hermitian matrix"), however short. Of its copies, the
    last one above the body (or opening it): a breadcrumb or a menu shows it higher up. Else the
    cleaner's headline (found), else its first copy below (where the body was not found)."""
    copies = page_title_copies(blocks)
    above = [index for index in copies if index <= first_body]
    if above:
        return above[-1]
    if found is not None and found <= first_body and not BREADCRUMB_RE.search(blocks[found].text):
        return found
    return copies[0] if copies else None


def page_title_copies(blocks: tuple[Block, ...]) -> list[int]:
    """Blocks after the first that repeat the page title, else its part without the site's name,
    else its first part (the headline part of "Headline - Section - Site"), else one of these
    without a note in brackets at its end."""
    if not blocks:
        return []
    parts = [part for part in PAGE_TITLE_SEPARATOR_RE.split(blocks[0].text) if part.strip()]
    if len(parts) < 2 and len(words(blocks[0].text)) < WHOLE_TITLE_MIN_WORDS:
        return []  # a short title without a site part may be the site's name, repeated by its menu
    # Each also without a note the site appends to its titles ("How to X (with Pictures) | Site").
    candidates = [blocks[0].text, " ".join(parts[:-1]), parts[0]]
    candidates += [without_title_note(c) for c in candidates]
    for wanted in dict.fromkeys(normalise(c) for c in candidates):
        copies = [index for index in range(1, len(blocks)) if wanted and normalise(blocks[index].text) == wanted]
        if copies:
            return copies
    return []


def _first_meta_line(head: list[Block]) -> int | None:
    indices = [i for i, b in enumerate(head) if _is_date_line(b)]
    byline = byline_index(head)
    if byline is not None:
        indices.append(byline)
    return min(indices) if indices else None


def _title_like(text: str) -> bool:
    n = len(words(text))
    if len(text.split()) < 3 or n > 30 or is_prose(text) and n > 20:  # "Belarus-Russia relations" is a rubric
        return False
    if (BYLINE_RE.match(text) or LABEL_RE.match(text) or find_date(text) or find_period(text) or URL_RE.match(text)
            or TIME_RE.match(text)):
        return False
    if BOILERPLATE_RE.search(text) or CAPTION_RE.search(text) or NAME_LINE_RE.match(text) or BREADCRUMB_RE.search(text) \
            or CREDIT_RE.match(text):
        return False
    return not text.endswith((".", "…", ",")) and (text[0].isupper() or text[0].isdigit() or text[0] in "«“\"'‘")


def find_published(
    head: list[Block], headline: Block | None = None, near_body: list[Block] = (), page_title: str | None = None,
    labelled: Published | None = None,
) -> Published | None:
    """The date on the byline or a date line, read down from the headline; then the lines just
    above and at the start of the body (near_body, where a dateline "Feb. 23, 2015 -- Imagine ..."
    counts too); then the lines above the headline; then a date labelled as the publication's
    anywhere on the page (labelled_date); then a date in the page title.

    Captions, labels, update dates and lists of dated teasers do not count; nor do teasers'
    dates further above the headline (the head starts just above it)."""
    at = head.index(headline) if headline is not None and headline in head else byline_index(head)
    if at is not None:
        lines = head[at:] + list(near_body) + list(reversed(head[:at]))
    else:
        lines = list(reversed(head)) + list(near_body)
    candidates = sorted({*head, *near_body}, key=lambda b: b.line)
    dated = {b.line: published_in_line(b.text) for b in candidates}
    listing = _teaser_dates([dated[b.line] for b in candidates], [b.line for b in candidates])
    for block in dict.fromkeys(lines):  # in order, each once
        if block.line in listing or CAPTION_RE.search(block.text):
            continue
        found = dated[block.line] or (published_in_line(block.text, dateline=True) if block in near_body else None)
        if found:
            return found
    if labelled:
        return labelled
    return published_in_line(page_title) if page_title else None


def labelled_date(blocks: tuple[Block, ...]) -> Published | None:
    """The date on the line under a label line "Published:" (a table of the work's facts)."""
    for index in range(len(blocks) - 1):
        if DATE_LABEL_RE.match(blocks[index].text):
            found = published_in_line(blocks[index + 1].text)
            if found:
                return found
    return None


def _teaser_dates(dated: list[Published | None], lines: list[int]) -> set[int]:
    """Lines of a list of dated teasers: three or more date lines within 2 * TEASER_GAP + 1 blocks
    (a byline and a date line may give one date twice). dated: each block's date or None, in
    page order; lines: their line numbers."""
    listing = set()
    for index, found in enumerate(dated):
        nearby = [other for other in dated[max(0, index - 2 * TEASER_GAP) : index + 2 * TEASER_GAP + 1] if other]
        if found and len(nearby) >= TEASER_LIST_DATES:
            listing.add(lines[index])
    return listing


def near_body(blocks: tuple[Block, ...], first_body: int, last_body: int, headline: int | None) -> list[Block]:
    """The blocks just above the body and its first ones, and those just below the headline:
    where a byline or date line sits when it is not next to the headline, or was kept as text."""
    start = max(0, first_body - ABOVE_BODY_BLOCKS)
    end = min(first_body + BODY_DATE_BLOCKS, last_body + 1)
    if headline is not None:
        end = max(end, headline + BELOW_HEADLINE_BLOCKS + 1)
    return list(blocks[start : min(end, len(blocks))])


def split_authors(text: str) -> tuple[str, ...]:
    """The names on a byline: "Jane Doe, John Smith and Ann Lee | March 3, 2024" -> three names."""
    for pattern in DATE_RES:
        match = pattern.search(text)
        if match:
            text = text[: match.start()]
    text = re.split(r"\s*[|•·]\s*|\s+[-–—]\s+", text)[0]
    names = re.split(r"\s*(?:,| and | & | und | et | y | e | и )\s*", text.strip(" ,|"))
    names = [ROLE_RE.sub("", BYLINE_TAIL_RE.sub("", n.strip())) for n in names]
    return tuple(dict.fromkeys(n for n in names if NAME_RE.match(n) and not BOILERPLATE_RE.search(n)))


def find_authors(head: list[Block], foot: list[Block] = (), title: str | None = None) -> tuple[str, ...]:
    """Names on the byline ("By X and Y", "Author: X"), a name-only line next to the date,
    or an author box after the article (a name, then a bio starting with that name). title: the
    article's headline, never a name line ("Parliament Passes Budget" over its date)."""
    for block in head:
        match = BYLINE_RE.match(block.text)
        if match and len(words(block.text)) <= META_LINE_MAX_WORDS:
            authors = split_authors(match.group(1))
            if authors:
                return authors
    for index in range(len(head)):
        name = _name_line(head, index)
        if name and not (title and head[index].text.strip() == title.strip()):
            return (name,)
    for index, block in enumerate(foot):
        match = NAME_LINE_RE.match(block.text)
        if not match:
            continue
        name = match.group("name")
        bio = [b.text for b in foot[index + 1 : index + 3]]
        if any(text.startswith(name + " ") and is_prose(text) for text in bio):
            return (name,)
    return ()


def find_affiliations(
    head: list[Block], foot: list[Block], authors: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    """What the page says each author is, or works for: the words after the name on the byline
    ("Author: Mamuka Komakhia, Analyst"), the place after a name line ("Alexander Shpakovsky |
    Minsk") and a short title line under it, or the bio of an author box ("Volha Charnysh is
    Assistant Professor of ..."). Kept as given; authors without one are left out."""
    found: dict[str, list[str]] = {}
    for index, block in enumerate(head):
        for name in authors:
            found.setdefault(name, []).extend(_byline_affiliation(head, index, name))
    for index, block in enumerate(foot):
        for name in authors:
            bio = re.match(rf"{re.escape(name)}\s+(?:is|was)\s+(?:an?\s+|the\s+)?(?P<bio>.+?)\.?$", block.text)
            if bio and len(words(bio["bio"])) <= AFFILIATION_MAX_WORDS and not found.get(name):
                found[name] = [bio["bio"]]
    return tuple((name, "; ".join(dict.fromkeys(found[name]))) for name in authors if found.get(name))


def _byline_affiliation(head: list[Block], index: int, name: str) -> list[str]:
    """The affiliation a head line gives for name: after "name," on a byline, after "name |" on a
    name line, and the title line under a name line."""
    text = head[index].text
    if not text.startswith(name) and not BYLINE_RE.match(text):
        return []
    after = re.search(rf"{re.escape(name)}\s*(?:,|\|)\s*(?P<rest>[^,|•·]+)", text)
    parts = []
    rest = after["rest"].strip(" .") if after else ""
    another_name = NAME_RE.match(rest.split(" and ")[0]) and not ROLE_RE.search(", " + rest)
    a_date = after and any(pattern.match(text, after.start("rest")) for pattern in DATE_RES)
    if rest[:1].isupper() and not a_date and len(words(rest)) <= AFFILIATION_MAX_WORDS and not another_name:
        parts.append(rest)
    below = head[index + 1].text if index + 1 < len(head) else ""
    if NAME_LINE_RE.match(text) and below and not _is_date_line(head[index + 1]) and not below.startswith(name) \
            and len(words(below)) <= AFFILIATION_MAX_WORDS and not below.endswith((".", "?", "!")) \
            and ROLE_WORDS_RE.search(below):
        parts.append(below)
    return parts


def find_publisher(blocks: tuple[Block, ...], outside: set[int], site: str | None = None) -> str | None:
    """The site: its name in the page title, else the holder on its copyright line, else the
    name in its "Support X" pitch or in its pitch about itself ("The X doesn't depend on ...
    our revenue"). Only blocks outside the article are read."""
    if site:
        return site
    for index in sorted(outside, reverse=True):
        holder = copyright_holder(blocks[index].text)
        if holder:
            return holder
    for index in sorted(outside):
        match = SUPPORT_NAME_RE.match(blocks[index].text)
        if match and not re.match(r"(us|our)\b", match.group(1), re.I):
            return match.group(1).strip()
    for index in sorted(outside):
        match = SELF_DESCRIPTION_RE.match(blocks[index].text)
        if match and OUR_RE.search(blocks[index].text):
            return match.group(1).strip()
    return None


def copyright_holder(text: str) -> str | None:
    """"© 2019, Los Angeles Times | Terms of Service" -> "Los Angeles Times"; None if no holder."""
    if len(words(text)) > META_LINE_MAX_WORDS:
        return None
    match = COPYRIGHT_RE.search(text)
    if not match:
        return None
    rest = COPYRIGHT_NOISE_RE.sub(" ", match.group("rest"))
    rest = re.split(r"\s[|•·]\s|\s[-–—]\s|\.\s|\ball rights\b|\btodos os\b|\btous droits\b", rest, flags=re.I)[0]
    company = COMPANY_END_RE.match(rest.strip())
    name = (company.group(1) if company else rest).strip(" .,;:-–")
    if not name or not any(ch.isalpha() for ch in name) or len(words(name)) > PUBLISHER_MAX_WORDS:
        return None
    return name


def site_name(first_line: str, headline: str | None) -> str | None:
    """The site part of a page title "Headline - Site" whose headline is repeated on the page."""
    if not headline:
        return None
    for separator in (" - ", " | ", " – ", " — ", " : "):
        if separator in first_line:
            head, _, tail = first_line.rpartition(separator)
            if normalise(head) == normalise(headline) and 1 <= len(words(tail)) <= PUBLISHER_MAX_WORDS:
                return tail.strip()
    return None


def find_url(blocks: tuple[Block, ...], first_body: int) -> str | None:
    """A bare address shown above the article (saved pages often start with it)."""
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


#: A day as a sidecar writes it by hand.
ISO_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")


class Sidecar(BaseModel):
    """Fields an editor sets by hand for one corpus file; each one given wins over extraction."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str | None = Field(default=None, min_length=1)
    authors: list[str] | None = None
    affiliations: dict[str, str] | None = None
    published: dt.date | None = None
    published_range: tuple[dt.date, dt.date] | None = None
    publisher: str | None = None
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")

    @field_validator("authors", mode="before")
    @classmethod
    def one_author_as_list(cls, value):
        return [value] if isinstance(value, str) else value

    @field_validator("published", mode="before")
    @classmethod
    def written_as_a_day(cls, value):
        # YAML reads 2023-05-01 as a date; anything else written there stays text, and pydantic's own
        # words for it ("invalid date separator") do not say what to write.
        if isinstance(value, str) and not ISO_DAY_RE.fullmatch(value.strip()):
            raise ValueError(f"expected a day written YYYY-MM-DD, {limits.EARLIEST_DATE} to {limits.LATEST_DATE}; got {value!r}")
        return value

    @field_validator("published")
    @classmethod
    def date_the_site_can_show(cls, value):
        problem = limits.date_problem(value) if value is not None else None
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("published_range")
    @classmethod
    def first_day_first(cls, value):
        if value is None:
            return value
        problem = limits.date_problem(value[0]) or limits.date_problem(value[1])
        if problem:
            raise ValueError(problem)
        if value[0] > value[1]:
            raise ValueError("the first day comes after the last")
        return value


def sidecar_path(article_path: Path) -> Path | None:
    """corpus/<stem>.yml (or .yaml) beside an article file, when there is one."""
    for suffix in (".yml", ".yaml"):
        candidate = article_path.with_suffix(suffix)
        if candidate.is_file() or candidate.is_symlink():  # a link is found, to be refused by load_sidecar
            return candidate
    return None


def unused_sidecars(corpus_dir: Path, article_paths: list[Path]) -> dict[Path, Path | None]:
    """Each .yml/.yaml file in corpus/ that is no article's sidecar (a misspelt name, .YML, a .yaml
    beside a .yml), with the sidecar its article reads instead when there is one."""
    if not corpus_dir.is_dir():
        return {}
    used = {found for found in map(sidecar_path, article_paths) if found is not None}
    by_stem = {path.with_suffix(""): path for path in used}
    return {
        path: by_stem.get(path.with_suffix(""))
        for path in sorted(corpus_dir.iterdir())
        if path.suffix.lower() in (".yml", ".yaml") and path not in used and not path.name.startswith(".")
    }


def load_sidecar(path: Path, display: str | None = None) -> Sidecar:
    """Read and validate a sidecar (safe_yaml: plain data, few aliases); errors name the file and the field."""
    name = display or str(path)
    try:
        # A regular file in corpus/, never a link (it could publish any YAML file of the machine), read within safe_yaml's limit.
        data = safe_yaml.load(ingest.read_limited(path, 4 * safe_yaml.MAX_CHARS).decode("utf-8"), name)
    except ingest.IngestError as err:
        raise SidecarError(f"{name}: {err}") from None
    except (OSError, UnicodeDecodeError) as err:
        raise SidecarError(f"{name}: cannot read: {err}") from None
    except safe_yaml.YamlError as err:
        raise SidecarError(f"not valid YAML: {err}") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SidecarError(
            f"{name}: expected a mapping of fields (title, authors, affiliations, published, published_range, "
            "publisher, url)"
        )
    try:
        return Sidecar.model_validate(data)
    except ValidationError as err:
        problems = "; ".join(
            f"field {'.'.join(str(p) for p in e['loc']) or '(top)'}: {e['msg']}" for e in err.errors()
        )
        raise SidecarError(f"{name}: {problems}") from None


def apply_sidecar(extraction: Extraction, sidecar: Sidecar) -> Extraction:
    """The extraction with every field the sidecar sets replaced."""
    as_record = {"authors": tuple, "affiliations": lambda names: tuple(sorted(names.items()))}
    changes = {
        field: (as_record[field](value) if field in as_record and value is not None else value)
        for field, value in sidecar.model_dump(exclude_unset=True).items()
    }
    if "authors" in changes and "affiliations" not in changes:  # the found ones of the names kept
        changes["affiliations"] = tuple(a for a in extraction.affiliations if a[0] in (changes["authors"] or ()))
    if "published" in changes and "published_range" not in changes and extraction.published_range:
        changes["published_range"] = None  # the editor's date replaces the period found
    if changes.get("published_range") and "published" not in changes:
        changes["published"] = changes["published_range"][1]  # a period's last day is its date
    return dataclasses.replace(extraction, **changes)
