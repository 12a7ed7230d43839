"""Metadata: title, authors, date, publisher, URL from the page; null when the page does not show it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from newswiki import dates, metadata
from newswiki.models import SourceFile
from newswiki.extract import extract
from tests.conftest import SEEDS

BODY = (
    "The minister said on Tuesday that the talks would continue in the spring, and that both "
    "sides had agreed to keep the border open for trade while the negotiations went on.\n\n"
    "Observers in the capital were not surprised by the decision, which had been expected for "
    "weeks after the two governments exchanged letters about the future of the agreement.\n"
)


def source(text: str, name: str = "page.txt") -> SourceFile:
    return SourceFile(source=f"corpus/{name}", name=name, kind="text", text=text, sha256="0")


def seed_extraction(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return extract(source(path.read_text(encoding="utf-8"), path.name))


@pytest.mark.parametrize(
    ("prefix", "title", "authors", "published", "publisher"),
    [
        ("000", "Belarus Weekly: Putin attends the CSTO summit in Minsk, Armenia skips",
         ("Maria Yeryoma", "Teah Pelechaty"), dt.date(2023, 12, 1), "The Kyiv Independent"),
        ("001", "Belarus’ Presidency in the Collective Security Treaty Organization (CSTO): Approaches and Priorities",
         ("Alexander Shpakovsky",), dt.date(2022, 12, 1), "Caspian Institute for Strategic Studies"),
        ("002", "Belarus Needs CSTO, CSTO needs Belarus", ("Volha Charnysh",), None, "Belarus Digest"),
        # "Review period: February 24 – July 31, 2022": a period gives its last day
        ("003", "Review of Russia’s Policy in the Post-Soviet Space/Russian Aggression in Ukraine: Response of Belarus",
         ("Mamuka Komakhia",), dt.date(2022, 7, 31), "Georgian Foundation For Strategic and International Studies"),
        # a weekly digest: "October 10 – October 16, 2022", a rubric, the headline, then its deck
        ("004", "Visible symptoms of chaos", (), dt.date(2022, 10, 16), None),
    ],
)
def test_seed_metadata(prefix, title, authors, published, publisher):
    ex = seed_extraction(prefix)
    assert (ex.title, ex.authors, ex.published, ex.publisher) == (title, authors, published, publisher)
    assert ex.url is None


def test_digest_periods_are_kept_with_their_last_day_as_the_date():
    assert seed_extraction("004").published_range == (dt.date(2022, 10, 10), dt.date(2022, 10, 16))
    assert seed_extraction("003").published_range == (dt.date(2022, 2, 24), dt.date(2022, 7, 31))
    assert seed_extraction("000").published_range is None
    assert seed_extraction("004").as_json()["published_range"] == ["2022-10-10", "2022-10-16"]


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("October 10 – October 16, 2022", ("2022-10-10", "2022-10-16")),
        ("Review period:  February 24 – July 31, 2022", ("2022-02-24", "2022-07-31")),
        ("October 10-16, 2022", ("2022-10-10", "2022-10-16")),
        ("10–16 October 2022", ("2022-10-10", "2022-10-16")),
        ("December 28 – January 3, 2023", ("2022-12-28", "2023-01-03")),
        ("May 13 – May 19", None),  # no year: a teaser's, not a date to trust
        ("Score 2 – 1, 2022", None),
    ],
)
def test_periods(text, period):
    found = dates.find_period(text)
    assert (tuple(d.isoformat() for d in found) if found else None) == period


@pytest.mark.parametrize(
    ("line", "day"),
    [
        ("April 28, 2019 at 6:01 am Updated April 29, 2019 at 3:33 pm", "2019-04-28"),
        ("By Alissa Wilkinson @alissamarie Updated Jul 24, 2018, 2:15pm EDT", None),  # an update only
        ("Last Updated: January 7, 2025", None),
        ("Founded February 28, 1998; 18 years ago (1998-02-28)", None),
        ("— West Ham United (@WestHam) October 31, 2021", None),  # an embedded post
        ("The envoy meets the minister in Minsk during the summit of the alliance on Nov. 23, 2023.", None),
        ("21.dez.2018 às 12h55", "2018-12-21"),
        ("On 6/13/2018 by @lazharichir", "2018-06-13"),  # the day is the number above 12
        ("Posted on 3/4/2018", None),  # March 4 or 3 April: not known
        ("Le Monde | 04.05.2015 à 13h36 • Mis à jour le 05.05.2015 à 20h13", "2015-05-04"),
        ("Dec 28 Sat 2013 00:28", "2013-12-28"),  # the weekday between the day and the year
        ("10.15.15", "2015-10-15"),  # a two-digit year: the number above 12 is the day
        ("3/09/15 8:00am 3/09/15 8:00am", "2015-03-09"),  # a 12-hour clock: month first
        ("9/11/13 at 10:00 p.m.", "2013-09-11"),
        ("11.03.17 in Gadgetry", None),  # 11 March or November 3: not known
        ("9/11/13 10:00", None),  # a 24-hour clock says nothing of the order
        ("Version 1.10.15.2 released", None),  # a version number, not a date
    ],
)
def test_date_lines(line, day):
    found = dates.published_in_line(line)
    assert (found.day.isoformat() if found else None) == day


def test_dateline_opening_the_body_and_a_date_line_below_the_deck():
    page = ("Talks go on in the spring\n\nBoth sides keep the border open\n\nFeb. 23, 2015 -- " + BODY)
    assert extract(source(page)).published == dt.date(2015, 2, 23)


def test_a_list_of_dated_teasers_below_the_headline_is_not_the_date():
    teasers = "".join(f"Other story number {n} today\n\nMarch {n}, 2019\n\n" for n in range(1, 5))
    page = ("Talks go on in the spring - Daily\n\nTalks go on in the spring\n\n" + teasers
            + "Share\n\nComments\n\nSubscribe\n\nBy Jane Doe — 24 November 2017\n\n" + BODY)
    assert extract(source(page)).published == dt.date(2017, 11, 24)


def test_short_headline_repeating_the_page_title():
    page = "Hermitian matrix - Wikipedia\n\nHermitian matrix\n\nFrom Wikipedia\n\nMatrix equal to its conjugate-transpose\n\n" + BODY
    assert extract(source(page)).title == "Hermitian matrix"


def test_period_reaches_the_article_page_and_passes_the_front_matter_check():
    from newswiki.frontmatter_check import validate_page
    from newswiki.models import Article
    from newswiki.render.article_page import article_page

    page = article_page(Article("visible-symptoms-of-chaos", "0", seed_extraction("004")), [])
    assert "published: 2022-10-16\npublished_range:\n- 2022-10-10\n- 2022-10-16\n" in page
    assert "2022-10-10 – 2022-10-16" in page  # the byline shows the period
    assert validate_page("docs/articles/a.md", page, "article") == []
    [backwards] = validate_page("docs/articles/a.md", "---\npublished_range: [2022-10-16, 2022-10-10]\n---\n", "article")
    assert "'published_range'" in backwards.message and "two such dates" in backwards.message
    [one] = validate_page("docs/articles/a.md", "---\npublished_range: 2022-10-16\n---\n", "article")
    assert "'published_range'" in one.message


def test_sidecar_period_sets_the_date_and_a_sidecar_date_drops_the_period(tmp_path: Path):
    period = metadata.load_sidecar(write(tmp_path, "p.yml", "published_range: [2022-10-03, 2022-10-09]\n"))
    ex = metadata.apply_sidecar(seed_extraction("004"), period)
    assert ex.published_range == (dt.date(2022, 10, 3), dt.date(2022, 10, 9)) and ex.published == dt.date(2022, 10, 9)
    day = metadata.load_sidecar(write(tmp_path, "d.yml", "published: 2022-10-20\n"))
    ex = metadata.apply_sidecar(seed_extraction("004"), day)
    assert ex.published == dt.date(2022, 10, 20) and ex.published_range is None
    with pytest.raises(metadata.SidecarError, match="published_range"):
        metadata.load_sidecar(write(tmp_path, "b.yml", "published_range: [2022-10-09, 2022-10-03]\n"), "corpus/b.yml")


def test_affiliations_of_the_seeds_authors_are_kept():
    assert seed_extraction("003").affiliations == (("Mamuka Komakhia", "Analyst"),)
    assert seed_extraction("001").affiliations == (
        ("Alexander Shpakovsky", "Minsk; Minister-counsellor of the Embassy of the Republic of Belarus in the Russian Federation"),
    )
    assert seed_extraction("002").affiliations == (
        ("Volha Charnysh", "Assistant Professor of Political Science at the Massachusetts Institute of Technology"),
    )
    assert seed_extraction("000").affiliations == ()  # "by Maria Yeryoma and Teah Pelechaty" says no more


def test_byline_affiliation_and_a_second_name_is_not_one():
    ex = extract(source("Talks go on in the spring\n\nBy Jane Doe, Reuters | March 3, 2024\n\n" + BODY))
    assert ex.authors == ("Jane Doe",) and ex.affiliations == (("Jane Doe", "Reuters"),)
    ex = extract(source("Talks go on in the spring\n\nBy Jane Doe, John Smith | March 3, 2024\n\n" + BODY))
    assert ex.affiliations == ()


def test_affiliations_in_front_matter_and_sidecar(tmp_path: Path):
    from newswiki.frontmatter_check import validate_page
    from newswiki.models import Article
    from newswiki.render.article_page import article_page

    page = article_page(Article("a", "0", seed_extraction("003")), [])
    assert "affiliations:\n  Mamuka Komakhia: Analyst\n" in page
    assert validate_page("docs/articles/a.md", page, "article") == []
    [bad] = validate_page("docs/articles/a.md", "---\naffiliations: [Analyst]\n---\n", "article")
    assert "'affiliations'" in bad.message
    side = metadata.load_sidecar(write(tmp_path, "a.yml", "affiliations: {Mamuka Komakhia: Senior analyst}\n"))
    assert metadata.apply_sidecar(seed_extraction("003"), side).affiliations == (("Mamuka Komakhia", "Senior analyst"),)
    renamed = metadata.load_sidecar(write(tmp_path, "b.yml", "authors: [M. Komakhia]\n"))
    assert metadata.apply_sidecar(seed_extraction("003"), renamed).affiliations == ()


def test_body_does_not_repeat_the_title():
    ex = seed_extraction("000")
    assert not ex.body.startswith("Belarus Weekly")


def test_several_authors_and_date_on_the_byline():
    ex = extract(source("Talks go on in the spring\n\nBy Jane Doe, John Smith and Ann Lee | March 3, 2024\n\n" + BODY))
    assert ex.title == "Talks go on in the spring"
    assert ex.authors == ("Jane Doe", "John Smith", "Ann Lee")
    assert ex.published == dt.date(2024, 3, 3)


@pytest.mark.parametrize(
    ("byline", "authors"),
    [
        ("By Łukasz Kamiński", ("Łukasz Kamiński",)),  # was dropped: only A-Z and А-Я began a name
        ("By Šimon Ševčík and Émile Zola", ("Šimon Ševčík", "Émile Zola")),
        ("Автор: Іван Шевчук", ("Іван Шевчук",)),
    ],
)
def test_bylines_with_accented_and_cyrillic_capitals(byline, authors):
    ex = extract(source(f"Talks go on in the spring\n\n{byline}\n\nMarch 3, 2024\n\n" + BODY))
    assert ex.authors == authors


def test_dates_in_other_languages_and_formats():
    assert metadata.find_date("1 декабря 2022") == dt.date(2022, 12, 1)
    assert metadata.find_date("Published 2021-06-30 10:00") == dt.date(2021, 6, 30)
    assert metadata.find_date("Nov. 5, 2019") == dt.date(2019, 11, 5)
    assert metadata.find_date("October 10 – October 16, 2022") is None  # a period, not a date


def test_a_date_in_a_caption_or_teaser_is_not_the_articles():
    page = "Talks go on in the spring\n\nThe minister (L) meets the envoy on Nov. 23, 2023. (Photo: Reuters)\n\n" + BODY
    assert extract(source(page)).published is None


def test_unknown_stays_empty():
    ex = extract(source("Talks go on in the spring\n\n" + BODY))
    assert ex.authors == () and ex.published is None and ex.publisher is None and ex.url is None


def test_page_title_gives_headline_and_site():
    page = "Talks go on in the spring - The Daily Example\n\nHome\n\nTalks go on in the spring\n\n" + BODY
    ex = extract(source(page))
    assert ex.title == "Talks go on in the spring"
    assert ex.publisher == "The Daily Example"


def test_url_shown_on_the_page():
    ex = extract(source("https://example.com/news/talks\n\nTalks go on in the spring\n\n" + BODY))
    assert ex.url == "https://example.com/news/talks"


# --- Sidecar -----------------------------------------------------------------------------


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_sidecar_overrides_fields(tmp_path: Path):
    side = metadata.load_sidecar(write(tmp_path, "a.yml", "title: Right title\nauthors: Jane Doe\npublished: 2020-02-03\n"))
    ex = metadata.apply_sidecar(extract(source("Wrong title here\n\n" + BODY)), side)
    assert ex.title == "Right title" and ex.authors == ("Jane Doe",) and ex.published == dt.date(2020, 2, 3)
    assert ex.publisher is None  # fields it does not set stay as extracted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("published: someday\n", "field published"),
        ("colour: red\n", "field colour"),
        ("url: not a url\n", "field url"),
        ("- a list\n", "expected a mapping"),
        ("title: [unclosed\n", "not valid YAML"),
        ("!!python/object/apply:os.system ['true']\n", "not valid YAML"),
    ],
)
def test_sidecar_errors_name_file_and_field(tmp_path: Path, text: str, expected: str):
    path = write(tmp_path, "bad.yml", text)
    with pytest.raises(metadata.SidecarError) as error:
        metadata.load_sidecar(path, "corpus/bad.yml")
    assert "corpus/bad.yml" in str(error.value) and expected in str(error.value)


def test_build_uses_sidecar_and_reports_a_bad_one(project):
    from newswiki.config import Config
    from newswiki.passes.analysis import extract_files

    root = project({"a.txt": "Wrong title here\n\n" + BODY, "a.yml": "publisher: Example Weekly\n",
                    "b.txt": "Other title here\n\n" + BODY, "b.yml": "published: never\n"})
    results = extract_files([root / "corpus" / "a.txt", root / "corpus" / "b.txt"], Config.for_root(root))
    assert results[0].publisher == "Example Weekly"
    assert "corpus/b.yml" in results[1].message and "published" in results[1].message


def test_a_sidecar_beside_no_article_is_named_not_silently_unused(project):
    """A sidecar saved under a misspelt name (or as .YML, or a .yaml beside the .yml) corrected
    nothing and the build said nothing: the contributor's fix never showed."""
    from newswiki.config import Config
    from newswiki.pipeline import build

    root = project({"report.txt": "Wrong title here\n\n" + BODY, "report.yml": "publisher: Example Weekly\n",
                    "report.yaml": "publisher: Other Weekly\n", "reprot.yml": "title: Right title\n"})
    result = build(Config.for_root(root, workers=1), build_site=False)
    assert result.ok and [a.extraction.publisher for a in result.articles] == ["Example Weekly"]
    warned = {p.source: p.message for p in result.problems if p.severity == "warning"}
    assert "beside no article" in warned.get("corpus/reprot.yml", ""), result.problems
    assert "corpus/report.yml" in warned.get("corpus/report.yaml", ""), result.problems
    assert "corpus/report.yml" not in warned


