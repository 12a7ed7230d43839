"""A hostile corpus builds: good articles all there, every bad file named, nothing active in site/.

tests/fixtures/hostile/ holds the small text fixtures; the big and binary ones are
made here at run time. The corpus is built once (module fixture) through the real CLI.
"""

from __future__ import annotations

import codecs
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import lxml.html
import pytest

from newswiki import sanitize, site, slugs
from tests.conftest import REPO, make_project
from tests.hostile_scan import scan_html_fragment, scan_site
from newswiki.markdown import escape_inline

NEWSWIKI = Path(sys.executable).parent / "newswiki"
FIXTURES = REPO / "tests" / "fixtures" / "hostile"
TWENTY_MB = 20 * 1024 * 1024

#: file -> words the one error line for it must contain
BAD_FILES = {
    "empty.txt": "empty",
    "whitespace.txt": "whitespace",
    "notes.docx": "unknown file type",
    "image.txt": "PNG image",
    "nul_bytes.txt": "NUL byte",
    "huge.txt": "too large",
    "too_long.txt": "article text too long",
    "template_syntax.txt": "template_syntax.yml: line 1: could not determine a constructor",  # its sidecar
    "bomb.txt": "bomb.yml: line",  # its sidecar: an alias bomb
}
#: files that are decoded, with a warning naming the problem
WARNED_FILES = {"utf16.txt": "UTF-16", "stray_bytes.txt": "invalid UTF-8", "legacy.txt": "not valid UTF-8"}
LONG_TITLE = ("Extremely Long Headline About The Regional Council Budget Debate " * 8)[:500]


def prose(topic: str) -> str:
    """Three lines of article text about topic (unique per file: lines repeated across the
    corpus are site furniture to the cleaner)."""
    return (
        f"The regional council met on Tuesday in Lyon to debate {topic}, and the mayor of Lyon "
        f"said the city would keep its libraries open on Sundays whatever the outcome.\n"
        f"Teachers from Grenoble asked the council about {topic} as well, and the council promised "
        f"a decision on the new gymnasiums before the end of the spring session.\n"
        f"Bus drivers in Lyon said {topic} mattered less to them than the forty electric buses, which "
        f"the transport authority said would run on the busiest lines from next September.\n"
    )


def generated_files() -> dict[str, bytes]:
    return {
        "image.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
        "nul_bytes.txt": b"Looks like text at first\n" + b"\x00\x01\x02\x03" * 200,
        "huge.txt": (b"All work and no play makes a very long article. " * 22) [:1000] * (TWENTY_MB // 1000 + 1),
        "utf16.txt": codecs.BOM_UTF16_LE + ("Berlin Opens New Airport Terminal\n\n" + prose("the new airport terminal")).encode("utf-16-le"),
        "stray_bytes.txt": ("Caf\u00e9 Owners In Lyon Protest\n\n" + prose("the caf\u00e9 owners' protest").replace("mayor", "ma\u00eftre M\u00fcller"))
        .encode("utf-8")[:-20] + b"\xff" + b" end.\n",
        "legacy.txt": ("Caf\u00e9 Prices Rise In Lyon\n\n" + prose("caf\u00e9 prices").replace("council", "conseil r\u00e9gional")).encode("cp1252"),
        "control_chars.txt": ("Control\x07 Characters\x1b[31m In A Headline\n\n" + prose("control characters")).encode("utf-8"),
        "long_title.txt": (LONG_TITLE + "\n\n" + prose("very long headlines")).encode("utf-8"),
        # under the 5 MB file limit, over the 200,000-character article limit
        "too_long.txt": ("An Article That Never Ends\n\n" + "".join(
            prose(f"budget line {n}") for n in range(500)
        )).encode("utf-8"),
        # one 150,000-character line, 30,000 of them without a space
        "no_spaces.txt": ("A Line Without Spaces\n\n" + prose("long lines") + prose("a line without spaces").replace("\n", " ") * 100 + "x" * 30_000 + " "
                          + prose("the end of the line").replace("\n", " ") * 100 + "\n" + prose("spaces")).encode("utf-8"),
        "bomb.txt": prose("alias bombs").encode("utf-8"),
        "bomb.yml": ("a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
        )).encode("utf-8"),
        "control_chars.yml": "title: \"Control\\a Characters\\e[31m In A Headline\"\n".encode("utf-8"),
        "long_title.yml": f"title: {LONG_TITLE}\n".encode("utf-8"),
        # many names in one file: every stage must stay about linear
        "many_names.txt": ("A Long List Of Names\n\n" + "\n".join(
            f"{first} {last} met the mayor of {city} on Tuesday to talk about the schools and the new railway line."
            for first in ("Anna", "Boris", "Clara", "David", "Elena", "Frank")
            for last in ("Petrov", "Novak", "Kowalski", "Meyer", "Rossi", "Dubois", "Larsen", "Horvat")
            for city in ("Lyon", "Graz", "Turku", "Brno", "Split")
        ) + "\n").encode("utf-8"),
    }


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("hostile") / "project")
    for path in sorted(FIXTURES.iterdir()):
        shutil.copy(path, root / "corpus" / path.name)
    for name, data in generated_files().items():
        (root / "corpus" / name).write_bytes(data)
    env = dict(os.environ, PYTHONHASHSEED="12345", COLUMNS="60")
    result = subprocess.run(
        [str(NEWSWIKI), "build", "--root", str(root), "--workers", "1"], capture_output=True, text=True, env=env
    )
    return root, result


