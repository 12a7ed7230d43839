"""Which pages of the site must be rendered again, and which the previous site already has.

After a build the state of its site is kept in the cache: the engine key (engines.engine_key:
engine, mkdocs.yml, overrides, package versions, site code), each Markdown page's content hash
and output path, and the identity of the site folder it describes. The next build renders a page
again when its Markdown changed; every other page's HTML (already sanitised and marked) is
hard-linked from the previous site. Everything is rendered again when:

- the engine key differs, or the engine does not render page by page (Zensical);
- the state does not describe the site/ folder there now (a build killed between the swap and
  recording the site, a site/ replaced by hand): the folder's inode and change time, taken after
  the swap, are recorded (an inode alone is reused: a site/ deleted and copied back from elsewhere
  can get the number of the one the state describes);
- a page the state lists has no output in the previous site.

The search bundles are reused on the same terms: the state keeps each bundle's key
(search_index.bundle_key), and a bundle whose key is unchanged is hard-linked from the previous site.

Pages in mkdocs.yml's nav are always rendered (other pages show their titles), and when pages
are added or removed, so is every page newswiki does not generate (hand-written pages may link
to them), and so is every page whose Markdown names a removed page's file (a link written by
hand in it: the engine must see it to stop a strict build, as a clean build does). Pages are only
ever replaced by rename, never written in place, so sharing files between the old site and the
new one by hard links is safe.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from newswiki import engines, safe_yaml, sanitize, search_index
from newswiki.files import atomic_write

STATE_FILE = "site-state.json"
STATE_VERSION = 4


@dataclass
class Plan:
    engine: str
    key: str
    state_path: Path | None
    #: Markdown pages (paths in docs/) whose HTML is taken from the previous site.
    reuse: frozenset[str] = frozenset()
    #: Every Markdown page's [inode, size, mtime_ns, sha256] (the hash is reused while the rest is alike).
    pages: dict[str, list] = field(default_factory=dict)
    #: The previous state's output paths, by page.
    previous_outputs: dict[str, str] = field(default_factory=dict)
    #: The search bundles of this build: the previous site's, with their keys, when it may be reused.
    search: search_index.Reuse = field(default_factory=search_index.Reuse)
    #: Keys of the previous site's SiteFiles (when that site may be reused), and of this build's.
    previous_files: dict[str, str] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)

    def link_reused(self, outputs: dict[str, str], site_dir: Path, staging: Path) -> None:
        """Hard-link the reused pages' HTML from the previous site into the new one."""
        for page in sorted(self.reuse):
            output = outputs.get(page) or self.previous_outputs[page]
            target = staging / output
            if target.exists():  # the engine wrote it after all
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            _link_or_copy(site_dir / self.previous_outputs[page], target)

    def reuse_file(self, name: str, key: str, site_dir: Path, staging: Path) -> bool:
        """Hard-link a SiteFile from the previous site when its key there is the same; False when
        it must be made."""
        self.files[name] = key
        if self.previous_files.get(name) != key or not (site_dir / name).is_file():
            return False
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists():
            return False
        _link_or_copy(site_dir / name, target)
        return True

    def save(self, outputs: dict[str, str], staging: Path) -> None:
        if self.state_path is None:
            return
        if not outputs:  # the engine does not say where pages go: no page can be reused next time
            self.state_path.unlink(missing_ok=True)
            return
        state = {
            "version": STATE_VERSION, "engine": self.engine, "key": self.key,
            "site": None, "pages": self.pages, "outputs": dict(sorted(outputs.items())),
            "search": dict(sorted(self.search.keys.items())), "files": dict(sorted(self.files.items())),
        }  # fmt: skip
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(self.state_path, json.dumps(state, separators=(",", ":")) + "\n")


def record_site(cache_dir: Path | None, site_dir: Path) -> None:
    """Mark the saved state as describing site_dir, once the new site has been swapped in there."""
    if cache_dir is None:
        return
    state_path = cache_dir / STATE_FILE
    state = _load(state_path)
    if not state or state.get("site") is not None:
        return
    state["site"] = _identity(site_dir)
    atomic_write(state_path, json.dumps(state, separators=(",", ":")) + "\n")


