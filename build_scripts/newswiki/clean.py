"""Stage 2: find the article inside a whole saved page and turn it into clean Markdown.

Text dumps are split into blocks (one per line); each block is scored on what it
is (length, sentence shape, repetition, boilerplate phrasing) and the article is
the densest run of kept blocks. HTML goes through trafilatura.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ftfy

from newswiki.models import Decision

#: A line with at least this many words and sentence punctuation reads as prose.
PROSE_MIN_WORDS = 12
#: Headings are short: at most this many words and no final full stop.
HEADING_MAX_WORDS = 16
#: Gap (in non-prose blocks) that may sit inside the article without ending it.
MAX_GAP = 4

BULLET_RE = re.compile(r"^\s*(?:[•·▪●◦‣∙]|[-*–](?=\s))\s*")
NUMBERED_REF_RE = re.compile(r"^\s*(\d{1,3})[.)]\s+(\S.*)$")
WORD_RE = re.compile(r"\w+", re.UNICODE)
TEASER_END_RE = re.compile(r"(…|\.\.\.)\s*$")
#: Phrases that mark page furniture in any site; matched on whole short blocks.
BOILERPLATE_RE = re.compile(
    r"(subscribe|newsletter|sign(ed)? up|cookie|skip to content|read more|view all|"
    r"all rights reserved|privacy policy|terms of (use|service)|indicates required|"
    r"support (us|independent)|become a member|donat|share (this|on)|follow us|"
    r"advertis|log ?in|register|back to (full )?list|enter your email|editors'? picks|"
    r"^\s*(search|menu|home|top|x|rus|eng)\s*$|successfully subscribed|thank you for signing|"
    r"escort|casino|\bbet\b|reads$|min read$|\bphoto:|getty images|/afp|via reuters)",
    re.IGNORECASE,
)
#: Letters typical of UTF-8 or cp1251 text read with the wrong single-byte code page.
MOJIBAKE_RE = re.compile(r"[ÐÑÃÂ][\x80-\xbf\u0400-\u04ff\u2010-\u203a]|[àáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ]{4,}")


@dataclass(frozen=True)
class Block:
    line: int
    text: str


@dataclass(frozen=True)
class CleanResult:
    body: str
    decisions: tuple[Decision, ...]
    removed: dict[str, int]
    warnings: tuple[str, ...]
    first_body_line: int  # index into blocks of the first kept block; metadata looks above it
    blocks: tuple[Block, ...]


def repair_encoding(text: str) -> str:
    """ftfy first; then undo cp1251 bytes read as Latin-1/cp1252, which ftfy leaves alone."""
    text = ftfy.fix_text(text, normalization="NFC")
    return MOJIBAKE_LINE_RE.sub(lambda m: _cp1251_roundtrip(m.group(0)), text)


MOJIBAKE_LINE_RE = re.compile(r"[\u00c0-\u00ff][\u00c0-\u00ff ]*[\u00c0-\u00ff]")


def _cp1251_roundtrip(run: str) -> str:
    letters = [ch for ch in run if ch != " "]
    if len(letters) < 4:
        return run
    for codec in ("cp1252", "latin-1"):
        try:
            fixed = run.encode(codec).decode("cp1251")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if all("\u0400" <= ch <= "\u04ff" or ch == " " for ch in fixed):
            return fixed
    return run


def split_blocks(text: str) -> list[Block]:
    blocks = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = " ".join(raw.split())
        if stripped:
            blocks.append(Block(number, stripped))
    return blocks


def words(text: str) -> list[str]:
    return WORD_RE.findall(text)


def is_prose(text: str) -> bool:
    return len(words(text)) >= PROSE_MIN_WORDS and bool(re.search(r"[.!?:;»”\"')]\s*$|[.!?]\s", text))


def is_heading_like(text: str) -> bool:
    n = len(words(text))
    return 1 <= n <= HEADING_MAX_WORDS and not text.endswith((".", ",", ";", "…")) and text[0].isupper()


def block_reason(block: Block, seen: dict[str, int]) -> str | None:
    """Why a block is page furniture, or None when it may be article text."""
    key = normalise(block.text)
    if not key:
        return "no words"
    if seen.get(key, 0) > 1:
        return "duplicate"
    if len(words(block.text)) <= 12 and BOILERPLATE_RE.search(block.text):
        return "boilerplate"
    if BOILERPLATE_RE.search(block.text) and re.search(r"escort|casino", block.text, re.I):
        return "spam"
    return None


def normalise(text: str) -> str:
    return " ".join(w.lower() for w in words(text))


def clean_text(text: str) -> CleanResult:
    """The article body of a plain-text page dump as Markdown, with a decision per block."""
    warnings: list[str] = []
    repaired = repair_encoding(text)
    if MOJIBAKE_RE.search(repaired):
        warnings.append("some text still looks garbled (mojibake) after repair")
    blocks = split_blocks(repaired)
    counts: dict[str, int] = {}
    for block in blocks:
        key = normalise(block.text)
        counts[key] = counts.get(key, 0) + 1

    start, end = densest_run(blocks, counts)
    decisions: list[Decision] = []
    removed: dict[str, int] = {}
    kept: list[Block] = []
    seen_paragraphs: set[str] = set()
    for index, block in enumerate(blocks):
        reason = None
        if index < start or index > end:
            reason = "outside the article"
        else:
            reason = block_reason(block, {})
            key = normalise(block.text)
            if reason is None and len(words(block.text)) >= 6 and key in seen_paragraphs:
                reason = "duplicate"
            if reason is None and is_teaser(block, blocks, index):
                reason = "teaser"
            seen_paragraphs.add(key)
        if reason is None:
            kept.append(block)
            decisions.append(Decision(block.line, block.text, True, "article text"))
        else:
            removed[reason] = removed.get(reason, 0) + len(block.text)
            decisions.append(Decision(block.line, block.text, False, reason))
    body = to_markdown(kept)
    return CleanResult(body, tuple(decisions), removed, tuple(warnings), start, tuple(blocks))


def is_teaser(block: Block, blocks: list[Block], index: int) -> bool:
    """A related-article teaser: a prose block cut off with an ellipsis, usually under its own headline."""
    return bool(TEASER_END_RE.search(block.text)) and len(words(block.text)) >= 8


def densest_run(blocks: list[Block], counts: dict[str, int]) -> tuple[int, int]:
    """Indices (inclusive) of the longest stretch of prose, allowing short non-prose gaps."""
    best = (0, len(blocks) - 1, 0)
    run_start = None
    run_score = 0
    gap = 0
    last_prose = None
    for index, block in enumerate(blocks):
        prose = is_prose(block.text)
        if prose and not (BOILERPLATE_RE.search(block.text) and len(words(block.text)) < 40):
            if run_start is None:
                run_start = index
                run_score = 0
            run_score += len(block.text)
            gap = 0
            last_prose = index
            if run_score > best[2]:
                best = (run_start, index, run_score)
        elif run_start is not None:
            gap += 1
            if gap > MAX_GAP:
                run_start, run_score, gap, last_prose = None, 0, 0, None
    start, end, _ = best
    # Headings, bullets and short paragraphs right before the first prose block belong to it.
    return start, end


def to_markdown(blocks: list[Block]) -> str:
    """Kept blocks as Markdown: headings, bullet lists, footnotes, paragraphs."""
    parts: list[str] = []
    footnotes: list[str] = []
    previous_was_item = False
    for index, block in enumerate(blocks):
        text = block.text
        following = blocks[index + 1].text if index + 1 < len(blocks) else ""
        if BULLET_RE.match(text):
            item = BULLET_RE.sub("", text)
            if previous_was_item:
                parts[-1] += f"\n- {escape_inline(item)}"
            else:
                parts.append(f"- {escape_inline(item)}")
            previous_was_item = True
            continue
        previous_was_item = False
        reference = NUMBERED_REF_RE.match(text)
        if reference and index > len(blocks) // 2:
            footnotes.append(f"[^{reference.group(1)}]: {escape_inline(reference.group(2))}")
            continue
        if is_heading_like(text) and not is_prose(text) and following and is_prose(following):
            parts.append(f"## {escape_inline(text)}")
        else:
            parts.append(escape_inline(text))
    body = "\n\n".join(parts)
    if footnotes:
        numbers = {f.split("]")[0][2:] for f in footnotes}
        body = re.sub(r"\s?\\\[(\d{1,3})\\\]", lambda m: f"[^{m.group(1)}]" if m.group(1) in numbers else m.group(0), body)
        body += "\n\n" + "\n\n".join(footnotes)
    return body.strip() + "\n"


#: Escaped with a backslash wherever they stand (Python-Markdown's escapable characters).
MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_\[\]{}])")
#: Syntax only some extensions know (tables, strikethrough, mark, caret, keys) is not
#: backslash-escapable everywhere: written as numeric character references instead.
ENTITY_CHARS_RE = re.compile(r"\||~~+|==+|\^\^+|\+\++")
#: Line starts that would make a block (heading, list, quote, rule, fence, admonition,
#: definition, setext underline): the first special character is escaped.
LINE_START_ESCAPES = (
    (re.compile(r"^(\d+)([.)])"), lambda m: f"{m.group(1)}\\{m.group(2)}"),  # "1. " ordered list
    (re.compile(r"^([#+\-!])"), lambda m: f"\\{m.group(1)}"),  # heading, list, rule, admonition
    (re.compile(r"^([?:%~=])"), lambda m: f"&#{ord(m.group(1))};"),  # details, definition, fence, underline
)
#: Control characters (and Unicode line/paragraph separators) end lines or are invalid in HTML.
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
SPACES_RE = re.compile(r" {2,}")


def escape_inline(text: str) -> str:
    """Corpus text stays text: one line of Markdown that renders back to exactly this text.

    HTML and Markdown syntax characters are escaped, whitespace (including line
    breaks and control characters) is collapsed to single spaces, and a line start
    that Markdown would read as block syntax is escaped.
    """
    text = SPACES_RE.sub(" ", CONTROL_RE.sub(" ", text)).strip(" ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = MARKDOWN_SPECIAL_RE.sub(r"\\\1", text)
    text = ENTITY_CHARS_RE.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(0)), text)
    for pattern, replace in LINE_START_ESCAPES:
        text, n = pattern.subn(replace, text, count=1)
        if n:
            break
    return text


def clean_html(html: str) -> tuple[str, dict]:
    """The article of an HTML page via trafilatura: Markdown body and the page's own metadata."""
    import trafilatura  # imported here: it is slow to import and only HTML input needs it

    body = trafilatura.extract(
        html, output_format="markdown", include_comments=False, include_tables=True, favor_precision=False
    ) or ""
    meta = trafilatura.extract_metadata(html)
    fields = meta.as_dict() if meta is not None else {}
    return body, fields
