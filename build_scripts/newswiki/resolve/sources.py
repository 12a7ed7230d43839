"""Names NER never tagged, found where a news text quotes them as its source.

NER misses names it has not seen, one-word firms and agencies above all ("SpaceX", "Interfax",
"Rosstat"). A news text names its sources in a few set phrases, right before or after a verb of
speech or report: "SpaceX said", "Interfax reported", "told Interfax", "according to Rosstat". A
capitalised name there that NER left untagged is taken as an organisation's mention when nothing
says it is something else:

- the words before it that open sentences ("But", "The") are not part of it; a name of stop words
  only ("He", "They") or no name at all (resolve/junk.py: "Police", "Monday") is none;
- a person's name is left to NER: a given name first, or one word the text also writes after another
  capitalised word (a surname: "Smith" of "John Smith");
- one word the text also writes in lower case ("officials", "experts") is a common noun; one word
  opening its sentence must be written capitalised mid-sentence elsewhere in the text, or be
  written as names are and words are not (an acronym, a capital inside: "SpaceX");
- a place the gazetteer knows is left to NER.

Found once per article, with its NER (evidence.article_facts), and cached with it: the corpus-wide
resolve reads no text for them. Each becomes one more mention labelled ORG (resolver), so every
rule a tagged name meets is met (two mentions, or one quoted as a source: pages.one_mention_enough).
"""

from __future__ import annotations

import re

from newswiki.models import Mention
from newswiki.names import fold
from newswiki.ner import Sentences, english_stop_words
from newswiki.resolve.gazetteer import gazetteer
from newswiki.resolve.given_names import is_given_name
from newswiki.resolve.junk import junk_reason

#: Verbs of speech and report after a source's name ("Interfax reported").
VERB_AFTER_RE = re.compile(
    r" (?:said|says|reported|reports|told|tells|announced|announces|tweeted|wrote|writes|estimated|estimates|confirmed|denied)\b"
)
#: ... and the phrases before it ("told Interfax", "according to Rosstat").
PHRASE_BEFORE_RE = re.compile(r"\b(?:[Aa]ccording to|told|tells|quoted by|cited by|reported by) (?:the )?(?=[A-Z])")
#: A name: one to four capitalised words.
NAME_WORD = r"[A-Z](?:[\w&'’-]|\.(?=\w))*"
NAME_BEFORE_RE = re.compile(rf"(?<![\w'’-])({NAME_WORD}(?: {NAME_WORD}){{0,3}})$")
NAME_AFTER_RE = re.compile(rf"({NAME_WORD}(?: {NAME_WORD}){{0,3}})(?![\w'’-])")
#: A word written as names are and common words are not: an acronym, a capital after a small letter.
NAME_SHAPED_RE = re.compile(r"^[A-Z]{2,}$|[a-z][A-Z]")
SENTENCE_START_RE = re.compile(r"(?:^|[.!?:;\"“”]\s+|\n\s*)$")


def source_spans(text: str, mentions: list[Mention]) -> list[tuple[int, int]]:
    """(start, end) of the untagged names the text quotes as sources (see the module docstring)."""
    found: list[tuple[int, int]] = []
    for verb in VERB_AFTER_RE.finditer(text):
        name = NAME_BEFORE_RE.search(text, max(0, verb.start() - 80), verb.start())
        if name:
            found.append((name.start(1), name.end(1)))
    for phrase in PHRASE_BEFORE_RE.finditer(text):
        name = NAME_AFTER_RE.match(text, phrase.end())
        if name:
            found.append((name.start(1), name.end(1)))
    spans = sorted({span for start, end in found if (span := source_name(text, start, end, mentions)) is not None})
    return [span for i, span in enumerate(spans) if i == 0 or span != spans[i - 1]]


def source_name(text: str, start: int, end: int, mentions: list[Mention]) -> tuple[int, int] | None:
    """The span of the name at text[start:end] without the words opening its sentence, or None when it
    is no untagged organisation's name."""
    if any(m.start < end and start < m.end for m in mentions):
        return None
    words = text[start:end].split(" ")
    stop_words = english_stop_words()
    while words and (words[0].lower() in stop_words or words[0].lower().rstrip(".") in stop_words):
        start += len(words[0]) + 1
        words = words[1:]
    name = " ".join(words).rstrip(".'’")
    end = start + len(name)
    if not name or junk_reason(name) or any(w.lower() in stop_words for w in words):
        return None
    if is_given_name(words[0]) or gazetteer().lookup(fold(name)) is not None:
        return None
    if len(words) == 1 and not one_word_name(text, start, name):
        return None
    return start, end


def one_word_name(text: str, start: int, name: str) -> bool:
    """Whether one capitalised word is an organisation's name, by how the rest of the text writes it."""
    if re.search(rf"(?<![\w'’-]){re.escape(name.lower())}(?![\w'’-])", text):
        return False  # "officials", "experts": a word
    if re.search(rf"[A-Z][\w'’-]* {re.escape(name)}(?![\w'’-])", text):
        return False  # a surname
    if NAME_SHAPED_RE.search(name) or not SENTENCE_START_RE.search(text, max(0, start - 3), start):
        return True
    return any(
        not SENTENCE_START_RE.search(text, max(0, m.start() - 3), m.start())
        for m in re.finditer(rf"(?<![\w'’-]){re.escape(name)}(?![\w'’-])", text)
    )


def source_mentions(article_id: str, text: str, spans: tuple[tuple[int, int], ...], sentence_breaks: bytes) -> list[Mention]:
    """The sources found as mentions labelled ORG, with their sentences."""
    if not spans:
        return []
    sentences = Sentences.with_breaks(text, sentence_breaks) if sentence_breaks else Sentences(text)
    return [Mention(article_id, text[s:e], "ORG", s, e, sentences.around(s, e)) for s, e in spans]
