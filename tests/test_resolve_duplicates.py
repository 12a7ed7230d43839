"""Duplicate pages of one entity (issue 19): the variants the general merges miss, on hand-made mentions."""

from __future__ import annotations

from tests.test_resolve import by_name, run


def test_a_legal_form_of_any_country_is_the_firm_but_two_countries_forms_are_two_firms():
    a = ("Smart Projects SRL made the boards. Smart Projects said so. Smart Projects grew.",
         [("Smart Projects SRL", "ORG"), ("Smart Projects", "ORG"), ("Smart Projects", "ORG")])
    b = ("Siemens AG reported. Siemens hired. Siemens Energy split off.",
         [("Siemens AG", "ORG"), ("Siemens", "ORG"), ("Siemens Energy", "ORG")])
    c = ("Arduino LLC sued Arduino SRL. Arduino boards sell. Arduino LLC won. Arduino SRL lost. Arduino grew.",
         [("Arduino LLC", "ORG"), ("Arduino SRL", "ORG"), ("Arduino", "ORG"), ("Arduino LLC", "ORG"), ("Arduino SRL", "ORG"), ("Arduino", "ORG")])
    entities = by_name(run({"a": a, "b": b, "b2": b, "c": c}))
    smart = [e for e in entities.values() if e.name.startswith("Smart Projects")]
    assert len(smart) == 1 and smart[0].total_mentions == 3
    siemens = [e for e in entities.values() if e.name.startswith("Siemens") and e.name != "Siemens Energy"]
    assert len(siemens) == 1 and {"Siemens", "Siemens AG"} <= {siemens[0].name, *siemens[0].aliases}
    assert "Siemens Energy" in entities
    # A firm's name with legal forms of two countries (US, Italy) names two companies, neither the name alone.
    arduino = entities["Arduino"]
    assert "Arduino LLC" not in arduino.aliases and "Arduino SRL" not in arduino.aliases


def test_a_monarchs_title_and_name_is_the_one_regnal_number_of_the_corpus():
    a = ("Queen Elizabeth II opened Parliament. Elizabeth II spoke. Elizabeth II left.",
         [("Queen Elizabeth II", "PERSON"), ("Elizabeth II", "PERSON"), ("Elizabeth II", "PERSON")])
    b = ("His mother, Queen Elizabeth, disapproved. Queen Elizabeth said nothing.",
         [("Queen Elizabeth", "PERSON"), ("Queen Elizabeth", "PERSON")])
    entities = by_name(run({"a": a, "b": b}))
    queen = [e for e in entities.values() if "Elizabeth" in e.name]
    assert len(queen) == 1 and set(queen[0].mentions) == {"a", "b"}


def test_a_titled_name_stays_apart_when_the_corpus_has_two_numbers_of_it():
    a = ("Elizabeth I ruled England. Elizabeth I died in 1603.", [("Elizabeth I", "PERSON"), ("Elizabeth I", "PERSON")])
    b = ("Elizabeth II was crowned. Elizabeth II reigned long.", [("Elizabeth II", "PERSON"), ("Elizabeth II", "PERSON")])
    c = ("Queen Elizabeth visited. Queen Elizabeth waved.", [("Queen Elizabeth", "PERSON"), ("Queen Elizabeth", "PERSON")])
    entities = by_name(run({"a": a, "b": b, "c": c}))
    assert set(entities["Elizabeth I"].mentions) == {"a"} and set(entities["Elizabeth II"].mentions) == {"b"}
    assert "Queen Elizabeth" not in entities["Elizabeth I"].aliases + entities["Elizabeth II"].aliases


def test_a_birth_name_after_nee_or_born_is_the_same_person():
    a = ("Ellen Gille (née Fetter) ran the lab. Ellen Gille said it was hard.",
         [("Ellen Gille", "PERSON"), ("Ellen Gille", "PERSON")])
    b = ("In 1963 Ellen Fetter wrote the program. Ellen Fetter was 22.", [("Ellen Fetter", "PERSON"), ("Ellen Fetter", "PERSON")])
    c = ("Ellen Banner took the photo. Ellen Banner was born in Ohio.", [("Ellen Banner", "PERSON"), ("Ellen Banner", "PERSON")])
    entities = by_name(run({"a": a, "b": b, "c": c}))
    ellen = [e for e in entities.values() if e.name in ("Ellen Gille", "Ellen Fetter")]
    assert len(ellen) == 1 and set(ellen[0].mentions) == {"a", "b"}
    assert set(entities["Ellen Banner"].mentions) == {"c"}  # the same given name, another surname: another person


