"""Is docs/ up to date with corpus/? `newswiki build --check` builds into a temporary copy and compares.

The copy starts as docs/ itself (with its merge bases and hand edits), so the
answer is exactly "would `newswiki build` change any file in docs/?".
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from newswiki import docs_writer, pipeline
from newswiki.models import BuildResult
from newswiki.passes import Progress, no_progress
from newswiki.config import Config


@dataclass
class CheckResult:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    build: BuildResult | None = None

    @property
    def stale(self) -> bool:
        return bool(self.added or self.changed or self.removed)

    def summary(self) -> str:
        """Which pages a build would change, pages first and the build's bookkeeping last."""
        if not self.stale:
            return "docs/ is up to date with corpus/"
        lines = [f"docs/ is stale: `newswiki build` would add {len(self.added)}, change {len(self.changed)} "
                 f"and remove {len(self.removed)} files:"]
        for verb, paths in (("added", self.added), ("changed", self.changed), ("removed", self.removed)):
            pages = [p for p in paths if not p.startswith(docs_writer.STATE_DIR + "/")]
            state = len(paths) - len(pages)
            lines += [f"  {verb:<8} docs/{p}" for p in pages]
            if state:
                lines.append(f"  {verb:<8} {state} bookkeeping file(s) in docs/{docs_writer.STATE_DIR}/")
        lines.append("Run `newswiki build` (or `make build`) and commit docs/ with your change.")
        return "\n".join(lines)


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def compare(before: dict[str, bytes], after: dict[str, bytes]) -> CheckResult:
    return CheckResult(
        added=sorted(set(after) - set(before)),
        changed=sorted(p for p in set(before) & set(after) if before[p] != after[p]),
        removed=sorted(set(before) - set(after)),
    )


def check_docs(config: Config, progress: Progress = no_progress) -> CheckResult:
    """Build docs/ into a temporary copy of itself; docs/ and site/ are not touched."""
    docs = config.docs_dir
    with tempfile.TemporaryDirectory(prefix="newswiki-check-") as tmp:
        scratch = Path(tmp) / "docs"
        if docs.is_dir():
            shutil.copytree(docs, scratch, symlinks=True)
        else:
            scratch.mkdir()
        before = tree(scratch)
        build = pipeline.build(config.model_copy(update={"docs_dir": scratch}), progress=progress, build_site=False)
        result = compare(before, tree(scratch))
    result.build = build
    return result
