"""Part of stage 3: the day an article was published, read from the lines of the page.

A date counts when it is written where pages put their own date: on the byline or a date line
next to the headline, at the very start of the body ("Feb. 23, 2015 -- Imagine ..."), or in the
page title ("Headline - 21/12/2018 - Site"). Dates that say something else are skipped: the day
a page was updated, a founding or retrieval date, a photo caption's day, an embedded post's day.
A period ("October 10 – October 16, 2022", a weekly digest's) gives its last day, and is kept.
Unknown stays None: a wrong date is worse than no date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

import dateparser

#: Years a publication date can have; other four-digit numbers are not dates of articles.
FIRST_YEAR, LAST_YEAR = 1990, 2100
MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
#: Date shapes; every match is confirmed by dateparser, which knows month names in many languages.
DATE_RES = [
    re.compile(rf"\b{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b", re.I),  # November 18, 2019
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),  # 2019-11-18
    # 1 December 2022, 1 декабря 2022, 22 de outubro de 2010, 1. Dezember 2023, 1er décembre 2023,
    # 21.dez.2018
    re.compile(r"\b\d{1,2}(?:\.|er|º)?\s*(?:de\s+)?[^\W\d_]{3,12}\.?,?\s*(?:de\s+)?\d{4}\b"),
    re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b"),  # 23.11.2022 (day first wherever dots are used)
    re.compile(r"\b\d{4}年\d{1,2}月\d{1,2}日"),
]
#: 21/12/2018 or 6/13/2018: read only when one number is above 12, which says which is the day.
SLASH_DATE_RE = re.compile(r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4})\b")
#: A two-digit year: 10.15.15, 3/09/15, 9/11/13. Read when one number is above 12, or when a
#: 12-hour clock follows (8:00am: the month-first order of the pages that write such times).
SHORT_YEAR_DATE_RE = re.compile(r"(?<![\d.,/])(?P<a>\d{1,2})(?P<sep>[./])(?P<b>\d{1,2})(?P=sep)(?P<year>\d{2})(?![\d%]|[.,/]\d)")
TWELVE_HOUR_CLOCK_RE = re.compile(r"\s*(?:at\s+)?\d{1,2}:\d{2}\s*[ap]\.?m\b", re.I)
#: Two-digit years read as 2000-2049 and 1990-1999; others are not an article's date.
SHORT_YEAR_PIVOT = 50
#: "Dec 28 Sat 2013": the weekday between the day and the year.
WEEKDAY_INSIDE_RE = re.compile(
    r"\b(?P<month>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?)\s+(?P<day>\d{1,2}),?\s+"
    r"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+(?P<year>\d{4})\b"
)
#: How many distinct date strings keep their parse: dateparser costs about a millisecond a call,
#: and the same date is read several times per page and across a site's pages.
DATE_CACHE_SIZE = 4096
#: dateparser settings: a date must name its day, month and year; "1.2.2023" is day first.
DATE_SETTINGS = {"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first", "DATE_ORDER": "DMY"}
ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
#: The commonest date on English pages ("November 18, 2019"), read directly when the day
#: exists: dateparser reads every such date the same way (a test compares them), and costs
#: a millisecond a string.
ENGLISH_DATE_RE = re.compile(rf"(?P<month>{'|'.join(ENGLISH_MONTHS)}) (?P<day>\d{{1,2}}), (?P<year>(?:199|20\d)\d|2100)")
#: A period: "October 10 – October 16, 2022", "February 24 – July 31, 2022", "10–16 October 2022",
#: "October 10-16, 2022". The end carries the year; the start may not.
DASH = r"\s*[–—-]\s*"
PERIOD_RES = [
    re.compile(rf"\b(?P<start>(?P<smonth>[^\W\d_]{{3,12}}\.?)\s+\d{{1,2}})(?:,?\s+\d{{4}})?{DASH}"
               rf"(?P<end>(?P<emonth>[^\W\d_]{{3,12}}\.?\s+)?\d{{1,2}},?\s+(?P<year>\d{{4}}))\b"),
    re.compile(rf"\b(?P<start>\d{{1,2}}\.?(?:\s+(?P<smonth>[^\W\d_]{{3,12}}\.?))?)(?:\s+\d{{4}})?{DASH}"
               rf"(?P<end>\d{{1,2}}\.?\s+(?P<emonth>[^\W\d_]{{3,12}}\.?)\s+(?P<year>\d{{4}}))\b"),
]
#: Words that make the date after them something other than the publication day.
NOT_PUBLISHED_RE = re.compile(
    r"\b(?:updated|last updated|modified|last modified|edited|last edited|mis à jour|aktualisiert|"
    r"actualizado|atualizado|aggiornato|обновлено|founded|established|born|died|retrieved|archived|"
    r"accessed|released|expires?|valid until)\b[^0-9]{0,20}$",
    re.I,
)
#: A post embedded in the article ("— West Ham United (@WestHam) October 31, 2021").
EMBED_RE = re.compile(r"\(@\w+\)|\bpic\.twitter\.com/")
#: Labels of lines that are not about the article's own date ("Photo: ...", "Tags: ...").
OTHER_LABEL_RE = re.compile(r"^(?:source|photo|image|tags?|category|filed under|posted in)\s*:", re.I)
#: A dateline opening the body: the date, a dash, then the first sentence.
DATELINE_RE = re.compile(r"^(?P<date>[^–—]{6,40}?)\s+(?:--|–|—)\s+\S")
#: A byline, date line or copyright line is short; longer blocks are text that mentions a date.
META_LINE_MAX_WORDS = 25
#: On a date line the date comes early, after a name or two and a label ("Posted by Jane Doe,
#: John Smith on"); a date further in is part of a sentence.
WORDS_BEFORE_DATE = 10
WORD_RE = re.compile(r"\w+")


@dataclass(frozen=True)
class Published:
    """The day a page gives as its date; a period's first day too when it gives a period."""

    day: dt.date
    start: dt.date | None = None

    @property
    def period(self) -> tuple[dt.date, dt.date] | None:
        return (self.start, self.day) if self.start else None


