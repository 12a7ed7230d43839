"""Cleaning one text page: the stage's decisions put together into a CleanResult."""

from __future__ import annotations

from newswiki.models import INCOMPLETE_WARNING, Block, CleanResult, Decision
from newswiki.clean.lines import Features, is_heading_like
from newswiki.clean.furniture import MOJIBAKE_RE
from newswiki.clean.markup import to_markdown
from newswiki.clean.page import PageLines, read_page
from newswiki.clean.classifier import LineModel, article_probabilities
from newswiki.clean.selection import Selection, choose_article

def clean_text(text: str, corpus_lines: frozenset[str] = frozenset(), model: LineModel | None = None) -> CleanResult:
    """The article body of a plain-text page dump as Markdown, with a decision per block.

    model: the line model's weights (default: the shipped ones; the training script passes others).
    """
    page = read_page(text, corpus_lines)
    return article_from(page, choose_article(page, article_probabilities(page, model)))


def article_from(page: PageLines, selection: Selection) -> CleanResult:
    """The CleanResult of a page whose article blocks were chosen."""
    decisions: list[Decision] = []
    removed: dict[str, int] = {}
    kept: list[Block] = []
    for index, block in enumerate(page.blocks):
        if selection.kept[index]:
            kept.append(block)
            decisions.append(Decision(block.line, block.text, True, kept_as(page.feats[index], block.text)))
            continue
        reason = drop_reason(page, selection, index)
        removed[reason] = removed.get(reason, 0) + len(block.text)
        decisions.append(Decision(block.line, block.text, False, reason))
    warnings = selection_warnings(page, selection)
    if any(MOJIBAKE_RE.search(b.text) for b in kept):
        warnings.append("some text still looks garbled (mojibake) after repair")
    kept_indices = [i for i, d in enumerate(decisions) if d.kept]
    first_kept = kept_indices[0] if kept_indices else max(selection.start, 0)
    last_kept = kept_indices[-1] if kept_indices else selection.end
    body = to_markdown(kept)
    return CleanResult(
        body, tuple(decisions), removed, tuple(warnings), first_kept, page.blocks, last_kept, page.headline
    )


def drop_reason(page: PageLines, selection: Selection, index: int) -> str:
    """Why a block is not article text: the rules' veto, outside the article, the rules' reason, or the line model's."""
    if index in selection.vetoes:
        return selection.vetoes[index]
    if index < selection.start:
        return "before the article"
    if index > selection.end:
        return "after the article"
    rule = page.rule_reasons[index]
    if rule and rule not in ("before the article", "after the article"):
        return rule
    return "unlikely article text"


def selection_warnings(page: PageLines, selection: Selection) -> list[str]:
    """The recall-first decisions a reader should know about, each naming its line."""
    warnings = []
    if selection.continued_at is not None:
        line = page.blocks[selection.continued_at].line
        warnings.append(
            f"{INCOMPLETE_WARNING} or padded: the text went on after a break, and what follows line {line} "
            "was kept as part of it"
        )
    if selection.missed_at is not None:
        line = page.blocks[selection.missed_at].line
        warnings.append(
            f"{INCOMPLETE_WARNING}: {selection.missed_words:,} words of running text from line {line} on "
            "were left out, more than the article kept"
        )
    return warnings


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