def test_headline_found_by_page_title_not_by_breadcrumb_or_site_link():
    page = ("Talks go on in the spring - The Daily Example\n\nThe Daily Example\n\nHome News Talks go on in the spring\n\n"
            "Related: Other talks stall\n\nMay 2, 2011\n\nTalks go on in the spring\n\nMarch 3, 2024\n\n" + BODY)
    ex = extract(source(page))
    assert ex.title == "Talks go on in the spring"
    assert ex.published == dt.date(2024, 3, 3)  # the teaser's date above the headline is not it


def test_copyright_holder_is_cleaned():
    assert metadata.copyright_holder("© 2019, Los Angeles Times | Terms of Service | Privacy Policy") == "Los Angeles Times"
    assert metadata.copyright_holder("Copyright (с) ООО «Пример», 2019.") == "ООО «Пример»"
    assert metadata.copyright_holder("© Future US, Inc. 11 West 42nd Street, 15th Floor") == "Future US, Inc"
    assert metadata.copyright_holder("© 2002-2019 - Designed by Someone") is None


def test_a_name_line_far_from_any_date_is_not_an_author():
    ex = extract(source("Talks go on in the spring\n\nDaily Email\n\nWorld Politics\n\n" + BODY))
    assert ex.authors == ()


def test_a_date_under_a_published_label_counts_where_no_date_line_is_near_the_headline():
    facts = "\n\n".join(["Stats:", "Published:", "2017-08-15", "Completed:", "2017-09-30", "Words:", "5,000"])
    page = "Talks go on in the spring - Archive\n\nArchive\n\n" + facts + "\n\nTalks go on in the spring\n\n" + BODY
    assert extract(source(page)).published == dt.date(2017, 8, 15)


