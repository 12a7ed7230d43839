"""Decisions inside the article: second copies, teasers, captions, author boxes and other furniture dropped, each with its reason."""

from __future__ import annotations

import re
from collections import Counter

from newswiki.models import Block
from newswiki.clean.lines import (
    Features, LOW_STOP_DENSITY, NON_ASCII_RE, PROSE_MAX_PUNCTUATION, PROSE_STOP_DENSITY, TEASER_END_RE, is_heading_like,
    normalise,
)
from newswiki.clean.boundaries import BYLINE_MAX_WORDS, BYLINE_START_RE


#: An author box is looked for among the article run's last this many blocks.
AUTHOR_BOX_BLOCKS = 4
#: A paragraph this long that occurs twice is a second copy even when its neighbours differ.
DUPLICATE_ALONE_WORDS = 30
#: A closing author bio is a sentence or three.
AUTHOR_BIO_MAX_WORDS = 80
#: Copies are compared on their ASCII words when at least this share of the letters is ASCII.
ASCII_KEY_SHARE = 0.9
NUMBERED_REF_RE = re.compile(r"^\s*\[?(\d{1,3})[.)\]]\s+(\S.*)$")
#: The one-sentence bio that closes many articles: "Jane Doe is a reporter for ...".
AUTHOR_BIO_RE = re.compile(
    r"^[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]*){1,3}\s+(?:is|was)\s+(?:an?|the)\b.{0,80}\b(?:reporter|writer|"
    r"editor|correspondent|journalist|columnist|professor|author|contributor|analyst|fellow|researcher)\b"
)
#: Letters typical of UTF-8 or cp1251 text read with the wrong single-byte code page.
MOJIBAKE_RE = re.compile(
    r"[ÐÑÃÂ][\x80-\xbf\u0400-\u04ff\u2010-\u203a]|[àáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ]{4,}|â€|\ufffd"
)
ASCII_LETTER_RE = re.compile(r"[A-Za-z]")  # exactly the ASCII characters for which str.isalpha() holds


def duplicate_reasons(blocks: list[Block], feats: list[Features], start: int = 0, end: int = -1) -> dict[int, str]:
    """Blocks that repeat others: teasers of the article's opening and second copies.

    Repeated paragraphs are grouped into runs of copies (a whole article pasted twice is one
    run). Of a run, the copy followed by a cut-off block ("…") is a teaser; else the copy
    with more broken encoding goes; else the later copy goes. A short paragraph repeated on
    its own is meant (the same question put to each interviewee) and stays.
    """
    end = len(blocks) - 1 if end < 0 else end
    # Only copies inside the article run count: a copy outside it is dropped anyway.
    keys = [copy_key(b.text) if start <= i <= end else "" for i, b in enumerate(blocks)]
    paragraphs = [i for i, key in enumerate(keys) if key and (feats[i].prose or feats[i].bullet or feats[i].numbered)]
    reasons: dict[int, str] = {}
    for run in _copy_runs(paragraphs, keys):
        earlier, later = [a for a, _ in run], [b for _, b in run]
        if _is_teaser_copy(blocks, keys, earlier[0], later[0]):
            reasons.update({i: "teaser" for i in earlier})
        elif sum(_garbled(blocks[i].text) for i in earlier) > sum(_garbled(blocks[i].text) for i in later):
            reasons.update({i: "copy with broken encoding" for i in earlier})
        elif len(run) > 1 or feats[later[0]].words >= DUPLICATE_ALONE_WORDS:
            reasons.update({i: "duplicate" for i in later})
    # A heading or byline repeated just above a dropped copy is part of that copy.
    first_index: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key:
            first_index.setdefault(key, index)
    for index in range(len(blocks) - 2, -1, -1):
        if index in reasons or not keys[index]:
            continue
        following = next((j for j in range(index + 1, len(blocks)) if keys[j]), None)
        copied = following is not None and reasons.get(following) in ("duplicate", "copy with broken encoding")
        repeated = first_index[keys[index]] != index  # a later copy of a heading or byline, not the first
        if copied and repeated:
            reasons[index] = reasons[following]
    # Cut-off prefixes of a later block ("The first lines of the article…").
    for index, key in enumerate(keys):
        if index in reasons or not TEASER_END_RE.search(blocks[index].text):
            continue
        stem = key.rsplit(" ", 1)[0] if " " in key else key
        if len(stem.split()) >= 4 and any(k != key and k.startswith(stem) for k in keys[index + 1 :]):
            reasons[index] = "teaser"
    return reasons


def _copy_runs(paragraphs: list[int], keys: list[str]) -> list[list[tuple[int, int]]]:
    """Pairs (first occurrence, repeat) of paragraphs, grouped into runs that advance together."""
    position = {index: n for n, index in enumerate(paragraphs)}
    first_at: dict[str, int] = {}
    runs: list[list[tuple[int, int]]] = []
    for index in paragraphs:
        key = keys[index]
        if key not in first_at:
            first_at[key] = index
            continue
        pair = (first_at[key], index)
        last = runs[-1][-1] if runs else None
        if last and position[pair[0]] == position[last[0]] + 1 and position[pair[1]] == position[last[1]] + 1:
            runs[-1].append(pair)
        else:
            runs.append([pair])
    return runs


