"""Every mention of an entity in the article bodies, not only the spans NER tagged.

NER tags a name in some of its occurrences and misses others (the seeds name the CSTO 83 times;
NER tagged 29). Once the entities are known, each article body is searched for the names and
aliases of the entities NER found in it (never for an entity it did not name: a name is read in
its article's context), whole words only, longest name first, so "New Mexico" is not counted for
Mexico. A name is not counted where it is part of a longer name: written right after a capitalised
word that is not a title, a nationality, the start of a sentence or another name of the article
("Bruno Mars", "Hunter Biden"), or inside a tagged span of another person or place ("Mexico City").
A person's surname alone is searched for too ("Pashinyan said", where NER tagged only "Nikol
Pashinyan"; searched_forms). A bare surname shared by two people of the article counts for the one
named in full last before it.
The names of entities NER tagged in other articles only are searched for too (elsewhere.py), with
stricter guards (in_other_name).

The occurrences found are kept too (Resolution.occurrences): the article pages link each entity
where the text names it, never at a look-alike inside a longer name; the mention lists beside the
entity pages hold every one, those NER did not tag in their sentences (Resolution.untagged).

The names are found by one Aho-Corasick automaton over every name of every entity (FormIndex), made
once per resolution, which reads each article once in compiled code: a str.find per name of the
article's entities cost a tenth of resolve at 10,000 articles. Linear in the corpus.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from operator import attrgetter
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from ahocorasick_rs import AhoCorasick, Implementation

from newswiki.models import ArticleFacts, Entity, Mention, Span
from newswiki.names import ROLE_QUALIFIERS, ROLES, fold
from newswiki.ner import Sentences
from newswiki.resolve.elsewhere import present_names
from newswiki.resolve.evidence import in_title_line
from newswiki.resolve.given_names import is_given_name
from newswiki.resolve.junk import LEGAL_FORMS


class Hit(NamedTuple):
    """One occurrence of an entity's name: where it is in its article's body, and whose it is."""

    start: int
    end: int
    entity_id: str

#: Capitalised words that may stand right before a name without being part of it: roles and titles
#: (names.ROLES), function words, days and months.
TITLE_WORDS = ROLES | frozenset(w for q in ROLE_QUALIFIERS for w in q.split()) | frozenset(
    "the a an and or of for in on at to by from with as but if when while after before since "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december".split()
)
#: Labels of the spans a name inside which is part of another name (a person's, a place's).
SPAN_LABELS = frozenset({"PERSON", "GPE", "LOC", "FAC"})
#: Abbreviations that begin a name ("St. Petersburg", "Ft. Worth").
NAME_ABBREVIATIONS = frozenset({"st", "ft", "mt", "pt"})
#: "<Capitalised word> of (the) " right before a name: the name ends a longer one ("Bank of America").
OF_NAME_BEFORE_RE = re.compile(r"\b[A-Z][\w'’-]* of (?:the )?$")
#: Stop words that begin sentences and headings ("But Lukashenko said", "In Minsk").
SENTENCE_END_CHARS = frozenset('.!?:;…"“”«»()[]—–|•*')


def is_name_part_before(text: str, start: int, allowed: frozenset[str]) -> bool:
    """Whether the word right before text[start:] continues a longer name ("New" Mexico, "Bruno" Mars)."""
    before = text[max(0, start - 40) : start]
    stripped = before.rstrip(" \t")
    if len(stripped) == len(before) or not stripped.strip():
        return False  # no space before: a line start, a quote, a bracket; or only blank lines ("\n Mexico")
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


def in_other_name(text: str, start: int, end: int, mentions: list[Mention]) -> bool:
    """Whether an untagged occurrence is part of something else: inside a span NER tagged (any label),
    the end of a name with "of" ("University of Florida", "Realm of New Zealand"), or followed by a
    capitalised word that is no title nor acronym ("Apple Daily", "Washington Post")."""
    if any(m.start <= start and end <= m.end for m in mentions):
        return True
    if OF_NAME_BEFORE_RE.search(text, max(0, start - 40), start):
        return True
    after = text[end : end + 40]
    if not after.startswith(" "):
        return False
    word = after[1:].split(None, 1)[0] if after[1:].strip() else ""
    return word[:1].isupper() and not word.isupper() and word.rstrip(".,;:").lower() not in TITLE_WORDS


class TaggedSpans(NamedTuple):
    """An article's NER spans, in order (NER spans do not overlap), with the entities they are linked to."""

    people_and_places: list[tuple[int, int, str | None]]  # a name inside one of them is part of that name
    people_and_places_starts: list[int]
    every: list[tuple[int, int, str, str | None]]  # whatever the label: (start, end, label, entity)
    starts: list[int]
    at: dict[int, tuple[int, str]]  # start -> (end, entity) of the spans linked to an entity

    @classmethod
    def of(cls, mentions: list[Mention], mention_entity: Mapping[tuple[str, int], str], owners: list[str | None] | None = None) -> "TaggedSpans":
        """owners: the entity of each mention (mention_owners), when the caller has them."""
        owners = mention_owners(mentions, mention_entity) if owners is None else owners
        starts = map(attrgetter("start"), mentions)
        every = sorted(zip(starts, map(attrgetter("end"), mentions), map(attrgetter("label"), mentions), owners))
        people = [(s, e, owner) for s, e, label, owner in every if label in SPAN_LABELS]
        at = {s: (e, owner) for s, e, _, owner in every if owner is not None}
        return cls(people, [s for s, _, _ in people], every, [s for s, _, _, _ in every], at)

    def inside_longer(self, start: int, end: int, owners: list[str], types: Mapping[str, str]) -> bool:
        """Whether text[start:end] lies strictly inside a span NER tagged as another name, of any label
        ("America" of "Bank of America", "Xbox" of "Xbox One"). An organisation's name opening an
        organisation's longer one ("CSTO Permanent Council") names it too."""
        at = bisect.bisect_right(self.starts, start) - 1
        if at < 0:
            return False
        span_start, span_end, label, owner = self.every[at]
        if end > span_end or (span_start, span_end) == (start, end) or owner in owners:
            return False
        return not (span_start == start and label == "ORG" and all(types[o] == "organization" for o in owners))


