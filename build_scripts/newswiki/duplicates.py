"""One page saved twice (as .txt and as .html, or captured twice) is one article.

Each article's text gets a fingerprint in the per-article stage (cached with it): the smallest
hashes of its runs of five words. Articles that share two of them, or state the same URL, are
compared in full: the same page when at least 80% of the shorter text's five-word runs are in the
other's and either the two texts are mostly the same (Jaccard 0.5) or they have the same headline
or URL. A digest that quotes a whole article has another headline and much more text, so it is
not the article's copy; two files of one kind (both text, both HTML) that state different dates are
a story published twice, not one page (a text file and an HTML file of one page may disagree by a
day: the HTML's declared date is another reading). On the extraction dev sets (131 pages saved both ways) this finds 126 of
the pairs and no two different pages (the most alike shared 14% of the shorter one's runs).

Of each set of copies one is published: the one published before (its page and URL stay), else
the HTML (it states its URL and metadata), else the first by file name; a warning names the others.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Collection, Sequence

from newswiki.markdown import plain_text
from newswiki.models import ArticleResult
from newswiki.slugs import slug

#: Words in a run (shingle).
RUN = 5
#: Hashes kept per article: the smallest ones of its runs.
FINGERPRINT_SIZE = 16
#: Fingerprint hashes two articles must share to be compared in full.
SHARED_TO_COMPARE = 2
#: A hash in more fingerprints than this is a common phrase, not evidence of a copy.
COMMON_HASH = 50
CONTAINED = 0.8
ALIKE = 0.5
WORD_RE = re.compile(r"\w+")
#: Separators between a headline and its site's name in a page title ("Headline | Site").
TITLE_PARTS_RE = re.compile(r"\s+[|–—-]\s+|\s+::\s+")


def runs(text: str) -> set[str]:
    words = WORD_RE.findall(text.casefold())
    return {" ".join(words[i : i + RUN]) for i in range(max(0, len(words) - RUN + 1))}


def fingerprint(text: str) -> tuple[int, ...]:
    """The smallest hashes of the text's runs of five words (the same text always gives the same);
    text: the article's plain text (markdown.plain_text of its body)."""
    return tuple(sorted({zlib.crc32(run.encode("utf-8")) for run in runs(text)})[:FINGERPRINT_SIZE])


def url_key(url: str | None) -> str | None:
    """The URL without scheme, www., fragment or trailing slash; None for a site's home page."""
    if not url:
        return None
    key = re.sub(r"^[a-z]+://(www\.)?", "", url.strip().casefold()).split("#")[0].rstrip("/")
    return key if "/" in key else None


def headlines(title: str) -> set[str]:
    """The title's slug and its longest part's ("Headline | Site" -> the headline; a site's name,
    which its other pages share, is the shorter part)."""
    parts = sorted((slug(part) for part in TITLE_PARTS_RE.split(title)), key=lambda part: (-len(part), part))
    return {part for part in (slug(title), parts[0] if parts else "") if part}


def same_page(a: ArticleResult, b: ArticleResult, texts: dict[str, set[str]]) -> str | None:
    """Why a and b are the same page ("same text", "same URL"), or None."""
    ra, rb = texts[a.source.source], texts[b.source.source]
    if not ra or not rb:
        return None
    da, db = a.extraction.published, b.extraction.published
    if a.source.kind == b.source.kind and da and db and da != db:
        return None  # read the same way, the same page states the same date: a story published again
    shared = len(ra & rb)
    same_url = url_key(a.extraction.url) is not None and url_key(a.extraction.url) == url_key(b.extraction.url)
    if shared < CONTAINED * min(len(ra), len(rb)):
        return None
    if same_url:
        return "same URL and text"
    if shared >= ALIKE * len(ra | rb) or headlines(a.extraction.title) & headlines(b.extraction.title):
        return "same text"
    return None


def find_copies(results: Sequence[ArticleResult], published: Collection[str]) -> dict[str, tuple[str, str]]:
    """Copy's source -> (the source published instead, why) for every set of copies of one page.

    published: the sources that had a page in the last build.
    """
    by_hash: dict[int, list[int]] = defaultdict(list)
    by_url: dict[str, list[int]] = defaultdict(list)
    for n, result in enumerate(results):
        for value in result.fingerprint:
            by_hash[value].append(n)
        key = url_key(result.extraction.url)
        if key:
            by_url[key].append(n)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for holders in by_hash.values():
        if 1 < len(holders) <= COMMON_HASH:
            for i, first in enumerate(holders):
                for second in holders[i + 1 :]:
                    counts[first, second] += 1
    pairs = {pair for pair, shared in counts.items() if shared >= SHARED_TO_COMPARE}
    pairs |= {(a, b) for holders in by_url.values() for i, a in enumerate(holders) for b in holders[i + 1 :]}
    if not pairs:
        return {}
    texts = {results[n].source.source: runs(plain_text(results[n].extraction.body)) for pair in pairs for n in pair}
    group = list(range(len(results)))

    def root(n: int) -> int:
        while group[n] != n:
            group[n] = group[group[n]]
            n = group[n]
        return n

    reasons: dict[int, str] = {}
    for a, b in sorted(pairs):
        why = same_page(results[a], results[b], texts)
        if why:
            reasons[a] = reasons[b] = why
            group[max(root(a), root(b))] = min(root(a), root(b))
    members: dict[int, list[int]] = defaultdict(list)
    for n in reasons:
        members[root(n)].append(n)
    copies: dict[str, tuple[str, str]] = {}
    for ns in members.values():
        kept = min(ns, key=lambda n: (results[n].source.source not in published, results[n].source.kind != "html",
                                      results[n].source.source))
        for n in ns:
            if n != kept:
                copies[results[n].source.source] = (results[kept].source.source, reasons[n])
    return copies
