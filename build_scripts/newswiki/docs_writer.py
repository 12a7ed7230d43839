"""Writing generated pages into docs/ without ever losing a contributor's edit.

The mechanism is a three-way merge, like `git merge-file`:

- Every build stores the text it generated for each page as that page's *merge
  base* in ``docs/.newswiki/base/<path>`` and records its SHA-256, the identity
  of the page (its corpus file, or the names of its entity) and its path in
  ``docs/.newswiki/manifest.json``. Both are committed with docs/.
- On the next build a page whose text still equals its base was not edited: it
  is simply replaced by the new generated text.
- A page that differs from its base was edited by hand. The build merges the
  *generated* change (base -> new) into the *edited* page (base -> page),
  line by line (the ``merge3`` package), and word by word where both changed
  the same line (a paragraph is one line); the front matter field by field
  (frontmatter_merge.py), so a field added next to one the build rewrites is no
  conflict. Edits anywhere (front matter, body) survive; generated changes
  elsewhere are taken in and a warning names the page.
- When both changed the same words (a conflict), the page is kept exactly as it
  is and a warning names the page and line. The base then moves on to the new
  generated text, so the next build does not warn again and
  ``git diff --no-index docs/.newswiki/base/<path> docs/<path>`` shows what the
  build would have written.
- Pages with a GENERATED block (entity pages) are merged the same way, except
  that the block itself always comes from the new build, conflict or not: text
  before and after it, and the front matter (aliases, type, curation fields)
  are the contributors'.

Renames keep URLs: when a page vanishes and a new page has the same identity
(an article whose slug changed: same corpus file; an entity whose canonical
name changed: a shared name), its hand edits move to the new path and
``docs/.newswiki/redirects.yml`` maps the old path to the new one; the site build writes a
redirect page for each (redirects.py). The redirect map is committed and can be edited.

Removals: the page of a removed corpus file is removed (a hand-edited one is set aside
in the report: the pages pass keeps a copy outside docs/ and a warning says where). The
page of a corpus file that failed this build is kept as it was, hand edits and merge base
included (a warning says so), and left out of the site until the file builds again: an
error never destroys work.

The manifest, the merge bases and the redirect map are committed, so a pull request can
change them: every page path read from them goes through paths.py (a page inside docs/),
and anything else is an error naming the file and the entry. An entity page nobody mentions any more is
removed unless it was edited by hand: then it stays, with an empty generated
block, and leaves the build's bookkeeping (it is a hand-made page from then on).

Files are written atomically (temporary file, then rename), so a build killed
midway leaves every page either old or new, never half written.
"""

from __future__ import annotations

import json
from collections import Counter
import os
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import astuple, dataclass
from pathlib import Path

import yaml
from merge3 import Merge3

from newswiki import paths
from newswiki import redirects as redirect_pages
from newswiki.frontmatter_check import known_templates, validate_page
from newswiki.frontmatter_merge import replace_field, three_way_page
from newswiki.safe_yaml import front_matter_end, front_matter_fields
from newswiki.models import Article, Entity, Problem, WriteReport
from newswiki.markdown import GENERATED_BEGIN, GENERATED_END
from newswiki.files import atomic_write, read_text, sha256
from newswiki.gone_links import show_generated_if_links_gone


#: The build's own files inside docs/; MkDocs skips dot folders, git keeps them.
STATE_DIR = ".newswiki"
MANIFEST_PATH = f"{STATE_DIR}/manifest.json"
BASE_DIR = f"{STATE_DIR}/base"
REDIRECTS_PATH = f"{STATE_DIR}/redirects.yml"
#: The manifest of the first version (path -> hash of the generated text); read once to migrate.
MANIFEST_VERSION = 2
#: Stands for the generated block while the text around it is merged; cannot occur in a page line.
BLOCK_PLACEHOLDER = "\x00newswiki generated block\x00\n"
ORPHAN_TEXT = "_No article in the corpus mentions this any more; the page is kept because it was edited by hand._"
ORPHAN_DESCRIPTION = "No article in the corpus mentions this any more."
#: Front matter keys by which a contributor retires an entity on purpose (see newswiki/curation.py).
RETIRING_KEYS = ("merge_into", "ignore")
TITLE_RE = re.compile(r"^# (.+)$", re.M)


