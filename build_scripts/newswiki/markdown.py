"""The Markdown rules every stage shares: corpus text escaped into inline Markdown, body Markdown
back to the plain text NER reads, paragraph anchors, and the markers of a page's generated block."""

from __future__ import annotations

import re


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


def plain_text(markdown: str) -> str:
    """The words a reader sees, from the body Markdown: escapes undone, markup dropped.

    Offsets into this text are what Mention.start/end refer to.
    """
    text = FOOTNOTE_REF_RE.sub("", markdown)
    text = re.sub(r"^#{1,6}\s+|^- ", "", text, flags=re.M)
    text = MARKDOWN_ESCAPE_RE.sub(r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
