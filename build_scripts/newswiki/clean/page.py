"""One text page read by the rules: its blocks, their features, and what the rules decide.

The rules (boundaries, furniture) give every block a reason to drop it or none; the line
model (classifier) reads these decisions as features beside the blocks' own, and selection
makes the final choice from both.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newswiki.models import Block
from newswiki.clean.encoding import repair_encoding
from newswiki.clean.lines import (
    Features, HEADING_MAX_WORDS, content_score, features, mark_link_lists, mark_tables, normalise, page_stop_words,
    split_blocks,
)
from newswiki.clean.boundaries import (
    best_segment, between_furniture, byline_index, headline_index, headline_over_most_text, weighted_scores,
)
from newswiki.clean.furniture import author_box, block_reason, duplicate_reasons
from newswiki.clean.repeats import syndicated_text_kept
from newswiki.clean.runs import mark_comments_inside_articles


@dataclass(frozen=True)
class PageLines:
    """A page's blocks and features, and the rules' reading of them."""

    blocks: tuple[Block, ...]
    feats: tuple[Features, ...]
    headline: int | None  # index of the block repeating the page title
    anchor: int | None  # the headline, else the first byline: the article follows it
    weighted: tuple[float, ...]  # content scores weighted by position (boundaries.weighted_scores)
    rule_start: int  # the rules' article run (inclusive; rule_end < rule_start when there is none)
    rule_end: int
    rule_reasons: tuple[str | None, ...]  # why the rules drop each block, None when they keep it
    stop_words_known: bool  # the page's language has a stop-word list
    content: tuple[float, ...] = ()  # each block's content score (lines.content_score)
    sandwiched: frozenset[int] = frozenset()  # blocks inside a widget (boundaries.between_furniture)
    copies: dict[int, str] = field(default_factory=dict)  # second copies and teasers (furniture.duplicate_reasons)

    @property
    def rule_kept(self) -> list[bool]:
        return [reason is None for reason in self.rule_reasons]


def read_page(text: str, corpus_lines: frozenset[str] = frozenset()) -> PageLines:
    """Blocks, features and the rules' decisions for a plain-text page dump."""
    blocks = split_blocks(repair_encoding(text))
    stop_words = page_stop_words(blocks)
    counts = Counter(normalise(b.text) for b in blocks)
    feats = [
        features(b, blocks[i + 1] if i + 1 < len(blocks) else None, stop_words, counts, corpus_lines)
        for i, b in enumerate(blocks)
    ]
    feats = mark_link_lists(blocks, mark_tables(blocks, syndicated_text_kept(feats)))
    feats = mark_comments_inside_articles(blocks, feats)
    headline = headline_over_most_text(blocks, feats, headline_index(blocks))
    anchor = headline if headline is not None else byline_index(blocks)
    weighted = weighted_scores(feats, anchor) if blocks else []
    start, end = best_segment(weighted) if blocks else (0, -1)
    start = extend_to_list(feats, trim_start(feats, start, end), headline)
    sandwiched = frozenset(between_furniture(feats))
    copies = duplicate_reasons(blocks, feats)
    reasons = rule_reasons(blocks, feats, start, end, sandwiched, copies)
    return PageLines(
        tuple(blocks), tuple(feats), headline, anchor, tuple(weighted), start, end, tuple(reasons), stop_words is not None,
        tuple(content_score(f) for f in feats), sandwiched, copies,
    )


def rule_reasons(
    blocks: list[Block], feats: list[Features], start: int, end: int, sandwiched: frozenset[int],
    copies: dict[int, str],
) -> list[str | None]:
    """Why each block is not article text by the rules (None: article text), for the run start..end;
    copies: the page's second copies and teasers."""
    duplicates = dict(copies)
    duplicates.update(author_box(blocks, feats, start, end))
    reasons: list[str | None] = []
    for index in range(len(blocks)):
        if index < start or index > end:
            reasons.append("before the article" if index < start else "after the article")
        else:
            reasons.append(duplicates.get(index) or block_reason(index, blocks, feats, end, sandwiched))
    return reasons


def trim_start(feats: list[Features], start: int, end: int) -> int:
    """The body opens with text, not with the headline, a standfirst fragment or an author's title."""
    while start < end and not (
        feats[start].prose or feats[start].bullet or feats[start].numbered or feats[start].table_row
        or feats[start].continues or feats[start].words > HEADING_MAX_WORDS
    ):
        start += 1
    return start


def extend_to_list(feats: list[Features], start: int, headline: int | None) -> int:
    """An article that opens with a list (a summary in bullets) starts at its first item."""
    while start > 0 and start - 1 != headline and feats[start - 1].bullet and not feats[start - 1].boilerplate:
        start -= 1
    return start
