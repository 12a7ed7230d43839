"""Rewrite tests/golden/docs from the seed corpus, on purpose: `make golden`.

Review the diff of tests/golden/ before committing it: it is every change of output.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from newswiki.config import Config
from newswiki.pipeline import build
from tests.conftest import REPO, make_project

GOLDEN = REPO / "tests" / "golden" / "docs"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp) / "project", seeds=True)
        build(Config.for_root(root, workers=1), build_site=False)
        shutil.rmtree(GOLDEN, ignore_errors=True)
        # The merge bases repeat the generated pages; tests/test_golden.py leaves them out.
        shutil.copytree(root / "docs", GOLDEN, ignore=lambda folder, names: ["base"] if folder.endswith(".newswiki") else [])
    print(f"updated {GOLDEN.relative_to(REPO)}")


if __name__ == "__main__":
    main()
