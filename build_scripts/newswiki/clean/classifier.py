"""The line model: how likely each block of a page is article text, learned from labelled pages.

A logistic regression over the features the rules compute for each block, the same features
of its neighbours, sums of content over a window around it, its position on the page and
against the headline, and the rules' own decision. The weights are fitted by
`benchmarks/train_lines.py` (cross-validated by site, on both extraction dev sets) and
shipped in `line_weights.json`; a changed feature list needs new weights (the file names its
features, and a mismatch is an error rather than silent nonsense).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from newswiki.clean.boundaries import BYLINE_START_RE
from newswiki.clean.lines import CJK_RE, PROSE_STOP_DENSITY, content_score, is_heading_like, is_stamp
from newswiki.clean.page import PageLines

WEIGHTS_FILE = Path(__file__).with_name("line_weights.json")
#: Content scores (about words) are squashed by tanh(score / CONTENT_SCALE): a long paragraph
#: and a very long one are both simply text.
CONTENT_SCALE = 20.0
#: Neighbours read on each side, and the half-widths of the windows whose content is summed.
NEIGHBOURS = (-2, -1, 1, 2)
WINDOWS = (3, 10)

BLOCK_FEATURES = (
    "log_words", "stop_density", "punct_density", "sentence_end", "log_sentences", "boilerplate",
    "repeated_in_page", "repeated_in_corpus", "list_item", "ends_article", "caption", "truncated", "url",
    "continues", "table_row", "link_list", "prose", "heading_like", "starts_lower", "byline", "content",
    "running_text", "cjk_share", "log_chars", "stamp",
)
NEIGHBOUR_FEATURES = ("prose", "content", "log_words", "present")
FEATURE_NAMES = (
    BLOCK_FEATURES
    + tuple(f"{name}@{offset:+d}" for offset in NEIGHBOURS for name in NEIGHBOUR_FEATURES)
    + tuple(f"{kind}_within_{w}" for w in WINDOWS for kind in ("text", "furniture", "stamps"))
    + (
        "position", "text_before", "text_centre", "page_text", "words_of_longest", "words_of_median_prose",
        "stop_density_vs_prose", "before_anchor", "after_anchor", "no_anchor", "anchor_distance",
        "in_rule_run", "rule_kept", "rule_score_positive", "rule_score", "rule_run_distance",
        "stop_words_known", "gap_before", "gap_after",
    )
)


def block_row(page: PageLines, index: int, content: float) -> list[float]:
    """The block's own features (BLOCK_FEATURES); content: its content score."""
    f, text = page.feats[index], page.blocks[index].text
    return [
        math.log1p(f.words), f.stop_density, f.punct_density, float(f.sentence_end), math.log1p(f.sentences),
        float(f.boilerplate), float(f.page_repeats > 1), float(f.corpus_repeat), float(f.bullet or f.numbered),
        float(f.ends_article), float(f.caption), float(f.truncated), float(f.url), float(f.continues),
        float(f.table_row), float(f.link_list), float(f.prose), float(is_heading_like(text)),
        float(text[:1].islower()), float(bool(BYLINE_START_RE.match(text))),
        math.tanh(content / CONTENT_SCALE), float(f.words >= 10 and f.stop_density >= PROSE_STOP_DENSITY),
        (len(CJK_RE.findall(text)) / len(text)) if not text.isascii() else 0.0, math.log1p(len(text)) / 5,
        float(is_stamp(text, f.words)),
    ]


def line_vectors(page: PageLines) -> np.ndarray:
    """One row of FEATURE_NAMES per block."""
    n = len(page.blocks)
    if n == 0:
        return np.zeros((0, len(FEATURE_NAMES)))
    scores = page.content or tuple(content_score(f) for f in page.feats)
    own = np.array([block_row(page, i, scores[i]) for i in range(n)], dtype=float)
    words = np.array([f.words for f in page.feats], dtype=float)
    content = np.array(scores, dtype=float)
    prose = np.array([f.prose for f in page.feats], dtype=float)
    columns = [own]
    for offset in NEIGHBOURS:
        neighbour = np.stack([prose, np.tanh(content / CONTENT_SCALE), np.log1p(words), np.ones(n)], axis=1)
        columns.append(_shifted(neighbour, offset))
    text, furniture = np.maximum(content, 0.0), np.minimum(content, 0.0)
    stamps = own[:, BLOCK_FEATURES.index("stamp")]
    for width in WINDOWS:
        columns.append(np.stack([
            np.log1p(_window_sum(text, width) - text), np.log1p(-(_window_sum(furniture, width) - furniture)),
            np.log1p(_window_sum(stamps, width) - stamps),
        ], axis=1))
    columns.append(_page_columns(page, words, text))
    return np.hstack(columns)