def wiki(root: Path) -> dict:
    return json.loads((root / "site" / "wiki.json").read_text("utf-8"))


def article_by_source(root: Path, name: str) -> dict:
    matches = [a for a in wiki(root)["articles"] if a["source"] == f"corpus/{name}"]
    assert len(matches) == 1, (name, [a["source"] for a in wiki(root)["articles"]])
    return matches[0]


def page(root: Path, article: dict):
    return lxml.html.parse(str(root / "site" / "articles" / article["id"] / "index.html")).getroot()


def test_exit_code_says_some_files_had_errors(hostile):
    root, result = hostile
    assert result.returncode == 1, result.stderr
    assert (root / "site" / "index.html").exists()


def test_every_bad_file_is_named_once_on_one_line(hostile):
    _, result = hostile
    lines = result.stderr.splitlines()
    for name, reason in BAD_FILES.items():
        mine = [line for line in lines if f"corpus/{name}:" in line]
        assert len(mine) == 1, (name, mine)
        assert mine[0].startswith(f"error corpus/{name}: ") and reason in mine[0], mine[0]
    for name, reason in WARNED_FILES.items():
        assert any(line.startswith(f"warning corpus/{name}: ") and reason in line for line in lines), name


def test_problems_are_listed_at_the_end_of_the_build(hostile):
    _, result = hostile
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[-1].startswith("built ") and f"{len(BAD_FILES)} errors" in lines[-1], lines[-1]
    problem_lines = [i for i, line in enumerate(lines) if line.startswith(("error ", "warning "))]
    assert problem_lines == list(range(len(lines) - 1 - len(problem_lines), len(lines) - 1))


def test_every_good_file_became_an_article(hostile):
    root, result = hostile
    assert "no article text found" not in result.stderr
    sources = {a["source"] for a in wiki(root)["articles"]}
    good = {f"corpus/{p.name}" for p in FIXTURES.iterdir() if p.name not in BAD_FILES and p.suffix != ".yml"}
    good |= {f"corpus/{name}" for name in generated_files() if name not in BAD_FILES and not name.endswith(".yml")}
    assert sources == good
    for article in wiki(root)["articles"]:
        assert (root / "docs" / article["path"]).exists()
        assert (root / "site" / "articles" / article["id"] / "index.html").exists()


def test_pathological_lines_and_many_names_build(hostile):
    root, _ = hostile
    no_spaces = article_by_source(root, "no_spaces.txt")
    markdown = (root / "docs" / no_spaces["path"]).read_text("utf-8")
    # (render may add a few entity links to a line after it was broken)
    assert max(len(line) for line in markdown.split("\n")) <= sanitize.MAX_LINE_CHARS * 1.1
    assert page(root, no_spaces).text_content().count("x" * 1000) >= 25  # the text is all there
    names = article_by_source(root, "many_names.txt")
    linked = {e["name"] for e in wiki(root)["entities"] if names["id"] in e["mentions"]}
    assert len(linked) >= 20, linked


