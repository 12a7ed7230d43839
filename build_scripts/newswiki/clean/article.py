"""Cleaning one text page: the stage's decisions put together into a CleanResult."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from newswiki.models import Decision
from newswiki.clean.encoding import repair_encoding
from newswiki.clean.lines import (
    Block, Features, HEADING_MAX_WORDS, features, is_heading_like, mark_link_lists, mark_tables,
    normalise, page_stop_words, split_blocks,
)
from newswiki.clean.boundaries import (
    best_segment, between_furniture, byline_index, headline_index, weighted_scores,
)
from newswiki.clean.furniture import MOJIBAKE_RE, author_box, block_reason, duplicate_reasons
from newswiki.clean.markup import to_markdown


@dataclass(frozen=True)
class CleanResult:
    body: str
    decisions: tuple[Decision, ...]
    removed: dict[str, int]
    warnings: tuple[str, ...]
    first_body_line: int  # index into blocks of the first kept block; metadata looks above it
    blocks: tuple[Block, ...]
    last_body_line: int = -1  # index into blocks of the last kept block; author boxes sit below it
    headline: int | None = None  # index of the block repeating the page title, when there is one


def clean_text(text: str, corpus_lines: frozenset[str] = frozenset()) -> CleanResult:
    """The article body of a plain-text page dump as Markdown, with a decision per block."""
    warnings: list[str] = []
    repaired = repair_encoding(text)
    blocks = split_blocks(repaired)
    stop_words = page_stop_words(blocks)
    counts = Counter(normalise(b.text) for b in blocks)
    feats = [
        features(b, blocks[i + 1] if i + 1 < len(blocks) else None, stop_words, counts, corpus_lines)
        for i, b in enumerate(blocks)
    ]
    feats = mark_link_lists(blocks, mark_tables(blocks, feats))
    headline = headline_index(blocks)
    anchor = headline if headline is not None else byline_index(blocks)
    start, end = best_segment(weighted_scores(feats, anchor)) if blocks else (0, -1)
    start = _extend_to_list(feats, _trim_start(feats, start, end), headline)
    duplicates = duplicate_reasons(blocks, feats, start, end)
    duplicates.update(author_box(blocks, feats, start, end))
    sandwiched = between_furniture(feats)

    decisions: list[Decision] = []
    removed: dict[str, int] = {}
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if index < start or index > end:
            reason = "before the article" if index < start else "after the article"
        else:
            reason = duplicates.get(index) or block_reason(index, blocks, feats, end, sandwiched)
        if reason is None:
            kept.append(block)
            decisions.append(Decision(block.line, block.text, True, kept_as(feats[index], block.text)))
        else:
            removed[reason] = removed.get(reason, 0) + len(block.text)
            decisions.append(Decision(block.line, block.text, False, reason))
    if any(MOJIBAKE_RE.search(b.text) for b in kept):
        warnings.append("some text still looks garbled (mojibake) after repair")
    kept_indices = [i for i, d in enumerate(decisions) if d.kept]
    first_kept = kept_indices[0] if kept_indices else start
    last_kept = kept_indices[-1] if kept_indices else end
    body = to_markdown(kept)
    return CleanResult(body, tuple(decisions), removed, tuple(warnings), first_kept, tuple(blocks), last_kept, headline)


def kept_as(f: Features, text: str) -> str:
    """What a kept block is in the article, for --explain."""
    if f.bullet or f.numbered:
        return "article: list item"
    if f.table_row:
        return "article: table row"
    if f.prose or f.continues:
        return "article: paragraph"
    if is_heading_like(text):
        return "article: heading"
    return "article: short text"


def _trim_start(feats: list[Features], start: int, end: int) -> int:
    """The body opens with text, not with the headline, a standfirst fragment or an author's title."""
    while start < end and not (
        feats[start].prose or feats[start].bullet or feats[start].numbered or feats[start].table_row
        or feats[start].continues or feats[start].words > HEADING_MAX_WORDS
    ):
        start += 1
    return start


def _extend_to_list(feats: list[Features], start: int, headline: int | None) -> int:
    """An article that opens with a list (a summary in bullets) starts at its first item."""
    while start > 0 and start - 1 != headline and feats[start - 1].bullet and not feats[start - 1].boilerplate:
        start -= 1
    return start