@dataclass(frozen=True)
class PageInfo:
    """Who a page is, so that a renamed page is recognised: its corpus file, or its entity's names."""

    identity: str
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class PageRecord:
    """What the manifest remembers of one generated page."""

    sha256: str
    identity: str = ""
    names: tuple[str, ...] = ()


@dataclass(frozen=True)
class Merged:
    """The text to write for one page and how it was obtained."""

    action: str  # new | same | generated | edited | merged | kept | kept-no-base | adopted
    text: str
    conflict_line: int | None = None


# --- identities -------------------------------------------------------------------------------


def page_infos(articles: Iterable[Article], entities: Iterable[Entity]) -> dict[str, PageInfo]:
    """Identity of every article and entity page, keyed by path."""
    infos = {a.path: PageInfo(f"article:{a.extraction.source}") for a in articles}
    for entity in entities:
        infos[entity.path] = PageInfo("entity", tuple(sorted({entity.name, *entity.aliases})))
    return infos


# --- state: manifest, merge bases, redirects ----------------------------------------------------


def load_manifest(docs_dir: Path) -> dict[str, str]:
    """Path -> SHA-256 of the text the last build generated for it (a page with that hash is unedited)."""
    return {path: record.sha256 for path, record in load_records(docs_dir).items()}


def load_records(docs_dir: Path, problems: list[Problem] | None = None) -> dict[str, PageRecord]:
    """The records of the last build. The manifest is untrusted input like any file of a pull request:
    an entry whose path is not a page inside docs/ is dropped (and named in problems), so nothing is
    ever read, written or deleted by it."""
    records, bad = paths.checked_pages(_manifest_records(docs_dir), docs_dir, f"docs/{MANIFEST_PATH}")
    if problems is not None:
        problems.extend(bad)
    return records


def _manifest_records(docs_dir: Path) -> dict[str, PageRecord]:
    """The manifest's entries as they stand."""
    data = _read_json(docs_dir / MANIFEST_PATH)
    return {
        str(path): PageRecord(str(rec.get("sha256", "")), str(rec.get("identity", "")), tuple(rec.get("names", ())))
        for path, rec in (data or {}).get("pages", {}).items()
        if isinstance(rec, dict)
    }


def _read_json(path: Path) -> dict | None:
    try:
        text = read_text(path)
        data = json.loads(text) if text is not None else None
    except ValueError:  # not UTF-8 (UnicodeDecodeError is one) or not JSON: as good as missing
        return None
    return data if isinstance(data, dict) else None


def load_base(docs_dir: Path, path: str, record: PageRecord | None, current: str | None) -> str | None:
    """The text last generated for path, or None when it is not known (no or damaged base)."""
    if record is None or not record.sha256:
        return None
    # An unedited page is its own base (this also covers the first version, which kept no bases).
    if current is not None and sha256(current) == record.sha256:
        return current
    try:
        stored = read_text(docs_dir / BASE_DIR / path)
    except UnicodeDecodeError:
        return None  # a damaged base is as good as none
    if stored is not None and sha256(stored) == record.sha256:
        return stored
    return None


# --- merging one page ---------------------------------------------------------------------------


def three_way(base: str, mine: str, theirs: str) -> tuple[str | None, int | None]:
    """Merge the change base -> theirs into mine; (None, line in mine) on a conflict.

    Lines first, like git; where both sides changed the same lines (often one long paragraph),
    the words of those lines are merged, so that an edit and a generated change in different
    sentences of one paragraph both survive.
    """
    a, z, b = mine.splitlines(True), base.splitlines(True), theirs.splitlines(True)
    out: list[str] = []
    for region in Merge3(z, a, b).merge_regions():
        kind = region[0]
        if kind == "unchanged":
            out.extend(z[region[1] : region[2]])
        elif kind in ("a", "same"):
            out.extend(a[region[1] : region[2]])
        elif kind == "b":
            out.extend(b[region[1] : region[2]])
        else:  # conflict: base, mine and theirs all differ here
            _, zs, ze, as_, ae, bs, be = region
            words = merge_words("".join(z[zs:ze]), "".join(a[as_:ae]), "".join(b[bs:be]))
            if words is None:
                return None, as_ + 1
            out.append(words)
    return "".join(out), None


