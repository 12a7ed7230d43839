"""The seed corpus builds into exactly the committed tests/golden/docs tree.

When output changes on purpose, run `make golden` and review the diff.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from tests.update_golden import GOLDEN


#: The merge bases repeat the generated pages (checked in tests/test_output.py); not kept in the golden tree.
BASES = ".newswiki/base/"


def tree(root: Path) -> dict[str, str]:
    files = (p for p in sorted(root.rglob("*")) if p.is_file())
    return {key: p.read_text("utf-8") for p in files if not (key := p.relative_to(root).as_posix()).startswith(BASES)}


def test_seed_docs_match_golden(seed_site: Path):
    built, expected = tree(seed_site / "docs"), tree(GOLDEN)
    assert sorted(built) == sorted(expected), "pages added or removed; run `make golden` if intended"
    for path in sorted(expected):
        if built[path] != expected[path]:
            diff = "".join(
                difflib.unified_diff(expected[path].splitlines(True), built[path].splitlines(True), path, path, n=1)
            )
            raise AssertionError(f"{path} differs from golden (run `make golden` if intended):\n{diff[:3000]}")
