"""Search in a language written without spaces, in headless Chromium on the seed site plus the
reader fixtures (conftest.reader_site): a word from the middle of a Japanese title finds its
article, from an English page (tests/test_search_index.py checks that English pages keep their
English, stemmed index beside it).
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import shot
from tests.browser.test_research import search

pytestmark = pytest.mark.browser
#: A word inside the Japanese fixture's title (no space or punctuation on either side of it), and
#: one inside its body.
TITLE_WORD = "ミンスク"
BODY_WORD = "平和維持部隊"


def japanese_article(reader_site: Path) -> dict:
    data = json.loads((reader_site / "site" / "wiki.json").read_text("utf-8"))
    return next(a for a in data["articles"] if a["source"].endswith("csto-minsk-ja.txt"))


def test_a_japanese_title_word_finds_its_article(open_page, site_url, reader_site):
    article = japanese_article(reader_site)
    assert TITLE_WORD in article["title"] and not article["title"].startswith(TITLE_WORD)
    page, _ = open_page()
    page.goto(site_url + article["path"].removesuffix(".md") + "/")
    assert page.get_attribute("article.md-content__inner", "lang") == "ja"
    assert page.get_attribute("html", "lang") == "en"  # the page's chrome stays in the site's language
    for word in (TITLE_WORD, BODY_WORD):
        page.goto(site_url)
        links = search(page, word)
        assert links and urlsplit(links[0]).path.strip("/") == article["path"].removesuffix(".md"), (word, links[:3])
        mark = page.locator(".md-search-result__item").first.locator("mark").first
        assert mark.inner_text() in word
        shot(page, "45-search-japanese-word")

