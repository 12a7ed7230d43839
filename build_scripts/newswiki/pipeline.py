"""The build, stage by stage: ingest -> clean -> metadata -> entities -> resolve -> render -> site."""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import hashlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from anyascii import anyascii
from slugify import slugify

from newswiki import cache, clean, entities, ingest, metadata, output, render, resolve, site
from newswiki.cache import ArticleCache, ArticleResult
from newswiki.config import Config
from newswiki.models import Article, Extraction, Mention, Problem, Resolution, SourceFile

#: Longest article slug; long titles are cut at a word boundary.
SLUG_MAX_LENGTH = 80
#: Files per task sent to a worker: enough for nlp.pipe to batch well, few enough to share the work
#: evenly between workers and to show progress often.
CHUNK_SIZE = 32
#: With fewer files to analyse than this, the main process does them: starting worker processes
#: (each loads the spaCy model) would take longer than the work.
MIN_PARALLEL_FILES = 3 * CHUNK_SIZE

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


def extract(source: SourceFile) -> Extraction:
    """Clean and metadata for one decoded file: a pure function of its text."""
    if source.kind == "html":
        return extract_html(source)
    cleaned = clean.clean_text(source.text)
    head = metadata.head_blocks(cleaned.blocks, cleaned.first_body_line)
    warnings = list(source.warnings) + list(cleaned.warnings)
    if not cleaned.body.strip():
        warnings.append("no article text found")
    title = metadata.find_title(head) or metadata.fallback_title(source.name)
    return Extraction(
        source=source.source,
        title=title,
        authors=metadata.find_authors(head),
        published=metadata.find_published(head),
        publisher=metadata.find_publisher(cleaned.blocks),
        url=metadata.find_url(cleaned.blocks, cleaned.first_body_line),
        body=cleaned.body,
        warnings=tuple(warnings),
        removed=cleaned.removed,
        decisions=cleaned.decisions,
    )


def extract_html(source: SourceFile) -> Extraction:
    body, fields = clean.clean_html(source.text)
    published = None
    if fields.get("date"):
        try:
            published = dt.date.fromisoformat(str(fields["date"])[:10])
        except ValueError:
            published = None
    authors = tuple(a.strip() for a in str(fields.get("author") or "").split(";") if a.strip())
    warnings = list(source.warnings) + ([] if body.strip() else ["no article text found"])
    return Extraction(
        source=source.source,
        title=str(fields.get("title") or metadata.fallback_title(source.name)),
        authors=authors,
        published=published,
        publisher=fields.get("sitename") or None,
        url=fields.get("url") or None,
        body=body.strip() + "\n",
        warnings=tuple(warnings),
    )


def article_ids(extractions: list[tuple[SourceFile, Extraction]]) -> list[Article]:
    """Stable, unique slugs: from the title; clashes get the source file's name added."""
    base = {}
    for source, ex in extractions:
        slug = slugify(anyascii(ex.title), max_length=SLUG_MAX_LENGTH, word_boundary=True)
        base[source.source] = slug or slugify(anyascii(source.name.rsplit(".", 1)[0])) or "article"
    counts: dict[str, int] = {}
    for slug in base.values():
        counts[slug] = counts.get(slug, 0) + 1
    articles = []
    used: set[str] = set()
    for source, ex in sorted(extractions, key=lambda pair: pair[0].name):
        slug = base[source.source]
        if counts[slug] > 1:
            slug = f"{slug}-{slugify(source.name.rsplit('.', 1)[0])}"
        while slug in used:
            slug += "-x"
        used.add(slug)
        articles.append(Article(id=slug, sha256=source.sha256, extraction=ex))
    return articles


def deterministic_epoch(articles: list[Article]) -> int:
    """SOURCE_DATE_EPOCH when set; else the newest article date, so rebuilds are byte-identical."""
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if env and env.isdigit():
        return int(env)
    dates = [a.published for a in articles if a.published]
    newest = max(dates) if dates else dt.date(2000, 1, 1)
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.timezone.utc).timestamp())


def build(config: Config, progress: Progress = no_progress, build_site: bool = True) -> BuildResult:
    """Gather everything first, then write: docs/ pages, then the site."""
    paths = ingest.list_corpus(config.corpus_dir)
    # ingest + clean + metadata + entities, per file: cached by content, in parallel worker processes.
    results = analyse_corpus(paths, config, progress)
    problems = [r for r in results if isinstance(r, Problem)]
    analysed = [r for r in results if isinstance(r, ArticleResult)]
    articles = article_ids([(result.source, result.extraction) for result in analysed])
    for article in articles:
        problems.extend(Problem(article.extraction.source, w, "warning") for w in article.extraction.warnings)
    mentions = bind_mentions(articles, {result.source.source: result for result in analysed})

    texts = [entities.plain_text(a.extraction.body) for a in articles]
    resolution = resolve.resolve(mentions, texts)
    progress("resolve", 1, 1)

    pages = render.render_pages(articles, resolution, mentions)
    report = output.write_docs(config.docs_dir, pages, output.page_infos(articles, resolution.entities))
    problems.extend(report.problems)
    progress("render", len(pages), len(pages))
    del pages, texts, mentions, results, analysed  # MkDocs holds the whole site in memory next: make room

    if build_site:
        os.environ["SOURCE_DATE_EPOCH"] = str(deterministic_epoch(articles))
        extra = {"wiki.json": site.wiki_json(articles, list(resolution.entities))}
        site.build_site(config.root, config.site_dir, extra, redirects=report.redirects)
        progress("site", 1, 1)
    return BuildResult(articles, resolution, problems, report.warnings, len(report.written))


