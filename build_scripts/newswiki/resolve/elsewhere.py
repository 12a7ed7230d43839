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

import re
from collections import defaultdict
from collections.abc import Mapping

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


def spread_table(entities: list[Entity]) -> dict[str, list[tuple[str, str]]]:
    """First word -> (name, entity id) of the names searched for, each name one entity's only."""
    owners: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        for form in {entity.name, *entity.aliases}:
            owners[form].add(entity.id)
    by_id = {e.id: e for e in entities}
    table: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for form in sorted(owners):
        if len(owners[form]) != 1:
            continue
        entity_id = next(iter(owners[form]))
        if spreadable(by_id[entity_id], form):
            first = WORD_RE.match(form)
            assert first is not None
            table[first.group()].append((form, entity_id))
    return table


def names_elsewhere(
    entities: list[Entity], facts: Mapping[str, ArticleFacts], texts: Mapping[str, str], tagged: Mapping[str, set[str]]
) -> dict[str, dict[str, frozenset[str]]]:
    """Article id -> entity id -> its names the article writes, for the entities NER tagged nowhere there.

    tagged: article id -> the entities NER's mentions there are linked to."""
    table = spread_table(entities)
    found: dict[str, dict[str, frozenset[str]]] = {}
    for article_id in sorted(facts):
        words = facts[article_id].capitalised_words
        if not words or not facts[article_id].spans:
            continue  # an article NER did not read (not in English) is not searched either
        here = tagged.get(article_id, set())
        wanted = [(form, eid) for word in sorted(table.keys() & set(words.split())) for form, eid in table[word] if eid not in here]
        if not wanted:
            continue
        text = texts[article_id]
        present: dict[str, set[str]] = defaultdict(set)
        for form, eid in wanted:
            if form in text and not (" " not in form and written_lower(form, text)):
                present[eid].add(form)
        if present:
            found[article_id] = {eid: frozenset(forms) for eid, forms in present.items()}
    return found


def written_lower(word: str, text: str) -> bool:
    """Whether the text writes the word in lower case too ("apple" in a recipe naming Apple)."""
    return re.search(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])", text) is not None