def test_build_failure_exits_2(tmp_path):
    root = make_project(tmp_path / "p", {"a.txt": (FIXTURES / "good_rail.txt").read_text("utf-8")})
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8") + "\nnot_an_option: [\n")
    result = subprocess.run([str(NEWSWIKI), "build", "--root", str(root)], capture_output=True, text=True)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: ") and "mkdocs" in result.stderr.lower()
    assert not (root / "site").exists() and (root / "docs").is_dir()


def test_no_active_html_anywhere_in_the_site(hostile):
    root, _ = hostile
    assert scan_site(root / "site") == []


def test_the_scan_finds_active_html(tmp_path):
    """The scanner is not blind: a page with the payloads in it is flagged."""
    site_dir = tmp_path / "site"
    site_dir.mkdir()
    (site_dir / "404.html").write_text("<html><head><script>var x=1</script></head><body></body></html>")
    (site_dir / "evil.html").write_text(
        '<html><head><title>t</title></head><body><div class="md-content"><script>alert(1)</script>'
        '<img src=x onerror=alert(2)><a href=" JaVaScRiPt:alert(3)">x</a><svg><use href="#x"/></svg></div></body></html>'
    )
    findings = scan_site(site_dir)
    assert len(findings) == 4, findings
    for kind in ("<script>", "event handler", "active URL", "<use> in page content"):
        assert any(kind in finding for finding in findings), kind


def test_hostile_text_is_shown_as_text_not_lost(hostile):
    root, _ = hostile
    text = page(root, article_by_source(root, "script_in_text.txt")).text_content()
    assert '<iframe src="https://evil.example/"></iframe>' in text
    assert "<svg onload=alert(9)>" in text
    assert "[the documents](javascript:alert(4))" in text
    assert not Path("/tmp/newswiki-pwned").exists()  # the sidecar's Python tag did not run
    html_page = page(root, article_by_source(root, "hostile_page.html")).text_content()
    assert "<script>alert(28)</script>" in html_page
    assert "[click](javascript:alert(30))" in html_page


def test_titles_are_text_in_title_header_and_h1(hostile):
    root, _ = hostile
    article = article_by_source(root, "script_in_text.txt")
    assert article["title"].startswith('<script>alert("title")</script>')
    doc = page(root, article)
    assert doc.findtext(".//title").startswith('<script>alert("title")</script> Minister')
    h1 = doc.find(".//article//h1")
    assert h1.text_content().startswith('<script>alert("title")</script> Minister')
    topic = doc.find_class("md-header__topic")[-1]
    assert '<img src=x onerror=alert(1)>' in topic.text_content()


def test_markdown_accidents_stay_text(hostile):
    root, _ = hostile
    doc = page(root, article_by_source(root, "markdown_accidents.txt"))
    content = doc.find_class("md-content")[0]
    for provenance in content.find_class("nw-provenance"):  # the build's own note (source file in <code>)
        provenance.drop_tree()
    assert len(content.findall(".//h1")) == 1
    for tag in ("table", "pre", "code", "blockquote", "ol", "hr"):
        assert content.findall(f".//{tag}") == [], tag
    text = content.text_content()
    # every accident line that cleaning kept as article text shows as the text it was
    markdown = (root / "docs" / article_by_source(root, "markdown_accidents.txt")["path"]).read_text("utf-8")
    kept = [line for line in (FIXTURES / "markdown_accidents.txt").read_text("utf-8").splitlines()[6:]
            if escape_inline(line) in markdown]
    assert len(kept) >= 5, kept
    for line in kept:
        assert " ".join(line.split()) in " ".join(text.split()), line


def test_slugs_are_safe_readable_and_distinct(hostile):
    root, _ = hostile
    ids = {a["source"]: a["id"] for a in wiki(root)["articles"]}
    assert all(slugs.is_safe_slug(i) for i in ids.values()), ids
    assert len(set(ids.values())) == len(ids)
    assert ids["corpus/cyrillic_title.txt"] == "novosti-dnya-v-minske"
    assert ids["corpus/same_title_a.txt"] != ids["corpus/same_title_b.txt"]
    assert ids["corpus/path_title.txt"].startswith("etc-passwd")
    assert len(ids["corpus/long_title.txt"]) <= slugs.SLUG_MAX_LENGTH
    assert ids["corpus/control_chars.txt"].startswith("control")


def test_nothing_written_outside_docs_site_and_cache(hostile):
    root, _ = hostile
    allowed = {"corpus", "docs", "site", ".newswiki-cache", "mkdocs.yml", "overrides", "docs_assets"}
    assert {p.name for p in root.iterdir()} <= allowed
    assert not list(root.parent.glob("*.building")) and not list(root.glob("*.old"))


def test_second_wall_strips_raw_html_that_reaches_a_corpus_page(project):
    """If escaping is ever forgotten (or a hand edit adds raw HTML), nh3 still removes it."""
    root = project()
    docs = root / "docs"
    (docs / "articles").mkdir()
    (docs / "entities").mkdir()
    (docs / "index.md").write_text("# Home\n\n[a](articles/evil.md) [e](entities/evil.md)\n")
    (docs / "articles" / "index.md").write_text("# Articles\n")
    (docs / "entities" / "index.md").write_text("# Entities\n")
    evil = (
        "---\ntitle: '<script>alert(\"t\")</script><img src=x onerror=alert(0)>Evil'\n---\n\n"
        "# Evil <img src=x onerror=alert(1)>\n\n<script>alert(2)</script>\n\n"
        '<a href="javascript:alert(3)">x</a> <iframe src="https://e.example"></iframe>\n\n'
        '<div onclick="alert(4)" style="position:fixed">y</div> [z](javascript:alert(5))\n\n'
        '<a href="https://example.org/">fine</a> <a href="../../entities/evil/">relative</a>\n'
    )
    (docs / "articles" / "evil.md").write_text(evil)
    (docs / "entities" / "evil.md").write_text(evil.replace("Evil", "Entity"))
    (docs / "about.md").write_text('# About\n\n<span style="color:red">contributors keep HTML</span>\n')
    site.build_site(root, root / "site", {}, strict=False)
    findings = scan_site(root / "site")
    assert findings and all("/about/" in finding and "style" in finding for finding in findings), findings
    html = (root / "site" / "articles" / "evil" / "index.html").read_text("utf-8")
    assert 'href="https://example.org/"' in html and 'href="../../entities/evil/"' in html
    # <title> is text to a browser, whatever it holds; it is written back escaped, with no child elements.
    assert '<title>&lt;script&gt;alert("t")&lt;/script&gt;&lt;img src=x onerror=alert(0)&gt;Evil - newswiki</title>' in html
    assert '<span style="color:red">' in (root / "site" / "about" / "index.html").read_text("utf-8")


def test_sanitised_fragment_keeps_wiki_markup():
    markup = (
        '<h2 id="x">Head<a class="headerlink" href="#x" title="Permanent link">&para;</a></h2>'
        '<div class="nw-byline"><p><strong>Pub</strong> · <a href="https://e.org/">original</a></p></div>'
        '<p>t<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
        '<ul><li><a href="../entities/x/">X</a></li></ul><blockquote><p>q</p></blockquote>'
    )
    cleaned = sanitize.clean_fragment(markup)
    assert lxml.html.fromstring(cleaned).text_content() == lxml.html.fromstring(markup).text_content()
    for kept in ('class="headerlink"', 'id="fnref:1"', 'href="#fn:1"', 'class="nw-byline"', 'href="../entities/x/"'):
        assert kept in cleaned
    assert scan_html_fragment(sanitize.clean_fragment('<p onclick="x">a</p><a href="javascript:x">b</a>')) == []


# --- atomic output ------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_killed_build_leaves_previous_docs_and_site_whole(tmp_path):
    good = {p.name: p.read_text("utf-8") for p in FIXTURES.glob("good_*.txt")}
    root = make_project(tmp_path / "p", good)
    env = dict(os.environ)
    command = [str(NEWSWIKI), "build", "--root", str(root), "--workers", "1"]
    first = subprocess.run(command, capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    before = {"docs": snapshot(root / "docs"), "site": snapshot(root / "site")}
    removed = json.loads((root / "site" / "wiki.json").read_text("utf-8"))["articles"][0]
    (root / "corpus" / Path(removed["source"]).name).unlink()
    (root / "corpus" / "extra.txt").write_text((FIXTURES / "path_title.txt").read_text("utf-8"))

    states = []
    for delay in (1.0, 2.5, 4.0):
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        site.recover(root / "docs")  # what the next build does first
        site.recover(root / "site")
        states.append({"docs": snapshot(root / "docs"), "site": snapshot(root / "site")})
    last = subprocess.run(command, capture_output=True, text=True, env=env)
    assert last.returncode == 0, last.stderr
    after = {"docs": snapshot(root / "docs"), "site": snapshot(root / "site")}
    assert before != after
    for state in states:
        for folder in ("docs", "site"):
            assert state[folder] in (before[folder], after[folder]), folder

    # the removed corpus file left no stale page behind
    assert not (root / "docs" / removed["path"]).exists()
    assert not (root / "site" / "articles" / removed["id"]).exists()
    assert removed["id"] not in (root / "site" / "search" / "search_index.json").read_text("utf-8")


def test_interrupted_swap_is_recovered(tmp_path):
    target = tmp_path / "docs"
    old = tmp_path / "docs.old"
    old.mkdir()
    (old / "page.md").write_text("previous")
    (tmp_path / "docs.building").mkdir()
    site.recover(target)
    assert (target / "page.md").read_text() == "previous"
    assert not old.exists() and not (tmp_path / "docs.building").exists()


def test_failing_site_build_leaves_docs_and_site_untouched(tmp_path):
    from newswiki.config import Config
    from newswiki.pipeline import build

    good = {p.name: p.read_text("utf-8") for p in FIXTURES.glob("good_*.txt")}
    root = make_project(tmp_path / "p", good)
    (root / "docs" / "keep.md").write_text("# Kept\n")
    (root / "site").mkdir()
    (root / "site" / "old.html").write_text("old site")
    before = {"docs": snapshot(root / "docs"), "site": snapshot(root / "site")}
    # The pages are made; then MkDocs itself fails, on a theme it does not have.
    settings = (root / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(settings.replace("  name: material\n", "  name: no-such-theme\n", 1), "utf-8")
    with pytest.raises(site.SiteError, match="configuration error"):
        build(Config.for_root(root, workers=1))
    assert {"docs": snapshot(root / "docs"), "site": snapshot(root / "site")} == before
    assert not [p.name for p in root.iterdir() if p.name.endswith((".building", ".old"))]


class Killed(BaseException):
    """Stands for SIGKILL at one precise point: nothing after it runs."""


def test_build_interrupted_at_any_rename_leaves_docs_and_site_whole(tmp_path, monkeypatch):
    """Deterministic companion of the SIGKILL test: stop the build at each os.replace
    (every page write, manifest write and folder swap commits with one) and check that
    docs/ and site/ are each entirely the old or entirely the new version."""
    from newswiki.config import Config
    from newswiki.pipeline import build

    good = {p.name: p.read_text("utf-8") for p in FIXTURES.glob("good_*.txt")}
    root = make_project(tmp_path / "p", good)
    config = Config.for_root(root, workers=1)
    assert build(config).ok
    before = {"docs": snapshot(root / "docs"), "site": snapshot(root / "site")}
    (root / "corpus" / "good_rail.txt").unlink()
    (root / "corpus" / "extra.txt").write_text((FIXTURES / "path_title.txt").read_text("utf-8"))

    real_replace = os.replace
    calls = {"n": 0, "stop_at": None}

    def replace(src, dst):
        calls["n"] += 1
        if calls["n"] == calls["stop_at"]:
            raise Killed()
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    # count the renames of the whole new build on a copy, so the stopping points include the swaps at the end
    probe = tmp_path / "probe"
    shutil.copytree(root, probe)
    calls.update(n=0, stop_at=None)
    assert build(Config.for_root(probe, workers=1)).ok
    total = calls["n"]
    assert total > 8
    backup = tmp_path / "backup"
    for folder in ("docs", "site"):
        shutil.copytree(root / folder, backup / folder)
    states = []
    for stop_at in sorted({1, 2, 5, total // 2, total - 3, total - 2, total - 1, total}):
        for folder in ("docs", "site"):  # every interrupted build starts from the previous version
            shutil.rmtree(root / folder)
            shutil.copytree(backup / folder, root / folder)
        calls.update(n=0, stop_at=stop_at)
        with pytest.raises(Killed):
            build(config)
        calls["stop_at"] = None
        site.recover(root / "docs")
        site.recover(root / "site")
        states.append({"docs": snapshot(root / "docs"), "site": snapshot(root / "site")})
    calls.update(n=0, stop_at=None)
    assert build(config).ok
    after = {"docs": snapshot(root / "docs"), "site": snapshot(root / "site")}
    assert before != after
    for state in states:
        for folder in ("docs", "site"):
            assert state[folder] in (before[folder], after[folder]), folder
    # stopped between the two renames of the last swap, the new docs/ is in place and the old site/ stays
    assert states[-2]["docs"] == after["docs"] and states[-2]["site"] == before["site"]
