"""Page names: readable, stable, unique slugs that are always safe as one path segment.

A slug is ASCII letters, digits and hyphens only (any script is transliterated
first), so no title can climb out of docs/ ("../"), hide a control character in
a file name, or clash with a page the build owns (``index``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Collection, Mapping

from anyascii import anyascii
from slugify import slugify

from newswiki.models import Article, Extraction, SourceFile

#: Longest slug; long titles are cut at a word boundary (file names stay far below
#: the 255-byte limit of common file systems, and URLs stay readable).
SLUG_MAX_LENGTH = 80
#: Names a slug must never take: the index pages of each folder, and device
#: names that Windows refuses as file names (a contributor may clone there).
RESERVED = frozenset(
    {"index", "con", "prn", "aux", "nul"} | {f"com{n}" for n in range(10)} | {f"lpt{n}" for n in range(10)}
)
#: A finished slug matches this; anything else is a bug, not a name.
SAFE_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: Length of the hash that tells apart names that would otherwise clash.
HASH_LENGTH = 8
#: Words a cut title does not end on: they leave its phrase hanging ("...-csto-and").
HANGING_WORDS = frozenset(
    "a an the and or but nor of to in on at by for from with into onto over under about as than that which who "
    "whose its their his her our your my s is are was were be been has have had will would can could should may vs via per".split()
)


def slug(text: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """Transliterated, lower-case, hyphenated; "" when nothing readable is left (e.g. only punctuation)."""
    return not_reserved(slugify(anyascii(text), max_length=max_length, word_boundary=True))


def title_slug(title: str, max_length: int = SLUG_MAX_LENGTH) -> str:
    """An article's slug: a long title is cut before the first word that does not fit (slugify's
    cut skips such a word and takes a shorter one after it: "...-csto-and" of "(CSTO): Approaches
    and Priorities"), and not after a word that leaves the phrase hanging."""
    words = slugify(anyascii(title)).split("-")
    if len("-".join(words)) <= max_length:
        return not_reserved("-".join(filter(None, words)))
    kept: list[str] = []
    for word in words:
        if len("-".join([*kept, word])) > max_length:
            break
        kept.append(word)
    while len(kept) > 1 and kept[-1] in HANGING_WORDS:
        kept.pop()
    return not_reserved("-".join(kept))


def not_reserved(value: str) -> str:
    """value, or value-page when it is a name no page may take (index, CON, NUL, ...)."""
    return f"{value}-page" if value in RESERVED else value


def short_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_LENGTH]


def file_stem(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name


def is_safe_slug(value: str) -> bool:
    return bool(SAFE_SLUG_RE.match(value)) and value not in RESERVED


def base_slug(source: SourceFile, extraction: Extraction, title_slugger=title_slug) -> str:
    """From the title; else the file name; else a hash of the source path (never empty)."""
    return title_slugger(extraction.title) or slug(file_stem(source.name)) or f"article-{short_hash(source.source)}"


def article_ids(
    extractions: list[tuple[SourceFile, Extraction]], previous: Mapping[str, str] | None = None, taken: Collection[str] = (),
) -> list[Article]:
    """Stable, unique slugs: from the title; clashes get the source file's name added, then a hash.

    previous: source -> the id its article had in the last build (the manifest's, untrusted). An
    article keeps it while it is one of the ids its title and file name can make (so a second
    article of the same title does not move the first one's page; a new title still gives a new
    id); anything else in it is ignored. The result depends only on the set of (file, title)
    pairs and previous, never on the order they are given in. taken: ids no article may take (the
    kept pages of files that failed this build).
    """
    ordered = sorted(extractions, key=lambda pair: (pair[0].source, pair[0].name))
    base = {source.source: base_slug(source, ex) for source, ex in ordered}
    counts: dict[str, int] = {}
    for value in base.values():
        counts[value] = counts.get(value, 0) + 1
    kept: dict[str, str] = {}
    for source, ex in ordered:
        old = (previous or {}).get(source.source)
        # Ids made before long titles were cut by title_slug (with slug's cut) are kept too.
        possible = possible_ids(base[source.source], source) | possible_ids(base_slug(source, ex, slug), source)
        if old in possible and old not in kept.values() and old not in taken:
            kept[source.source] = old
    articles = []
    used: set[str] = set(kept.values()) | set(taken)
    for source, ex in ordered:
        value = kept.get(source.source) or unique_id(base[source.source], counts, source, used)
        used.add(value)
        articles.append(Article(id=value, sha256=source.sha256, extraction=ex))
    return articles


def unique_id(value: str, counts: Mapping[str, int], source: SourceFile, used: set[str]) -> str:
    """The base slug; with the file name when other articles share it; then a hash when still taken."""
    if counts[value] > 1:
        value = "-".join(filter(None, (value, slug(file_stem(source.name)))))
    if value in used or value in RESERVED:
        value = f"{value}-{short_hash(source.source)}"
    return value


def possible_ids(value: str, source: SourceFile) -> set[str]:
    """Every id article_ids can give an article of this base slug and file: a previous id outside
    them was not made for this title (or was written by someone else) and is not kept."""
    named = "-".join(filter(None, (value, slug(file_stem(source.name)))))
    ids = {value, named, f"{value}-{short_hash(source.source)}", f"{named}-{short_hash(source.source)}"}
    return {i for i in ids if is_safe_slug(i)}


def previous_ids(records: Mapping[str, str]) -> dict[str, str]:
    """source -> article id from the manifest's page path -> identity: article pages only
    (articles/<safe slug>.md of an article:<source> identity); the first path of a source wins."""
    ids: dict[str, str] = {}
    for path, identity in sorted(records.items()):
        folder, _, name = path.partition("/")
        if folder == "articles" and name.endswith(".md") and identity.startswith("article:") and is_safe_slug(name[:-3]):
            ids.setdefault(identity.removeprefix("article:"), name[:-3])
    return ids
