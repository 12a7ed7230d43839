"""Choosing the article from the line model's probabilities: recall first, and never silently.

The article is the run of blocks with the highest total evidence (each block's log-odds,
weighted by the square root of its length, so that a short line cannot end the run and a
short line alone cannot make one). Where running text goes on after a break (a gallery, a
"Related coverage" box, a run of advertisements) the article continues across it. What was
kept past such a break, and running text left out that is larger than what was kept, are
reported as warnings: the reader is told, and `newswiki extract --explain` shows each line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from newswiki.clean.boundaries import best_segment
from newswiki.clean.furniture import author_box, block_reason
from newswiki.clean.lines import COMMENTS_RE, STAMP_RE, Features, is_stamp
from newswiki.clean.page import PageLines
from newswiki.clean.runs import INTERRUPTION_MAX_WORDS, running_text, text_run

#: A block inside the article run is kept when the model gives it at least this probability
#: (below one half: recall first; the run already excludes the page's furniture)...
KEEP_PROBABILITY = 0.3
#: ...and running text found past a break, at least this.
CONTINUED_PROBABILITY = 0.1
#: A break the article continues across holds at most this many words (captions, ads, a
#: "Related" box); a longer one separates the article from what follows.
BREAK_MAX_WORDS = 200
#: The text after a break must be running text: at least two paragraphs and this many words...
CONTINUED_MIN_WORDS = 50
#: ...with at least this many paragraphs per short interruption (teaser lists alternate a
#: headline with one paragraph; an article has several paragraphs between its interruptions).
PARAGRAPHS_PER_INTERRUPTION = 2
#: Running text left out counts as a sign of a cut article when it is this many times the kept
#: text (and at least MISSED_MIN_WORDS).
MISSED_RATIO = 1.5
MISSED_MIN_WORDS = 60
#: A lone line closing the article after dropped furniture is kept only at this probability.
STRAY_END_PROBABILITY = 0.9
#: A stream after the article (a live feed, readers' comments, a list of dated teasers) leads
#: every item with a date or time: at least this many such lines...
STREAM_MIN_STAMPS = 4
#: ...each at most this many blocks after the one before...
STREAM_GAP = 6
#: ...after at least this many words of running text in the run: the article came first.
STREAM_AFTER_WORDS = 100
#: A stream is the article's chronology when at least this share of its blocks are its dated
#: lines (one after another, nothing of their own between them)...
CHRONOLOGY_STAMP_SHARE = 0.75
#: ...and at least this share of those end like sentences.
CHRONOLOGY_SENTENCE_SHARE = 0.75
#: Kept text after an end marker left out is a box closing the page (an author's bio, teasers,
#: a call for writers) when it is less than this share of the running text kept above the marker;
#: an article interrupted by a "Related" box goes on at length (as much again or more on the dev sets).
CLOSING_BOX_SHARE = 0.5
#: Log-odds given to a second copy of text when the article run is chosen (as if p were 0.05).
COPY_LOG_ODDS = 3.0
#: The rules' reasons that hold whatever the model says: what they name is known not to be
#: the article's text (a second copy, a teaser of another article, a photo caption, ...).
RULE_VETOES = frozenset({
    "duplicate", "copy with broken encoding", "teaser", "author box", "caption", "byline",
    "repeated across the corpus", "no words", "boilerplate phrasing",
})


@dataclass(frozen=True)
class Selection:
    kept: tuple[bool, ...]
    start: int  # the article run (inclusive)
    end: int
    continued_at: int | None  # first block kept past a break, when the article continued across one
    missed_at: int | None  # first block of the largest left-out stretch of running text, when it is large
    missed_words: int = 0
    vetoes: dict[int, str] = field(default_factory=dict)  # blocks the rules drop whatever the model says (RULE_VETOES)


def choose_article(page: PageLines, probabilities: np.ndarray) -> Selection:
    """Which blocks are the article, from the model's probabilities and the blocks' features."""
    feats = page.feats
    n = len(feats)
    if n == 0:
        return Selection((), 0, -1, None, None)
    # A second copy of text (a whole article pasted twice, a teaser of the opening) is evidence
    # against the run: the article is the first copy, not both with what lies between them.
    copies = page.copies
    evidence = [
        (-COPY_LOG_ODDS if i in copies else _log_odds(p)) * (1 + math.sqrt(f.words))
        for i, (p, f) in enumerate(zip(probabilities, feats))
    ]
    start, run_end = whole_structures(feats, *best_segment(evidence))
    end = continue_across_breaks(page, run_end, copies) if run_end >= start else run_end
    end = before_a_stream(page, start, end)
    run_end = min(run_end, end)
    closing_chronology = chronology_after(page, end) if end >= start else ()
    end = max((end, *closing_chronology))
    reasons = run_reasons(page, start, end, copies)
    vetoes = {i: reason for i, reason in {**copies, **reasons}.items() if reason in RULE_VETOES}
    kept = tuple(
        start <= i <= end
        and i not in vetoes
        and (
            probabilities[i] > KEEP_PROBABILITY
            or (i > run_end and running_text(feats[i]) and probabilities[i] > CONTINUED_PROBABILITY)
            or (reasons.get(i) is None and structure(feats[i]))
            or i in closing_chronology
        )
        for i in range(n)
    )
    kept = drop_stray_end(feats, kept, probabilities)
    closing = closing_box(feats, kept)
    if closing is not None:
        kept = tuple(k and i < closing for i, k in enumerate(kept))
        end, run_end = closing - 1, min(run_end, closing - 1)
    continued_at = next((i for i in range(run_end + 1, end + 1) if kept[i]), None)
    if continued_at is None:
        continued_at = past_an_end_marker(feats, kept)
    missed_at, missed_words = largest_left_out(feats, kept)
    kept_words = sum(f.words for f, k in zip(feats, kept) if k)
    if missed_words < max(MISSED_RATIO * kept_words, MISSED_MIN_WORDS):
        missed_at, missed_words = None, 0
    return Selection(kept, start, end, continued_at, missed_at, missed_words, vetoes)


def closing_box(feats: tuple[Features, ...], kept: tuple[bool, ...]) -> int | None:
    """The first end marker left out inside the kept text ("Related coverage", "About Jane Doe",
    "Become an approved author!") after which the kept text is a box closing the page rather than
    more of the article: less than CLOSING_BOX_SHARE of the running text kept before it, which is
    at least STREAM_AFTER_WORDS. None when there is none."""
    kept_indices = [i for i, k in enumerate(kept) if k]
    if not kept_indices:
        return None
    before = 0
    for index in range(kept_indices[0], kept_indices[-1] + 1):
        f = feats[index]
        if kept[index]:
            before += f.words if running_text(f) else 0
            continue
        if f.ends_article and before >= STREAM_AFTER_WORDS:
            after = sum(feats[i].words for i in range(index + 1, kept_indices[-1] + 1) if kept[i])
            return index if after < CLOSING_BOX_SHARE * before else None
    return None


def before_a_stream(page: PageLines, start: int, end: int) -> int:
    """The end of the article when the run start..end ends in a stream of date-led items (a live
    feed, comments, dated teasers) that began after the article's text: just above the stream,
    without the short lines that head it ("Live", "Comments")."""
    feats = page.feats
    text_words = 0
    index = start
    while index <= end:
        if running_text(feats[index]):
            text_words += feats[index].words
            index += 1
            continue
        if text_words < STREAM_AFTER_WORDS or not stamp_led(page, index):
            index += 1
            continue
        last = stream_end(page, index)
        if last is None or end - last > STREAM_GAP:
            index += 1  # no stream, or the run goes on well past it (a timeline inside the article)
            continue
        if chronology(page, index, last):
            index = last + 1  # the article's own chronology, closing it
            continue
        cut = index - 1
        while cut > start and not running_text(feats[cut]) and not structure(feats[cut]) \
                and feats[cut].words <= INTERRUPTION_MAX_WORDS:
            cut -= 1
        return cut
    return end


def chronology(page: PageLines, first: int, last: int) -> bool:
    """Whether the date-led stream first..last is a chronology closing the article rather than a
    feed, comments or teasers: its dated lines follow one another (a feed or a comment thread
    gives each stamp its own headline and paragraphs: 27 stamps in 64 blocks on liberation-1)
    and are sentences ("March 2, 2021: The council approves the budget."; a feed's and a teaser
    list's are headlines, a comment's a name). A list of dated headlines that end in full stops
    would still be taken for the article's chronology, and kept: recall first."""
    stamps = [i for i in range(first, last + 1) if stamp_led(page, i)]
    sentences = sum(page.feats[i].sentence_end for i in stamps)
    return len(stamps) >= CHRONOLOGY_STAMP_SHARE * (last - first + 1) and sentences >= CHRONOLOGY_SENTENCE_SHARE * len(stamps)


