"""An Atom feed of the newest articles (site/feed.xml), built from the article records.

Honest dates: only articles that state their publication date are entries (an undated article
has no date to order it by, and giving it one would be invented; the articles index lists it as
undated), each dated by its own date, and the feed's "updated" is its newest entry's. Only a feed
without any dated article falls back to the build's fixed epoch (SOURCE_DATE_EPOCH). Deterministic:
entries are ordered by date then id, never by the clock, so rebuilds are byte-identical.
Links are absolute when mkdocs.yml says where the site is published (site_url: feed readers copy
entries elsewhere, and many resolve no relative link), else relative to the feed, which sits at
the site root (RFC 4287 resolves them against it).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from newswiki.models import Article

ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_NAME = "feed.xml"
#: Entries in the feed: readers poll for what is new, not for the archive.
FEED_ENTRIES = 50
#: Characters of article text in an entry's summary.
SUMMARY_CHARS = 400
#: Tag URI authority: stable ids that do not depend on where the site is hosted (RFC 4151).
TAG_AUTHORITY = "tag:newswiki,2024"
MARKDOWN_NOISE_RE = re.compile(r"\]\([^)]*\)|\[\^[^\]]*\]|[\\*_`#>\[\]]")
#: Characters XML 1.0 cannot carry at all; scraped text sometimes has them.
XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    return XML_INVALID_RE.sub("", text)


def plain_summary(body: str) -> str:
    text = " ".join(MARKDOWN_NOISE_RE.sub("", body).split())
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"


def timestamp(date: dt.date) -> str:
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def atom_feed(articles: list[Article], site_name: str, site_url: str | None = None, *, epoch: int) -> str:
    """The feed text: the newest dated articles; `epoch` (SOURCE_DATE_EPOCH) dates only a feed that has none.
    site_url: where the site is published (ending in "/"), for absolute links; None: relative ones."""
    base = site_url or ""
    ET.register_namespace("", ATOM_NS)
    dated = [a for a in articles if a.published]
    newest = sorted(dated, key=lambda a: (a.published, a.id), reverse=True)[:FEED_ENTRIES]
    if newest:
        updated = timestamp(newest[0].published)
    else:
        updated = dt.datetime.fromtimestamp(epoch, tz=dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    feed = ET.Element(f"{{{ATOM_NS}}}feed")
    ET.SubElement(feed, f"{{{ATOM_NS}}}title").text = xml_text(f"{site_name}: new articles")
    ET.SubElement(feed, f"{{{ATOM_NS}}}id").text = f"{TAG_AUTHORITY}:feed"
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", rel="self", href=base + FEED_NAME)
    ET.SubElement(feed, f"{{{ATOM_NS}}}link", rel="alternate", type="text/html", href=site_url or "./")
    ET.SubElement(feed, f"{{{ATOM_NS}}}updated").text = updated
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM_NS}}}author"), f"{{{ATOM_NS}}}name").text = xml_text(site_name)
    for article in newest:
        ex = article.extraction
        entry = ET.SubElement(feed, f"{{{ATOM_NS}}}entry")
        ET.SubElement(entry, f"{{{ATOM_NS}}}title").text = xml_text(article.title)
        ET.SubElement(entry, f"{{{ATOM_NS}}}id").text = f"{TAG_AUTHORITY}:articles/{article.id}"
        ET.SubElement(entry, f"{{{ATOM_NS}}}link", rel="alternate", type="text/html", href=f"{base}articles/{article.id}/")
        if ex.url and ex.url.startswith(("http://", "https://")):
            ET.SubElement(entry, f"{{{ATOM_NS}}}link", rel="via", href=xml_text(ex.url))
        stamp = timestamp(article.published)
        ET.SubElement(entry, f"{{{ATOM_NS}}}updated").text = stamp
        ET.SubElement(entry, f"{{{ATOM_NS}}}published").text = stamp
        for name in ex.authors or ((ex.publisher,) if ex.publisher else ()):
            ET.SubElement(ET.SubElement(entry, f"{{{ATOM_NS}}}author"), f"{{{ATOM_NS}}}name").text = xml_text(name)
        ET.SubElement(entry, f"{{{ATOM_NS}}}summary", type="text").text = xml_text(plain_summary(ex.body))
    ET.indent(feed, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
