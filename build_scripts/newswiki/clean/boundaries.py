"""Finding the article: the headline, the byline and the best-scoring run of blocks."""

from __future__ import annotations

import re

from newswiki.models import Block
from newswiki.clean.lines import (
    Features, SHORT_BLOCK_COST, URL_ONLY_RE, content_score, normalise, without_title_note, words,
)


#: Text up to this long between two furniture blocks is taken as part of them.
SANDWICH_MAX_WORDS = 60
#: Score weight of blocks before the headline: teasers and menus live there.
BEFORE_HEADLINE_WEIGHT = 0.3
#: Score weight of text after the article's end (comments, related stories, footer): it
#: counts against the article run, so the run stops there.
AFTER_END_WEIGHT = -0.5
#: A page title is at most this long; a longer first line is text, not a title.
TITLE_MAX_WORDS = 30
#: A byline is short: names, maybe a date and a reading time.
BYLINE_MAX_WORDS = 20
#: Headline match: share of the page title's words that a block must contain.
HEADLINE_MATCH = 0.8
BYLINE_START_RE = re.compile(r"^(?i:by|von|por|par|di|door|av|автор:?)\s+[A-ZÀ-ÞА-Я]")
#: Between the headline and the site's name in a page title ("Headline - Site", "Headline | Site").
TITLE_SEPARATOR_RE = re.compile(r"\s+[|–—-]\s+|\s+:\s+(?=\S+$)")
#: An end marker only counts once this much article text (in score points, about words) came before it.
END_MARKER_AFTER = 40.0


def headline_index(blocks: list[Block]) -> int | None:
    """Where the headline sits: a later block repeating the page title of the first line.

    Saved pages start with the document title ("Headline - Site"); the article's own
    headline repeats it just above the body. A block equal to the title (or to its
    headline part) wins over one that merely contains most of its words (a breadcrumb).
    """
    if len(blocks) < 3 or len(words(blocks[0].text)) > TITLE_MAX_WORDS:
        return None
    title = blocks[0].text
    parts = [part for part in TITLE_SEPARATOR_RE.split(title) if part]
    # The site's name is the last part; a nav link may repeat it, so it never counts.
    parts = [title, " ".join(parts[:-1])] + parts[:-1] if len(parts) > 1 else [title]
    parts += [without_title_note(part) for part in parts]  # "How to X (with Pictures) | Site" shows "How to X"
    wanted = [set(normalise(p).split()) for p in parts if len(words(p)) >= 3]
    exact = {" ".join(sorted(target)) for target in wanted}
    best: tuple[float, int] | None = None
    for index in range(1, len(blocks)):
        text = blocks[index].text
        if URL_ONLY_RE.match(text):
            continue  # an address spells the title in its slug
        if " ".join(sorted(set(normalise(text).split()))) in exact:
            return index
        have = set(normalise(text).split())
        if not have or len(have) > 40:
            continue
        for target in wanted:
            overlap = len(target & have) / len(target)
            extra = len(have - target)
            if overlap >= HEADLINE_MATCH and extra <= len(target) // 2 + 2:
                closeness = overlap - extra / 100
                if best is None or closeness > best[0]:
                    best = (closeness, index)
    return best[1] if best else None


#: A headline shown more than once (a teaser at the top, the article's own further down): the
#: one followed by the most text within this many blocks heads the article.
HEADLINE_FOLLOWING_BLOCKS = 30


def headline_over_most_text(blocks: list[Block], feats: list[Features], headline: int | None) -> int | None:
    """Of the blocks repeating the headline, the one the most article-like text follows."""
    if headline is None:
        return None
    key = normalise(blocks[headline].text)
    copies = [i for i in range(1, len(blocks)) if normalise(blocks[i].text) == key]
    if len(copies) < 2:
        return headline
    scores = [max(content_score(f), 0.0) for f in feats]
    return max(copies, key=lambda i: (sum(scores[i + 1 : i + 1 + HEADLINE_FOLLOWING_BLOCKS]), -i))


def between_furniture(feats: list[Features]) -> set[int]:
    """Short text inside a widget: after furniture and before more furniture (the middle of a
    donation pitch), or after two furniture blocks and before no more text (a sign-up blurb)."""
    content = [i for i, f in enumerate(feats) if f.words]
    found = set()
    for position in range(1, len(content) - 1):
        index, previous, following = content[position], content[position - 1], content[position + 1]
        if feats[index].words > SANDWICH_MAX_WORDS or not feats[previous].boilerplate:
            continue
        inside_widget = position >= 2 and feats[content[position - 2]].boilerplate
        if feats[following].boilerplate or inside_widget and not (feats[following].prose or feats[following].bullet):
            found.add(index)
    return found


def byline_index(blocks: list[Block]) -> int | None:
    """The first byline ("By Jane Doe", "Von ...") in the first half of the page: the article follows it."""
    for index, block in enumerate(blocks[: len(blocks) // 2]):
        if BYLINE_START_RE.match(block.text) and len(words(block.text)) <= BYLINE_MAX_WORDS:
            return index
    return None


def best_segment(scores: list[float]) -> tuple[int, int]:
    """Indices (inclusive) of the contiguous run with the highest total score."""
    best_sum, best = float("-inf"), (0, -1)
    running, start = 0.0, 0
    for index, value in enumerate(scores):
        if running <= 0:
            running, start = 0.0, index
        running += value
        if running > best_sum:
            best_sum, best = running, (start, index)
    return best


def weighted_scores(feats: list[Features], headline: int | None) -> list[float]:
    """Content scores weighted by position: before the headline (or byline), after the article's end."""
    scores = []
    sandwiched = between_furniture(feats)
    ended = False
    article_so_far = 0.0
    for index, f in enumerate(feats):
        score = -SHORT_BLOCK_COST if index in sandwiched else content_score(f)
        if headline is not None and index <= headline and score > 0:
            score *= BEFORE_HEADLINE_WEIGHT
        # The article starts at the headline: text and end markers above it (a teaser stream,
        # "Most popular") are the page's, and do not end the article below.
        below_headline = headline is None or index > headline
        if below_headline and f.ends_article and article_so_far >= END_MARKER_AFTER:
            ended = True
        if ended and score > 0:
            score *= AFTER_END_WEIGHT
        if below_headline:
            article_so_far += max(score, 0.0)
        if f.truncated and score > 0:
            score = -SHORT_BLOCK_COST  # a cut-off teaser of another article
        scores.append(score)
    return scores