WORD_RE = re.compile(r"\s+|[^\s]+")


def merge_words(base: str, mine: str, theirs: str) -> str | None:
    """Word-level three-way merge of a few lines; None when the same words were changed on both sides."""
    if not base:
        return None  # both sides inserted text at the same place: no common ground to merge on
    z, a, b = WORD_RE.findall(base), WORD_RE.findall(mine), WORD_RE.findall(theirs)
    out: list[str] = []
    for region in Merge3(z, a, b).merge_regions():
        kind = region[0]
        if kind == "conflict":
            return None
        source = {"unchanged": z, "a": a, "same": a, "b": b}[kind]
        out.extend(source[region[1] : region[2]])
    return "".join(out)


def split_block(text: str) -> tuple[str, str] | None:
    """(page with its generated block replaced by a placeholder line, the block), or None without one block."""
    start, end = text.find(GENERATED_BEGIN), text.find(GENERATED_END)
    if start < 0 or end < start or text.count(GENERATED_BEGIN) != 1 or text.count(GENERATED_END) != 1:
        return None
    stop = end + len(GENERATED_END)
    if text[stop : stop + 1] == "\n":
        stop += 1
    before = text[:start]
    if before and not before.endswith("\n"):
        before += "\n"
    return before + BLOCK_PLACEHOLDER + text[stop:], text[start:stop]


def join_block(outside: str, block: str) -> str:
    if not block.endswith("\n"):
        block += "\n"
    return outside.replace(BLOCK_PLACEHOLDER, block, 1)


def merge_page(base: str | None, current: str | None, new: str) -> Merged:
    """What to write for one page, given its last generated text, its text on disk and the new text."""
    if current is None:
        return Merged("new", new)
    if current == new:
        return Merged("same", new)
    if base is not None and current == base:
        return Merged("generated", new)
    new_parts, current_parts = split_block(new), split_block(current)
    if new_parts and current_parts:
        # The block is the build's: only the text around it is merged.
        base_parts = split_block(base) if base is not None else None
        if base_parts is None:
            return Merged("adopted", join_block(current_parts[0], new_parts[1]))
        merged, line = three_way_page(base_parts[0], current_parts[0], new_parts[0], three_way)
        if merged is None or merged.count(BLOCK_PLACEHOLDER) != 1:
            return Merged("kept", join_block(current_parts[0], new_parts[1]), line)
        return Merged("edited" if merged == current_parts[0] else "merged", join_block(merged, new_parts[1]))
    if new_parts and base is None:
        return Merged("adopted", adopt(current, new, new_parts[1]))
    if base is None:
        return Merged("kept-no-base", current)
    merged, line = three_way_page(base, current, new, three_way)
    if merged is None:
        return Merged("kept", current, line)
    return Merged("edited" if merged == current else "merged", merged)


def adopt(current: str, new: str, block: str) -> str:
    """A page someone wrote for an entity (e.g. only curation front matter) with the build's part added."""
    current_body = current[front_matter_end(current) :]
    if not current_body.strip():
        return current[: front_matter_end(current)] + new[front_matter_end(new) :]
    return current.rstrip("\n") + "\n\n" + block


def orphan_page(current: str, merged_into: str | None = None, title: str | None = None) -> str:
    """A hand-edited entity page nobody mentions any more: its list of articles emptied, or pointing on."""
    parts = split_block(current)
    if parts is None:
        return current
    text = f"This is now part of [{title or merged_into}]({Path(merged_into).name})." if merged_into else ORPHAN_TEXT
    page = join_block(parts[0], f"{GENERATED_BEGIN}\n\n{text}\n\n{GENERATED_END}")
    # The meta description the build wrote counted mentions that are gone.
    return replace_field(page, "description", f"Now part of {title or merged_into}." if merged_into else ORPHAN_DESCRIPTION)


def retired_on_purpose(text: str) -> bool:
    """Whether the page's front matter merges or ignores its entity (so its page going away is wanted)."""
    data = front_matter_fields(text)
    return data is not None and any(data.get(key) for key in RETIRING_KEYS)


# --- renames ------------------------------------------------------------------------------------


