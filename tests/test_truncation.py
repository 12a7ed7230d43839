"""Recall first, never silently: a real page whose article the old cleaner cut after its opening.

nytimes-2 of the second extraction dev set: four paragraphs, then a "Related Coverage" box of
headlines and an advertisement, then the rest of the article. Cleaning used to end the article
at the box (recall 0.19). Now it keeps the text after the break, and says so: in the extraction's
warnings (and so in `newswiki extract` and the build's report, which name the file), and in a
note on the article page with the command that shows every line of the source.
"""

from __future__ import annotations

import json

from newswiki import clean
from newswiki.models import INCOMPLETE_WARNING, Article, SourceFile
from newswiki.extract import extract
from newswiki.render.article_page import article_page
from tests.conftest import REPO
from tests.test_cli import run

PAGE = REPO / "benchmarks" / "data" / "extraction-dev-2" / "nytimes-2.txt"
OPENING = "Yahoo ’s $4.8 billion sale to Verizon is a complicated beast"
AFTER_THE_BREAK = "In the second step, at the closing, Yahoo will sell the stock"
LAST_PARAGRAPH = "All in all, this was as hairy a deal as they come."


def test_the_article_goes_on_after_a_related_box_and_the_reader_is_told():
    result = clean.clean_text(PAGE.read_text(encoding="utf-8"))
    assert OPENING in result.body and AFTER_THE_BREAK in result.body and LAST_PARAGRAPH in result.body
    assert "Marissa Mayer’s Media Problem at Yahoo" not in result.body  # the box's headlines stay out
    notes = [w for w in result.warnings if w.startswith(INCOMPLETE_WARNING)]
    assert len(notes) == 1 and "after a break" in notes[0] and "line " in notes[0]


def test_the_warning_is_in_extract_output_and_on_the_article_page():
    listed = run("extract", str(PAGE))
    assert listed.returncode == 0, listed.stderr
    record = json.loads(listed.stdout)
    assert any(w.startswith(INCOMPLETE_WARNING) for w in record["warnings"])

    text = PAGE.read_text(encoding="utf-8")
    source = SourceFile(source="corpus/nytimes-2.txt", name="nytimes-2.txt", kind="text", text=text, sha256="x")
    page = article_page(Article("nytimes-2", "x", extract(source)), [])
    note_at = page.index("This article may be incomplete")
    body_at = page.index("\n---\n", 4)  # after the front matter (its description quotes the opening)
    assert note_at < page.index(OPENING.split(" ’s")[0] + " ’s", body_at)  # above the body, not folded away
    assert "newswiki extract --explain corpus/nytimes-2.txt" in page


def test_a_whole_article_gets_no_note():
    seed = next((REPO / "corpus").glob("002_*.txt"))
    result = clean.clean_text(seed.read_text(encoding="utf-8"))
    assert not [w for w in result.warnings if w.startswith(INCOMPLETE_WARNING)]
