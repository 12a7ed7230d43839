"""The build, pass by pass: analysis (ingest, clean + metadata + NER per article) -> resolution
(entities over the corpus) -> pages (render, write docs/) -> publish (the site). See passes/."""

from __future__ import annotations

import contextlib
import gc
import shutil
from collections.abc import Iterator
from pathlib import Path

from newswiki import ingest, mention_lists, page_titles, paths, site, site_view
from newswiki.cache import PageCache
from newswiki.config import Config
from newswiki.lock import build_lock
from newswiki.models import BuildResult
from newswiki.passes import Progress, analysis, no_progress, pages, publish, resolution


def build(config: Config, progress: Progress = no_progress, build_site: bool = True) -> BuildResult:
    """Gather everything first, then write: docs/ pages, then the site.

    docs/ and site/ are built in staging folders and swapped in at the end, docs/ first: a build
    killed at any moment leaves each of them whole (see site.py). One build per project at a
    time (lock.py): a second one waits.
    """
    with build_lock(config.cache_dir):
        paths.refuse_symlinks(config.root, config.corpus_dir, config.docs_dir)
        ingest.require_corpus(config.corpus_dir, config.root)
        return build_locked(config, progress, build_site)


def build_locked(config: Config, progress: Progress, build_site: bool) -> BuildResult:
    docs_stage: Path | None = None
    try:
        with collector_paused(), PageCache(config.cache_dir) as page_store:
            corpus = analysis.analyse_corpus(config, progress)
            # A title written by hand in an article page's front matter is the article's title from here on.
            corpus.articles = page_titles.hand_titles(config.docs_dir, corpus.articles, config.cache_dir / pages.PAGE_STAMPS)
            resolved = resolution.resolve_corpus(corpus, config)
            progress("resolve", 1, 1)
            # Every mention listed beside its entity's page: gathered before the pages let the mentions go.
            research = mention_lists.research_data(corpus.articles, resolved, corpus.mentions, corpus.blocks) if build_site else None
            docs_stage = site.stage_copy(config.docs_dir)
            report, resolved, corpus.fresh.rendered = pages.write_pages(corpus, resolved, docs_stage, config, page_store, progress)
        site_stage = None
        if build_site:
            epoch = publish.build_date(corpus.articles)
            # Pages with errors show as generated, titles written by hand as text; docs/ keeps them as they are.
            titles = page_titles.title_views(docs_stage, config.cache_dir / pages.PAGE_STAMPS, report.site_view)
            with site_view.shown_as(docs_stage, {**titles, **report.site_view}):
                site_stage = publish.build_site_stage(corpus.articles, resolved, report.redirects, docs_stage, config, epoch,
                                                      mention_lists.research_files(research, corpus.articles, resolved.entities))
    except BaseException:
        if docs_stage is not None:
            shutil.rmtree(docs_stage, ignore_errors=True)
        raise
    site.swap_in(docs_stage, config.docs_dir)
    if site_stage is not None:
        site.swap_in_site(site_stage, config.site_dir, config.cache_dir)  # the old site's files deleted: part of the site's cost
        progress("site", 1, 1)
    return BuildResult(corpus.articles, resolved, corpus.problems, report.warnings, len(report.written), corpus.fresh)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while the passes make their many small records: its full passes
    over every live object took a third of the corpus-level time, and these passes make no cycles
    worth collecting. (Worker processes turn it back on.)"""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
