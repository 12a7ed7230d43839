"""The passes of a build, in the order pipeline.build runs them:

1. analysis: per article (ingest, clean + metadata + NER), cached, in worker processes;
2. resolution: mentions into entities over the whole corpus, curation first;
3. pages: every page rendered (cached, in worker processes) and written into a staged docs/;
4. publish: the site built by MkDocs from the staged docs/, with its JSON files and feed.
"""

from __future__ import annotations

from collections.abc import Callable

#: progress(stage, done, total): how the passes report how far they are.
Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    pass