def _page_columns(page: PageLines, words: np.ndarray, text: np.ndarray) -> np.ndarray:
    """Position on the page, against the headline and the rules' run; the rules' decisions; gaps."""
    n = len(words)
    index = np.arange(n, dtype=float)
    total = text.sum() or 1.0
    before = (np.cumsum(text) - text) / total
    prose = [f for f in page.feats if f.prose]
    median_prose = float(np.median([f.words for f in prose])) if prose else 1.0
    prose_stops = float(np.mean([f.stop_density for f in prose])) if prose else PROSE_STOP_DENSITY
    stops = np.array([f.stop_density for f in page.feats])
    anchor = page.anchor
    start, end = page.rule_start, page.rule_end
    if end >= start:
        run_distance = np.where(index < start, start - index, np.where(index > end, index - end, 0.0))
    else:
        run_distance = np.full(n, float(n))
    weighted = np.array(page.weighted) if page.weighted else np.zeros(n)
    lines = np.array([b.line for b in page.blocks])
    gap_before = np.concatenate([[1.0], (np.diff(lines) > 1).astype(float)])
    gap_after = np.concatenate([(np.diff(lines) > 1).astype(float), [1.0]])
    columns = [
        index / max(1, n - 1), before, before * (1 - before) * 4, np.full(n, math.log1p(total) / 10),
        words / (words.max() or 1.0), np.log1p(words / max(median_prose, 1.0)), stops - prose_stops,
        (index < anchor) if anchor is not None else np.zeros(n),
        (index > anchor) if anchor is not None else np.zeros(n),
        np.full(n, float(anchor is None)),
        np.log1p(np.abs(index - anchor)) / 5 if anchor is not None else np.zeros(n),
        run_distance == 0, np.array(page.rule_kept, dtype=float), weighted > 0, np.tanh(weighted / CONTENT_SCALE),
        np.log1p(run_distance), np.full(n, float(page.stop_words_known)), gap_before, gap_after,
    ]
    return np.stack([np.asarray(c, dtype=float) for c in columns], axis=1)


def _shifted(values: np.ndarray, offset: int) -> np.ndarray:
    """Row i holds values[i + offset] (zeros past either end)."""
    out = np.zeros_like(values)
    n = len(values)
    if offset > 0 and offset < n:
        out[: n - offset] = values[offset:]
    elif offset < 0 and -offset < n:
        out[-offset:] = values[: n + offset]
    return out


def _window_sum(values: np.ndarray, width: int) -> np.ndarray:
    """Sum of values[i - width .. i + width] for each i."""
    cumulative = np.concatenate([[0.0], np.cumsum(values)])
    n = len(values)
    index = np.arange(n)
    low, high = np.maximum(0, index - width), np.minimum(n, index + width + 1)
    return cumulative[high] - cumulative[low]


@dataclass(frozen=True)
class LineModel:
    """Standardisation and logistic-regression weights over FEATURE_NAMES."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def probabilities(self, vectors: np.ndarray) -> np.ndarray:
        if not len(vectors):
            return np.zeros(0)
        z = ((vectors - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))

    def as_json(self) -> dict:
        return {
            "features": list(FEATURE_NAMES), "mean": _rounded(self.mean), "scale": _rounded(self.scale),
            "coef": _rounded(self.coef), "intercept": round(float(self.intercept), 6),
        }


def _rounded(values: np.ndarray) -> list[float]:
    return [round(float(v), 6) for v in values]


def model_from_json(data: dict) -> LineModel:
    if list(data.get("features", ())) != list(FEATURE_NAMES):
        raise ValueError(f"{WEIGHTS_FILE.name} was fitted on other features: run benchmarks/train_lines.py")
    return LineModel(
        np.array(data["mean"], dtype=float), np.array(data["scale"], dtype=float), np.array(data["coef"], dtype=float),
        float(data["intercept"]),
    )


@lru_cache(maxsize=1)
def shipped_model() -> LineModel:
    """The weights shipped with the package (line_weights.json)."""
    return model_from_json(json.loads(WEIGHTS_FILE.read_text(encoding="utf-8")))


def article_probabilities(page: PageLines, model: LineModel | None = None) -> np.ndarray:
    """For each block of the page, how likely it is article text."""
    return (model or shipped_model()).probabilities(line_vectors(page))