def mention_owners(mentions: list[Mention], mention_entity: Mapping[tuple[str, int], str]) -> list[str | None]:
    """The entity each mention is linked to (None: none), in the mentions' order, looked up in C."""
    places = zip(map(attrgetter("article_id"), mentions), map(attrgetter("start"), mentions))
    return list(map(mention_entity.get, places))


def first_words_of(forms: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """First word -> the forms beginning with it."""
    by_first_word: dict[str, list[str]] = defaultdict(list)
    for form in forms:
        by_first_word[form.split()[0]].append(form)
    return by_first_word


def in_compound(text: str, start: int, end: int) -> bool:
    """Whether a hyphen joins the name to another ("Lukashenko-Lavrov Meeting", "Moscow-Minsk"): each
    name of the compound is named, whatever the span around it."""
    return text[end : end + 1] == "-" or (start > 0 and text[start - 1] == "-")


def continues_into_name(
    text: str, start: int, end: int, forms_by_first_word: Mapping[str, list[str]], title_lines: dict[int, bool] | None = None
) -> bool:
    """Whether the word right after text[start:end] continues a longer name: a capitalised word that
    is no title, acronym, legal form, day or function word, nor the start of another name of the
    article ("the Wagner Group Yevgeny Prigozhin"), outside a Title Case line (a headline capitalises
    every word: "Putin Meets Lukashenko")."""
    after = text[end : end + 40]
    if text[end - 1] == "." or not after.startswith(" ") or not after[1:2].isupper():
        return False  # "... in the U.S. Officials said": the name's dot may end the sentence
    word = after[1:].split(None, 1)[0].rstrip(".,;:!?)\"”’'")
    if not word or word.isupper() or word.lower() in TITLE_WORDS or word.lower() in LEGAL_FORMS:
        return False
    if any(text.startswith(form, end + 1) for form in forms_by_first_word.get(word, ())):
        return False
    if title_lines is None:
        return not in_title_line(text, start, end)
    line_start = text.rfind("\n", 0, start) + 1  # each line is read once, however many names it holds
    if line_start not in title_lines:
        title_lines[line_start] = in_title_line(text, start, end)
    return not title_lines[line_start]


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
    elsewhere: Mapping[str, list[tuple[str, str]]] | None = None,
    lower_words: Mapping[str, str] | None = None,
) -> dict[str, tuple[str, list[Hit]]]:
    """Article id -> its text and every occurrence of its entities' names in it, in text order.

    elsewhere: article id -> (name, entity id) it may write of entities NER tagged nowhere there
    (elsewhere.py): searched for too, with stricter guards."""
    elsewhere, lower_words = elsewhere or {}, lower_words or {}
    by_article: dict[str, set[str]] = tagged_entities(mention_entity)
    ids = sorted(by_article.keys() | elsewhere.keys())
    index = FormIndex([*(f for forms in forms_of.values() for f in forms), *(f for aid in ids for f, _ in elsewhere.get(aid, ()))])
    found = {}
    for article_id in ids:
        text = texts[article_id]
        places = index.places(text)
        written = text if places is None else places
        extra = present_names(written, elsewhere[article_id], lower_words.get(article_id, "")) if article_id in elsewhere else {}
        present = sorted(by_article.get(article_id, set()) | extra.keys())
        hits = article_occurrences(text, present, mentions.get(article_id, []), mention_entity, forms_of, types, extra, places)
        if hits:
            found[article_id] = (text, hits)
    return found