def test_the_headline_copy_nearest_the_body_anchors_the_date():
    """A breadcrumb repeats the page title high up; the date sits under the copy above the article."""
    menu = "\n\n".join(["Home", "News", "Talks go on in the spring", "Sign in", "Subscribe"] + [f"Menu entry {n}" for n in range(20)])
    page = f"Talks go on in the spring | Site\n\n{menu}\n\nTalks go on in the spring\n\n10.15.15\n\nBy Jane Doe\n\n{BODY}"
    extraction = extract(source(page))
    assert extraction.published == dt.date(2015, 10, 15) and extraction.title == "Talks go on in the spring"


def test_title_of_a_page_without_a_heading_is_its_page_title():
    page = "Talks go on in the spring\n\nHome\n\nNews\n\n" + BODY
    assert extract(source(page)).title == "Talks go on in the spring"


def test_breadcrumb_and_credit_lines_are_not_headlines():
    assert not metadata._title_like("Home > World news > Talks go on in the spring")
    assert not metadata._title_like("Prepared by Ann Woodlief, Virginia Commonwealth University")
    assert metadata._title_like("Talks go on in the spring")


def test_a_heading_sharing_no_word_with_the_page_title_gives_way_to_it_unless_bylined():
    head = "Talks go on in the spring | The Daily Site\n\nMenu\n\nShare Close extra sharing options\n\n"
    assert extract(source(head + BODY)).title == "Talks go on in the spring"
    bylined = "Talks go on in the spring | The Daily Site\n\nMenu\n\nPutin attends the summit in Minsk\n\nBy Jane Doe\n\n"
    assert extract(source(bylined + BODY)).title == "Putin attends the summit in Minsk"


