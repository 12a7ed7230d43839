"""Site search that downloads only what a query needs: a Pagefind index made from the built site.

Material's own search puts every page's text into one search_index.json that every reader
downloads before the first result (56.6 MB at 10,000 pages). Pagefind instead splits the index
into small chunks by word and loads the chunks for the words typed, plus the text of the results
shown. After the engine has built the site (and the sanitiser has been over it), this module:

- marks every entity page's content with a Pagefind weight (mark_page), so a reader who types a
  name gets the entity's page before the articles that merely mention it;
- runs Pagefind (the `pagefind` Python API, with the binary shipped in the `pagefind_bin_extended`
  wheel, offline: the extended build splits Japanese and Chinese text into words) over the built pages, in shards of SHARD_PAGES pages on a large site (see below).

Pagefind holds the index of every page it reads in memory, about 0.4 MB per article page: 10,000
articles would take it past 4 GB. A site with more pages is indexed in shards, one Pagefind index
after another, each over a folder of hard links to its pages (so page URLs are unchanged). The
entity pages, whose indexed part is only their names (render.entity_page.SEARCH_IGNORED_BEGIN), make the main
bundle in pagefind/, so names rank against names; the articles follow in shards of SHARD_PAGES in
pagefind-shards/<n>/, listed in pagefind/newswiki-shards.json, which the search box reads to merge
them (pagefind.mergeIndex).

A bundle is a function of its pages alone (Pagefind's output is deterministic): each bundle's key
is the hash of its pages' paths and bytes, and a bundle whose key the previous site's bundle had is
hard-linked from there instead of indexed again (Reuse), so after one article changes only the
entity bundle and that article's shard are indexed.

The search box itself is overrides/partials/search.html with overrides/assets/pagefind-search.js.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from pagefind.index import IndexConfig
from pagefind.service import PagefindService

#: Pages whose text is indexed: articles and entities. The home page and the two index pages list
#: every article or entity, so they would match every query and make its download heavy.
INDEXED_PAGES = "{articles,entities}/*/index.html"
#: Only the page's own content is indexed, not the header, navigation and footer around it.
ROOT_SELECTOR = "article.md-content__inner"
#: Parts of a page that are not its text: the permalink signs of headings.
EXCLUDED = ".headerlink"
#: Article pages per Pagefind run: about 0.4 GB of Pagefind memory at most. A shard adds about
#: 10 KB to a query's download (its metadata and word chunks): ten shards at 10,000 articles.
SHARD_PAGES = 1000
#: Entity pages per Pagefind run: only their names are indexed, so they take far less.
ENTITY_SHARD_PAGES = 25_000
ENTITY_FOLDER = "entities/"
MAIN_BUNDLE = "pagefind"
SHARD_BUNDLES = "pagefind-shards"
#: In the main bundle: the other bundles' folders, relative to the site root, for the search box to merge.
SHARDS_FILE = "newswiki-shards.json"
ENTRY_FILE = "pagefind-entry.json"
#: Seconds Pagefind may take to write its files and exit once it has been asked to.
FINISH_SECONDS = 600
#: Pagefind weight of an entity page's indexed text (its names). With 1, an article that repeats
#: a name many times outranks the entity's own page; 4 puts the page first on the seed corpus
#: while an article whose title matches still wins (headings weigh 7 in Pagefind).
ENTITY_WEIGHT = 4
ARTICLE_TAG_RE = re.compile(r"<article\b")
#: Languages written without spaces between words, which Pagefind's extended build splits into
#: words, but only on a page whose <html lang> names them. The site's pages keep the site's language
#: (their article carries its own, templates' main.html), so Pagefind reads a copy of such a page
#: whose <html lang> is the article's: it lands in an index of its own language, which the search
#: box merges (pagefind-search.js), and English pages keep their English index and stemming.
SEGMENTED_LANGUAGES = ("ja", "zh")
CONTENT_LANG_RE = re.compile(r'<article\b[^>]*\blang="((?:ja|zh)(?:-[A-Za-z0-9]+)*)"')
HTML_LANG_RE = re.compile(r'(<html\b[^>]*?\blang=")[^"]*(")')


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why."""


def is_entity_page(path: str) -> bool:
    """path: a page's path in the site. Every page under entities/ but the index is an entity page."""
    return path.startswith(ENTITY_FOLDER) and path != ENTITY_FOLDER + "index.html"


def mark_page(page_html: str, path: str) -> str:
    """The page with its content weighted for Pagefind when it is an entity page. The first <article>
    tag of a sanitised page is the theme's: text around it is escaped."""
    if not is_entity_page(path):
        return page_html
    return ARTICLE_TAG_RE.sub(f'<article data-pagefind-weight="{ENTITY_WEIGHT}"', page_html, count=1)


