"""Variants of one name that the other merges miss: an organisation's legal form or a firm word
written or not ("Alibaba Group", "SoftBank Group Corp", "U.S. Games Systems, Inc"), its country
before it ("New Zealand Department of Conservation"), a plural ("Space Pirates"); a place's kind
("Pacific Ocean" and "Pacific"); an event's last stage ("Davis Cup Finals" and "Davis Cup"); an ordinal
written as a numeral ("Second World War", "World War II");
a person's full name and the same name without its given name, tagged a person in the same article
("Michael Forrest Jones", "Forrest Jones"); two given names of one surname that an article writes
together ("Kristi Lynn Noem": Kristi Noem and Lynn Noem); an organisation's one-word name and the
acronym of its parts the same articles write ("Volkswagen" and "VW")."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections import defaultdict
from collections.abc import Mapping
from functools import lru_cache

from newswiki.models import ArticleFacts
from newswiki.names import fold
from newswiki.resolve.acronyms import is_acronym
from newswiki.resolve.candidates import Candidate
from newswiki.resolve.gazetteer import gazetteer
from newswiki.resolve.given_names import is_given_name
from newswiki.resolve.kinds import is_person
from newswiki.resolve.merge import Merger
from newswiki.resolve.pages import EVENT_WORDS, ORGANISATION_WORDS

#: Words after an organisation's own name that only say what kind of firm it is (legal_forms() adds
#: the legal forms of other countries: SRL, GmbH, S.A., Oyj).
FIRM_SUFFIXES = {"group", "inc", "corp", "co", "company", "ltd", "llc", "plc", "holdings", "systems", "limited"}
#: Faker's company suffixes that are also common words or names, never taken as a legal form alone.
#: US state codes among them too ("Lexington KY").
NOT_LEGAL_FORMS = {
    "con", "me", "epic", "partner", "url", "san", "sem", "sad", "sat", "ed", "et", "as", "os", "ra", "ep", "ei", "loc",
    "ky", "sc", "sd", "ks", "ad", "ba", "bt", "eg", "og", "hb", "ry", "dd", "ac",
}


@lru_cache(maxsize=1)
def legal_forms() -> dict[tuple[str, ...], frozenset[str]]:
    """Folded legal forms of firms, as word tuples, with the countries that use them: the company
    suffixes Faker ships for its ~40 locales, Latin script only ("SRL": IT, RO; "LLC": US; "Sp. z o.o.": PL)."""
    import faker.providers.company as company

    countries: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for module in pkgutil.iter_modules(company.__path__):
        provider = getattr(importlib.import_module(f"{company.__name__}.{module.name}"), "Provider", None)
        for written in getattr(provider, "company_suffixes", None) or ():
            key = fold(written) if isinstance(written, str) and all(ord(c) < 0x250 for c in written) else ""
            if len(key.replace(" ", "")) > 1 and key not in NOT_LEGAL_FORMS:
                countries[tuple(key.split())].add(module.name.split("_")[-1])
    return {form: frozenset(c) for form, c in countries.items()}


def firm_words_at_end(words: list[str]) -> int:
    """How many of the last words only say what kind of firm it is: a legal form (longest first) or a firm word."""
    forms = legal_forms()
    for n in (4, 3, 2, 1):
        if len(words) > n and tuple(words[-n:]) in forms:
            return n
    return 1 if len(words) > 1 and words[-1] in FIRM_SUFFIXES else 0


def separate_companies(m: Merger, texts: Mapping[str, str] | None = None) -> set[str]:
    """Names the corpus writes with two kinds of body after them: legal forms of two countries and no
    common one ("Arduino LLC", "Arduino SRL"), or two body words that are no mere firm word ("Mozilla
    Corporation", "Mozilla Foundation"). Each is a body of its own, and none of them is the name alone."""
    countries: dict[str, list[frozenset[str]]] = defaultdict(list)
    heads: dict[str, set[str]] = defaultdict(set)
    for key in m.candidates:
        words = key.split()
        n = firm_words_at_end(words)
        if n and tuple(words[-n:]) in legal_forms():
            countries[" ".join(words[:-n])].append(legal_forms()[tuple(words[-n:])])
        if len(words) > 1 and (n or words[-1] in ORGANISATION_WORDS) and words[-1] not in FIRM_SUFFIXES:
            heads[" ".join(words[: -(n or 1)])].add(" ".join(words[-(n or 1) :]))
    if texts is not None:
        for key, candidate in m.candidates.items():
            words, name = key.split(), candidate.name.split()
            n = firm_words_at_end(words)
            if n and tuple(words[-n:]) in legal_forms() and len(name) > n:
                countries[" ".join(words[:-n])].extend(forms_written_after(" ".join(name[:-n]), candidate, texts))
    mixed = {base for base, found in countries.items() if len(found) > 1 and not frozenset.intersection(*found)}
    return mixed | {base for base, found in heads.items() if len(found) > 1}


def forms_written_after(base: str, candidate: Candidate, texts: Mapping[str, str]) -> list[frozenset[str]]:
    """The countries of the legal forms the articles naming a firm write after its name, tagged or not
    ("Arduino LLC" in an article NER tagged only "Arduino SRL" in)."""
    found = []
    pattern = name_then_words_re(base)
    for article_id in sorted({mn.article_id for mn in candidate.mentions}):
        text = texts.get(article_id, "")
        if base not in text:
            continue
        for match in pattern.finditer(text):
            words = tuple(fold(match.group(1)).split())
            form = next((words[:n] for n in (4, 3, 2, 1) if words[:n] in legal_forms()), None)
            if form is not None:
                found.append(legal_forms()[form])
    return found


def name_then_words_re(base: str) -> re.Pattern[str]:
    """base as a whole word at its start (\\b before it), then up to three capitalised words after an
    optional comma (group 1). The name comes first in the pattern, so the search looks for it as
    str.find does; the boundary before it is looked at behind it (fixed width: the name's own length),
    the same places \\b in front would allow."""
    name = re.escape(base)
    boundary = rf"(?<!\w{name})" if re.match(r"\w", base) else rf"(?<=\w{name})"
    return re.compile(rf"{name}{boundary},?\s+((?:[A-Z][\w.]*\s?){{1,3}})")


#: Types whose names these variants are of.
ORGANISATION_TYPES = {"organization"}


def merge_organisation_variants(m: Merger, texts: Mapping[str, str] | None = None) -> None:
    """Join each longer spelling to the shorter one the corpus also names: for an organisation, left by
    dropping firm words, a country, or a plural s; for a place, its kind; an ordinal's numeral form;
    a person's name without the given name."""
    separate = separate_companies(m, texts)
    for key in sorted(m.candidates):
        if len(key.split()) < 2:
            continue
        if (target := event_without_stage(key, m)) is not None:
            m.union(key, target)
            continue
        if m.types[key] in ORGANISATION_TYPES:
            target = shorter_spelling(key, m, separate)
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


def shorter_spelling(key: str, m: Merger, separate: frozenset[str] | set[str] = frozenset()) -> str | None:
    words = key.split()
    # Firm words and legal forms dropped from the end, one at a time: "us games systems inc" -> "us
    # games systems" -> "us games"; "smart projects srl" -> "smart projects".
    while n := firm_words_at_end(words):
        words = words[:-n]
        if " ".join(words) in separate:
            return None
        if is_organisation(" ".join(words), m):
            return " ".join(words)
        # A firm named after its founder goes by the surname: "walt disney co" -> "disney".
        if len(words) == 2 and is_given_name(words[0]) and is_organisation(words[1], m):
            return words[1]
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


def merge_middle_names(m: Merger, texts: Mapping[str, str]) -> None:
    """Two people of one surname whose given names an article writes together before it ("Kristi Lynn
    Noem" joins Kristi Noem and Lynn Noem): each two-word name is looked up in its own articles, and
    the word before it in the index of people's given names and surnames, article by article."""
    index: dict[tuple[str, str], str] = {}
    for key in sorted(m.candidates):
        words = key.split()
        if len(words) == 2 and (m.types[key] == "person" or is_person(m.candidates[key])):
            index.setdefault((words[0], words[1]), key)
    given_names_of: dict[str, int] = defaultdict(int)
    for _first, surname in index:
        given_names_of[surname] += 1
    names_in: dict[str, list[tuple[str, str]]] = defaultdict(list)  # article id -> (key, name) of its two-word people
    for (_first, surname), key in sorted(index.items()):
        if given_names_of[surname] < 2:
            continue  # no other person of the surname to join: its articles need not be read for it
        for article_id in sorted({mn.article_id for mn in m.candidates[key].mentions}):
            names_in[article_id].append((key, m.candidates[key].name))
    for article_id in sorted(names_in):
        text = texts.get(article_id, "")
        for key, name in names_in[article_id]:
            at = text.find(name)
            while at > 0:
                if text[at - 1] == " ":
                    before = text[max(0, at - 40) : at - 1].rsplit(None, 1)
                    other = index.get((fold(before[-1]), key.split()[1])) if before else None
                    if other is not None and other != key:
                        m.union(key, other)  # the group's root is its least key, whatever the order of the unions
                at = text.find(name, at + 1)


def merge_compound_acronyms(m: Merger, acronym_keys: set[str]) -> None:
    """An acronym of two or three letters no expansion took, and the one one-word organisation whose
    name begins with its first letter and holds the others in order, named in every article the
    acronym is ("VW" of "Volkswagen": a compound's parts)."""
    by_article: dict[str, set[str]] = defaultdict(set)
    for key, candidate in m.candidates.items():
        if " " not in key and m.types[key] == "organization" and not is_acronym(candidate.name):
            for mention in candidate.mentions:
                by_article[mention.article_id].add(key)
    for key in sorted(m.candidates):
        if key in acronym_keys or m.types[key] != "organization":
            continue  # most names: no spelling worked out
        candidate = m.candidates[key]
        letters = candidate.name.lower()
        if not is_acronym(candidate.name) or not 2 <= len(letters) <= 3:
            continue
        articles = {mn.article_id for mn in candidate.mentions}
        common = set.intersection(*(by_article[aid] for aid in articles)) if articles else set()
        matches = [w for w in sorted(common) if w[0] == letters[0] and holds_in_order(w[1:], letters[1:])]
        if len(matches) == 1:
            m.union(key, matches[0])


def holds_in_order(word: str, letters: str) -> bool:
    at = 0
    for letter in letters:
        at = word.find(letter, at) + 1
        if at == 0:
            return False
    return True


#: Titles of monarchs and popes, written before the name they reign under ("Queen Elizabeth", "Pope Benedict").
REGNAL_TITLES = {"king", "queen", "pope", "emperor", "empress", "tsar", "czar", "tsarina", "sultan", "shah", "kaiser"}
#: A regnal number as written after the name: "Elizabeth II", "Benedict XVI".
REGNAL_NUMBER_RE = re.compile(r"^(?=[ivx])x{0,2}(?:ix|iv|v?i{0,3})$")


def merge_regnal_names(m: Merger) -> None:
    """A monarch's or pope's name with its number, titled or not ("queen elizabeth ii", "elizabeth ii"),
    is one person; the title and name alone ("queen elizabeth") join the one number the corpus gives
    that name: news call the reigning one so. Two numbers of one name in the corpus (Elizabeth I,
    Elizabeth II) leave the titled name alone."""
    numbered: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    titled: list[tuple[str, str]] = []
    for key in sorted(m.candidates):
        if not (m.types[key] == "person" or is_person(m.candidates[key])):
            continue
        words = key.split()
        core = words[1:] if words[0] in REGNAL_TITLES else words
        if len(core) >= 2 and REGNAL_NUMBER_RE.match(core[-1]):
            numbered[" ".join(core[:-1])][core[-1]].append(key)
        elif core is not words and core:
            titled.append((key, " ".join(core)))
    for numbers in numbered.values():
        for keys in numbers.values():
            for key in keys[1:]:
                m.union(keys[0], key)
    for key, name in titled:
        if len(numbered.get(name, {})) == 1:
            m.union(key, next(iter(numbered[name].values()))[0])


def merge_birth_names(m: Merger, facts: Mapping[str, ArticleFacts]) -> None:
    """A person's name and the birth (maiden) name an article gives right after it, as "née" or
    "born": a surname alone is the birth surname of the same given name ("Ellen Gille (née Fetter)":
    Ellen Gille and Ellen Fetter), a full name is the birth name itself. Both must be people's
    names of the corpus."""

    def person(key: str) -> bool:
        return key in m.candidates and (m.types[key] == "person" or is_person(m.candidates[key]))

    for article_id in sorted(facts):
        for name_before, birth_name in facts[article_id].birth_names:  # evidence.birth_names
            words = [fold(w) for w in name_before.split()]
            now = next((" ".join(words[i:]) for i in range(len(words) - 1) if person(" ".join(words[i:]))), None)
            birth = fold(birth_name)
            if now is None:
                continue
            if " " not in birth:
                birth = f"{now.split()[0]} {birth}"
            if person(birth) and birth != now:
                m.union(now, birth)
