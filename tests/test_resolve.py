"""Entity resolution on hand-made mentions: no model needed, every rule visible in the input."""

from __future__ import annotations

from newswiki.models import Curation, EntityCuration, Mention
from newswiki.names import clean_span, fold
from newswiki.resolve import resolve
from newswiki.resolve.junk import junk_reason
from newswiki.resolve.pages import unique_slug


def mentions_in(article_id: str, text: str, spans: list[tuple[str, str]]) -> list[Mention]:
    """Mentions of each (span, label), found left to right in text."""
    found, cursor = [], 0
    for span, label in spans:
        start = text.index(span, cursor)
        cursor = start + len(span)
        found.append(Mention(article_id, span, label, start, start + len(span), text))
    return found


def run(articles: dict[str, tuple[str, list[tuple[str, str]]]], curation: Curation | None = None):
    mentions = {aid: mentions_in(aid, text, spans) for aid, (text, spans) in articles.items()}
    texts = {aid: text for aid, (text, _) in articles.items()}
    return resolve(mentions, texts, curation)


def by_name(resolution):
    return {e.name: e for e in resolution.entities}


def test_clean_span_cuts_articles_possessives_roles_and_line_breaks():
    assert clean_span("the Collective Security Treaty Organization's", "ORG") == ("Collective Security Treaty Organization", None)
    assert clean_span("President Vladimir Putin", "PERSON") == ("Vladimir Putin", "President")
    assert clean_span("Foreign Minister\nSergey Lavrov’s", "PERSON") == ("Sergey Lavrov", "Foreign Minister")
    assert clean_span("Union State of", "ORG")[0] == "Union State"
    assert clean_span("U.S.", "GPE")[0] == "U.S."
    assert clean_span("Justice Department", "ORG")[0] == "Justice Department"
    assert clean_span("Shanghai Cooperation Organization (SCO", "ORG")[0] == "Shanghai Cooperation Organization"


def test_clean_span_drops_bullets_and_punctuation_around_a_name():
    # Menus and inline lists glue their bullets to names: "Home • Belarus" made an alias "• Belarus".
    for span in ("• Belarus", "| Belarus", "► Belarus", "“Belarus”,", "Belarus).", "Belarus' "):
        assert clean_span(span, "GPE")[0] == "Belarus", span
    assert clean_span("Yahoo!", "ORG")[0] == "Yahoo!" and clean_span("Canal+", "ORG")[0] == "Canal+"


def test_fold_transliterates_and_drops_initial_dots():
    assert fold("Лукашенко") == "lukashenko"
    assert fold("U.S.") == fold("US") == "us"
    assert fold("St. Petersburg") == "st petersburg"


def test_junk_reasons():
    assert junk_reason("frank manner") == "lower-case phrase"
    assert junk_reason("He") == "pronoun"
    assert junk_reason("US") is None
    assert junk_reason("2020 Sentra").startswith("contains digits")
    assert junk_reason("Como Educar seus Filhos").startswith("lower-case words")
    assert junk_reason("Charles de Gaulle") is None
    assert junk_reason("Subscribe") == "spam or page chrome"
    assert junk_reason("Pokemon Sword OR Shield").startswith("two names glued")
    assert junk_reason("City Hall") == junk_reason("Senate") == "generic word, not a name"


LUKASHENKO = (
    "Alexander Lukashenko met Vladimir Putin. Alyaksandr Lukashenka spoke. Aleksander Lukashenko left. "
    "Lukashenka said no. Luksahenko said yes. Лукашенко спросил. Putin agreed.",
    [
        ("Alexander Lukashenko", "PERSON"), ("Vladimir Putin", "PERSON"), ("Alyaksandr Lukashenka", "PERSON"),
        ("Aleksander Lukashenko", "PERSON"), ("Lukashenka", "PERSON"), ("Luksahenko", "ORG"),
        ("Лукашенко", "PERSON"), ("Putin", "PERSON"),
    ],
)


def test_transliteration_variants_and_short_names_are_one_person():
    entities = by_name(run({"a": LUKASHENKO}))
    lukashenko = [e for e in entities.values() if "Lukashenk" in e.name]
    assert len(lukashenko) == 1, sorted(entities)
    entity = lukashenko[0]
    assert entity.type == "person" and entity.total_mentions == 6
    assert {"Alyaksandr Lukashenka", "Lukashenka", "Luksahenko", "Лукашенко"} <= set(entity.aliases) | {entity.name}
    assert entities["Vladimir Putin"].aliases == ("Putin",)


def test_people_sharing_a_surname_stay_apart_and_first_names_follow_the_last_full_name():
    text = "Viktar Babaryka was jailed. Eduard Babaryka, his son, too. Eduard ran a platform. Viktar Hanchar spoke later. Viktar Hanchar left."
    spans = [("Viktar Babaryka", "PERSON"), ("Eduard Babaryka", "PERSON"), ("Eduard", "GPE"), ("Viktar Hanchar", "PERSON"), ("Viktar Hanchar", "PERSON")]
    entities = by_name(run({"a": (text, spans)}))
    assert entities["Eduard Babaryka"].total_mentions == 2
    assert "Eduard" not in entities["Eduard Babaryka"].aliases  # a bare first name is never an alias
    assert entities["Viktar Babaryka"].total_mentions == 1  # named once in full, a given name first: a page
    assert entities["Viktar Hanchar"].total_mentions == 2
    assert "Eduard" not in entities