def analyse(paths: list[Path], root: Path, max_bytes: int, model: str) -> list[ArticleResult | Problem]:
    """The per-article stage for a batch of files: ingest and extract each, then NER over the batch.

    A pure function of the files' bytes and the configuration: what it returns is what the cache keeps.
    """
    sources, extracted = [], []
    for path in paths:
        found, problems = ingest.ingest([path], root, max_bytes)
        if problems:
            sources.append(None)
            extracted.append(problems[0])
            continue
        source = found[0]
        sources.append(source)
        try:
            extracted.append(extract(source))
        except Exception as err:  # one broken page must not stop the wiki
            extracted.append(Problem(source.source, f"extraction failed: {type(err).__name__}: {err}"))
    # Mentions are labelled with the id the article has when its slug clashes with no other; the
    # rare clash is relabelled corpus-wide in bind_mentions.
    batch: list[Article] = []
    for n, (source, ex) in enumerate(zip(sources, extracted)):
        if isinstance(ex, Extraction):
            article_id = article_ids([(source, ex)])[0].id
            if any(a.id == article_id for a in batch):  # two titles alike within one batch
                article_id = f"{article_id}--{n}"
            batch.append(Article(id=article_id, sha256=source.sha256, extraction=ex))
    found_mentions = entities.find_mentions(batch, model, workers=1)
    by_source = {a.extraction.source: tuple(found_mentions[a.id]) for a in batch}
    return [
        ArticleResult(replace(source, text=""), ex, by_source[ex.source]) if isinstance(ex, Extraction) else ex
        for source, ex in zip(sources, extracted)
    ]


def file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return ""  # unreadable: a cache miss, and ingest reports why


def analyse_corpus(paths: list[Path], config: Config, progress: Progress) -> list[ArticleResult | Problem]:
    """analyse() for every file, in order: cached results reused, the rest computed in parallel."""
    version = cache.pipeline_version(config.spacy_model, config.max_bytes)
    progress("ingest", 0, len(paths))
    digests = [file_digest(path) for path in paths]
    keys = [cache.entry_key(version, ingest.display_path(p, config.root), d) for p, d in zip(paths, digests)]
    progress("ingest", len(paths), len(paths))
    with ArticleCache(config.cache_dir) as store:
        found = store.get_many(keys)
        results: list[ArticleResult | Problem | None] = [found.get(key) for key in keys]
        todo = [n for n, result in enumerate(results) if result is None]
        done = len(paths) - len(todo)
        progress("articles", done, len(paths))
        chunks = [todo[i : i + CHUNK_SIZE] for i in range(0, len(todo), CHUNK_SIZE)]
        for chunk, batch in run_chunks(chunks, paths, config):
            fresh = {}
            for n, result in zip(chunk, batch):
                results[n] = result
                # Kept only when the file analysed is the one hashed (it may change during the build).
                if isinstance(result, ArticleResult) and result.source.sha256 == digests[n]:
                    fresh[keys[n]] = result
            store.put_many(fresh)  # saved as it comes: an interrupted build keeps its finished work
            done += len(chunk)
            progress("articles", done, len(paths))
        store.prune()
    return [r for r in results if r is not None]


def run_chunks(
    chunks: list[list[int]], paths: list[Path], config: Config
) -> Iterator[tuple[list[int], list[ArticleResult | Problem]]]:
    """(chunk, analyse(chunk)) for every chunk of file indices, as they finish."""
    total = sum(len(c) for c in chunks)
    workers = min(config.worker_count, len(chunks))
    args = (config.root, config.max_bytes, config.spacy_model)
    if workers <= 1 or total < MIN_PARALLEL_FILES:
        for chunk in chunks:
            yield chunk, analyse([paths[n] for n in chunk], *args)
        return
    # fork shares the loaded code and data with the workers; elsewhere fork is unsafe, so spawn.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with cf.ProcessPoolExecutor(workers, mp_context=context, initializer=entities.load_model,
                                initargs=(config.spacy_model,)) as pool:
        futures = {pool.submit(analyse, [paths[n] for n in chunk], *args): chunk for chunk in chunks}
        for future in cf.as_completed(futures):
            yield futures[future], future.result()


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


def extract_files(paths: list[Path], config: Config) -> list[Extraction | Problem]:
    """Extraction for each named file, in order; an unusable file becomes a Problem."""
    results: list[Extraction | Problem] = []
    for path in paths:
        sources, problems = ingest.ingest([path], config.root, config.max_bytes)
        if problems:
            results.extend(problems)
            continue
        try:
            results.append(extract(sources[0]))
        except Exception as err:
            results.append(Problem(sources[0].source, f"extraction failed: {type(err).__name__}: {err}"))
    return results
