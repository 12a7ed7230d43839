"""What a reader sees fit, in headless Chromium on the seed site (conftest.reader_site): an entity's
search result reads as its summary, the entity chips of an article stay on the screen of a phone,
and an entity page's count tables keep names readable on a wide screen.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser.conftest import shot
from tests.browser.test_reader import alias_to_search, search

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
#: The labels of an entity page's lead (render.entity_page): an excerpt must not begin inside one.
LABELS = ("Titles seen with the name:", "Also known as:")
#: Longer than a phone's screen is wide, as an organisation's full name can be.
LONG_NAME = "Georgian Foundation For Strategic and International Studies and the Caspian Institute for Strategic Studies"


def wiki(reader_site: Path) -> dict:
    return json.loads((reader_site / "site" / "wiki.json").read_text("utf-8"))


def label_fragment(text: str) -> str:
    """The end of one of the LABELS that text begins with ("name: President"), or ""."""
    words = text.split()
    for label in LABELS:
        parts = label.split()
        for cut in range(1, len(parts)):
            if words[: len(parts) - cut] == parts[cut:]:
                return " ".join(parts[cut:])
    return ""


def test_label_fragment_finds_the_end_of_a_label():
    assert label_fragment("name: President. Also known as: Lukashenka") == "name:"
    assert label_fragment("known as: Lukashenka") == "known as:"
    assert label_fragment("President; also known as Lukashenka.") == ""


def test_an_entity_result_reads_as_the_entity_s_summary(open_page, site_url, reader_site):
    alias, entity = alias_to_search(wiki(reader_site))
    page, _ = open_page()
    page.goto(site_url)
    results = search(page, alias)
    assert results and results[0].endswith(f"entities/{entity['id']}"), (alias, results[:3])
    result = page.locator(".md-search-result__item").first
    excerpt = result.locator("article > p:not(.nw-result-about)")
    text = " ".join(excerpt.inner_text().split())
    shot(page, "50-search-entity-summary")
    assert not label_fragment(text), text
    assert text[:1].isupper(), text
    # Who it is and how much the wiki says of it, with the name typed marked.
    total, articles = sum(entity["mentions"].values()), len(entity["mentions"])
    assert f"Mentioned {total} times in {articles} articles" in text, text
    marked = excerpt.locator("mark").all_inner_texts()
    assert alias in marked, (alias, marked, text)  # the word alone, not "Lukashenka," with its comma


def most_chipped_article(data: dict) -> dict:
    """The article naming the most entities: the fullest row of chips."""
    named: dict[str, int] = {}
    for entity in data["entities"]:
        for aid in entity["mentions"]:
            named[aid] = named.get(aid, 0) + 1
    return max(data["articles"], key=lambda a: (named.get(a["id"], 0), a["id"]))


#: Chips (or their "and N more" link) not wholly inside the chips' box, or that box not on the screen.
CHIPS_OUTSIDE = """() => {
  const box = document.querySelector('.nw-entities');
  const r = box.getBoundingClientRect();
  const width = document.documentElement.clientWidth;
  const out = [...box.querySelectorAll('a')].filter(a => { const c = a.getBoundingClientRect();
    return c.left < r.left - 0.5 || c.right > r.right + 0.5 || c.right > width + 0.5; });
  return (r.left < 0 || r.right > width + 0.5 ? ['.nw-entities'] : []).concat(out.map(a => a.textContent));
}"""
OVERFLOW = "() => document.documentElement.scrollWidth - window.innerWidth"


@pytest.mark.parametrize(("viewport", "name"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_the_entity_chips_of_an_article_stay_on_the_screen(open_page, site_url, reader_site, viewport, name):
    article = most_chipped_article(wiki(reader_site))
    page, _ = open_page(viewport=viewport)
    page.goto(site_url + article["path"].removesuffix(".md") + "/")
    assert page.locator(".nw-entities a.nw-chip").count() >= 5
    shot(page, f"51-{name}-article-chips")
    assert page.evaluate(CHIPS_OUTSIDE) == []
    assert page.evaluate(OVERFLOW) <= 0
    heights = page.eval_on_selector_all(".nw-entities a.nw-chip", "as => as.map(a => a.getBoundingClientRect().height)")
    assert min(heights) >= 24, heights  # a target a finger can tap (WCAG 2.5.8)
    # A name longer than the screen is wide wraps inside its chip.
    page.locator(".nw-entities a.nw-chip").first.evaluate("(a, name) => { a.textContent = name; }", LONG_NAME)
    assert page.evaluate(CHIPS_OUTSIDE) == []
    assert page.evaluate(OVERFLOW) <= 0


#: How many lines the text of each cell of an entity page's count tables takes.
CELL_LINES = """() => [...document.querySelectorAll('.nw-counts td')].map(td => {
  const range = document.createRange();
  range.selectNodeContents(td);
  return [td.textContent.trim(), new Set([...range.getClientRects()].map(r => Math.round(r.bottom))).size];
})"""


def test_an_entity_page_s_count_tables_keep_names_on_a_line_or_two(open_page, site_url, reader_site):
    data = wiki(reader_site)
    entity = max(data["entities"], key=lambda e: (len(e["mentions"]), e["id"]))
    assert len(entity["mentions"]) >= 3
    page, _ = open_page(viewport=DESKTOP)
    page.goto(site_url + entity["path"].removesuffix(".md") + "/")
    page.locator(".nw-counts").scroll_into_view_if_needed()
    shot(page, "52-desktop-entity-counts")
    cells = page.evaluate(CELL_LINES)
    assert cells and max(lines for _, lines in cells) <= 2, sorted(cells, key=lambda c: -c[1])[:3]
    assert page.evaluate(OVERFLOW) <= 0
