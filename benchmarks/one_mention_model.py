"""Names named once in running text: can a learned decision or one general signal give them pages?

    .venv/bin/python benchmarks/one_mention_model.py --project /tmp/ev              # report
    .venv/bin/python benchmarks/one_mention_model.py --project /tmp/ev --list       # every candidate, its CV score
    .venv/bin/python benchmarks/one_mention_model.py --project /tmp/ev --unlabelled # candidates lacking a label

Issue 19's recall misses are led by names mentioned once (entity_labels/README.md). The hand rules
(pages.named_in_full, one_mention.one_mention_enough) each read one signal, and each new one added
junk. This measures, on the **tuning** part only (seeds + extraction-dev), two general alternatives:

- a logistic regression (L2, Newton's method, numpy) over the signals each candidate already has
  (FEATURES: its type and NER label, the shape of its words against Faker's given-name and surname
  lists, the gazetteer and the English lexicon the spaCy model ships for its lemmatizer, what its
  sentence says of it — a source quoted, a role, a body, a list —, a headline naming it too, the
  corpus' lower-case words, usage marks), fitted on every tuning name the rules decide (pages and
  names dropped for too few mentions) and cross-validated by site (FOLDS folds; the seeds are one site,
  an extraction-dev page's site its url's domain), scored on the names the rules drop for having one
  mention in running text that would get a page if that check said yes;
- one signal: a name none of whose words is in that English lexicon (no_english_word below).

The project is one benchmarks/entities.py --keep built; its corpus is analysed again (the cache makes
that quick) and resolved. Labels: entity_labels/labels.json (entity, product, work: 1; not_entity,
first_name: 0). Neither was landed: see the README's "Fifth recall attempt" for the held-out figures.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import math
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import entities as bench  # noqa: E402

from newswiki import resolve  # noqa: E402
from newswiki.config import Config  # noqa: E402
from newswiki.models import Mention  # noqa: E402
from newswiki.names import clean_span, fold, place_in_sentence  # noqa: E402
from newswiki.passes import analysis, no_progress  # noqa: E402
from newswiki.passes.resolution import PlainTexts  # noqa: E402
from newswiki.resolve import pages, resolver  # noqa: E402
from newswiki.resolve.evidence import Evidence  # noqa: E402
from newswiki.resolve.gazetteer import minor_place  # noqa: E402
from newswiki.resolve.given_names import is_given_name, is_surname  # noqa: E402
from newswiki.resolve.kinds import place_of  # noqa: E402
from newswiki.resolve.one_mention import (  # noqa: E402
    GLUED_NAMES_RE, QUOTE_MARKS_RE, cut_before_capital, personal_name_shape, quoted_as_source, role_after, said_to_be_a_body,
)
from newswiki.resolve.usage import CITATION, COMMON_NOUN, IDENTIFIER_IN_CODE_ARTICLE, IN_CODE, QUOTED_TITLE  # noqa: E402


# ---------------------------------------------------------------- the English lexicon

#: Endings of plurals and verb forms tried off a word before looking it up ("deals" -> "deal", "companies" -> "company").
PLURALS = (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", ""))


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The model's lemma index, lower case (empty when the model ships none)."""
    import srsly  # spaCy's own reader of its files; importing spaCy itself would take seconds

    spec = importlib.util.find_spec(Config.model_fields["spacy_model"].default)
    files = sorted(Path(spec.origin).parent.glob("*/lemmatizer/lookups/lookups.bin")) if spec and spec.origin else []
    if not files:
        return frozenset()
    collecting = gc.isenabled()
    tables = srsly.read_msgpack(files[0])
    if not collecting:
        gc.disable()  # srsly's msgpack reader turns the collector on, whatever the build chose
    index = tables.get("lemma_index", {})
    return frozenset(word for words in index.values() for word in words if word.islower() and "_" not in word)


def is_english_word(word: str) -> bool:
    """Whether a word (any case) is, or is a plural or verb form of, one of the model's English words."""
    words = english_words()
    key = word.lower().strip(".'’")
    return key in words or any(key.endswith(end) and key[: len(key) - len(end)] + new in words for end, new in PLURALS)


# ---------------------------------------------------------------- features