def find_renames(
    previous: Mapping[str, PageRecord], pages: Mapping[str, str], infos: Mapping[str, PageInfo],
    copies: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Vanished page -> the new page that is the same article (corpus file, or the file a copy of the
    same page gave way to: copies, identity -> identity) or entity (most shared names)."""
    by_identity: dict[str, str] = {}
    by_name: dict[str, set[str]] = {}
    for path, info in infos.items():
        if info.identity.startswith("article:"):
            by_identity[info.identity] = path
        elif info.identity == "entity":
            for name in info.names:
                by_name.setdefault(name.casefold(), set()).add(path)
    renames = {}
    for old in sorted(set(previous) - set(pages)):
        record = previous[old]
        article = by_identity.get(record.identity) or by_identity.get((copies or {}).get(record.identity, ""))
        if record.identity.startswith("article:") and article:
            renames[old] = article
        elif record.identity == "entity":
            shared = Counter(path for name in {n.casefold() for n in record.names} for path in by_name.get(name, ()))
            if shared:
                renames[old] = min(shared, key=lambda path: (-shared[path], path))
    return renames


# --- writing docs/ ------------------------------------------------------------------------------


FileStamp = tuple[int, int, int]  # inode, size, modification time (ns)


def file_stamp(path: Path) -> FileStamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


@dataclass(frozen=True)
class Stamp:
    """An unedited page as the last build left it: its input key, its text's hash, its file and merge base."""

    key: str
    sha256: str
    page: FileStamp
    base: FileStamp

    @classmethod
    def now(cls, key: str, digest: str, page: Path, base: Path) -> "Stamp | None":
        page_stamp, base_stamp = file_stamp(page), file_stamp(base)
        return cls(key, digest, page_stamp, base_stamp) if page_stamp and base_stamp else None

    def still(self, key: str | None, record: PageRecord, page: Path, base: Path) -> bool:
        """Same input, same manifest entry, and both files untouched since (a hand edit changes the stamp)."""
        return key == self.key and record.sha256 == self.sha256 and file_stamp(page) == self.page and file_stamp(base) == self.base


def load_stamps(path: Path) -> dict[str, Stamp]:
    data = _read_json(path) or {}
    stamps = {}
    for page, value in data.items():
        try:
            key, digest, page_stamp, base_stamp = value
            stamps[page] = Stamp(str(key), str(digest), tuple(map(int, page_stamp)), tuple(map(int, base_stamp)))
        except (TypeError, ValueError):
            continue  # a damaged entry only costs that page a full comparison
    return stamps


def save_stamps(path: Path, stamps: Mapping[str, Stamp | None]) -> None:
    data = {page: [s.key, s.sha256, list(s.page), list(s.base)] for page, s in sorted(stamps.items()) if s}
    atomic_write(path, json.dumps(data, separators=(",", ":")))


def write_docs(
    docs_dir: Path,
    pages: Mapping[str, str],
    infos: Mapping[str, PageInfo] | None = None,
    page_keys: Mapping[str, str] | None = None,
    stamps_file: Path | None = None,
    failed: Collection[str] = (),
    root: Path | None = None,
    copies: Mapping[str, str] | None = None,
) -> WriteReport:
    """Bring docs/ in line with the generated pages, keeping hand edits (see the module docstring).

    page_keys: each page's input key (pages without one are always compared); stamps_file: where
    the last build noted, per unedited page, its key and its files' stamps. A page whose key and
    files are as noted cannot have changed, and is neither read nor fetched. failed: identities
    (article:<source>) of corpus files that failed this build: their pages are kept as they were.
    root: the project (for the templates pages may name; default: the folder holding docs_dir).
    copies: identity of a copy of a page not built -> identity of the one built; the copy's old
    page redirects to the built one's.
    """
    infos = infos or {}
    page_keys = page_keys or {}
    stamps = load_stamps(stamps_file) if stamps_file else {}
    new_stamps: dict[str, Stamp] = {}
    report = WriteReport()
    previous = load_records(docs_dir, report.problems)
    redirects, redirect_warnings = redirect_pages.load_map(docs_dir / REDIRECTS_PATH, f"docs/{REDIRECTS_PATH}", report.problems)
    report.warnings.extend(redirect_warnings)
    renames = find_renames(previous, pages, infos, copies)
    # A renamed page takes its edits along, unless its new path was already a page of its own.
    carried = {new: old for old, new in renames.items() if new not in previous and not (docs_dir / new).exists()}
    records: dict[str, PageRecord] = {}

    for path in sorted(pages):
        source_path = carried.get(path, path)
        stamp = stamps.get(path)
        record = previous.get(path)
        if source_path == path and stamp is not None and record is not None and stamp.still(page_keys.get(path), record, docs_dir / path, docs_dir / BASE_DIR / path):
            report.unchanged.append(path)
            info = infos.get(path, PageInfo(""))
            records[path] = PageRecord(record.sha256, info.identity, info.names)
            new_stamps[path] = stamp
            continue
        generated = pages[path]
        try:
            raw = current = read_text(docs_dir / source_path)
        except UnicodeDecodeError as err:
            keep_unreadable(path, generated, err, report)
            records[path] = PageRecord(sha256(generated), *astuple(infos.get(path, PageInfo(""))))
            continue
        if current is not None and "\r\n" in current:
            current = current.replace("\r\n", "\n")  # saved by a Windows editor: compare lines, not line ends
        record = previous.get(source_path)
        base = load_base(docs_dir, source_path, record, current)
        if current is not None and current != base:
            check_edited(path, source_path, current, generated, report, root or docs_dir.parent)
        result = merge_page(base, current, generated)
        note_merge(report, path, result)
        show_generated_if_links_gone(path, result.text, generated, base, pages, previous, report)
        if source_path != path:
            report.moved[source_path] = path
            if result.action in ("edited", "merged", "kept", "kept-no-base", "adopted"):
                report.warnings.append(f"{source_path}: renamed to {path}; your edits moved with it")
        on_disk = raw if source_path == path else read_text(docs_dir / path)
        write_if_changed(docs_dir / path, result.text, path, report, on_disk)
        info = infos.get(path, PageInfo(""))
        records[path] = PageRecord(sha256(generated), info.identity, info.names)
        atomic_write_if_changed(docs_dir / BASE_DIR / path, generated)
        if path in page_keys and result.text == generated:
            new_stamps[path] = Stamp.now(page_keys[path], records[path].sha256, docs_dir / path, docs_dir / BASE_DIR / path)

    remove_gone_pages(docs_dir, pages, previous, records, renames, failed, report)
    for old, new in renames.items():
        redirects[old] = new

    report.redirects = redirect_pages.tidy(redirects, lambda p: (docs_dir / p).is_file())
    save_state(docs_dir, records, report.redirects)
    if stamps_file:
        save_stamps(stamps_file, new_stamps)
    return report


def remove_gone_pages(
    docs_dir: Path, pages: Mapping[str, str], previous: dict[str, PageRecord], records: dict[str, PageRecord],
    renames: dict[str, str], failed: Collection[str], report: WriteReport,
) -> None:
    """The pages of the last build that this one did not make: kept when their corpus file failed
    this build, else removed (or kept, with their edits, as remove_old_page says)."""
    for old in sorted(set(previous) - set(pages)):
        if previous[old].identity in failed and (docs_dir / old).is_file():
            keep_failed_page(old, previous[old], records, report)
            continue
        target = renames.get(old)
        title = TITLE_RE.search(pages[target]) if target else None
        remove_old_page(docs_dir, old, previous[old], target, title.group(1) if title else None, report)
        (docs_dir / BASE_DIR / old).unlink(missing_ok=True)


def check_edited(path: str, source_path: str, current: str, generated: str, report: WriteReport, root: Path) -> None:
    """A hand-edited page's front matter checked; with errors, the site shows the generated page."""
    errors = validate_page(f"docs/{source_path}", current, kind_of(path), generated, known_templates(root))
    if errors:
        report.problems.extend(errors)
        report.site_view[path] = generated
        report.warnings.append(f"{path}: kept as it is; the site shows the generated page until its front matter is fixed")


def keep_unreadable(path: str, generated: str, err: UnicodeDecodeError, report: WriteReport) -> None:
    """A page that is not UTF-8 text: kept untouched, named; the site shows the generated page."""
    report.problems.append(Problem(f"docs/{path}", (
        f"not UTF-8 text (byte {err.start:,}); kept as it is, and the site shows the generated page - save it as UTF-8")))
    report.site_view[path] = generated
    report.kept_edits.append(path)


def keep_failed_page(old: str, record: PageRecord, records: dict[str, PageRecord], report: WriteReport) -> None:
    """The page of a corpus file that failed this build: kept as it was, hand edits and merge base
    included, and left out of the site until the file builds again."""
    records[old] = record
    report.site_view[old] = None
    report.kept_edits.append(old)
    report.warnings.append(
        f"{old}: its corpus file has errors in this build (listed above); its page and any hand edits are kept "
        "as they were, and left out of the site until the file builds again")


def kind_of(path: str) -> str:
    if path.startswith("articles/") and path != "articles/index.md":
        return "article"
    if path.startswith("entities/") and path != "entities/index.md":
        return "entity"
    return "index"


def note_merge(report: WriteReport, path: str, result: Merged) -> None:
    if result.action in ("edited", "adopted"):
        report.kept_edits.append(path)
    elif result.action == "merged":
        report.kept_edits.append(path)
        report.warnings.append(f"{path}: edited by hand; merged the new generated text around your edits")
    elif result.action == "kept":
        report.kept_edits.append(path)
        where = f" at line {result.conflict_line}" if result.conflict_line else ""
        report.warnings.append(
            f"{path}: edited by hand and the generated text changed in the same place{where}; "
            f"kept your version (the new generated text is in docs/{BASE_DIR}/{path})"
        )
    elif result.action == "kept-no-base":
        report.kept_edits.append(path)
        report.warnings.append(
            f"{path}: differs from what the build generates and has no merge base; kept as it is "
            "(if nobody edited it, delete it and build again to get the generated page)"
        )


def write_if_changed(target: Path, text: str, path: str, report: WriteReport, on_disk: str | None) -> None:
    """Write text to target unless on_disk, the text read from target, is already it."""
    if on_disk == text:
        report.unchanged.append(path)
    else:
        atomic_write(target, text)
        report.written.append(path)


def atomic_write_if_changed(target: Path, text: str) -> None:
    if read_text(target) != text:
        atomic_write(target, text)


def remove_old_page(
    docs_dir: Path, old: str, record: PageRecord, renamed_to: str | None, title: str | None, report: WriteReport
) -> None:
    """A page the build no longer generates: removed, moved, or kept when hand-edited."""
    target = docs_dir / old
    try:
        current = read_text(target)
    except UnicodeDecodeError:
        current = ""  # not UTF-8: not the build's text, so edited by hand; never deleted unread
    if current is None:
        return
    if old in report.moved:
        target.unlink()
        report.removed.append(old)
        return
    edited = sha256(current) != record.sha256
    if not edited:
        target.unlink()
        report.removed.append(old)
    elif kind_of(old) == "entity":
        if retired_on_purpose(current):
            pass  # merge_into / ignore: the page is the contributor's record of that decision
        elif renamed_to:
            report.warnings.append(
                f"{old}: this entity is now {renamed_to}, but this page was edited by hand; kept it — "
                f"move your text to {renamed_to} and delete this page"
            )
        else:
            report.warnings.append(f"{old}: no article mentions this entity any more; kept it because it was edited by hand")
        atomic_write_if_changed(target, orphan_page(current, renamed_to, title))
    else:
        target.unlink()
        report.removed.append(old)
        report.set_aside[old] = current  # the edits may never have been committed: the pages pass keeps a copy


def save_state(docs_dir: Path, records: Mapping[str, PageRecord], redirects: Mapping[str, str]) -> None:
    manifest = {
        "version": MANIFEST_VERSION,
        "pages": {
            path: {"sha256": r.sha256, "identity": r.identity, **({"names": list(r.names)} if r.names else {})}
            for path, r in sorted(records.items())
        },
    }
    atomic_write_if_changed(docs_dir / MANIFEST_PATH, json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    redirect_text = (
        "# Old page path -> new page path (or https: URL); the build writes a redirect page for each.\n"
        "# Kept up to date by the build; add lines by hand to redirect a page you removed.\n"
        + (yaml.safe_dump(dict(redirects), allow_unicode=True, sort_keys=True, width=1000) if redirects else "{}\n")
    )
    atomic_write_if_changed(docs_dir / REDIRECTS_PATH, redirect_text)
