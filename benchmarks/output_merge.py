"""How long the docs/ writer takes: first write, a rebuild that changes nothing, and the worst case
where every page was edited by hand and every generated page changed (a three-way merge each).

Run: .venv/bin/python benchmarks/output_merge.py [DOCS_DIR] — uses the pages of docs/ as sample input.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from newswiki import docs_writer


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main(source: Path) -> None:
    pages = {
        p.relative_to(source).as_posix(): p.read_text("utf-8")
        for p in sorted(source.rglob("*.md"))
        if docs_writer.STATE_DIR not in p.relative_to(source).parts
    }
    changed = {path: text.replace(" the ", " the the ", 1) for path, text in pages.items()}
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp) / "docs"
        first = timed(lambda: docs_writer.write_docs(docs, pages))
        noop = timed(lambda: docs_writer.write_docs(docs, pages))
        for path in pages:
            target = docs / path
            target.write_text(target.read_text("utf-8") + "\nA hand edit.\n", "utf-8")
        merged = timed(lambda: docs_writer.write_docs(docs, changed))
    print(f"{len(pages)} pages: first write {first * 1000:.0f} ms, unchanged rebuild {noop * 1000:.0f} ms, "
          f"all edited and all changed {merged * 1000:.0f} ms ({merged / len(pages) * 1000:.1f} ms per merge)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs"))
