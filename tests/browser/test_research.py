"""A researcher's path in headless Chromium: a search that lands on the sentence, furniture kept out
of search, the keyboard in the search dialog, a Russian article, every mention of an entity and its
CSV, and axe-core's accessibility rules on each kind of page.

The site is the seed corpus plus tests/fixtures/reader (conftest.reader_site), built once.
Screenshots (desktop and a 390x844 phone) go to tests/artifacts/screenshots/.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import TIMEOUT_MS, shot

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
#: axe-core impact levels that fail a page.
BLOCKING = ("serious", "critical")


def wiki(reader_site: Path) -> dict:
    return json.loads((reader_site / "site" / "wiki.json").read_text("utf-8"))


def open_search(page) -> None:
    page.keyboard.press("/")  # Material's shortcut, as a keyboard user would
    page.wait_for_function("() => document.getElementById('__search').checked")


def search(page, query: str, expect_results: bool = True) -> list[str]:
    """Type into the search box; the result links (best first), or [] once "no results" is said."""
    open_search(page)
    box = page.locator(".md-search__input")
    box.fill(query)
    if expect_results:
        page.wait_for_selector(".md-search-result__item a", state="attached", timeout=TIMEOUT_MS)
    else:
        none = page.locator(".md-search-result__meta").get_attribute("data-nw-none")
        page.wait_for_function(
            "t => document.querySelector('.md-search-result__meta').textContent.trim() === t", arg=none, timeout=TIMEOUT_MS
        )
    return page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")


def body_word(reader_site: Path) -> tuple[str, dict, str]:
    """A word whose stem (its first 7 letters) occurs once in the whole site's article text, deep in
    an English seed article: (word, article record, the id of its paragraph)."""
    data = wiki(reader_site)
    texts = {}
    for article in data["articles"]:
        html = (reader_site / "site" / article["path"].removesuffix(".md") / "index.html").read_text("utf-8")
        texts[article["id"]] = html
    counts: dict[str, int] = {}
    for html in texts.values():
        for word in re.findall(r"\b[a-z]{7,}", re.sub(r"<[^>]+>", " ", html)):
            counts[word[:7]] = counts.get(word[:7], 0) + 1
    for article in sorted(data["articles"], key=lambda a: a["id"]):
        paragraphs = re.findall(r'<p id="(p\d+)">(.*?)</p>', texts[article["id"]], re.S)
        for pid, text in paragraphs[6:]:
            plain = re.sub(r"<[^>]+>", " ", text)
            for word in re.findall(r"\b[a-z]{9,14}\b", plain):
                if counts.get(word[:7]) == 1:
                    return word, article, pid
    raise AssertionError("no word found only once, deep in an article")


def test_a_body_word_search_lands_on_the_highlighted_sentence(open_page, site_url, reader_site):
    word, article, paragraph = body_word(reader_site)
    page, _ = open_page()
    page.goto(site_url)
    links = search(page, word)
    assert links and urlsplit(links[0]).path.rstrip("/").endswith(f"articles/{article['id']}"), (word, links[:3])
    target = urlsplit(links[0])
    assert target.fragment == paragraph and parse_qs(target.query)["nw-highlight"], links[0]
    shot(page, "20-search-body-word")
    page.locator(".md-search-result__item > a").first.click()
    page.wait_for_selector("mark.nw-highlight--first")
    mark = page.locator("mark.nw-highlight--first")
    assert mark.inner_text().lower() == word
    assert mark.evaluate(f"m => m.closest('#{paragraph}') !== null")
    box = mark.bounding_box()
    assert box and 0 <= box["y"] <= DESKTOP["height"], f"the match is off screen: {box}"
    shot(page, "21-landed-on-match")


def test_page_furniture_is_not_searchable(open_page, site_url, reader_site):
    """Provenance, the source file's name, the "In this article" chips: on every article, in no index."""
    data = wiki(reader_site)
    source_hash = Path(data["articles"][0]["source"]).stem.rsplit("_", 1)[-1]
    page, _ = open_page()
    page.goto(site_url)
    for query in ("provenance", source_hash):
        assert search(page, query, expect_results=False) == [], query
        page.keyboard.press("Escape")
    shot(page, "22-search-furniture-none")


