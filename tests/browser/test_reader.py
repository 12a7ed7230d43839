"""A reader's path through the seed wiki in headless Chromium: home, article, entity, search, graph.

Every page is watched: a console error or a request leaving 127.0.0.1 fails the test.
Screenshots go to tests/artifacts/screenshots/ for a person to look at.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from newswiki.charts import search_spellings
from newswiki.models import Entity
from tests.browser.conftest import TIMEOUT_MS, shot

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def wiki(reader_site: Path) -> dict:
    return json.loads((reader_site / "site" / "wiki.json").read_text("utf-8"))


def alias_to_search(data: dict) -> tuple[str, dict]:
    """An alias a reader would type that is not simply the page's own title: Lukashenka when the
    seeds have it, else the first such alias that belongs to one entity only."""
    owners: dict[str, list[dict]] = {}
    for entity in data["entities"]:
        for alias in entity["aliases"]:
            owners.setdefault(alias.casefold(), []).append(entity)
    candidates = [
        (alias, entity)
        for entity in data["entities"]
        for alias in entity["aliases"]
        if len(owners[alias.casefold()]) == 1 and alias.casefold() not in entity["name"].casefold()
    ]
    assert candidates, "no entity in wiki.json has an alias to search for"
    preferred = [c for c in candidates if c[0] == "Lukashenka"]
    return (preferred or sorted(candidates, key=lambda c: (-sum(c[1]["mentions"].values()), c[0])))[0]


def search(page, query: str) -> list[str]:
    """Type into Material's search box; the result links, best first."""
    page.keyboard.press("/")  # Material's shortcut to the search box, as a keyboard user would
    box = page.locator(".md-search__input")
    box.fill(query)
    try:
        page.wait_for_selector(".md-search-result__item a", state="attached", timeout=TIMEOUT_MS // 2)
    except PlaywrightTimeout:  # typed before the index was ready on a busy machine: type again
        box.press("End")
        page.wait_for_selector(".md-search-result__item a", state="attached", timeout=TIMEOUT_MS // 2)
    links = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    return [urlsplit(link).path.rstrip("/") for link in links]


def test_home_article_entity_journey(open_page, site_url, reader_site):
    page, _ = open_page()
    page.goto(site_url)
    assert "articles" in page.locator(".md-content").inner_text()
    shot(page, "01-home")
    page.locator(".md-content a[href^='articles/']:not([href='articles/'])").first.click()
    page.wait_for_selector(".nw-byline")
    assert page.locator(".nw-provenance summary").inner_text() == "Provenance"
    shot(page, "02-article")
    chip = page.locator(".nw-entities a.nw-chip").first
    chip.hover()
    page.wait_for_selector("#nw-preview:not([hidden])")
    assert page.locator("#nw-preview strong").inner_text().strip()
    shot(page, "03-article-preview")
    page.keyboard.press("Escape")
    page.wait_for_selector("#nw-preview", state="hidden")
    page.locator(".nw-entities a.nw-chip").nth(1).focus()  # keyboard users get the preview too
    page.wait_for_selector("#nw-preview:not([hidden])")
    name = chip.inner_text().strip()
    chip.click()
    page.wait_for_selector("svg.nw-timeline-chart, .nw-timeline-empty")
    assert name in page.locator("h1").inner_text()
    entity = next(e for e in wiki(reader_site)["entities"] if e["name"] == name)
    links = page.eval_on_selector_all(".md-content a[href*='/articles/']", "els => els.map(e => e.href)")
    for article_id in entity["mentions"]:
        assert any(link.rstrip("/").endswith(f"articles/{article_id}") for link in links), article_id
    snippets = page.locator(".md-content blockquote, .md-content li li")  # quoted or listed under each article
    assert snippets.count() >= 1, "no snippets on the entity page"
    shot(page, "04-entity")


def test_search_finds_entity_by_alias_and_spelling(open_page, site_url, reader_site):
    alias, entity = alias_to_search(wiki(reader_site))
    page, _ = open_page()
    page.goto(site_url)
    results = search(page, alias)
    shot(page, "05-search-alias")
    assert results and results[0].endswith(f"entities/{entity['id']}"), (alias, results[:3])
    record = Entity(entity["id"], entity["name"], entity["type"], tuple(entity["aliases"]), entity["mentions"])
    cyrillic = [s for s in search_spellings(record) if any("\u0400" <= ch <= "\u04ff" for ch in s)]
    if cyrillic:
        page.goto(site_url)
        results = search(page, cyrillic[-1])
        shot(page, "06-search-cyrillic")
        assert results and results[0].endswith(f"entities/{entity['id']}"), (cyrillic[-1], results[:3])


def misspelled(name: str) -> str:
    """The longest word of a name with one letter changed the way readers romanise it (y->i, else a->e)."""
    word = max(name.split(), key=len)
    for old, new in (("y", "i"), ("a", "e"), ("o", "a")):
        at = word.find(old, 1)
        if at > 0:
            return word[:at] + new + word[at + 1 :]
    return word[:-1] + ("a" if word[-1] != "a" else "o")


def test_search_tolerates_a_letter_and_diacritics(open_page, site_url, reader_site):
    entities = [e for e in wiki(reader_site)["entities"] if e["type"] == "person" and max(map(len, e["name"].split())) >= 7]
    person = max(entities, key=lambda e: (sum(e["mentions"].values()), e["id"]))
    page, _ = open_page()
    for query in (misspelled(person["name"]), max(person["name"].split(), key=len).replace("s", "š", 1)):
        page.goto(site_url)
        results = search(page, query)
        assert results and results[0].endswith(f"entities/{person['id']}"), (query, results[:3])
    shot(page, "06b-search-misspelled")


def test_search_finds_articles_by_title_author_and_publisher(open_page, site_url, reader_site):
    articles = wiki(reader_site)["articles"]
    with_author = next(a for a in articles if a["authors"])
    with_publisher = next(a for a in articles if a["publisher"])
    page, _ = open_page()
    page.goto(site_url)
    for query, wanted in ((with_author["title"], with_author), (with_author["authors"][0], with_author),
                          (with_publisher["publisher"], with_publisher)):
        results = search(page, query)
        assert any(r.endswith(f"articles/{wanted['id']}") for r in results[:5]), (query, results[:5])


def test_search_of_a_sharded_index_finds_pages_of_every_shard(open_page, sharded_site_url, reader_site):
    """A large site's index is built in shards (search_index.py); the search box merges them, so the
    alias still puts its entity first and every article is found by its title, whatever its shard."""
    data = wiki(reader_site)
    alias, entity = alias_to_search(data)
    page, _ = open_page()
    page.goto(sharded_site_url)
    results = search(page, alias)
    assert results and results[0].endswith(f"entities/{entity['id']}"), (alias, results[:3])
    for article in data["articles"]:
        page.goto(sharded_site_url)
        results = search(page, article["title"])
        assert any(r.endswith(f"articles/{article['id']}") for r in results[:5]), (article["title"], results[:5])


def test_graph_renders_and_a_click_selects_a_node_with_its_panel(open_page, site_url):
    page, _ = open_page()
    page.goto(site_url + "graph/")
    page.wait_for_function("() => /Showing \\d+ of \\d+/.test(document.getElementById('nw-graph-status').textContent)")
    assert page.locator("#nw-graph canvas").count() >= 1
    # People and organisations by default: places co-occur with everything.
    assert page.evaluate("() => window.nwGraph.nodes().every(n => ['person', 'organization'].includes(n.data('type')))")
    shot(page, "07-graph")
    target = page.evaluate(
        """() => { const n = window.nwGraph.nodes().max(n => n.data('mentions')).ele;
                   const box = document.getElementById('nw-graph').getBoundingClientRect();
                   const p = n.renderedPosition();
                   return {x: box.left + p.x, y: box.top + p.y, id: n.id(), label: n.data('label')}; }"""
    )
    page.mouse.click(target["x"], target["y"])
    page.wait_for_selector(".nw-graph-panel:not([hidden])")
    assert page.locator(".nw-graph-panel h2").inner_text() == target["label"]
    assert "undefined" not in page.locator(".nw-graph-panel").inner_text()
    faded = page.evaluate("() => window.nwGraph.nodes('.nw-faded').length")
    near = page.evaluate(f"() => window.nwGraph.getElementById('{target['id']}').neighborhood('node').length")
    assert near > 0 and faded == page.evaluate("() => window.nwGraph.nodes().length") - near - 1
    shot(page, "07a-graph-selected")
    page.click(".nw-graph-open")
    page.wait_for_url(f"**/entities/{target['id']}/")
    page.click(".nw-graph-link a")  # the entity page links back to its neighbourhood in the graph
    page.wait_for_url(f"**/graph/?focus={target['id']}")
    page.wait_for_function("() => window.nwGraph && window.nwGraph.$(':selected').length === 1")
    neighbours = page.evaluate(f"() => window.nwGraph.getElementById('{target['id']}').neighborhood('node').length")
    assert neighbours == page.evaluate("() => window.nwGraph.nodes().length") - 1 > 0
    shot(page, "07b-graph-focus")
    page.goto(site_url + "graph/")
    page.wait_for_function("() => /Showing/.test(document.getElementById('nw-graph-status').textContent)")
    page.fill("input[name='weight']", "3")
    page.wait_for_function("() => window.nwGraph.edges().every(e => e.data('weight') >= 3)")


def test_on_a_touch_screen_the_graph_takes_gestures_only_after_a_tap(browser, site_url):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(site_url + "graph/")
        page.wait_for_function("() => /Showing/.test(document.getElementById('nw-graph-status').textContent)")
        assert page.evaluate("() => !window.nwGraph.userPanningEnabled() && !window.nwGraph.userZoomingEnabled()")
        page.locator(".nw-graph-touch").tap()
        assert page.evaluate("() => window.nwGraph.userPanningEnabled() && window.nwGraph.userZoomingEnabled()")
        shot(page, "10b-phone-graph-after-tap")
    finally:
        context.close()


def test_phone_sized_and_dark(open_page, site_url, reader_site):
    page, _ = open_page(viewport=PHONE, color_scheme="dark")
    page.goto(site_url)
    shot(page, "08-phone-home-dark")
    entity_path = next(e for e in wiki(reader_site)["entities"] if e["aliases"])["path"]
    page.goto(site_url + entity_path.removesuffix(".md") + "/")
    shot(page, "09-phone-entity-dark")
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"page is {overflow}px wider than a phone screen"
    page.goto(site_url + "graph/")
    page.wait_for_function("() => /Showing/.test(document.getElementById('nw-graph-status').textContent)")
    shot(page, "10-phone-graph-dark")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement !== document.body"), "Tab moves focus nowhere"


def test_feed_is_linked_from_every_page(open_page, site_url):
    page, _ = open_page()
    page.goto(site_url + "articles/")
    href = page.get_attribute("link[rel=alternate][type='application/atom+xml']", "href")
    response = page.request.get(page.evaluate("h => new URL(h, location.href).href", href))
    assert response.ok and b"<feed" in response.body()
