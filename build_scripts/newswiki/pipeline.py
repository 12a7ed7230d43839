"""The build, stage by stage: ingest -> clean -> metadata -> entities -> resolve -> render -> site."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from newswiki import charts, clean, curation, entities, feed, ingest, metadata, output, render, resolve, sanitize, site
from newswiki.slugs import SLUG_MAX_LENGTH, article_ids  # noqa: F401  (kept importable from here)
from newswiki.config import Config
from newswiki.metadata import Sidecar, SidecarError
from newswiki.models import Article, Extraction, Problem, Resolution, SourceFile

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


def extract(source: SourceFile, corpus_lines: frozenset[str] = frozenset(), sidecar: Sidecar | None = None) -> Extraction:
    """Clean and metadata for one decoded file: a pure function of its text (and its sidecar).

    corpus_lines: lines repeated across many corpus files (clean.corpus_boilerplate), which
    are the sites' furniture. sidecar: the file's corpus/<name>.yml, whose fields win.
    """
    extraction = extract_html(source) if source.kind == "html" else extract_text(source, corpus_lines)
    return metadata.apply_sidecar(extraction, sidecar) if sidecar else extraction


def extract_text(source: SourceFile, corpus_lines: frozenset[str] = frozenset()) -> Extraction:
    """A text dump: clean finds the body; metadata reads the head above it and the foot below."""
    cleaned = clean.clean_text(source.text, corpus_lines)
    head = metadata.head_blocks(cleaned.blocks, cleaned.first_body_line, cleaned.headline)
    # Author boxes sit at the very end of the article text or just below it.
    foot = list(cleaned.blocks[max(cleaned.first_body_line, cleaned.last_body_line - metadata.FOOT_OVERLAP) :])
    above_body = cleaned.headline is not None and cleaned.headline < cleaned.first_body_line
    headline = cleaned.blocks[cleaned.headline] if above_body else None
    warnings = list(source.warnings) + list(cleaned.warnings)
    title = metadata.find_title(head, headline)
    body = sanitize.break_long_lines(_drop_leading_title(cleaned.body, title))
    if not body.strip():
        warnings.append("no article text found")
    outside = {i for i, d in enumerate(cleaned.decisions) if not d.kept}
    site = metadata.site_name(cleaned.blocks[0].text, headline.text if headline else None) if cleaned.blocks else None
    return Extraction(
        source=source.source,
        title=title or metadata.fallback_title(source.name),
        authors=metadata.find_authors(head, foot),
        published=metadata.find_published(head, headline),
        publisher=metadata.find_publisher(cleaned.blocks, outside, site),
        url=metadata.find_url(cleaned.blocks, cleaned.first_body_line),
        body=body,
        warnings=tuple(warnings),
        removed=cleaned.removed,
        decisions=cleaned.decisions,
    )


def _drop_leading_title(body: str, title: str | None) -> str:
    """The page shows the title above the body; the body does not repeat it as its first line."""
    if not title:
        return body
    first, _, rest = body.partition("\n\n")
    if clean.normalise(first) == clean.normalise(title) and rest.strip():
        return rest
    return body


def extract_html(source: SourceFile) -> Extraction:
    """An HTML page: trafilatura finds the body and the page's own metadata."""
    body, fields = clean.clean_html(source.text)
    body = sanitize.break_long_lines(body)  # Markdown slows down sharply on very long lines
    published = None
    if fields.get("date"):
        try:
            published = dt.date.fromisoformat(str(fields["date"])[:10])
        except ValueError:
            published = None
    authors = tuple(a.strip() for a in str(fields.get("author") or "").split(";") if a.strip())
    warnings = list(source.warnings) + ([] if body.strip() else ["no article text found"])
    removed = max(0, len(clean.html_visible_text(source.text)) - len(body))
    return Extraction(
        source=source.source,
        title=str(fields.get("title") or metadata.fallback_title(source.name)),
        authors=authors,
        published=published,
        publisher=fields.get("sitename") or None,
        url=sanitize.safe_url(str(fields.get("url") or "")) or None,
        body=body.strip() + "\n",
        warnings=tuple(warnings),
        removed={"outside the article": removed} if removed else {},
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
    corpus_lines = clean.corpus_boilerplate([s.text for s in sources if s.kind == "text"])
    for n, source in enumerate(sources, start=1):
        try:
            sidecar = source_sidecar(config, source)
            extraction = extract(source, corpus_lines, sidecar)
        except SidecarError as err:
            problems.append(Problem(source.source, str(err)))
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
    texts = {a.id: entities.plain_text(a.extraction.body) for a in articles}
    # Contributors' corrections (docs/entities/*.md front matter) come first and always win.
    resolution = resolve.resolve(mentions, texts, curation.load(config.docs_dir))
    output.atomic_write(config.cache_dir / ENTITY_REPORT, resolve.report_text(resolution, texts))
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
            results.append(extract(sources[0], corpus_lines, source_sidecar(config, sources[0], path)))
        except SidecarError as err:
            results.append(Problem(sources[0].source, str(err)))
        except Exception as err:
            results.append(Problem(sources[0].source, f"extraction failed: {type(err).__name__}: {err}"))
    return results
