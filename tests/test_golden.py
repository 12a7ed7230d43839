"""The seed corpus builds into exactly the committed tests/golden/docs tree.

When output changes on purpose, run `make golden` and review the diff.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from tests.update_golden import GOLDEN


def tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): p.read_text("utf-8") for p in sorted(root.rglob("*")) if p.is_file()}


def test_seed_docs_match_golden(seed_site: Path):
    built, expected = tree(seed_site / "docs"), tree(GOLDEN)
    assert sorted(built) == sorted(expected), "pages added or removed; run `make golden` if intended"
    for path in sorted(expected):
        if built[path] != expected[path]:
            diff = "".join(
                difflib.unified_diff(expected[path].splitlines(True), built[path].splitlines(True), path, path, n=1)
            )
            raise AssertionError(f"{path} differs from golden (run `make golden` if intended):\n{diff[:3000]}")
