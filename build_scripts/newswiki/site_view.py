"""What the site shows of docs/ when some pages cannot be published as they are.

docs/ keeps every contributor's page exactly as it is, errors and all: an error never destroys
work. But MkDocs must not read a page whose front matter failed its checks (a template that
does not exist stops the whole site build), nor the kept page of a corpus file that failed this
build (it may link to entity pages that are gone). So, for the site build only, such a page is
shown as the build generated it, or left out; then docs/ is put back exactly as it was, before
it is swapped in.

    with site_view.shown_as(docs_stage, {"articles/x.md": generated_text, "articles/y.md": None}):
        build_site(...)
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path

from newswiki import paths


@contextlib.contextmanager
def shown_as(docs_dir: Path, replacements: Mapping[str, str | None]) -> Iterator[None]:
    """Within the block, each page path of replacements reads as its text (None: it is not there)."""
    if not replacements:
        yield
        return
    # A dot folder inside the staged docs/: MkDocs skips it, and a killed build discards it with the stage.
    aside = Path(tempfile.mkdtemp(prefix=".pages-aside-", dir=docs_dir))
    moved: list[tuple[Path, Path | None]] = []  # (page, where the original waits; None: there was none)
    try:
        for n, (page, text) in enumerate(sorted(replacements.items())):
            target = paths.inside(docs_dir, page, "page shown in the site")
            original = aside / str(n) if target.exists() else None
            if original is not None:
                os.replace(target, original)
            moved.append((target, original))
            if text is not None:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(text, encoding="utf-8")
        yield
    finally:
        for target, original in reversed(moved):
            if original is not None:
                os.replace(original, target)
            else:
                target.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            aside.rmdir()