def test_acronyms_join_their_expansion_in_both_orders_and_by_initials():
    text = (
        "The Collective Security Treaty Organization (CSTO) met. The CSTO agreed. "
        "NATO (North Atlantic Treaty Organization) disagreed. NATO said so. North Atlantic Treaty Organization again. "
        "The European Union spoke. The EU said."
    )
    spans = [
        ("Collective Security Treaty Organization", "ORG"), ("CSTO", "ORG"), ("CSTO", "ORG"),
        ("NATO", "ORG"), ("North Atlantic Treaty Organization", "ORG"), ("NATO", "ORG"),
        ("North Atlantic Treaty Organization", "ORG"), ("European Union", "ORG"), ("EU", "ORG"),
    ]
    entities = by_name(run({"a": (text, spans)}))
    assert entities["CSTO"].aliases == ("Collective Security Treaty Organization",)
    assert entities["NATO"].total_mentions == 4
    assert entities["EU"].aliases == ("European Union",)


def test_gazetteer_places_win_over_one_sentence_tags_and_join_variants():
    text = "Yerevan is calm. Yerevan again. Armenia waits. Kiev and Kyiv. The Russian Federation and Russia. The U.S. and the US."
    spans = [
        ("Yerevan", "PERSON"), ("Yerevan", "PERSON"), ("Armenia", "ORG"), ("Kiev", "ORG"), ("Kyiv", "GPE"),
        ("Russian Federation", "GPE"), ("Russia", "GPE"), ("U.S.", "GPE"), ("US", "GPE"),
    ]
    entities = by_name(run({"a": (text, spans)}))
    assert entities["Yerevan"].type == "place"
    assert entities["Armenia"].type == "place"
    assert entities["Kyiv"].aliases == ("Kiev",)
    assert entities["Russia"].aliases == ("Russian Federation",)
    assert set(entities["United States"].aliases) == {"U.S.", "US"}


def test_junk_rule_drops_and_reports():
    text = "Dark Mode is on. Turn dark mode off, dark mode is bad. Zorblax Quux came once. Shield Shield."
    spans = [("Dark Mode", "PERSON"), ("Zorblax Quux", "PERSON"), ("Shield", "ORG"), ("Shield", "PERSON")]
    resolution = run({"a": (text, spans)})
    assert not resolution.entities
    reasons = {d.text: d.reason for d in resolution.dropped}
    assert reasons["Zorblax Quux"].startswith("fewer than 2 mentions")
    assert reasons["Dark Mode"].startswith("fewer than 2") or reasons["Dark Mode"].startswith("a common word")
    assert reasons["Shield"].startswith("mentions disagree")


def test_curation_split_keeps_a_name_out_of_automatic_merges():
    curation = Curation({"alexander-lukashenko": EntityCuration("alexander-lukashenko", "x.md", split=("Luksahenko",))})
    entities = by_name(run({"a": LUKASHENKO}, curation))
    merged = [e for e in entities.values() if "Alyaksandr Lukashenka" in e.aliases + (e.name,)]
    assert len(merged) == 1 and "Luksahenko" not in merged[0].aliases


def test_resolution_is_deterministic():
    first = run({"a": LUKASHENKO, "b": LUKASHENKO})
    second = run({"b": LUKASHENKO, "a": LUKASHENKO})
    assert first == second


def test_products_and_title_lines_get_no_page():
    text = (
        "Nintendo Switch Lite With Pokemon Bundle For $199\n\n"
        "The Switch Lite is cheap. Buy the Switch Lite today. Pokemon Bundle fans rejoice.\n"
    )
    spans = [("Switch Lite", "PERSON"), ("Pokemon Bundle", "PERSON"), ("Switch Lite", "PERSON"), ("Switch Lite", "ORG"), ("Pokemon Bundle", "PERSON")]
    resolution = run({"a": (text, spans)})
    assert not resolution.entities, resolution.entities
    reasons = {d.text: d.reason for d in resolution.dropped}
    assert reasons["Switch Lite"].startswith("a product name")
    assert reasons["Pokemon Bundle"].startswith("fewer than 2 mentions in running text")  # one is in a headline


def test_person_tagged_surname_as_org_is_still_the_person():
    text = "Mary Steenburgen wrote the song. Steenburgen said it took years. Steenburgen smiled."
    spans = [("Mary Steenburgen", "PERSON"), ("Steenburgen", "ORG"), ("Steenburgen", "ORG")]
    entities = by_name(run({"a": (text, spans)}))
    assert entities["Mary Steenburgen"].type == "person"
    assert entities["Mary Steenburgen"].total_mentions == 3


