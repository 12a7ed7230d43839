"""People NER took for places: a foreign full name it has not seen ("Merav Eitan") is often tagged GPE
or LOC. Such a mention is taken as a person's (a person hint, as a role word before it would be)
when its shape says person and its article says so:

- shape: two or three words, the first a given name and no place of the gazetteer, none of them a
  word the corpus writes in lower case, the last no word that ends names of places, firms, events
  or products ("Forest Hill", "Jordan Valley"), and the whole name no place the gazetteer knows;
- the article: its last word (the surname) is written alone elsewhere in the article, as a person
  is named again ("Merav Eitan and Gaston Zahr ... Eitan and Zahr"); places and works are not cut
  to their last word ("King Kong", "Nova Zeelandia" are not); or it is listed with a name NER tagged
  as a person ("Ivana Jelić and Pavle Petrović"): the items of a list are things of one kind.

NER tags firms named after people ("Morgan Stanley") ORG, rightly: a name tagged ORG (never PERSON)
is taken as a person's only when it is listed with a person ("Aryavir Kumar and Margarita Kuritsyna")
or its first word is a given name of the lists or its last word a surname by its ending (as
"Tsikhanouskaya", where the lists are thin) and its surname is written alone ("Marcelo Claure ...
Claure said") or NER tags it PERSON as often as ORG or a place and its surname is written alone (a
tie of NER's vote: "Sviatlana Tsikhanouskaya", whose given name no list holds), with no firm's word,
no possessive inside ("Verizon's Yahoo") and no country's adjective first ("Belarusian Paralympic
athlete Alexei Talai").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from newswiki.models import Mention
from newswiki.names import PERSONAL_NAME_RE, fold
from newswiki.resolve.candidates import PLACE_LABELS, Candidate
from newswiki.resolve.evidence import MentionKey
from newswiki.resolve.bodies import country_adjectives
from newswiki.resolve.gazetteer import gazetteer
from newswiki.resolve.given_names import has_surname_ending, is_given_name
from newswiki.resolve.one_mention import GLUED_NAMES_RE
from newswiki.resolve.pages import EVENT_WORDS, FIRM_WORDS, PLACE_WORDS, PRODUCT_WORDS

#: Last words that end no person's name.
NAME_END_WORDS = PLACE_WORDS | FIRM_WORDS | EVENT_WORDS | PRODUCT_WORDS


def person_shaped(name: str, common_words: set[str]) -> bool:
    """Whether a name tagged as a place has a person's full name's shape (see the module docstring)."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not PERSONAL_NAME_RE.match(name) or gazetteer().lookup(fold(name)) is not None:
        return False
    if words[-1].lower().rstrip(".") in NAME_END_WORDS or words[-1].isupper() or any(fold(w) in common_words for w in words):
        return False
    # A given name first is evidence; where the name lists are thin (Merav) a first and a last word no
    # gazetteer knows as places will do ("Gallup Korea" is no one): the caller also wants the surname
    # written alone in the article.
    return gazetteer().lookup(fold(words[0])) is None and (is_given_name(words[0]) or gazetteer().lookup(fold(words[-1])) is None)


def org_person_shaped(name: str) -> bool:
    """Whether a name tagged ORG may still be a person's: no firm's word in it ("Lewis Leathers Ltd")
    and no country's adjective first ("Belarusian Paralympic" of "Belarusian Paralympic athlete X")."""
    words = [fold(w).rstrip(".") for w in name.split()]
    return not FIRM_WORDS.intersection(words) and words[0] not in country_adjectives() and not GLUED_NAMES_RE.search(name)


def personal_word(name: str) -> bool:
    """Whether a name's first word is a given name of the lists or its last a surname by its ending
    ("Tsikhanouskaya", "Pashinyan"): what says person in a name NER tagged ORG."""
    words = name.split()
    return is_given_name(words[0]) or has_surname_ending(words[-1])


def surname_alone(text: str, name: str) -> bool:
    """Whether the text writes the name's last word alone more often than within the name."""
    return whole_words(text, name.split()[-1]) > whole_words(text, name)


def whole_words(text: str, words: str) -> int:
    """How often text writes words with no word character (str.isalnum, "_") nor hyphen either side,
    the matches not overlapping (as a pattern with those lookarounds counts them), by str.find: a
    pattern per name was compiled anew for most names."""
    count, at, size = 0, text.find(words), len(words)
    while at >= 0:
        before, after = text[at - 1 : at] if at else "", text[at + size : at + size + 1]
        if not (before and (before.isalnum() or before in "_-")) and not (after and (after.isalnum() or after in "_-")):
            count += 1
            at = text.find(words, at + size)
        else:
            at = text.find(words, at + 1)
    return count


#: What stands between two items of a list: ", ", " and ", ", and ", " & ", " or ".
LIST_JOIN_RE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*)")


def listed_with_person(mention: Mention, article_mentions: list[Mention], text: str) -> bool:
    """Whether the mention is listed right beside a mention NER tagged PERSON ("Ivana Jelić and Pavle Petrović")."""
    at = next((i for i, m in enumerate(article_mentions) if m.start == mention.start), None)
    if at is None:
        return False
    before = article_mentions[at - 1] if at > 0 else None
    after = article_mentions[at + 1] if at + 1 < len(article_mentions) else None
    return any(
        other is not None and other.label == "PERSON" and LIST_JOIN_RE.fullmatch(text[left:right]) is not None
        for other, left, right in ((before, before.end if before else 0, mention.start), (after, mention.end, after.start if after else 0))
    )


def hint_people_tagged_as_places(
    candidates: Mapping[str, Candidate],
    mentions: Mapping[str, list[Mention]],
    texts: Mapping[str, str],
    common_words: set[str],
    hinted: set[MentionKey],
) -> None:
    """Add to hinted the place-tagged mentions of person-shaped names whose surname the article writes
    alone, and the place- or ORG-tagged ones listed with a person."""
    for key in sorted(candidates):
        candidate = candidates[key]
        places = [mn for mn in candidate.mentions if mn.label in PLACE_LABELS or mn.label == "ORG"]
        # Tagged PERSON as often as ORG or a place, a tie NER's vote breaks against a person: its PERSON
        # tags count as a given name of the lists would. Any other share of PERSON tags, the vote decides.
        tagged_person = candidate.labels["PERSON"]
        if not places or tagged_person not in (0, len(places)) or not person_shaped(candidate.name, common_words):
            continue
        if candidate.labels["ORG"] and not org_person_shaped(candidate.name):
            continue
        for mention in places:
            where = (mention.article_id, mention.start)
            text = texts[mention.article_id]
            if where not in hinted and (
                ((mention.label != "ORG" or tagged_person or personal_word(candidate.name)) and surname_alone(text, candidate.name))
                or listed_with_person(mention, mentions.get(mention.article_id, []), text)
            ):
                hinted.add(where)
                candidate.person_hints += 1
