"""Blocks and their features: what each line of a page is, measured, and its content score."""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from newswiki.models import Block
from newswiki.stop_words import stop_word_lists
from newswiki.clean.phrases import BOILERPLATE_SHORT_WORDS, SENTENCE_END_RE, boilerplate_phrasing


# --- Tuning constants, each with its reason -------------------------------------------

#: A block with at least this many words and sentence punctuation reads as prose.
PROSE_MIN_WORDS = 10
#: Prose has few symbols: above this share of punctuation and symbol characters a block is
#: an address, a phone line, a code or a row of separators.
PROSE_MAX_PUNCTUATION = 0.12
#: Headings are short: at most this many words and no final full stop.
HEADING_MAX_WORDS = 16
#: Share of stop words above which a block reads as running text in its language
#: (menus and link lists are nouns; sentences need function words).
PROSE_STOP_DENSITY = 0.25
#: A page's stop-word list must cover this share of its words to be trusted at all.
PAGE_STOP_COVERAGE = 0.08
#: Below this share of stop words even a long block is a list of names or keywords.
LOW_STOP_DENSITY = 0.12
#: Cost, in words, of keeping a block that does not look like article text. It lets a
#: few short headings or captions sit inside an article without splitting it, while a
#: long menu or footer between two prose stretches still separates them.
SHORT_BLOCK_COST = 4.0
#: Weight of a sentence-like block without final punctuation: article text sometimes, but
#: more often the one-line summary under a related headline.
UNFINISHED_WEIGHT = 0.2
#: Weight of a list item: items are fragments, but long lists belong to the article.
LIST_ITEM_WEIGHT = 0.5
#: A table: at least this many adjacent lines...
TABLE_MIN_ROWS = 5
#: ...in which at least this share of the words are numbers (scores, results, statistics).
TABLE_NUMBER_SHARE = 0.4
#: Link lists: at least this many adjacent lines...
LINK_LIST_MIN_LINES = 3
#: ...none longer than this (headlines are short; a paragraph is not a link)...
LINK_LIST_MAX_WORDS = 20
#: ...and at least this share of them not sentences.
LINK_LIST_NON_PROSE_SHARE = 2 / 3
#: Cost multiplier for a block whose phrasing is typical page furniture.
BOILERPLATE_COST = 12.0
#: A block ending in an ellipsis is a cut-off teaser when it has at least this many words...
TEASER_MIN_WORDS = 25
#: ...and one that just stops mid-sentence when it has this many: teaser cards cut at a fixed
#: length (about 300 characters), while a standfirst without a full stop is shorter.
CUT_TEASER_MIN_WORDS = 40
#: Captions are a sentence or two; a longer block that credits a photo is article text.
CAPTION_MAX_WORDS = 60
#: Blocks whose words and normalised key are kept: every block is measured several times
#: (features, headline, copies, metadata), and a long page has a few thousand blocks.
TEXT_CACHE_SIZE = 8192

BULLET_RE = re.compile(r"^\s*(?:[•·▪●◦‣∙]|[-*–+](?=\s))\s*")
NUMBERED_ITEM_RE = re.compile(r"^\s*\d{1,3}[.)]\s+\S")
WORD_RE = re.compile(r"\w+", re.UNICODE)
TEASER_END_RE = re.compile(r"(…|\.\.\.)\s*$")
#: A sentence boundary inside a block: a word of two or more letters, a full stop, a capital
#: ("U.S. cities" and "Nov. 23" are not boundaries).
SENTENCE_INSIDE_RE = re.compile(r"\w\w[.!?][\"”’»)]?\s+[\"“«‘(]?[A-ZА-ЯЁ0-9]|[。！？]」?\s*\w")
#: Chinese, Japanese and Korean characters: text in these scripts has few spaces between words,
#: so about two characters count as one word.
CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
#: A short line carrying a date or a time of day: a byline has one; a comment section, a live
#: feed or a list of teasers has one per item, so how many there are around a block tells them apart.
STAMP_RE = re.compile(
    r"\b\d{1,2}[:h]\d{2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\d{4}年\d{1,2}月|"
    r"\b[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b|\b\d{1,2}\.?\s+(?:de\s+)?[^\W\d_]{3,12}\.?,?\s+\d{4}\b|"
    r"\b\d+\s+\w+\s+ago\b",
    re.IGNORECASE,
)
#: Every stamp has a digit: a cheap test before STAMP_RE.
DIGIT_RE = re.compile(r"\d")
#: Stamps are looked for in lines up to this many words (a longer block mentions a date in a sentence).
STAMP_MAX_WORDS = 16

