"""A product or a work told from a person or a place by the words around its mentions (issue 19).

NER takes titles and model names for people and places ("the installation Starry Night" tagged
PERSON, "Pixel 4 update" tagged GPE). The sentence of each mention says what it is where a text names
it as a thing: a noun for a kind of work or product right before it ("the film Dunkirk", "the app
Signal"), a noun a thing takes right after it ("the Jenkins server", "the Dunkirk soundtrack"), a
version number ("Firefox 70.0"), a verb things take as objects ("download Signal", "installed
Jenkins") or as subjects ("Dunkirk premiered", "Wild Rose, starring ..."). None of these is what a text
writes with a person's or a place's name. A name gets the type when half its mentions or more say so
and none says person (a role, a source quoted, a role in apposition).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping

from newswiki.models import Mention
from newswiki.names import alternatives, clean_span, fold, place_in_sentence
from newswiki.resolve.candidates import Candidate
from newswiki.resolve.one_mention import quoted_as_source, role_after

#: Nouns of a kind of work, right before a title: "the film Dunkirk", "her novel Beloved", "the game Metroid".
WORK_NOUNS = frozenset(
    "film films movie movies documentary miniseries series sitcom drama comedy thriller novel novels "
    "book books memoir biography album albums song songs ballad anthem opera musical poem "
    "painting paintings sculpture installation artwork podcast game games episode journal franchise sequel prequel "
    "remake trilogy soundtrack".split()
)
#: Nouns of a kind of product: "the app Signal", "the browser Firefox", "the console Stadia".
PRODUCT_NOUNS = frozenset(
    "app apps application browser software program programme tool toolkit library framework device devices gadget "
    "console smartphone handset tablet laptop headset headphones earbuds camera "
    "car sedan hatchback crossover truck vehicle motorcycle drone rocket missile satellite "
    "aircraft airliner plane chip chipset processor platform service chatbot extension plugin "
    "add-on language protocol engine font".split()
)
#: Nouns a thing's name qualifies right after it ("the Jenkins server", "the Dunkirk soundtrack"), which
#: a person's or a place's name does not ("the Trump administration", "the Paris office" are neither).
THING_AFTER_NOUNS = {
    "app": "product", "apps": "product", "browser": "product", "console": "product", "consoles": "product",
    "headset": "product", "smartphone": "product", "firmware": "product", "plugin": "product", "plug-in": "product",
    "extension": "product", "installer": "product", "update": "product", "updates": "product", "subscribers": "product",
    "users": "product", "download": "product", "downloads": "product", "server": "product", "servers": "product",
    "soundtrack": "work", "trailer": "work", "franchise": "work", "sequel": "work", "prequel": "work",
    "remake": "work", "episode": "work", "episodes": "work", "gameplay": "work", "spinoff": "work", "spin-off": "work",
}
#: A word that begins a relative clause without "that" after a noun: "the book Smith wrote", "the game
#: Nadal lost". Such a name is the clause's subject, not the noun's title.
CLAUSE_VERB_RE = re.compile(r"\s+(?:[a-z]+ed|wrote|made|did|had|got|gave|saw|sang|took|won|lost|found|told|said|says|knew|thought|chose|brought|built|began|ran)\b")
#: A kind-of-thing noun ending the words before a name, with at most one word of an article or an
#: adjective before it ("the 2019 film", "Nintendo's new console"); never a capitalised noun (a title: "Film Director").
NOUN_BEFORE_RE = re.compile(
    rf"(?<![A-Za-z-])({alternatives(WORK_NOUNS | PRODUCT_NOUNS)})\s+[\"“‘']?$"
)
#: A version after the name: "Firefox 70.0", "Python 3.8", "Ubuntu 19.10", "Kubernetes v1.16".
VERSION_AFTER_RE = re.compile(r"\s+(?:v|version\s+)?\d+(?:\.\d+)+\b|\s+v\d+\b")
#: Verbs a product is the object of, right before its name: "download Signal", "installed Jenkins".
OBJECT_OF_RE = re.compile(
    r"\b(?:download|install|uninstall|reinstall|update|upgrade|stream|preorder|pre-order)(?:s|ed|ing)?\s+(?:the\s+|a\s+|an\s+|new\s+|latest\s+)*$"
    r"|\b(?:downloaded|upgraded to|updated to)\s+(?:the\s+)?$",
    re.I,
)
#: What a work or a product does as a subject, right after its name: "Dunkirk premiered", "Wild Rose, starring".
SUBJECT_OF_RE = re.compile(
    r",?\s+(?:premiered|premieres|grossed|grosses|is streaming|starring|stars (?!as\b|in\b)[A-Z]|was directed by|is directed by|"
    r"directed by|hit theaters|hits theaters|hit cinemas|hits cinemas|sold [\w,.]+ copies|is available on)\b"
)
#: The share of a name's mentions that must say "thing" for it to be one.
THING_SHARE = 1 / 2
#: Mentions read (a group's mentions repeat).
CONTEXT_SAMPLE = 50


def thing_kind(mention: Mention) -> str | None:
    """"work" or "product" where the mention's sentence names it as one, else None."""
    place = place_in_sentence(mention.text, mention.sentence)
    if place is None:
        return None
    start, end = place
    sentence = mention.sentence
    before, after = sentence[max(0, start - 40) : start], sentence[end : end + 40]
    possessive = after.startswith(("'s", "’s"))
    if possessive:
        after = after[2:]  # "the film Dunkirk's director": the name is still the film's
    noun = NOUN_BEFORE_RE.search(before) if noun_may_end(before) else None
    if noun and not CLAUSE_VERB_RE.match(after):
        return "work" if noun.group(1).lower() in WORK_NOUNS else "product"
    follower = re.match(r"\s+([a-z][a-z-]*)\b", after)
    if follower and follower.group(1) in THING_AFTER_NOUNS:
        return THING_AFTER_NOUNS[follower.group(1)]
    if not possessive and (VERSION_AFTER_RE.match(after) or OBJECT_OF_RE.search(before)):
        return "product"
    if SUBJECT_OF_RE.match(after):
        return "work"
    return None


