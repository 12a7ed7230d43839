"""Kept blocks as Markdown: headings, bullet lists, footnotes, paragraphs."""

from __future__ import annotations

import re

from newswiki.models import Block
from newswiki.markdown import escape_inline
from newswiki.clean.phrases import SENTENCE_END_RE
from newswiki.clean.lines import BULLET_RE, is_heading_like, is_prose
from newswiki.clean.furniture import NUMBERED_REF_RE


def join_wrapped_lines(blocks: list[Block]) -> list[Block]:
    """One paragraph hard-wrapped over adjacent lines becomes one block again: a line that does
    not end a sentence, followed directly by one that starts in lower case."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and block.line == previous.line + 1 + previous.text.count("\n")
            and not SENTENCE_END_RE.search(previous.text)
            and block.text[0].islower()
            and not BULLET_RE.match(block.text)
        ):
            joined[-1] = Block(previous.line, previous.text + "\n" + block.text)
        else:
            joined.append(block)
    return [Block(b.line, b.text.replace("\n", " ")) for b in joined]


def to_markdown(blocks: list[Block]) -> str:
    """Kept blocks as Markdown: headings, bullet lists, footnotes, paragraphs."""
    parts: list[str] = []
    footnotes: list[str] = []
    previous_was_item = False
    texts = [b.text for b in join_wrapped_lines(blocks)]
    body_has_markers = any(re.search(r"\[\d{1,3}\]", t) for t in texts)
    for index, text in enumerate(texts):
        following = texts[index + 1] if index + 1 < len(texts) else ""
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
        if reference and body_has_markers and index > len(texts) // 2:
            footnotes.append(f"[^{reference.group(1)}]: {escape_inline(reference.group(2))}")
            continue
        if _is_heading(text, following):
            parts.append(f"## {escape_inline(text)}")
        else:
            parts.append(escape_inline(text))
    body = "\n\n".join(parts)
    if footnotes:
        numbers = {f.split("]")[0][2:] for f in footnotes}
        body = re.sub(r"\s?\\\[(\d{1,3})\\\]", lambda m: f"[^{m.group(1)}]" if m.group(1) in numbers else m.group(0), body)
        body += "\n\n" + "\n\n".join(footnotes)
    return body.strip() + "\n"


def _is_heading(text: str, following: str) -> bool:
    """A short title line followed by text, a list or a sub-heading (the last line never is)."""
    opens = is_prose(following) or BULLET_RE.match(following) or is_heading_like(following)
    return bool(following) and is_heading_like(text) and not is_prose(text) and bool(opens)
