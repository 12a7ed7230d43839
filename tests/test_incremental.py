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


# --- the site, page by page ----------------------------------------------------------------------


def small_docs(root: Path) -> Path:
    docs = root / "docs"
    (docs / "articles").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Home\n\n[a](articles/a.md) [b](articles/b.md)\n", "utf-8")
    for name in "ab":
        (docs / "articles" / f"{name}.md").write_text(f"# Article {name}\n\nText of {name}.\n", "utf-8")
    return docs


def test_the_site_reuses_unchanged_pages_and_nothing_after_a_config_change(tmp_path: Path):
    from newswiki import site, site_state

    root = make_project(tmp_path / "p")
    docs = small_docs(root)
    cache, site_dir = root / ".newswiki-cache", root / "site"
    site.build_site(root, site_dir, {}, strict=False, cache_dir=cache)
    assert site_state.plan("mkdocs", root, docs, site_dir, cache).reuse == {"articles/a.md", "articles/b.md"}  # not nav pages

    (docs / "articles" / "a.md").write_text("# Article a\n\nChanged.\n", "utf-8")
    assert site_state.plan("mkdocs", root, docs, site_dir, cache).reuse == {"articles/b.md"}
    b_before = (site_dir / "articles" / "b" / "index.html").stat().st_ino
    site.build_site(root, site_dir, {}, strict=False, cache_dir=cache)
    assert "Changed." in (site_dir / "articles" / "a" / "index.html").read_text("utf-8")
    assert (site_dir / "articles" / "b" / "index.html").stat().st_ino == b_before  # hard-linked, not rendered

    config = (root / "mkdocs.yml").read_bytes()
    (root / "mkdocs.yml").write_bytes(config + b"\n# a comment changes the engine key\n")
    assert site_state.plan("mkdocs", root, docs, site_dir, cache).reuse == frozenset()
    (root / "mkdocs.yml").write_bytes(config)
    (root / "overrides" / "main.html").write_text((root / "overrides" / "main.html").read_text("utf-8") + "\n", "utf-8")
    assert site_state.plan("mkdocs", root, docs, site_dir, cache).reuse == frozenset()


def test_site_files_made_from_data_are_made_only_when_their_key_changes(tmp_path: Path):
    from newswiki import site
    from newswiki.models import SiteFile

    root = make_project(tmp_path / "p")
    small_docs(root)
    cache, site_dir = root / ".newswiki-cache", root / "site"
    made: list[str] = []

    def file(name: str, key: str, text: str) -> SiteFile:
        return SiteFile(key, lambda: made.append(name) or text)

    site.build_site(root, site_dir, {"e/a.json": file("a", "1", "A1"), "e/b.json": file("b", "1", "B1")},
                    strict=False, cache_dir=cache)
    assert made == ["a", "b"]
    site.build_site(root, site_dir, {"e/a.json": file("a", "1", "A1"), "e/b.json": file("b", "2", "B2")},
                    strict=False, cache_dir=cache)
    assert made == ["a", "b", "b"]  # a's copy taken from the previous site
    assert (site_dir / "e" / "a.json").read_text("utf-8") == "A1" and (site_dir / "e" / "b.json").read_text("utf-8") == "B2"
    # A site the state does not describe gives nothing to reuse.
    shutil.rmtree(site_dir)
    site.build_site(root, site_dir, {"e/a.json": file("a", "1", "A1")}, strict=False, cache_dir=cache)
    assert made == ["a", "b", "b", "a"] and (site_dir / "e" / "a.json").read_text("utf-8") == "A1"


def test_a_site_the_state_does_not_describe_is_rebuilt_whole(tmp_path: Path):
    from newswiki import site, site_state

    root = make_project(tmp_path / "p")
    docs = small_docs(root)
    cache, site_dir = root / ".newswiki-cache", root / "site"
    site.build_site(root, site_dir, {}, strict=False, cache_dir=cache)
    shutil.copytree(site_dir, root / "copy")
    shutil.rmtree(site_dir)
    (root / "copy").rename(site_dir)  # the same files in another folder: e.g. a site/ put back by hand
    assert site_state.plan("mkdocs", root, docs, site_dir, cache).reuse == frozenset()
    site.build_site(root, site_dir, {}, strict=False, cache_dir=cache)
    (site_dir / "articles" / "b" / "index.html").unlink()  # a page the state lists is missing
    assert site_state.plan("mkdocs", root, docs, site_dir, cache).reuse == frozenset()


def synthetic_docs(docs: Path, articles: int, entities: int) -> None:
    """A few hundred pages shaped like the wiki's: articles linking entities, entities listing
    articles, indexes listing both (no NER needed to make them)."""
    (docs / "articles").mkdir(parents=True, exist_ok=True)
    (docs / "entities").mkdir(parents=True, exist_ok=True)
    named = {e: [a for a in range(articles) if a % (e + 2) == 0 or a % 7 == e % 7] for e in range(entities)}
    for a in range(articles):
        names = " ".join(f"[Name {e}](../entities/e{e}.md)" for e in range(entities) if a in named[e])
        (docs / "articles" / f"a{a}.md").write_text(
            f"---\ntitle: Article {a}\n---\n\n# Article {a}\n\n{names}\n\nBody of article {a} about things.\n", "utf-8"
        )
    for e, listed in named.items():
        items = "\n".join(f"- [Article {a}](../articles/a{a}.md)" for a in listed)
        (docs / "entities" / f"e{e}.md").write_text(f"# Name {e}\n\nAlso known as N{e}.\n\n{items}\n", "utf-8")
    (docs / "articles" / "index.md").write_text(
        "# Articles\n\n" + "\n".join(f"- [Article {a}](a{a}.md)" for a in range(articles)) + "\n", "utf-8"
    )
    (docs / "entities" / "index.md").write_text(
        "# Entities\n\n" + "\n".join(f"- [Name {e}](e{e}.md)" for e in range(entities)) + "\n", "utf-8"
    )
    (docs / "index.md").write_text(f"# Home\n\n{articles} articles, {entities} entities.\n", "utf-8")


