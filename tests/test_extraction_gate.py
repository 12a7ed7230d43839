"""Quality gate: extraction on the two in-repo dev sets may not fall below the pinned figures.

The sets are committed (benchmarks/data/), so the gate runs wherever the tests run. The
ground-truth hashes pin the data the figures were measured on: a changed file means new
figures, on purpose. Each set and input is extracted once per test session (about 15 s of CPU).
Measure with `benchmarks/extraction.py`; raise a floor here when a change lifts its figure.
"""

from __future__ import annotations

import importlib.util
import sys

import pytest

from tests.conftest import REPO

spec = importlib.util.spec_from_file_location("extraction_benchmark", REPO / "benchmarks" / "extraction.py")
benchmark = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = benchmark  # dataclasses look their module up there
spec.loader.exec_module(benchmark)

DEV_SET = benchmark.SETS["dev"]
#: First 16 hex digits of each set's ground-truth.json sha256, and its page count.
GROUND_TRUTH = {"dev": ("00b987221ff40597", 45), "dev2": ("7a32817a9917fb33", 86)}
#: Floors of body F1. Measured at 1e74f90: dev text 0.973, html 0.970; dev2 text 0.864, html 0.940.
#: Raised with the line model (clean/classifier.py): dev text 0.974, html 0.966; dev2 text 0.910, html 0.945.
#: HTML as the precise extraction's span of the recall one (clean/html.py): dev 0.967, dev2 0.951.
#: Text with the headline shown twice, end markers only below it, stamp windows, softer vetoes and
#: a lone article kept: dev 0.974, dev2 0.931; with comment headers ("There are 13 comments") ending
#: the article: dev2 0.933 (by-site cross-validation 0.917 -> 0.924). With a stream of date-led items
#: (a live feed) ending the article and a title's note in brackets ignored: dev2 0.939 (CV 0.924 -> 0.928).
#: With a comments heading before undated running text not ending the article (dropbox-blog's table
#: column "Comment") and a short box after an end marker closing it (clean/runs.py, selection.closing_box):
#: dev 0.974 -> 0.976, dev2 0.939 -> 0.943 (CV by site dev2 0.928 -> 0.931; dev -> dev2 0.910 -> 0.925).
MIN_F1 = {("dev", "text"): 0.970, ("dev", "html"): 0.962, ("dev2", "text"): 0.938, ("dev2", "html"): 0.947}
#: Ceilings of pages scoring below 0.5 (measured: dev 0 and 0; dev2 text 9 -> 5 -> 3 -> 4 -> 3, html 3 -> 2).
#: dev2 text: nytimes-5 (a section front), bug-1255978 (the reference is the first comment),
#: mozilla-1 (the reference is every blurb); liberation-1's live feed after the article is dropped
#: as a stream of date-led items (0.41 -> 1.00; selection.before_a_stream).
MAX_POOR = {("dev", "text"): 0, ("dev", "html"): 0, ("dev2", "text"): 3, ("dev2", "html"): 2}
#: Floors of dev2 metadata (see benchmarks/extraction.py). Text input, measured: titles 53/86 (69 as
#: the reference's headline part); 50 of the 58 pages whose text states a date get its day, none
#: another day, and none of the 28 pages whose text states no date gets one (dates-audit.json).
#: With yahoo-2's audit corrected (its text states a day: 59 and 27 pages) and the dates of two-digit
#: years, labelled dates and the headline's copy nearest the body: 56 of 59, titles 53 (70); with
#: the page title as the last resort and over a heading sharing no word with it: titles 55 (72).
#: HTML input, measured: titles 69/86, publishedTime's day on 30 of 32. With the site's name cut off
#: the title (site_title.py): titles 64 (the reference keeps "| eHow", "| IAB", "| Factorio", "–
#: Firefox Nightly News" and the like on 7 pages, on 2 others it has no site part), headlines 76 -> 78.
MIN_TITLES = {"text": 54, "html": 64}
MIN_HEADLINES_HTML = 78
#: With the body found below a headline shown twice (yahoo-2): 57 of 59. With the head reaching down
#: to the body (lifehacker's date 15 blocks below the headline) and a title's note in brackets
#: ignored (ehow-1): 58 of 59, headlines 73.
MIN_HEADLINES_TEXT, MIN_STATED_DAYS_TEXT = 72, 57
MIN_DAYS_HTML = 30