def test_a_note_the_site_appends_to_its_titles_does_not_hide_the_headline():
    """eHow-style "How to X (with Pictures) | Site": the page shows "How to X", and a related link
    sharing most of the title's words ("How to X With Other Things") is not the headline."""
    page = ("How to Build a Terrarium (with Pictures) | Example How-To\n\nHow to Build a Terrarium\n\nBy Jane Doe\n\n"
            "Other People Are Reading\n\nHow to Build a Terrarium With Succulent Plants\n\nStep 1\n\n" + BODY)
    assert extract(source(page)).title == "How to Build a Terrarium"


@pytest.mark.parametrize("below", ["by Staff Writer October 10, 2023", "October 10, 2023"])
def test_the_headline_is_never_its_own_author(below):
    """A headline of capitalised words next to the date looked like a byline's name line: the article
    was credited to "Parliament Passes Budget" (and the authors' index listed it)."""
    ex = extract(source(f"Parliament Passes Budget\n\n{below}\n\n" + BODY))
    assert ex.title == "Parliament Passes Budget" and ex.authors == ()
    named = extract(source(f"Parliament Passes Budget\n\nAnna Kowalska\n\n{below}\n\n" + BODY))
    assert named.authors == ("Anna Kowalska",)


# --- An HTML page's title without its site's name ----------------------------------------


