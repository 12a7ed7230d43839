"""Lines repeated across corpus files (site furniture) and the keys that find them."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from newswiki.clean.lines import Features, normal_form


#: A block seen in at least this many corpus files is the site's furniture, not an article.
CORPUS_REPEAT_FILES = 3


def corpus_boilerplate(texts: list[str]) -> frozenset[str]:
    """Lines that occur in at least CORPUS_REPEAT_FILES files: the sites' shared furniture.

    A file saved twice counts once. Lines are compared before encoding repair (furniture is
    mostly plain text, and repairing every file twice would double the cost of a build).
    """
    return repeated_lines([line_keys(text) for text in dict.fromkeys(texts)])


#: Repeated lines holding this share of a page's prose are the article itself, not furniture.
SYNDICATED_PROSE_SHARE = 0.5


def syndicated_text_kept(feats: list[Features]) -> list[Features]:
    """The features with the prose of a syndicated article no longer marked as repeated: when lines
    found in several corpus files hold half of a page's prose words or more, they are one story saved
    from several sites (a wire story), which cleaning would otherwise drop from every copy; a site's
    furniture is never most of a page's sentences."""
    prose_words = sum(f.words for f in feats if f.prose)
    repeated_words = sum(f.words for f in feats if f.prose and f.corpus_repeat)
    if not repeated_words or repeated_words < prose_words * SYNDICATED_PROSE_SHARE:
        return feats
    return [replace(f, corpus_repeat=False) if f.prose else f for f in feats]


def line_keys(text: str) -> list[str | None]:
    """normalise() of each line of a text, None for a blank one: computed once per file's content
    (builds keep them in the cache), since the corpus count and each file's furniture both need them."""
    return [normal_form(line) if line.strip() else None for line in text.split("\n")]


def repeated_lines(files: list[list[str | None]]) -> frozenset[str]:
    """The line keys found in at least CORPUS_REPEAT_FILES of the files (line_keys of each file)."""
    seen: Counter = Counter()
    for keys in files:
        seen.update(set(keys))
    return frozenset(key for key, count in seen.items() if count >= CORPUS_REPEAT_FILES and key)


def paragraph_keys(keys: list[str | None]) -> list[str]:
    """normalise() of each paragraph of two lines or more, from its lines' keys: a paragraph's words
    are its lines' words in order, so its key is theirs joined."""
    found: list[str] = []
    run: list[str] = []
    for key in [*keys, None]:
        if key is not None:
            run.append(key)
            continue
        if len(run) > 1:
            found.append(" ".join(k for k in run if k))
        run = []
    return found