URL_ONLY_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
#: A heading that opens the readers' comments: the article ends above it.
COMMENTS_RE = re.compile(
    r"^\s*(?:(?:(?:there (?:are|is)|view|show|see|read|load)\s+(?:all\s+)?)?(?:\d+\s+)?(?:top rated |reader |user )?(?:comments?|kommentare|comentários|comentarios|commenti|"
    r"commentaires|комментари\w*)|\d+\s+(?:responses?|replies)|leave a (?:reply|comment)|add a comment|"
    r"post a comment|join the (?:discussion|conversation))(?:\s*\(\d+\))?\s*:?\s*$",
    re.IGNORECASE,
)
#: Blocks that close an article: the copyright footer, "related"/"more" lists, comment forms, calls for writers.
ARTICLE_END_RE = re.compile(
    r"(^\s*(©|ⓒ|\([cс]\)|copyright\b)|all (the )?rights|"
    r"^\s*(related|more|recommended|popular|latest)\s+(articles?|posts?|stories|news|content|"
    r"reading|links|videos|coverage)\b|^\s*(read next|up next|you (may|might) also like|"
    r"artigos relacionados|mais lidas|art[íi]culos relacionados|articoli correlati|"
    r"articles similaires|ähnliche artikel|похожие|читайте также)\b.{0,40}$|"
    r"^\s*more (in|from|on|stories)\b|^\s*more\b.{0,30}\b(stories|news|articles|coverage|reading)\s*$|^\s*(about|sobre|über|à propos de|acerca de|об)\s+(the author|o autor|"
    r"den autor|l'auteur|del autor|авторе|[A-Z]\w+\s+[A-Z]\w+\s*$)|deixe uma resposta|deja una respuesta|lascia un commento|"
    r"laisser un commentaire|schreibe einen kommentar|"
    # The site's call for writers after the article ("Become an approved author!", "Write for us").
    r"^\s*(become an? (approved |guest )?(author|contributor|writer)|write for us)\s*[!.]?\s*$)",
    re.IGNORECASE,
)
#: Photo captions and credits: dropped, never glued into a paragraph.
CAPTION_RE = re.compile(
    r"(\((?:photo|image|picture|foto|фото)[^)]*\)|\([^()]*/(?:getty images|afp|reuters|ap|pool)[^()]*\)|"
    r"\b(?:photo|image|picture|source|credit|foto|фото)\s*(?:by|credit)?\s*:\s*\S+[^.]{0,60}$|"
    r"\b(?:getty images|shutterstock|reuters|afp|ap photo)\s*\)?\s*$|"
    # Agency captions end on the day the photo was taken: "..., in Dubai, on Monday, Nov. 13, 2017."
    r",\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),\s+\w+\.?\s+\d{1,2},\s+\d{4}\.?$)",
    re.IGNORECASE,
)


NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
#: ASCII punctuation and symbols, found by one character class (8 times faster than str.translate).
ASCII_PUNCTUATION_RE = re.compile(
    "[" + re.escape("".join(chr(code) for code in range(128) if unicodedata.category(chr(code))[0] in "PS")) + "]"
)


@dataclass(frozen=True)
class Features:
    """What one block is, measured; the content score is computed from these."""

    words: int
    stop_density: float
    punct_density: float  # share of characters that are punctuation or symbols
    sentence_end: bool  # ends like a sentence
    sentences: int  # sentence boundaries inside
    boilerplate: bool  # phrasing typical of page furniture
    page_repeats: int  # how often this text occurs in the page
    corpus_repeat: bool  # occurs in several corpus files
    bullet: bool
    ends_article: bool  # copyright footer, related list, comment form
    caption: bool
    truncated: bool  # long text cut off mid-sentence or with an ellipsis
    numbered: bool  # "1) Item" or "2. Item"
    url: bool  # a bare link
    continues: bool  # the paragraph goes on in the next line (hard-wrapped text)
    table_row: bool = False  # one of a run of number-heavy lines (a results table); set by mark_tables
    link_list: bool = False  # one of a group of adjacent short lines that are not sentences (headlines, menus)

    @property
    def prose(self) -> bool:
        return (
            self.words >= PROSE_MIN_WORDS
            and (self.sentence_end or self.sentences > 0)
            and self.punct_density <= PROSE_MAX_PUNCTUATION
        )


