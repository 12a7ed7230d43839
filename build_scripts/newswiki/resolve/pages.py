"""Which groups get a page, under what name and id."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter, itemgetter

from anyascii import anyascii
from slugify import slugify

from newswiki.slugs import RESERVED, SAFE_SLUG_RE, not_reserved
from newswiki.models import ENTITY_TYPES, EntityCuration, Mention
from newswiki.resolve.given_names import has_surname_ending, is_given_name, is_surname
from newswiki.names import FUNCTION_WORDS, NAME_CACHE_SIZE, NAME_TITLES, PERSONAL_NAME_RE, clean_span, fold, place_in_sentence
from newswiki.resolve.acronyms import is_acronym
from newswiki.resolve.candidates import LABEL_TYPES
from newswiki.resolve.evidence import Evidence
from newswiki.resolve.collect import MIN_MENTIONS
from newswiki.resolve.gazetteer import gazetteer, minor_place
from newswiki.resolve.kinds import place_of, top_vote
from newswiki.resolve.one_mention import (
    GLUED_NAMES_RE, cut_before_capital, one_mention_enough, only_common_words, personal_name_shape, quoted_as_source, role_after,
)
from newswiki.resolve.usage import CITATION, QUOTED_TITLE


#: Labels a town's every mention must have for one mention to make its page (not FAC: a building).
TOWN_LABELS = frozenset({"GPE", "LOC"})
#: Types that get pages. NORP ("Belarusian", "Russian") names nationalities, not things.
PAGE_TYPES = frozenset(ENTITY_TYPES)
#: Products and works get a page only when well attested: NER takes titles and model names for them often.
THING_TYPES = {"product", "work"}
MIN_THING_MENTIONS = 3
MIN_THING_ARTICLES = 2
#: ... and this share of its mentions must agree on its type: NER junk flips between labels.
MIN_TYPE_AGREEMENT = 2 / 3


def canonical_name(spellings: Counter, entity_type: str, acronym_keys: set[str], reach: Counter | None = None) -> str:
    """The page name: an organisation's acronym, a place's gazetteer name, a person's most used full name.

    "Most used" counts articles first (reach), then mentions: one article that repeats a rare
    transliteration many times should not outvote the spelling most sources use.
    """
    reach = reach or Counter()
    ranked = sorted(spellings, key=lambda n: (-reach[n], -spellings[n], -len(n), n))
    if entity_type == "organization":
        acronyms = [n for n in ranked if fold(n) in acronym_keys and is_acronym(n)]
        if acronyms:
            return acronyms[0]
    if entity_type == "place":
        for n in ranked:
            place = place_of(fold(n))
            # A country by its usual English name even when the corpus writes "U.S." or "Russian Federation".
            if place and (place[1] in spellings or place[2] == "country" or fold(place[1]) == fold(n)):
                return place[1]
    # A dateline or headline in capitals ("CLEVELAND —") is not how the name is written.
    ranked = [n for n in ranked if not (n.isupper() and len(n) > 5)] or [n.title() for n in ranked]
    if entity_type == "person":
        return ([n for n in ranked if len(n.split()) > 1] or ranked)[0]
    return ([n for n in ranked if not is_acronym(n)] or ranked)[0]


#: Longest slug of a name.
SLUG_LENGTH = 80


def slug_of(name: str) -> str:
    """A name's slug, before it is made unique. A slug already (unique_slug is handed the slug of a
    name) is its own: slugify leaves it as it is (tests/test_fast_paths.py), and slugifying each
    page's slug again took 1% of resolve at 10,000 articles."""
    if len(name) <= SLUG_LENGTH and SAFE_SLUG_RE.match(name) and name not in RESERVED:
        return name
    if len(name) <= SLUG_LENGTH and PLAIN_NAME_RE.match(name):
        # ASCII letters and digits in words one space apart ("John Smith", "CSTO"): slugify lower-cases them
        # and joins them by hyphens, nothing else (tests/test_fast_paths.py); most names are such.
        return not_reserved(name.lower().replace(" ", "-"))
    return slug_of_name(name)