class FormIndex:
    """Every place of every form in a text, by one Aho-Corasick automaton over all the forms
    (ahocorasick-rs: str in, code point offsets out, every overlapping match; twice as fast here as
    pyahocorasick's)."""

    def __init__(self, forms: Iterable[str]) -> None:
        self.forms = sorted({f for f in forms if f})
        self.automaton = AhoCorasick(self.forms, implementation=Implementation.ContiguousNFA) if self.forms else None

    def places(self, text: str) -> dict[str, list[int]] | None:
        """Form -> where text has it (anywhere, not only at word starts), in order, as form_places finds
        them; None for a text UTF-8 cannot encode (a lone surrogate), which str.find reads instead."""
        found: dict[str, list[int]] = {}
        if self.automaton is None:
            return found
        try:
            matches = self.automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:
            return None
        forms = self.forms
        for i, start, _ in matches:
            at = found.get(forms[i])
            if at is None:
                found[forms[i]] = [start]
            else:
                at.append(start)
        return found


def form_places(text: str, forms: Iterable[str]) -> dict[str, list[int]]:
    """FormIndex.places for a few forms, by str.find: the reference the automaton's answer must equal."""
    found: dict[str, list[int]] = {}
    for form in forms:
        at = text.find(form) if form and form not in found else -1
        while at >= 0:
            found.setdefault(form, []).append(at)
            at = text.find(form, at + 1)
    return found


def tagged_entities(mention_entity: Mapping[tuple[str, int], str]) -> dict[str, set[str]]:
    """Article id -> the entities NER's mentions there are linked to."""
    by_article: dict[str, set[str]] = defaultdict(set)
    for (article_id, _start), entity_id in mention_entity.items():
        by_article[article_id].add(entity_id)
    return by_article


def form_starts(text: str, places: Mapping[str, list[int]], nested: dict[str, list[str]]) -> dict[str, list[int]]:
    """Where each form begins a word of text: at each place, the longest form that matches there, and
    the shorter forms nested[form] that open it. places: form -> where text has it (FormIndex.places)."""
    longest: dict[int, str] = {}
    for form, form_at in places.items():
        for at in form_at:
            if at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "_-"):
                other = longest.get(at)
                if other is None or (-len(form), form) < (-len(other), other):
                    longest[at] = form
    found: dict[str, list[int]] = defaultdict(list)
    for at in sorted(longest):
        form = longest[at]
        found[form].append(at)
        for shorter in nested.get(form, ()):
            found[shorter].append(at)
    return found


