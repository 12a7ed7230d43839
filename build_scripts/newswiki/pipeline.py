"""The build, stage by stage: ingest -> extract (clean + metadata) -> entities -> resolve -> render -> site."""

from __future__ import annotations

import collections
import concurrent.futures as cf
import contextlib
import datetime as dt
import gc
import hashlib
import os
import re
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from newswiki import (
    cache, charts, clean, curation, docs_writer, feed, files, ingest, limits, markdown, metadata, ner, paths, render,
    resolve, site, site_view,
)
from newswiki.cache import ArticleCache, ArticleResult, LineKeyCache, PageCache
from newswiki.slugs import SLUG_MAX_LENGTH, article_ids  # noqa: F401  (kept importable from here)
from newswiki.config import DEFAULT_MAX_BODY_CHARS, Config
from newswiki.lock import build_lock
from newswiki.workers import start_worker, warm_up_workers, worker_context  # noqa: F401  (worker_context kept importable from here)
from newswiki.metadata import Sidecar, SidecarError
from newswiki.extract import extract, extract_html, extract_text  # noqa: F401  (kept importable from here)
from newswiki.models import Article, Extraction, Mention, Problem, Resolution, SourceFile

#: Files per task sent to a worker: enough for nlp.pipe to batch well, few enough to share the work
#: evenly between workers and to show progress often.
CHUNK_SIZE = 16
#: With fewer files to analyse than this, the main process does them: starting worker processes
#: (each loads the spaCy model) would take longer than the work.
MIN_PARALLEL_FILES = 96
#: Pages per task sent to a render worker, and the fewest pages to render that make starting workers pay.
PAGE_CHUNK_SIZE = 64
MIN_PARALLEL_PAGES = 4 * PAGE_CHUNK_SIZE
#: Chunks of pages given to each render worker at a time.
PAGE_CHUNKS_AHEAD = 3
#: Pages rendered, then stored in the page cache, at a time: the build never holds them all.
RENDER_BATCH = 500

#: The resolve stage's report (merges, every candidate that got no page), under the cache folder.
ENTITY_REPORT = "entity-report.md"
#: What the last build left in docs/ (docs_writer.Stamp per unedited page), under the cache folder.
PAGE_STAMPS = "page-stamps.json"

Progress = Callable[[str, int, int], None]


def no_progress(stage: str, done: int, total: int) -> None:
    pass


@dataclass
class BuildResult:
    articles: list[Article]
    resolution: Resolution
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    written: int = 0

    @property
    def ok(self) -> bool:
        return not any(p.severity == "error" for p in self.problems)


def deterministic_epoch(articles: list[Article]) -> int:
    """SOURCE_DATE_EPOCH when set; else the newest article date, so rebuilds are byte-identical."""
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if env and env.isdigit():
        return int(env)
    dates = [a.published for a in articles if a.published]
    newest = max(dates) if dates else dt.date(2000, 1, 1)
    # Not before 1970: the gzipped sitemap's timestamp cannot be negative.
    return max(0, int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.timezone.utc).timestamp()))


def build(config: Config, progress: Progress = no_progress, build_site: bool = True) -> BuildResult:
    """Gather everything first, then write: docs/ pages, then the site.

    docs/ and site/ are built in staging folders and swapped in at the end, docs/ first: a build
    killed at any moment leaves each of them whole (see site.py). One build per project at a
    time (lock.py): a second one waits.
    """
    with build_lock(config.cache_dir):
        paths.refuse_symlinks(config.root, config.corpus_dir, config.docs_dir)
        return build_locked(config, progress, build_site)