#: A name slug_of makes a slug of directly: ASCII letters and digits, words one space apart.
PLAIN_NAME_RE = re.compile(r"[A-Za-z0-9]+(?: [A-Za-z0-9]+)*\Z")


@lru_cache(maxsize=NAME_CACHE_SIZE)
def slug_of_name(name: str) -> str:
    """slug_of, worked out once per name (pages are named several times)."""
    # The same reserved names as article slugs: "INDEX" must not take entities/index.md, nor "CON" a Windows device name.
    return not_reserved(slugify(anyascii(name), max_length=SLUG_LENGTH) or "entity")


def unique_slug(name: str, used: set[str]) -> str:
    base = slug_of(name)
    slug, n = base, 2
    while slug in used:
        slug, n = f"{base}-{n}", n + 1
    used.add(slug)
    return slug


@dataclass
class Group:
    """One future entity: its candidate keys and the mentions assigned to it."""

    keys: list[str]
    mentions: list[Mention] = field(default_factory=list)
    curation: EntityCuration | None = None
    # sample_names' last answer, with the mentions it was made from.
    sample: tuple[tuple[Mention, ...], list[str]] | None = field(default=None, repr=False, compare=False)
    # Every mention's clean_span name by its place (Evidence.clean_names, the facts'), when the corpus' are known.
    clean_names: Mapping[tuple[str, int], str] | None = field(default=None, repr=False, compare=False)
    # mention_places' last answer, with the state of the mentions it was made for.
    places: tuple[tuple[int, int], list[tuple[str, int]]] | None = field(default=None, repr=False, compare=False)
    # mention_labels' last answer, with the state of the mentions it was made for.
    labels: tuple[tuple[int, int], Counter] | None = field(default=None, repr=False, compare=False)


def sample_names(group: Group) -> list[str]:
    """The names (clean_span) of the group's first NAME_SAMPLE mentions, in order. The page rules read
    them several times per group (71,000 groups at 10,000 articles): made once for the mentions as
    they stand, again only when those change (merged, sorted); read from the facts' names where the
    group has them (each distinct span cleaned anew cost 3% of resolve at 10,000 articles)."""
    sample = tuple(group.mentions[:NAME_SAMPLE])
    if group.sample is None or group.sample[0] != sample:
        known = group.clean_names
        if known is None:
            names = [clean_span(mn.text, mn.label)[0] for mn in sample]
        else:
            names = [known[(mn.article_id, mn.start)] for mn in sample]
        group.sample = (sample, names)
    return group.sample[1]


def mention_places(group: Group) -> list[tuple[str, int]]:
    """(article id, start) of each of the group's mentions, where the evidence of each is looked up. The
    page rules read them several times per group: made once per state of the mentions (groups only grow,
    or are emptied into a new list; a sort keeps the places, in another order, which no reader minds:
    they count them or test them against a set)."""
    state = (id(group.mentions), len(group.mentions))
    if group.places is None or group.places[0] != state:
        group.places = (state, [(mn.article_id, mn.start) for mn in group.mentions])
    return group.places[1]


def mention_labels(group: Group) -> Counter:
    """NER label -> how many of the group's mentions have it, counted in C once per state of the mentions
    (as mention_places): the page rules ask which labels a group has, not which mention has which."""
    state = (id(group.mentions), len(group.mentions))
    if group.labels is None or group.labels[0] != state:
        group.labels = (state, Counter(map(attrgetter("label"), group.mentions)))
    return group.labels[1]


def mention_articles(group: Group) -> set[str]:
    """The articles the group's mentions are in."""
    return set(map(itemgetter(0), mention_places(group)))


