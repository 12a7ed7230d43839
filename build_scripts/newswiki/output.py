"""Writing generated pages into docs/ without ever losing a contributor's edit.

Every page the build writes is recorded with the SHA-256 of its text in
docs/.newswiki-manifest.json. On the next build a page whose file no longer has
that hash was edited by hand:

- an article page is left exactly as it is (a warning names it when the
  generated text would have changed);
- an entity page keeps everything outside its generated block; only the block
  between the GENERATED markers is replaced.

Files are written atomically (temporary file, then rename), so a build killed
midway leaves every page either old or new, never half written.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from newswiki.render import GENERATED_BEGIN, GENERATED_END

MANIFEST_NAME = ".newswiki-manifest.json"


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_edits: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def atomic_write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_manifest(docs_dir: Path) -> dict[str, str]:
    path = docs_dir / MANIFEST_NAME
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.get("pages", {}).items()}


def merge_entity_page(existing: str, generated: str) -> str:
    """The existing page with its generated block replaced by the new one."""
    old_start, old_end = existing.find(GENERATED_BEGIN), existing.find(GENERATED_END)
    new_start, new_end = generated.find(GENERATED_BEGIN), generated.find(GENERATED_END)
    if min(old_start, old_end, new_start, new_end) < 0 or old_end < old_start:
        return existing
    block = generated[new_start : new_end + len(GENERATED_END)]
    return existing[:old_start] + block + existing[old_end + len(GENERATED_END) :]


def plan_page(path: str, generated: str, existing: str | None, recorded: str | None) -> tuple[str, str]:
    """What to write for one page and why: ('new'|'same'|'generated'|'edited-kept'|'edited-merged', text)."""
    if existing is None:
        return "new", generated
    if existing == generated:
        return "same", generated
    if recorded is None or sha256(existing) == recorded:
        return "generated", generated
    if path.startswith("entities/") and path != "entities/index.md":
        return "edited-merged", merge_entity_page(existing, generated)
    return "edited-kept", existing


def write_docs(docs_dir: Path, pages: dict[str, str]) -> WriteReport:
    """Bring docs/ in line with the generated pages, keeping hand edits."""
    report = WriteReport()
    manifest = load_manifest(docs_dir)
    new_manifest: dict[str, str] = {}
    for path in sorted(pages):
        target = docs_dir / path
        existing = target.read_text("utf-8") if target.exists() else None
        action, text = plan_page(path, pages[path], existing, manifest.get(path))
        if action == "edited-kept":
            report.kept_edits.append(path)
            report.warnings.append(f"{path}: edited by hand; kept as it is (the generated version changed)")
        elif action == "edited-merged":
            report.kept_edits.append(path)
        if existing == text:
            report.unchanged.append(path)
        else:
            atomic_write(target, text)
            report.written.append(path)
        # Record what the build would generate, so an edit stays detectable on the next build.
        new_manifest[path] = sha256(pages[path]) if action in ("new", "same", "generated") else manifest.get(path, "")
    for path in sorted(set(manifest) - set(pages)):
        target = docs_dir / path
        if target.exists():
            if sha256(target.read_text("utf-8")) == manifest[path] or not manifest[path]:
                target.unlink()
                report.removed.append(path)
            else:
                report.warnings.append(f"{path}: no longer generated but edited by hand; kept")
    atomic_write(docs_dir / MANIFEST_NAME, json.dumps({"pages": new_manifest}, indent=1, sort_keys=True) + "\n")
    return report
