"""Links in a page kept with hand edits to pages the build made before and does not make now.

A page kept as a contributor edited it (docs_writer: a conflict, or lines they changed) keeps the
links the build wrote into it then: to an entity page that the corrected article no longer names,
say. Such a link would stop the strict site build for the whole wiki, so the site shows the
generated page instead until the contributor updates theirs. A link written by hand (one the
merge base, the build's own last text, does not hold) is left to the strict build, which names it.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection

from newswiki.models import WriteReport

#: A Markdown link to a page of the wiki: "](../entities/brest.md)" or "](x.md#p3)".
PAGE_LINK_RE = re.compile(r"\]\(([^()\s#:]+\.md)(?:#[^()\s]*)?\)")


def links_to_gone_pages(path: str, text: str, base: str, made_now: Collection[str], made_before: Collection[str]) -> list[str]:
    """The pages (docs/-relative) that text, the page at path, links to as its merge base (base)
    did, which the last build made (made_before) and this one does not (made_now)."""
    targets = link_targets(path, text) & link_targets(path, base)
    return sorted(t for t in targets if t in made_before and t not in made_now)


def link_targets(path: str, text: str) -> set[str]:
    folder = posixpath.dirname(path)
    return {posixpath.normpath(posixpath.join(folder, link)) for link in PAGE_LINK_RE.findall(text)}


def show_generated_if_links_gone(
    path: str, text: str, generated: str, base: str | None, made_now: Collection[str], made_before: Collection[str],
    report: WriteReport,
) -> None:
    """The site shows the generated page for path when text, the page as kept, links to gone pages."""
    gone = links_to_gone_pages(path, text, base, made_now, made_before) if text != generated and base else []
    if gone:
        report.site_view[path] = generated
        report.warnings.append(f"{path}: kept as you edited it, but it links to pages this build no longer makes "
                               f"({', '.join(gone)}); the site shows the generated page until you update those links")