def build_locked(config: Config, progress: Progress, build_site: bool) -> BuildResult:
    docs_stage: Path | None = None
    try:
        with collector_paused(), PageCache(config.cache_dir) as page_store:
            articles, mentions, facts, blocks, problems = gather_articles(config, progress)
            resolution = resolve_entities(articles, mentions, facts, config, problems)
            del facts  # every article's at once: the largest records after the texts
            progress("resolve", 1, 1)
            pages, unsafe = render_corpus(articles, resolution, mentions, blocks, config, page_store)
            problems.extend(unsafe)
            # Which mention went where served the pages only; the site needs the entities.
            del mentions
            resolution = replace(resolution, mention_entity={})
            docs_stage = site.stage_copy(config.docs_dir)
            infos = docs_writer.page_infos(articles, resolution.entities)
            # Written as the workers render them (see RenderedPages).
            report = docs_writer.write_docs(docs_stage, pages, infos, pages.page_keys, config.cache_dir / PAGE_STAMPS,
                                            failed={f"article:{p.source}" for p in problems if p.severity == "error"},
                                            root=config.root)
            pages.finish()
            problems.extend(report.problems)
            progress("render", len(pages), len(pages))
            page_store.prune()
        site_stage = None
        if build_site:
            with site_view.shown_as(docs_stage, report.site_view):  # pages with errors: docs/ keeps them as they are
                site_stage = build_site_stage(articles, resolution, report.redirects, docs_stage, config)
    except BaseException:
        if docs_stage is not None:
            shutil.rmtree(docs_stage, ignore_errors=True)
        raise
    site.swap_in(docs_stage, config.docs_dir)
    if site_stage is not None:
        site.swap_in(site_stage, config.site_dir)  # the old site's files deleted: part of the site's cost
        progress("site", 1, 1)
    return BuildResult(articles, resolution, problems, report.warnings, len(report.written))


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the stages make their many small records: its full passes
    over every live object took a third of the corpus-level time, and these stages make no cycles
    worth collecting. (Worker processes turn it back on.)"""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def gather_articles(
    config: Config, progress: Progress
) -> tuple[list[Article], dict[str, list[Mention]], dict[str, resolve.ArticleFacts], dict[str, render.Blocks], list[Problem]]:
    """Ingest, then the per-article stage (clean + metadata + NER, cached by content, in parallel
    worker processes): the articles, their mentions, resolution facts and blocks, and the problems met."""
    paths = ingest.list_corpus(config.corpus_dir)
    # A corpus this large is built in worker processes; in a rebuild, even one changed file is
    # analysed by a worker, whose model is loaded meanwhile, not by this process after the reading.
    warm = len(paths) >= MIN_PARALLEL_FILES and warm_up_workers(config)
    progress("ingest", 0, len(paths))
    sources, problems = ingest.ingest(paths, config.root, config.max_bytes)
    progress("ingest", len(paths), len(paths))

    texts = [s for s in sources if s.kind == "text"]
    line_keys = corpus_line_keys(texts, config)
    # A file saved twice counts once among the files a line is repeated in.
    corpus_lines = clean.repeated_lines(list({s.text: line_keys[s.source] for s in texts}.values()))
    inputs = []
    for source in sources:
        try:
            furniture = furniture_in(source, corpus_lines, line_keys.get(source.source))
            inputs.append(ArticleInput(source, furniture, source_sidecar(config, source)))
        except SidecarError as err:
            problems.append(Problem(source.source, str(err)))
    del sources, texts, line_keys  # the inputs hold the sources
    analysed = []
    for result in analyse_corpus(inputs, config, progress, warm):
        if isinstance(result, Problem):
            problems.append(result)
        elif len(result.extraction.body) > config.max_body_chars:
            problems.append(too_long(result.source.source, len(result.extraction.body), config.max_body_chars))
        else:
            analysed.append(result)
    articles = article_ids([(result.source, result.extraction) for result in analysed])
    for article in articles:
        problems.extend(Problem(article.extraction.source, w, "warning") for w in article.extraction.warnings)
    by_source = {result.source.source: result for result in analysed}
    mentions = bind_mentions(articles, by_source)
    facts = {a.id: by_source[a.extraction.source].facts for a in articles}
    blocks = {a.id: by_source[a.extraction.source].blocks for a in articles}
    return articles, mentions, facts, blocks, problems


def resolve_entities(
    articles: list[Article], mentions: dict[str, list[Mention]], facts: dict[str, resolve.ArticleFacts], config: Config,
    problems: list[Problem] | None = None,
) -> Resolution:
    """Mentions into entities, with contributors' corrections (docs/entities/*.md front matter),
    which come first and always win; the stage's report goes to the cache folder. A curation
    file with an error is left out and added to problems."""
    texts = PlainTexts(articles)
    resolve.load_gazetteer(config.cache_dir / f"gazetteer-{cache.data_version(config.spacy_model, config.max_bytes)}.pickle")
    curated, unusable = curation.load_per_file(config.docs_dir)
    if problems is not None:
        problems.extend(unusable)
    resolution = resolve.resolve(mentions, texts, curated, facts)
    # NER found names in every English article but a few, and in no other: only those few can be foreign.
    unnamed = {aid: texts[aid] for aid in texts if not mentions[aid]}
    files.atomic_write(config.cache_dir / ENTITY_REPORT, resolve.report_text(resolution, unnamed))
    return resolution


class PlainTexts(Mapping[str, str]):
    """Each article's plain text by id, made when asked for: resolve reads a few articles' text again
    (four in ten at 10,000 articles), and making them all took a rebuild 0.3 s."""

    def __init__(self, articles: list[Article]) -> None:
        self.bodies = {a.id: a.extraction.body for a in articles}

    def __getitem__(self, article_id: str) -> str:
        return markdown.plain_text(self.bodies[article_id])

    def __iter__(self) -> Iterator[str]:
        return iter(self.bodies)

    def __len__(self) -> int:
        return len(self.bodies)


def build_site_stage(
    articles: list[Article], resolution: Resolution, redirects: dict[str, str], docs_stage: Path, config: Config
) -> Path:
    """The site built from the staged docs/ into its own staging folder, with wiki.json, graph.json and the feed."""
    epoch = deterministic_epoch(articles)
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    entity_list = list(resolution.entities)
    extra = {
        "wiki.json": site.wiki_json(articles, entity_list),
        "graph.json": charts.graph_json(entity_list, charts.cooccurrence(resolution.related)),
        feed.FEED_NAME: feed.atom_feed(articles, "newswiki", epoch),
    }
    return site.build_site(
        config.root, config.site_dir, extra, redirects=redirects, docs_dir=docs_stage, swap=False,
        engine=config.engine, cache_dir=config.cache_dir,
    )


@dataclass(frozen=True)
class ArticleInput:
    """Everything the per-article stage reads: the file, the corpus furniture found in it, its sidecar."""

    source: SourceFile
    furniture: frozenset[str]
    sidecar: Sidecar | None

    def digest(self) -> str:
        """What besides the pipeline's code decides the result: bytes, path, furniture, sidecar."""
        parts = [self.source.source, self.source.sha256, *sorted(self.furniture)]
        parts.append(self.sidecar.model_dump_json() if self.sidecar else "")
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def corpus_line_keys(texts: list[SourceFile], config: Config) -> dict[str, list[str | None]]:
    """clean.line_keys of each text file, by source: from the cache when its bytes are unchanged."""
    version = cache.pipeline_version(config.spacy_model, config.max_bytes)
    keys = {s.source: cache.entry_key(version, "line keys", s.sha256) for s in texts}
    with LineKeyCache(config.cache_dir) as store:
        found = store.get_many(keys.values())
        fresh = {keys[s.source]: clean.line_keys(s.text) for s in texts if keys[s.source] not in found}
        store.put_many(fresh)
        store.prune()
    found.update(fresh)
    return {s.source: found[keys[s.source]] for s in texts}