def test_arrow_keys_move_through_results_and_focus_stays_in_the_dialog(open_page, site_url):
    page, _ = open_page()
    page.goto(site_url)
    links = search(page, "Belarus")
    assert len(links) >= 3
    assert page.get_attribute(".md-search", "aria-label")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.href") == links[0]
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.href") == links[2]
    page.keyboard.press("ArrowUp")
    assert page.evaluate("() => document.activeElement.href") == links[1]
    shot(page, "23-search-keyboard")
    for _ in range(len(links) + 6):  # once round the dialog and more
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.querySelector('.md-search').contains(document.activeElement)")
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.getElementById('__search').checked")


def test_after_the_search_is_closed_tab_goes_to_something_the_reader_sees(open_page, site_url):
    """Tab through the header into the search box, Escape, Tab: focus went to the search's "Filters",
    hidden with the closed search (no visible focus), before reaching the page."""
    page, _ = open_page()
    page.goto(site_url + "entities/")
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('md-search__input')"):
            break
    assert page.evaluate("() => document.getElementById('__search').checked")
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.getElementById('__search').checked")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const e = document.activeElement; return [e.outerHTML.slice(0, 80),"
        " document.querySelector('.md-search').contains(e), e.checkVisibility({opacityProperty: true, visibilityProperty: true})] }"
    )
    assert focused[1:] == [False, True], focused


def test_exact_and_similar_results_are_labelled_apart_and_filters_narrow(open_page, site_url, reader_site):
    person = max((e for e in wiki(reader_site)["entities"] if e["type"] == "person"), key=lambda e: sum(e["mentions"].values()))
    longest = max(person["name"].split(), key=len)
    typo = longest[:-2] + longest[-1] + longest[-2]  # two letters swapped: no page holds it
    page, _ = open_page()
    page.goto(site_url)
    search(page, longest)
    assert page.locator(".nw-result-similar").count() == 0
    page.goto(site_url)
    search(page, typo)
    assert page.locator(".nw-result-similar").count() >= 1
    assert "similar" in page.locator(".md-search-result__meta").inner_text()
    page.goto(site_url)
    search(page, longest)  # the person's page and the articles that name them
    assert page.locator(".nw-result-about", has_text="Article").count() >= 1
    page.locator(".nw-search-filters summary").click()
    page.wait_for_selector("select[name='type'] option[value='nwftypeperson']", state="attached")
    page.select_option("select[name='type']", "nwftypeperson")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.nw-result-about')].length > 0 && "
        "[...document.querySelectorAll('.nw-result-about')].every(e => e.textContent.includes('Person'))"
    )
    shot(page, "24-search-filtered")


def test_a_russian_article_says_so_and_a_cyrillic_word_of_it_is_found(open_page, site_url, reader_site):
    russian = next(a for a in wiki(reader_site)["articles"] if a["source"].endswith("odkb-minsk-ru.txt"))
    page, _ = open_page()
    page.goto(site_url + russian["path"].removesuffix(".md") + "/")
    assert page.get_attribute("article.md-content__inner", "lang") == "ru"
    assert page.locator("article.md-content__inner h1").inner_text().startswith("Министры ОДКБ")
    page.goto(site_url)
    links = search(page, "миротворческих")
    assert links and urlsplit(links[0]).path.rstrip("/").endswith(f"articles/{russian['id']}"), links[:3]
    shot(page, "25-search-cyrillic-word")
    english = next(a for a in wiki(reader_site)["articles"] if not a["source"].endswith(("-ru.txt", "-ja.txt")))
    page.goto(site_url + english["path"].removesuffix(".md") + "/")
    assert page.get_attribute("article.md-content__inner", "lang") == "en"


