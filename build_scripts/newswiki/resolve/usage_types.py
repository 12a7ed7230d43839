"""A group's type from how the text uses its names (usage.py), over NER's vote and the name's words."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from newswiki.models import ArticleFacts
from newswiki.names import fold
from newswiki.resolve.candidates import LABEL_TYPES, Candidate
from newswiki.resolve.collect import NAME_TITLES
from newswiki.resolve.given_names import is_given_name
from newswiki.resolve.kinds import is_person, place_of, top_vote
from newswiki.resolve.evidence import Evidence
from newswiki.resolve.gazetteer import ALWAYS_PLACES, gazetteer
from newswiki.resolve.pages import FIRM_WORDS, Group, mention_places, named_in_full_as_person, sample_names
from newswiki.resolve.thing_context import named_as_a_time, thing_by_context
from newswiki.resolve.usage import QUOTED_TITLE, type_by_usage

#: Why a group whose usage says it is no name gets no page.
USAGE_REASONS = {
    "common": "used as a common noun ('an ABI', 'APKs', an acronym defined in lower-case words), not a name",
    "compound": "a compound of common words ('Content-Type', 'X-Parasites'): a term or a field, not a name",
    "code": "an identifier in code ('new ClaimTask(', 'errors.TypeError', a line of a program), not a name",
}


def usage_type(group: Group, entity_type: str, evidence: Evidence, common_words: set[str]) -> str:
    """The group's type by its usage; "common" or "compound" when it names nothing. Countries,
    regions and big cities stay places whatever one text does with their names."""
    if any((place := place_of(k)) and place[2] in ALWAYS_PLACES for k in group.keys):
        return entity_type
    names = set(sample_names(group)[:COMPOUND_SAMPLE])
    if all(is_common_compound(name, common_words) for name in names):
        return "compound"
    by_words = type_by_head_word(names, entity_type, any(gazetteer().lookup(k) for k in group.keys))
    if by_words != entity_type:
        return by_words
    if entity_type == "person" and not_a_personal_name(names, common_words):
        return thing_vote(group)
    by_context = type_by_context(group, entity_type, evidence)
    if by_context != entity_type:
        return by_context
    if all(ACRONYM_RE.fullmatch(name) for name in names) and written_in_the_plural(group, names, evidence.plural_acronyms):
        return "common"
    where = mention_places(group)
    one_word = any(len(k.split()) == 1 for k in group.keys)  # an acronym with its long form is one thing
    by_usage = type_by_usage(where, evidence.usage, entity_type, one_word)
    if by_usage == "work" and entity_type == "person" and surname_quoted(group, evidence, common_words):
        return entity_type  # supporters chanting "Tsikhanouskaya": her name quoted, no title
    return by_usage


def surname_quoted(group: Group, evidence: Evidence, common_words: set[str]) -> bool:
    """Whether what the text quotes as a title is only the surname of a full name NER tags PERSON as often
    (pages.named_in_full_as_person)."""
    usage = evidence.usage
    return named_in_full_as_person(group, (), common_words, lambda mn: QUOTED_TITLE in usage.get((mn.article_id, mn.start), ""))


def type_by_context(group: Group, entity_type: str, evidence: Evidence) -> str:
    """The type the corpus around the names gives (thing_context.py): a "person" whose name begins a
    longer one NER tags a product or a work ("Mario Kart" of "Mario Kart 8 Deluxe") is that; a "person"
    or a "place" whose sentences name it as a product or a work in half its mentions is one ("the app
    Signal", "Firefox 70.0"); an "organisation" or a "place" no gazetteer knows that the text names as a
    time ("during Diwali") is an event. A mention after a role word says person, and the rules stop."""
    if entity_type not in ("person", "place", "organization"):
        return entity_type
    if entity_type == "person":
        titles = {evidence.thing_titles[k] for k in group.keys if k in evidence.thing_titles}
        if len(titles) == 1 and not any((mn.article_id, mn.start) in evidence.hinted for mn in group.mentions):
            return titles.pop()
    if entity_type in ("person", "place"):
        thing = thing_by_context(group.mentions, evidence.hinted)
        if thing is not None:
            return thing
    if entity_type in ("organization", "place") and named_as_a_time(group.mentions) and not any(gazetteer().lookup(k) for k in group.keys):
        return "event"
    return entity_type


#: An acronym as a name is written: two to six capitals.
ACRONYM_RE = re.compile(r"[A-Z]{2,6}")
PLURAL_ACRONYM_RE = re.compile(r"\b([A-Z]{2,6})s\b")
#: Share of the articles naming an acronym that write it in the plural, for it to be a thing's: a firm's
#: acronym is pluralised now and then for its products ("two BMWs") among many articles naming the firm.
PLURAL_ARTICLE_SHARE = 1 / 4


def corpus_plural_acronyms(facts: Mapping[str, ArticleFacts]) -> Counter:
    """Acronym -> the articles that write it in the plural ("APIs", "GPUs", "SDKs"), read from each
    article's capitalised words, once per article."""
    articles: Counter = Counter()
    for aid in facts:
        articles.update(set(PLURAL_ACRONYM_RE.findall(facts[aid].capitalised_words)))
    return articles


def written_in_the_plural(group: Group, names: set[str], plurals: Mapping[str, int]) -> bool:
    """Whether an acronym that the corpus never spells out (its group holds acronyms only) is written in
    the plural in a quarter of the articles naming it or more: counted things, not a name ("APIs")."""
    plural_articles = max((plurals.get(name, 0) for name in names), default=0)
    return plural_articles > 0 and plural_articles >= PLURAL_ARTICLE_SHARE * len({mn.article_id for mn in group.mentions})


#: Mentions whose names are read for the compound test (a group's names repeat).
COMPOUND_SAMPLE = 20


def is_common_compound(name: str, common_words: set[str]) -> bool:
    """A hyphenated word whose every part the corpus also writes in lower case ("Content-Type");
    parts of one letter ("X-Parasites") count as neither."""
    if " " in name or "-" not in name:
        return False
    words = [w for w in fold(name).split() if len(w) > 1]
    return bool(words) and all(w in common_words for w in words)


def not_a_personal_name(names: set[str], common_words: set[str]) -> bool:
    """A "person" whose full names all begin with a word the corpus writes in lower case, which is no
    given name nor a title ("Super Mario", "Census QuickStats"), names a thing."""
    full = [name.split()[0] for name in names if " " in name]
    return bool(full) and all(
        len(first) > 1 and not first.endswith(".") and fold(first) in common_words
        and fold(first) not in NAME_TITLES and not is_given_name(first)
        for first in full
    )


def thing_vote(group: Group) -> str:
    """A product or a work, as NER's tags of the group say (a product when they say neither)."""
    votes = Counter(LABEL_TYPES[mn.label] for mn in group.mentions if mn.label in ("PRODUCT", "WORK_OF_ART"))
    return top_vote(votes) if votes else "product"


#: Full names of people a word must begin in the corpus to count as a given name there.
MIN_FULL_NAMES = 2


def full_personal_names(candidates: dict[str, Candidate], common_words: set[str]) -> list[list[str]]:
    """The words of each full name of a person in the corpus (by their NER votes; no acronym in them,
    no word the corpus writes in lower case: "Mossy Stone Bricks" is no one)."""
    return [
        key.split() for key, candidate in candidates.items()
        if " " in key and is_person(candidate) and not any(w.isupper() and len(w) > 1 for w in candidate.name.split())
        and not common_words.intersection(key.split())
    ]


def corpus_given_names(full_names: list[list[str]]) -> frozenset[str]:
    """Folded words that begin two full names of people or more in the corpus (full_personal_names): given
    names whatever the name lists say ("viktar" of Viktar Babaryka and Viktar Hanchar, a Belarusian form no list has)."""
    firsts = Counter(words[0] for words in full_names)
    return frozenset(word for word, n in firsts.items() if n >= MIN_FULL_NAMES)


def corpus_surnames(full_names: list[list[str]]) -> frozenset[str]:
    """Folded last words of the full names of people in the corpus (full_personal_names): "lukashenka" of Alyaksandr Lukashenka."""
    return frozenset(words[-1] for words in full_names)


def given_names_used_as_names(candidates: dict[str, Candidate], lower_counts: Counter) -> frozenset[str]:
    """Folded given names (the name lists') that begin full names NER tagged PERSON more often than the
    corpus writes them in lower case: "tom" begins Tom Cruise and Tom Brown 7 times and is written
    "tom" once, so "Tom Cruise" is no pair of common words; "will", "may", "long" are written in lower
    case hundreds of times. Titles ("Lady Bird", "Prince Harry") are no given names. Counted on
    mentions, so the measure keeps its scale as the corpus grows."""
    starts: Counter = Counter()
    for key, candidate in candidates.items():
        if " " in key and candidate.labels["PERSON"]:
            starts[key.split()[0]] += candidate.labels["PERSON"]
    return frozenset(w for w, n in starts.items() if n > lower_counts[w] and w not in NAME_TITLES and is_given_name(w))


#: Last words of places' names (buildings, sites, landforms): "Trinity Church", "Scott Base", "Impact Crater".
PLACE_HEAD_WORDS = {
    "church", "cathedral", "mosque", "temple", "crater", "base", "terminal", "airport", "station", "bridge",
    "square", "harbour", "harbor", "stadium", "arena", "castle", "palace", "peninsula", "valley", "canyon",
}
#: Last words of organisations' names that NER takes for people's: "Lorenz Center".
ORGANISATION_HEAD_WORDS = {"center", "centre", "laboratory", "lab", "clinic", "hospital"}


def type_by_head_word(names: set[str], entity_type: str, in_gazetteer: bool) -> str:
    """The type a name's words give: a place no gazetteer knows with a firm's word is an organisation
    ("Alibaba Group", tagged GPE as "Alibaba"); a person or organisation whose full names all end in a
    place's head word is a place; a person whose full names end in an organisation's is one."""
    words = {w.lower() for name in names for w in name.split()}
    last = {name.split()[-1].lower() for name in names if " " in name}
    if entity_type == "place" and not in_gazetteer and FIRM_WORDS.intersection(words):
        return "organization"
    if entity_type in ("person", "organization") and last and last <= PLACE_HEAD_WORDS:
        return "place"
    if entity_type == "person" and last and last <= ORGANISATION_HEAD_WORDS:
        return "organization"
    return entity_type