def html_source(title: str, head: str = "", h1: str = "") -> SourceFile:
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    # Pages declare the same title as og:title, which trafilatura takes as it is.
    page = (f'<html><head><title>{title}</title><meta property="og:title" content="{title}">{head}</head><body><article>'
            f"{f'<h1>{h1}</h1>' if h1 else ''}{paragraphs}</article></body></html>")
    return SourceFile(source="corpus/page.html", name="page.html", kind="html", text=page, sha256="0")


@pytest.mark.parametrize(("title", "head", "h1", "expected"), [
    # The publisher's name, or its start, at either end.
    ("Talks go on in the spring | Daily Example", '<meta property="og:site_name" content="Daily Example">', "", "Talks go on in the spring"),
    ("Talks go on - in the spring - Example", '<meta property="og:site_name" content="Example Media Group">', "", "Talks go on - in the spring"),
    ("Daily Example: Talks go on in the spring", '<meta property="og:site_name" content="Daily Example">', "", "Talks go on in the spring"),
    # The rest is the page's own heading: a section or an author's name is cut off.
    ("Opinion | Talks go on in the spring", "", "Talks go on in the spring", "Talks go on in the spring"),
    # Kept whole: the h1 is the whole title; a colon inside a headline; the h1 is the site's logo.
    ("Talks go on - in the spring", '<meta property="og:site_name" content="Talks">', "Talks go on - in the spring", "Talks go on - in the spring"),
    ("Fact check: talks go on in the spring", '<meta property="og:site_name" content="Daily Example">', "", "Fact check: talks go on in the spring"),
    ("Talks go on in the spring :: Example", "", "Example", "Talks go on in the spring :: Example"),
])
def test_an_html_title_loses_its_site_name(title, head, h1, expected):
    assert extract(html_source(title, head, h1)).title == expected
