"""The CLI contract, through the real console script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

NEWSWIKI = Path(sys.executable).parent / "newswiki"


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    return subprocess.run([str(NEWSWIKI), *args], capture_output=True, text=True, cwd=cwd)


def test_extract_prints_one_json_object_per_file():
    files = sorted(str(p) for p in (REPO / "corpus").glob("*.txt"))[:2]
    result = run("extract", *files)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().split("\n")
    assert len(lines) == 2
    for line, source in zip(lines, files):
        record = json.loads(line)
        assert set(record) == {
            "source", "title", "authors", "affiliations", "published", "published_range", "publisher", "url", "body",
            "warnings",
        }
        assert Path(record["source"]).name == Path(source).name
        assert isinstance(record["authors"], list) and isinstance(record["warnings"], list)
        assert len(record["body"]) > 500
        assert "](../entities/" not in record["body"]


def test_extract_gives_a_digests_date_and_period():
    record = json.loads(run("extract", str(REPO / "corpus" / "004_7d0f52ada61fa29e.txt")).stdout)
    assert (record["title"], record["published"]) == ("Visible symptoms of chaos", "2022-10-16")
    assert record["published_range"] == ["2022-10-10", "2022-10-16"]


def test_extract_names_a_bad_file_and_goes_on(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    good = REPO / "corpus" / "004_7d0f52ada61fa29e.txt"
    result = run("extract", str(empty), str(good))
    assert result.returncode == 1
    assert "empty.txt" in result.stderr and "empty" in result.stderr
    assert len(result.stdout.strip().split("\n")) == 1


def test_help_describes_commands():
    result = run("--help")
    assert result.returncode == 0
    for command in ("extract", "build"):
        assert command in result.stdout


def test_help_shows_flags_as_flags_with_what_they_do():
    """A flag takes no value: help never shows one (typer's panels printed "--version <bool>")."""
    for args in (("--help",), ("build", "--help"), ("extract", "--help"), ("serve", "--help"), ("add", "--help")):
        result = run(*args)
        assert result.returncode == 0 and "<bool>" not in result.stdout and "BOOLEAN" not in result.stdout, result.stdout
    assert "--version  Show the version and exit." in run("--help").stdout
    assert "--check" in run("build", "--help").stdout


def test_extract_explain_shows_each_line_and_why():
    seed = REPO / "corpus" / "002_7b2186643a304736.txt"
    result = run("extract", "--explain", str(seed))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any("dropped" in line and "teaser" in line for line in lines)
    assert any("kept" in line and "article: paragraph" in line for line in lines)
    assert "removed characters by reason" in lines[-1]


def test_a_build_without_a_corpus_folder_stops_and_keeps_the_pages(tmp_path: Path):
    """corpus/ missing (renamed, not checked out, the wrong --root) is a mistake, not an empty corpus:
    the build once removed every article page and exited 0."""
    from tests.conftest import make_project

    root = make_project(tmp_path / "p", corpus={"a.txt": (REPO / "corpus" / "004_7d0f52ada61fa29e.txt").read_text()})
    assert run("build", "--no-site", "--workers", "1", "--root", str(root)).returncode == 0
    pages = sorted(p.name for p in (root / "docs" / "articles").glob("*.md") if p.name != "index.md")
    assert pages
    (root / "corpus").rename(root / "corpus-old")
    result = run("build", "--no-site", "--workers", "1", "--root", str(root))
    assert result.returncode == 2, result.stderr
    assert "corpus" in result.stderr and "no corpus/ folder" in result.stderr
    assert sorted(p.name for p in (root / "docs" / "articles").glob("*.md") if p.name != "index.md") == pages
    check = run("build", "--check", "--root", str(root))
    assert check.returncode == 2 and "no corpus/ folder" in check.stderr


def test_a_broken_link_written_by_hand_is_named_when_the_strict_site_build_stops(tmp_path: Path):
    """A link to a page that is not there (a typo, a removed article) stops the strict site build,
    as in CI; the error said only "Aborted with 1 warnings in strict mode!", not which page or link."""
    from tests.conftest import make_project

    root = make_project(tmp_path / "p", corpus={"a.txt": (REPO / "corpus" / "004_7d0f52ada61fa29e.txt").read_text()})
    (root / "docs" / "about.md").write_text("# About\n\nSee [the old report](articles/no-such-report.md).\n", "utf-8")
    result = run("build", "--workers", "1", "--root", str(root))
    assert result.returncode == 2, result.stderr
    assert "about.md" in result.stderr and "articles/no-such-report.md" in result.stderr, result.stderr


def test_a_folder_given_to_extract_or_add_is_called_a_folder(tmp_path: Path):
    """`newswiki add downloads/` said "unknown file type '(no extension)'; use one of .htm, ..."."""
    folder = tmp_path / "downloads"
    folder.mkdir()
    for command in ("extract", "add"):
        result = run(command, str(folder), "--root", str(tmp_path))
        assert result.returncode == 1 and "a folder, not a file" in result.stderr, result.stderr
        assert "unknown file type" not in result.stderr