def forms_in_text(
    text: str, present: list[str], forms_of: Mapping[str, tuple[str, ...]], places: Mapping[str, list[int]] | None
) -> tuple[dict[str, list[str]], Mapping[str, list[int]]]:
    """The forms of the present entities that the text has (anywhere), with the entities they are forms
    of, in order; and places (found by str.find when not given)."""
    if places is None:
        places = form_places(text, (form for entity_id in present for form in forms_of[entity_id]))
    owners: dict[str, list[str]] = defaultdict(list)
    for entity_id in present:
        for form in forms_of[entity_id]:
            if form in places:
                owners[form].append(entity_id)
    return owners, places


def opening_forms(forms: Mapping[str, object], openers: list[str]) -> dict[str, list[str]]:
    """Form -> the forms of openers that open it, whole words ("CSTO" of "CSTO Permanent Council"), in
    the order of openers: each form's own word starts are looked up, not every opener. A form no opener
    opens may be left out."""
    rank = {g: i for i, g in enumerate(openers)}
    nested: dict[str, list[str]] = {}
    if not rank:
        return nested
    for form in forms:
        found, at = [], form.find(" ")
        while at >= 0:
            if form[:at] in rank:
                found.append(form[:at])
            at = form.find(" ", at + 1)
        if found:
            nested[form] = sorted(found, key=rank.__getitem__) if len(found) > 1 else found
    return nested


def article_occurrences(
    text: str,
    present: list[str],
    mentions: list[Mention],
    mention_entity: Mapping[tuple[str, int], str],
    forms_of: Mapping[str, tuple[str, ...]],
    types: Mapping[str, str],
    untagged: Mapping[str, frozenset[str]] | None = None,
    places: Mapping[str, list[int]] | None = None,
) -> list[Hit]:
    """The occurrences of the present entities' names in one text, in text order (see the module docstring).

    untagged: the present entities NER tagged nowhere in this text, with the names that brought them.
    places: form -> where the text has it, for every form of the present entities (FormIndex.places);
    found by str.find when not given."""
    untagged = untagged or {}
    owners, places = forms_in_text(text, present, forms_of, places)
    allowed = frozenset(
        {m.text.split()[-1].lower() for m in mentions if m.label == "NORP" and m.text.split()}
        | {form.split()[-1].lower() for form in owners}
    )
    owner_of = mention_owners(mentions, mention_entity)
    tagged = TaggedSpans.of(mentions, mention_entity, owner_of)
    spans, span_starts, tagged_at = tagged.people_and_places, tagged.people_and_places_starts, tagged.at
    taken = bytearray(len(text))
    rejected = bytearray(len(text))  # tagged mentions that open a longer name: not counted either
    tagged_owner: dict[int, str] = {}  # hit start -> the entity whose tagged span the hit is exactly
    hits: list[tuple[int, int, list[str]]] = []
    hit_end: dict[int, int] = {}
    org_forms = [f for f in owners if all(types[o] == "organization" for o in owners[f])]
    nested = opening_forms(owners, org_forms)
    starts = form_starts(text, {form: places[form] for form in owners}, nested)
    by_first_word, title_lines = first_words_of(owners), {}
    for form in sorted(owners, key=lambda f: (-len(f), f)):
        for start in starts.get(form, ()):
            end = start + len(form)
            if not is_word_at(text, start, end):
                continue
            if taken.find(1, start, end) >= 0:
                # An organisation's name opening a longer one's ("CSTO Permanent Council") names it too.
                # Not when the longer name is this organisation's own ("Smart Projects SRL"): one mention.
                longer = hit_end.get(start)
                if longer is not None and longer > end and text[end] == " " and all(types[o] == "organization" and o not in untagged for o in owners[form]) \
                        and not set(owners[form]) <= set(owners.get(text[start:longer], ())):
                    hits.append((start, end, owners[form]))
                continue
            at = bisect.bisect_right(span_starts, start) - 1  # NER spans do not overlap
            span_owner = spans[at][2] if at >= 0 and end <= spans[at][1] else None
            if span_owner is None or span_owner not in owners[form]:
                # Not a tagged mention of this entity: is it part of a longer name?
                if span_owner is not None and (spans[at][0], spans[at][1]) != (start, end):
                    continue
                if tagged.inside_longer(start, end, owners[form], types) and not in_compound(text, start, end):
                    continue
                if is_name_part_before(text, start, allowed) or (all(o in untagged for o in owners[form]) and in_other_name(text, start, end, mentions)):
                    continue
            if continues_into_name(text, start, end, by_first_word, title_lines) and not (form.isupper() and all(types[o] == "organization" for o in owners[form])):
                # The first words of a longer name ("Georgia" of "Georgia O'Keeffe", "Xbox" of "Xbox One",
                # "Florida Man"), even where NER cut its span there: never this entity. An organisation's
                # acronym opening a longer name names it ("CSTO Permanent Council").
                rejected[start:end] = b"\x01" * (end - start)
                continue
            taken[start:end] = b"\x01" * (end - start)
            hit_end[start] = end
            exact = tagged_at.get(start)
            if exact is not None and exact[0] == end and exact[1] in owners[form]:
                tagged_owner[start] = exact[1]
            hits.append((start, end, owners[form]))
    hits.sort()
    if untagged:
        # An entity NER tagged nowhere in the text counts only where one of the names that brought it is.
        introduced = {o for start, end, owner_ids in hits for o in owner_ids if o in untagged and text[start:end] in untagged[o]}
        hits = [(s, e, kept) for s, e, ids in hits if (kept := [o for o in ids if o not in untagged or o in introduced])]
    found = one_owner_each(text, hits, tagged_owner, types)
    # A tagged mention whose words the search did not find (a soft hyphen, a line break inside) still counts.
    for mention, entity_id in zip(mentions, owner_of):
        if entity_id is not None and taken.find(1, mention.start, mention.end) < 0 and rejected.find(1, mention.start, mention.end) < 0:
            found.append(Hit(mention.start, mention.end, entity_id))
    return sorted(found)


