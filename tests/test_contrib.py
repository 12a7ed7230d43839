"""A contributor's round trip on the seed project: edit pages, add and remove articles, rename, check.

The seed project is built once per session (conftest.seed_site); every test works on its own copy.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newswiki import docs_writer
from newswiki.markdown import GENERATED_END
from newswiki.check import check_docs
from newswiki.config import Config
from newswiki.pipeline import build
from tests.conftest import REPO

pytestmark = pytest.mark.slow

NEWSWIKI = Path(sys.executable).parent / "newswiki"
INSERTED = "A sentence a contributor inserted by hand."
APPENDED = "A paragraph a contributor appended after the generated block."
ALIAS = "Alias Added By Hand"


def run(*args: str, root: Path) -> subprocess.CompletedProcess:
    # One worker: a worker pool would load spaCy once more per process for five articles.
    workers = ["--workers", "1"] if args[0] == "build" else []
    return subprocess.run([str(NEWSWIKI), *args, *workers, "--root", str(root)], capture_output=True, text=True)


@pytest.fixture
def project(seed_site: Path, tmp_path: Path) -> Path:
    """A copy of the seed project as built by conftest.seed_site (built once per session)."""
    root = tmp_path / "project"
    shutil.copytree(seed_site, root, symlinks=True)
    return root


def rebuild(root: Path, site: bool = True):
    """In-process build: the spaCy model stays loaded between the builds of a test."""
    return build(Config.for_root(root, workers=1), build_site=site)


def wiki(root: Path) -> dict:
    return json.loads((root / "site" / "wiki.json").read_text("utf-8"))


def docs_tree(root: Path) -> dict[str, str]:
    docs = root / "docs"
    return {p.relative_to(docs).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in docs.rglob("*") if p.is_file()}


def body_paragraph_lines(text: str) -> list[int]:
    """Indexes of plain prose lines in an article page (not front matter, headings, lists or HTML)."""
    lines = text.split("\n")
    end_of_front_matter = lines.index("---", 1)
    return [
        i for i, line in enumerate(lines)
        if i > end_of_front_matter and len(line) > 80 and not line.startswith(("#", "-", "<", ">", "[^", " "))
    ]


def insert_mid_body(page: Path) -> None:
    lines = page.read_text("utf-8").split("\n")
    candidates = body_paragraph_lines("\n".join(lines))
    target = candidates[len(candidates) // 2]
    words = lines[target].split(" ")
    lines[target] = " ".join(words[: len(words) // 2] + [INSERTED] + words[len(words) // 2 :])
    page.write_text("\n".join(lines), "utf-8")


def test_hand_edits_survive_a_build_and_appear_in_the_site(project: Path):
    article = wiki(project)["articles"][0]
    entity = max(wiki(project)["entities"], key=lambda e: sum(e["mentions"].values()))
    article_page, entity_page = project / "docs" / article["path"], project / "docs" / entity["path"]
    insert_mid_body(article_page)
    text = entity_page.read_text("utf-8")
    assert GENERATED_END in text and text.startswith("---\n")
    if "\naliases:\n" in text.split("\n---\n", 1)[0]:  # a top-level aliases list already: add to it
        text = text.replace("\naliases:\n", f"\naliases:\n- {ALIAS}\n", 1)
    else:
        text = f"---\naliases:\n- {ALIAS}\n" + text.removeprefix("---\n")
    entity_page.write_text(text + f"\n{APPENDED}\n", "utf-8")

    result = run("build", root=project)
    assert result.returncode == 0, result.stderr

    article_text, entity_text = article_page.read_text("utf-8"), entity_page.read_text("utf-8")
    assert INSERTED in article_text
    assert APPENDED in entity_text and entity_text.index(GENERATED_END) < entity_text.index(APPENDED)
    assert f"- {ALIAS}\n" in entity_text.split("---", 2)[1]
    site_article = project / "site" / article["path"].removesuffix(".md") / "index.html"
    site_entity = project / "site" / entity["path"].removesuffix(".md") / "index.html"
    assert INSERTED in site_article.read_text("utf-8")
    assert APPENDED in site_entity.read_text("utf-8")
    if importlib.util.find_spec("newswiki.curation"):  # the build honours curation: the alias joins the entity
        [curated] = [e for e in wiki(project)["entities"] if e["path"] == entity["path"]]
        assert ALIAS in curated["aliases"]
    # docs/ is up to date and the edits are not reported as changes.
    again = check_docs(Config.for_root(project, workers=1))
    assert not again.stale and not again.build.warnings, again.summary()


def test_check_fails_on_a_stale_corpus_change_and_passes_after_a_build(project: Path):
    assert not check_docs(Config.for_root(project, workers=1)).stale
    article = wiki(project)["articles"][0]
    source = project / article["source"]
    source.write_text(source.read_text("utf-8") + "\n\nA correction the publisher added later to this article.\n", "utf-8")
    before = docs_tree(project)

    stale = run("build", "--check", root=project)
    assert stale.returncode == 1
    assert "stale" in stale.stdout and f"docs/{article['path']}" in stale.stdout
    assert docs_tree(project) == before, "--check must not touch docs/"

    assert rebuild(project, site=False).ok
    fresh = check_docs(Config.for_root(project, workers=1))
    assert not fresh.stale, fresh.summary()
    assert "up to date" in fresh.summary()


def test_check_and_build_report_a_bad_front_matter_field_with_file_and_line(project: Path):
    article = wiki(project)["articles"][0]
    page = project / "docs" / article["path"]
    page.write_text(page.read_text("utf-8").replace("---\n", "---\nauthor: Somebody\n", 1), "utf-8")
    checked = run("build", "--check", root=project)
    assert checked.returncode == 1
    assert f"docs/{article['path']}:2" in checked.stderr and "'author'" in checked.stderr
    built = rebuild(project, site=False)
    assert not built.ok and any("'author'" in p.message for p in built.problems)
    assert "author: Somebody" in page.read_text("utf-8")


def test_add_copies_a_file_in_under_a_safe_unique_name(project: Path, tmp_path: Path):
    original = REPO / "corpus" / "004_7d0f52ada61fa29e.txt"
    new = tmp_path / "Über die Lage (final!).TXT"
    new.write_text(original.read_text("utf-8").replace("Visible symptoms of chaos", "Visible symptoms of calm"), "utf-8")
    result = run("add", str(new), root=project)
    assert result.returncode == 0, result.stderr
    [added] = [p for p in (project / "corpus").iterdir() if p.name.startswith("uber-die-lage-final-")]
    assert added.suffix == ".txt" and added.read_bytes() == new.read_bytes()
    assert f"added corpus/{added.name}" in result.stdout
    assert "title" in result.stdout and "Visible symptoms of calm" in result.stdout

    again = run("add", str(new), root=project)
    assert again.returncode == 1 and f"already in the corpus as corpus/{added.name}" in again.stderr
    unknown = tmp_path / "notes.pdf"
    unknown.write_bytes(b"%PDF-1.4")
    refused = run("add", str(unknown), root=project)
    assert refused.returncode == 1 and "unknown file type" in refused.stderr
    assert not any(p.suffix == ".pdf" for p in (project / "corpus").iterdir())


def test_add_brings_the_article_s_sidecar_under_its_new_name(project: Path, tmp_path: Path):
    """README: a sidecar corpus/<name>.yml fixes an article's metadata. `add page.txt` left page.yml
    behind, and a copy made by hand no longer matched the article's new name: the fix was lost."""
    original = REPO / "corpus" / "004_7d0f52ada61fa29e.txt"
    new = tmp_path / "weekly.txt"
    new.write_text(original.read_text("utf-8").replace("Visible symptoms of chaos", "Visible symptoms of doubt"), "utf-8")
    (tmp_path / "weekly.yml").write_text("publisher: Example Weekly\nauthors: [Jane Doe]\n", "utf-8")
    result = run("add", str(new), root=project)
    assert result.returncode == 0, result.stderr
    [added] = [p for p in (project / "corpus").iterdir() if p.name.startswith("weekly-") and p.suffix == ".txt"]
    assert added.with_suffix(".yml").read_text("utf-8") == "publisher: Example Weekly\nauthors: [Jane Doe]\n"
    assert "Example Weekly" in result.stdout and "Jane Doe" in result.stdout

    broken = tmp_path / "broken.txt"
    broken.write_text(original.read_text("utf-8").replace("Visible symptoms of chaos", "Visible signs"), "utf-8")
    (tmp_path / "broken.yml").write_text("published: someday\n", "utf-8")
    refused = run("add", str(broken), root=project)
    assert refused.returncode == 1 and "published" in refused.stderr
    assert not [p for p in (project / "corpus").iterdir() if p.name.startswith("broken-")]