#: The nouns NOUN_BEFORE_RE ends with, for str.endswith.
NOUNS_BEFORE = tuple(sorted(WORK_NOUNS | PRODUCT_NOUNS))
QUOTES_BEFORE = "\"“‘'"


def noun_may_end(before: str) -> bool:
    """Whether NOUN_BEFORE_RE can match: the words before a name end with one of its nouns once the
    spaces and the quote after it are stripped. Most do not, and the pattern tries its nouns at every
    place of the words; this asks str.endswith once."""
    return before.rstrip().rstrip(QUOTES_BEFORE).rstrip().endswith(NOUNS_BEFORE)


def thing_by_context(mentions: list[Mention], hinted: Collection[tuple[str, int]] = ()) -> str | None:
    """The type ("product" or "work") the sentences of a name's mentions give it, when half of them or
    more name it as a thing and nothing says it is a person: a role word before a mention (hinted: the
    (article, start) of such mentions), a source quoted ("..., said X") or a role in apposition ("X, a
    spokeswoman for"); else None."""
    sample = mentions[:CONTEXT_SAMPLE]
    kinds: Counter = Counter()
    misses_allowed = len(sample) * (1 - THING_SHARE)
    for mention in sample:
        kind = thing_kind(mention)
        if kind:
            kinds[kind] += 1
        else:
            misses_allowed -= 1
            if misses_allowed < 0:
                return None  # most names: the first mentions say nothing, and the rest cannot make half
    if not kinds:
        return None
    if any((mention.article_id, mention.start) in hinted for mention in mentions):
        return None
    if any(quoted_as_source(mention) or role_after(mention) for mention in sample):
        return None
    return sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def thing_title_prefixes(candidates: dict[str, Candidate], mentions: Mapping[str, list[Mention]]) -> dict[str, str]:
    """Folded names that begin a longer name NER tags a product or a work -> that type: "halo infinite"
    of "Halo Infinite 2" (PRODUCT). NER cuts a title before its number or its subtitle now and then and
    tags the rest a person; the whole title says what it is. The longer name counts when NER tags it so
    in most of its mentions, or, where the span rules made no candidate of it (its number: "Halo
    Infinite 2"), twice at least."""
    tagged: dict[str, Counter] = {}
    for article_mentions in mentions.values():
        for mention in article_mentions:
            if mention.label in THING_LABELS and " " in mention.text:
                tagged.setdefault(fold(clean_span(mention.text, mention.label)[0]), Counter())[mention.label] += 1
    found: dict[str, Counter] = {}
    for key, labels in tagged.items():
        candidate = candidates.get(key)
        if candidate is not None and labels.total() * 2 <= candidate.labels.total():
            continue
        if candidate is None and labels.total() < MIN_UNCOLLECTED_TAGS:
            continue
        kind = "product" if labels["PRODUCT"] >= labels["WORK_OF_ART"] else "work"
        words = key.split()
        for n in range(2, len(words)):  # a first word alone ("Halo", "Harry") may name anything
            found.setdefault(" ".join(words[:n]), Counter())[kind] += 1
    return {prefix: sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for prefix, kinds in found.items()}


THING_LABELS = frozenset({"PRODUCT", "WORK_OF_ART"})
#: Tags a title the span rules made no candidate of needs to count.
MIN_UNCOLLECTED_TAGS = 2


#: The word right before a name that makes the time it names an event's: "during Diwali" (not "ahead of":
#: "finished ahead of Ferrari." is a race's order).
DURING_BEFORE_RE = re.compile(r"\bduring\s+$")
#: ... when the phrase ends with the name (not "during the Diwali holidays", "during Obama's presidency").
PHRASE_END_RE = re.compile(r"\s*(?:[,.;:!?)]|$|\s(?:and|or|in|when|as|this|last|next)\b)")
#: Share of a name's mentions written so for it to be an event's.
DURING_SHARE = 1 / 4


def named_as_a_time(mentions: list[Mention]) -> bool:
    """Whether a quarter of the name's mentions or more follow "during" and end the phrase
    ("during Diwali, the Hindu festival of lights"): a festival, a holiday or a season, an event, as no
    organisation nor place is named ("during the Paris talks" ends no phrase with the name)."""
    sample = mentions[:CONTEXT_SAMPLE]
    hits = 0
    for mention in sample:
        if "during" not in mention.sentence:
            continue  # most sentences: no need to find the name in them
        place = place_in_sentence(mention.text, mention.sentence)
        if place is None:
            continue
        start, end = place
        hits += bool(DURING_BEFORE_RE.search(mention.sentence[max(0, start - 12) : start]) and PHRASE_END_RE.match(mention.sentence, end))
    return hits > 0 and hits >= DURING_SHARE * len(sample)