def chronology_after(page: PageLines, end: int) -> tuple[int, ...]:
    """The blocks of a chronology just below the article run ending at end (its short heading,
    "Key dates", and its dated lines), which the run leaves out as short lines; () when none."""
    feats = page.feats
    first, heading = end + 1, 0
    while first < len(feats) and not stamp_led(page, first) and not feats[first].prose \
            and not feats[first].ends_article and heading + feats[first].words <= INTERRUPTION_MAX_WORDS:
        heading += feats[first].words
        first += 1
    if first >= len(feats) or not stamp_led(page, first):
        return ()
    last = first
    while last + 1 < len(feats) and stamp_led(page, last + 1):
        last += 1
    if last - first + 1 < STREAM_MIN_STAMPS or not chronology(page, first, last):
        return ()
    return tuple(range(end + 1, last + 1))


def stamp_led(page: PageLines, index: int) -> bool:
    """A short block that opens with a date or a time of day ("14:32 Headline", "April 5, 2018")."""
    text, words = page.blocks[index].text, page.feats[index].words
    return is_stamp(text, words) and STAMP_RE.match(text.lstrip()) is not None


def stream_end(page: PageLines, first: int) -> int | None:
    """The last date-led block of the stream starting at first, when it has STREAM_MIN_STAMPS
    of them, each within STREAM_GAP blocks of the one before; else None."""
    last, count, index = first, 1, first + 1
    while index < len(page.blocks) and index - last <= STREAM_GAP:
        if stamp_led(page, index):
            last, count = index, count + 1
        index += 1
    return last if count >= STREAM_MIN_STAMPS else None


