"""The language an article is written in, as a BCP 47 tag ("en", "ru", "ja"), from its text alone.

Pages carry it (`lang` on the article, a `language` search filter) so that screen readers read
Cyrillic as Russian and readers can filter search results by language. English text, most of a
news corpus, is told by its stop words without loading a model; anything else goes to py3langid
(langid.py's model, shipped inside the wheel: offline and deterministic), loaded once per process.
"""

from __future__ import annotations

import re
from functools import lru_cache

#: Characters of text looked at: a few paragraphs tell a language as well as the whole article.
SAMPLE_CHARS = 4000
#: Share of words that are English function words above which a text is English: running English
#: prose has 40-50%, other languages written in Latin letters well under 10%.
ENGLISH_STOP_SHARE = 0.25
#: Texts with fewer letters than this say too little; they are taken as the default language.
MIN_LETTERS = 20
DEFAULT_LANGUAGE = "en"
ENGLISH_STOP_WORDS = frozenset(
    "the of and to a in is that for on it with as was by at from be this are have has an or not "
    "but were which its their his her they he she will said would been also more than who after".split()
)
WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
MARKDOWN_NOISE_RE = re.compile(r"\]\([^)]*\)|\{:[^}]*\}|<[^>]*>|\[\^[^\]]*\]|[\\*_`#>|\[\]]")


@lru_cache(maxsize=1)
def identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


#: Characters stripped from the ends of a word before it is looked up among the stop words.
PUNCTUATION = "\"'“”‘’()[]{}*_.,;:!?«»-–—"
#: Words looked at for the English test: enough for the share to settle.
ENGLISH_SAMPLE_WORDS = 300


def names_recognised(language: str) -> bool:
    """Whether names are looked for in an article in this language (Extraction.language): the English
    model only finds junk in other languages. NER and the article page's note both ask this, so a page
    never says its names go unlinked while linking some, nor links none without saying why."""
    return language.split("-")[0].lower() == "en"


def detect_language(text: str) -> str:
    """The language of a text (Markdown is fine), or DEFAULT_LANGUAGE when it is too short to tell."""
    # The cheap test first (a build runs it on every article): plain splitting, no regex.
    head = [w.strip(PUNCTUATION).lower() for w in text[:SAMPLE_CHARS].split()[:ENGLISH_SAMPLE_WORDS]]
    if head and sum(w in ENGLISH_STOP_WORDS for w in head) >= ENGLISH_STOP_SHARE * len(head):
        return DEFAULT_LANGUAGE
    sample = MARKDOWN_NOISE_RE.sub(" ", text[: 2 * SAMPLE_CHARS])[:SAMPLE_CHARS]
    if sum(map(len, WORD_RE.findall(sample))) < MIN_LETTERS:
        return DEFAULT_LANGUAGE
    language, _score = identifier().classify(sample)
    return language