def _identity(site_dir: Path) -> list[int]:
    stat = site_dir.stat()
    return [stat.st_dev, stat.st_ino, stat.st_ctime_ns]


def plan(engine: str, root: Path, docs_dir: Path, site_dir: Path, cache_dir: Path | None) -> Plan:
    key = engines.engine_key(engine, root)
    state_path = cache_dir / STATE_FILE if cache_dir is not None else None
    previous = _load(state_path) if state_path is not None else {}
    pages = page_hashes(docs_dir, previous.get("pages") or {})
    result = Plan(engine, key, state_path, pages=pages)
    if not engines.incremental(engine) or not _describes(previous, engine, key, site_dir):
        return result
    old_pages, outputs = previous["pages"], previous["outputs"]
    unchanged = {p for p, stamp in pages.items() if p in old_pages and old_pages[p][3] == stamp[3] and p in outputs}
    unchanged -= nav_pages(root)
    if set(pages) != set(old_pages):
        unchanged = {p for p in unchanged if sanitize.is_corpus_page(p)}
        unchanged -= linking_to(docs_dir, unchanged, set(old_pages) - set(pages))
    if not all((site_dir / outputs[p]).is_file() for p in unchanged):
        return result
    result.reuse = frozenset(unchanged)
    result.previous_outputs = outputs
    search = previous.get("search")
    if isinstance(search, dict):
        keys = {k: v for k, v in search.items() if isinstance(k, str) and isinstance(v, str)}
        result.search = search_index.Reuse(site_dir, keys)
    files = previous.get("files")
    if isinstance(files, dict):
        result.previous_files = {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)}
    return result


def linking_to(docs_dir: Path, candidates: set[str], removed: set[str]) -> set[str]:
    """The candidate pages whose Markdown names a removed page's file: a link written by hand there
    must reach the engine, which stops a strict build on it as a clean build would."""
    if not removed:
        return set()
    # Whole file names: us.md is not named by a link to belarus.md.
    names = re.compile(rb"(?<![\w.-])(?:" + b"|".join(re.escape(Path(path).name.encode()) for path in sorted(removed)) + rb")")
    return {path for path in candidates if names.search((docs_dir / path).read_bytes())}


def page_hashes(docs_dir: Path, previous: dict[str, list]) -> dict[str, list]:
    """[inode, size, mtime_ns, sha256] of every Markdown page in docs_dir (dot folders left out,
    as the engines do); the hash of a page whose file is unchanged is taken from previous."""
    found: dict[str, list] = {}
    for folder, dirs, files in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if not name.endswith(".md") or name.startswith("."):
                continue
            path = Path(folder) / name
            rel = path.relative_to(docs_dir).as_posix()
            stat = path.stat()
            stamp = [stat.st_ino, stat.st_size, stat.st_mtime_ns]
            old = previous.get(rel)
            if isinstance(old, list) and len(old) == 4 and old[:3] == stamp:
                found[rel] = old
            else:
                found[rel] = [*stamp, hashlib.sha256(path.read_bytes()).hexdigest()]
    return dict(sorted(found.items()))


def nav_pages(root: Path) -> set[str]:
    """The pages mkdocs.yml's nav lists."""
    try:
        config = safe_yaml.load((root / "mkdocs.yml").read_text("utf-8"), "mkdocs.yml")
    except (OSError, safe_yaml.YamlError):
        return set()
    found: set[str] = set()

    def walk(item) -> None:
        if isinstance(item, str) and item.endswith(".md"):
            found.add(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(config.get("nav") if isinstance(config, dict) else None)
    return found


def _load(path: Path) -> dict:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) and data.get("version") == STATE_VERSION else {}


def _describes(state: dict, engine: str, key: str, site_dir: Path) -> bool:
    if state.get("engine") != engine or state.get("key") != key:
        return False
    if not isinstance(state.get("pages"), dict) or not isinstance(state.get("outputs"), dict):
        return False
    try:
        return state.get("site") == _identity(site_dir)
    except OSError:
        return False


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
