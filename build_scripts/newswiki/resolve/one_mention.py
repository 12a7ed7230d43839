"""When one mention of a name in running text is enough for a page: the shape of the span, and what
its sentence says of it (a source quoted, a role in apposition, a body where someone works)."""

from __future__ import annotations

import re

from newswiki.models import Mention
from newswiki.names import PERSONAL_NAME_RE, ROLES, alternatives, clean_span, fold, place_in_sentence


#: An Arabic article joined to a surname ("Omar Hassan al-Bashir", "Bashar al-Assad"): part of the name.
JOINED_ARTICLE_RE = re.compile(r"(?<=\s)(?:al|el|ad|ash|as|at|ar|an|az)-(?=[A-Z])")


def personal_name_shape(name: str) -> bool:
    """Whether a name is written as people's names are (capitalised words, name particles)."""
    return bool(PERSONAL_NAME_RE.match(JOINED_ARTICLE_RE.sub("", name)))


def only_common_words(words: list[str], common_words: set[str], first_names: frozenset[str] = frozenset()) -> bool:
    """Whether every word of a person's name is one the corpus writes in lower case; a first word the
    corpus uses as a given name more than as a word ("Tom" of Tom Cruise) does not count as one."""
    keys = [fold(w) for w in words]
    return all(k in common_words for k in keys) and not (len(keys) > 1 and keys[0] in first_names)


#: Inside a span, what joins two names: a possessive, "in", an ampersand between capitals ("R&D").
GLUED_NAMES_RE = re.compile(r"\w['’]s\s|\sin\s|[A-Z]&[A-Z]")


def cut_before_capital(mention: Mention) -> bool:
    """Whether a capitalised word follows the span in its sentence: NER cut a longer name there
    ("Palmerston" of "Palmerston North", "Sioux Falls Argus" of "Sioux Falls Argus Leader")."""
    place = place_in_sentence(mention.text, mention.sentence)
    return place is not None and re.match(r" [A-Z]", mention.sentence[place[1] : place[1] + 2]) is not None


#: Verbs of speech and report right after a name, as a source is quoted: "Rocket Lab said", "Interfax reported".
SPOKE_AFTER_RE = re.compile(
    r"\s+(?:said|says|told|tells|added|wrote|writes|reported|reports|announced|announces|stated|explained|"
    r"confirmed|denied|tweeted|warned|estimated|estimates)\b"
)
#: ... or right before it: "said Jane Oduya", "told Interfax", "according to Rosstat".
SPOKE_BEFORE_RE = re.compile(r"\b(?:said|says|told|tells|[Aa]ccording to|quoted by|cited by|reported by)\s+(?:the\s+)?$")


#: A role in apposition right after a name: ", a spokeswoman for", ", the bank's chief economist", ", who".
ROLE_AFTER_RE = re.compile(
    rf",\s+(?:who\b|(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,4}}?(?:{alternatives(ROLES | {'economist', 'researcher', 'scientist', 'author', 'editor', 'reporter', 'lawyer', 'attorney', 'spokesperson', 'partner', 'manager', 'head', 'owner', 'student', 'resident', 'expert'})})s?\b)",
    re.I,
)


def quoted_as_source(mention: Mention) -> bool:
    """Whether its sentence gives the name as the one who says or reports something, right before or
    after a verb of speech ("..., said Jane Oduya", "Coresight Research said", "according to the World
    Bank"): what a news text names so is a person or a body, stated in full."""
    place = place_in_sentence(mention.text, mention.sentence)
    if place is None:
        return False
    start, end = place
    return bool(SPOKE_BEFORE_RE.search(mention.sentence[max(0, start - 30) : start]) or SPOKE_AFTER_RE.match(mention.sentence, end))


def role_after(mention: Mention) -> bool:
    """Whether its sentence gives the name a role in apposition ("Jane Oduya, a spokeswoman for ...")."""
    place = place_in_sentence(mention.text, mention.sentence)
    return place is not None and ROLE_AFTER_RE.match(mention.sentence, place[1]) is not None


#: Nouns a text gives an organisation in apposition: "Stratfor, the Texas-based geopolitical intelligence firm".
BODY_NOUNS = frozenset(
    "firm company startup start-up group agency organization organisation nonprofit non-profit charity maker manufacturer "
    "publisher retailer broadcaster network newspaper magazine website outlet bank lender insurer carrier airline "
    "operator developer studio label consultancy institute foundation association union party platform service".split()
)
#: An organisation's noun in apposition right after the name: ", the Texas-based geopolitical intelligence firm".
BODY_AFTER_RE = re.compile(rf",\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,5}}?(?:{alternatives(BODY_NOUNS)})\b(?!['’-])", re.I)
#: A person's role and the word that names where they work, right before the name: "an analyst at Stratfor".
EMPLOYER_BEFORE_RE = re.compile(rf"\b(?:{alternatives(ROLES | {'economist', 'researcher', 'scientist', 'engineer', 'editor', 'reporter', 'partner', 'manager', 'head', 'employee', 'founder'})})s?\s+(?:at|for|with)\s+(?:the\s+)?$", re.I)


def said_to_be_a_body(mention: Mention) -> bool:
    """Whether its sentence calls the name an organisation in apposition (", the previously little-known
    firm") or names it as where someone with a role works ("a senior military analyst at Stratfor")."""
    place = place_in_sentence(mention.text, mention.sentence)
    if place is None:
        return False
    start, end = place
    return bool(BODY_AFTER_RE.match(mention.sentence, end) or EMPLOYER_BEFORE_RE.search(mention.sentence[max(0, start - 40) : start]))


def one_mention_enough(mention: Mention, entity_type: str, common_words: set[str], whole: bool = True) -> bool:
    """Whether one tagged mention in running text makes a page, besides a name said in full
    (named_in_full): a name of two words or more quoted as a source (quoted_as_source) and tagged so,
    a person's personal name tagged PERSON ("..., said Jane Oduya"), an organisation's name tagged ORG
    of words not all common ("Coresight Research said"); an organisation's name tagged ORG, of one word
    or more, that the sentence says is a body (said_to_be_a_body), unless it is part of a longer name of
    the corpus (whole: pages.parts_of_longer_names); never two names glued ("RedMonk's Stephens"), a
    span across a quotation mark nor one cut before a capitalised word."""
    if GLUED_NAMES_RE.search(mention.text) or QUOTE_MARKS_RE.search(mention.text) or cut_before_capital(mention):
        return False
    name = clean_span(mention.text, mention.label)[0]
    if whole and entity_type == "organization" and mention.label == "ORG" and said_to_be_a_body(mention) and not only_common_words(name.split(), common_words):
        return True
    if " " not in name or not (quoted_as_source(mention) or (entity_type == "person" and role_after(mention))):
        return False
    if entity_type == "person":
        return mention.label == "PERSON" and personal_name_shape(name)
    return entity_type == "organization" and mention.label == "ORG" and not only_common_words(name.split(), common_words)


#: Quotation marks: a span across one joins a name to the words of a quote or a title.
QUOTE_MARKS_RE = re.compile(r"[\"“”„«»]")