@pytest.fixture(scope="module")
def results():
    """Each (set, input) extracted once, on demand."""
    cache: dict[tuple[str, str], object] = {}

    def get(name: str, kind: str):
        if (name, kind) not in cache:
            cache[name, kind] = benchmark.run_set(benchmark.SETS[name], kind, name=name)
        return cache[name, kind]

    return get


@pytest.mark.parametrize("name", sorted(GROUND_TRUTH))
def test_dev_set_is_in_the_repo_and_the_one_the_figures_were_measured_on(name: str):
    folder = benchmark.SETS[name]
    digest, pages = GROUND_TRUTH[name]
    assert benchmark.ground_truth_sha256(folder).startswith(digest)
    assert len(benchmark.load_truth(folder)) == pages
    assert (folder / "LICENSE").is_file() and (folder / "NOTICE").is_file() and (folder / "README.md").is_file()


@pytest.mark.parametrize(("name", "kind"), sorted(MIN_F1))
def test_extraction_f1_does_not_drop(results, name: str, kind: str):
    result = results(name, kind)
    assert len(result.pages) == GROUND_TRUTH[name][1]
    body = result.body
    assert body.f1 >= MIN_F1[name, kind], f"{name} {kind} F1 {body.f1:.3f} < {MIN_F1[name, kind]}"
    poor = [p.page_id for p in result.poor]
    assert len(poor) <= MAX_POOR[name, kind], f"{name} {kind}: pages below 0.5: {poor}"


def test_title_and_date_from_text_do_not_drop(results):
    meta = results("dev2", "text").metadata()
    assert meta["title_pages"] == 86 and meta["stating_pages"] == 59 and meta["stating_none_pages"] == 27
    assert meta["title_right"] >= MIN_TITLES["text"] and meta["headline_right"] >= MIN_HEADLINES_TEXT, meta
    assert meta["stated_right"] >= MIN_STATED_DAYS_TEXT, meta
    # A wrong date is worse than none: no other day than the text's, no date where it gives none.
    assert meta["stated_wrong"] == 0 and meta["date_on_stating_none"] == 0, meta


def test_title_and_date_from_html_do_not_drop(results):
    meta = results("dev2", "html").metadata()
    assert meta["title_right"] >= MIN_TITLES["html"] and meta["date_right"] >= MIN_DAYS_HTML, meta
    assert meta["headline_right"] >= MIN_HEADLINES_HTML, meta


def test_scoring_rule():
    truth = "one two three four five"
    assert benchmark.page_score(truth, truth).f1 == 1.0
    assert benchmark.page_score(truth, "").recall == 0.0
    half = benchmark.page_score("a b c d e", "a b c d x")  # 1 of 2 shingles right each way
    assert (half.precision, half.recall) == (0.5, 0.5)
    assert benchmark.score([(truth, truth), (truth, "")]).recall == 0.5


def test_metadata_scoring_rule():
    import datetime as dt

    truth = benchmark.Truth(body="", title="A  Headline", published=dt.date(2019, 1, 3), labelled=True)
    page = benchmark.PageResult("p", truth, benchmark.Prediction("", "a headline", dt.date(2019, 1, 3)), benchmark.Score(0, 0))
    assert page.title_ok and page.date_verdict == "right"
    assert benchmark.reference_day("2019-01-03T23:00:02.000-05:00") == dt.date(2019, 1, 3)  # as written
    undated = benchmark.Truth(body="", published=None, labelled=True)
    assert benchmark.PageResult("p", undated, benchmark.Prediction("", None, dt.date(2020, 1, 1)), benchmark.Score(0, 0)).date_verdict == "extra"
    assert benchmark.PageResult("p", truth, benchmark.Prediction("", None, None), benchmark.Score(0, 0)).date_verdict == "missed"