#: Last words of product names (models, editions, features), which NER tags as people or organisations:
#: "Switch Lite", "Intel Core", "Dark Mode", "Master Builder Series". Events keep theirs ("World Series").
PRODUCT_WORDS = {"lite", "edition", "editions", "series", "bundle", "mode", "core", "pro", "plus", "ultra", "mini", "max", "console", "controller", "sportback"}
#: Plural demonyms NER tags as people or places ("Delhiites", "Muscovites"): groups of people.
DEMONYM_RE = re.compile(r"^[A-Z][a-z]+(?:ites|ians|eans|ans|ese|ers)$")


#: Head words of organisations' full names ("Ministry of Foreign Affairs", "Wagner Group").
ORGANISATION_WORDS = {
    "organization", "organisation", "ministry", "association", "university", "institute", "foundation", "party",
    "council", "committee", "commission", "agency", "bank", "fund", "union", "corporation", "company", "group",
    "court", "department", "service", "forces", "parliament", "assembly", "federation", "league", "society",
    "office", "bureau", "authority", "alliance", "movement", "front", "church", "school", "college", "academy",
    "inc", "corp", "ltd", "llc", "plc", "gmbh", "co",
}


def named_in_full(group: Group, entity_type: str, evidence: Evidence, common_words: set[str], first_names: frozenset[str] = frozenset()) -> bool:
    """Whether one mention in running text is enough: a person's full name whose first word is a given
    name or which follows a title ("Dmitry Peskov", "President Kassym-Jomart Tokayev"), or an
    organisation's full name with its head word ("Ministry of Foreign Affairs")."""
    mention = group.mentions[0]
    where = (mention.article_id, mention.start)
    name = sample_names(group)[0]
    words = name.split()
    if len(words) < 2:
        return False
    if entity_type == "person" and not only_common_words(words, common_words, first_names):
        person_tag = mention.label == "PERSON" or where in evidence.hinted
        return person_tag and personal_name_shape(name) and (
            where in evidence.hinted or is_given_name(words[0]) or fold(words[0]) in evidence.given_names or has_surname_ending(words[-1])
            or (listed_surname(words) and CITATION not in evidence.usage.get(where, ""))
        )
    if entity_type == "organization":
        # Its head word, and a word of its own: "Executive Committee", "Foreign Ministry" name no one body.
        keys = [w.lower().rstrip(".") for w in words]
        own = [k for k in keys if k not in ORGANISATION_HEADS | FIRM_ENDINGS and k not in FUNCTION_WORDS and fold(k) not in common_words]
        # "Department of Social Services", "National Institute on Drug Abuse": common words, but said in
        # full, the way a body's name is and a description is not ("the department's social services").
        described = len(keys) >= 3 and bool(NAME_LINKS.intersection(keys[1:-1])) and keys[-1] not in FUNCTION_WORDS
        # "International Tennis Federation", "Jet Propulsion Laboratory": three capitalised words or more
        # before their head word, in running text, as a body's name is written and a description is not.
        described = described or (
            len(keys) >= 3 and keys[-1] in ORGANISATION_HEADS | FIRM_ENDINGS and all(w[:1].isupper() for w in words)
            and not evidence.parts_of_longer.intersection(group.keys)
        )
        # A possessive or "in" inside joins two names ("MIT's Instrumentation Laboratory", "Cultural Centre in Whangārei").
        glued = bool(GLUED_NAMES_RE.search(name))
        # A firm's ending ("Marvel Entertainment") heads a name of its own only where the rest is no
        # name of the corpus alone ("Netscape Communications" is Netscape's).
        headed = any(k in ORGANISATION_HEADS for k in keys) or (keys[-1] in FIRM_ENDINGS and evidence.parts_of_longer.isdisjoint(group.keys))
        return mention.label == "ORG" and headed and (bool(own) or described) and not glued
    return False


#: A word of a personal name: a capital, then lower-case letters (an apostrophe or a hyphen inside).
NAME_WORD_RE = re.compile(r"[A-Z][a-z]+(?:['’-][A-Za-z][a-z]+)*")


