"""Acronyms: what looks like one, its initials, and definitions written out in a text."""

from __future__ import annotations

import re

from newswiki.names import FUNCTION_WORDS, clean_span, fold


ACRONYM_AFTER_RE = re.compile(r"([A-Z][\w’'-]*(?:\s+(?:of|for|and|the|on|in|[A-Z][\w’'-]*)){1,9})\s*\(([A-Z]{2,8})\)")
ACRONYM_BEFORE_RE = re.compile(r"\b([A-Z]{2,8})\s*\(([A-Z][\w’'-]*(?:\s+(?:of|for|and|the|on|in|[A-Z][\w’'-]*)){1,9})\)")


def acronyms_in(text: str) -> list[tuple[str, str]]:
    """(folded long form, acronym) for each acronym a text defines, in the text's order."""
    found = []
    flat = " ".join(text.split())
    pairs = [(m.group(1), m.group(2)) for m in ACRONYM_AFTER_RE.finditer(flat)]
    pairs += [(m.group(2), m.group(1)) for m in ACRONYM_BEFORE_RE.finditer(flat)]
    for long_form, acronym in pairs:
        words = [w for w in re.split(r"[\s-]+", clean_span(long_form, "ORG")[0]) if w]
        # The long form may carry extra leading words; keep the tail whose initials spell the acronym.
        for start in range(len(words)):
            if initials(words[start:]) == acronym:
                found.append((fold(" ".join(words[start:])), acronym))
                break
    return found


def initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[0].isupper() and w.lower() not in FUNCTION_WORDS)


def is_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z](?:\.?[A-Z]){1,7}\.?", name))
