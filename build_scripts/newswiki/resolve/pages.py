"""Which groups get a page, under what name and id."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from anyascii import anyascii
from slugify import slugify

from newswiki.curation import EntityCuration
from newswiki.models import Mention
from newswiki.resolve.names import fold
from newswiki.resolve.acronyms import is_acronym
from newswiki.resolve.evidence import Evidence
from newswiki.resolve.collect import MIN_MENTIONS
from newswiki.resolve.kinds import place_of


#: Types that get pages. NORP ("Belarusian", "Russian") names nationalities, not things.
PAGE_TYPES = {"person", "organization", "place", "event"}
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


def unique_slug(name: str, used: set[str]) -> str:
    base = slugify(anyascii(name), max_length=80) or "entity"
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


#: Last words of product names (models, editions, features), which NER tags as people or organisations:
#: "Switch Lite", "Intel Core", "Dark Mode", "Master Builder Series". Events keep theirs ("World Series").
PRODUCT_WORDS = {"lite", "edition", "editions", "series", "bundle", "mode", "core", "pro", "plus", "ultra", "mini", "max", "console", "controller", "sportback"}
#: Plural demonyms NER tags as people or places ("Delhiites", "Muscovites"): groups of people.
DEMONYM_RE = re.compile(r"^[A-Z][a-z]+(?:ites|ians|eans|ans|ese|ers)$")


def page_reason(
    group: Group,
    entity_type: str,
    type_share: float,
    in_gazetteer: bool,
    evidence: Evidence,
    common_words: set[str],
    thing_names: set[str] = frozenset(),
) -> str | None:
    """The junk rule: why this group gets no page, or None.

    In one sentence: a name gets a page when a contributor curated it or a gazetteer knows it as a
    place; otherwise it needs two mentions in running text (headlines and captions do not count),
    two thirds of them agreeing on its type, a person must be named in full at least once, and a
    place the gazetteers do not know must be mentioned in two articles.
    """
    if group.curation is not None:
        return None
    if entity_type not in PAGE_TYPES:
        return f"type {entity_type} gets no page"
    if in_gazetteer and entity_type == "place":
        return None
    running = [mn for mn in group.mentions if (mn.article_id, mn.start) not in evidence.titled]
    if len(running) < MIN_MENTIONS:
        return f"fewer than {MIN_MENTIONS} mentions in running text and no gazetteer entry"
    if type_share < MIN_TYPE_AGREEMENT:
        return "mentions disagree on what it is (NER label flips)"
    if entity_type == "person" and all(len(k.split()) == 1 for k in group.keys):
        return "a person never named in full"
    if entity_type == "person" and all(all(w in common_words for w in k.split()) for k in group.keys):
        return "a person's name cannot be only common words (the corpus writes each in lower case)"
    if entity_type == "person" and thing_names and all(len(k.split()) == 1 or k.split()[0] in thing_names for k in group.keys):
        return "named after a product, firm or place (its first word is one), not a person"
    if entity_type in ("person", "organization") and any(k.split()[-1] in PRODUCT_WORDS for k in group.keys):
        return "a product name (ends in a model, edition or feature word)"
    if entity_type == "place" and len({mn.article_id for mn in group.mentions}) < 2:
        return "a place no gazetteer knows, in one article only"
    return None