def test_titles_are_cut_from_names_and_kept_as_roles():
    text = "Belarusian President Alexander Lukashenko spoke. Foreign Minister Sergey Lavrov agreed. Alexander Lukashenko left. Sergey Lavrov too."
    spans = [("Alexander Lukashenko", "PERSON"), ("Foreign Minister Sergey Lavrov", "PERSON"), ("Alexander Lukashenko", "PERSON"), ("Sergey Lavrov", "PERSON")]
    entities = by_name(run({"a": (text, spans)}))
    assert entities["Alexander Lukashenko"].roles == ("President",)
    assert entities["Sergey Lavrov"].roles == ("Foreign Minister",)


def test_a_person_named_after_a_thing_is_not_a_person():
    text = "The Mustang styling is back. Ford's Mustang lineup grows. The Mustang Mach E is new. Mustang Mach sales start soon."
    spans = [("Mustang", "GPE"), ("Mustang", "ORG"), ("Mustang Mach", "PERSON"), ("Mustang Mach", "PERSON")]
    resolution = run({"a": (text, spans)})
    assert "Mustang Mach" not in by_name(resolution)
    # A product, then, and one mentioned in one article only: no page.
    assert any(d.text == "Mustang Mach" and d.label == "product" for d in resolution.dropped)


def test_entity_ids_never_take_a_reserved_name():
    assert unique_slug("Index", set()) == "index-page"  # entities/index.md is the build's own page
    assert unique_slug("CON", set()) == "con-page" and unique_slug("Lpt1", set()) == "lpt1-page"  # Windows devices
    assert unique_slug("Alexander Lukashenko", set()) == "alexander-lukashenko"


def test_an_events_last_stage_is_the_event():
    a = ("Spain won the Davis Cup Finals in Madrid. The Davis Cup Finals drew crowds.", [("the Davis Cup Finals", "EVENT"), ("The Davis Cup Finals", "EVENT")])
    b = ("Nadal played the Davis Cup again. The Davis Cup is old.", [("the Davis Cup", "ORG"), ("The Davis Cup", "EVENT")])
    entities = by_name(run({"a": a, "b": b}))
    davis = [e for e in entities.values() if e.name.startswith("Davis Cup")]
    assert len(davis) == 1 and davis[0].type == "event" and set(davis[0].mentions) == {"a", "b"}


def test_a_peoples_or_languages_name_is_no_page_whatever_its_tags():
    a = ("Māori legends tell of it. The Māori arrived first. Māori is spoken.", [("Māori", "PRODUCT"), ("Māori", "PRODUCT"), ("Māori", "PERSON")])
    b = ("Māori names abound. Tonga and Māori culture.", [("Māori", "PRODUCT"), ("Tonga", "GPE"), ("Māori", "PRODUCT")])
    entities = by_name(run({"a": a, "b": b}))
    assert "Māori" not in entities and "Maori" not in entities
    assert "Tonga" in entities  # a country whose name is a language's too


def test_a_name_ending_in_a_group_of_people_is_a_group():
    text = "The Democrats met. Democrats voted. Virginia Democrats won. The Virginia Democrats cheered. Virginia voted."
    spans = [("Democrats", "NORP"), ("Democrats", "NORP"), ("Virginia Democrats", "ORG"), ("Virginia Democrats", "ORG"), ("Virginia", "GPE")]
    entities = by_name(run({"a": (text, spans), "b": (text, spans)}))
    assert "Virginia Democrats" not in entities and "Virginia" in entities


def test_middle_names_and_a_compounds_acronym_join_the_name():
    a = ("South Dakota Gov. Kristi Noem spoke. Kristi Noem left.", [("Kristi Noem", "PERSON"), ("Kristi Noem", "PERSON")])
    b = ("Gov. Kristi Lynn Noem doubled down. Lynn Noem said so.", [("Lynn Noem", "PERSON"), ("Lynn Noem", "PERSON")])
    c = ("Volkswagen showed a van. VW said it ships in 2022. VW agreed.", [("Volkswagen", "ORG"), ("VW", "ORG"), ("VW", "ORG")])
    d = ("VW and Volkswagen fans met. Volkswagen grew.", [("VW", "ORG"), ("Volkswagen", "ORG"), ("Volkswagen", "ORG")])
    entities = by_name(run({"a": a, "b": b, "c": c, "d": d}))
    noem = [e for e in entities.values() if e.name.endswith("Noem")]
    assert len(noem) == 1 and set(noem[0].mentions) == {"a", "b"}
    vw = [e for e in entities.values() if e.name in ("VW", "Volkswagen")]
    assert len(vw) == 1 and sum(vw[0].mentions.values()) == 6
    e = ("Disney+ launched. Disney said so. The Walt Disney Co. agreed. Walt Disney Co shares rose. Disney grew.",
         [("Disney", "ORG"), ("The Walt Disney Co.", "ORG"), ("Walt Disney Co", "ORG"), ("Disney", "ORG")])
    disney = [x for x in by_name(run({"e": e, "f": ("Disney won.", [("Disney", "ORG")])})).values() if "Disney" in x.name]
    assert len(disney) == 1  # a firm named after its founder goes by the surname