TYPES = ("person", "organization", "place", "event", "product", "work")
#: NER labels that agree with each type: a name typed so by another route is weaker evidence.
AGREEING = {
    "person": {"PERSON"}, "organization": {"ORG"}, "place": {"GPE", "LOC", "FAC"}, "event": {"EVENT"},
    "product": {"PRODUCT"}, "work": {"WORK_OF_ART"},
}
FEATURES = (
    *(f"type={t}" for t in TYPES),
    "label agrees", "one word", "two words", "three words or more", "acronym", "every word capitalised",
    "given name first", "a given name alone", "listed surname last", "personal name shape", "known place", "head word last",
    "share of common words", "share of English words", "quoted as a source", "role in apposition", "said to be a body", "role before",
    "in the headline too", "in a list", "possessive after", "after 'the'", "short sentence",
    "cut before a capital or a hyphen", "glued, listed or quoted span", "part of a longer name", "code, citation or common noun",
    "quoted title", "log position",
)
#: A comma-separated list around the span: "Apple, Google and Microsoft".
LIST_BEFORE_RE = re.compile(r"[A-Z][\w'’.-]*,\s*$")
LIST_AFTER_RE = re.compile(r"^(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)[A-Z]")
POSSESSIVE_AFTER_RE = re.compile(r"^['’]s?\b")
THE_BEFORE_RE = re.compile(r"\b[Tt]he\s+$")
SHORT_SENTENCE_WORDS = 6
#: An acronym, or its plural ("ACLs"): a unit, a format or a body, as often one as another.
ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&.]{1,7}s?")
#: Characters no name has: a span across them joins a name to the words of its sentence ("LTR)—which", "Apple, Google").
NOT_NAME_CHARS_RE = re.compile(r"[^\w\s.'’&-]")
#: Where a name's words are cut for the lexicon: spaces and hyphens ("Set-Cookie" is two English words).
WORD_SPLIT_RE = re.compile(r"[\s-]+")


def english_share(words: list[str]) -> float:
    """The share of a name's words (hyphenated ones split) that are English common words (lexicon.py)."""
    parts = [w for w in WORD_SPLIT_RE.split(" ".join(words)) if w]
    return sum(is_english_word(w) for w in parts) / max(1, len(parts))
#: Usage marks of a span used as code, cited in a reference list or as a common noun ("an API").
NOT_A_NAME_MARKS = frozenset(IN_CODE + IDENTIFIER_IN_CODE_ARTICLE + CITATION + COMMON_NOUN)


@dataclass(frozen=True)
class Candidate:
    """What the model reads of a group named once in running text."""

    entity_type: str
    keys: tuple[str, ...]
    running: Mention
    titled_too: bool  # the group also has a mention in a headline or caption line


def vector(candidate: Candidate, evidence: Evidence, common_words: set[str], head_words: Mapping[str, Iterable[str]]) -> list[float]:
    """The features of FEATURES, in order. head_words: last words that say the type ("ministry" for an
    organisation, "island" for a place), by type."""
    mention = candidate.running
    name = clean_span(mention.text, mention.label)[0]
    words = name.split()
    where = (mention.article_id, mention.start)
    usage = evidence.usage.get(where, "")
    place = place_in_sentence(mention.text, mention.sentence)
    start, end = place if place is not None else (0, 0)
    before, after = mention.sentence[max(0, start - 40) : start], mention.sentence[end : end + 40]
    last = words[-1].lower().rstrip(".") if words else ""
    heads = head_words.get(candidate.entity_type, ())
    common = sum(fold(w) in common_words for w in words) / max(1, len(words))
    values = [float(candidate.entity_type == t) for t in TYPES] + [
        mention.label in AGREEING.get(candidate.entity_type, ()),
        len(words) == 1,
        len(words) == 2,
        len(words) >= 3,
        bool(ACRONYM_RE.fullmatch(name)),
        all(w[:1].isupper() for w in words),
        bool(words) and (is_given_name(words[0]) or fold(words[0]) in evidence.given_names),
        len(words) == 1 and is_given_name(words[0]),
        len(words) > 1 and is_surname(words[-1]),
        len(words) > 1 and personal_name_shape(name),
        any(place_of(k) or minor_place(k) for k in candidate.keys),
        len(words) > 1 and last in heads,
        common,
        english_share(words),
        quoted_as_source(mention),
        role_after(mention),
        said_to_be_a_body(mention),
        where in evidence.hinted,
        candidate.titled_too,
        bool(LIST_BEFORE_RE.search(before) or LIST_AFTER_RE.match(after)),
        bool(POSSESSIVE_AFTER_RE.match(after)),
        bool(THE_BEFORE_RE.search(before)),
        len(mention.sentence.split()) <= SHORT_SENTENCE_WORDS,
        cut_before_capital(mention) or after[:1] == "-",
        bool(GLUED_NAMES_RE.search(mention.text) or QUOTE_MARKS_RE.search(mention.text) or NOT_NAME_CHARS_RE.search(name)),
        not evidence.parts_of_longer.isdisjoint(candidate.keys),
        bool(NOT_A_NAME_MARKS.intersection(usage)),
        QUOTED_TITLE in usage,
        math.log1p(mention.start) / 10,
    ]
    return [float(v) for v in values]


