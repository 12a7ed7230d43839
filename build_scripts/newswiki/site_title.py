"""An HTML page's title without its site's name: "Headline | Site" -> "Headline".

Pages declare their title with the site's name ("Headline - The Site", "Site: Headline"), and
trafilatura takes it as written. A part at either end of the title is the site's when it is the
publisher's name (or its start: "Spiceworks" of "Spiceworks Inc"), or when the rest is a heading
the page shows (its h1, og:title) and longer than the part left out (a site's name in the h1 of its
logo is no headline).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newswiki.clean.lines import normalise

#: Between a title's headline and its site's part; ": " only where the part before it is the publisher.
SEPARATOR_RE = re.compile(r"\s+(?:[|–—·»-]|::?)\s+")
COLON_RE = re.compile(r":\s+")


def without_site_name(title: str, publisher: str | None, headings: Iterable[str], declared: Iterable[str] = ()) -> str:
    """title without the part naming its site, or title as it is when no part does.

    headings: the page's h1s (one of them equal to the whole title keeps it whole); declared: the
    titles it declares besides (og:title), which often repeat the whole title."""
    h1s = {normalise(h) for h in headings} - {""}
    shown = h1s | {normalise(d) for d in declared} - {""}
    whole = normalise(title)
    if not whole or whole in h1s:
        return title
    site = normalise(publisher or "").split()
    kept: list[str] = []
    for cut in [*SEPARATOR_RE.finditer(title), *COLON_RE.finditer(title)]:
        head, tail = title[: cut.start()].strip(), title[cut.end() :].strip()
        # "Fact Check: Story" is one headline: at a colon only a publisher before it is cut off.
        for part, rest in ((head, tail),) if cut.re is COLON_RE else ((tail, head), (head, tail)):
            rest_words, part_words = normalise(rest).split(), normalise(part).split()
            if not rest_words or not part_words:
                continue
            if normalise(rest) in shown and len(rest_words) > len(part_words):
                return rest
            if part_words == site[: len(part_words)]:
                kept.append(rest)
    return min(kept, key=len) if kept else title