def furniture_in(source: SourceFile, corpus_lines: frozenset[str], line_keys: list[str | None] | None = None) -> frozenset[str]:
    """The corpus-wide repeated lines that occur in this file: the only part of the corpus its
    cleaning depends on, so adding an article does not invalidate the others' cached results.

    line_keys: clean.line_keys of the file's text, when the caller has them already.
    """
    if source.kind != "text" or not corpus_lines:
        return frozenset()
    keys = line_keys if line_keys is not None else clean.line_keys(source.text)
    # Lines, and the paragraphs of several lines (a one-line paragraph is already among the lines).
    return corpus_lines & {k for k in keys if k is not None}.union(clean.paragraph_keys(keys))


def too_long(source: str, length: int, limit: int) -> Problem:
    return Problem(source, f"article text too long ({length:,} characters; the limit is {limit:,}) - not built; "
                           "split it or raise max_body_chars")


def fit_for_ner(ex: Extraction, max_body_chars: int) -> Extraction | Problem:
    """ex, or the problem that keeps it from NER: too many characters, or too many words and signs."""
    if len(ex.body) > max_body_chars:
        return too_long(ex.source, len(ex.body), max_body_chars)
    too_many = limits.ner_tokens_problem(limits.ner_text(markdown.plain_text(ex.body)))
    return Problem(ex.source, too_many) if too_many else ex


