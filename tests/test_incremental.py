"""Incremental builds: only changed articles are analysed again, and the output is exactly a clean build's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newswiki import engines, pipeline
from newswiki.cache import PageCache
from newswiki.config import Config
from newswiki.passes import pages
from tests.conftest import make_project

pytestmark = pytest.mark.slow
ADDED = "\nAlyaksandr Lukashenka later met Nikol Pashinyan and the CSTO secretary in Yerevan.\n"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_incremental_build_equals_clean_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = make_project(tmp_path / "incremental", seeds=True)
    assert pipeline.build(Config.for_root(root, workers=1)).ok

    changed = sorted((root / "corpus").iterdir())[2]
    changed.write_text(changed.read_text("utf-8") + ADDED, "utf-8")
    reused: list[frozenset[str]] = []
    real_engine = engines.run
    monkeypatch.setattr(engines, "run", lambda *args, **kw: reused.append(args[5]) or real_engine(*args, **kw))
    result = pipeline.build(Config.for_root(root, workers=1))
    assert result.ok
    changed_source = f"corpus/{changed.name}"
    assert result.fresh.analysed == [changed_source]  # the other articles came from the cache
    assert result.fresh.line_keyed == [changed_source]  # and so did their line keys
    # Pages come from the cache too, but for those whose input changed: the changed article's page,
    # the pages of the entities it names; never another article's page.
    rendered = result.fresh.rendered
    changed_page = next(a.path for a in result.articles if a.extraction.source.endswith(changed.name))
    assert changed_page in rendered
    assert not [p for p in rendered if p.startswith("articles/") and p != changed_page]
    assert len(rendered) < len(result.articles) + len(result.resolution.entities)
    # The site: only pages whose Markdown changed are rendered by the engine; the others' HTML is reused.
    assert len(reused) == 1 and changed_page not in reused[0]
    assert sorted(p for p in reused[0] if p.startswith("articles/")) == sorted(
        a.path for a in result.articles if a.path != changed_page
    )
    assert not set(rendered) & reused[0] and "index.md" not in reused[0]
    monkeypatch.setattr(engines, "run", real_engine)

    # A clean build of the same corpus in another folder, through the worker processes this time.
    fresh_root = make_project(tmp_path / "clean")
    shutil.rmtree(fresh_root / "corpus")
    shutil.copytree(root / "corpus", fresh_root / "corpus")
    # Every file and page by the workers, in small chunks, the page cache filled a few pages at a time.
    parallel = dict(workers=2, parallel_min_files=0, analysis_chunk=2, parallel_min_pages=0, render_batch=7)
    fresh_result = pipeline.build(Config.for_root(fresh_root, **parallel))
    assert fresh_result.ok
    # Pages written as the workers render them are all in the page cache as well.
    with PageCache(fresh_root / ".newswiki-cache") as pages:
        assert len(pages) == len(fresh_result.articles) + len(fresh_result.resolution.entities)

    for part in ("docs", "site"):
        incremental, fresh = tree(root / part), tree(fresh_root / part)
        assert sorted(incremental) == sorted(fresh), part
        differing = [path for path in fresh if incremental[path] != fresh[path]]
        assert not differing, (part, differing[:5])
    assert any("Yerevan" in text.decode() for text in tree(root / "docs").values())


def test_unchanged_pages_are_not_rewritten(tmp_path: Path):
    root = make_project(tmp_path / "p", seeds=True)
    config = Config.for_root(root, workers=1)
    assert pipeline.build(config, build_site=False).written > 0
    second = pipeline.build(config, build_site=False)
    assert second.ok and second.written == 0


def test_a_page_skipped_as_unchanged_still_keeps_a_hand_edit(tmp_path: Path):
    """Unchanged pages are skipped by their stamp (input key, file inode, size, time); an edit that
    leaves all of those alike is still never overwritten, and merges once the page's input changes."""
    import os

    root = make_project(tmp_path / "p", seeds=True)
    config = Config.for_root(root, workers=1)
    assert pipeline.build(config, build_site=False).ok
    page = root / "docs" / "entities" / "csto.md"
    before = page.read_text("utf-8")
    stat = page.stat()
    edited = before.replace("# CSTO", "# CSTo", 1)
    assert edited != before and len(edited) == len(before)
    page.write_text(edited, "utf-8")  # same inode, same size
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and the same time
    assert pipeline.build(config, build_site=False).ok
    assert page.read_text("utf-8") == edited

    changed = sorted((root / "corpus").iterdir())[2]
    changed.write_text(changed.read_text("utf-8") + ADDED, "utf-8")
    assert pipeline.build(config, build_site=False).ok
    assert "# CSTo" in page.read_text("utf-8")


def test_damaged_build_state_in_the_cache_costs_time_not_the_build(tmp_path: Path):
    """A binary page-stamps file or a garbled gazetteer pickle is as good as missing: the build
    goes on, gives the same docs/, and writes them afresh."""
    from newswiki.resolve import gazetteer as gazetteer_module

    root = make_project(tmp_path / "p", seeds=True)
    config = Config.for_root(root, workers=1)
    assert pipeline.build(config, build_site=False).ok
    before = tree(root / "docs")
    (config.cache_dir / pages.PAGE_STAMPS).write_bytes(b"\x00\xff not json {")
    gazetteers = list(config.cache_dir.glob("gazetteer-*.pickle"))
    assert gazetteers
    for path in gazetteers:
        path.write_bytes(b"not a pickle")
    gazetteer_module._GAZETTEER = None  # as in a new process
    result = pipeline.build(config, build_site=False)
    assert result.ok and result.written == 0
    assert tree(root / "docs") == before
    assert all(path.stat().st_size > 1000 for path in config.cache_dir.glob("gazetteer-*.pickle"))
