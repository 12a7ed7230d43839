"""Every mention of an entity in the article bodies, not only the spans NER tagged.

NER tags a name in some of its occurrences and misses others (the seeds name the CSTO 83 times;
NER tagged 29). Once the entities are known, each article body is searched for the names and
aliases of the entities NER found in it (never for an entity it did not name: a name is read in
its article's context), whole words only, longest name first, so "New Mexico" is not counted for
Mexico. A name is not counted where it is part of a longer name: written right after a capitalised
word that is not a title, a nationality, the start of a sentence or another name of the article
("Bruno Mars", "Hunter Biden"), or inside a tagged span of another person or place ("Mexico City").
A bare surname shared by two people of the article counts for the one named in full last before it.

The occurrences found are kept too (Resolution.occurrences): the article pages link each entity
where the text names it, never at a look-alike inside a longer name.

The cost is a few str.find calls per name of the article's entities: linear in the corpus.
"""

from __future__ import annotations

import bisect
from dataclasses import replace
from collections import defaultdict
from collections.abc import Mapping

from newswiki.models import Entity, Mention, Span

#: Capitalised words that may stand right before a name without being part of it.
TITLE_WORDS = frozenset(
    "president vice prime minister foreign defence defense interior finance deputy secretary general "
    "secretary-general ambassador governor chancellor senator sen rep representative mayor spokesman "
    "spokeswoman spokesperson chairman chairwoman chief director ceo founder leader king queen prince "
    "princess pope patriarch dictator judge justice coach captain colonel lieutenant mr mrs ms dr prof "
    "sir dame lord lady former acting premier commander officer agent professor "
    "the a an and or of for in on at to by from with as but if when while after before since "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december".split()
)
#: Labels of the spans a name inside which is part of another name (a person's, a place's).
SPAN_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC"})
#: Abbreviations that begin a name ("St. Petersburg", "Ft. Worth").
NAME_ABBREVIATIONS = frozenset({"st", "ft", "mt", "pt"})
#: Stop words that begin sentences and headings ("But Lukashenko said", "In Minsk").
SENTENCE_END_CHARS = frozenset('.!?:;…"“”«»()[]—–|•*')


def is_name_part_before(text: str, start: int, allowed: frozenset[str]) -> bool:
    """Whether the word right before text[start:] continues a longer name ("New" Mexico, "Bruno" Mars)."""
    before = text[max(0, start - 40) : start]
    stripped = before.rstrip(" \t")
    if len(stripped) == len(before) or not stripped:
        return False  # no space before: a line start, a quote, a bracket
    word = stripped.rsplit(None, 1)[-1]
    if word[-1] in ",;:" or word[-1] in SENTENCE_END_CHARS and word[-1] != ".":
        return False  # a list ("Russia, Belarus"), a quote or a bracket ends the word before
    tail = word.replace("–", "-").rsplit("-", 1)[-1]
    if not tail[:1].isupper() or word.endswith(("'s", "’s", "'", "’")):
        return False  # lower case ("the Moscow-led"), or a possessive ("Russia's Putin")
    key = word.rstrip(".").lower()
    if word.endswith(".") and len(key) > 2 and key not in NAME_ABBREVIATIONS:
        return False  # the word ends the sentence before
    if key in TITLE_WORDS or key in allowed or (word.isupper() and len(word) > 1):
        return False
    # The first word of a sentence or line is capitalised whatever it is.
    rest = stripped[: len(stripped) - len(word)].rstrip(" \t")
    return bool(rest) and rest[-1] != "\n" and rest[-1] not in SENTENCE_END_CHARS


