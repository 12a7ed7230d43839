"""Titles a contributor writes in a page's front matter: shown everywhere the title shows, as text.

Real builds of a copy of the seed project (conftest.seed_site), as in test_contrib.py.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import lxml.html
import pytest

from newswiki import docs_writer
from newswiki.check import check_docs
from newswiki.config import Config
from newswiki.pipeline import build
from newswiki.render.common import link_text
from tests.hostile_scan import scan_site

pytestmark = pytest.mark.slow

HAND_TITLE = "A Title Written By Hand & Kept"
#: Titles that are markup: each must show as these very characters, and make no element.
IMG_TITLE = "<img src=x onerror=alert(1)>"
HTTPS_TITLE = '<img src="https://example.org/tracker.png"> Loaded?'
NAME = '<img src="https://example.org/name.png" onerror=alert(2)>Named'


@pytest.fixture
def project(seed_site: Path, tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(seed_site, root, symlinks=True)
    return root


def rebuild(root: Path):
    result = build(Config.for_root(root, workers=1))
    assert result.ok, result.problems
    return result


def wiki(root: Path) -> dict:
    return json.loads((root / "site" / "wiki.json").read_text("utf-8"))


def set_title(page: Path, title: str, key: str = "title") -> None:
    """The page with its front matter field key set to title (a contributor's edit)."""
    text = page.read_text("utf-8")
    head, rest = text.split("\n---\n", 1)
    lines = [line for line in head.split("\n") if not line.startswith(f"{key}:")]
    lines.insert(1, f"{key}: {json.dumps(title)}")  # a JSON string is a YAML string
    page.write_text("\n".join(lines) + "\n---\n" + rest, "utf-8")


def site_page(root: Path, path: str) -> lxml.html.HtmlElement:
    built = "index.html" if path == "index.md" else path.removesuffix(".md") + "/index.html"
    return lxml.html.parse(str(root / "site" / built)).getroot()


def text_of(root: lxml.html.HtmlElement, xpath: str) -> list[str]:
    """The text of each element at xpath, without a heading's permalink mark."""
    return [" ".join(el.text_content().split()).removesuffix("¶").rstrip() for el in root.xpath(xpath)]


def links_to(docs: Path, path: str) -> dict[str, list[str]]:
    """Each generated page of docs/ that links to the page at path (articles/x.md), with the link texts."""
    name = path.split("/")[-1]
    found = {}
    for page in sorted(docs.rglob("*.md")):
        relative = page.relative_to(docs).as_posix()
        if relative.startswith(".") or relative == path:
            continue
        texts = re.findall(rf"\[([^\]]*)\]\((?:\.\./)?(?:articles/)?{re.escape(name)}\)", page.read_text("utf-8"))
        if texts:
            found[relative] = texts
    return found


def test_a_hand_edited_article_title_shows_everywhere_and_survives_rebuilds(project: Path):
    article = next(a for a in wiki(project)["articles"] if a["title"] == "Visible symptoms of chaos")
    listed_before = links_to(project / "docs", article["path"])
    assert {"index.md", "articles/index.md"} <= set(listed_before) and any(p.startswith("entities/") for p in listed_before)
    page = project / "docs" / article["path"]
    set_title(page, HAND_TITLE)

    rebuild(project)
    text = page.read_text("utf-8")
    assert f"title: {json.dumps(HAND_TITLE)}\n" in text, "the contributor's field is kept as written"
    assert f"\n# {link_text(HAND_TITLE)}\n" in text
    listed = links_to(project / "docs", article["path"])
    assert set(listed) == set(listed_before), "listed on the same pages"
    assert {p: set(texts) for p, texts in listed.items()} == {p: {link_text(HAND_TITLE)} for p in listed}
    [entry] = [a for a in wiki(project)["articles"] if a["source"] == article["source"]]
    assert entry["title"] == HAND_TITLE and entry["path"] == article["path"], "the URL stays"
    built = site_page(project, article["path"])
    assert text_of(built, "//article//h1") == [HAND_TITLE]
    assert HAND_TITLE in text_of(built, "//*[contains(@class, 'md-header__topic')]")[-1]
    assert text_of(built, "//title")[0].startswith(HAND_TITLE)
    home = site_page(project, "index.md")
    assert HAND_TITLE in text_of(home, "//article//a")
    feed = (project / "site" / "feed.xml").read_text("utf-8")
    assert "<title>A Title Written By Hand &amp; Kept</title>" in feed and "Visible symptoms of chaos" not in feed

    # Stable: another build changes nothing and warns of nothing; docs/ is what a build makes.
    rebuild(project)
    assert page.read_text("utf-8") == text
    again = check_docs(Config.for_root(project, workers=1))
    assert not again.stale and not again.build.warnings, again.summary()
    assert [a["title"] for a in wiki(project)["articles"] if a["source"] == article["source"]] == [HAND_TITLE]

    # Back to the extracted title: everything follows again.
    set_title(page, "Visible symptoms of chaos")
    rebuild(project)
    assert "\n# Visible symptoms of chaos\n" in page.read_text("utf-8")
    assert {p: set(t) for p, t in links_to(project / "docs", article["path"]).items()} == \
        {p: {"Visible symptoms of chaos"} for p in listed_before}


def test_markup_in_a_front_matter_title_or_name_is_literal_text_everywhere(project: Path):
    data = wiki(project)
    article, other = data["articles"][0], data["articles"][1]
    entity = max(data["entities"], key=lambda e: sum(e["mentions"].values()))
    set_title(project / "docs" / article["path"], IMG_TITLE)
    set_title(project / "docs" / other["path"], HTTPS_TITLE)
    set_title(project / "docs" / entity["path"], NAME, key="name")

    rebuild(project)
    assert scan_site(project / "site") == []
    images = [img.get("src") for p in (project / "site").rglob("*.html") for img in lxml.html.parse(str(p)).getroot().iter("img")]
    assert not [src for src in images if src == "x" or "example.org" in (src or "")], "no element from a title"
    for item, title in ((article, IMG_TITLE), (other, HTTPS_TITLE)):
        built = site_page(project, item["path"])
        assert text_of(built, "//article//h1") == [title]
        assert title in text_of(built, "//*[contains(@class, 'md-header__topic')]")[-1]
        assert text_of(built, "//title")[0].startswith(title)
        assert title in text_of(site_page(project, "index.md"), "//article//a")
    [named] = [e for e in wiki(project)["entities"] if e["path"] == entity["path"]]
    assert named["name"] == NAME
    built = site_page(project, entity["path"])
    assert text_of(built, "//article//h1") == [NAME]
    assert NAME in text_of(built, "//*[contains(@class, 'md-header__topic')]")[-1]
    assert text_of(built, "//title")[0].startswith(NAME)

    # An entity page's own title field: the same.
    set_title(project / "docs" / entity["path"], IMG_TITLE)
    rebuild(project)
    built = site_page(project, entity["path"])
    assert IMG_TITLE in text_of(built, "//*[contains(@class, 'md-header__topic')]")[-1]
    assert text_of(built, "//title")[0].startswith(IMG_TITLE)
    assert scan_site(project / "site") == []
    assert not [img for img in site_page(project, entity["path"]).iter("img") if img.get("src") in ("x", None)]


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_titles_by_hand_build_incrementally_as_from_scratch(project: Path, tmp_path: Path):
    data = wiki(project)
    entity = max(data["entities"], key=lambda e: sum(e["mentions"].values()))
    set_title(project / "docs" / data["articles"][0]["path"], HTTPS_TITLE)
    set_title(project / "docs" / entity["path"], IMG_TITLE)
    # The same project without the build's cache and site: everything made from scratch.
    clean = tmp_path / "clean"
    shutil.copytree(project, clean, symlinks=True, ignore=shutil.ignore_patterns(".newswiki-cache", "site"))
    assert not (clean / "site").exists()

    rebuild(project)
    rebuild(clean)
    for part in ("docs", "site"):
        incremental, fresh = tree(project / part), tree(clean / part)
        assert sorted(incremental) == sorted(fresh), part
        assert [path for path in fresh if incremental[path] != fresh[path]] == [], part
    assert [a["title"] for a in wiki(clean)["articles"] if a["path"] == data["articles"][0]["path"]] == [HTTPS_TITLE]