def analyse(inputs: list[ArticleInput], model: str, max_body_chars: int = DEFAULT_MAX_BODY_CHARS) -> list[ArticleResult | Problem]:
    """The per-article stage for a batch of files: extract each, then NER over the batch (nlp.pipe).

    A pure function of its inputs and the model: what it returns is what the cache keeps. An
    article text longer than max_body_chars is refused before NER, the costly part.
    """
    extracted: list[Extraction | Problem] = []
    for item in inputs:
        try:
            extracted.append(fit_for_ner(extract(item.source, item.furniture, item.sidecar), max_body_chars))
        except Exception as err:  # one broken page must not stop the wiki
            extracted.append(Problem(item.source.source, f"extraction failed: {type(err).__name__}: {err}"))
    # Mentions are labelled with the id the article has when its slug clashes with no other; the
    # rare clash is relabelled corpus-wide in bind_mentions.
    batch: list[Article] = []
    for n, (item, ex) in enumerate(zip(inputs, extracted)):
        if isinstance(ex, Extraction):
            article_id = article_ids([(item.source, ex)])[0].id
            if any(a.id == article_id for a in batch):  # two titles alike within one batch
                article_id = f"{article_id}--{n}"
            batch.append(Article(id=article_id, sha256=item.source.sha256, extraction=ex))
    found = ner.find_mentions(batch, model, workers=1)
    by_source = {a.extraction.source: a.id for a in batch}
    results: list[ArticleResult | Problem] = []
    for item, ex in zip(inputs, extracted):
        if isinstance(ex, Extraction):
            mentions = found[by_source[ex.source]]
            text = markdown.plain_text(ex.body)
            facts = resolve.article_facts(mentions, text)
            blocks = render.article_blocks(ex.body, text)
            # The per-line decisions serve `extract --explain` only; the build keeps none of them.
            results.append(ArticleResult(replace(item.source, text=""), replace(ex, decisions=()), tuple(mentions), facts, blocks))
        else:
            results.append(ex)
    return results


def analyse_corpus(
    inputs: list[ArticleInput], config: Config, progress: Progress, warm: bool = False
) -> list[ArticleResult | Problem]:
    """analyse() for every input, in order: cached results reused, the rest computed in parallel
    (by workers however few they are, when warm: see warm_up_workers)."""
    version = cache.pipeline_version(config.spacy_model, config.max_bytes)
    keys = [cache.entry_key(version, item.source.source, item.digest()) for item in inputs]
    with ArticleCache(config.cache_dir) as store:
        found = store.get_many(keys)
        results: list[ArticleResult | Problem | None] = [found.get(key) for key in keys]
        todo = [n for n, result in enumerate(results) if result is None]
        done = len(inputs) - len(todo)
        progress("articles", done, len(inputs))
        chunks = [todo[i : i + CHUNK_SIZE] for i in range(0, len(todo), CHUNK_SIZE)]
        for chunk, batch in run_chunks(chunks, inputs, config, warm):
            fresh = {}
            for n, result in zip(chunk, batch):
                results[n] = result
                if isinstance(result, ArticleResult):
                    fresh[keys[n]] = result
            store.put_many(fresh)  # saved as it comes: an interrupted build keeps its finished work
            done += len(chunk)
            progress("articles", done, len(inputs))
        store.prune()
    return [r for r in results if r is not None]


def run_chunks(
    chunks: list[list[int]], inputs: list[ArticleInput], config: Config, warm: bool = False
) -> Iterator[tuple[list[int], list[ArticleResult | Problem]]]:
    """(chunk, analyse(chunk)) for every chunk of input indices, as they finish."""
    total = sum(len(c) for c in chunks)
    workers = min(config.worker_count, len(chunks))
    if not chunks or (not warm and (workers <= 1 or total < MIN_PARALLEL_FILES)):
        for chunk in chunks:
            yield chunk, analyse([inputs[n] for n in chunk], config.spacy_model, config.max_body_chars)
        return
    context = worker_context()
    with cf.ProcessPoolExecutor(workers, mp_context=context, initializer=start_worker,
                                initargs=(config.spacy_model,)) as pool:
        futures = {pool.submit(analyse, [inputs[n] for n in chunk], config.spacy_model, config.max_body_chars): chunk for chunk in chunks}
        for future in cf.as_completed(futures):
            yield futures[future], future.result()


