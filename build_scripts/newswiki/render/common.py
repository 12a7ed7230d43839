"""What every page shares: front matter, safe titles and link texts, dates, entity references."""

from __future__ import annotations

import datetime as dt
import html
from functools import lru_cache

import yaml
from anyascii import anyascii
from slugify import slugify

from newswiki.markdown import escape_inline


TYPE_HEADINGS = {"person": "People", "organization": "Organisations", "place": "Places", "event": "Events"}


#: libyaml's emitter when PyYAML has it: the same YAML, ten times faster than the pure-Python one.
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(fields: dict) -> str:
    clean = {k: v for k, v in fields.items() if v not in (None, [], "")}
    return "---\n" + yaml.dump(clean, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def safe_title(text: str) -> str:
    """Titles end up in HTML headers and search results unescaped by MkDocs; escape them here."""
    return html.escape(text, quote=False)


@lru_cache(maxsize=2**16)
def link_text(text: str) -> str:
    """Text for the label of a Markdown link: escaped like the body."""
    return escape_inline(text)


def date_text(date: dt.date | None) -> str:
    return date.isoformat() if date else "undated"


def anchor(text: str) -> str:
    """The id of a publisher's or author's heading on the index pages, set explicitly with attr_list."""
    return "by-" + (slugify(anyascii(text)) or "unnamed")