def parts_of_longer_names(keys: Iterable[str]) -> frozenset[str]:
    """Folded names that begin a longer name ("harvard" of "harvard university"), names of two words or more
    that end one ("tax policy center" of "urban-brookings tax policy center"), and names with another name's
    words in another order ("environmental protection department", "department of environmental
    protection"): the body the longer name or the other order names, not one to make a page of from a
    single mention."""
    tails: set[str] = set()
    orders: dict[tuple[str, ...], set[str]] = defaultdict(set)
    keys = set(keys)
    for key in keys:
        words = key.split()
        if len(words) < 2:
            continue
        tails.update(" ".join(words[n:]) for n in range(1, len(words) - 1))
        tails.update(" ".join(words[:n]) for n in range(1, len(words)))
        if " ".join(words[:-1]) in keys:
            tails.add(key)  # "netscape communications" of "netscape": the firm that name names
        orders[tuple(sorted(w for w in words if w not in FUNCTION_WORDS))].add(key)
    return frozenset(tails | {k for same in orders.values() if len(same) > 1 for k in same})


def listed_surname(words: list[str]) -> bool:
    """Whether a name of two or three words ends in a surname of the name lists that ends no place's,
    firm's, event's or product's name ("Xiaonan Zhang", "Vinoy Thomas"; not "Mercer House"): where the
    lists of given names are thin, the surname says person (never in a reference list: "Jui Lin, Yong"). Never initials ("Trewick SA"), a compass
    point ("Wichita North") nor a possessive inside ("Valentine's Day")."""
    last = words[-1]
    return (
        len(words) <= 3 and is_surname(last) and not last.isupper() and last.lower() not in NOT_SURNAMES
        and not GLUED_NAMES_RE.search(" ".join(words) + " ")
    )



#: Last words of places' names: a name ending in one is a place's, whatever its first word.
PLACE_WORDS = frozenset(
    "street st road rd avenue ave boulevard blvd lane drive way square plaza park garden gardens bridge station "
    "airport port harbor harbour bay beach coast island islands isle mountain mountains mount hill hills valley "
    "canyon creek river lake falls springs heights forest wood woods county city town village district province "
    "region state territory center centre hall tower towers palace castle cathedral church abbey temple mosque "
    "stadium arena field fields court market mall museum gallery theatre theater hotel resort campus point "
    "desert sea ocean gulf strait peninsula cape reef trench".split()
)


def named_as_place(group: Group) -> bool:
    """Whether every spelling of the group is two words or more ending in a place's word ("North Island",
    "Cook Strait", "Trinity Church"): a place no gazetteer knows, but its name says what it is, so one
    article naming it twice is enough."""
    names = set(sample_names(group))
    return all(" " in name and name.split()[-1].lower() in PLACE_WORDS for name in names)


#: Mentions whose names are read (a group's names repeat).
NAME_SAMPLE = 50


def is_town(group: Group) -> bool:
    """A place NER tags a place each time (GPE or LOC), written once at least as towns are, with the
    country, state or region it is in after a comma ("Baikonur, Kazakhstan", "Greenbelt, Maryland"):
    a page from one mention, as a city the gazetteer knows gets."""
    return TOWN_LABELS.issuperset(mention_labels(group)) and any(located_in_region(mn) for mn in group.mentions)


def is_minor_place(group: Group) -> bool:
    """A place NER tags a place each time (GPE or LOC) whose name is a town, a subdivision or a region
    the gazetteer keeps apart (gazetteer.minor_place: "Tyva", "Darfur"), never cut before a capitalised
    word ("Salina" of "Salina South") nor after a determiner ("the Mustang performance car"), nor one word
    people are named by ("Crystal", "Muñoz"): a page from one mention."""
    return (
        all(mn.label in TOWN_LABELS and not cut_before_capital(mn) and not after_determiner(mn) for mn in group.mentions[:NAME_SAMPLE])
        and any(minor_place(k) and not (" " not in k and (is_given_name(k) or is_surname(k))) for k in group.keys)
    )


#: A determiner right before a name: "the Mustang performance car", "some Mustang styling cues".
DETERMINER_BEFORE_RE = re.compile(r"\b(?:the|a|an|some|any|this|that|these|those|its|their|our|his|her)\s+$", re.I)