#: Last words that say a name's type, by type (the feature "head word last").
HEAD_WORDS = {
    "organization": pages.ORGANISATION_HEADS | pages.FIRM_ENDINGS, "place": pages.PLACE_WORDS, "event": frozenset(pages.EVENT_WORDS),
    "product": frozenset(pages.PRODUCT_WORDS), "work": frozenset(),
}


def no_english_word(mention: Mention, usage: str) -> bool:
    """Whether a name tagged once is made of words the English lexicon lacks ("DoorDash", "Vasek Pospisil"),
    never an acronym, a given name alone, a span across punctuation, one cut before a capitalised word or
    a hyphen, nor a name the text writes as code, cites or uses as a common noun."""
    name = clean_span(mention.text, mention.label)[0]
    words = [w for w in WORD_SPLIT_RE.split(name) if w]
    if not words or ACRONYM_RE.fullmatch(name) or NOT_NAME_CHARS_RE.search(name) or QUOTE_MARKS_RE.search(mention.text):
        return False
    if GLUED_NAMES_RE.search(mention.text) or NOT_A_NAME_MARKS.intersection(usage) or (len(words) == 1 and is_given_name(name)):
        return False
    place = place_in_sentence(mention.text, mention.sentence)
    if place is None or cut_before_capital(mention) or mention.sentence[place[1] : place[1] + 1] == "-":
        return False
    return not any(is_english_word(w) for w in words)


# ---------------------------------------------------------------- fitting

L2 = 30.0
FOLDS = 5
#: Cross-validated precision a threshold must keep: a held-out not-entity share of 4% leaves little room.
MIN_PRECISION = 0.9
KEEP = ("entity", "product", "work")


@dataclass
class Example:
    name: str
    entity_type: str
    article: str  # article key
    site: str
    sentence: str
    vector: list[float]
    label: int | None
    decided: bool  # named once, dropped by the rules, a page if that check said yes; else a name the rules decide
    no_english_word: bool


def site_of(key: str, urls: dict[str, str]) -> str:
    if key.startswith("seeds/"):
        return "seeds"
    url = urls.get(key.split("/")[-1].removesuffix(".txt"), "")
    host = re.sub(r"^https?://(www\.)?", "", url).split("/")[0]
    return ".".join(host.split(".")[-2:]) or key


def examples(root: Path, labels: bench.Labels) -> list[Example]:
    """The tuning part's names the rules decide (a page, or none for too few mentions), with their labels."""
    config = Config.for_root(root, workers=1)
    corpus = analysis.analyse_corpus(config, no_progress)
    texts = PlainTexts(corpus.articles)
    key_of = {a.id: bench.article_key(a.extraction.source) for a in corpus.articles}
    truth = json.loads((bench.DATA / "extraction-dev" / "ground-truth.json").read_text(encoding="utf-8"))
    urls = {k: v.get("url", "") for k, v in truth.items()}
    found: list[Example] = []
    original, enough = resolver.page_reason, pages.one_mention_enough

    def capture(group, entity_type, type_share, in_gazetteer, evidence, common_words, *rest):
        reason = original(group, entity_type, type_share, in_gazetteer, evidence, common_words, *rest)
        running = [mn for mn in group.mentions if (mn.article_id, mn.start) not in evidence.titled]
        if not running or bench.part_of(key_of[running[0].article_id]) != "tuning":
            return reason
        decided = reason is not None and reason.startswith("fewer than") and len(running) == 1
        if decided:
            pages.one_mention_enough = lambda *a: True
            try:
                decided = original(group, entity_type, type_share, in_gazetteer, evidence, common_words, *rest) is None
            finally:
                pages.one_mention_enough = enough
        key = key_of[running[0].article_id]
        if decided or reason is None or reason.startswith("fewer than"):
            candidate = Candidate(entity_type, tuple(group.keys), running[0], len(group.mentions) > 1)
            name = clean_span(running[0].text, running[0].label)[0]
            label = labels.get(name)
            kind = None if label is None else int(label["kind"] in KEEP)
            found.append(Example(
                name, entity_type, key, site_of(key, urls), running[0].sentence,
                vector(candidate, evidence, common_words, HEAD_WORDS), kind, decided,
                no_english_word(running[0], evidence.usage.get((running[0].article_id, running[0].start), "")),
            ))
        return reason

    resolve_watching_pages(corpus, texts, capture)
    return found


def resolve_watching_pages(corpus, texts, capture) -> None:
    """Resolve the analysed corpus with `capture` standing in for resolver.page_reason (it calls the real one)."""
    original = resolver.page_reason
    resolver.page_reason = capture
    try:
        resolve.resolve(corpus.mentions, texts, None, dict(corpus.facts))
    finally:
        resolver.page_reason = original


