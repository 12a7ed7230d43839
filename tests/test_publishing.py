"""What gets published, as a contributor adding or changing articles would see it: real builds.

An article without text is not published; an article's id (its URL) stays when another article
with the same title arrives; one page saved twice (.txt and .html) is one article.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newswiki.config import Config
from newswiki.pipeline import build
from tests.conftest import make_project

pytestmark = pytest.mark.slow

NEWSWIKI = Path(sys.executable).parent / "newswiki"


def article_text(title: str, topic: str, date: str = "March 3, 2023") -> str:
    """A small news article saved as text: headline, byline, date, a few paragraphs."""
    return (
        f"{title}\n\nBy Anna Kowalska\n\n{date}\n\n"
        f"The government in Minsk announced new measures on {topic} on Tuesday, and officials in Warsaw "
        "said they would study them closely before the next meeting of the two delegations.\n\n"
        f"Critics of the plan on {topic} said it would change little for ordinary people, while supporters "
        "argued that it was the first real step in years and deserved a fair chance.\n\n"
        f"The European Union has asked both sides to publish their proposals on {topic} before the summer, "
        "so that independent experts can compare them in detail.\n"
    )


#: A page with nothing but its site's furniture: no article text in it.
FURNITURE_ONLY = "Home | About | Contact\nSubscribe to our newsletter\n"


def wiki(root: Path) -> dict:
    return json.loads((root / "site" / "wiki.json").read_text("utf-8"))


def rebuild(root: Path):
    return build(Config.for_root(root, workers=1))


def test_a_file_without_article_text_is_not_published_and_keeps_its_previous_page(tmp_path: Path):
    root = make_project(tmp_path / "p", {
        "a.txt": article_text("Minsk Sets New Rules for Border Trade", "border trade"),
        "b.txt": article_text("Warsaw Studies the Plan for Rail Links", "rail links", "March 9, 2023"),
    })
    first = rebuild(root)
    assert first.ok, first.problems
    page_b = next(a.path for a in first.articles if a.extraction.source == "corpus/b.txt")
    edited = (root / "docs" / page_b).read_text("utf-8") + "\nA note written by hand.\n"
    (root / "docs" / page_b).write_text(edited, "utf-8")
    # b.txt saved again without its article, and a new file that never had any.
    (root / "corpus" / "b.txt").write_text(FURNITURE_ONLY, "utf-8")
    (root / "corpus" / "c.txt").write_text(FURNITURE_ONLY, "utf-8")
    # A new article with b's old title does not take b's kept page.
    (root / "corpus" / "d.txt").write_text(article_text("Warsaw Studies the Plan for Rail Links", "bus links"), "utf-8")

    result = subprocess.run([str(NEWSWIKI), "build", "--workers", "1", "--root", str(root)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    for name in ("b.txt", "c.txt"):
        lines = [line for line in result.stderr.splitlines() if f"corpus/{name}" in line]
        assert len(lines) == 1 and lines[0].startswith(f"error corpus/{name}: no article text found"), lines
    # Published: a.txt and d.txt, in wiki.json, the indexes and the feed; b's page and hand edit are kept in docs/.
    published = {a["source"]: a["path"] for a in wiki(root)["articles"]}
    assert sorted(published) == ["corpus/a.txt", "corpus/d.txt"] and published["corpus/d.txt"] != page_b
    assert (root / "docs" / page_b).read_text("utf-8") == edited
    assert not (root / "site" / page_b.removesuffix(".md")).exists()
    shown = [(root / "docs" / "index.md"), root / "docs" / "articles" / "index.md", root / "site" / "feed.xml"]
    assert [p.name for p in shown if "home-about" in p.read_text("utf-8") or "rail links" in p.read_text("utf-8")] == []
    assert [p.name for p in shown if "Border Trade" in p.read_text("utf-8")] == ["index.md", "index.md", "feed.xml"]
    on_disk = {f"articles/{p.name}" for p in (root / "docs" / "articles").glob("*.md")}
    assert on_disk == {"articles/index.md", page_b, *published.values()}


def manifest_paths(root: Path) -> dict[str, str]:
    """identity -> page path, from the committed manifest."""
    pages = json.loads((root / "docs" / ".newswiki" / "manifest.json").read_text("utf-8"))["pages"]
    return {record["identity"]: path for path, record in pages.items()}


def test_an_article_keeps_its_id_when_another_with_the_same_title_arrives(tmp_path: Path):
    title = "Minsk Sets New Rules for Border Trade"
    root = make_project(tmp_path / "p", {"first.txt": article_text(title, "border trade")})
    assert rebuild(root).ok
    page = root / "docs" / "articles" / "minsk-sets-new-rules-for-border-trade.md"
    before = page.read_bytes()

    (root / "corpus" / "second.txt").write_text(article_text(title, "customs duties", "April 2, 2023"), "utf-8")
    result = rebuild(root)
    assert result.ok, result.problems
    ids = {a["source"]: a["id"] for a in wiki(root)["articles"]}
    assert ids == {"corpus/first.txt": "minsk-sets-new-rules-for-border-trade",
                   "corpus/second.txt": "minsk-sets-new-rules-for-border-trade-second"}
    assert page.read_bytes() == before
    assert "minsk-sets-new-rules" not in (root / "docs" / ".newswiki" / "redirects.yml").read_text("utf-8")

    # The manifest is untrusted: an id it gives that the article's title could not have made, or
    # that names no article page, is not taken; the ids follow the titles as in a first build.
    manifest = root / "docs" / ".newswiki" / "manifest.json"
    data = json.loads(manifest.read_text("utf-8"))
    data["pages"] = {path: record for path, record in data["pages"].items() if not path.startswith("articles/minsk")}
    data["pages"]["articles/index.md"] = {"sha256": "0" * 64, "identity": "article:corpus/first.txt"}
    data["pages"]["entities/minsk-sets-new-rules-for-border-trade.md"] = {"sha256": "0", "identity": "article:corpus/second.txt"}
    data["pages"]["articles/welcome.md"] = {"sha256": "0" * 64, "identity": "article:corpus/second.txt"}
    manifest.write_text(json.dumps(data), "utf-8")
    assert rebuild(root).ok
    assert sorted(manifest_paths(root)[f"article:corpus/{n}.txt"] for n in ("first", "second")) == [
        "articles/minsk-sets-new-rules-for-border-trade-first.md", "articles/minsk-sets-new-rules-for-border-trade-second.md"]
