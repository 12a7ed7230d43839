"""The Markdown rules every stage shares: corpus text escaped into inline Markdown, body Markdown
back to the plain text NER reads, paragraph anchors, and the markers of a page's generated block."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable


#: Marks the part of an entity page the build owns; text outside it is the contributors'.
GENERATED_BEGIN = "<!-- newswiki:generated:begin — edit outside this block; it is rewritten by every build -->"
GENERATED_END = "<!-- newswiki:generated:end -->"


BLOCK_SEPARATOR_RE = re.compile(r"\n[ \t]*\n+")
#: Blocks that can carry a paragraph anchor: not headings, lists, tables, quotes, code, HTML or footnotes.
NOT_PARAGRAPH_RE = re.compile(r"^(?:#|[-+*]\s|\d+[.)]\s|\||>|```|~~~|    |\t|<|\[\^|\{:)")


def anchor_id(block: int) -> str:
    return f"p{block + 1}"


def anchored_blocks(body: str) -> set[int]:
    """The blocks of a body that get an anchor id (plain paragraphs)."""
    blocks = BLOCK_SEPARATOR_RE.split(body)
    return {i for i, block in enumerate(blocks) if block.strip() and not NOT_PARAGRAPH_RE.match(block.lstrip(" "))}


#: Escaped with a backslash wherever they stand (Python-Markdown's escapable characters).
MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_\[\]{}])")
#: Syntax only some extensions know (tables, strikethrough, mark, caret, keys) is not
#: backslash-escapable everywhere: written as numeric character references instead.
ENTITY_CHARS_RE = re.compile(r"\||~~+|==+|\^\^+|\+\++")
#: Line starts that would make a block (heading, list, quote, rule, fence, admonition,
#: definition, setext underline): the first special character is escaped.
LINE_START_ESCAPES = (
    (re.compile(r"^( ?)(\d+)([.)])"), lambda m: f"{m.group(1)}{m.group(2)}\\{m.group(3)}"),  # "1. " ordered list
    (re.compile(r"^( ?)([#+\-!])"), lambda m: f"{m.group(1)}\\{m.group(2)}"),  # heading, list, rule, admonition
    (re.compile(r"^( ?)(\?(?=\?\?)|[:~=])"), lambda m: f"{m.group(1)}&#{ord(m.group(2))};"),  # details, definition, fence
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
    # (spaces at the ends stay: callers join escaped pieces, e.g. a snippet around a bold name)
    text = SPACES_RE.sub(" ", CONTROL_RE.sub(" ", text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = MARKDOWN_SPECIAL_RE.sub(r"\\\1", text)
    text = ENTITY_CHARS_RE.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(0)), text)
    for pattern, replace in LINE_START_ESCAPES:
        text, n = pattern.subn(replace, text, count=1)
        if n:
            break
    return text


MARKDOWN_ESCAPE_RE = re.compile(r"\\([\\`*_\[\]{}|#+\-.!()>])")
FOOTNOTE_REF_RE = re.compile(r"\[\^\d+\]")
HTML_ENTITIES = {"&lt;": "<", "&gt;": ">", "&amp;": "&"}
#: From body Markdown to plain text, in order: footnote references, heading and list marks, escapes,
#: entities; each dropped, or replaced by a function of the match (faster than a template's expand).
PLAIN_TEXT_STEPS: tuple[tuple[re.Pattern, str | Callable[[re.Match], str]], ...] = (
    (FOOTNOTE_REF_RE, ""),
    (LINE_MARKS_RE := re.compile(r"^#{1,6}\s+|^- ", re.M), ""),
    (MARKDOWN_ESCAPE_RE, lambda m: m.group(1)),
    (re.compile("&(?:lt|gt|amp);"), lambda m: HTML_ENTITIES[m.group(0)]),
)


def plain_text(markdown: str) -> str:
    """The words a reader sees, from the body Markdown: escapes undone, markup dropped.

    Offsets into this text are what Mention.start/end refer to.
    """
    text = markdown
    for pattern, replacement in PLAIN_TEXT_STEPS:
        text = without_line_marks(text) if pattern is LINE_MARKS_RE else pattern.sub(replacement, text)
    return text


LINE_MARK_RE = re.compile(r"#{1,6}\s+|- ")
LINE_MARK_START_RE = re.compile(r"\n(?=#|- )")


def without_line_marks(text: str) -> str:
    """LINE_MARKS_RE.sub("", text), tried only where a line begins with "#" or "- ": the multi-line
    pattern tried every place of the text, half the time of plain_text."""
    starts = [0] if text.startswith(("#", "- ")) else []
    starts += [newline.end() for newline in LINE_MARK_START_RE.finditer(text)]
    if not starts:
        return text
    pieces, done = [], 0
    for at in starts:
        mark = LINE_MARK_RE.match(text, at) if at >= done else None  # a mark's whitespace may run over lines
        if mark is not None:
            pieces.append(text[done:at])
            done = mark.end()
    pieces.append(text[done:])
    return "".join(pieces)


class PlainText:
    """plain_text(markdown), with the way back: where a span of the plain text is in the Markdown
    (the article pages link an entity at the place resolve found it in the plain text)."""

    def __init__(self, markdown: str) -> None:
        # Per step, its edits: (start, end) in its output, (start, end) of what it replaced in its input.
        self.steps: list[tuple[list[int], list[tuple[int, int, int, int]]]] = []
        text = markdown
        for pattern, replacement in PLAIN_TEXT_STEPS:
            pieces, edits, done, shift = [], [], 0, 0
            for match in pattern.finditer(text):
                new = replacement(match) if callable(replacement) else replacement
                start = match.start() + shift
                pieces += [text[done : match.start()], new]
                edits.append((start, start + len(new), match.start(), match.end()))
                shift += len(new) - (match.end() - match.start())
                done = match.end()
            pieces.append(text[done:])
            text = "".join(pieces)
            self.steps.append(([edit[0] for edit in edits], edits))
        self.text = text

    def markdown_span(self, start: int, end: int) -> tuple[int, int]:
        """The Markdown that plain text[start:end] comes from: a replaced piece (an escape, an
        entity) whole, the marks dropped right before start or right after end left out."""
        for starts, edits in reversed(self.steps):
            at = bisect.bisect_right(starts, start) - 1  # the last edit beginning at or before start
            if at >= 0:
                _, out_end, in_start, in_end = edits[at]
                start = in_start if start < out_end else start - out_end + in_end
            at = bisect.bisect_right(starts, end - 1) - 1  # ... before the span's last character
            if at >= 0:
                _, out_end, _, in_end = edits[at]
                end = in_end if end - 1 < out_end else end - out_end + in_end
        return start, max(start, end)
