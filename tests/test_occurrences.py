"""Every occurrence of an entity's names: counted, listed beside its page, found where NER missed it."""

from __future__ import annotations

import json
from pathlib import Path


def seed_wiki(seed_site: Path) -> dict:
    return json.loads((seed_site / "site" / "wiki.json").read_text("utf-8"))


def test_seed_mention_lists_hold_every_counted_occurrence(seed_site: Path):
    entities = seed_wiki(seed_site)["entities"]
    assert entities
    for entity in entities:
        data = json.loads((seed_site / "site" / "entities" / entity["id"] / "mentions.json").read_text("utf-8"))
        rows = [dict(zip(data["columns"], row)) for row in data["rows"]]
        per_article: dict[str, int] = {}
        for row in rows:
            per_article[row["article_id"]] = per_article.get(row["article_id"], 0) + row["mentions"]
        assert per_article == entity["mentions"], entity["name"]
    lukashenko = next(e for e in entities if e["name"] == "Alexander Lukashenko")
    assert sum(lukashenko["mentions"].values()) == 85
    data = json.loads((seed_site / "site" / "entities" / lukashenko["id"] / "mentions.json").read_text("utf-8"))
    assert sum(row[data["columns"].index("mentions")] for row in data["rows"]) == 85


# ---------------------------------------------------------------- names NER missed in an article

from newswiki.models import Mention  # noqa: E402
from newswiki.resolve import resolve  # noqa: E402
from tests.test_resolve import mentions_in  # noqa: E402


def run(articles: dict[str, tuple[str, list[tuple[str, str]]]]):
    mentions = {aid: mentions_in(aid, text, spans) for aid, (text, spans) in articles.items()}
    return resolve(mentions, {aid: text for aid, (text, _) in articles.items()})


def test_a_name_tagged_elsewhere_is_found_where_ner_missed_it_but_not_inside_another_name():
    tagged = {
        "a": ("Reuters reported that the Collective Security Treaty Organization met. Reuters said more.",
              [("Reuters", "ORG"), ("Collective Security Treaty Organization", "ORG"), ("Reuters", "ORG")]),
        "b": ("Reuters wrote about Minsk. Minsk is cold.", [("Reuters", "ORG"), ("Minsk", "GPE"), ("Minsk", "GPE")]),
    }
    text_c = "Officials told Reuters that the Collective Security Treaty Organization would meet in Minsk. Minsk agreed."
    missed = {
        "c": (text_c, [("Minsk", "GPE"), ("Minsk", "GPE")]),
        "d": ("The Reuters Institute wrote it in Minsk. The University of Reuters too.", [("Minsk", "GPE")]),  # in longer names
        "e": ("A reuters of the sea. Reuters is a word here too. Minsk.", [("Minsk", "GPE")]),  # written lower case too
    }
    resolution = run({**tagged, **missed})
    entities = {e.name: e for e in resolution.entities}
    assert entities["Reuters"].mentions.get("c") == 1
    assert "d" not in entities["Reuters"].mentions and "e" not in entities["Reuters"].mentions
    csto = next(e for e in resolution.entities if "Collective Security Treaty Organization" in (e.name, *e.aliases))
    assert csto.mentions.get("c") == 1
    # Each occurrence counted is kept, with its sentence where NER did not tag it.
    reuters = resolution.occurrences["c"][entities["Reuters"].id]
    assert resolution.untagged["c"][reuters[0]] == ("Reuters", text_c.split(". ")[0] + ".")
    assert len(resolution.occurrences["c"][entities["Minsk"].id]) == entities["Minsk"].mentions["c"] == 2


def test_a_person_tagged_as_a_place_is_a_person_when_named_again_by_surname_or_listed_with_one():
    text = "The founders Merav Eitan and Gaston Zahr direct the festival. Eitan and Zahr made the dandelions."
    film = "The films include King Kong and Avatar. The land was named Nova Zeelandia by cartographers."
    duo = "Ivana Jelić and Pavle Petrović (Serbia) made Starry Night. Amsterdam hosts it."
    resolution = run({
        "a": (text, [("Merav Eitan", "GPE"), ("Gaston Zahr", "PERSON")]),
        "b": (film, [("King Kong", "GPE"), ("Nova Zeelandia", "GPE")]),
        "c": (duo, [("Ivana Jelić", "PERSON"), ("Pavle Petrović", "GPE"), ("Serbia", "GPE"), ("Amsterdam", "GPE")]),
    })
    entities = {e.name: e for e in resolution.entities}
    assert entities["Merav Eitan"].type == "person"
    assert entities["Pavle Petrović"].type == "person"  # listed with a person
    assert "King Kong" not in entities and "Nova Zeelandia" not in entities


