"""How the text uses a name (resolve/usage.py) decides pages and types, and organisations' variants join.

Mentions are written by hand (no model needed), as in test_entity_evidence.py.
"""

from __future__ import annotations

from newswiki.resolve.usage import is_code_line, is_reference_line, lower_case_definitions, plural_acronyms, usage_marks
from tests.test_entity_evidence import by_name, run


def marks(text: str, span: str) -> str:
    start = text.index(span)
    cited, code = is_reference_line(text), is_code_line(text)
    return usage_marks(text, start, start + len(span), span, cited, lower_case_definitions(text), plural_acronyms(text), code)


def test_an_indefinite_article_makes_a_common_noun_unless_the_name_qualifies_a_word():
    assert "c" in marks("It defines an ABI between the two.", "ABI")
    assert "c" in marks("Coming from an original Xbox One. It is faster.", "Xbox One")
    assert "c" not in marks("He is a Trump supporter.", "Trump")
    assert "c" not in marks("said Mark Warner, a Virginia Democrat.", "Virginia")
    assert "c" not in marks("a South Dakota-sized share", "South Dakota")
    assert "c" not in marks("The FBI said so.", "FBI")


def test_acronyms_defined_in_lower_case_or_written_in_the_plural_are_common_nouns():
    assert "c" in marks("a service level objective (SLO) is met. The SLO held.", "SLO")
    assert "c" in marks("Two APKs and more APKs. The APK is small.", "APK")
    assert "c" not in marks("The CSTO met; the CSTOs are not a word.", "CSTO")
    assert "c" not in marks("the Collective Security Treaty Organization (CSTO) met.", "CSTO")


def test_quoted_titles_and_citations_are_marked():
    assert "q" in marks("classics, including “Mary Poppins” and “Bambi.”", "Mary Poppins")
    assert "q" in marks("a song like “Glasgow,” she said", "Glasgow")
    line = "^ McLintock, A. H. (1966). An Encyclopaedia of New Zealand. Retrieved 2 May 2011."
    assert marks(line, "McLintock") == "rs"
    line = "^ Murray-McIntosh, Rosalind P.; Scrimshaw, Brian J. (1998). Retrieved 1 May 2011."
    assert "g" in marks(line, "Brian J.")


def test_concepts_used_as_common_nouns_get_no_page_and_organisations_keep_theirs():
    text = (
        "Emscripten defines an ABI between JS and Wasm. That ABI is arbitrary. We replace the ABI with an ABI. "
        "The ABI changed. The FBI said so. An FBI agent came. The FBI left."
    )
    names = by_name(run({"a": (text, [("ABI", "ORG"), ("ABI", "ORG"), ("ABI", "ORG"), ("ABI", "ORG"), ("ABI", "ORG"),
                                      ("FBI", "ORG"), ("FBI", "ORG"), ("FBI", "ORG")])}))
    assert "ABI" not in names
    assert "FBI" in names


def test_cited_surnames_are_people_and_cited_given_names_no_names():
    text = (
        "^ Wilson, John (March 2009). \"Tasman\". Te Ara. Retrieved 2 May 2011.\n"
        "^ Wilson, John (May 2010). \"Cook\". Te Ara. Retrieved 2 May 2011.\n"
    )
    resolution = run({"a": (text, [("Wilson", "ORG"), ("John", "PERSON"), ("Wilson", "ORG"), ("John", "PERSON")])})
    assert "John" not in by_name(resolution)
    assert any(d.text == "John" and "cited surname" in d.reason for d in resolution.dropped)
    wilson = [d for d in resolution.dropped if d.text == "Wilson"]
    assert wilson and wilson[0].label == "person"  # a person never named in full: no page, but not an organisation


def test_names_cut_after_an_initial_or_glued_by_a_colon_are_no_names():
    text = "Brian J. spoke twice; Brian J. left. Navigation Roadblocks: Stores closed. Navigation Roadblocks: Stores opened."
    names = by_name(run({"a": (text, [("Brian J.", "PERSON"), ("Brian J.", "PERSON"),
                                      ("Navigation Roadblocks: Stores", "ORG"), ("Navigation Roadblocks: Stores", "ORG")])}))
    assert "Brian J." not in names and "Navigation Roadblocks: Stores" not in names


def test_hyphenated_compounds_of_common_words_get_no_page():
    text = "The content type is set. The Content-Type header is sent. A Content-Type is a type of content."
    names = by_name(run({"a": (text, [("Content-Type", "ORG"), ("Content-Type", "ORG")])}))
    assert "Content-Type" not in names


def test_an_organisations_legal_form_a_country_before_it_or_a_plural_join_its_page():
    text = (
        "Alibaba sells. Alibaba grew. The Alibaba Group said so. "
        "The Department of Conservation counts birds. The Department of Conservation said so. "
        "The New Zealand Department of Conservation agreed."
    )
    spans = [("Alibaba", "ORG"), ("Alibaba", "ORG"), ("Alibaba Group", "ORG"), ("Department of Conservation", "ORG"),
             ("Department of Conservation", "ORG"), ("New Zealand Department of Conservation", "ORG")]
    names = by_name(run({"a": (text, spans)}))
    assert "Alibaba Group" in names["Alibaba"].aliases
    assert "New Zealand Department of Conservation" in names["Department of Conservation"].aliases