def test_a_countrys_body_written_with_its_adjective_or_after_it_is_one_body():
    a = ("The Belarusian Armed Forces held drills. The Belarusian Foreign Ministry protested. "
         "The Ministry of Foreign Affairs of Belarus said so. The Ministry of Foreign Affairs added more.",
         [("The Belarusian Armed Forces", "ORG"), ("The Belarusian Foreign Ministry", "ORG"),
          ("The Ministry of Foreign Affairs of Belarus", "ORG"), ("The Ministry of Foreign Affairs", "ORG")])
    b = ("The Armed Forces of Belarus grew. The Armed Forces of Belarus trained.",
         [("The Armed Forces of Belarus", "ORG"), ("The Armed Forces of Belarus", "ORG")])
    c = ("The Russian Foreign Ministry replied. The Ministry of Foreign Affairs in Moscow agreed. Russian Foreign Ministry staff left.",
         [("The Russian Foreign Ministry", "ORG"), ("The Ministry of Foreign Affairs", "ORG"), ("Russian Foreign Ministry", "ORG")])
    entities = run({"a": a, "b": b, "c": c}).entities
    forces = [e for e in entities if "Armed Forces" in e.name]
    assert len(forces) == 1 and set(forces[0].mentions) == {"a", "b"}
    belarus = [e for e in entities if "Belarus" in " ".join((e.name, *e.aliases)) and "Ministry" in e.name]
    assert len(belarus) == 1
    # Another country's ministry stays apart, and the bare name joins no country's where two are named.
    russia = [e for e in entities if "Russian Foreign Ministry" in (e.name, *e.aliases)]
    assert len(russia) == 1 and russia[0] is not belarus[0]
    assert "Ministry of Foreign Affairs" not in belarus[0].aliases + russia[0].aliases


def test_a_body_named_after_its_organisations_acronym_is_the_body_named_alone_there():
    text = ("Leaders of the Commonwealth of Independent States (CIS) met. The CIS Council of Heads of State "
            "agreed. The Council of Heads of State will meet again. CIS members left.")
    spans = [("Commonwealth of Independent States", "ORG"), ("CIS", "ORG"), ("CIS Council of Heads of State", "ORG"),
             ("The Council of Heads of State", "ORG"), ("CIS", "ORG")]
    entities = run({"a": (text, spans), "b": (text, spans)}).entities
    council = [e for e in entities if "Council of Heads of State" in e.name]
    assert len(council) == 1


def test_a_rare_surname_alone_in_several_articles_is_the_one_person_named_in_full_with_it():
    a = ("Former president Barack Obama spoke in Chicago on Monday.", [("Barack Obama", "PERSON"), ("Chicago", "GPE")])
    b = ("Obama said the plan works. Obama left the room.", [("Obama", "PERSON"), ("Obama", "PERSON")])
    c = ("Obama was president then. Later Obama won again.", [("Obama", "PERSON"), ("Obama", "ORG")])
    d = ("Jane Smith wrote the report.", [("Jane Smith", "PERSON")])
    e = ("Smith won the vote. Smith thanked voters.", [("Smith", "PERSON"), ("Smith", "PERSON")])
    f = ("Smith lost the case. Smith appealed.", [("Smith", "PERSON"), ("Smith", "PERSON")])
    entities = by_name(run({"a": a, "b": b, "c": c, "d": d, "e": e, "f": f}))
    assert "Obama" not in entities and set(entities["Barack Obama"].mentions) == {"a", "b", "c"}
    # A surname common in English may be anyone's: it joins nobody named in one article only.
    assert set(entities["Jane Smith"].mentions) == {"d"}


def test_a_misspelt_surname_with_the_same_first_name_is_the_same_person():
    a = ("Samus Aran returns in the game. Samus Aran fights.", [("Samus Aran", "PERSON"), ("Samus Aran", "PERSON")])
    b = ("Players meet Samus Arran again. Samus Arran wins.", [("Samus Arran", "PERSON"), ("Samus Arran", "PERSON")])
    c = ("Samuel Adams brewed beer. Samuel Adams sold it.", [("Samuel Adams", "PERSON"), ("Samuel Adams", "PERSON")])
    entities = by_name(run({"a": a, "b": b, "c": c}))
    samus = [e for e in entities.values() if e.name.startswith("Samus")]
    assert len(samus) == 1 and set(samus[0].mentions) == {"a", "b"}
    assert set(entities["Samuel Adams"].mentions) == {"c"}