def find_date(text: str) -> dt.date | None:
    """The first date written in the text (not a period); None when there is none."""
    if find_period(text):
        return None
    dates = dates_in(text)
    return dates[0][1] if dates else None


def dates_in(text: str) -> list[tuple[int, dt.date]]:
    """Every date written in the text, with where it starts, in reading order."""
    found: dict[int, dt.date] = {}
    for pattern in DATE_RES:
        for match in pattern.finditer(text):
            if any(start <= match.start() < start + 12 for start in found):
                continue  # the same date, read by an earlier shape
            parsed = parse_date(match.group(0))
            if parsed and FIRST_YEAR <= parsed.year <= LAST_YEAR and str(parsed.year) in match.group(0):
                found[match.start()] = parsed
    for match in SLASH_DATE_RE.finditer(text):
        parsed = _slash_date(int(match["a"]), int(match["b"]), int(match["year"]))
        if parsed and match.start() not in found:
            found[match.start()] = parsed
    for match in SHORT_YEAR_DATE_RE.finditer(text):
        parsed = _short_year_date(match, month_first=bool(TWELVE_HOUR_CLOCK_RE.match(text, match.end())))
        if parsed and match.start() not in found:
            found[match.start()] = parsed
    for match in WEEKDAY_INSIDE_RE.finditer(text):
        parsed = parse_date(f"{match['month']} {match['day']}, {match['year']}")
        if parsed and FIRST_YEAR <= parsed.year <= LAST_YEAR and match.start() not in found:
            found[match.start()] = parsed
    return sorted(found.items())


def _short_year_date(match: re.Match, month_first: bool) -> dt.date | None:
    """10.15.15 -> 2015-10-15; 3/09/15 with a 12-hour clock after it -> 2015-03-09."""
    a, b, short = int(match["a"]), int(match["b"]), int(match["year"])
    year = 2000 + short if short < SHORT_YEAR_PIVOT else 1900 + short
    if year < FIRST_YEAR:
        return None
    if a > 12 or b > 12:
        return _slash_date(a, b, year)
    if not month_first:
        return None  # both could be the month: the order is not known
    try:
        return dt.date(year, a, b)  # month first, as the clock says
    except ValueError:
        return None


def _slash_date(a: int, b: int, year: int) -> dt.date | None:
    if not FIRST_YEAR <= year <= LAST_YEAR or (a > 12) == (b > 12):
        return None  # both could be the month (or neither): the order is not known
    day, month = (a, b) if a > 12 else (b, a)
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@lru_cache(maxsize=DATE_CACHE_SIZE)
def parse_date(text: str) -> dt.date | None:
    """dateparser's reading of a date string (it knows month names in many languages)."""
    english = ENGLISH_DATE_RE.fullmatch(text)
    if english:
        try:
            return dt.date(int(english["year"]), ENGLISH_MONTHS.index(english["month"]) + 1, int(english["day"]))
        except ValueError:
            pass  # no such day: dateparser decides
    parsed = dateparser.parse(text, settings=DATE_SETTINGS)
    return parsed.date() if parsed else None


def find_period(text: str) -> tuple[dt.date, dt.date] | None:
    """A period written in the text, as (first day, last day); None when there is none."""
    for pattern in PERIOD_RES:
        for match in pattern.finditer(text):
            end_text = match["end"] if match["emonth"] else f"{match['smonth']} {match['end']}"
            end = parse_date(end_text)
            if not end or match["year"] != str(end.year) or not FIRST_YEAR <= end.year <= LAST_YEAR:
                continue
            start_text = match["start"] if match["smonth"] else f"{match['start']} {match['emonth']}"
            start = parse_date(f"{start_text} {end.year}")
            if start and start > end:
                start = parse_date(f"{start_text} {end.year - 1}")  # "December 28 – January 3, 2023"
            if start and start < end and (end - start).days <= 366:
                return start, end
    return None


def published_in_line(text: str, dateline: bool = False) -> Published | None:
    """The publication day a line gives: a period's end, else its first date that is not an
    update, founding, retrieval or embedded post's date. dateline: the line opens the body, so
    only a date before a dash at its start counts."""
    if dateline:
        match = DATELINE_RE.match(text)
        if not match or len(WORD_RE.findall(match["date"])) > 8:
            return None
        text = match["date"]
    elif len(WORD_RE.findall(text)) > META_LINE_MAX_WORDS:
        return None
    if EMBED_RE.search(text) or OTHER_LABEL_RE.match(text):
        return None
    period = find_period(text)
    if period:
        return Published(period[1], period[0])
    dates = dates_in(text)
    if not dates or len(WORD_RE.findall(text[: dates[0][0]])) > WORDS_BEFORE_DATE:
        return None  # a sentence that mentions a day ("... during the summit on Nov. 23, 2023")
    if NOT_PUBLISHED_RE.search(text[: dates[0][0]]):
        return None  # the dates after an update or founding date restate or follow it
    return Published(dates[0][1])