def segmented_copy(page_html: str) -> str | None:
    """The page as Pagefind should read it when its content is in a segmented language (its
    <html lang> set to the content's), else None."""
    found = CONTENT_LANG_RE.search(page_html)
    if not found:
        return None
    return HTML_LANG_RE.sub(lambda m: m.group(1) + found.group(1) + m.group(2), page_html, count=1)


def read_page(path: Path) -> str:
    return path.read_text("utf-8", errors="replace")


def segmented_pages(site_dir: Path, pages: list[str]) -> set[str]:
    """The indexed article pages whose content is in a segmented language."""
    return {p for p in pages if not p.startswith(ENTITY_FOLDER) and CONTENT_LANG_RE.search(read_page(site_dir / p))}


def stage_shard(scratch: Path, site_dir: Path, shard: list[str], segmented: set[str]) -> None:
    """A folder of the shard's pages for Pagefind: hard links to the site's pages, and for the
    pages in a segmented language their segmented_copy."""
    shutil.rmtree(scratch, ignore_errors=True)
    for page in shard:
        (scratch / page).parent.mkdir(parents=True, exist_ok=True)
        copy = segmented_copy(read_page(site_dir / page)) if page in segmented else None
        if copy is None:
            os.link(site_dir / page, scratch / page)
        else:
            (scratch / page).write_text(copy, encoding="utf-8")


def run_pagefind(site_dir: Path, output: Path, glob: str = INDEXED_PAGES) -> int:
    """Index the pages of site_dir matching glob into the bundle folder output; returns the number of
    pages indexed. A failure stops the build with Pagefind's message."""
    try:
        # In a thread of its own: the caller may be running an event loop already (a test's browser).
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as thread:
            return thread.submit(asyncio.run, _index_folder(site_dir, output, glob)).result()
    except SearchIndexError:
        raise
    except Exception as err:  # the service could not start, or refused a request
        raise SearchIndexError(f"pagefind failed: {err} (is the pagefind[extended] package installed?)") from err


async def _index_folder(site_dir: Path, output: Path, glob: str) -> int:
    config = IndexConfig(root_selector=ROOT_SELECTOR, exclude_selectors=[EXCLUDED], output_path=str(output))
    service = await PagefindService().launch()
    try:
        index = await service.create_index(config)
        done = await index.add_directory(str(site_dir), glob=glob)
        if done.get("errors"):
            raise SearchIndexError(f"pagefind failed: {'; '.join(map(str, done['errors']))}")
        await index.write_files(str(output))
    except BaseException:
        await service.close()
        raise
    await _let_finish(service, output)
    _check_bundle(output)
    _settle_entry(output / ENTRY_FILE)
    return int(done.get("page_count", 0))


async def _let_finish(service: PagefindService, output: Path) -> None:
    """End the Pagefind service once its files are written. It answers "written" when it has handed
    the files' bytes to its writer threads, and exits at once when its input closes (the API's own
    close kills it): on a loaded machine that left files empty. So first wait until it holds no
    file in the output folder open, then close its input and wait for it to exit.

    The pagefind package (1.5.2, read in its source) has no public way to wait for the files, hence
    two private fields: the service protocol has no request but NewIndex, AddFile, AddRecord, AddDir,
    WriteFiles, GetFiles and DeleteIndex; PagefindService.close() (and PagefindIndex's context
    manager, which ends with it) waits for the answers only, then terminate()s the process;
    PagefindIndex.get_files() would hand the bytes over to be written here, but through the
    service's stdout, read with a 2 MiB limit a bundle outgrows (its reader then dies and the call
    never returns: its docstring warns of it). `_backend` is the process (pid, stdin, exit) and
    `_poll_task` the reader of its stdout, stopped before the process ends. Look again on an upgrade."""
    backend = service._backend  # noqa: SLF001 - see the docstring: no public graceful end
    try:
        deadline = time.monotonic() + FINISH_SECONDS
        while _open_files_under(backend.pid, output):
            if time.monotonic() > deadline:
                raise SearchIndexError(f"pagefind did not finish writing within {FINISH_SECONDS} s")
            await asyncio.sleep(0.02)
        backend.stdin.close()
        await asyncio.wait_for(backend.wait(), timeout=FINISH_SECONDS)
    except asyncio.TimeoutError:
        raise SearchIndexError(f"pagefind did not exit within {FINISH_SECONDS} s") from None
    finally:
        service._poll_task.cancel()  # noqa: SLF001
        if backend.returncode is None:
            backend.kill()
            await backend.wait()


def _open_files_under(pid: int, folder: Path) -> bool:
    """Whether process pid holds a file under folder open (Linux /proc; elsewhere a short wait)."""
    fds = Path(f"/proc/{pid}/fd")
    if not fds.is_dir():
        time.sleep(1.0)
        return False
    prefix = str(folder.resolve()) + os.sep
    for fd in fds.iterdir():
        try:
            if os.readlink(fd).startswith(prefix):
                return True
        except OSError:
            continue
    return False


