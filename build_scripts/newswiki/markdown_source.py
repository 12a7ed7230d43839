"""A Markdown corpus file (`.md`, saved by a web clipper or written by hand) as the text a reader of
it sees, one block a paragraph, so cleaning and metadata read it as they read a page saved as text.

Read as text unchanged, its syntax stayed in the article ("# " in the title, "**" and link targets
escaped in the body) and a byline in emphasis was no byline. Headings become lines of their own,
list items "- " lines, tables "a | b" rows; links and images leave their text; raw HTML and code
leave nothing active (the text is escaped again like any text file's). A front matter block's
title, author, date and source become the lines a saved page shows them as.
"""

from __future__ import annotations

import datetime as dt

from markdown_it import MarkdownIt

from newswiki import safe_yaml

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
#: Front matter fields, as clippers name them, and the line each is shown as.
FRONT_MATTER_LINES = (
    (("title",), "{}"),
    (("source", "url"), "{}"),
    (("author", "authors", "byline"), "By {}"),
    (("published", "date", "created"), "{}"),
)


def markdown_as_text(text: str, source: str = "page") -> str:
    """The text of a Markdown document, with the lines of its front matter first."""
    head = front_matter_lines(text, source)
    body = text[safe_yaml.front_matter_end(text) :]
    blocks = document_blocks(MarkdownIt("commonmark").enable("table").parse(body))
    if head and blocks and head[0] == blocks[0]:
        head, blocks = [blocks[0], *head[1:]], blocks[1:]  # the headline, then its byline and date
    return "\n\n".join([*head, *blocks]) + "\n"


def front_matter_lines(text: str, source: str) -> list[str]:
    fields = safe_yaml.front_matter_fields(text, source) or {}
    lines = []
    for names, shown in FRONT_MATTER_LINES:
        value = next((fields[n] for n in names if n in fields), None)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value if isinstance(v, (str, int)))
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()[:10]
        if isinstance(value, str) and value.strip() and "\n" not in value.strip():
            lines.append(shown.format(value.strip()))
    return lines


def document_blocks(tokens) -> list[str]:
    """Each block's text: headings, paragraphs, list items ("- "), table rows, code lines."""
    blocks: list[str] = []
    items = 0  # list items open around the token
    row: list[str] | None = None  # the cells of the table row being read
    previous = ""
    for token in tokens:
        if token.type in ("bullet_list_open", "ordered_list_open") and not items:
            blocks.append("")  # a new list: a block of its own
        elif token.type == "list_item_open":
            items += 1
        elif token.type == "list_item_close":
            items -= 1
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            blocks.append(" | ".join(row))
            row = None
        elif token.type == "inline" and row is not None:
            row.append(inline_text(token))
        elif token.type == "inline":
            line = inline_text(token)
            if line and items and blocks and blocks[-1].startswith("- ") and previous == "list_item_open":
                blocks[-1] += "\n- " + line  # the items of one list stay one block, as a saved page has them
            else:
                blocks.append(("- " if items else "") + line if line else "")
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
        if token.type not in ("paragraph_open", "paragraph_close"):
            previous = token.type
    return [b for b in blocks if b.strip()]


def inline_text(token) -> str:
    """What a reader sees of an inline run: its text and code, links' and images' words, no raw HTML."""
    parts = []
    hidden = False  # inside raw <script> or <style>
    for child in token.children or ():
        if child.type == "html_inline":
            tag = child.content.lower()
            hidden = tag.startswith(("<script", "<style")) or (hidden and not tag.startswith(("</script", "</style")))
        elif hidden:
            continue
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "image":
            parts.append("".join(c.content for c in child.children or () if c.type == "text"))
    return "".join(parts).strip()