def test_given_names_come_from_a_permissive_list_with_the_press_romanisation_of_cyrillic():
    from newswiki.resolve.given_names import is_given_name, press_romanisations

    assert is_given_name("John") and is_given_name("Svetlana") and is_given_name("Jean-Pierre")
    assert is_given_name("Yevgeny") and is_given_name("Dmitry") and is_given_name("Sergei")  # from Евгений, Дмитрий, Сергей
    assert not is_given_name("Lukashenko") and not is_given_name("The")
    assert {"dmitriy", "dmitry"} <= press_romanisations("Дмитрий")
    assert {"volodimir", "volodymyr"} <= press_romanisations("Володимир")


def test_a_span_across_a_blank_line_is_no_name():
    text = "Page editor: Jonathan Corbet\n\nInside this week's edition. Later Jonathan Corbet\n\nInside again."
    names = by_name(run({"a": (text, [("Jonathan Corbet\n\nInside", "PERSON"), ("Jonathan Corbet\n\nInside", "PERSON")])}))
    assert not any("Inside" in name for name in names)


def test_a_word_that_begins_a_persons_full_name_in_the_article_is_a_given_name_not_a_brand():
    text = (
        "Viktar Babaryka ran for president. Viktar Hanchar backed him. Later Viktar was arrested. "
        "Viktar is ill. Viktar fell. Viktar Babaryka denies it."
    )
    # As in the seed this comes from: the bare name tagged ORG three times, PERSON once.
    spans = [("Viktar Babaryka", "PERSON"), ("Viktar Hanchar", "PERSON"), ("Viktar", "ORG"), ("Viktar", "ORG"),
             ("Viktar", "PERSON"), ("Viktar Babaryka", "PERSON")]
    names = by_name(run({"a": (text, spans)}))
    assert "Viktar Babaryka" in names
    assert "Viktar" not in names


def test_a_places_kind_an_ordinals_numeral_and_a_name_without_its_given_name_join_one_page():
    text = (
        "The Pacific is wide. The Pacific is deep. The Pacific Ocean is blue. World War II ended. "
        "World War II was long. The Second World War changed Europe. Michael Forrest Jones spoke. "
        "Forrest Jones said so. Forrest Jones left."
    )
    spans = [("Pacific", "LOC"), ("Pacific", "LOC"), ("Pacific Ocean", "LOC"), ("World War II", "EVENT"),
             ("World War II", "EVENT"), ("Second World War", "EVENT"), ("Michael Forrest Jones", "PERSON"),
             ("Forrest Jones", "PERSON"), ("Forrest Jones", "ORG")]
    names = by_name(run({"a": (text, spans), "b": ("The Pacific Ocean again.", [("Pacific Ocean", "LOC")])}))
    pacific = [e for e in names.values() if "Pacific" in (e.name, *e.aliases)]
    assert len(pacific) == 1 and "Pacific Ocean" in (pacific[0].name, *pacific[0].aliases)
    assert "Second World War" in names["World War II"].aliases
    jones = [e for e in names.values() if "Forrest Jones" in (e.name, *e.aliases)]
    assert len(jones) == 1 and "Michael Forrest Jones" in (jones[0].name, *jones[0].aliases)


def test_head_words_type_places_and_organisations_ner_tagged_otherwise():
    text = "Trinity Church stands. Trinity Church burned. The Lorenz Center said. The Lorenz Center agreed."
    names = by_name(run({
        "a": (text, [("Trinity Church", "ORG"), ("Trinity Church", "ORG"), ("Lorenz Center", "PERSON"), ("Lorenz Center", "PERSON")]),
        "b": ("Trinity Church again.", [("Trinity Church", "ORG")]),
    }))
    assert names["Trinity Church"].type == "place"
    assert names["Lorenz Center"].type == "organization"


def test_identifiers_in_code_are_marked_and_get_no_page():
    assert "k" in marks("  throw new TypeError(message);", "TypeError")
    assert "k" in marks("The queue calls task.ClaimTask and waits.", "ClaimTask")
    assert "k" in marks("It returns a Promise<Response> here.", "Promise")
    assert "k" in marks("const queue = new TaskQueue();", "TaskQueue")
    assert "k" not in marks("Reuters (2019) and Apple reported it.", "Reuters")
    assert "k" not in marks("the new Xbox One sold well.", "Xbox One")
    assert "k" not in marks("Tom Ebberly directed it.\nOmar Hassan was indicted.", "Omar Hassan")  # a line's first name
    prose = "Mozilla added fetch() to Firefox in 2015, long after Google had shipped it in Chrome, and Microsoft followed a year later with Edge."
    assert "k" not in marks(prose, "Mozilla")  # a paragraph of prose naming a function is no code
    code = "try {\n  run(ClaimTask.create());\n} catch (e) {\n  if (e instanceof TypeError) retry();\n}"
    text = code + "\nClaimTask and TypeError are the classes the queue uses. WeWork and Mozilla use it.\n" + code
    spans = [("ClaimTask", "ORG"), ("TypeError", "ORG"), ("ClaimTask", "ORG"), ("TypeError", "PERSON"), ("WeWork", "ORG"),
             ("Mozilla", "ORG"), ("ClaimTask", "ORG"), ("TypeError", "ORG")]
    names = by_name(run({"a": (text, spans), "b": ("WeWork rented it. Mozilla said so.", [("WeWork", "ORG"), ("Mozilla", "ORG")])}))
    assert "ClaimTask" not in names and "TypeError" not in names
    assert "WeWork" in names and "Mozilla" in names
