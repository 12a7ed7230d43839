"""Every engine the build supports gives a safe, searchable site from the same docs/: the sanitiser,
the entity weights and the Pagefind index run after the engine, so they hold whatever it is.

The docs/ are the hostile corpus's (tests/test_hostile.py), plus a page of raw HTML as if the
first wall (escaping) had failed. An engine that is not installed is skipped, saying how to
install it; MkDocs is a dependency, ProperDocs and Zensical come with `newswiki[engines]`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
import pytest

from newswiki import engines, pipeline, site
from newswiki.config import Config
from newswiki.search_index import ENTITY_WEIGHT
from tests.conftest import make_project
from tests.hostile_scan import scan_site
from tests.test_hostile import FIXTURES, generated_files

pytestmark = pytest.mark.slow

EVIL = (
    "---\ntitle: '<script>alert(\"t\")</script><img src=x onerror=alert(0)>Evil'\n"
    "description: '\"><script>alert(\"d\")</script>'\n---\n\n"
    "# Evil <img src=x onerror=alert(1)>\n\n<script>alert(2)</script>\n\n"
    '<a href="javascript:alert(3)">x</a> <iframe src="https://e.example"></iframe>\n\n'
    '<div onclick="alert(4)" style="position:fixed">y</div>\n\n'
    "## Heading <svg onload=alert(6)></svg>\n\n"
    '<a href="https://example.org/">fine</a>\n'
)


@pytest.fixture(scope="module")
def hostile_docs(tmp_path_factory) -> Path:
    root = make_project(tmp_path_factory.mktemp("engines") / "project")
    for path in sorted(FIXTURES.iterdir()):
        shutil.copy(path, root / "corpus" / path.name)
    for name, data in generated_files().items():
        if name not in ("huge.txt", "too_long.txt", "no_spaces.txt", "many_names.txt"):  # slow, and tested there
            (root / "corpus" / name).write_bytes(data)
    pipeline.build(Config.for_root(root, workers=1), build_site=False)
    (root / "docs" / "articles" / "evil-raw-html.md").write_text(EVIL, "utf-8")
    return root


@pytest.mark.parametrize("engine", engines.ENGINES)
def test_each_engine_builds_a_site_with_nothing_active_and_a_search_index(hostile_docs: Path, engine: str, tmp_path: Path):
    if not engines.available(engine):
        pytest.skip(f"the {engine} engine is not installed here (pip install 'newswiki[engines]')")
    site_dir = hostile_docs / f"site-{engine}"
    shutil.rmtree(site_dir, ignore_errors=True)
    site.build_site(hostile_docs, site_dir, {}, strict=False, engine=engine)

    assert scan_site(site_dir) == []
    evil = (site_dir / "articles" / "evil-raw-html" / "index.html").read_text("utf-8")
    assert 'href="https://example.org/"' in evil and "alert(2)" not in evil and "alert(6)" not in evil
    assert "<title>&lt;script&gt;" in evil  # the title is text (a browser reads <title> as text anyway)
    articles = sorted(p.stem for p in (hostile_docs / "docs" / "articles").glob("*.md") if p.name != "index.md")
    entities = [p for p in (hostile_docs / "docs" / "entities").glob("*.md") if p.name != "index.md"]
    assert articles and entities
    for slug in articles:
        assert (site_dir / "articles" / slug / "index.html").is_file(), slug
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(articles) + len(entities)
    entity_page = lxml.html.parse(str(site_dir / "entities" / entities[0].stem / "index.html")).getroot()
    assert entity_page.xpath(f'//article[@data-pagefind-weight="{ENTITY_WEIGHT}"]')


def test_an_unknown_engine_is_refused_by_name(tmp_path: Path):
    root = make_project(tmp_path / "p")
    (root / "docs" / "index.md").write_text("# Home\n", "utf-8")
    with pytest.raises(site.SiteError, match="unknown site engine 'hugo'"):
        site.build_site(root, root / "site", {}, engine="hugo")
    assert not (root / "site").exists() and not list(root.glob("*.building"))
