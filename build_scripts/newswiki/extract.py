"""Stages 2 and 3 for one file: clean finds the article's body, metadata reads the page around it.

A pure function of the decoded file (and its sidecar), so its result can be cached and computed
in any process.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from newswiki import clean, limits, metadata, sanitize
from newswiki.site_title import SEPARATOR_RE, without_site_name
from newswiki.language import detect_language
from newswiki.clean.lines import normalise
from newswiki.metadata import Sidecar
from newswiki.models import CleanResult, Extraction, SourceFile


def extract(source: SourceFile, corpus_lines: frozenset[str] = frozenset(), sidecar: Sidecar | None = None) -> Extraction:
    """Clean and metadata for one decoded file: a pure function of its text (and its sidecar).

    corpus_lines: lines repeated across many corpus files (clean.corpus_boilerplate), which
    are the sites' furniture. sidecar: the file's corpus/<name>.yml, whose fields win.
    """
    extraction = extract_html(source) if source.kind == "html" else extract_text(source, corpus_lines)
    if extraction.body.strip() and only_the_title(extraction.body, extraction.title):
        extraction = dataclasses.replace(extraction, body="\n", warnings=(*extraction.warnings, "no article text found"))
    extraction = dataclasses.replace(extraction, language=detect_language(extraction.body))
    return metadata.apply_sidecar(extraction, sidecar) if sidecar else extraction


def extract_text(source: SourceFile, corpus_lines: frozenset[str] = frozenset()) -> Extraction:
    """A text dump: clean finds the body; metadata reads the head above it and the foot below."""
    cleaned = clean.clean_text(source.text, corpus_lines)
    blocks, first_body = cleaned.blocks, cleaned.first_body_line
    at = _headline_index(cleaned)
    headline = blocks[at] if at is not None else None
    head = metadata.head_blocks(blocks, first_body, at)
    # Author boxes sit at the very end of the article text or just below it.
    foot = list(blocks[max(first_body, cleaned.last_body_line - metadata.FOOT_OVERLAP) :])
    near_body = metadata.near_body(blocks, first_body, cleaned.last_body_line, at)
    page_title = blocks[0].text if blocks else None
    warnings = list(source.warnings) + list(cleaned.warnings)
    title = metadata.find_title(head, headline, page_title)
    body = sanitize.break_long_lines(_drop_leading_title(cleaned.body, title))
    if not body.strip():
        warnings.append("no article text found")
    outside = {i for i, d in enumerate(cleaned.decisions) if not d.kept}
    site = metadata.site_name(page_title, headline.text if headline else None) if page_title else None
    published = metadata.find_published(head, headline, near_body, page_title, metadata.labelled_date(blocks))
    authors = metadata.find_authors(head, foot, title)
    return Extraction(
        source=source.source,
        title=title or metadata.fallback_title(source.name),
        authors=authors,
        published=published.day if published else None,
        publisher=metadata.find_publisher(blocks, outside, site),
        url=metadata.find_url(blocks, first_body),
        body=body,
        warnings=tuple(warnings),
        removed=cleaned.removed,
        decisions=cleaned.decisions,
        published_range=published.period if published else None,
        affiliations=metadata.find_affiliations(head, foot, authors),
    )


def only_the_title(body: str, title: str) -> bool:
    """A body that is the title again (a file holding a headline and nothing else) has no article text."""
    return normalise(body) == normalise(title)


def _headline_index(cleaned: CleanResult) -> int | None:
    """The block repeating the page title: its copy nearest above the body, else the cleaner's
    headline, else (the body was not found where the headline is) its first copy below."""
    return metadata.repeated_page_title(cleaned.blocks, cleaned.first_body_line, cleaned.headline)


def _drop_leading_title(body: str, title: str | None) -> str:
    """The page shows the title above the body; the body does not repeat it as its first line."""
    if not title:
        return body
    first, _, rest = body.partition("\n\n")
    if normalise(first) == normalise(title) and rest.strip():
        return rest
    return body


def extract_html(source: SourceFile) -> Extraction:
    """An HTML page: trafilatura finds the body and the page's own metadata."""
    body, fields = clean.clean_html(source.text)
    body = sanitize.break_long_lines(body)  # Markdown slows down sharply on very long lines
    published = None
    if fields.get("date"):
        try:
            published = dt.date.fromisoformat(str(fields["date"])[:10])
        except ValueError:
            published = None
        if published is not None and limits.date_problem(published):
            published = None
    authors = tuple(a.strip() for a in str(fields.get("author") or "").split(";") if a.strip())
    warnings = list(source.warnings) + ([] if body.strip() else ["no article text found"])
    removed = max(0, len(clean.html_visible_text(source.text)) - len(body))
    publisher = fields.get("sitename") or None
    title = str(fields.get("title") or "")
    if title and (SEPARATOR_RE.search(title) or ":" in title):
        title = without_site_name(title, publisher, *clean.page_headings(source.text))
    return Extraction(
        source=source.source,
        title=title or metadata.fallback_title(source.name),
        authors=authors,
        published=published,
        publisher=publisher,
        url=sanitize.safe_url(str(fields.get("url") or "")) or None,
        body=body.strip() + "\n",
        warnings=tuple(warnings),
        removed={"outside the article": removed} if removed else {},
    )
