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
