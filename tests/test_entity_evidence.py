"""Entity pages a reader can trust (issue 19): each rule on hand-made mentions, then the seeds.

Mentions are written by hand (no model needed), so each test shows the evidence a rule reads.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from newswiki.models import Mention
from newswiki.resolve import resolve


def mentions_in(article_id: str, text: str, spans: list[tuple[str, str]]) -> list[Mention]:
    """Mentions of each (span, label), found left to right in text; each with its own sentence."""
    found, cursor = [], 0
    for span, label in spans:
        start = text.index(span, cursor)
        cursor = start + len(span)
        left = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
        right = text.find(".", start + len(span))
        found.append(Mention(article_id, span, label, start, start + len(span), text[left : right if right > 0 else len(text)]))
    return found


def run(articles: dict[str, tuple[str, list[tuple[str, str]]]]):
    mentions = {aid: mentions_in(aid, text, spans) for aid, (text, spans) in articles.items()}
    return resolve(mentions, {aid: text for aid, (text, _) in articles.items()})


def by_name(resolution):
    return {e.name: e for e in resolution.entities}


def test_every_whole_word_occurrence_of_a_name_is_counted():
    text = (
        "The Collective Security Treaty Organization (CSTO) met in Minsk. The CSTO agreed. "
        "Critics of the CSTO spoke. CSTO members left. The CSTO-led force stayed. CSTOs and NCSTO are other words."
    )
    spans = [("Collective Security Treaty Organization", "ORG"), ("CSTO", "ORG"), ("Minsk", "GPE"), ("CSTO", "ORG")]
    csto = by_name(run({"a": (text, spans)}))["CSTO"]
    assert csto.total_mentions == 1 + 5  # the long form, then five whole-word "CSTO" (CSTO-led too)


def test_a_name_inside_a_longer_name_is_not_a_mention_of_it():
    mexico = (
        "Mexico signed the deal. Mexico wants more. Mexico City hosted it, far from New Mexico.",
        [("Mexico", "GPE"), ("Mexico", "GPE"), ("Mexico City", "GPE")],
    )
    singer = ("Bruno Mars sang in Vegas. Bruno Mars sang again. Mars is cold.", [("Bruno Mars", "PERSON"), ("Bruno Mars", "PERSON"), ("Mars", "LOC")])
    planet = ("The probe reached Mars. Mars is cold, and Mars is red.", [("Mars", "LOC"), ("Mars", "LOC"), ("Mars", "LOC")])
    entities = by_name(run({"a": mexico, "b": singer, "c": planet}))
    assert entities["Mexico"].total_mentions == 2  # neither "Mexico City" nor "New Mexico"
    assert entities["Bruno Mars"].total_mentions == 2
    assert "Mars" not in entities["Bruno Mars"].aliases
    assert entities["Mars"].type == "place" and entities["Mars"].mentions == {"b": 1, "c": 3}


def test_a_bare_surname_is_the_person_introduced_with_it_and_other_full_names_are_other_people():
    joe = ("President Joe Biden spoke on Monday. Joe Biden said more. Biden left.", [("Joe Biden", "PERSON"), ("Joe Biden", "PERSON"), ("Biden", "PERSON")])
    hunter = (
        "Hunter Biden went to court. Biden said nothing. Hunter Biden left.",
        [("Hunter Biden", "PERSON"), ("Biden", "PERSON"), ("Hunter Biden", "PERSON")],
    )
    entities = by_name(run({"a": joe, "b": hunter, "c": joe}))
    assert entities["Joe Biden"].mentions == {"a": 3, "c": 3}
    assert entities["Hunter Biden"].mentions == {"b": 3}


def test_a_bare_surname_alone_goes_to_the_one_person_of_the_corpus_never_across_types():
    full = ("Alexander Lukashenko spoke. Alexander Lukashenko left.", [("Alexander Lukashenko", "PERSON"), ("Alexander Lukashenko", "PERSON")])
    short = ("Lukashenka met the press. Lukashenka said no.", [("Lukashenka", "PERSON"), ("Lukashenka", "PERSON")])
    entities = by_name(run({"a": full, "b": short, "c": full}))
    assert entities["Alexander Lukashenko"].mentions == {"a": 2, "b": 2, "c": 2}
    # A person named in one article only is not "the one well-attested person" of a surname elsewhere.
    passer_by = ("Tim Clark spoke. Tim Clark left.", [("Tim Clark", "PERSON"), ("Tim Clark", "PERSON")])
    other = ("Clark wrote the book. Clark died.", [("Clark", "PERSON"), ("Clark", "PERSON")])
    assert by_name(run({"a": passer_by, "b": other}))["Tim Clark"].mentions == {"a": 2}


def test_a_bare_first_name_is_never_an_alias():
    text = "Viktar Babaryka was jailed. Viktar said nothing. Viktar Babaryka appealed."
    spans = [("Viktar Babaryka", "PERSON"), ("Viktar", "PERSON"), ("Viktar Babaryka", "PERSON")]
    entity = by_name(run({"a": (text, spans)}))["Viktar Babaryka"]
    assert "Viktar" not in entity.aliases
    text = "Prince Andrew stayed there. Andrew denied it. The Prince left. Prince Andrew left. Meg James wrote it. James said so."
    spans = [("Prince Andrew", "PERSON"), ("Andrew", "PERSON"), ("Prince", "PERSON"), ("Prince Andrew", "PERSON"), ("Meg James", "PERSON"), ("James", "PERSON")]
    entities = by_name(run({"a": (text, spans)}))
    assert not {"Andrew", "Prince"} & set(entities["Prince Andrew"].aliases)  # the given name after a title, the title
    assert "James" in entities["Meg James"].aliases  # a surname that is a given name too


def test_frequent_organisations_with_short_names_keep_their_pages():
    a = ("Twitter banned the account. Twitter said so. Twitter Lite is small.", [("Twitter", "ORG"), ("Twitter", "ORG"), ("Twitter Lite", "PERSON")])
    b = ("Twitter Blue costs money. Twitter grew.", [("Twitter Blue", "PERSON"), ("Twitter", "ORG")])
    entities = by_name(run({"a": a, "b": b}))
    assert entities["Twitter"].type == "organization"
    # Every "Twitter" but those opening a product's name; never a first name of "Twitter Blue".
    assert entities["Twitter"].mentions == {"a": 2, "b": 1}


def test_generic_institution_words_count_only_with_their_qualifier():
    text = (
        "The US Senate voted. The Senate agreed. The Senate left. The House of Representatives voted. "
        "The House of Representatives agreed. The House met. The House left. The Legislature met. The Legislature voted."
    )
    spans = [
        ("US Senate", "ORG"), ("Senate", "ORG"), ("Senate", "ORG"), ("House of Representatives", "ORG"),
        ("House of Representatives", "ORG"), ("House", "ORG"), ("House", "ORG"), ("Legislature", "ORG"), ("Legislature", "ORG"),
    ]
    entities = by_name(run({"a": (text, spans), "b": (text, spans)}))
    assert "House of Representatives" in entities
    assert not {"Senate", "House", "Legislature"} & set(entities)
    text = "Protesters met at City Hall. City Hall closed. Denver City Hall opened. Denver City Hall is old."
    spans = [("City Hall", "FAC"), ("City Hall", "FAC"), ("Denver City Hall", "FAC"), ("Denver City Hall", "FAC")]
    entities = by_name(run({"a": (text, spans), "b": (text, spans)}))
    assert "Denver City Hall" in entities and "City Hall" not in entities


def test_products_are_products_never_people():
    a = ("The Nintendo Switch sold well. Nintendo Switch games too.", [("Nintendo Switch", "PRODUCT"), ("Nintendo Switch", "PERSON")])
    b = ("A Nintendo Switch costs less now. Nintendo Switch owners agree.", [("Nintendo Switch", "PRODUCT"), ("Nintendo Switch", "PRODUCT")])
    entities = by_name(run({"a": a, "b": b}))
    assert entities["Nintendo Switch"].type == "product"


def test_a_full_name_stated_once_in_running_text_gets_a_page():
    text = (
        "The creator of the Wagner Group Yevgeny Prigozhin was quoted. A man called Zorblax Quux was not.\n"
        "Watch Dmitry Peskov Speak Live Tonight On Our Channel\n"
    )
    spans = [("Wagner Group", "ORG"), ("Yevgeny Prigozhin", "PERSON"), ("Zorblax Quux", "PERSON"), ("Dmitry Peskov", "PERSON")]
    entities = by_name(run({"a": (text, spans)}))
    assert entities["Yevgeny Prigozhin"].type == "person"
    assert "Zorblax Quux" not in entities  # no given name: one mention is not enough
    assert "Dmitry Peskov" not in entities  # a headline is not running text


def test_a_title_before_a_name_is_cut_whatever_the_label():
    text = "Kazakh President Kassym-Jomart Tokayev met him. Kyrgyz President Sadyr Japarov too."
    spans = [("Kazakh President Kassym-Jomart Tokayev", "ORG"), ("Kyrgyz President Sadyr Japarov", "PERSON")]
    entities = by_name(run({"a": (text, spans)}))
    assert entities["Kassym-Jomart Tokayev"].type == "person"
    assert entities["Kassym-Jomart Tokayev"].roles == ("President",)


def test_transliterations_of_one_person_with_the_same_role_are_merged():
    a = (
        "On March 5, the Minister of Foreign Affairs of Belarus, Vladimir Mackay, called Moscow. Vladimir Mackay met him.",
        [("Belarus", "GPE"), ("Vladimir Mackay", "PERSON"), ("Moscow", "GPE"), ("Vladimir Mackay", "PERSON")],
    )
    b = (
        "Belarus Foreign Minister Uladzimir Makei spoke in Minsk. Makei said more.",
        [("Belarus", "GPE"), ("Uladzimir Makei", "PERSON"), ("Minsk", "GPE"), ("Makei", "PERSON")],
    )
    people = [e for e in run({"a": a, "b": b}).entities if e.type == "person"]
    assert len(people) == 1, [e.name for e in people]
    assert {"Vladimir Mackay", "Uladzimir Makei"} <= {people[0].name, *people[0].aliases}


def test_related_entities_share_sentences_not_articles():
    text = (
        "Armenia and Azerbaijan fought. Armenia and Azerbaijan signed a truce. Armenia thanked Russia.\n"
        "Elsewhere, Brazil traded with Chile. Brazil and Chile agreed."
    )
    spans = [
        ("Armenia", "GPE"), ("Azerbaijan", "GPE"), ("Armenia", "GPE"), ("Azerbaijan", "GPE"), ("Armenia", "GPE"), ("Russia", "GPE"),
        ("Brazil", "GPE"), ("Chile", "GPE"), ("Brazil", "GPE"), ("Chile", "GPE"),
    ]
    resolution = run({"a": (text, spans)})
    ids = {e.name: e.id for e in resolution.entities}
    related = {other for other, _ in resolution.related[ids["Armenia"]]}
    assert ids["Azerbaijan"] in related
    assert ids["Brazil"] not in related and ids["Chile"] not in related
    shared = dict(resolution.related[ids["Armenia"]])
    assert shared[ids["Azerbaijan"]] == 2


# ---------------------------------------------------------------- the seeds


def seed_entities(seed_site: Path) -> list[dict]:
    return json.loads((seed_site / "site" / "wiki.json").read_text("utf-8"))["entities"]


def test_seed_people_named_once_in_full_have_pages(seed_site: Path):
    names = {e["name"] for e in seed_entities(seed_site)}
    assert {"Yevgeny Prigozhin", "Dmitry Peskov", "Kassym-Jomart Tokayev"} <= names


def test_seed_foreign_minister_has_one_page(seed_site: Path):
    pages = [e for e in seed_entities(seed_site) if {"Makei", "Mackay"} & {w for n in [e["name"], *e["aliases"]] for w in n.split()}]
    assert len(pages) == 1, [e["name"] for e in pages]


def test_seed_csto_mentions_are_every_occurrence_of_its_names(seed_site: Path):
    from newswiki.markdown import plain_text
    from newswiki.extract import extract
    from newswiki.ingest import ingest, list_corpus

    csto = next(e for e in seed_entities(seed_site) if e["name"] == "CSTO")
    names = "|".join(re.escape(n) for n in [csto["name"], *csto["aliases"]])
    sources, _ = ingest(list_corpus(seed_site / "corpus"), seed_site, 10_000_000)
    occurrences = sum(len(re.findall(rf"(?<![\w-])(?:{names})(?!\w)", plain_text(extract(s).body))) for s in sources)
    assert occurrences > 80
    assert sum(csto["mentions"].values()) == occurrences


def test_seed_key_entities_keep_their_names(seed_site: Path):
    entities = {e["name"]: e for e in seed_entities(seed_site)}
    assert set(entities["Alexander Lukashenko"]["aliases"]) == {"Aleksander Lukashenko", "Alyaksandr Lukashenka", "Lukashenka", "Lukashenko"}
    assert entities["CSTO"]["aliases"] == ["Collective Security Treaty Organization"]
    assert entities["Nikol Pashinyan"]["aliases"] == ["Pashinyan"]


def test_the_words_of_a_name_correct_the_type_vote():
    show = ("The Dubai Air Show opened. Boeing sold jets at the Dubai Air Show.", [("Dubai Air Show", "ORG"), ("Boeing", "ORG"), ("Dubai Air Show", "ORG")])
    wire = ("Reuters reported it. Reuters said more.", [("Reuters", "ORG"), ("Reuters", "ORG")])
    stream = (
        "Netflix grew in India. Netflix raised prices. Netflix won.",
        [("Netflix", "GPE"), ("India", "GPE"), ("Netflix", "GPE"), ("Netflix", "ORG")],
    )
    tennis = ("Joel Eriksson Ek scored. Eriksson Ek scored again.", [("Joel Eriksson Ek", "PERSON"), ("Eriksson Ek", "PERSON")])
    entities = by_name(run({"a": show, "b": wire, "c": stream, "d": tennis, "e": wire}))
    assert entities["Dubai Air Show"].type == "event"
    assert entities["Reuters"].type == "organization"  # "-ers" is no demonym when NER says organisation
    assert entities["Netflix"].type == "organization"  # a place no gazetteer knows, tagged ORG too
    assert entities["Joel Eriksson Ek"].total_mentions == 2  # a compound surname is the same person


def test_label_flips_are_settled_by_the_votes_and_the_words_or_dropped():
    text = (
        "Watch it on Vidtube. Vidtube said its ad revenue grew. Vidtube Premium subscribers and Vidtube fans cheered.\n"
        "The ferry crossed Gorse Strait at dawn; Gorse Strait was calm.\n"
        "Mr Quillon spoke. Quillon left early.\n"
    )
    spans = [
        ("Vidtube", "PRODUCT"), ("Vidtube", "ORG"), ("Vidtube", "PRODUCT"), ("Vidtube", "GPE"),
        ("Gorse Strait", "PERSON"), ("Gorse Strait", "LOC"), ("Mr Quillon", "PERSON"), ("Quillon", "GPE"),
    ]
    entities = by_name(run({"a": (text, spans), "b": ("Gorse Strait again.", [("Gorse Strait", "LOC")])}))
    # A firm and what it makes, one name: the firm's page.
    assert entities["Vidtube"].type == "organization"
    # The name's last word says place, a vote agrees.
    assert entities["Gorse Strait"].type == "place"
    # One word, one person vote and one place vote: nothing settles it.
    assert "Quillon" not in entities


def test_a_full_name_written_with_a_persons_title_keeps_its_page_when_ner_tags_it_org_elsewhere():
    # The seeds name "Kazakh President Kassym-Jomart Tokayev" once; a second article whose sentence NER
    # tags the same name ORG made the votes tie and the page went ("mentions disagree").
    titled = (
        "Kyrgyz President Sadyr Japarov, Kazakh President Kassym-Jomart Tokayev, and others met in Astana.",
        [("Sadyr Japarov", "PERSON"), ("Kazakh President Kassym-Jomart Tokayev", "ORG")],  # as NER tags the seed
    )
    tagged_org = ("A paragraph about Kazakhstan and Kassym-Jomart Tokayev, with a link.", [("Kassym-Jomart Tokayev", "ORG")])
    untitled = ("Orvane Daltrix met the delegation in Astana.", [("Orvane Daltrix", "PERSON")])
    untitled_org = ("A paragraph about Kazakhstan and Orvane Daltrix, with a link.", [("Orvane Daltrix", "ORG")])
    entities = by_name(run({"a": titled, "b": tagged_org, "c": untitled, "d": untitled_org}))
    assert entities["Kassym-Jomart Tokayev"].type == "person"
    assert entities["Kassym-Jomart Tokayev"].total_mentions == 2
    assert "Orvane Daltrix" not in entities  # no title: the split vote is all there is


def test_a_given_name_used_as_one_makes_a_full_name_of_common_words_a_persons():
    text = (
        "The actor Tom Quill starred; a tom cat and a quill pen were props. Tom Ebberly directed it.\n"
        "Will Stone says he will act, will sing and will dance; the stone will stay.\n"
        "Omar Hassan al-Bashir was indicted in 2009.\n"
    )
    spans = [("Tom Quill", "PERSON"), ("Tom Ebberly", "PERSON"), ("Will Stone", "PERSON"), ("Omar Hassan al-Bashir", "PERSON")]
    entities = by_name(run({"a": (text, spans), "b": ("A stone and a quill.", [])}))
    assert entities["Tom Quill"].type == "person"  # "Tom" begins two full names, is written "tom" once
    assert "Will Stone" not in entities  # "will" is a word of the corpus far more than a name
    assert entities["Omar Hassan al-Bashir"].type == "person"  # "al-" is part of the surname


def test_an_organisation_named_once_in_full_gets_a_page_a_glued_one_does_not():
    text = (
        "A study by the National Institute on Drug Abuse was cited. Engineers at the Goddard Space Flight Center agreed.\n"
        "A lab at MIT's Instrumentation Laboratory disagreed. The space and flight of drug abuse research goes on.\n"
    )
    spans = [("National Institute on Drug Abuse", "ORG"), ("Goddard Space Flight Center", "ORG"), ("MIT's Instrumentation Laboratory", "ORG")]
    entities = by_name(run({"a": (text, spans)}))
    assert entities["National Institute on Drug Abuse"].type == "organization"  # common words, said in full
    assert entities["Goddard Space Flight Center"].type == "organization"
    assert not any("Instrumentation" in name for name in entities)  # two names glued by a possessive


def test_a_town_written_with_its_country_or_state_gets_a_page_from_one_mention():
    text = (
        "The rocket lifted off from Zhelkonur, Kazakhstan, at dawn. Miners such as Rio Tintoro shift profits abroad.\n"
        "The team met in Quellbelt, Maryland.\n"
    )
    spans = [("Zhelkonur", "GPE"), ("Rio Tintoro", "GPE"), ("Quellbelt", "GPE")]
    entities = by_name(run({"a": (text, spans)}))
    assert entities["Zhelkonur"].type == "place"
    assert entities["Quellbelt"].type == "place"
    assert "Rio Tintoro" not in entities  # one place tag, nothing in the text says town


def test_a_place_whose_name_says_place_needs_one_article_others_need_two():
    text = "Ferries cross to Kerrin Island daily. Kerrin Island has one shop. Trains reach Quibbleton. Quibbleton is quiet.\n"
    spans = [("Kerrin Island", "LOC"), ("Kerrin Island", "GPE"), ("Quibbleton", "GPE"), ("Quibbleton", "GPE")]
    entities = by_name(run({"a": (text, spans)}))
    assert entities["Kerrin Island"].type == "place"
    assert "Quibbleton" not in entities  # a place no gazetteer knows, its name says nothing, one article


def test_one_body_with_its_country_spelt_two_ways_has_one_page():
    text = (
        "The U.S. Department of State said so. The United States Department of State repeated it.\n"
        "The U.S. Department of State and the United States Department of State are one office.\n"
    )
    spans = [("U.S. Department of State", "ORG"), ("United States Department of State", "ORG")] * 2
    entities = run({"a": (text, spans)}).entities
    assert len([e for e in entities if "Department of State" in e.name]) == 1
