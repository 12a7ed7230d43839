"""Variants of one name that the other merges miss: an organisation's legal form or a firm word
written or not ("Alibaba Group", "SoftBank Group Corp", "U.S. Games Systems, Inc"), its country
before it ("New Zealand Department of Conservation"), a plural ("Space Pirates"); a place's kind
("Pacific Ocean" and "Pacific"); an event's last stage ("Davis Cup Finals" and "Davis Cup"); an ordinal
written as a numeral ("Second World War", "World War II");
a person's full name and the same name without its given name, tagged a person in the same article
("Michael Forrest Jones", "Forrest Jones")."""

from __future__ import annotations

from newswiki.resolve.gazetteer import gazetteer
from newswiki.resolve.merge import Merger
from newswiki.resolve.pages import EVENT_WORDS, ORGANISATION_WORDS

#: Words after an organisation's own name that only say what kind of firm it is.
FIRM_SUFFIXES = {"group", "inc", "corp", "co", "company", "ltd", "llc", "plc", "holdings", "systems", "limited"}
#: Types whose names these variants are of.
ORGANISATION_TYPES = {"organization"}


def merge_organisation_variants(m: Merger) -> None:
    """Join each longer spelling to the shorter one the corpus also names: for an organisation, left by
    dropping firm words, a country, or a plural s; for a place, its kind; an ordinal's numeral form;
    a person's name without the given name."""
    for key in sorted(m.candidates):
        if len(key.split()) < 2:
            continue
        if (target := event_without_stage(key, m)) is not None:
            m.union(key, target)
            continue
        if m.types[key] in ORGANISATION_TYPES:
            target = shorter_spelling(key, m)
        elif m.types[key] == "place":
            target = place_without_kind(key, m)
        elif m.types[key] == "person":
            target = person_without_given_name(key, m)
        else:
            target = None
        target = target or numeral_form(key, m)
        if target is not None:
            m.union(key, target)


#: Last words that say what kind of place a name is: "Pacific Ocean" is the Pacific.
PLACE_KINDS = {"ocean", "sea", "river", "lake", "desert", "peninsula", "gulf", "mountains", "bay", "strait"}


def place_without_kind(key: str, m: Merger) -> str | None:
    words = key.split()
    rest = " ".join(words[:-1])
    if words[-1] in PLACE_KINDS and rest in m.candidates and m.types[rest] == "place":
        return rest
    return None


#: Last words naming a stage of an event: "Davis Cup Finals" are played in the Davis Cup.
STAGE_WORDS = {"final", "finals", "semifinal", "semifinals", "playoffs", "qualifiers"}
EVENT_TYPES = {"event", "organization"}  # NER tags a tournament ORG as often as EVENT


def event_without_stage(key: str, m: Merger) -> str | None:
    """"davis cup finals" -> "davis cup", when the corpus names both and the shorter is an event by its
    tags or its last word (a cup, an open, a championship)."""
    words = key.split()
    rest = " ".join(words[:-1])
    if words[-1] not in STAGE_WORDS or rest not in m.candidates or m.types[key] not in EVENT_TYPES:
        return None
    return rest if m.types[rest] == "event" or (m.types[rest] in EVENT_TYPES and words[-2] in EVENT_WORDS) else None


ORDINALS = {"first": "i", "second": "ii", "third": "iii", "fourth": "iv", "fifth": "v", "sixth": "vi", "seventh": "vii", "eighth": "viii", "ninth": "ix", "tenth": "x"}


def numeral_form(key: str, m: Merger) -> str | None:
    """"second world war" -> "world war ii", when the corpus names both, as things of one type."""
    words = key.split()
    if words[0] not in ORDINALS or len(words) < 3:
        return None
    other = " ".join(words[1:] + [ORDINALS[words[0]]])
    return other if other in m.candidates and m.types[other] == m.types[key] else None


def person_without_given_name(key: str, m: Merger) -> str | None:
    """"forrest jones" of "michael forrest jones": the same name without the given name, tagged a
    person at least once, in an article naming the full name (NER tags many a person ORG as well)."""
    words = key.split()
    tail = " ".join(words[1:])
    if len(words) < 3 or tail not in m.candidates or m.types[tail] not in ("person", "organization"):
        return None
    if not m.candidates[tail].labels["PERSON"]:
        return None
    here = {mn.article_id for mn in m.candidates[key].mentions}
    return tail if any(mn.article_id in here for mn in m.candidates[tail].mentions) else None


def shorter_spelling(key: str, m: Merger) -> str | None:
    words = key.split()
    # Firm words dropped from the end, one at a time: "us games systems inc" -> "us games systems" -> "us games".
    while len(words) > 1 and words[-1] in FIRM_SUFFIXES:
        words = words[:-1]
        if is_organisation(" ".join(words), m):
            return " ".join(words)
    # A country before the name of one of its bodies: "new zealand department of conservation".
    for n in (1, 2, 3):
        head, rest = key.split()[:n], key.split()[n:]
        place = gazetteer().lookup(" ".join(head))
        if place and place[2] == "country" and len(rest) >= 3 and ORGANISATION_WORDS.intersection(rest):
            if is_organisation(" ".join(rest), m):
                return " ".join(rest)
    if key.endswith("s") and is_organisation(key[:-1], m):  # "space pirates" and "space pirate"
        return key[:-1]
    return None


def is_organisation(key: str, m: Merger) -> bool:
    """An organisation's candidate, or one NER calls a place that no gazetteer knows ("Alibaba", GPE 9)."""
    return key in m.candidates and (m.types[key] in ORGANISATION_TYPES or (m.types[key] == "place" and gazetteer().lookup(key) is None))