def one_owner_each(
    text: str, hits: list[tuple[int, int, list[str]]], tagged_owner: Mapping[int, str], types: Mapping[str, str]
) -> list[Hit]:
    """Each occurrence with the one entity it names, in text order. A spelling two entities share ("New
    York": the city's and the state's) goes where NER's span says it does, else to the person last
    named in full with it; elsewhere it is left out (a surname two people of the article share,
    before either is named in full)."""
    found: list[Hit] = []
    last_person: dict[str, str] = {}  # a word of a full name -> the person last named with it
    for start, end, owner_ids in hits:
        form = text[start:end]
        if len(owner_ids) > 1:
            chosen = tagged_owner.get(start) or last_person.get(form)
            if chosen not in owner_ids:
                continue
            owner_ids = [chosen]
        entity_id = owner_ids[0]
        found.append(Hit(start, end, entity_id))
        if types[entity_id] == "person" and " " in form:
            for word in form.split():
                last_person[word] = entity_id
    return found


def untagged_sentences(
    article_id: str, text: str, hits: list[Hit], mentions: list[Mention], mention_entity: Mapping[tuple[str, int], str],
    breaks: bytes = b"",
) -> dict[Span, tuple[str, str]]:
    """Span -> (spelling, sentence) of each occurrence that no NER mention of its entity holds: the
    mention lists show it in its sentence, found as NER finds sentences (NER's own where it tagged
    another name around it)."""
    tagged = sorted(mentions, key=attrgetter("start"))
    tagged_starts = [m.start for m in tagged]
    sentences: Sentences | None = None
    shared = {m.sentence: m.sentence for m in tagged}  # one string per sentence, as NER keeps them
    found = {}
    for start, end, entity_id in hits:
        at = bisect.bisect_right(tagged_starts, start) - 1
        around = tagged[at] if at >= 0 and start < tagged[at].end else None
        if around is not None and end <= around.end and mention_entity.get((article_id, around.start)) == entity_id:
            continue
        if around is not None:
            sentence = around.sentence
        else:
            sentences = sentences or (Sentences.with_breaks(text, breaks) if breaks else Sentences(text))
            sentence = sentences.around(start, end)
        found[(start, end)] = (text[start:end], shared.setdefault(sentence, sentence))
    return found


