"""Runs of running text: paragraphs of article-like text, with the short lines between them.

Shared by the page reading (is a comments heading really the end of the article?) and the
selection (does the article go on after a break? what running text was left out?).
"""

from __future__ import annotations

import dataclasses

from newswiki.clean.lines import COMMENTS_RE, Features, content_score, is_stamp
from newswiki.models import Block

#: Short lines (at most this many words together) may sit between two paragraphs of a run.
INTERRUPTION_MAX_WORDS = 12
#: A comments heading ("Comment", "2 comments") does not end the article when a run of running
#: text after it, before the next end marker, holds at least this many words in at least
#: THREAD_RUN_MIN_PARAGRAPHS paragraphs... (a table's "Comment" column header, the comment count
#: in a byline's share bar; the thread under an article shows one comment per reader, each
#: headed by its name and, in a saved page, its date)
THREAD_RUN_MIN_WORDS = 300
THREAD_RUN_MIN_PARAGRAPHS = 4
#: ...and the stretch up to that marker has at most this many date or time stamps per paragraph
#: of running text (a saved comment thread dates each comment: 10 to 20 stamps for 17 to 30
#: paragraphs on the dev sets; an article below a byline's comment count, at most 1 in 13).
THREAD_STAMP_SHARE = 0.1


def running_text(f: Features) -> bool:
    """A paragraph of article-like text (the rules' content score counts it as text)."""
    return f.prose and not f.ends_article and content_score(f) > 0


def text_run(feats: tuple[Features, ...] | list[Features], first: int) -> tuple[int, int, int, int]:
    """From the paragraph at first: the last block of its run of running text (short lines may
    interrupt it), its words, its paragraphs and its interruptions."""
    last, words, paragraphs, interruptions = first, feats[first].words, 1, 0
    index = first + 1
    while index < len(feats):
        if running_text(feats[index]):
            last, words, paragraphs = index, words + feats[index].words, paragraphs + 1
            index += 1
            continue
        following, short = index, 0
        while (
            following < len(feats) and not running_text(feats[following]) and not feats[following].prose
            and not feats[following].ends_article and short + feats[following].words <= INTERRUPTION_MAX_WORDS
        ):
            short += feats[following].words
            following += 1
        if following == index or following >= len(feats) or not running_text(feats[following]):
            break
        index = following
        interruptions += 1
    return last, words, paragraphs, interruptions


def comments_heading_inside_article(blocks: list[Block], feats: list[Features], index: int) -> bool:
    """Whether the comments heading at index is followed, before the next end marker, by running
    text an article has and a comment thread has not: a long run of paragraphs, in a stretch
    that carries (almost) no date stamps. Then the heading is a table cell or a byline's comment
    count, and the article goes on below it."""
    end = next((i for i in range(index + 1, len(feats)) if feats[i].ends_article), len(feats))
    paragraphs = sum(running_text(feats[i]) for i in range(index + 1, end))
    stamps = sum(is_stamp(blocks[i].text, feats[i].words) for i in range(index + 1, end))
    if not paragraphs or stamps > THREAD_STAMP_SHARE * paragraphs:
        return False
    following = index + 1
    while following < end:
        if not running_text(feats[following]):
            following += 1
            continue
        last, words, run_paragraphs, _ = text_run(feats, following)
        if words >= THREAD_RUN_MIN_WORDS and run_paragraphs >= THREAD_RUN_MIN_PARAGRAPHS:
            return True
        following = last + 1
    return False


def mark_comments_inside_articles(blocks: list[Block], feats: list[Features]) -> list[Features]:
    """The features with ends_article cleared on comments headings the article goes on below
    (comments_heading_inside_article): such a heading neither ends the rules' article run nor
    stops the article continuing across a break."""
    marked = list(feats)
    for index, (block, f) in enumerate(zip(blocks, feats)):
        if f.ends_article and COMMENTS_RE.match(block.text) and comments_heading_inside_article(blocks, feats, index):
            marked[index] = dataclasses.replace(f, ends_article=False)
    return marked