class RenderedPages(Mapping[str, str]):
    """Every generated page by path: the corpus indexes in memory, the others read from the page
    cache when asked for (10,000 articles' pages held at once took 300 MB), or taken from the render
    workers as they come.

    Pages are rendered in path order, the order docs/ is written in, so writing a page overlaps
    with the workers rendering the next ones. Each is stored in the page cache too, RENDER_BATCH at
    a time; finish() renders and stores the ones nobody asked for.
    """

    def __init__(
        self, index: dict[str, str], page_keys: dict[str, str], store: PageCache,
        rendering: Iterable[str] = (), fresh: Iterator[tuple[str, str]] = iter(()),
    ) -> None:
        self.index, self.page_keys, self.store = index, page_keys, store
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
        if len(self.unsaved) >= RENDER_BATCH:
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
    articles: list[Article], resolution: Resolution, mentions: dict[str, list[Mention]], blocks: dict[str, render.Blocks],
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
    rendered = zip(render_many([inputs[path] for path in todo], config.worker_count), todo)
    return RenderedPages(index, keys, store, todo, ((path, text) for text, path in rendered)), problems


def render_many(items: list[render.PageInput], workers: int) -> Iterator[str]:
    """render.render_page of each item, in order, as they come; in worker processes when there are many.

    A few chunks of pages at a time are given to the workers: pages made faster than the build
    writes them wait in memory, so only a few may be made ahead.
    """
    if workers <= 1 or len(items) < MIN_PARALLEL_PAGES:
        yield from map(render.render_page, items)
        return
    chunks = [items[i : i + PAGE_CHUNK_SIZE] for i in range(0, len(items), PAGE_CHUNK_SIZE)]
    pool = cf.ProcessPoolExecutor(workers, mp_context=worker_context())
    try:
        ahead: collections.deque[cf.Future] = collections.deque()
        for chunk in chunks:
            ahead.append(pool.submit(render_chunk, chunk))
            if len(ahead) >= PAGE_CHUNKS_AHEAD * workers:
                yield from ahead.popleft().result()
        while ahead:
            yield from ahead.popleft().result()
    finally:  # also when the build stops early: the pages not rendered yet are not waited for
        pool.shutdown(cancel_futures=True)


def render_chunk(items: list[render.PageInput]) -> list[str]:
    """render.render_page of each item: one task of a render worker."""
    return [render.render_page(item) for item in items]


def bind_mentions(articles: list[Article], results: dict[str, ArticleResult]) -> dict[str, list[Mention]]:
    """Each article's mentions, labelled with the article's final id."""
    mentions: dict[str, list[Mention]] = {}
    for article in articles:
        found = results[article.extraction.source].mentions
        if all(m.article_id == article.id for m in found[:1]):
            mentions[article.id] = list(found)
        else:
            mentions[article.id] = [replace(m, article_id=article.id) for m in found]
    return mentions


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


def source_sidecar(config: Config, source: SourceFile, path: Path | None = None) -> Sidecar | None:
    """The validated corpus/<name>.yml of a source file, or None when it has none."""
    found = metadata.sidecar_path(path or config.corpus_dir / source.name)
    if found is None:
        return None
    return metadata.load_sidecar(found, ingest.display_path(found, config.root))


def extract_files(paths: list[Path], config: Config) -> list[Extraction | Problem]:
    """Extraction for each named file, in order; an unusable file becomes a Problem.

    Lines repeated across the project's corpus/ are furniture here too, as in a build.
    """
    results: list[Extraction | Problem] = []
    corpus, _ = ingest.ingest(ingest.list_corpus(config.corpus_dir), config.root, config.max_bytes)
    corpus_lines = clean.corpus_boilerplate([s.text for s in corpus if s.kind == "text"])
    for path in paths:
        sources, problems = ingest.ingest([path], config.root, config.max_bytes)
        if problems:
            results.extend(problems)
            continue
        try:
            results.append(extract(sources[0], furniture_in(sources[0], corpus_lines), source_sidecar(config, sources[0], path)))
        except SidecarError as err:
            results.append(Problem(sources[0].source, str(err)))
        except Exception as err:
            results.append(Problem(sources[0].source, f"extraction failed: {type(err).__name__}: {err}"))
    return results