def test_removing_a_corpus_file_removes_its_page_and_mentions(project: Path):
    data = wiki(project)
    article = max(data["articles"], key=lambda a: sum(article_only(data, a["id"])))
    only_here = [e for e in data["entities"] if set(e["mentions"]) == {article["id"]}]
    assert len(only_here) >= 2, "the seed corpus should have entities only one article mentions"
    curated, plain = only_here[0], only_here[1]
    curated_page = project / "docs" / curated["path"]
    curated_page.write_text(curated_page.read_text("utf-8") + "\nKept: curated by hand.\n", "utf-8")

    (project / article["source"]).unlink()
    assert rebuild(project).ok

    assert not (project / "docs" / article["path"]).exists()
    assert not (project / "docs" / plain["path"]).exists()
    assert "Kept: curated by hand." in curated_page.read_text("utf-8")
    mentions = f"articles/{article['id']}.md"
    for page in (project / "docs").rglob("*.md"):
        assert mentions not in page.read_text("utf-8"), page
    after = wiki(project)
    assert article["id"] not in {a["id"] for a in after["articles"]}
    assert all(article["id"] not in e["mentions"] for e in after["entities"])


def test_an_edited_article_page_removed_with_its_file_is_set_aside_not_lost(project: Path):
    """Edit an article's page, then remove (or replace) its corpus file before committing: the page
    went, and the warning said the edits "remain in git history", where they never were."""
    data = wiki(project)
    article = data["articles"][0]
    page = project / "docs" / article["path"]
    edited = page.read_text("utf-8") + "\nA note written by hand, not yet committed.\n"
    page.write_text(edited, "utf-8")
    (project / article["source"]).unlink()
    result = rebuild(project, site=False)
    assert result.ok and not page.exists()
    kept = project / ".newswiki-cache" / "removed-pages" / article["path"]
    assert kept.read_text("utf-8") == edited
    [warning] = [w for w in result.warnings if w.startswith(article["path"])]
    assert f".newswiki-cache/removed-pages/{article['path']}" in warning and "git history" not in warning