def test_incremental_site_of_a_few_hundred_pages_equals_a_clean_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from newswiki import search_index, site

    monkeypatch.setattr(search_index, "SHARD_PAGES", 120)  # several search bundles, as a large site has
    root = make_project(tmp_path / "p")
    synthetic_docs(root / "docs", 300, 40)
    cache = root / ".newswiki-cache"
    site.build_site(root, root / "site", {"wiki.json": "{}\n"}, strict=False, cache_dir=cache)
    # One article changes; so do the entity pages that list it and the index (as the pipeline writes them).
    article = root / "docs" / "articles" / "a150.md"
    article.write_text(article.read_text("utf-8").replace("about things", "about other things"), "utf-8")
    for e in (0, 3):
        entity = root / "docs" / "entities" / f"e{e}.md"
        entity.write_text(entity.read_text("utf-8") + "\nUpdated list.\n", "utf-8")
    index = root / "docs" / "articles" / "index.md"
    index.write_text(index.read_text("utf-8").replace("[Article 150]", "[Article 150 (updated)]"), "utf-8")
    rendered: list[frozenset[str]] = []
    real_engine, real_pagefind = engines.run, search_index.run_pagefind
    monkeypatch.setattr(engines, "run", lambda *args, **kw: rendered.append(args[5]) or real_engine(*args, **kw))
    indexed: list[Path] = []
    monkeypatch.setattr(search_index, "run_pagefind", lambda *args: indexed.append(args[1]) or real_pagefind(*args))
    site.build_site(root, root / "site", {"wiki.json": "{}\n"}, strict=False, cache_dir=cache)
    assert len(rendered) == 1 and len(rendered[0]) == 300 + 40 - 1 - 2  # all but the changed pages and the nav's
    # Search: the entity bundle and the changed article's shard indexed again; the other two shards reused.
    assert len(indexed) == 2 and indexed[0].name == search_index.MAIN_BUNDLE, indexed
    shards = sorted(p.relative_to(root / "site").as_posix() for p in (root / "site" / search_index.SHARD_BUNDLES).iterdir())
    assert len(shards) == 3
    monkeypatch.setattr(engines, "run", real_engine)
    monkeypatch.setattr(search_index, "run_pagefind", real_pagefind)

    fresh = make_project(tmp_path / "fresh")
    shutil.rmtree(fresh / "docs")
    shutil.copytree(root / "docs", fresh / "docs")
    site.build_site(fresh, fresh / "site", {"wiki.json": "{}\n"}, strict=False)
    incremental, clean_build = tree(root / "site"), tree(fresh / "site")
    assert sorted(incremental) == sorted(clean_build)
    assert (root / "site" / "pagefind-shards").is_dir()
    differing = [path for path in clean_build if incremental[path] != clean_build[path]]
    assert not differing, differing[:5]


WEATHER = ("{title}\n\nMarch 4, 2024\n\nThe weather turned cold this week, and forecasters say it will stay that way for "
           "some days. Temperatures dropped sharply overnight, and many people reached for warmer coats.\n\nIt is not "
           "unusual for the season, the forecasters said. They expect milder days to return soon enough.\n")


#: Another article (the same text twice would be one page saved twice: duplicates.py).
WARM = ("{title}\n\nMarch 5, 2024\n\nMilder air is on its way from the south, and by the weekend the frost should be "
        "gone. Gardeners are told to wait a little longer before planting.\n\nThe warm spell may last a week, "
        "according to the national weather service, before showers move in from the west.\n")


def test_a_hand_written_link_to_a_removed_page_stops_a_rebuild_as_it_stops_a_clean_build(tmp_path: Path):
    """The page holding the link was reused from the last site, so the engine never saw it: the local
    rebuild passed and published a dead link, while CI's clean build stopped on it."""
    from newswiki.site import SiteError

    root = make_project(tmp_path / "p", corpus={"cold.txt": WEATHER.format(title="Why the weather turned cold"),
                                                 "warm.txt": WARM.format(title="When the weather will turn warm")})
    assert pipeline.build(Config.for_root(root, workers=1)).ok
    pages_now = sorted(p.name for p in (root / "docs" / "articles").glob("w*.md"))
    assert pages_now == ["when-the-weather-will-turn-warm.md", "why-the-weather-turned-cold.md"]
    cold = root / "docs" / "articles" / "why-the-weather-turned-cold.md"
    cold.write_text(cold.read_text("utf-8") + "\nSee also [the warm days](when-the-weather-will-turn-warm.md).\n", "utf-8")
    assert pipeline.build(Config.for_root(root, workers=1)).ok
    (root / "corpus" / "warm.txt").unlink()
    with pytest.raises(SiteError, match="when-the-weather-will-turn-warm.md"):
        pipeline.build(Config.for_root(root, workers=1))
    shutil.rmtree(root / ".newswiki-cache")  # a clean build says the same
    with pytest.raises(SiteError, match="when-the-weather-will-turn-warm.md"):
        pipeline.build(Config.for_root(root, workers=1))