def whole_structures(feats: tuple[Features, ...], start: int, end: int) -> tuple[int, int]:
    """The run widened so that a list or table it cuts into is whole."""
    if end < start:
        return start, end
    while start > 0 and structure(feats[start]) and structure(feats[start - 1]):
        start -= 1
    while end + 1 < len(feats) and structure(feats[end]) and structure(feats[end + 1]):
        end += 1
    return start, end


def structure(f: Features) -> bool:
    """A list item or a table row: inside the article run, part of the article when the rules say so."""
    return f.bullet or f.numbered or f.table_row


def run_reasons(page: PageLines, start: int, end: int, copies: dict[int, str]) -> dict[int, str | None]:
    """The rules' reason to drop each block of the run start..end (None: they keep it); copies:
    the page's second copies and teasers (furniture.duplicate_reasons over the whole page)."""
    blocks, feats = list(page.blocks), list(page.feats)
    reasons = dict(copies)
    reasons.update(author_box(blocks, feats, start, end))
    # Where the rules' run ends where this one does, their reasons are the same (block_reason
    # looks ahead only as far as the run's end): reused, not computed again.
    same_end = end == page.rule_end
    return {
        index: reasons.get(index) or (
            page.rule_reasons[index] if same_end and index >= page.rule_start
            else block_reason(index, blocks, feats, end, page.sandwiched)
        )
        for index in range(start, end + 1)
    }


def past_an_end_marker(feats: tuple[Features, ...], kept: tuple[bool, ...]) -> int | None:
    """The first kept block after a dropped stretch holding an end marker ("Related coverage",
    a copyright line) that has kept text before it: the article was taken to go on past it."""
    seen_kept = marker = False
    for index, f in enumerate(feats):
        if kept[index]:
            if seen_kept and marker:
                return index
            seen_kept, marker = True, False
        elif f.ends_article and seen_kept:
            marker = True
    return None


def drop_stray_end(feats: tuple[Features, ...], kept: tuple[bool, ...], probabilities: np.ndarray) -> tuple[bool, ...]:
    """The article does not end on a lone line after dropped furniture (an address, a credit)
    unless the model is sure of it; the only block kept is the article, not a stray end."""
    marks = list(kept)
    kept_indices = [i for i, k in enumerate(marks) if k]
    while len(kept_indices) > 1:
        last = kept_indices.pop()
        before = next((i for i in range(last - 1, -1, -1) if feats[i].words), None)
        if before is None or marks[before] or structure(feats[last]) or probabilities[last] >= STRAY_END_PROBABILITY:
            break
        marks[last] = False
    return tuple(marks)


def _log_odds(p: float) -> float:
    p = min(max(float(p), 1e-6), 1 - 1e-6)
    return math.log(p / (1 - p))


def continue_across_breaks(page: PageLines, end: int, copies: dict[int, str]) -> int:
    """The end of the article once running text after short breaks is added to the run ending at end
    (a second copy of text is no continuation)."""
    feats, blocks = page.feats, page.blocks
    while True:
        following = end + 1
        break_words = 0
        while following < len(feats) and not running_text(feats[following]):
            f = feats[following]
            comments = f.ends_article and COMMENTS_RE.match(blocks[following].text)
            if f.prose or f.truncated or comments or following in copies or break_words + f.words > BREAK_MAX_WORDS:
                return end
            break_words += f.words
            following += 1
        if following >= len(feats) or following in copies:
            return end
        last, words, paragraphs, interruptions = text_run(feats, following)
        last = next((i - 1 for i in range(following, last + 1) if i in copies), last)
        if paragraphs < 2 or words < CONTINUED_MIN_WORDS or paragraphs < PARAGRAPHS_PER_INTERRUPTION * interruptions:
            return end
        end = last


def largest_left_out(feats: tuple[Features, ...], kept: tuple[bool, ...]) -> tuple[int | None, int]:
    """The first block and the words of the largest run of running text that was not kept."""
    best: tuple[int | None, int] = (None, 0)
    index = 0
    while index < len(feats):
        if kept[index] or not running_text(feats[index]):
            index += 1
            continue
        last, _, paragraphs, _ = text_run(feats, index)
        words = sum(feats[i].words for i in range(index, last + 1) if not kept[i] and running_text(feats[i]))
        if paragraphs >= 2 and words > best[1]:
            best = (index, words)
        index = last + 1
    return best