# ---------------------------------------------------------------- names inside longer names, shared spellings

from newswiki.resolve.occurrences import article_occurrences  # noqa: E402


def occurrences_of(text: str, spans: list[tuple[str, str, str | None]], forms_of: dict[str, tuple[str, ...]], types: dict[str, str]):
    """(spelling, entity id) of each occurrence article_occurrences finds; spans: (text, label, entity id)."""
    found, cursor, owners = [], 0, {}
    for span, label, entity_id in spans:
        start = text.index(span, cursor)
        cursor = start + len(span)
        found.append(Mention("a", span, label, start, start + len(span), text))
        if entity_id:
            owners[("a", start)] = entity_id
    hits = article_occurrences(text, sorted(forms_of), found, owners, forms_of, types)
    return [(text[h.start : h.end], h.entity_id) for h in hits]


def test_a_name_opening_a_longer_capitalised_name_is_not_its_mention_even_where_ner_cut_the_span():
    text = ("Georgia O'Keeffe painted in New Mexico, not in Georgia. The Xbox One sold well; Microsoft made the Xbox. "
            "Florida Man stories are not about Florida. The CSTO Permanent Council met; the CSTO agreed.\n"
            "Putin Meets Lukashenko In Minsk\nThe Putin-Lukashenko Summit ended. The creator of the Wagner Group Vladimir Putin spoke.")
    spans = [("Georgia", "GPE", "georgia"), ("Georgia", "GPE", "georgia"), ("Xbox One", "PRODUCT", None),
             ("Xbox", "ORG", "xbox"), ("Florida", "GPE", "florida"), ("Florida", "GPE", "florida"),
             ("CSTO Permanent Council", "ORG", None), ("CSTO", "ORG", "csto"), ("Putin", "PERSON", "putin"),
             ("Putin-Lukashenko Summit", "EVENT", None), ("Wagner Group", "ORG", "wagner"), ("Vladimir Putin", "PERSON", "putin")]
    forms = {"georgia": ("Georgia",), "xbox": ("Xbox",), "florida": ("Florida",), "csto": ("CSTO",), "putin": ("Putin", "Vladimir Putin"), "wagner": ("Wagner Group",)}
    types = {"georgia": "place", "xbox": "organization", "florida": "place", "csto": "organization", "putin": "person", "wagner": "organization"}
    found = occurrences_of(text, spans, forms, types)
    assert found.count(("Georgia", "georgia")) == 1  # "not in Georgia", never "Georgia O'Keeffe"
    assert found.count(("Xbox", "xbox")) == 1  # "made the Xbox", never inside the tagged "Xbox One"
    assert found.count(("Florida", "florida")) == 1  # "Florida Man" is no mention of the state
    assert found.count(("CSTO", "csto")) == 2  # an organisation's acronym opening its council's name
    assert found.count(("Putin", "putin")) == 2  # a headline capitalises every word; a compound names each
    assert ("Wagner Group", "wagner") in found  # another name of the article after it


def test_a_spelling_two_entities_share_goes_where_ner_tagged_it():
    text = "New York is big. The governor of New York State spoke. New York grew."
    spans = [("New York", "GPE", "new-york-city"), ("New York State", "GPE", "new-york-state"), ("New York", "GPE", "new-york-city")]
    forms = {"new-york-city": ("New York",), "new-york-state": ("New York", "New York State")}
    found = occurrences_of(text, spans, forms, {"new-york-city": "place", "new-york-state": "place"})
    assert found == [("New York", "new-york-city"), ("New York State", "new-york-state"), ("New York", "new-york-city")]


def test_a_persons_surname_alone_counts_for_the_person_where_ner_tagged_only_the_full_name():
    resolution = run({
        "a": ("Armenian Prime Minister Nikol Pashinyan met the press in Zurich. Pashinyan said the talks went well. "
              "Later Pashinyan left. Richard John spoke too. John said nothing more.",
              [("Nikol Pashinyan", "PERSON"), ("Zurich", "GPE"), ("Richard John", "PERSON")]),
        "b": ("George Washington was the first president. Washington is also a city. Washington grew.",
              [("George Washington", "PERSON"), ("Washington", "GPE"), ("Washington", "GPE")]),
    })
    entities = {e.name: e for e in resolution.entities}
    assert entities["Nikol Pashinyan"].mentions == {"a": 3}
    assert entities["Richard John"].mentions == {"a": 1}  # "John" is a given name, not his surname alone
    assert entities["George Washington"].mentions == {"b": 1}  # another entity's name stays that entity's
    assert entities["Washington"].mentions == {"b": 2}
