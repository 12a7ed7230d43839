"""Names NER tagged in some articles, found in the articles where it missed them.

NER misses a name in one article that it tags in others (a sentence it reads differently, a name in
a list). Once the corpus' entities are known, each article is searched for the names that name one
thing wherever they are written:

- a name of two words or more ("Collective Security Treaty Organization", "Yevgeny Prigozhin"), of
  any type but a group;
- one word only for an organisation, place or event: an acronym of three letters or more ("CSTO"),
  a place the gazetteer knows, or a name NER tagged in two articles at least that is nobody's given
  name ("Reuters", "Twitter", not "Jordan"); never a person's single word (a surname or a first
  name names different people in different articles);
- never a name two entities share, nor a one-word name the article also writes in lower case
  ("apple", "amazon").

The occurrence search (occurrences.py) then counts them with stricter guards than for names NER
tagged in the article: not inside any tagged span, and not followed by another capitalised word
("Apple Daily", "Washington Post").

The cost is linear: each article's capitalised words (ArticleFacts.capitalised_words, gathered with its
NER) are looked up in a table of the names' first words; only the articles holding one are read again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Container, Mapping

from newswiki.models import ArticleFacts, Entity
from newswiki.names import fold
from newswiki.resolve.acronyms import is_acronym
from newswiki.resolve.evidence import WORD_RE
from newswiki.resolve.gazetteer import gazetteer
from newswiki.resolve.given_names import is_given_name

#: Types whose names are searched for outside the articles NER tagged them in.
SPREAD_TYPES = frozenset({"person", "organization", "place", "event", "product", "work"})
#: A one-word name of these types may be searched for (see the module docstring).
ONE_WORD_TYPES = frozenset({"organization", "place", "event"})
#: A one-word name that is no acronym nor gazetteer place must have been tagged in this many articles.
ONE_WORD_MIN_ARTICLES = 2
#: Shortest acronym searched for: two letters name too many things ("AI", "IT", "PC").
MIN_ACRONYM_LETTERS = 3


def spreadable(entity: Entity, form: str) -> bool:
    """Whether a name of the entity names it wherever it is written (see the module docstring)."""
    if entity.type not in SPREAD_TYPES or not WORD_RE.match(form):
        return False
    if " " in form:
        return True
    if entity.type not in ONE_WORD_TYPES:
        return False
    if is_acronym(form):
        return len(form.replace(".", "")) >= MIN_ACRONYM_LETTERS
    place = gazetteer().lookup(fold(form))
    if place is not None and place[2] != "alternate":
        return entity.type == "place"
    return len(entity.mentions) >= ONE_WORD_MIN_ARTICLES and not is_given_name(form) and form[0].isupper() and not form.isupper()


def spread_table(entities: list[Entity]) -> dict[str, list[tuple[str, str, frozenset[str]]]]:
    """First word -> (name, entity id, the name's capitalised words) of the names searched for, each name
    one entity's only."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        for form in {entity.name, *entity.aliases}:
            owners[form].add(entity.id)
    by_id = {e.id: e for e in entities}
    table: dict[str, list[tuple[str, str, frozenset[str]]]] = defaultdict(list)
    for form in sorted(owners):
        if len(owners[form]) != 1:
            continue
        entity_id = next(iter(owners[form]))
        if spreadable(by_id[entity_id], form):
            first = WORD_RE.match(form)
            assert first is not None
            capitalised = frozenset(w for w in WORD_RE.findall(form) if w[0].isupper())
            table[first.group()].append((form, entity_id, capitalised))
    return table


def names_elsewhere(
    entities: list[Entity], facts: Mapping[str, ArticleFacts], tagged: Mapping[str, set[str]]
) -> dict[str, list[tuple[str, str]]]:
    """Article id -> (name, entity id) of the names it may write of entities NER tagged nowhere there,
    by its capitalised words (present_names reads its text to tell).

    tagged: article id -> the entities NER's mentions there are linked to."""
    by_rarest = rarest_word_table(spread_table(entities))
    found: dict[str, list[tuple[str, str]]] = {}
    for article_id in sorted(facts):
        words = facts[article_id].capitalised_words
        if not words or not facts[article_id].spans:
            continue  # an article NER did not read (not in English) is not searched either
        wanted = names_written(by_rarest, set(words.split()), tagged.get(article_id, set()))
        if wanted:
            found[article_id] = wanted
    return found


def names_written(by_rarest: Mapping[str, list[tuple[str, str, str, frozenset[str]]]], written: set[str], here: Container[str]) -> list[tuple[str, str]]:
    """(name, entity id) of the names whose words an article writes (written: its capitalised words), of
    entities not in here, by first word then name (as spread_table keeps them)."""
    wanted = sorted(
        (first, form, eid) for word in by_rarest.keys() & written for first, form, eid, needed in by_rarest[word]
        if eid not in here and needed <= written
    )
    return [(form, eid) for _, form, eid in wanted]


def rarest_word_table(table: dict[str, list[tuple[str, str, frozenset[str]]]]) -> dict[str, list[tuple[str, str, str, frozenset[str]]]]:
    """spread_table's names, each under the one of its words (its first, its capitalised ones) that the
    fewest names have: an article is searched for a name only where it writes that word, so a given name
    that begins hundreds of names ("John") no longer brings them all to every article writing it. Each
    entry: (first word, name, entity id, the words an article must write: the first and the capitalised)."""
    entries = [(first, form, eid, capitalised | {first}) for first, names in table.items() for form, eid, capitalised in names]
    names_with: dict[str, int] = defaultdict(int)
    for *_, needed in entries:
        for word in needed:
            names_with[word] += 1
    by_rarest: dict[str, list[tuple[str, str, str, frozenset[str]]]] = defaultdict(list)
    for entry in entries:
        by_rarest[min(entry[3], key=lambda w: (names_with[w], w))].append(entry)
    return by_rarest


def present_names(written: Container[str], wanted: list[tuple[str, str]], lower_word_lines: str) -> dict[str, frozenset[str]]:
    """Entity id -> its names of wanted the text writes; a one-word name never when the text also writes
    it in lower case ("apple" in a recipe naming Apple: lower_word_lines, ArticleFacts').

    written: the text, or the forms it has anywhere (occurrences.FormIndex.places)."""
    present: dict[str, set[str]] = defaultdict(set)
    lower = "\n" + lower_word_lines
    for form, eid in wanted:
        if form in written and not (" " not in form and f"\n{form.lower()} " in lower):
            present[eid].add(form)
    return {eid: frozenset(forms) for eid, forms in present.items()}
