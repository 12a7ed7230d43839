"""Pagefind replaces Material's lunr index: chunked, built offline, with aliases findable."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

from newswiki.search_index import (
    ENTITY_WEIGHT, INDEXED_PAGES, MAIN_BUNDLE, SHARD_BUNDLES, SHARDS_FILE, index_site, indexed_pages, is_entity_page,
    mark_page, segmented_copy,
)


def fragments(site: Path) -> list[dict]:
    """Pagefind's per-page records of a site's main bundle."""
    return bundle_fragments(site / "pagefind")


def bundle_fragments(bundle: Path) -> list[dict]:
    """Pagefind's per-page records in one bundle (gzipped JSON after a fixed signature)."""
    records = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        records.append(json.loads(raw[raw.index(b"{"):]))
    return records


def test_site_has_a_chunked_index_and_no_lunr_index(seed_site: Path):
    site = seed_site / "site"
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert entry["languages"], entry
    assert len(list((site / "pagefind" / "index").glob("*.pf_index"))) >= 1
    lunr = json.loads((site / "search" / "search_index.json").read_text("utf-8"))
    assert lunr["docs"] == []  # Material's index stays empty: nothing for a reader to download
    home = (site / "index.html").read_text("utf-8")
    assert 'name="search"' not in home and "pagefind-search.js" in home and "md-search__input" in home


def test_entities_are_found_by_alias_and_index_pages_left_out(seed_site: Path):
    wiki = json.loads((seed_site / "site" / "wiki.json").read_text("utf-8"))
    records = {r["url"]: r for r in fragments(seed_site / "site")}
    assert "/" not in records and "/articles/" not in records and "/entities/" not in records
    for entity in wiki["entities"]:
        if entity["aliases"]:
            record = records[f"/entities/{entity['id']}/"]
            assert all(alias in record["content"] for alias in entity["aliases"]), entity["id"]
    for article in wiki["articles"]:
        assert f"/articles/{article['id']}/" in records


def test_entity_pages_carry_a_pagefind_weight(seed_site: Path):
    assert is_entity_page("entities/csto/index.html") and not is_entity_page("entities/index.html")
    assert not is_entity_page("articles/x/index.html")
    page = '<html><body><nav>&lt;article</nav><article class="md-content__inner">x</article></body></html>'
    assert f'<article data-pagefind-weight="{ENTITY_WEIGHT}" class="md-content__inner">' in mark_page(page, "entities/e/index.html")
    assert mark_page(page, "articles/a/index.html") == page
    site = seed_site / "site"
    assert f'data-pagefind-weight="{ENTITY_WEIGHT}"' in (site / "entities" / "csto" / "index.html").read_text("utf-8")
    assert "data-pagefind-weight" not in (site / "entities" / "index.html").read_text("utf-8")


def test_a_large_site_is_indexed_in_shards_that_cover_every_page_once(seed_site: Path, tmp_path: Path):
    site = tmp_path / "site"
    shutil.copytree(seed_site / "site", site)
    shutil.rmtree(site / MAIN_BUNDLE)
    pages = indexed_pages(site, INDEXED_PAGES)
    articles = [p for p in pages if p.startswith("articles/")]
    bundles = index_site(site, shard_pages=2)
    assert bundles == 1 + -(-len(articles) // 2) > 2  # the entity pages, then the articles two by two
    main = {r["url"] for r in bundle_fragments(site / MAIN_BUNDLE)}
    assert main == {"/" + p.removesuffix("index.html") for p in pages if p.startswith("entities/")}
    extra = json.loads((site / MAIN_BUNDLE / SHARDS_FILE).read_text("utf-8"))
    assert extra == [f"{SHARD_BUNDLES}/{n}/" for n in range(1, bundles)]
    urls = [r["url"] for folder in [MAIN_BUNDLE, *extra] for r in bundle_fragments(site / folder)]
    assert sorted(urls) == sorted("/" + page.removesuffix("index.html") for page in pages)  # each page once
    assert not any(p.name.endswith("pagefind-shard") for p in tmp_path.iterdir())  # scratch folder gone


def test_a_small_site_has_one_bundle_and_an_empty_shard_list(seed_site: Path):
    assert json.loads((seed_site / "site" / MAIN_BUNDLE / SHARDS_FILE).read_text("utf-8")) == []
    assert not (seed_site / "site" / SHARD_BUNDLES).exists()


JAPANESE = "集団安全保障条約機構の国防相会合、ミンスクで合同演習を協議"


def test_a_japanese_page_is_indexed_in_its_own_language_and_split_into_words(seed_site: Path, tmp_path: Path):
    """Pagefind splits Japanese into words only on a page whose <html lang> says ja: it reads a copy
    of such a page that does, while the served page keeps the site's language, and English pages
    keep their English (stemmed) index."""
    site = tmp_path / "site"
    shutil.copytree(seed_site / "site", site)
    shutil.rmtree(site / MAIN_BUNDLE)
    article = sorted(p for p in indexed_pages(site, INDEXED_PAGES) if p.startswith("articles/"))[0]
    served = (site / article).read_text("utf-8")
    head, _, rest = served.partition('<article class="md-content__inner md-typeset"')
    body = f'<article class="md-content__inner md-typeset" lang="ja"><h1>{JAPANESE}</h1><p>{JAPANESE}</p></article>'
    japanese = head + body + rest.split("</article>", 1)[1]
    (site / article).unlink()  # a hard link to the seed site's page: write a page of its own
    (site / article).write_text(japanese, encoding="utf-8")
    assert segmented_copy(japanese).count('lang="ja"') == 2 and segmented_copy(served) is None
    assert index_site(site) == 1
    entry = json.loads((site / MAIN_BUNDLE / "pagefind-entry.json").read_text("utf-8"))
    assert set(entry["languages"]) == {"en", "ja"} and entry["languages"]["en"]["wasm"] == "en"
    assert entry["languages"]["ja"]["page_count"] == 1
    record = next(r for r in bundle_fragments(site / MAIN_BUNDLE) if r["url"] == "/" + article.removesuffix("index.html"))
    assert "ミンスク\u200b" in record["content"] or "\u200bミンスク" in record["content"], record["content"][:80]
    assert (site / article).read_text("utf-8") == japanese  # the served page is left as it was
    assert not any(p.name.endswith("pagefind-shard") for p in tmp_path.iterdir())