# --- Blocks and features -----------------------------------------------------------------


def split_blocks(text: str) -> list[Block]:
    blocks = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = " ".join(raw.split())
        if stripped:
            blocks.append(Block(number, stripped))
    return blocks


def words(text: str) -> list[str]:
    return list(_words(text))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _words(text: str) -> tuple[str, ...]:
    return tuple(WORD_RE.findall(text))


#: A note a site appends to a page title and not to the headline shown: "(with Pictures)", "[Video]".
TITLE_NOTE_RE = re.compile(r"\s*(?:\([^()]{1,30}\)|\[[^\[\]]{1,30}\])\s*$")


def without_title_note(title: str) -> str:
    """A page title's headline without a trailing note in brackets ("How to X (with Pictures)" -> "How to X")."""
    return TITLE_NOTE_RE.sub("", title)


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def normalise(text: str) -> str:
    return normal_form(text)


def normal_form(text: str) -> str:
    """The words of a text, lower-cased and one space apart: how lines are compared (normalise caches it)."""
    # Lower-casing the joined words equals lower-casing each: the only context-dependent
    # mapping (final sigma) looks no further than the word, and a space ends it as the
    # string's end does.
    return " ".join(WORD_RE.findall(text)).lower()


def page_stop_words(blocks: list[Block]) -> frozenset[str] | None:
    """The stop words of the page's language: the list that covers most of its words.

    None when no list covers enough of the page (a language without a list, or one whose
    function words are attached to other words, as in Korean): then the feature is unknown.
    """
    # (normalise() is the lower-cased words joined by spaces, and is cached for the features.)
    tokens = Counter(token for b in blocks for token in normalise(b.text).split())
    if not tokens:
        return None
    lists = stop_word_lists()

    covered = {language: sum(tokens[token] for token in lists[language].intersection(tokens)) for language in lists}
    best = max(sorted(lists), key=covered.__getitem__)
    return lists[best] if covered[best] >= PAGE_STOP_COVERAGE * sum(tokens.values()) else None


def is_prose(text: str) -> bool:
    return len(words(text)) >= PROSE_MIN_WORDS and bool(SENTENCE_END_RE.search(text) or SENTENCE_INSIDE_RE.search(text))


def is_stamp(text: str, words: int) -> bool:
    """A short line with a date or a time of day in it (STAMP_RE)."""
    return 0 < words <= STAMP_MAX_WORDS and bool(DIGIT_RE.search(text)) and bool(STAMP_RE.search(text))


def is_heading_like(text: str) -> bool:
    n = len(words(text))
    return 1 <= n <= HEADING_MAX_WORDS and not text.endswith((".", ",", ";", ":", "…")) and (text[0].isupper() or text[0].isdigit())


def features(
    block: Block, following: Block | None, stop_words: frozenset[str] | None, page_counts: Counter, corpus_lines: frozenset[str]
) -> Features:
    text = block.text
    # A hard-wrapped paragraph goes on in the next block with a lower-case letter; a cut-off
    # teaser is followed by something that starts anew (a capital: the next headline).
    continues = following is not None and following.text[0].islower()
    next_starts_anew = following is None or following.text[0].isupper()
    tokens = words(text)
    key = normalise(text)
    # The normal form's words are the tokens lower-cased (see normal_form).
    stops = sum(map(stop_words.__contains__, key.split())) if stop_words is not None else 0
    punct = punctuation_count(text)
    sentence_end = bool(SENTENCE_END_RE.search(text))
    # (Cheap word-count tests come before the regexes they guard.)
    caption = len(tokens) <= CAPTION_MAX_WORDS and bool(CAPTION_RE.search(text))
    return Features(
        words=word_count(text, tokens),
        stop_density=(stops / len(tokens) if tokens else 0.0) if stop_words is not None else PROSE_STOP_DENSITY,
        punct_density=punct / len(text) if text else 0.0,
        sentence_end=sentence_end,
        sentences=len(SENTENCE_INSIDE_RE.findall(text)),
        boilerplate=boilerplate_phrasing(text, len(tokens)),
        page_repeats=page_counts.get(key, 0),
        corpus_repeat=key in corpus_lines,
        bullet=bool(BULLET_RE.match(text)),
        ends_article=len(tokens) <= BOILERPLATE_SHORT_WORDS
        and not caption
        and bool(COMMENTS_RE.match(text) or ARTICLE_END_RE.search(text)),
        caption=caption,
        truncated=len(tokens) >= TEASER_MIN_WORDS and bool(TEASER_END_RE.search(text))
        or not sentence_end and next_starts_anew and len(tokens) >= CUT_TEASER_MIN_WORDS,
        numbered=bool(NUMBERED_ITEM_RE.match(text)),
        url=bool(URL_ONLY_RE.match(text)),
        continues=continues and not sentence_end,
    )