def test_an_entity_page_lists_every_mention_and_its_csv_downloads(open_page, site_url, reader_site):
    entity = max(wiki(reader_site)["entities"], key=lambda e: (len(e["mentions"]), sum(e["mentions"].values()), e["id"]))
    total = sum(entity["mentions"].values())
    page, _ = open_page()
    page.goto(site_url + entity["path"].removesuffix(".md") + "/")
    page.locator("details.nw-mentions-all summary").click()
    page.wait_for_selector("details.nw-mentions-all[data-nw-loaded]")
    counts = page.eval_on_selector_all(".nw-mention-list li", "els => els.map(e => +e.dataset.nwMentions)")
    listed_total = sum(counts)
    assert 0 < listed_total <= total, (listed_total, total)
    listed = page.eval_on_selector_all(".nw-mention-list h3 a", "els => els.map(e => e.href)")
    assert {urlsplit(h).path.rstrip("/").rsplit("/", 1)[-1] for h in listed} == set(entity["mentions"])
    shot(page, "26-entity-every-mention")
    publisher = page.locator(".nw-mention-filters select").first
    values = publisher.evaluate("s => [...s.options].map(o => o.value).filter(Boolean)")
    publisher.select_option(values[0])
    shown = page.eval_on_selector_all(".nw-mention-list h3", "els => els.map(e => e.textContent)")
    assert shown and all(values[0] in text for text in shown)
    with page.expect_download() as info:
        page.locator("a.nw-download-csv").click()
    download = info.value
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text("utf-8"))))
    assert sum(int(r["mentions"]) for r in rows) == listed_total
    assert {r["article_id"] for r in rows} == set(entity["mentions"])
    assert download.suggested_filename.endswith(".csv")


def axe_blocking(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def page_kinds(data: dict, article: dict) -> dict[str, str]:
    """Each kind of page to look at, by its site path: home, the given article, the most mentioned
    entity and the graph."""
    entity = max(data["entities"], key=lambda e: sum(e["mentions"].values()))
    return {
        "home": "",
        "article": article["path"].removesuffix(".md") + "/",
        "entity": entity["path"].removesuffix(".md") + "/",
        "graph": "graph/",
    }


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_serious_on_each_kind_of_page(open_page, site_url, reader_site, scheme):
    data = wiki(reader_site)
    article = next(a for a in data["articles"] if not a["source"].endswith(("-ru.txt", "-ja.txt")))
    pages = page_kinds(data, article)
    page, _ = open_page(color_scheme=scheme)
    found = {}
    for kind, path in pages.items():
        page.goto(site_url + path)
        if kind == "graph":
            page.wait_for_function("() => /Showing/.test(document.getElementById('nw-graph-status').textContent)")
        found[kind] = axe_blocking(page)
    page.goto(site_url)
    search(page, "Belarus")
    found["search dialog"] = axe_blocking(page)
    assert not any(found.values()), found


def headings(reader_site: Path, article: dict) -> int:
    return (reader_site / "site" / article["path"].removesuffix(".md") / "index.html").read_text("utf-8").count("<h2")


def test_screenshots_of_each_kind_of_page_on_a_phone_and_a_desktop(open_page, site_url, reader_site):
    data = wiki(reader_site)
    article = max(data["articles"], key=lambda a: (headings(reader_site, a), a["id"]))
    pages = page_kinds(data, article)
    for device, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        page, _ = open_page(viewport=viewport)
        for kind, path in pages.items():
            page.goto(site_url + path)
            if kind == "graph":
                page.wait_for_function("() => /Showing/.test(document.getElementById('nw-graph-status').textContent)")
            shot(page, f"30-{device}-{kind}")
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{kind} is {overflow}px wider than the {device} screen"
        page.goto(site_url + pages["article"])
        if device == "phone":
            # The first line of the article's text is on the first screen: chips in small type, provenance at the foot.
            top = page.evaluate("() => document.querySelector('.nw-facets').nextElementSibling.getBoundingClientRect().top")
            assert top < PHONE["height"] * 0.6, top
            assert page.locator("details.nw-contents").is_visible()
        else:
            assert not page.locator("details.nw-contents").is_visible()
        page.goto(site_url)
        search(page, "Belarus")
        shot(page, f"30-{device}-search")