def _check_bundle(output: Path) -> None:
    """A bundle with an empty file or an unreadable entry file is not published."""
    empty = [p.relative_to(output).as_posix() for p in sorted(output.rglob("*")) if p.is_file() and p.stat().st_size == 0]
    if empty:
        raise SearchIndexError(f"pagefind wrote empty files in {output.name}/: {', '.join(empty[:5])}")


def _settle_entry(path: Path) -> None:
    """Pagefind's entry file with its lists in a fixed order: once in a full test run, two builds of
    the same pages gave two different entry files (the characters and languages are sets to the
    search code)."""
    try:
        entry = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return
    if not isinstance(entry, dict):
        return
    if isinstance(entry.get("include_characters"), list):
        entry["include_characters"] = sorted(entry["include_characters"])
    if isinstance(entry.get("languages"), dict):
        entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def expand_braces(pattern: str) -> list[str]:
    """The globs a pattern with one {a,b} group stands for (Python's glob has no braces; Pagefind's has)."""
    head, brace, rest = pattern.partition("{")
    if not brace or "}" not in rest:
        return [pattern]
    choices, _, tail = rest.partition("}")
    return [head + choice + tail for choice in choices.split(",")]


def indexed_pages(site_dir: Path, glob: str) -> list[str]:
    """The pages Pagefind indexes, as sorted paths relative to the site root."""
    found = {p.relative_to(site_dir).as_posix() for pattern in expand_braces(glob) for p in site_dir.glob(pattern)}
    return sorted(found)


def chunks(items: list[str], size: int) -> list[list[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


@dataclass
class Reuse:
    """The previous site's bundles and their keys (empty: index everything), and this build's keys."""

    previous_site: Path | None = None
    previous: dict[str, str] = field(default_factory=dict)
    #: Every bundle's key in this build, by bundle folder.
    keys: dict[str, str] = field(default_factory=dict)
    #: The bundles taken from the previous site.
    reused: list[str] = field(default_factory=list)

    def take(self, bundle: str, key: str, site_dir: Path) -> bool:
        """Hard-link the previous site's bundle into site_dir if it had this key; whether it did."""
        self.keys[bundle] = key
        source = self.previous_site / bundle if self.previous_site is not None else None
        if self.previous.get(bundle) != key or source is None or not source.is_dir():
            return False
        shutil.copytree(source, site_dir / bundle, copy_function=_link_or_copy)
        self.reused.append(bundle)
        return True


def bundle_key(site_dir: Path, pages: list[str]) -> str:
    """What a bundle is made of: its pages' paths and bytes."""
    digest = hashlib.sha256()
    for page in pages:
        digest.update(page.encode() + b"\0" + hashlib.sha256((site_dir / page).read_bytes()).digest())
    return digest.hexdigest()


def index_site(
    site_dir: Path, shard_pages: int | None = None, entity_shard_pages: int | None = None, reuse: Reuse | None = None
) -> int:
    """Build the search bundles of a site, in shards when it is large; returns the number of bundles."""
    shard_pages = shard_pages or SHARD_PAGES
    entity_shard_pages = entity_shard_pages or ENTITY_SHARD_PAGES
    reuse = reuse if reuse is not None else Reuse()
    pages = indexed_pages(site_dir, INDEXED_PAGES)
    if len(pages) <= shard_pages:
        shards = [pages]
    else:
        entities = [p for p in pages if p.startswith(ENTITY_FOLDER)]
        others = [p for p in pages if not p.startswith(ENTITY_FOLDER)]
        shards = chunks(entities, entity_shard_pages) + chunks(others, shard_pages)
    extra: list[str] = []
    segmented = segmented_pages(site_dir, pages)
    if len(shards) == 1 and not segmented:
        if not reuse.take(MAIN_BUNDLE, bundle_key(site_dir, pages), site_dir):
            run_pagefind(site_dir, site_dir / MAIN_BUNDLE)
    else:
        scratch = site_dir.with_name(f".{site_dir.name}.pagefind-shard")
        try:
            for n, shard in enumerate(shards):
                bundle = MAIN_BUNDLE if n == 0 else f"{SHARD_BUNDLES}/{n}"
                if n:
                    extra.append(bundle + "/")
                if reuse.take(bundle, bundle_key(site_dir, shard), site_dir):
                    continue
                stage_shard(scratch, site_dir, shard, segmented)
                run_pagefind(scratch, site_dir / bundle)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    # Replaced, never written in place: the file may be a hard link into the previous site.
    shards_file = site_dir / MAIN_BUNDLE / SHARDS_FILE
    shards_file.unlink(missing_ok=True)
    shards_file.write_text(json.dumps(extra) + "\n", encoding="utf-8")
    return len(shards)


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