def after_determiner(mention: Mention) -> bool:
    """Whether a determiner comes right before the span in its sentence and a word that is no place's
    right after it: a brand or a thing's name used as a word ("the Mustang performance car"), as a
    town's name seldom is ("the Tskhinvali region" is one)."""
    place = place_in_sentence(mention.text, mention.sentence)
    if place is None or DETERMINER_BEFORE_RE.search(mention.sentence[max(0, place[0] - 12) : place[0]]) is None:
        return False
    after = re.match(r" ([a-z]+)", mention.sentence[place[1] : place[1] + 30])
    return after is not None and after.group(1) not in PLACE_WORDS


#: The capitalised words after a name and a comma: where a town's country, state or region is written.
AFTER_COMMA_RE = re.compile(r",\s+((?:[A-Z][\w'’.-]*\s?){1,3})")
#: Gazetteer kinds a town is written with.
REGION_KINDS = frozenset({"country", "state", "region"})


def located_in_region(mention: Mention) -> bool:
    """Whether the mention's sentence writes it followed by ", <country, state or region>"."""
    at = mention.sentence.find(mention.text)
    if at < 0:
        return False
    after = AFTER_COMMA_RE.match(mention.sentence, at + len(mention.text))
    if after is None:
        return False
    words = after.group(1).split()
    for n in range(len(words), 0, -1):
        place = gazetteer().lookup(fold(" ".join(words[:n]).rstrip(".")))
        if place is not None and place[2] in REGION_KINDS:
            return True
    return False


def bare_first_names(names: set[str]) -> set[str]:
    """The one-word names among a person's names that are the first word of a full one and the last word
    of none: "Viktar" of "Viktar Babaryka" names many people, never this one alone (never an alias); so
    is the given name after a title ("Andrew" of "Prince Andrew"), and the title alone ("King")."""
    untitled = [without_titles(n.split()) for n in names if " " in n]
    full = [words for words in untitled if len(words) > 1]
    firsts = {words[0] for words in untitled} - {words[-1] for words in full}
    return {n for n in names if " " not in n and (n in firsts or fold(n) in NAME_TITLES)}


def without_titles(words: list[str]) -> list[str]:
    """A name's words without the titles before it ("Prince", "Queen", "Sheikh")."""
    while len(words) > 1 and fold(words[0]) in NAME_TITLES:
        words = words[1:]
    return words


#: Last words of events' names ("Dubai Air Show", "Davis Cup Finals", "Vietnam War").
EVENT_WORDS = {
    "show", "festival", "summit", "conference", "expo", "championship", "championships", "olympics", "finals",
    "final", "tournament", "marathon", "fair", "awards", "war", "revolution", "election", "elections",
    "cup", "week", "open", "crisis", "massacre", "uprising",
}
#: Words of organisations' names that are never a person's ("Balmond Studio", "Radio Sputnik").
FIRM_WORDS = ORGANISATION_WORDS | {
    "studio", "studios", "radio", "records", "press", "media", "news", "times", "labs", "systems", "technologies", "motors",
    "airlines", "airways", "design", "designs",
}
#: Head words of a body's name: ORGANISATION_WORDS, a firm's words and those of research and public
#: bodies ("Jet Propulsion Laboratory", "Goddard Space Flight Center", "Hong Kong Stock Exchange").
ORGANISATION_HEADS = frozenset(FIRM_WORDS | {
    "center", "centre", "laboratory", "laboratories", "observatory", "exchange", "army", "network", "hospital",
    "clinic", "police", "directorate", "secretariat", "tribunal", "trust", "coalition", "consortium",
})
#: Words firms' names end in besides their legal forms ("Marvel Entertainment", "Global Infrastructure Partners").
FIRM_ENDINGS = frozenset({
    "research", "entertainment", "animation", "pictures", "capital", "partners", "ventures", "holdings", "industries",
    "enterprises", "solutions", "communications", "pharmaceuticals", "therapeutics", "energy", "insurance", "investments",
    "securities", "electronics", "brands", "project",
})
#: Words joining a body's head word to what it is for: "Institute on Drug Abuse", "Department of ...".
NAME_LINKS = frozenset({"of", "on", "for"})


