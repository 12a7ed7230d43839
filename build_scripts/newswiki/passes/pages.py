"""Pass 3, the pages: every generated page rendered (from the page cache when its input is
unchanged, in worker processes when many are not) and written into the staged docs/ as it comes,
hand edits kept (docs_writer.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

from newswiki import cache, docs_writer, render
from newswiki.cache import PageCache
from newswiki.config import Config
from newswiki.files import atomic_write
from newswiki.models import AnalysedCorpus, Article, Blocks, Mention, PageInput, Problem, Resolution, WriteReport
from newswiki.passes import Progress
from newswiki.workers import run_in_pool

#: Chunks of pages given to each render worker at a time.
PAGE_CHUNKS_AHEAD = 3
#: What the last build left in docs/ (docs_writer.Stamp per unedited page), under the cache folder.
PAGE_STAMPS = "page-stamps.json"
#: Where hand-edited article pages removed with their corpus file are kept, under the cache folder.
REMOVED_PAGES = "removed-pages"


def write_pages(
    corpus: AnalysedCorpus, resolution: Resolution, docs_stage: Path, config: Config, store: PageCache, progress: Progress,
) -> tuple[WriteReport, Resolution, list[str]]:
    """Every page written into docs_stage: the writer's report, the resolution without the mention
    links only the pages read (the corpus' mentions are let go likewise), and the pages rendered
    afresh. Problems (unsafe page paths included) go to the corpus' problems."""
    pages, unsafe = render_corpus(corpus.articles, resolution, corpus.mentions, corpus.blocks, config, store)
    corpus.problems.extend(unsafe)
    corpus.mentions = {}
    resolution = resolution.without_mention_links()
    infos = docs_writer.page_infos(corpus.articles, resolution.entities)
    # Written as the workers render them (see RenderedPages).
    report = docs_writer.write_docs(docs_stage, pages, infos, pages.page_keys, config.cache_dir / PAGE_STAMPS,
                                    failed={f"article:{p.source}" for p in corpus.problems if p.severity == "error"},
                                    root=config.root,
                                    copies={f"article:{copy}": f"article:{kept}" for copy, kept in corpus.copies.items()})
    pages.finish()
    set_aside(report, config)
    corpus.problems.extend(report.problems)
    progress("render", len(pages), len(pages))
    store.prune()
    return report, resolution, pages.rendered


def set_aside(report: WriteReport, config: Config) -> None:
    """A copy, under the cache folder, of each hand-edited article page removed with its corpus file
    (its edits may never have been committed), and a warning saying where."""
    for path, text in sorted(report.set_aside.items()):
        copy = config.cache_dir / REMOVED_PAGES / path
        atomic_write(copy, text)
        shown = copy.relative_to(config.root).as_posix() if copy.is_relative_to(config.root) else str(copy)
        report.warnings.append(f"{path}: removed with its corpus file; the page as you edited it is kept in {shown}")


class RenderedPages(Mapping[str, str]):
    """Every generated page by path: the corpus indexes in memory, the others read from the page
    cache when asked for (10,000 articles' pages held at once took 300 MB), or taken from the render
    workers as they come.

    Pages are rendered in path order, the order docs/ is written in, so writing a page overlaps
    with the workers rendering the next ones. Each is stored in the page cache too, batch at a
    time; finish() renders and stores the ones nobody asked for.
    """

    def __init__(
        self, index: dict[str, str], page_keys: dict[str, str], store: PageCache, batch: int,
        rendering: Iterable[str] = (), fresh: Iterator[tuple[str, str]] = iter(()),
    ) -> None:
        self.index, self.page_keys, self.store, self.batch = index, page_keys, store, batch
        self.rendered = sorted(rendering)  # the paths of the pages rendered afresh
        self.rendering = set(rendering)  # the paths of the pages being rendered, not taken yet
        self.fresh = fresh  # (path, page) as rendered, in path order
        self.unsaved: dict[str, str] = {}  # page key -> page, not in the store yet

    def __getitem__(self, path: str) -> str:
        if path in self.index:
            return self.index[path]
        while path in self.rendering and self._take_fresh():
            pass
        key = self.page_keys[path]
        text = self.unsaved.get(key)
        if text is None:
            text = self.store.get(key)
        if text is None:
            raise KeyError(path)
        return text

    def _take_fresh(self) -> bool:
        """One more rendered page among the unsaved ones; False when none is left."""
        try:
            path, text = next(self.fresh)
        except StopIteration:
            self.rendering.clear()
            return False
        self.rendering.discard(path)
        if len(self.unsaved) >= self.batch:
            self.store.put_many(self.unsaved)
            self.unsaved = {}
        self.unsaved[self.page_keys[path]] = text
        return True

    def finish(self) -> None:
        """Every page rendered and stored."""
        while self._take_fresh():
            pass
        self.store.put_many(self.unsaved)
        self.unsaved = {}

    def __iter__(self) -> Iterator[str]:
        yield from self.index
        yield from self.page_keys

    def __len__(self) -> int:
        return len(self.index) + len(self.page_keys)


def render_corpus(
    articles: list[Article], resolution: Resolution, mentions: dict[str, list[Mention]], blocks: dict[str, Blocks],
    config: Config, store: PageCache,
) -> tuple[RenderedPages, list[Problem]]:
    """Every generated page: the corpus indexes afresh, each article and entity page from the cache
    when its input is unchanged, the rest rendered (in parallel when many) as they are asked for.

    A page whose path would leave docs/ is not made; it is named as a problem.
    """
    index, problems = safe_pages(render.index_pages(articles, list(resolution.entities)))
    inputs, unsafe = safe_pages(render.page_inputs(articles, resolution, mentions, blocks))
    problems += unsafe
    version = cache.pipeline_version(config.spacy_model, config.max_bytes)
    keys = {path: cache.value_key(version, render.page_key_record(item)) for path, item in inputs.items()}
    present = store.present(keys.values())
    todo = sorted(path for path in inputs if keys[path] not in present)
    # render_many first: zip asks it for one more page, so it ends, and its workers with it.
    rendered = zip(render_many([inputs[path] for path in todo], config), todo)
    fresh = ((path, text) for text, path in rendered)
    return RenderedPages(index, keys, store, config.render_batch, todo, fresh), problems


def render_many(items: list[PageInput], config: Config) -> Iterator[str]:
    """render.render_page of each item, in order, as they come; in worker processes when there are many.

    A few chunks of pages at a time are given to the workers: pages made faster than the build
    writes them wait in memory, so only a few may be made ahead.
    """
    workers = config.worker_count
    if workers <= 1 or len(items) < config.parallel_min_pages:
        yield from map(render.render_page, items)
        return
    size = config.page_chunk
    chunks = ((items[i : i + size],) for i in range(0, len(items), size))
    for pages in run_in_pool(render_chunk, chunks, workers, PAGE_CHUNKS_AHEAD * workers):
        yield from pages


def render_chunk(items: list[PageInput]) -> list[str]:
    """render.render_page of each item: one task of a render worker."""
    return [render.render_page(item) for item in items]


PageT = TypeVar("PageT")
#: A page path under docs/: plain relative segments, no "..", no absolute path, no odd characters.
SAFE_PAGE_PATH_RE = re.compile(r"^(?:[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*/)*[A-Za-z0-9][A-Za-z0-9_-]*\.md$")


def safe_pages(pages: dict[str, PageT]) -> tuple[dict[str, PageT], list[Problem]]:
    """Only pages (texts or inputs) whose path stays inside docs/; anything else is named as a problem, not written."""
    kept: dict[str, PageT] = {}
    problems = []
    for path, text in pages.items():
        if SAFE_PAGE_PATH_RE.match(path):
            kept[path] = text
        else:
            problems.append(Problem(ascii(path), "unsafe page path; page not written"))
    return kept, problems
