"""Stage 1 on broken files: one clear reason each, or text with a warning when decoding is safe."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from newswiki import ingest, safe_yaml
from newswiki.ingest import IngestError, decode, read_source
from newswiki.models import Problem

LIMIT = 1000


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("saved.txt", b"\n<!DOCTYPE html>\n<html><head><title>Talks</title></head><body><p>Text</p></body></html>"),
        ("saved.md", codecs.BOM_UTF8 + b"<HTML lang=en><body><p>Text</p></body></HTML>"),
    ],
)
def test_a_web_page_saved_as_text_is_read_as_html(tmp_path, name, data):
    """A web page saved under .txt became an article with no text and a title from its file name."""
    source = read_source(write(tmp_path, name, data), tmp_path, LIMIT)
    assert source.kind == "html"
    assert any(f"an HTML page saved as {Path(name).suffix}: read as HTML (rename it saved.html)" == w for w in source.warnings)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file (0 bytes)"),
        ("blank.txt", b" \n\t\r\n  ", "only whitespace"),
        ("nul.txt", b"text then \x00 binary", "NUL byte at offset 10"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG image"),
        ("photo.html", b"\xff\xd8\xff\xe0" + bytes(100), "JPEG image"),
        ("doc.txt", b"PK\x03\x04" + bytes(50), "ZIP archive"),
        ("paper.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        ("controls.txt", bytes(range(1, 32)) * 20, "many control characters"),
        ("big.txt", b"a" * (LIMIT + 1), f"too large ({LIMIT + 1:,} bytes; the limit per article is {LIMIT:,}"),
        ("notes.docx", b"hello", "unknown file type '.docx'"),
        ("README", b"hello", "unknown file type '(no extension)'"),
        ("bad16.txt", codecs.BOM_UTF16_LE + b"\x00\xd8", "UTF-16 byte order mark but invalid UTF-16"),
    ],
)
def test_unusable_file_gets_one_clear_reason(tmp_path, name, data, reason):
    path = write(tmp_path, name, data)
    with pytest.raises(IngestError) as err:
        read_source(path, tmp_path, LIMIT)
    assert reason in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    ("data", "text", "warning"),
    [
        ("Plain UTF-8 café".encode("utf-8"), "Plain UTF-8 café", None),
        (codecs.BOM_UTF8 + "With BOM".encode("utf-8"), "With BOM", None),
        (codecs.BOM_UTF16_LE + "Little endian ü".encode("utf-16-le"), "Little endian ü", "UTF-16"),
        (codecs.BOM_UTF16_BE + "Big endian ü".encode("utf-16-be"), "Big endian ü", "UTF-16"),
        (codecs.BOM_UTF32_LE + "Thirty-two".encode("utf-32-le"), "Thirty-two", "UTF-32"),
        ("Größe Übung für Müller".encode("cp1252"), "Größe Übung für Müller", "decoded as cp1252"),
        ("Привет, как дела? Всё хорошо.".encode("cp1251"), "Привет, как дела? Всё хорошо.", "decoded as cp1251"),
        ("naïve café Müller ".encode("utf-8") * 3 + b"\xff!", "naïve café Müller " * 3 + "\ufffd!", "invalid UTF-8"),
    ],
)
def test_decodable_text_is_decoded_with_a_warning_when_unusual(data, text, warning):
    decoded, warnings = decode(data)
    assert decoded == text
    if warning is None:
        assert warnings == []
    else:
        assert len(warnings) == 1 and warning in warnings[0]


def test_line_endings_are_normalised(tmp_path):
    source = read_source(write(tmp_path, "a.txt", b"one\r\ntwo\rthree\n"), tmp_path, LIMIT)
    assert source.text == "one\ntwo\nthree\n"


def test_every_bad_file_is_a_problem_and_the_rest_go_on(tmp_path):
    good = write(tmp_path, "good.txt", b"A good article.")
    bad = write(tmp_path, "bad.txt", b"")
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    sources, problems = ingest.ingest([bad, good, folder], tmp_path, LIMIT)
    assert [s.name for s in sources] == ["good.txt"]
    assert [p.source for p in problems] == ["bad.txt", "folder.txt"]
    assert all(isinstance(p, Problem) and p.severity == "error" for p in problems)
    assert "cannot read" in problems[1].message


def test_names_with_control_characters_are_shown_escaped(tmp_path):
    path = write(tmp_path, "evil\x1b[31m\nname.txt", b"")
    _, problems = ingest.ingest([path], tmp_path, LIMIT)
    assert problems[0].source == "evil\\x1b[31m\\nname.txt"


def test_corpus_listing_does_not_depend_on_directory_order(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("b.txt", "a.html", "c.md", "notes.yml", ".hidden.txt", "README.md"):
        (corpus / name).write_text("x")
    expected = ["a.html", "b.txt", "c.md"]
    assert [p.name for p in ingest.list_corpus(corpus)] == expected
    original = Path.iterdir
    monkeypatch.setattr(Path, "iterdir", lambda self: reversed(list(original(self))))
    assert [p.name for p in ingest.list_corpus(corpus)] == expected


# --- safe YAML ------------------------------------------------------------------

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("!!python/object/apply:os.system ['echo hacked']", "python/object/apply:os.system"),
        ("x: !!python/name:os.system", "python/name:os.system"),
        ("x: !!python/object:__main__.Thing {}", "python/object"),
        (BOMB, "more than 20 aliases"),
        ("a: 1\na: 2\n", "line 2: duplicate key 'a'"),
        ("title: [unclosed", "invalid YAML"),
        ("x: " + "[" * 100 + "]" * 100, "nested deeper"),
    ],
)
def test_unsafe_or_invalid_yaml_is_refused_naming_the_file(text, reason):
    with pytest.raises(safe_yaml.YamlError) as err:
        safe_yaml.load(text, "corpus/x.yml")
    assert str(err.value).startswith("corpus/x.yml: ") and reason in str(err.value), str(err.value)


def test_plain_yaml_and_a_few_aliases_are_fine():
    text = "title: Hello\ntags: &t [a, b]\nmore: *t\npublished: 2024-01-02\n"
    data = safe_yaml.load(text, "x.yml")
    assert data["title"] == "Hello" and data["more"] == ["a", "b"]
    assert safe_yaml.load("", "x.yml") is None


def test_front_matter_is_read_safely():
    page = "---\ntitle: T\n---\n# Body\n"
    assert safe_yaml.load(safe_yaml.front_matter_text(page), "p.md") == {"title": "T"}
    assert page[safe_yaml.front_matter_end(page):] == "# Body\n"
    assert safe_yaml.front_matter_text("# No front matter\n") is None
    with pytest.raises(safe_yaml.YamlError, match="p.md: .*python"):
        safe_yaml.load(safe_yaml.front_matter_text("---\nx: !!python/name:os.system\n---\n"), "p.md")

CLIPPED_MARKDOWN = """---
title: "Talks in Minsk end without a deal"
author: Jane Doe
date: 2024-03-03
source: https://example.org/minsk-talks
tags: [belarus]
---
# Talks in Minsk end without a deal