def type_by_words(group: Group, entity_type: str, in_gazetteer: bool, evidence: Evidence) -> str:
    """The type a name's own words give, over NER's vote: an event word last ("Dubai Air Show"), a firm's
    word in a "person" ("Radio Sputnik"), a person's name (a given name, then a surname, tagged PERSON
    at least once or after a title) that NER's vote made an organisation or a place ("Megan Davies"),
    and a one-word "organisation" followed by a place's noun ("the Rukban camp")."""
    if in_gazetteer and entity_type == "place":
        return entity_type
    names = sample_names(group)
    words = [w.lower() for name in names for w in name.split()]
    last_words = {name.split()[-1].lower() for name in names if " " in name}
    if entity_type in ("organization", "place") and last_words and last_words <= EVENT_WORDS:
        return "event"
    if entity_type == "person" and FIRM_WORDS.intersection(words):
        return "organization"
    if entity_type in ("organization", "place") and not FIRM_WORDS.intersection(words) and not EVENT_WORDS.intersection(words):
        full = [name for name in names if " " in name and PERSONAL_NAME_RE.match(name)]
        person_said = any(mn.label == "PERSON" or (mn.article_id, mn.start) in evidence.hinted for mn in group.mentions)
        if full and person_said and all(is_given_name(name.split()[0]) for name in full) and len(full) * 2 > len(names):
            return "person"
    if entity_type == "organization" and not in_gazetteer and followed_by_place_noun(group, names):
        return "place"
    return type_of_one_word(group, entity_type, names, in_gazetteer, evidence.surnames)


#: Lower-case nouns after a name that make it a place's: "the Rukban camp", "the Tigray region".
PLACE_NOUNS = frozenset(
    "camp camps region area border crossing village town city district province county valley river island "
    "neighborhood neighbourhood desert mountains airport port".split()
)
PLACE_NOUN_AFTER_RE = re.compile(r"\s+([a-z]+)\b")


def followed_by_place_noun(group: Group, names: list[str]) -> bool:
    """Whether a one-word name (no acronym) is followed by a place's noun in half its mentions or more
    ("the Rukban camp", "Rukban crossing point"): NER tags such a name ORG, but what it names is a place."""
    if any(" " in name or name.isupper() for name in names):
        return False
    mentions = group.mentions[:NAME_SAMPLE]
    hits = 0
    for mention in mentions:
        place = place_in_sentence(mention.text, mention.sentence)
        after = PLACE_NOUN_AFTER_RE.match(mention.sentence, place[1]) if place is not None else None
        hits += after is not None and after.group(1) in PLACE_NOUNS
    return hits * 2 >= len(mentions)


#: A one-word "person" never named in full, in this many articles, is a firm or a brand ("Twitter").
BRAND_MIN_ARTICLES = 2


def type_of_one_word(group: Group, entity_type: str, names: list[str], in_gazetteer: bool, surnames: frozenset[str] = frozenset()) -> str:
    """A one-word name NER calls a person but nobody's given name nor the surname of a person of the
    corpus, never written in full, named in several articles, is an organisation ("Twitter" tagged
    PERSON; "Lukashenka" split from Alyaksandr Lukashenka's page by a curator stays a person); one NER calls a place that no
    gazetteer knows and that is tagged an organisation too is one ("Netflix", tagged GPE 7, ORG 1), and
    so is one tagged GPE in several articles that not even the gazetteer's towns and subdivisions know
    ("Pandora", the radio app): a place named that widely is one of them (England, Bavaria), a service
    or a firm is not."""
    if any(" " in name for name in names):
        return entity_type
    articles = mention_articles(group)
    if (
        entity_type == "person" and len(articles) >= BRAND_MIN_ARTICLES and not any(is_given_name(n) for n in names)
        and not surnames.intersection(group.keys)
    ):
        return "organization"
    if entity_type == "place" and not in_gazetteer and mention_labels(group)["ORG"]:
        return "organization"
    if (
        entity_type == "place" and not in_gazetteer and len(articles) >= BRAND_MIN_ARTICLES
        and set(mention_labels(group)) <= {"GPE"} and not any(minor_place(k) for k in group.keys)
    ):
        return "organization"
    return entity_type