def _garbled(text: str) -> int:
    return len(MOJIBAKE_RE.findall(text))


def author_box(blocks: list[Block], feats: list[Features], start: int, end: int) -> dict[int, str]:
    """The author's name and bio closing the article ("Jane Doe" / "Jane Doe is a professor of ...").

    Metadata reads the name from there; the body is the article without it.
    """
    content = [i for i in range(start, end + 1) if feats[i].words]
    for position, index in enumerate(content[-AUTHOR_BOX_BLOCKS:], start=max(0, len(content) - AUTHOR_BOX_BLOCKS)):
        name = blocks[index].text
        if not (2 <= feats[index].words <= 4 and is_heading_like(name)):
            continue
        rest = content[position + 1 :]
        bio = [i for i in rest if blocks[i].text.startswith(name + " ") and feats[i].prose]
        if bio:
            return {i: "author box" for i in [index, *rest] if i <= bio[-1]}
    if content and AUTHOR_BIO_RE.match(blocks[content[-1]].text) and feats[content[-1]].words <= AUTHOR_BIO_MAX_WORDS:
        return {content[-1]: "author box"}  # "Jane Doe is a reporter for ..." closing the page's article
    return {}


def copy_key(text: str) -> str:
    """What two copies of a paragraph share even when one has broken encoding: its ASCII words
    (mojibake only garbles the other characters). Text mostly in another script keeps all words."""
    if text.isascii():
        return normalise(text)
    letters = sum(map(str.isalpha, text))
    if letters and len(ASCII_LETTER_RE.findall(text)) >= letters * ASCII_KEY_SHARE:
        return normalise(NON_ASCII_RE.sub(" ", text))
    return normalise(text)


def _is_teaser_copy(blocks: list[Block], keys: list[str], earlier: int, later: int) -> bool:
    following = earlier + 1
    if following >= later or later + 1 >= len(blocks):
        return False
    text = blocks[following].text
    if not TEASER_END_RE.search(text):
        return False
    stem = keys[following].rsplit(" ", 1)[0]
    return bool(stem) and keys[later + 1].startswith(stem)


def block_reason(
    index: int, blocks: list[Block], feats: list[Features], end: int, sandwiched: set[int] = frozenset()
) -> str | None:
    """Why a block inside the article run is not article text, or None to keep it."""
    f = feats[index]
    text = blocks[index].text
    if f.words == 0:
        return "no words"
    following = _next_content(index, feats, end)
    opens_section = is_heading_like(text) and following is not None and _opens_section(following, blocks, feats, end)
    if f.corpus_repeat and not opens_section:
        return "repeated across the corpus"  # a series' own section headings ("Key Considerations") stay
    if f.caption:
        return "caption"
    if f.boilerplate:
        return "boilerplate phrasing"
    if index in sandwiched:
        return "between furniture"
    if f.link_list:
        return "list of links"
    if BYLINE_START_RE.match(text) and f.words <= BYLINE_MAX_WORDS and not f.prose:
        return "byline"
    if f.truncated:
        # A teaser card is running text cut off; code or data without a full stop is left to the line model.
        reads_as_text = f.stop_density >= PROSE_STOP_DENSITY and f.punct_density <= PROSE_MAX_PUNCTUATION
        return "teaser" if reads_as_text or TEASER_END_RE.search(text) else "cut off"
    if f.prose or f.bullet or f.numbered or f.table_row or f.url or NUMBERED_REF_RE.match(text):
        return None
    if f.page_repeats > 1 and _next_to_copy(index, blocks):
        return "repeated line"  # a name or label shown twice in a row: an author box, a widget
    if opens_section:
        if not feats[following].prose and index > 0 and feats[index - 1].boilerplate:
            return "boilerplate phrasing"  # a label under "Subscribe to ...", above the real heading
        if feats[following].truncated:
            return "teaser"
        return None
    if f.words >= 4 and f.stop_density >= LOW_STOP_DENSITY:
        return None  # a short sentence or a line of a table
    return "short non-prose"


def _next_to_copy(index: int, blocks: list[Block]) -> bool:
    key = normalise(blocks[index].text)
    neighbours = blocks[max(0, index - 1) : index] + blocks[index + 1 : index + 2]
    return any(normalise(b.text) == key for b in neighbours)


def _opens_section(index: int, blocks: list[Block], feats: list[Features], end: int) -> bool:
    """Text follows: prose or a list, possibly under a sub-heading ("March" / "Meeting of Presidents" / text)."""
    f = feats[index]
    if f.prose or f.bullet or f.numbered:
        return True
    following = _next_content(index, feats, end)
    return (
        is_heading_like(blocks[index].text)
        and following is not None
        and (feats[following].prose or feats[following].bullet)
    )


def _next_content(index: int, feats: list[Features], end: int) -> int | None:
    for following in range(index + 1, min(end + 1, len(feats))):
        if feats[following].words:
            return following
    return None
