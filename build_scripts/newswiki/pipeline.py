"""The build, stage by stage: ingest -> clean -> metadata -> entities -> resolve -> render -> site."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newswiki import charts, clean, entities, feed, ingest, metadata, output, render, resolve, sanitize, site
from newswiki.slugs import SLUG_MAX_LENGTH, article_ids  # noqa: F401  (kept importable from here)
from newswiki.config import Config
from newswiki.models import Article, Extraction, Problem, Resolution, SourceFile

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
    body = sanitize.break_long_lines(cleaned.body)
    head = metadata.head_blocks(cleaned.blocks, cleaned.first_body_line)
    warnings = list(source.warnings) + list(cleaned.warnings)
    if not body.strip():
        warnings.append("no article text found")
    title = metadata.find_title(head) or metadata.fallback_title(source.name)
    return Extraction(
        source=source.source,
        title=title,
        authors=metadata.find_authors(head),
        published=metadata.find_published(head),
        publisher=metadata.find_publisher(cleaned.blocks),
        url=metadata.find_url(cleaned.blocks, cleaned.first_body_line),
        body=body,
        warnings=tuple(warnings),
        removed=cleaned.removed,
        decisions=cleaned.decisions,
    )


def extract_html(source: SourceFile) -> Extraction:
    body, fields = clean.clean_html(source.text)
    # trafilatura's Markdown keeps raw HTML from the page text; long lines make Markdown slow
    body = sanitize.break_long_lines(sanitize.neutralise_markdown(body))
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
        url=sanitize.safe_url(str(fields.get("url") or "")) or None,
        body=body.strip() + "\n",
        warnings=tuple(warnings),
    )


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
            extraction = extract(source)
        except Exception as err:  # one broken page must not stop the wiki
            problems.append(Problem(source.source, f"extraction failed: {type(err).__name__}: {err}"))
        else:
            if len(extraction.body) > config.max_body_chars:
                problems.append(Problem(source.source, (
                    f"article text too long ({len(extraction.body):,} characters; the limit is "
                    f"{config.max_body_chars:,}) - not built; split it or raise max_body_chars"
                )))
            else:
                extractions.append((source, extraction))
        progress("clean", n, len(sources))
    articles = article_ids(extractions)
    for article in articles:
        problems.extend(Problem(article.extraction.source, w, "warning") for w in article.extraction.warnings)

    progress("entities", 0, len(articles))
    mentions = entities.find_mentions(articles, config.spacy_model, config.worker_count)
    progress("entities", len(articles), len(articles))
    texts = [entities.plain_text(a.extraction.body) for a in articles]
    resolution = resolve.resolve(mentions, texts)
    progress("resolve", 1, 1)

    pages = render.render_pages(articles, resolution, mentions)
    pages = render.add_reader_sections(pages, articles, list(resolution.entities))
    pages, unsafe = safe_pages(pages)
    problems.extend(unsafe)
    # docs/ and site/ are built in staging folders and swapped in at the end, docs/ first:
    # a build killed at any moment leaves each of them whole (see site.py).
    docs_stage = site.stage_copy(config.docs_dir)
    try:
        report = output.write_docs(docs_stage, pages, output.page_infos(articles, resolution.entities))
        problems.extend(report.problems)
        progress("render", len(pages), len(pages))
        site_stage = None
        if build_site:
            epoch = deterministic_epoch(articles)
            os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
            entity_list = list(resolution.entities)
            extra = {
                "wiki.json": site.wiki_json(articles, entity_list),
                "graph.json": charts.graph_json(entity_list, charts.cooccurrence(entity_list)),
                feed.FEED_NAME: feed.atom_feed(articles, "newswiki", epoch),
            }
            site_stage = site.build_site(
                config.root, config.site_dir, extra, redirects=report.redirects, docs_dir=docs_stage, swap=False
            )
            progress("site", 1, 1)
    except BaseException:
        shutil.rmtree(docs_stage, ignore_errors=True)
        raise
    site.swap_in(docs_stage, config.docs_dir)
    if site_stage is not None:
        site.swap_in(site_stage, config.site_dir)
    return BuildResult(articles, resolution, problems, report.warnings, len(report.written))


#: A page path under docs/: plain relative segments, no "..", no absolute path, no odd characters.
SAFE_PAGE_PATH_RE = re.compile(r"^(?:[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*/)*[A-Za-z0-9][A-Za-z0-9_-]*\.md$")


def safe_pages(pages: dict[str, str]) -> tuple[dict[str, str], list[Problem]]:
    """Only pages whose path stays inside docs/; anything else is named as a problem, not written."""
    kept: dict[str, str] = {}
    problems = []
    for path, text in pages.items():
        if SAFE_PAGE_PATH_RE.match(path):
            kept[path] = text
        else:
            problems.append(Problem(ascii(path), "unsafe page path; page not written"))
    return kept, problems


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