def is_word_at(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole word (a hyphen may follow it: "Moscow-led")."""
    if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_-"):
        return False
    return end >= len(text) or not (text[end].isalnum() or text[end] == "_")


def find_occurrences(
    mentions: Mapping[str, list[Mention]],
    mention_entity: Mapping[tuple[str, int], str],
    texts: Mapping[str, str],
    forms_of: Mapping[str, tuple[str, ...]],
    types: Mapping[str, str],
) -> dict[str, dict[str, tuple[Span, ...]]]:
    """Article id -> entity id -> where its names occur in that article's plain text, in order."""
    by_article: dict[str, set[str]] = defaultdict(set)
    for (article_id, _start), entity_id in mention_entity.items():
        by_article[article_id].add(entity_id)
    return {
        article_id: article_occurrences(
            texts[article_id], sorted(by_article[article_id]), mentions.get(article_id, []), mention_entity, forms_of, types
        )
        for article_id in sorted(by_article)
    }


def form_starts(text: str, forms: list[str], nested: dict[str, list[str]]) -> dict[str, list[int]]:
    """Where each form begins a word of text: at each place, the longest form that matches there, and
    the shorter forms nested[form] that open it, at the same place.

    Found with str.find per form, not one pattern of all the forms: the pattern differs in every
    article, and compiling it cost more than the rest of the counting (a third of resolve's time)."""
    longest: dict[int, str] = {}
    for form in forms:
        at = text.find(form)
        while at >= 0:
            if at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_-"):
                known = longest.get(at)
                if known is None or (-len(form), form) < (-len(known), known):
                    longest[at] = form
            at = text.find(form, at + 1)
    found: dict[str, list[int]] = defaultdict(list)
    for at in sorted(longest):
        form = longest[at]
        found[form].append(at)
        for shorter in nested.get(form, ()):
            found[shorter].append(at)
    return found


def nested_forms(forms: list[str], org_forms: list[str]) -> dict[str, list[str]]:
    """Per form, the organisations' forms that open it followed by a space ("CSTO" in "CSTO Council"),
    in the order of org_forms."""
    order = {g: n for n, g in enumerate(org_forms)}
    nested: dict[str, list[str]] = {}
    for form in forms:
        opening = {form[:i] for i, char in enumerate(form) if char == " " and form[:i] in order}
        nested[form] = sorted(opening, key=order.__getitem__)
    return nested


def article_occurrences(
    text: str,
    present: list[str],
    mentions: list[Mention],
    mention_entity: Mapping[tuple[str, int], str],
    forms_of: Mapping[str, tuple[str, ...]],
    types: Mapping[str, str],
) -> dict[str, tuple[Span, ...]]:
    """The occurrences of each present entity's names in one text, in order (see the module docstring)."""
    owners: dict[str, list[str]] = defaultdict(list)
    for entity_id in present:
        for form in forms_of[entity_id]:
            if form in text:  # a substring test in C: the pattern holds only the forms the text has
                owners[form].append(entity_id)
    allowed = frozenset(
        {m.text.split()[-1].lower() for m in mentions if m.label == "NORP" and m.text.split()}
        | {form.split()[-1].lower() for form in owners}
    )
    # Tagged spans of other people and places: a name inside one of them is part of that name.
    spans = sorted((m.start, m.end, mention_entity.get((m.article_id, m.start))) for m in mentions if m.label in SPAN_LABELS)
    span_starts = [s for s, _, _ in spans]
    taken = bytearray(len(text))
    hits: list[tuple[int, int, list[str]]] = []
    hit_end: dict[int, int] = {}
    org_forms = [f for f in owners if all(types[o] == "organization" for o in owners[f])]
    nested = nested_forms(list(owners), org_forms)
    starts = form_starts(text, list(owners), nested)
    for form in sorted(owners, key=lambda f: (-len(f), f)):
        for start in starts.get(form, ()):
            end = start + len(form)
            if not is_word_at(text, start, end):
                continue
            if taken.find(1, start, end) >= 0:
                # An organisation's name opening a longer one's ("CSTO Permanent Council") names it too.
                longer = hit_end.get(start)
                if longer is not None and longer > end and text[end] == " " and all(types[o] == "organization" for o in owners[form]):
                    hits.append((start, end, owners[form]))
                continue
            at = bisect.bisect_right(span_starts, start) - 1  # NER spans do not overlap
            span_owner = spans[at][2] if at >= 0 and end <= spans[at][1] else None
            if span_owner is None or span_owner not in owners[form]:
                # Not a tagged mention of this entity: is it part of a longer name?
                if span_owner is not None and (spans[at][0], spans[at][1]) != (start, end):
                    continue
                if is_name_part_before(text, start, allowed):
                    continue
            taken[start:end] = b"\x01" * (end - start)
            hit_end[start] = end
            hits.append((start, end, owners[form]))
    hits.sort()
    found: dict[str, list[Span]] = defaultdict(list)
    last_person: dict[str, str] = {}  # a word of a full name -> the person last named with it
    for start, end, owner_ids in hits:
        form = text[start:end]
        if len(owner_ids) > 1:
            chosen = last_person.get(form)
            if chosen not in owner_ids:
                continue  # a surname two people of the article share, before either is named in full
            owner_ids = [chosen]
        entity_id = owner_ids[0]
        found[entity_id].append((start, end))
        if types[entity_id] == "person" and " " in form:
            for word in form.split():
                last_person[word] = entity_id
    # A tagged mention whose words the search did not find (a soft hyphen, a line break inside) still counts.
    for mention in mentions:
        entity_id = mention_entity.get((mention.article_id, mention.start))
        if entity_id is not None and taken.find(1, mention.start, mention.end) < 0:
            found[entity_id].append((mention.start, mention.end))
    return {entity_id: tuple(sorted(spans)) for entity_id, spans in found.items()}


def count_every_mention(
    entities: list[Entity], mentions: Mapping[str, list[Mention]], mention_entity: Mapping[tuple[str, int], str], texts: Mapping[str, str]
) -> tuple[list[Entity], dict[str, dict[str, tuple[Span, ...]]]]:
    """The entities, by id, each with every occurrence of its names counted in the articles naming
    it, and those occurrences (article id -> entity id -> spans in the article's plain text)."""
    forms_of = {e.id: tuple(sorted({e.name, *e.aliases, *e.surface_forms})) for e in entities}
    occurrences = find_occurrences(mentions, mention_entity, texts, forms_of, {e.id: e.type for e in entities})
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for article_id, found in occurrences.items():
        for entity_id, spans in found.items():
            counts[entity_id][article_id] = len(spans)
    counted = [replace(e, mentions=dict(sorted(counts[e.id].items()))) if counts.get(e.id) else e for e in entities]
    return sorted(counted, key=lambda e: e.id), occurrences