The minister said on **Tuesday** that the [talks](https://example.org/t) would continue in the spring,
and that both sides had agreed to keep the border open for trade and travel.

## What was agreed

- a new crossing at Brest
- lower tariffs on grain

Alexander Lukashenko told reporters in Minsk <script>alert(1)</script>that the CSTO would meet again in
May, and that Belarus would host it. ![A photo of the talks](https://example.org/p.jpg)

> "We are ready," he said.

| side | offer |
|---|---|
| Minsk | grain |

The opposition, led from Vilnius, called the talks a show for the cameras and said that nothing would change
for the people who cross the border every week to work, to trade and to see their families.
"""


def test_a_markdown_file_is_read_as_the_text_its_reader_sees(tmp_path):
    from newswiki.extract import extract

    (tmp_path / "corpus").mkdir()
    path = tmp_path / "corpus" / "minsk.md"
    path.write_text(CLIPPED_MARKDOWN, encoding="utf-8")
    ex = extract(read_source(path, tmp_path, 1_000_000))
    assert ex.title == "Talks in Minsk end without a deal"  # no "# ", no front matter
    assert ex.authors == ("Jane Doe",) and str(ex.published) == "2024-03-03"
    assert ex.url == "https://example.org/minsk-talks"
    assert ex.body.startswith("The minister said on Tuesday that the talks would continue")  # no "**", no link target
    assert "## What was agreed" in ex.body and "- a new crossing at Brest\n- lower tariffs on grain" in ex.body
    assert "\"We are ready,\" he said." in ex.body and "Minsk &#124; grain" in ex.body  # a table row, its cells apart
    assert "A photo of the talks" in ex.body
    assert not any(s in ex.body for s in ("alert", "<script", "p.jpg", "\\*", "](", "---", "tags:"))
