"""An entity page for research, in headless Chromium on the seed site (conftest.reader_site): each
quote's citation copied with the keyboard, the related entities split by type, and the
neighbourhood graph drawn from them.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import TIMEOUT_MS, shot

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
TYPE_GROUPS = {"person": "person", "organization": "organization", "place": "place"}


def wiki(reader_site: Path) -> dict:
    return json.loads((reader_site / "site" / "wiki.json").read_text("utf-8"))


def entity_url(site_url: str, entity: dict) -> str:
    return site_url + entity["path"].removesuffix(".md") + "/"


def cited_case(data: dict) -> tuple[dict, dict]:
    """The most mentioned entity quoting an article that has an address (the reader fixtures give
    one), and that article."""
    with_url = {a["id"]: a for a in data["articles"] if a["url"]}
    assert with_url, "no article with an address among the reader fixtures"
    entities = [e for e in data["entities"] if set(e["mentions"]) & set(with_url)]
    entity = max(entities, key=lambda e: (sum(e["mentions"].values()), e["id"]))
    article = with_url[min(set(entity["mentions"]) & set(with_url))]
    return entity, article


def test_a_quote_s_citation_is_copied_with_the_keyboard(open_page, site_url, reader_site):
    data = wiki(reader_site)
    entity, article = cited_case(data)
    page, _ = open_page()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(entity_url(site_url, entity))
    line = page.locator("#mentioned-in ~ ul > li", has=page.locator(f":scope > a[href*='/{article['id']}/']"))
    quote = line.locator(":scope > ul > li").first
    button = quote.locator("button.nw-cite")
    assert button.get_attribute("aria-label")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => /copied/i.test(document.querySelector('.nw-cite-status').textContent)")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    paragraph = quote.locator(":scope > a").last.evaluate("a => a.href")
    assert urlsplit(paragraph).path.rstrip("/").endswith(article["id"]) and urlsplit(paragraph).fragment.startswith("p")
    sentence = quote.evaluate(
        "li => { const c = li.cloneNode(true); c.querySelectorAll(':scope > a, :scope > button').forEach(n => n.remove());"
        " return c.textContent.replace(/\\s+/g, ' ').trim(); }"
    )
    mentions = json.loads((reader_site / "site" / entity["path"].removesuffix(".md") / "mentions.json").read_text("utf-8"))
    at = {name: i for i, name in enumerate(mentions["columns"])}
    sentences = {" ".join(row[at["sentence"]].split()) for row in mentions["rows"] if row[at["article_id"]] == article["id"]}
    assert sentence in sentences, (sentence, sorted(sentences)[:3])
    # Who wrote it first, as a citation reads (the citation once left the authors out).
    assert article["authors"], "the cited article should name its authors"
    parts = [" and ".join(article["authors"]), f"“{article['title']}”"] + ([article["publisher"]] if article["publisher"] else [])
    parts += [article["published"] or "undated", article["url"]]
    assert copied == f"“{sentence}” — {', '.join(parts)}; paragraph: {paragraph}", copied
    shot(page, "42-entity-citation-copied")


def test_related_entities_are_split_by_type_and_drawn_around_the_entity(open_page, site_url, reader_site):
    data = wiki(reader_site)
    types = {e["id"]: e["type"] for e in data["entities"]}
    entity = max(data["entities"], key=lambda e: (sum(e["mentions"].values()), e["id"]))
    page, _ = open_page()
    page.goto(entity_url(site_url, entity))
    groups = page.eval_on_selector_all(
        ".nw-related[data-nw-type]",
        "gs => gs.map(g => [g.dataset.nwType, g.querySelector('h3').textContent.trim(),"
        " [...g.querySelectorAll('a[data-nw-shared]')].map(a => [a.href, +a.dataset.nwShared])])",
    )
    assert len(groups) >= 2, groups
    listed = []
    for group_type, heading, links in groups:
        assert links and heading
        for href, shared in links:
            other = urlsplit(href).path.rstrip("/").rsplit("/", 1)[-1]
            assert TYPE_GROUPS.get(types[other], "other") == group_type, (other, group_type)
            assert shared >= 1
            listed.append(href)
    # The neighbourhood graph: one node per related entity, linking to its page, drawn as one image.
    chart = page.locator("figure.nw-neighbourhood svg")
    chart.wait_for(timeout=TIMEOUT_MS)
    assert chart.get_attribute("role") == "img" and chart.get_attribute("aria-label")
    nodes = page.eval_on_selector_all(".nw-neighbourhood-node", "ns => ns.map(n => n.dataset.href)")
    assert nodes == listed
    assert page.locator(".nw-neighbourhood-node circle").first.evaluate("c => c.getAttribute('fill')") is not None
    shot(page, "43-entity-neighbourhood")
    page.locator(".nw-neighbourhood-node circle").first.click()
    page.wait_for_url(listed[0])


def test_on_a_phone_the_neighbourhood_graph_fits_and_lets_the_page_scroll(browser, site_url, reader_site):
    data = wiki(reader_site)
    entity = max(data["entities"], key=lambda e: (sum(e["mentions"].values()), e["id"]))
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(entity_url(site_url, entity))
        chart = page.locator("figure.nw-neighbourhood svg")
        chart.scroll_into_view_if_needed()
        box = chart.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
        assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 1
        # No gesture is taken: the chart sets no touch-action of its own, so a swipe over it scrolls.
        assert chart.evaluate("s => getComputedStyle(s).touchAction") in ("auto", "")
        shot(page, "44-phone-entity-neighbourhood")
    finally:
        context.close()
