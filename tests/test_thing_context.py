"""Products, works and events told by the words around their mentions (resolve/thing_context.py, issue
19), each rule on text that real spaCy tags: the fixtures are written for these tests, and each first
checks how NER tagged the name, so a rule is shown deciding against the vote it overrides."""

from __future__ import annotations

import pytest

from newswiki.models import Mention
from newswiki.resolve.thing_context import named_as_a_time, thing_kind
from tests.test_entity_types import resolved

TEXTS = {
    # A program NER tags PERSON, installed and written with its version numbers.
    "release": (
        "Developers can now install Jasper Quill on Linux. Jasper Quill 2.3 fixes the login bug, and Jasper Quill "
        "2.4 will add themes."
    ),
    "review": "The app Jasper Quill now has dark mode. Jasper Quill 2.3 fixes the login bug.",
    # A film NER tags PERSON, named by its noun and by what films do.
    "premiere": "The film Harriet Vane premiered in May. Harriet Vane grossed $40 million, and critics loved Harriet Vane.",
    "listings": "The film Harriet Vane opens in Paris on Friday.",
    # A game whose whole title NER tags PRODUCT, and its name without the number PERSON.
    "launch": (
        "Fans lined up to buy Halo Infinite 2 at launch. Halo Infinite is a great game, and critics said Halo "
        "Infinite was too short."
    ),
    "shops": "Shops in Chicago said fans lined up to buy Halo Infinite 2 at launch.",
    # A festival NER tags GPE in two articles (which no gazetteer knows): named as a time.
    "smog": "Pollution peaked during Diwali, the festival of lights. Officials banned firecrackers ahead of Diwali.",
    "air": "Since Diwali, the air quality has plunged. Shops were busy during Diwali.",
}


@pytest.fixture(scope="module")
def built():
    labels, resolution = resolved(TEXTS)
    types = {e.name: e.type for e in resolution.entities} | {d.text: d.label for d in resolution.dropped}
    return labels, {e.name: e for e in resolution.entities}, types


def test_a_name_installed_and_written_with_versions_is_a_product(built):
    labels, entities, _ = built
    assert labels["Jasper Quill"] == {"PERSON"}
    assert entities["Jasper Quill"].type == "product"
    assert entities["Jasper Quill"].mentions == {"release": 3, "review": 2}


def test_a_name_after_the_noun_film_that_premiered_and_grossed_is_a_work(built):
    labels, entities, _ = built
    assert labels["Harriet Vane"] == {"PERSON"}
    assert entities["Harriet Vane"].type == "work"


def test_a_name_that_begins_a_title_ner_tags_a_product_is_that_product(built):
    labels, _, types = built
    assert labels["Halo Infinite 2"] == {"PRODUCT"}  # no candidate: a span with digits
    assert labels["Halo Infinite"] == {"PERSON"}
    assert types["Halo Infinite"] == "product"  # named in one article: a product without a page


def test_a_name_tagged_gpe_written_after_during_is_an_event(built):
    labels, entities, _ = built
    assert labels["Diwali"] == {"GPE"}
    assert entities["Diwali"].type == "event"  # not an organisation, as a "place" of several articles no gazetteer knows is
    assert entities["Chicago"].type == "place"


def mention(sentence: str, name: str) -> Mention:
    return Mention("a", name, "PERSON", 0, len(name), sentence)


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        ("The film Dunkirk premiered in July.", "Dunkirk", "work"),
        ("Her 2019 novel Quiet Harbour was a hit.", "Quiet Harbour", "work"),
        ("Download Signal Lumen from the store.", "Signal Lumen", "product"),
        ("The Jasper Quill app crashed.", "Jasper Quill", "product"),
        ("Wild Rose, starring Jessie Buckley, opens today.", "Wild Rose", "work"),
        # what people and places are written with
        ("The book Jane Smith wrote in 2010 sold well.", "Jane Smith", None),
        ("The Trump administration said no.", "Trump", None),
        ("A film starring Jessie Buckley opens today.", "Jessie Buckley", None),
        ("He downloaded Jane Smith's album.", "Jane Smith", None),
        ("The Paris office is closed.", "Paris", None),
        ("Smith was not available for comment.", "Smith", None),
    ],
)
def test_the_words_around_one_mention(sentence, name, kind):
    assert thing_kind(mention(sentence, name)) == kind


@pytest.mark.parametrize(
    ("sentences", "name", "event"),
    [
        (["Pollution peaked during Diwali, the festival of lights.", "Diwali is in November."], "Diwali", True),
        (["Shops close during the Diwali holidays.", "Diwali is in November."], "Diwali", False),
        (["Hamilton finished ahead of Ferrari.", "Ferrari said little."], "Ferrari", False),
        (["Talks stalled during Apple's event.", "Apple said little."], "Apple", False),
    ],
)
def test_a_name_written_after_during(sentences, name, event):
    assert named_as_a_time([Mention("a", name, "GPE", 0, len(name), sentence) for sentence in sentences]) is event