class Counted(NamedTuple):
    """The entities with their occurrences counted, where the occurrences are, and the sentences of the
    ones NER did not tag (see untagged_sentences)."""

    entities: list[Entity]
    occurrences: dict[str, dict[str, tuple[Span, ...]]]  # article id -> entity id -> spans, in order
    untagged: dict[str, dict[Span, tuple[str, str]]]  # article id -> span -> (spelling, sentence)


def searched_forms(entities: list[Entity], surnames: frozenset[str] = frozenset()) -> dict[str, tuple[str, ...]]:
    """Entity id -> the names its occurrences are searched by: its name, aliases and spellings, and a
    person's surname alone ("Pashinyan" of Nikol Pashinyan), as an article names a person again, even
    where NER tagged it nowhere. surnames: the corpus' surnames of people (folded; evidence.surnames);
    a given name is none ("John" of Richard John), nor is the name after a title ("Queen Elizabeth"),
    nor another entity's name ("Washington"). A surname two people share goes to the one named in full
    last (one_owner_each)."""
    forms_of = {e.id: frozenset({e.name, *e.aliases, *e.surface_forms}) for e in entities}
    owners: dict[str, int] = defaultdict(int)
    for forms in forms_of.values():
        for form in forms:
            owners[form] += 1
    searched = {}
    for e in entities:
        alone = {surname_of(form, surnames) for form in forms_of[e.id]} if e.type == "person" else set()
        own = {s for s in alone if s and (s not in owners or s in forms_of[e.id] and owners[s] == 1)}
        searched[e.id] = tuple(sorted(forms_of[e.id] | own))
    return searched


def surname_of(name: str, surnames: frozenset[str]) -> str | None:
    """The last word of a person's full name, when it can name the person alone (see searched_forms)."""
    words = name.split()
    if len(words) < 2 or words[0].lower().rstrip(".") in TITLE_WORDS:
        return None
    last = words[-1]
    if len(last) < 3 or not last[0].isupper() or last.isupper() or fold(last) not in surnames or is_given_name(last):
        return None
    return last


def count_every_mention(
    entities: list[Entity],
    mentions: Mapping[str, list[Mention]],
    mention_entity: Mapping[tuple[str, int], str],
    texts: Mapping[str, str],
    elsewhere: Mapping[str, list[tuple[str, str]]] | None = None,
    facts: Mapping[str, ArticleFacts] | None = None,
    surnames: frozenset[str] = frozenset(),
) -> Counted:
    """The entities, by id, each with every occurrence of its names counted in the articles naming it,
    and those occurrences (the article pages link the first; the mention lists hold every one)."""
    forms_of = searched_forms(entities, surnames)
    lower_words = {aid: facts[aid].lower_word_lines for aid in elsewhere or {} if facts and aid in facts}
    found = find_occurrences(mentions, mention_entity, texts, forms_of, {e.id: e.type for e in entities}, elsewhere, lower_words)
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    occurrences: dict[str, dict[str, tuple[Span, ...]]] = {}
    untagged: dict[str, dict[Span, tuple[str, str]]] = {}
    for article_id, (text, hits) in found.items():
        spans: dict[str, list[Span]] = defaultdict(list)
        for start, end, entity_id in hits:
            spans[entity_id].append((start, end))
        occurrences[article_id] = {entity_id: tuple(found_spans) for entity_id, found_spans in spans.items()}
        for entity_id, found_spans in spans.items():
            counts[entity_id][article_id] = len(found_spans)
        breaks = facts[article_id].sentence_breaks if facts and article_id in facts else b""
        sentences = untagged_sentences(article_id, text, hits, mentions.get(article_id, []), mention_entity, breaks)
        if sentences:
            untagged[article_id] = sentences
    counted = [replace(e, mentions=dict(sorted(counts[e.id].items()))) if counts.get(e.id) else e for e in entities]
    return Counted(sorted(counted, key=lambda e: e.id), occurrences, untagged)