def fit(x: np.ndarray, y: np.ndarray, l2: float = L2, iterations: int = 50) -> dict:
    """Logistic regression by Newton's method on standardised features (the intercept not penalised)."""
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(z @ beta, -30, 30)))
        gradient = z.T @ (p - y) + penalty * beta
        hessian = (z * (p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return {"mean": mean.tolist(), "scale": scale.tolist(), "coef": beta[:-1].tolist(), "intercept": float(beta[-1])}


def probabilities(model: dict, x: np.ndarray) -> np.ndarray:
    z = (x - np.array(model["mean"])) / np.array(model["scale"]) @ np.array(model["coef"]) + model["intercept"]
    return 1 / (1 + np.exp(-np.clip(z, -30, 30)))


def cross_validated(data: list[Example]) -> np.ndarray:
    """Each example scored by a model fitted without its site (fitted on every example of the other sites)."""
    sites = sorted({e.site for e in data})
    np.random.RandomState(0).shuffle(sites)
    fold_of = {site: i % FOLDS for i, site in enumerate(sites)}
    x = np.array([e.vector for e in data])
    y = np.array([e.label for e in data], dtype=float)
    folds = np.array([fold_of[e.site] for e in data])
    scores = np.zeros(len(data))
    for fold in range(FOLDS):
        inside = folds == fold
        scores[inside] = probabilities(fit(x[~inside], y[~inside]), x[inside])
    return scores


def threshold_for(scores: np.ndarray, y: np.ndarray) -> float:
    """The lowest threshold whose precision (cross-validated scores) is MIN_PRECISION or more, over 3 pages or more."""
    for t in np.round(np.arange(0.3, 0.99, 0.01), 2):
        chosen = scores >= t
        if chosen.sum() >= 3 and y[chosen].mean() >= MIN_PRECISION:
            return float(t)
    return 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, required=True, help="a project benchmarks/entities.py --keep built")
    parser.add_argument("--unlabelled", action="store_true", help="list the candidates with no label")
    parser.add_argument("--list", action="store_true", help="list every example with its cross-validated score")
    parser.add_argument("--examples", type=Path, help="keep the examples in this JSON file and read them from it next time")
    args = parser.parse_args(argv)
    labels = bench.Labels.load(bench.LABELS)
    if args.examples and args.examples.exists():
        data = [Example(**e) for e in json.loads(args.examples.read_text(encoding="utf-8"))]
    else:
        data = examples(args.project, labels)
        if args.examples:
            args.examples.write_text(json.dumps([e.__dict__ for e in data], ensure_ascii=False), encoding="utf-8")
    for e in data:  # labels as they are now
        label = labels.get(e.name)
        e.label = None if label is None else int(label["kind"] in KEEP)
    labelled = [e for e in data if e.label is not None]
    decided = np.array([e.decided for e in labelled])
    print(f"{len(data)} tuning names, {len(labelled)} labelled ({sum(e.label for e in labelled)} real), "
          f"{len({e.site for e in labelled})} sites; {int(decided.sum())} of them named once and dropped: the model's to decide "
          f"({int(sum(e.label for e, d in zip(labelled, decided) if d))} real)")
    if args.unlabelled:
        for e in data:
            if e.label is None and e.decided:
                print(f"  ? {e.name!r} [{e.entity_type}] {e.article.split('/')[-1][:12]} | {e.sentence[:200]!r}")
    y = np.array([e.label for e in labelled], dtype=float)
    scores = cross_validated(labelled)
    for t in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
        chosen = decided & (scores >= t)
        print(f"CV by site, threshold {t:.2f}: {int(chosen.sum())} pages, {int(y[chosen].sum())} real "
              f"(precision {y[chosen].mean() if chosen.any() else 0:.2f}), of {int(y[decided].sum())} real candidates")
    threshold = threshold_for(scores[decided], y[decided])
    chosen = decided & (scores >= threshold)
    print(f"threshold (CV precision >= {MIN_PRECISION}): {threshold:.2f}: {int(chosen.sum())} pages, {int(y[chosen].sum())} real")
    if args.list:
        for e, s in sorted(zip(labelled, scores), key=lambda es: -es[1]):
            if e.decided:
                print(f"  {s:.2f} {e.label} {e.name!r} [{e.entity_type}] | {e.sentence[:120]!r}")
    rule = decided & np.array([e.no_english_word for e in labelled])
    print(f"no English word (one signal): {int(rule.sum())} pages, {int(y[rule].sum())} real")
    positives, negatives = scores[decided & (y == 1)], scores[decided & (y == 0)]
    auc = np.mean([(p > n) + 0.5 * (p == n) for p in positives for n in negatives]) if len(positives) and len(negatives) else 0.0
    print(f"CV by site, area under the ROC curve of the names named once: {auc:.2f}")
    model = fit(np.array([e.vector for e in labelled]), y)
    for name, coef in sorted(zip(FEATURES, model["coef"]), key=lambda fc: -abs(fc[1])):
        print(f"  {coef:+.2f} {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
