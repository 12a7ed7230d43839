"""Everything a pull request can change is untrusted, not only corpus text (issue 17).

One test per attack of the red-team pass: the build's bookkeeping in docs/.newswiki/,
redirects.yml, symbolic links, oversized and oddly shaped files, YAML in front matter,
two builds at once, bad dates and fields in one file, reserved entity ids, and the smaller
items (damaged cache, `--check` crashing, `add` on a FIFO or a device, FIFOs and folders
named *.txt, co-occurrence pairs). Unit tests first; then one tampered project built twice
through the real CLI, and two builds started 2 s apart.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fcntl
import json
import os
import select
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newswiki import (
    add, cache, charts, curation, docs_writer, files, ingest, limits, metadata, ner, paths, pipeline, redirects,
    safe_yaml, site_view,
)
from newswiki.config import Config
from newswiki.frontmatter_check import validate_page
from newswiki.models import Article, Entity, Extraction, Mention, SourceFile
from newswiki.passes import analysis, publish
from newswiki.resolve import related
from tests.conftest import REPO, make_project
from tests.hostile_scan import scan_site

NEWSWIKI = Path(sys.executable).parent / "newswiki"
FIXTURES = REPO / "tests" / "fixtures" / "hostile"
GOOD = {p.name: p.read_text("utf-8") for p in sorted(FIXTURES.glob("good_*.txt"))}
XSS_TARGET = 'https://x"</script><script>alert(document.domain)</script>'
#: An alias bomb: nine levels of nine aliases each (9^9 strings once walked).
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)
#: A smaller bomb (5 levels) that the old page validator walked, slowly, and let through.
SMALL_BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(3)
)


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(NEWSWIKI), *args], capture_output=True, text=True, cwd=cwd)


# --- 1. one rule for paths ----------------------------------------------------------------------


@pytest.mark.parametrize("value", ["/etc/passwd", "../outside.md", "articles/../../x.md", "a//b.md", "./a.md",
                                   "a\\..\\b.md", "a\x00.md", "c:/x.md", "", "a/\n.md", None, 3])
def test_a_path_read_from_a_file_must_be_plain_and_relative(value):
    with pytest.raises(paths.UnsafePath, match="manifest.json"):
        paths.relative_path(value, "docs/.newswiki/manifest.json: page")


def test_a_path_through_a_symbolic_link_out_of_its_folder_is_refused(tmp_path: Path):
    docs = tmp_path / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "out").symlink_to(tmp_path)
    assert paths.inside(docs, "articles/a.md", "m") == docs.resolve() / "articles" / "a.md"
    with pytest.raises(paths.UnsafePath, match="leads out of docs/"):
        paths.inside(docs, "out/secret.md", "docs/.newswiki/manifest.json: page")


ARTICLE_PAGE = "---\ntitle: A\n---\n\n# A\n\nOne.\n"


def manifest(docs: Path, pages: dict[str, tuple[str, str]]) -> None:
    """docs/.newswiki/manifest.json recording pages: path -> (text it was generated with, identity)."""
    data = {"version": 2, "pages": {path: {"sha256": files.sha256(text), "identity": identity}
                                    for path, (text, identity) in pages.items()}}
    (docs / ".newswiki").mkdir(parents=True, exist_ok=True)
    (docs / ".newswiki" / "manifest.json").write_text(json.dumps(data))


def test_manifest_entries_out_of_docs_are_named_and_never_followed(tmp_path: Path):
    docs = tmp_path / "project" / "docs"
    docs.mkdir(parents=True)
    victim = tmp_path / "victim.md"  # what the build would delete: its hash says "unedited page"
    victim.write_text("precious\n")
    secret = tmp_path / "secret.md"  # what the build would copy into a published page
    secret.write_text("SECRET TEXT\n")
    state = docs / ".newswiki" / "base" / "x.md"
    state.parent.mkdir(parents=True)
    state.write_text("base\n")
    manifest(docs, {"../../victim.md": ("precious\n", "article:corpus/gone.txt"),
                    str(victim): ("precious\n", "article:corpus/gone.txt"),
                    "../../secret.md": ("old\n", "article:corpus/a.txt"),
                    ".newswiki/base/x.md": ("base\n", "article:corpus/gone.txt")})
    report = docs_writer.write_docs(docs, {"articles/a.md": ARTICLE_PAGE},
                                    {"articles/a.md": docs_writer.PageInfo("article:corpus/a.txt")})
    assert victim.read_text() == "precious\n" and secret.read_text() == "SECRET TEXT\n" and state.exists()
    assert "SECRET" not in (docs / "articles" / "a.md").read_text("utf-8")
    named = [p for p in report.problems if p.source == "docs/.newswiki/manifest.json"]
    assert len(named) == 4 and all("ignored" in p.message for p in named), report.problems
    assert any("'../../victim.md'" in p.message for p in named)
    saved = json.loads((docs / ".newswiki" / "manifest.json").read_text("utf-8"))["pages"]
    assert set(saved) == {"articles/a.md"}


def test_a_failing_files_page_and_hand_edits_are_kept(tmp_path: Path):
    docs = tmp_path / "docs"
    info = {"articles/a.md": docs_writer.PageInfo("article:corpus/a.txt")}
    docs_writer.write_docs(docs, {"articles/a.md": ARTICLE_PAGE}, info)
    (docs / "articles" / "a.md").write_text(ARTICLE_PAGE + "\nMy own note.\n")
    report = docs_writer.write_docs(docs, {}, {}, failed={"article:corpus/a.txt"})
    assert (docs / "articles" / "a.md").read_text("utf-8").endswith("My own note.\n")
    assert (docs / ".newswiki" / "base" / "articles" / "a.md").exists()
    assert report.site_view == {"articles/a.md": None} and not report.removed
    assert any("kept as they were" in w for w in report.warnings) and not any("removed" in w for w in report.warnings)
    assert "articles/a.md" in json.loads((docs / ".newswiki" / "manifest.json").read_text("utf-8"))["pages"]
    report = docs_writer.write_docs(docs, {}, {})  # the file itself removed: its page goes, as before
    assert not (docs / "articles" / "a.md").exists()


def test_a_page_that_is_not_utf8_is_named_and_kept(tmp_path: Path):
    docs = tmp_path / "docs"
    info = {"articles/a.md": docs_writer.PageInfo("article:corpus/a.txt")}
    docs_writer.write_docs(docs, {"articles/a.md": ARTICLE_PAGE}, info)
    edited = (ARTICLE_PAGE + "Caf\u00e9 au lait.\n").encode("cp1252")
    (docs / "articles" / "a.md").write_bytes(edited)
    report = docs_writer.write_docs(docs, {"articles/a.md": ARTICLE_PAGE.replace("One.", "Two.")}, info)
    assert (docs / "articles" / "a.md").read_bytes() == edited
    [problem] = report.problems
    assert problem.source == "docs/articles/a.md" and "not UTF-8" in problem.message
    assert report.site_view == {"articles/a.md": ARTICLE_PAGE.replace("One.", "Two.")}


def test_an_edited_page_with_bad_front_matter_is_kept_and_the_site_shows_the_generated_one(tmp_path: Path):
    docs = tmp_path / "docs"
    info = {"articles/a.md": docs_writer.PageInfo("article:corpus/a.txt")}
    docs_writer.write_docs(docs, {"articles/a.md": ARTICLE_PAGE}, info)
    edited = ARTICLE_PAGE.replace("title: A\n", "title: A\ntemplate: 42\n")
    (docs / "articles" / "a.md").write_text(edited)
    report = docs_writer.write_docs(docs, {"articles/a.md": ARTICLE_PAGE}, info)
    assert (docs / "articles" / "a.md").read_text("utf-8") == edited
    assert report.problems and "'template'" in report.problems[0].message
    assert report.site_view == {"articles/a.md": ARTICLE_PAGE}


def test_the_site_view_shows_pages_as_asked_and_puts_docs_back(tmp_path: Path):
    docs = tmp_path / "docs"
    (docs / "articles").mkdir(parents=True)
    (docs / "articles" / "a.md").write_text("mine a")
    (docs / "articles" / "b.md").write_text("mine b")
    before = {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    with site_view.shown_as(docs, {"articles/a.md": "generated a", "articles/b.md": None}):
        assert (docs / "articles" / "a.md").read_text() == "generated a" and not (docs / "articles" / "b.md").exists()
    assert {p: p.read_bytes() for p in docs.rglob("*") if p.is_file()} == before
    assert [p.name for p in docs.iterdir()] == ["articles"]


# --- 2. redirect pages --------------------------------------------------------------------------


def site_with_pages(tmp_path: Path) -> Path:
    site_dir = tmp_path / "site"
    for page in ("articles/new/index.html", "index.html"):
        (site_dir / page).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / page).write_text("<html></html>")
    return site_dir


def test_redirect_targets_are_checked_and_escaped(tmp_path: Path):
    site_dir = site_with_pages(tmp_path)
    problems = redirects.write_redirects(site_dir, {
        "articles/old.md": "articles/new.md",
        "articles/away.md": "https://example.org/a?b=1&c=2",
        "articles/evil.md": XSS_TARGET,
        "articles/js.md": "javascript:alert(1)",
        "articles/http.md": "http://example.org/",
        "articles/gone.md": "articles/missing.md",
    })
    old = (site_dir / "articles/old/index.html").read_text("utf-8")
    assert 'content="0; url=../new/"' in old and 'href="../new/"' in old
    assert 'href="https://example.org/a?b=1&amp;c=2"' in (site_dir / "articles/away/index.html").read_text("utf-8")
    for refused in ("evil", "js", "http", "gone"):
        assert not (site_dir / "articles" / refused).exists(), refused
        assert any(f"articles/{refused}.md" in p.message or f"articles/{refused}.md" in p.source for p in problems), refused
    assert scan_site_files(site_dir) == []


def scan_site_files(site_dir: Path) -> list[str]:
    """Script elements or event handlers in any page (the redirect pages have neither)."""
    found = []
    for page in site_dir.rglob("*.html"):
        text = page.read_text("utf-8").lower()
        if "<script" in text or "onerror" in text or "javascript:" in text:
            found.append(str(page))
    return found


@pytest.mark.parametrize("old", ["/tmp/newswiki-redirect-x.md", "../../outside.md", "articles/../../../x.md", "index.md"])
def test_redirect_pages_are_written_only_inside_site_and_never_over_a_page(tmp_path: Path, old: str):
    site_dir = site_with_pages(tmp_path)
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    problems = redirects.write_redirects(site_dir, {old: "articles/new.md"})
    assert problems and old in problems[0].message
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == before
    assert not Path("/tmp/newswiki-redirect-x/index.html").exists()


def test_the_redirects_plugin_is_gone():
    assert "redirects" not in (REPO / "mkdocs.yml").read_text("utf-8").split("plugins:")[1].split("\n\n")[0]
    assert "mkdocs-redirects" not in (REPO / "pyproject.toml").read_text("utf-8")


# --- 3. symbolic links --------------------------------------------------------------------------


def test_a_symbolic_link_among_the_corpus_files_is_that_files_error(tmp_path: Path):
    secret = tmp_path / "secret.txt"
    secret.write_text(GOOD["good_rail.txt"])
    root = make_project(tmp_path / "p", {"good_library.txt": GOOD["good_library.txt"]})
    (root / "corpus" / "linked.txt").symlink_to(secret)
    sources, problems = ingest.ingest(ingest.list_corpus(root / "corpus"), root, 5_000_000)
    assert [s.name for s in sources] == ["good_library.txt"]
    [problem] = problems
    assert problem.source == "corpus/linked.txt" and "symbolic link" in problem.message
    assert str(tmp_path) not in problem.source + problem.message  # the build path does not leak


def project_with_link(tmp_path: Path, where: str) -> Path:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text("# Secret\n")
    root = make_project(tmp_path / "p", {"good_library.txt": GOOD["good_library.txt"]})
    link = root / where
    if where in ("corpus", "docs"):
        shutil.rmtree(link)
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside / "secret.md" if where.endswith(".md") else outside)
    return root


def test_a_sidecar_that_is_a_symbolic_link_is_refused(tmp_path: Path):
    secret = tmp_path / "secret.yml"
    secret.write_text("title: The Secret Of The Build Machine\n")
    root = make_project(tmp_path / "p", {"good_rail.txt": GOOD["good_rail.txt"]})
    (root / "corpus" / "good_rail.yml").symlink_to(secret)
    config = Config.for_root(root)
    [source_file] = ingest.ingest(ingest.list_corpus(root / "corpus"), root, config.max_bytes)[0]
    with pytest.raises(metadata.SidecarError, match="corpus/good_rail.yml: a symbolic link") as err:
        analysis.source_sidecar(config, source_file)
    assert "Secret" not in str(err.value) and str(tmp_path) not in str(err.value)


@pytest.mark.parametrize("where", ["docs/articles/leak.md", "docs/assets", "docs"])
def test_a_symbolic_link_in_docs_stops_the_build_before_anything_is_written(tmp_path: Path, where: str):
    root = project_with_link(tmp_path, where)
    with pytest.raises(paths.UnsafePath, match="symbolic link") as err:
        pipeline.build(Config.for_root(root, workers=1))
    assert where in str(err.value) and str(tmp_path) not in str(err.value)
    assert not (root / "site").exists() and not (root / "docs.building").exists()
    assert not (tmp_path / "outside" / "index.md").exists() and not (tmp_path / "outside" / "articles").exists()


def test_a_symbolic_link_as_corpus_stops_the_build_with_exit_2(tmp_path: Path):
    root = project_with_link(tmp_path, "corpus")
    result = run("build", "--root", str(root), "--workers", "1")
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: symbolic links are not allowed") and "corpus" in result.stderr
    assert not (root / "site").exists() and not (root / "docs" / "index.md").exists()


# --- 4. cheap checks first ----------------------------------------------------------------------


def source(name: str, text: str, kind: str = "text") -> SourceFile:
    return SourceFile(source=f"corpus/{name}", name=name, kind=kind, text=text, sha256="0" * 64)


def test_a_five_mb_text_file_is_refused_when_read_before_any_stage(tmp_path: Path):
    sentence = "Anna Petrov met the council of Lyon on Tuesday to talk about the schools. "
    big = tmp_path / "big.txt"
    big.write_text("A Long Article\n\n" + "\n".join(f"{sentence * 5} ({n})" for n in range(13_000)))
    assert 4_900_000 < big.stat().st_size < 5 * 1024 * 1024
    with pytest.raises(ingest.IngestError, match="too long .* characters"):
        ingest.read_source(big, tmp_path, 5 * 1024 * 1024)


@pytest.mark.parametrize("shape, expected", [
    ("A Title\n\n" + "Some words here. " * 20 + ".,;:!?" * 2000 + "\n", "punctuation"),
    ("A Title\n\n" + "word " * 50_000 + "\n", "a line of"),
])
def test_oddly_shaped_text_is_refused_when_read(tmp_path: Path, shape: str, expected: str):
    path = tmp_path / "odd.txt"
    path.write_text(shape)
    with pytest.raises(ingest.IngestError, match=expected):
        ingest.read_source(path, tmp_path, 5 * 1024 * 1024)


def test_an_article_text_over_the_limit_never_reaches_ner(monkeypatch):
    seen: list[str] = []

    def spy(articles, model, workers=1):  # records what would go to spaCy (which this test does not need)
        articles = list(articles)
        seen.extend(a.extraction.source for a in articles)
        return {a.id: [] for a in articles}

    monkeypatch.setattr(ner, "find_mentions", spy)
    long_text = "An Article That Never Ends\n\n" + "".join(
        f"The council of Lyon met on day {n} to talk about the schools and the buses of the city.\n" for n in range(60)
    )
    inputs = [analysis.ArticleInput(source("long.txt", long_text), frozenset(), None),
              analysis.ArticleInput(source("short.txt", GOOD["good_rail.txt"]), frozenset(), None)]
    results = analysis.analyse(inputs, Config.for_root(REPO).spacy_model, max_body_chars=3_000)
    assert "too long" in results[0].message and results[0].source == "corpus/long.txt"
    assert seen == ["corpus/short.txt"]


def test_an_article_of_too_many_words_and_signs_never_reaches_ner():
    ex = Extraction(source="corpus/x.html", title="X", authors=(), published=None, publisher=None, url=None,
                    body="a.b " * 20_000 + "\n")
    assert len(ex.body) < 100_000
    problem = analysis.fit_for_ner(ex, max_body_chars=100_000)
    assert problem.source == "corpus/x.html" and "words and signs" in problem.message
    prose = dataclasses.replace(ex, body="The council met in Lyon on Tuesday. " * 2000)
    assert analysis.fit_for_ner(prose, max_body_chars=100_000) is prose


def test_the_text_ner_reads_has_no_long_run_and_keeps_its_offsets():
    text = "Anna Petrov spoke. " + ".,;:!?" * 500 + " Then Boris Novak replied in Lyon. " + "ab," * 100 + "\n"
    safe = limits.ner_text(text)
    assert len(safe) == len(text) and ".,;:!?" not in safe
    assert max(len(run) for run in safe.split()) <= limits.MAX_TOKEN_CHARS
    assert safe[:19] == text[:19] and " Then Boris Novak replied in Lyon. " in safe


def test_ner_reads_no_long_run_and_names_keep_their_text(monkeypatch):
    from newswiki import ner
    from newswiki.markdown import plain_text
    from newswiki.models import Article, Extraction

    model = Config.for_root(REPO).spacy_model
    real = ner.load_model(model)
    seen: list[str] = []

    class Recording:  # the real model; only what it is given is noted
        def pipe(self, texts, **options):
            texts = list(texts)
            seen.extend(texts)
            return real.pipe(texts, **options)

    monkeypatch.setattr(ner, "load_model", lambda name: Recording())
    body = (GOOD["good_rail.txt"].split("\n\n", 1)[1] + "\n\nThe minister said " + "\\.,;:!?" * 300
            + " and then Boris Novak replied in Vienna on Friday.\n")
    article = Article(id="a", sha256="0", extraction=Extraction(
        source="corpus/a.txt", title="A", authors=(), published=None, publisher=None, url=None, body=body))
    found = ner.find_mentions([article], model)["a"]
    assert seen and max(len(run) for run in seen[0].split()) <= limits.MAX_TOKEN_CHARS
    text = plain_text(body)
    assert all(m.text == text[m.start : m.end] for m in found)
    assert "Boris Novak" in {m.text for m in found}


# --- 5. YAML: every reader through safe_yaml ----------------------------------------------------


def test_an_alias_bomb_in_page_front_matter_is_refused_with_its_line():
    [problem] = validate_page("docs/articles/a.md", f"---\ntitle: A\n{SMALL_BOMB.replace('a: &a', 'x: &a')}---\nText\n", "article")
    assert problem.source == "docs/articles/a.md:6" and "aliases" in problem.message
    [problem] = validate_page("docs/articles/a.md", f"---\ntitle: A\n{BOMB}---\nText\n", "article")
    assert "more than" in problem.message


@pytest.mark.parametrize("date, words", [("2023-02-30", "not a real date"), ("0000-00-00", "not a real date"),
                                         ("2200-01-01", "from 1900-01-01 to 2100-12-31"), ("0001-01-01", "to 2100-12-31")])
def test_an_edited_pages_impossible_date_is_named_at_the_field(date: str, words: str):
    [problem] = validate_page("docs/articles/a.md", f"---\ntitle: A\npublished: {date}\n---\nText\n", "article")
    assert problem.source == "docs/articles/a.md:3" and "'published'" in problem.message and words in problem.message


def test_safe_yaml_names_the_line_of_a_date_that_does_not_exist():
    with pytest.raises(safe_yaml.YamlError, match=r"x.yml: line 2: '2023-02-30' is not a real date"):
        safe_yaml.load("title: T\npublished: 2023-02-30\n", "x.yml")


# --- 7. dates outside what every stage can write --------------------------------------------------


@pytest.mark.parametrize("date, words", [("2200-01-01", "outside the dates"), ("0001-01-01", "outside the dates"),
                                         ("0000-00-00", "line 1: '0000-00-00' is not a real date"),
                                         ("99999-01-01", "expected a day written YYYY-MM-DD, 1900-01-01 to 2100-12-31")])
def test_a_sidecar_date_the_site_cannot_write_is_refused_at_the_field(tmp_path: Path, date: str, words: str):
    path = tmp_path / "x.yml"
    path.write_text(f"published: {date}\n")
    with pytest.raises(metadata.SidecarError, match=words) as err:
        metadata.load_sidecar(path, "corpus/x.yml")
    assert "corpus/x.yml" in str(err.value) and ("published" in str(err.value) or "line 1" in str(err.value))


def test_the_oldest_and_newest_dates_allowed_can_be_written_by_every_stage(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    articles = [Article(id=n, sha256="0", extraction=Extraction(
        source=f"corpus/{n}.txt", title=n, authors=(), published=day, publisher=None, url=None, body="x\n"))
        for n, day in (("old", limits.EARLIEST_DATE), ("new", limits.LATEST_DATE))]
    epoch = publish.build_date(articles[1:])
    assert 0 <= epoch < 2**32  # the gzipped sitemap's timestamp
    assert publish.build_date(articles[:1]) == 0


# --- 9. entity ids ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name, expected", [("INDEX", "index-page"), ("CON", "con-page"), ("Nul", "nul-page"),
                                            ("COM1", "com1-page"), ("Belarus", "belarus")])
def test_entity_ids_never_take_a_reserved_name(name: str, expected: str):
    from newswiki.resolve.pages import unique_slug

    assert unique_slug(name, set()) == expected


# --- 8. smaller items -----------------------------------------------------------------------------


def test_a_damaged_cache_is_rebuilt_with_a_warning(tmp_path: Path, caplog):
    with cache.PageCache(tmp_path) as store:
        store.put_many({f"k{n}": "x" * 1000 for n in range(2000)})
    data = bytearray((tmp_path / cache.CACHE_FILE).read_bytes())
    for offset in (4096 * 3, 4096 * 50, 4096 * 200):
        data[offset : offset + 2000] = bytes(range(250)) * 8
    (tmp_path / cache.CACHE_FILE).write_bytes(bytes(data))
    with cache.PageCache(tmp_path) as store:
        found = store.get_many([f"k{n}" for n in range(2000)])
        store.put_many({"new": "page"})
        store.prune()
        assert store.get("new") == "page"
    assert len(found) < 2000
    assert "could not be read" in caplog.text and "rebuilt" in caplog.text
    assert sqlite3.connect(tmp_path / cache.CACHE_FILE).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_crashing_check_does_not_exit_as_stale(monkeypatch, tmp_path: Path):
    from typer.testing import CliRunner

    from newswiki import check, cli

    def crash(*args, **kwargs):
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(check, "check_docs", crash)
    result = CliRunner().invoke(cli.app, ["build", "--check", "--root", str(make_project(tmp_path / "p"))])
    assert result.exit_code == 2, result.output
    assert "check failed: RuntimeError: simulated crash" in result.output


def test_add_refuses_a_fifo_and_a_device_at_once(tmp_path: Path):
    root = make_project(tmp_path / "p")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    device = tmp_path / "zero.txt"
    device.symlink_to("/dev/zero")
    config = Config.for_root(root)
    for path in (fifo, device):
        added = add.add_file(path, config)
        assert added.target is None and "not a regular file" in added.problem, added
    assert list((root / "corpus").iterdir()) == []


def test_fifos_and_folders_named_like_articles_are_reported(tmp_path: Path):
    root = make_project(tmp_path / "p", {"good_rail.txt": GOOD["good_rail.txt"]})
    os.mkfifo(root / "corpus" / "pipe.txt")
    (root / "corpus" / "folder.txt").mkdir()
    (root / "corpus" / "notes").mkdir()  # a plain folder: not a corpus file, not reported
    sources, problems = ingest.ingest(ingest.list_corpus(root / "corpus"), root, 5_000_000)
    assert [s.name for s in sources] == ["good_rail.txt"]
    assert {(p.source, p.message) for p in problems} == {
        ("corpus/folder.txt", "cannot read: a folder, not a file"),
        ("corpus/pipe.txt", "cannot read: not a regular file (a FIFO, socket or device)"),
    }


def test_cooccurrence_pairs_grow_linearly_past_the_cap():
    # Related entities (and the graph's edges) come from sentences naming them together: a crafted
    # sentence naming 2,000 entities pairs only the first PAIRED_PER_SENTENCE of them.
    crowd = [Mention("a", f"E{n}", "PERSON", n, n + 1, "one long sentence") for n in range(2000)]
    crowd.append(Mention("a", "Other", "PERSON", 5000, 5005, "another sentence"))
    entity_of = {("a", n): f"e{n:04}" for n in range(2000)} | {("a", 5000): "other"}
    pairs = charts.cooccurrence(related.related_entities({"a": crowd}, entity_of))
    assert 0 < len(pairs) <= related.PAIRED_PER_SENTENCE * related.RELATED_LIMIT
    few = related.related_entities({"a": crowd[:2] + crowd[-1:]}, entity_of)
    assert few["e0000"] == (("e0001", 1),) and "other" not in few


def test_curation_problems_stay_with_their_file(tmp_path: Path):
    folder = tmp_path / "docs" / "entities"
    folder.mkdir(parents=True)
    (folder / "good.md").write_text("---\naliases: [Goody]\n---\n")
    (folder / "bom.md").write_text("\ufeff---\ntype: place\n---\n", encoding="utf-8")
    (folder / "Not A Slug.md").write_text("---\naliases: [Other]\n---\n")
    (folder / "many.md").write_text("---\naliases: [" + ", ".join(f"N{n}" for n in range(1_500)) + "]\n---\n")
    (folder / "cp1252.md").write_bytes("---\naliases: [Caf\u00e9]\n---\n".encode("cp1252"))
    (folder / "broken.md").write_text("---\naliases: [unclosed\n---\n")
    found, problems = curation.load_per_file(tmp_path / "docs", {})
    assert set(found.entities) == {"good", "bom"} and found.entities["bom"].type == "place"
    named = {p.source.rsplit("/", 1)[-1]: p.message for p in problems}
    assert set(named) == {"Not A Slug.md", "many.md", "cp1252.md", "broken.md"}
    assert "not an entity id" in named["Not A Slug.md"] and "at most 1,000" in named["many.md"]
    assert "UTF-8" in named["cp1252.md"] and "not valid YAML" in named["broken.md"]
    assert all("not used" in message for message in named.values())


# --- through the CLI: a tampered project, and two builds at once ----------------------------------


@pytest.fixture(scope="module")
def tampered(tmp_path_factory):
    """A project built once, then changed the way a hostile pull request could, and built again."""
    root = make_project(tmp_path_factory.mktemp("tampered") / "project", GOOD)
    first = run("build", "--root", str(root), "--workers", "1")
    assert first.returncode == 0, first.stderr
    docs = root / "docs"
    wiki = json.loads((root / "site" / "wiki.json").read_text("utf-8"))
    pages = {a["source"].removeprefix("corpus/"): a for a in wiki["articles"]}
    rail, library, harbour = pages["good_rail.txt"], pages["good_library.txt"], pages["good_harbour.txt"]
    (docs / ".newswiki" / "redirects.yml").write_text(
        f"articles/evil.md: '{XSS_TARGET}'\n/tmp/newswiki-tampered.md: {rail['path']}\n"
        f"../../escaped.md: {rail['path']}\narticles/gone-away.md: {rail['path']}\n")
    victim = root.parent / "victim.md"  # recorded as an unedited page: the old build deleted it
    victim.write_text("precious\n")
    state = json.loads((docs / ".newswiki" / "manifest.json").read_text("utf-8"))
    state["pages"]["../victim.md"] = {"sha256": files.sha256("precious\n"), "identity": "article:corpus/gone.txt"}
    (docs / ".newswiki" / "manifest.json").write_text(json.dumps(state))
    edit = docs / rail["path"]
    edit.write_text(edit.read_text("utf-8").replace("---\n", f"---\n{BOMB}", 1))
    edit = docs / library["path"]
    edit.write_text(edit.read_text("utf-8").replace("---\n", "---\npublished: 2023-02-30\ntemplate: nope.html\n", 1))
    edit = docs / harbour["path"]
    edit.write_text(edit.read_text("utf-8") + "\nA note of mine.\n")
    (root / "corpus" / "good_harbour.yml").write_text("published: 2200-01-01\n")
    result = run("build", "--root", str(root), "--workers", "1")
    return root, result, rail, library, harbour


def test_tampered_project_builds_with_each_problem_named(tampered):
    root, result, rail, library, _ = tampered
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error ")]
    assert any(line.startswith(f"error docs/{rail['path']}:") and "aliases" in line for line in errors), errors
    assert any(line.startswith(f"error docs/{library['path']}:") and "'published'" in line for line in errors), errors
    assert any(line.startswith(f"error docs/{library['path']}:") and "'template'" in line for line in errors), errors
    assert any(line.startswith("error corpus/good_harbour.txt: corpus/good_harbour.yml: field published") for line in errors), errors
    assert (root / "site" / "index.html").exists()
    for page in (rail, library):  # shown as generated; docs/ keeps the edits
        assert (root / "site" / page["path"].removesuffix(".md") / "index.html").exists()
    assert "template: nope.html" in (root / "docs" / library["path"]).read_text("utf-8")


def test_tampered_manifest_deletes_nothing_outside_docs(tampered):
    root, result, *_ = tampered
    assert (root.parent / "victim.md").read_text() == "precious\n"
    assert "error docs/.newswiki/manifest.json: entry '../victim.md'" in result.stderr
    assert "../victim.md" not in (root / "docs" / ".newswiki" / "manifest.json").read_text("utf-8")


def test_a_failing_file_keeps_its_page_and_hand_edits(tampered):
    root, result, _, _, harbour = tampered
    page = root / "docs" / harbour["path"]
    assert page.read_text("utf-8").endswith("A note of mine.\n")
    assert f"warning {harbour['path']}: its corpus file has errors in this build" in result.stderr
    assert "removed with its corpus file" not in result.stderr
    assert not (root / "site" / harbour["path"].removesuffix(".md")).exists()


def test_tampered_redirects_write_nothing_active_and_nothing_outside(tampered):
    root, result, rail, *_ = tampered
    assert not Path("/tmp/newswiki-tampered/index.html").exists() and not Path("/tmp/newswiki-tampered.md").exists()
    assert not (root.parent / "escaped").exists() and not (root / "escaped").exists()
    assert not (root / "site" / "articles" / "evil").exists()
    assert "error docs/.newswiki/redirects.yml: entry 'articles/evil.md'" in result.stderr
    gone = (root / "site" / "articles" / "gone-away" / "index.html").read_text("utf-8")
    assert rail["id"] in gone
    assert scan_site(root / "site") == []


def test_a_build_waits_while_another_holds_the_lock_and_says_so(tmp_path: Path):
    """Whether two real builds overlap depends on the machine's speed (a fast one finishes the first
    before the second reaches the lock), so here the test holds the lock the way a build does."""
    root = make_project(tmp_path / "p", GOOD)
    cache = root / ".newswiki-cache"
    cache.mkdir()
    fd = os.open(cache / "build.lock", os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        command = [str(NEWSWIKI), "build", "--root", str(root), "--workers", "1"]
        waiting = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # Released only once the build says it waits (a fixed sleep let a slow start, on a loaded
        # machine, reach the lock after it was released); the deadline keeps a silent build from hanging.
        said = _stderr_until(waiting, "waiting for it to finish", deadline=time.monotonic() + 300)
        assert waiting.poll() is None
        assert not (root / "site").exists()
    finally:
        os.close(fd)
    _, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, said + err
    assert "waiting for it to finish" in said
    assert (root / "site" / "index.html").exists()


def _stderr_until(process: subprocess.Popen, wanted: str, deadline: float) -> str:
    """What the process wrote to stderr up to the line holding wanted (or its end, or the deadline)."""
    said = ""
    while wanted not in said and time.monotonic() < deadline:
        ready, _, _ = select.select([process.stderr], [], [], max(0.0, deadline - time.monotonic()))
        line = process.stderr.readline() if ready else ""
        if not line:
            break
        said += line
    return said


def test_two_builds_started_two_seconds_apart_leave_a_complete_site(tmp_path: Path):
    root = make_project(tmp_path / "p", GOOD)
    command = [str(NEWSWIKI), "build", "--root", str(root), "--workers", "1"]
    first = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(2)
    second = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    outputs = [process.communicate(timeout=300) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outputs
    wiki = json.loads((root / "site" / "wiki.json").read_text("utf-8"))
    assert len(wiki["articles"]) == len(GOOD)
    for article in wiki["articles"]:
        assert (root / "site" / "articles" / article["id"] / "index.html").exists()
    assert (root / "site" / "index.html").exists() and (root / "site" / "404.html").exists()
    assert not [p.name for p in root.iterdir() if p.name.endswith((".building", ".old"))]
