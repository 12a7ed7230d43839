"""End-to-end behaviour of a seed build that a maintainer would notice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, make_project

NEWSWIKI = Path(sys.executable).parent / "newswiki"


def test_site_has_article_and_entity_pages(seed_site: Path):
    site = seed_site / "site"
    articles = [p for p in (site / "articles").iterdir() if p.is_dir()]
    assert len(articles) == 5
    wiki = json.loads((site / "wiki.json").read_text("utf-8"))
    assert len(wiki["articles"]) == 5
    for article in wiki["articles"]:
        assert set(article) == {"id", "source", "title", "authors", "published", "publisher", "url", "path"}
        assert (seed_site / "docs" / article["path"]).exists()
        assert article["source"].startswith("corpus/")
    for entity in wiki["entities"]:
        assert set(entity) == {"id", "name", "type", "aliases", "path", "mentions"}
        assert entity["type"] == entity["type"].lower()
        assert entity["mentions"] and all(count > 0 for count in entity["mentions"].values())


def test_key_entities_have_one_page_linked_from_articles(seed_site: Path):
    wiki = json.loads((seed_site / "site" / "wiki.json").read_text("utf-8"))
    for wanted in ("Lukashenko", "CSTO", "Pashinyan"):
        # The page whose name (or an alias) is it or ends in it; "CSTO Permanent Council" is another body.
        matches = [e for e in wiki["entities"] if any(n.split()[-1].lower() == wanted.lower() for n in [e["name"], *e["aliases"]])]
        assert len(matches) == 1, (wanted, [e["name"] for e in matches])
        entity = matches[0]
        for article_id in entity["mentions"]:
            page = (seed_site / "docs" / "articles" / f"{article_id}.md").read_text("utf-8")
            assert f"../{entity['path']})" in page, (wanted, article_id)


def test_nav_does_not_list_every_page(seed_site: Path):
    html = (seed_site / "site" / "index.html").read_text("utf-8")
    wiki = json.loads((seed_site / "site" / "wiki.json").read_text("utf-8"))
    nav = html.split('<nav class="md-nav md-nav--primary"', 1)[1].split("</nav>", 1)[0]
    for article in wiki["articles"]:
        assert f"articles/{article['id']}/" not in nav


def test_rebuild_is_byte_identical(tmp_path: Path):
    root = make_project(tmp_path / "p", seeds=True)
    env = dict(os.environ)
    first = subprocess.run([NEWSWIKI, "build", "--root", root], capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    snapshot = {p: p.read_bytes() for p in sorted(root.joinpath("site").rglob("*")) if p.is_file()}
    docs = {p: p.read_bytes() for p in sorted(root.joinpath("docs").rglob("*")) if p.is_file()}
    second = subprocess.run([NEWSWIKI, "build", "--root", root], capture_output=True, text=True, env=env)
    assert second.returncode == 0, second.stderr
    assert {p: p.read_bytes() for p in sorted(root.joinpath("docs").rglob("*")) if p.is_file()} == docs
    after = {p: p.read_bytes() for p in sorted(root.joinpath("site").rglob("*")) if p.is_file()}
    assert sorted(after) == sorted(snapshot)
    changed = [str(p) for p in after if after[p] != snapshot[p]]
    assert not changed, changed


def test_site_files_are_world_readable(seed_site: Path):
    """A web server (or the Pages artifact) reads the site as another user."""
    private = [p for p in (seed_site / "site").rglob("*") if p.is_file() and not p.stat().st_mode & 0o004]
    assert not private, private[:5]
