"""Search and an entity's spellings, in headless Chromium on the seed site (conftest.reader_site):
one attested spelling finds the articles that use another (query expansion over the names the
sources use), and the machine transliterations an entity page is searchable by never show.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.browser.conftest import shot
from tests.browser.test_research import search

pytestmark = pytest.mark.browser


def wiki(reader_site: Path) -> dict:
    return json.loads((reader_site / "site" / "wiki.json").read_text("utf-8"))


def page_text(reader_site: Path, path: str) -> str:
    """The text of a built page's content (path: its Markdown path in docs/)."""
    html = (reader_site / "site" / path.removesuffix(".md") / "index.html").read_text("utf-8")
    content = html.split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", content))


def has_name(text: str, name: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


def spelling_case(reader_site: Path) -> tuple[dict, str, dict, str]:
    """(entity, a name its sources use, an article of it that never writes that name, the name the
    article writes instead): the most mentioned such case, so the test does not hang on one seed."""
    data = wiki(reader_site)
    articles = {a["id"]: a for a in data["articles"]}
    cases = []
    for entity in data["entities"]:
        names = [entity["name"], *entity["aliases"]]
        for aid in sorted(entity["mentions"]):
            text = page_text(reader_site, articles[aid]["path"])
            written = [n for n in names if has_name(text, n)]
            for typed in names:
                if len(typed.split()) == 1 and written and not any(has_name(text, w) for w in typed.split()):
                    cases.append((sum(entity["mentions"].values()), entity["id"], typed, aid, written[0]))
    assert cases, "no entity with an article that writes another of its names"
    _, entity_id, typed, aid, written = max(cases)
    entity = next(e for e in data["entities"] if e["id"] == entity_id)
    return entity, typed, articles[aid], written


def result_path(link: str) -> str:
    return urlsplit(link).path.strip("/")


def test_one_spelling_finds_articles_written_with_another(open_page, site_url, reader_site):
    entity, typed, article, written = spelling_case(reader_site)
    page, _ = open_page()
    page.goto(site_url)
    links = search(page, typed)
    paths = [result_path(link) for link in links]
    assert paths[0] == entity["path"].removesuffix(".md"), (typed, paths)
    assert article["path"].removesuffix(".md") in paths, (typed, written, paths)
    # The result says under which of the entity's names it was found, and the landing marks it.
    item = page.locator(".md-search-result__item", has=page.locator(f"a[href*='/{article['id']}/']"))
    assert item.locator(".nw-result-spelling").inner_text().startswith("spelled ")
    spelled = item.locator(".nw-result-spelling").inner_text().removeprefix("spelled ")
    assert spelled in [entity["name"], *entity["aliases"]] and spelled != typed
    shot(page, "40-search-other-spelling")
    item.locator("a").first.click()
    page.wait_for_selector("mark.nw-highlight--first")
    marked = page.locator("mark.nw-highlight--first").inner_text().lower()
    assert any(word.lower() in marked for word in spelled.split()), (marked, spelled)


def hidden_spellings(reader_site: Path, entity: dict) -> list[str]:
    html = (reader_site / "site" / entity["path"].removesuffix(".md") / "index.html").read_text("utf-8")
    hidden = re.search(r'<p [^>]*nw-hidden-spellings[^>]*>(.*?)</p>', html, re.S)
    assert hidden, entity["id"]
    text = " ".join(w for w in re.sub(r"<[^>]+>", " ", hidden.group(1)).split() if not w.startswith("nwf"))
    return [s.strip() for s in text.split(",") if s.strip()]


def test_hidden_spellings_find_the_entity_but_never_show(open_page, site_url, reader_site):
    entity, *_ = spelling_case(reader_site)
    spellings = hidden_spellings(reader_site, entity)
    cyrillic = max((s for s in spellings if re.search(r"[а-яА-Я]", s)), key=lambda s: (len(s.split()), s))
    page, _ = open_page()
    page.goto(site_url + entity["path"].removesuffix(".md") + "/")
    assert not page.locator(".nw-hidden-spellings").is_visible()
    assert "searchable as" not in page.locator("article.md-content__inner").inner_text()
    page.goto(site_url)
    links = search(page, cyrillic)
    assert result_path(links[0]) == entity["path"].removesuffix(".md"), (cyrillic, links)
    excerpt = page.locator(".md-search-result__item").first.inner_text()
    shown = [s for s in spellings if s in excerpt]
    assert not shown and "nwf" not in excerpt and "searchable as" not in excerpt, excerpt
    # A transliteration is no attested name: it widens nothing.
    assert page.locator(".nw-result-spelling").count() == 0
    # Landing from it marks nothing hidden.
    assert not set(parse_qs(urlsplit(links[0]).query).get("nw-highlight", [])) & set(spellings), links[0]
    shot(page, "41-search-hidden-spelling")
