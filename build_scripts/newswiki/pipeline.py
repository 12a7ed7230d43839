"""The build, stage by stage: ingest -> clean -> metadata -> entities -> resolve -> render -> site."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from anyascii import anyascii
from slugify import slugify

from newswiki import charts, clean, curation, entities, feed, ingest, metadata, output, render, resolve, site
from newswiki.config import Config
from newswiki.models import Article, Extraction, Problem, Resolution, SourceFile

#: Longest article slug; long titles are cut at a word boundary.
SLUG_MAX_LENGTH = 80

#: The resolve stage's report (merges, every candidate that got no page), under the cache folder.
ENTITY_REPORT = "entity-report.md"

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
    progress("ingest", 0, len(paths))
    sources, problems = ingest.ingest(paths, config.root, config.max_bytes)
    progress("ingest", len(paths), len(paths))

    extractions = []
    for n, source in enumerate(sources, start=1):
        try:
            extractions.append((source, extract(source)))
        except Exception as err:  # one broken page must not stop the wiki
            problems.append(Problem(source.source, f"extraction failed: {type(err).__name__}: {err}"))
        progress("clean", n, len(sources))
    articles = article_ids(extractions)
    for article in articles:
        problems.extend(Problem(article.extraction.source, w, "warning") for w in article.extraction.warnings)

    progress("entities", 0, len(articles))
    mentions = entities.find_mentions(articles, config.spacy_model, config.worker_count)
    progress("entities", len(articles), len(articles))
    texts = {a.id: entities.plain_text(a.extraction.body) for a in articles}
    # Contributors' corrections (docs/entities/*.md front matter) come first and always win.
    resolution = resolve.resolve(mentions, texts, curation.load(config.docs_dir))
    output.atomic_write(config.cache_dir / ENTITY_REPORT, resolve.report_text(resolution, texts))
    progress("resolve", 1, 1)

    pages = render.render_pages(articles, resolution, mentions)
    pages = render.add_reader_sections(pages, articles, list(resolution.entities))
    report = output.write_docs(config.docs_dir, pages, output.page_infos(articles, resolution.entities))
    problems.extend(report.problems)
    progress("render", len(pages), len(pages))

    if build_site:
        epoch = deterministic_epoch(articles)
        os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
        entity_list = list(resolution.entities)
        extra = {
            "wiki.json": site.wiki_json(articles, entity_list),
            "graph.json": charts.graph_json(entity_list, charts.cooccurrence(entity_list)),
            feed.FEED_NAME: feed.atom_feed(articles, "newswiki", epoch),
        }
        site.build_site(config.root, config.site_dir, extra, redirects=report.redirects)
        progress("site", 1, 1)
    return BuildResult(articles, resolution, problems, report.warnings, len(report.written))


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