def thing_type(group: Group, entity_type: str, thing_names: set[str], in_gazetteer: bool = False, common_words: Collection[str] = frozenset()) -> str:
    """A product, whatever the people or organisation tags say, when its name ends in a model, edition or
    feature word ("Switch Lite", "Intel Core") or, for a "person", begins with a firm's or product's name
    ("Google Stadia", "Nintendo Switch"); a product or a work by NER's tags, unless the name is a person's:
    a given name first, or a full name tagged PERSON that outweighs the tags of the surname alone."""
    if entity_type in ("person", "organization") and any(k.split()[-1] in PRODUCT_WORDS for k in group.keys):
        return "product"
    if entity_type == "person" and thing_names and any(" " in k for k in group.keys) and all(
        len(k.split()) == 1 or k.split()[0] in thing_names for k in group.keys
    ):
        return "product"
    # NER's product and work tags, when the name is no person's (a given name first) and no known place.
    labels = mention_labels(group)
    things = Counter({LABEL_TYPES[label]: labels[label] for label in ("PRODUCT", "WORK_OF_ART") if labels[label]})
    if things and entity_type in ("person", "place") and not in_gazetteer:
        first = sample_names(group)[0].split()[0]
        if not (entity_type == "person" and (is_given_name(first) or named_in_full_as_person(group, thing_names, common_words))):
            return top_vote(things)
    return entity_type


#: NER's labels of products and works.
THING_LABELS = frozenset({"PRODUCT", "WORK_OF_ART"})


def tagged_as_thing(mention: Mention) -> bool:
    return mention.label in THING_LABELS


def named_in_full_as_person(
    group: Group, thing_names: Collection[str], common_words: Collection[str], says_thing: Callable[[Mention], bool] = tagged_as_thing,
) -> bool:
    """Whether NER tags the name in full a person as often as the surname alone says product or work (by
    default NER's tag; a quoted title, for usage_types) and the full name never does ("Sviatlana
    Tsikhanouskaya" PERSON, then "Tsikhanouskaya" chanted, WORK_OF_ART), and what says so alone is its
    last word, the surname, no word the corpus writes in lower case: a given name no list holds, so its
    shape says it (a capital, then lower case; no word the corpus writes in lower case, no product's or
    firm's name: "Google Stadia")."""
    in_full, alone, surnames = 0, [], set()
    for mention, name in zip(group.mentions, sample_names(group)):
        words = name.split()
        if says_thing(mention):
            if len(words) > 1:
                return False
            alone.append(name)
        elif mention.label == "PERSON" and len(words) > 1 and personal_name_shape(name):
            first = words[0]
            if NAME_WORD_RE.fullmatch(first) and fold(first) not in common_words and fold(first) not in thing_names:
                in_full += 1
                surnames.add(words[-1])
    # The surname, as a person is named again; a title is shortened by its first word ("Halo" of "Halo Infinite"),
    # and a title's last word is often a word ("Odyssey", "Knight"), which a surname said to be a thing seldom is.
    return in_full >= len(alone) > 0 and surnames.issuperset(alone) and not any(fold(name) in common_words for name in alone)


