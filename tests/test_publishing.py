"""What gets published, as a contributor adding or changing articles would see it: real builds.

An article without text is not published; an article's id (its URL) stays when another article
with the same title arrives; one page saved twice (.txt and .html) is one article.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newswiki.config import Config
from newswiki.passes import publish
from newswiki.pipeline import build
from tests.conftest import make_project

pytestmark = pytest.mark.slow

NEWSWIKI = Path(sys.executable).parent / "newswiki"


#: Paragraphs of four different articles, three each.
PARAGRAPHS = [
    "The government in Minsk announced new measures on Tuesday, and officials in Warsaw said they would study "
    "them closely before the next meeting of the two delegations.",
    "Critics of the plan said it would change little for ordinary people, while supporters argued that it was "
    "the first real step in years and deserved a fair chance.",
    "The European Union has asked both sides to publish their proposals before the summer, so that independent "
    "experts can compare them in detail.",
    "Railway engineers from Poland inspected the old line near Brest last month and found most of its bridges "
    "in better shape than the ministry had feared.",
    "A freight operator in Gdansk hopes to run two trains a week by autumn if the customs posts on both sides "
    "agree on shared inspection hours.",
    "Local councils along the route want passenger services restored as well, though nobody has yet said who "
    "would pay for new carriages.",
    "Customs officers at the Kozlovichi crossing reported queues of lorries stretching for eleven kilometres "
    "over the weekend, the longest since the spring.",
    "Drivers waiting there told reporters they had slept in their cabs for three nights and run short of water "
    "and fuel for their heaters.",
    "The Lithuanian transport ministry offered to open an extra lane at its own crossing to take some of the "
    "traffic until the backlog clears.",
    "Farmers in the Grodno region complained that fertiliser prices have doubled in a year, and many said they "
    "would plant less wheat next season.",
    "Agronomists at the regional institute advised rotating crops with clover, which needs no nitrogen, though "
    "few farms have the machinery for it.",
    "The regional governor promised subsidies for small farms but gave no figure, and his office did not answer "
    "questions about the budget.",
]


def article_text(title: str, part: int, date: str = "March 3, 2023") -> str:
    """A small news article saved as text: headline, byline, date, three paragraphs of its own (part 0-3)."""
    return f"{title}\n\nBy Anna Kowalska\n\n{date}\n\n" + "\n\n".join(PARAGRAPHS[3 * part : 3 * part + 3]) + "\n"


#: A page with nothing but its site's furniture: no article text in it.
FURNITURE_ONLY = "Home | About | Contact\nSubscribe to our newsletter\n"


def wiki(root: Path) -> dict:
    return json.loads((root / "site" / "wiki.json").read_text("utf-8"))


def rebuild(root: Path):
    return build(Config.for_root(root, workers=1))


def two_articles_with_a_hand_edit(tmp_path: Path) -> tuple[Path, str, str]:
    """A built project of a.txt and b.txt whose b page carries a hand edit: (root, b's page, its edited text)."""
    root = make_project(tmp_path / "p", {
        "a.txt": article_text("Minsk Sets New Rules for Border Trade", 0),
        "b.txt": article_text("Warsaw Studies the Plan for Rail Links", 1, "March 9, 2023"),
    })
    first = rebuild(root)
    assert first.ok, first.problems
    page_b = next(a.path for a in first.articles if a.extraction.source == "corpus/b.txt")
    edited = (root / "docs" / page_b).read_text("utf-8") + "\nA note written by hand.\n"
    (root / "docs" / page_b).write_text(edited, "utf-8")
    return root, page_b, edited


def test_a_file_without_article_text_is_not_published_and_keeps_its_previous_page(tmp_path: Path):
    root, page_b, edited = two_articles_with_a_hand_edit(tmp_path)
    # b.txt saved again without its article, and a new file that never had any.
    (root / "corpus" / "b.txt").write_text(FURNITURE_ONLY, "utf-8")
    (root / "corpus" / "c.txt").write_text(FURNITURE_ONLY, "utf-8")
    # A new article with b's old title does not take b's kept page.
    (root / "corpus" / "d.txt").write_text(article_text("Warsaw Studies the Plan for Rail Links", 2), "utf-8")

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
    assert [p.name for p in shown if "home-about" in p.read_text("utf-8") or "Brest" in p.read_text("utf-8")] == []
    assert [p.name for p in shown if "Border Trade" in p.read_text("utf-8")] == ["index.md", "index.md", "feed.xml"]
    on_disk = {f"articles/{p.name}" for p in (root / "docs" / "articles").glob("*.md")}
    assert on_disk == {"articles/index.md", page_b, *published.values()}


#: Files holding nothing but a title (a one-line text, a heading, a page title, front matter) or a menu.
TITLE_ONLY = {
    "b.txt": "Warsaw Studies the Plan for Rail Links\n",
    "heading.md": "# Warsaw Studies the Plan for Rail Links\n",
    "titled.md": "---\ntitle: Warsaw Studies the Plan for Rail Links\n---\n",
    "page.html": "<html><head><title>Rail Links Studied</title></head><body><h1>Rail Links Studied</h1></body></html>",
    "menu.html": '<html><head><title>Home</title></head><body><nav><a href="/">Home</a> <a href="/news">News</a> '
                 '<a href="/rail">Rail</a></nav><ul><li><a href="/a">Latest news</a></li><li><a href="/b">Most read</a></li>'
                 "</ul><footer>Copyright 2024 Daily Courier. All rights reserved.</footer></body></html>",
}


def test_a_file_holding_only_a_title_or_a_menu_is_an_article_without_text(tmp_path: Path):
    root, page_b, edited = two_articles_with_a_hand_edit(tmp_path)
    for name, text in TITLE_ONLY.items():
        (root / "corpus" / name).write_text(text, "utf-8")

    result = subprocess.run([str(NEWSWIKI), "build", "--workers", "1", "--root", str(root)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    for name in TITLE_ONLY:
        lines = [line for line in result.stderr.splitlines() if f"corpus/{name}" in line]
        assert len(lines) == 1 and lines[0].startswith(f"error corpus/{name}: no article text found"), lines
    assert [a["source"] for a in wiki(root)["articles"]] == ["corpus/a.txt"]
    assert (root / "docs" / page_b).read_text("utf-8") == edited

    for name, text in TITLE_ONLY.items():  # new to the corpus: not refused as already in it
        (tmp_path / name).write_text(text.replace("Rail", "Road"), "utf-8")
    added = subprocess.run([str(NEWSWIKI), "add", *(str(tmp_path / n) for n in TITLE_ONLY), "--root", str(root)],
                           capture_output=True, text=True)
    assert added.returncode == 1 and added.stdout == "", added
    assert added.stderr.splitlines() == [f"error {tmp_path / n}: no article text found - not added" for n in TITLE_ONLY]


def manifest_paths(root: Path) -> dict[str, str]:
    """identity -> page path, from the committed manifest."""
    pages = json.loads((root / "docs" / ".newswiki" / "manifest.json").read_text("utf-8"))["pages"]
    return {record["identity"]: path for path, record in pages.items()}


def test_an_article_keeps_its_id_when_another_with_the_same_title_arrives(tmp_path: Path):
    title = "Minsk Sets New Rules for Border Trade"
    root = make_project(tmp_path / "p", {"first.txt": article_text(title, 0)})
    assert rebuild(root).ok
    page = root / "docs" / "articles" / "minsk-sets-new-rules-for-border-trade.md"
    before = page.read_bytes()

    (root / "corpus" / "second.txt").write_text(article_text(title, 2, "April 2, 2023"), "utf-8")
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


def html_page(title: str, part: int, url: str) -> str:
    """The same article as article_text, saved as a web page."""
    paragraphs = "".join(f"<p>{p}</p>\n" for p in article_text(title, part).split("\n\n")[3:])
    return (f'<!doctype html><html><head><title>{title} | Daily Courier</title><link rel="canonical" href="{url}">'
            f'<meta name="author" content="Anna Kowalska"></head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>'
            f"<article><h1>{title}</h1><p>By Anna Kowalska</p>{paragraphs}</article><footer>Copyright Daily Courier</footer></body></html>")


def test_one_page_saved_as_text_and_as_html_is_one_article(tmp_path: Path):
    title = "Minsk Sets New Rules for Border Trade"
    digest = article_text("Weekly Digest: Rules, Rails and Duties", 3) + article_text(title, 0)
    root = make_project(tmp_path / "p", {
        "border.txt": article_text(title, 0),
        "other.txt": article_text("Warsaw Studies the Plan for Rail Links", 1),
        "digest.txt": digest,  # quotes the whole article, under its own headline: not a copy of it
    })
    assert rebuild(root).ok
    (root / "corpus" / "border-saved.html").write_text(html_page(title, 0, "https://courier.example/border"), "utf-8")
    result = subprocess.run([str(NEWSWIKI), "build", "--workers", "1", "--root", str(root)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    named = [line for line in result.stderr.splitlines() if "border-saved.html" in line]
    assert named == ["warning corpus/border-saved.html: the same page as corpus/border.txt (same text); only "
                     "corpus/border.txt is published - delete one of them"], result.stderr
    assert sorted(a["source"] for a in wiki(root)["articles"]) == ["corpus/border.txt", "corpus/digest.txt", "corpus/other.txt"]
    assert len(list((root / "docs" / "articles").glob("minsk-sets-new-rules*.md"))) == 1

    # Both new in one pull request: the HTML is published (it states its URL).
    (root / "corpus" / "border.txt").rename(root / "corpus" / "border-again.txt")
    (root / "corpus" / "border-saved.html").rename(root / "corpus" / "border-new.html")
    shutil.rmtree(root / "docs")
    (root / "docs").mkdir()
    result = rebuild(root)
    assert [(p.source, p.severity) for p in result.problems] == [("corpus/border-again.txt", "warning")], result.problems
    assert sorted(a.extraction.source for a in result.articles) == ["corpus/border-new.html", "corpus/digest.txt", "corpus/other.txt"]


def test_a_hosted_wiki_s_feed_links_are_absolute_and_one_date_is_not_a_range(tmp_path: Path):
    root = make_project(tmp_path / "p", {"border.txt": article_text("Minsk Sets New Rules for Border Trade", 0)})
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("site_name: newswiki", "site_name: Border Wiki")
                      + 'site_url: "https://owner.example.org/wiki"\n', "utf-8")
    assert rebuild(root).ok
    feed = (root / "site" / "feed.xml").read_text("utf-8")
    hrefs = re.findall(r'href="([^"]*)"', feed)
    assert hrefs == ["https://owner.example.org/wiki/feed.xml", "https://owner.example.org/wiki/",
                     "https://owner.example.org/wiki/articles/minsk-sets-new-rules-for-border-trade/"], hrefs
    assert "<title>Border Wiki: new articles</title>" in feed
    # One article, one date: "published 2023-03-03", not "2023-03-03 to 2023-03-03".
    home = (root / "docs" / "index.md").read_text("utf-8")
    assert "published 2023-03-03" in home and "to 2023-03-03" not in home
    entity = (root / "docs" / "entities" / "minsk.md").read_text("utf-8")
    assert "published 2023-03-03" in entity and "first 2023-03-03" not in entity
    assert "Mentions per month, 2023-03; peak" in entity and "2023-03 to 2023-03" not in entity

    # A site_url that is not a web address is not written into the feed (mkdocs.yml is a pull request's too).
    for bad in ('"javascript:alert(1)//"', '"//evil.example/"', "[1, 2]"):
        config.write_text(f"site_name: Border Wiki\nsite_url: {bad}\n", "utf-8")
        assert publish.site_address(root) == ("Border Wiki", None), bad


def test_add_refuses_a_page_without_article_text_and_shows_names_as_written(tmp_path: Path):
    root = make_project(tmp_path / "p")
    menu, good = tmp_path / "[b]menu.txt", tmp_path / "[red]good.txt"
    menu.write_text(FURNITURE_ONLY, "utf-8")
    good.write_text(article_text("Minsk Sets New Rules for Border Trade", 0), "utf-8")
    result = subprocess.run([str(NEWSWIKI), "add", str(menu), str(good), "--root", str(root)], capture_output=True, text=True)
    assert result.returncode == 1, result.stderr
    assert result.stderr.splitlines() == [f"error {menu}: no article text found - not added"], result.stderr
    added = [p.name for p in (root / "corpus").iterdir()]
    assert len(added) == 1 and added[0].startswith("red-good-"), added
    assert result.stdout.startswith(f"added corpus/{added[0]}\n") and "Minsk Sets New Rules" in result.stdout


def test_a_copy_published_before_duplicates_were_found_redirects_to_the_one_kept(tmp_path: Path, monkeypatch):
    """A wiki built before copies were found published both; the copy's page goes, its URL redirects."""
    from newswiki import duplicates

    title = "Minsk Sets New Rules for Border Trade"
    root = make_project(tmp_path / "p", {"border.txt": article_text(title, 0),
                                         "border.html": html_page(title, 0, "https://courier.example/border")})
    with monkeypatch.context() as patched:
        patched.setattr(duplicates, "find_copies", lambda results, published: {})
        assert len(rebuild(root).articles) == 2
    before = manifest_paths(root)
    result = rebuild(root)
    assert [(p.source, p.severity) for p in result.problems] == [("corpus/border.txt", "warning")], result.problems
    assert manifest_paths(root)["article:corpus/border.html"] == before["article:corpus/border.html"]
    gone = before["article:corpus/border.txt"]
    assert not (root / "docs" / gone).exists() and "article:corpus/border.txt" not in manifest_paths(root)
    redirects = (root / "docs" / ".newswiki" / "redirects.yml").read_text("utf-8")
    assert f"{gone}: {before['article:corpus/border.html']}" in redirects
    assert (root / "site" / gone.removesuffix(".md") / "index.html").is_file()


def test_a_kept_hand_edit_linking_names_the_new_text_dropped_does_not_stop_the_site(tmp_path: Path):
    """A contributor rewords a paragraph; the corpus file is then corrected in the same paragraph,
    which no longer names Brest or Poland: the page is kept as edited (a conflict), and its links to
    the entity pages this build no longer makes stopped the whole site build (exit 2)."""
    root = make_project(tmp_path / "p", {"a.txt": article_text("Warsaw Studies the Plan for Rail Links", 1)})
    first = rebuild(root)
    assert first.ok and {e.id for e in first.resolution.entities} >= {"brest", "poland"}, first.resolution.entities
    page = root / "docs" / first.articles[0].path
    edited = page.read_text("utf-8").replace("found most of its bridges", "found nearly all of its bridges")
    page.write_text(edited, "utf-8")
    corpus = root / "corpus" / "a.txt"
    corpus.write_text(corpus.read_text("utf-8").replace("from Poland inspected the old line near Brest", "inspected the old line"), "utf-8")

    result = subprocess.run([str(NEWSWIKI), "build", "--workers", "1", "--root", str(root)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert page.read_text("utf-8") == edited  # docs/ keeps the contributor's version
    said = [line for line in result.stderr.splitlines() if first.articles[0].path in line and "no longer" in line]
    assert said and "entities/brest.md" in said[0] and "entities/poland.md" in said[0], result.stderr
    shown = (root / "site" / first.articles[0].path.removesuffix(".md") / "index.html").read_text("utf-8")
    assert "inspected the old line" in shown and "entities/brest" not in shown