def word_count(text: str, tokens: list[str]) -> int:
    """How many words a block has; in CJK text two characters count as one word."""
    if text.isascii():
        return len(tokens)
    cjk = len(CJK_RE.findall(text))
    return max(len(tokens), cjk // 2) if cjk else len(tokens)


def punctuation_count(text: str) -> int:
    """How many characters are punctuation or symbols (Unicode categories P* and S*)."""
    ascii_count = len(ASCII_PUNCTUATION_RE.findall(text))
    return ascii_count + sum(unicodedata.category(ch)[0] in "PS" for ch in NON_ASCII_RE.findall(text))


def mark_tables(blocks: list[Block], feats: list[Features]) -> list[Features]:
    """Flag runs of TABLE_MIN_ROWS or more adjacent lines that are mostly numbers: table rows."""
    rowlike = [f.words >= 3 and _number_share(b.text) >= TABLE_NUMBER_SHARE for b, f in zip(blocks, feats)]
    marked = list(feats)
    index = 0
    while index < len(blocks):
        run_end = index
        while run_end < len(blocks) and rowlike[run_end]:
            run_end += 1
        if run_end - index >= TABLE_MIN_ROWS:
            for row in range(index, run_end):
                marked[row] = dataclasses.replace(feats[row], table_row=True)
        index = max(run_end, index + 1)
    return marked


def mark_link_lists(blocks: list[Block], feats: list[Features]) -> list[Features]:
    """Flag groups of adjacent lines (no blank line between) that are short and mostly not
    sentences: lists of headlines or menu entries, which a text dump keeps together."""
    marked = list(feats)
    group: list[int] = []
    for index in range(len(blocks) + 1):
        if index < len(blocks) and group and blocks[index].line == blocks[group[-1]].line + 1:
            group.append(index)
            continue
        if _is_link_list(group, feats):
            for member in group:
                marked[member] = dataclasses.replace(feats[member], link_list=True)
        group = [index]
    return marked


def _is_link_list(group: list[int], feats: list[Features]) -> bool:
    if len(group) < LINK_LIST_MIN_LINES:
        return False
    members = [feats[i] for i in group]
    if any(f.words > LINK_LIST_MAX_WORDS or f.bullet or f.numbered or f.table_row for f in members):
        return False
    return sum(not f.prose for f in members) >= len(members) * LINK_LIST_NON_PROSE_SHARE


def _number_share(text: str) -> float:
    tokens = words(text)
    return sum(t.isdigit() for t in tokens) / len(tokens) if tokens else 0.0


def content_score(f: Features) -> float:
    """Positive for article text (about its word count), negative for page furniture."""
    if f.words == 0:
        return -1.0
    if f.corpus_repeat:
        # A short repeated line may be a series' section heading; a long one is a site's blurb.
        return -SHORT_BLOCK_COST if f.words <= HEADING_MAX_WORDS else -BOILERPLATE_COST
    if f.boilerplate:
        return -BOILERPLATE_COST
    if f.caption or f.link_list:
        return -SHORT_BLOCK_COST
    if f.page_repeats > 1 and f.words < PROSE_MIN_WORDS:
        return -SHORT_BLOCK_COST  # repeated menu entries
    if f.prose and f.stop_density >= LOW_STOP_DENSITY:
        bonus = 1.0 if f.stop_density >= PROSE_STOP_DENSITY else 0.5
        return f.words * bonus
    if (f.bullet or f.numbered or f.table_row) and f.words >= 3:
        return f.words * LIST_ITEM_WEIGHT
    if f.url:
        return -1.0  # a source link: harmless inside an article, no evidence of one
    if f.words >= PROSE_MIN_WORDS and f.stop_density >= PROSE_STOP_DENSITY:
        return f.words * UNFINISHED_WEIGHT  # a sentence without final punctuation, or a deck line
    return -SHORT_BLOCK_COST