def page_reason(
    group: Group,
    entity_type: str,
    type_share: float,
    in_gazetteer: bool,
    evidence: Evidence,
    common_words: set[str],
    thing_names: set[str] = frozenset(),
    first_names: frozenset[str] = frozenset(),
) -> str | None:
    """The junk rule: why this group gets no page, or None.

    In one sentence: a name gets a page when a contributor curated it or a gazetteer knows it as a
    place; otherwise it needs two mentions in running text (headlines and captions do not count),
    two thirds of them agreeing on its type, a person must be named in full at least once, and a
    place the gazetteers do not know must be mentioned in two articles unless its name ends in a
    place's word ("North Island") or is followed by a place's noun ("the Rukban camp"). A town written with its country or state after a comma needs one.
    One mention is also enough for a name of two words or more quoted as a source (one_mention_enough).
    """
    if group.curation is not None:
        return None
    if entity_type not in PAGE_TYPES:
        return f"type {entity_type} gets no page"
    if in_gazetteer and entity_type == "place":
        return None
    if entity_type == "place" and (is_town(group) or is_minor_place(group)):
        return None
    if evidence.titled.isdisjoint(mention_places(group)):
        running = list(group.mentions)  # most groups: no mention in a Title Case line
    else:
        running = [mn for mn in group.mentions if (mn.article_id, mn.start) not in evidence.titled]
    if len(running) < MIN_MENTIONS and not (
        len(running) == 1 and (
            named_in_full(group, entity_type, evidence, common_words, first_names)
            or one_mention_enough(running[0], entity_type, common_words, evidence.parts_of_longer.isdisjoint(group.keys))
        )
    ):
        return f"fewer than {MIN_MENTIONS} mentions in running text and no gazetteer entry"
    if type_share < MIN_TYPE_AGREEMENT:
        return "mentions disagree on what it is (NER label flips)"
    if entity_type == "person" and all(len(k.split()) == 1 for k in group.keys) and not known_by_one_name(group, running, evidence, common_words):
        return "a person never named in full"
    if entity_type == "person" and all(only_common_words(k.split(), common_words, first_names) for k in group.keys):
        return "a person's name cannot be only common words (the corpus writes each in lower case)"
    thin = len(running) < MIN_THING_MENTIONS or len({mn.article_id for mn in running}) < MIN_THING_ARTICLES
    if entity_type in THING_TYPES and thin and not tagged_thing(group, entity_type, evidence):
        return f"a {entity_type} named in fewer than {MIN_THING_MENTIONS} sentences of {MIN_THING_ARTICLES} articles"
    if entity_type == "place" and len(mention_articles(group)) < 2 and not (
        named_as_place(group) or followed_by_place_noun(group, sample_names(group))
    ):
        return "a place no gazetteer knows, in one article only"
    return None


def tagged_thing(group: Group, entity_type: str, evidence: Evidence) -> bool:
    """Whether NER tags every mention of a work or product as one (WORK_OF_ART, PRODUCT) and the text
    names it three times or puts it between quotation marks (“Wild Rose”): a title or a model named as
    such, a page whatever the number of articles."""
    return (
        entity_type in THING_TYPES and set(mention_labels(group)) <= {"WORK_OF_ART", "PRODUCT"}
        and (len(group.mentions) >= MIN_THING_MENTIONS or any(QUOTED_TITLE in evidence.usage.get((mn.article_id, mn.start), "") for mn in group.mentions))
    )


def known_by_one_name(group: Group, running: list[Mention], evidence: Evidence, common_words: set[str]) -> bool:
    """Whether a person never named in full is still one person by that name: NER tags every mention a
    person, twice at least in running text, and the name is no given name (a first name alone names
    anyone), no plural (a team: "Browns") and no word the corpus writes in lower case."""
    names = set(sample_names(group))
    return (
        len(running) >= MIN_MENTIONS and set(mention_labels(group)) <= {"PERSON"}
        and any((mn.article_id, mn.start) in evidence.hinted or quoted_as_source(mn) or role_after(mn) for mn in running)
        and all(NAME_WORD_RE.fullmatch(n) and not is_given_name(n) and not n.endswith("s") and fold(n) not in common_words for n in names)
    )


#: Surnames of the lists that end names of other things: places, firms, events, products, compass points.
NOT_SURNAMES = PLACE_WORDS | FIRM_WORDS | EVENT_WORDS | PRODUCT_WORDS | {"north", "south", "east", "west", "day"}
