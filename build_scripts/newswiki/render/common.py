"""What every page shares: front matter, safe titles and link texts, dates, entity references."""

from __future__ import annotations

import datetime as dt
import html
import re
from functools import lru_cache

import yaml
from anyascii import anyascii
from slugify import slugify

from newswiki.markdown import escape_inline, plain_text
from newswiki.sanitize import title_html


TYPE_HEADINGS = {
    "person": "People", "organization": "Organisations", "place": "Places", "event": "Events", "product": "Products",
    "work": "Works",
}


#: libyaml's emitter when PyYAML has it: the same YAML, ten times faster than the pure-Python one.
YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(fields: dict) -> str:
    clean = {k: v for k, v in fields.items() if v not in (None, [], "")}
    return "---\n" + yaml.dump(clean, Dumper=YAML_DUMPER, allow_unicode=True, sort_keys=False, width=1000) + "---\n"


def safe_title(text: str) -> str:
    """A title (text) for a page's front matter: MkDocs and Material print it raw, so it is written
    escaped, in the one form sanitize.title_html leaves as it is (one line)."""
    return title_html(html.escape(text, quote=False))


@lru_cache(maxsize=2**16)
def link_text(text: str) -> str:
    """Text for the label of a Markdown link: escaped like the body."""
    return escape_inline(text)


def date_text(date: dt.date | None) -> str:
    return date.isoformat() if date else "undated"


def date_span(dates) -> str:
    """"2022-01-05 to 2023-12-01"; one day once ("2023-12-01", never "2023-12-01 to 2023-12-01")."""
    first, last = min(dates), max(dates)
    return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"


def anchor(text: str) -> str:
    """The id of a publisher's or author's heading on the index pages, set explicitly with attr_list."""
    return "by-" + (slugify(anyascii(text)) or "unnamed")


#: A page's meta description (search engines, link previews): its first sentence, at most this long.
DESCRIPTION_CHARS = 200
MARKDOWN_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
EMPHASIS_RE = re.compile(r"(?<!\\)(\*\*|__|\*|_)")
SENTENCE_END_RE = re.compile(r"(?<=[.!?…])[\"”’»)]*(?:\s|$)")
#: A full stop that ends a word, not a sentence: a one-letter word, initial or dotted acronym
#: (J. Smith, U.S., г. Минск) or a short capitalised word without a vowel (Mr., Dr., St.).
ABBREVIATION_RE = re.compile(r"(?:\b[^\W\d_]|\b[A-Z][b-df-hj-np-tv-z]{1,2})\.$")
NOT_PROSE_RE = re.compile(r"^(?:#|\||<|\[\^|```|~~~|!\[|\{:)")


def first_sentence(body: str) -> str:
    """The first sentence of an article's first paragraph of prose, as plain text, for its meta description."""
    for block in re.split(r"\n[ \t]*\n", body):
        block = block.strip()
        if not block or NOT_PROSE_RE.match(block):
            continue
        text = " ".join(plain_text(EMPHASIS_RE.sub("", MARKDOWN_LINK_RE.sub(r"\1", block))).split())
        sentence = sentence_at_start(text)
        if len(sentence) > DESCRIPTION_CHARS:
            sentence = sentence[:DESCRIPTION_CHARS].rsplit(" ", 1)[0] + " …"
        if sentence:
            return sentence
    return ""


def sentence_at_start(text: str) -> str:
    """text up to the end of its first sentence (with the quote or bracket that closes it): a stop
    followed by a word in lower case, or after an abbreviation, does not end it."""
    for end in SENTENCE_END_RE.finditer(text):
        following = text[end.end() :].lstrip("\"“‘«(")
        stop = text[: end.start()].rstrip("\"”’»)")
        if following[:1].islower() or (stop.endswith(".") and ABBREVIATION_RE.search(stop)):
            continue
        return text[: end.end()].rstrip()
    return text


@lru_cache(maxsize=256)
def language_name(code: str) -> str:
    """A language's English name (ru -> Russian) for the search filter; the code when unknown."""
    try:
        from babel import Locale

        return Locale.parse(code.replace("-", "_")).get_display_name("en") or code
    except Exception:  # babel missing or the code unknown to it: the code reads well enough
        return code


#: Search filters are words Pagefind indexes on each page ("nwfyear2023"), added to the query by the
#: search box: Pagefind 1.5 writes its own filter index (data-pagefind-filter) in hash-map order,
#: so a site with filters was different on every build; words keep it byte-identical.
FACET_PREFIX = "nwf"
FACET_KINDS = {"type": "type", "publisher": "pub", "year": "year", "language": "lang"}


def facet_token(kind: str, value: str) -> str:
    """The word standing for one filter value: ASCII letters and digits only, so Pagefind keeps it whole."""
    return FACET_PREFIX + FACET_KINDS[kind] + re.sub(r"[^a-z0-9]", "", anyascii(value).lower())


def search_facets(filters: dict[str, str | None], meta: dict[str, str | None]) -> str:
    """A page's search filter words (indexed, never shown) and its result metadata for Pagefind
    (inside data-pagefind-ignore, which still lets Pagefind read metadata)."""
    tokens = " ".join(facet_token(kind, value) for kind, value in filters.items() if value)
    spans = "".join(f'<span data-pagefind-meta="{key}">{html.escape(value)}</span>' for key, value in meta.items() if value)
    ignored = f"<span data-pagefind-ignore>{spans}</span>" if spans else ""
    return f'<div class="nw-facets" aria-hidden="true">{ignored}<span class="nw-facet-words">{tokens}</span></div>\n'