def test_a_news_service_is_the_name_the_corpus_writes_reporting_news_alone():
    a = ("Bloomberg News reported on Friday that WeWork faces an inquiry. WeWork declined to comment to Bloomberg News.",
         [("Bloomberg News", "ORG"), ("WeWork", "ORG"), ("WeWork", "ORG"), ("Bloomberg News", "ORG")])
    # NER tags the bare name GPE as often as the news service ORG: the service's word says what both are.
    b = ("Bloomberg reported WeWork is the subject of an inquiry. Shares fell, according to Bloomberg.",
         [("Bloomberg", "GPE"), ("WeWork", "ORG"), ("Bloomberg", "GPE")])
    c = ("He gave an interview to the BBC. The BBC interviewer asked twice. BBC News ran it. BBC News said more.",
         [("BBC", "ORG"), ("BBC", "ORG"), ("BBC News", "ORG"), ("BBC News", "ORG")])
    entities = by_name(run({"a": a, "b": b, "c": c}))
    bloomberg = [e for e in entities.values() if e.name.startswith("Bloomberg")]
    assert len(bloomberg) == 1 and set(bloomberg[0].mentions) == {"a", "b"} and bloomberg[0].type == "organization"
    # A name the corpus never writes reporting news alone keeps its news service apart.
    assert "BBC News" in entities and "BBC" in entities and "BBC News" not in entities["BBC"].aliases


def test_an_acronyms_long_form_cut_by_ner_where_the_text_goes_on_is_the_acronym():
    a = ("The Organisation for Economic Co-operation and Development cut its forecast. The OECD expects less. "
         "OECD members agreed. The Organisation for Economic Co-operation and Development met.",
         [("The Organisation for Economic Co-operation", "ORG"), ("OECD", "ORG"), ("OECD", "ORG"),
          ("The Organisation for Economic Co-operation", "ORG")])
    # Initials that begin an acronym, but the text goes on to spell another: two things.
    b = ("The United Nations and Europe disagreed. UNESCO named sites. UNESCO listed more. The United Nations voted.",
         [("The United Nations", "ORG"), ("Europe", "LOC"), ("UNESCO", "ORG"), ("UNESCO", "ORG"), ("The United Nations", "ORG")])
    entities = by_name(run({"a": a, "b": b, "b2": b}))
    oecd = [e for e in entities.values() if "OECD" in (e.name, *e.aliases)]
    assert len(oecd) == 1 and "Organisation for Economic Co-operation" in (oecd[0].name, *oecd[0].aliases)
    assert oecd[0].total_mentions == 4
    unesco = [e for e in entities.values() if "unesco" in {n.casefold() for n in (e.name, *e.aliases)}]
    assert len(unesco) == 1 and unesco[0] is not entities["United Nations"]


def test_a_city_named_as_its_state_is_the_bare_name_where_the_corpus_spells_the_state_out():
    a = ("New York City opened a park. Rents in New York rose. New York City grew.",
         [("New York City", "GPE"), ("New York", "GPE"), ("New York City", "GPE")])
    b = ("The New York State attorney general sued. Traffic in New York slowed.",
         [("New York State", "GPE"), ("New York", "GPE")])
    c = ("Oklahoma City hosted the game. Oklahoma passed a law. Oklahoma City won. Oklahoma voted.",
         [("Oklahoma City", "GPE"), ("Oklahoma", "GPE"), ("Oklahoma City", "GPE"), ("Oklahoma", "GPE")])
    entities = run({"a": a, "b": b, "c": c}).entities
    new_york = [e for e in entities if "New York" in (e.name, *e.aliases)]
    assert len(new_york) == 1 and "New York City" in (new_york[0].name, *new_york[0].aliases)
    assert not any("New York State" in (e.name, *e.aliases) for e in new_york)
    # No "Oklahoma State" in the corpus: the bare name stays the state's, the city apart.
    oklahoma = {e.name: e for e in entities if e.name.startswith("Oklahoma")}
    assert set(oklahoma) == {"Oklahoma", "Oklahoma City"}