def article_only(data: dict, article_id: str) -> list[int]:
    return [1 for e in data["entities"] if set(e["mentions"]) == {article_id}]


def test_renamed_article_keeps_its_old_url(project: Path):
    article = next(a for a in wiki(project)["articles"] if a["title"] == "Visible symptoms of chaos")
    page = project / "docs" / article["path"]
    insert_mid_body(page)
    source = project / article["source"]
    source.write_text(source.read_text("utf-8").replace("Visible symptoms of chaos", "Nothing has changed", 1), "utf-8")

    result = rebuild(project)
    assert result.ok
    renamed = next(a for a in wiki(project)["articles"] if a["source"] == article["source"])
    assert renamed["path"] != article["path"]
    assert any(w.startswith(f"{article['path']}: renamed to {renamed['path']}") for w in result.warnings), result.warnings
    assert any(w.startswith(f"{renamed['path']}: edited by hand; merged") for w in result.warnings), result.warnings
    assert INSERTED in (project / "docs" / renamed["path"]).read_text("utf-8"), "the edit moves with the page"
    assert not page.exists()
    redirects = (project / "docs" / docs_writer.REDIRECTS_PATH).read_text("utf-8")
    assert f"{article['path']}: {renamed['path']}" in redirects
    old_url = project / "site" / article["path"].removesuffix(".md") / "index.html"
    new_slug = renamed["path"].removesuffix(".md").split("/")[-1]
    assert new_slug in old_url.read_text("utf-8") and "refresh" in old_url.read_text("utf-8")
