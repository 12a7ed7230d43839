"""Pagefind replaces Material's lunr index: chunked, built offline, with aliases findable."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from newswiki.search_index import PagefindPlugin, search_boost


def fragments(site: Path) -> list[dict]:
    """Pagefind's per-page records (gzipped JSON after a fixed signature)."""
    records = []
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
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


def test_material_boost_becomes_a_pagefind_weight():
    plugin = PagefindPlugin()
    assert search_boost({"search": {"boost": 4}}) == 4
    assert search_boost({"title": "x"}) == 1.0
    html = plugin.on_page_content("<p>x</p>", page=type("P", (), {"meta": {"search": {"boost": 4}}})(), config={}, files=[])
    assert html.startswith('<div data-pagefind-weight="4">')
