"""Screen variants of the page rules for names the rules drop, in seconds, before a build measures one.

    .venv/bin/python benchmarks/one_mention_screen.py --project /tmp/ev           # every variant
    .venv/bin/python benchmarks/one_mention_screen.py --project /tmp/ev --show    # and the tuning names each makes

Issue 19's recall misses are led by names with no page: named once in running text ("fewer than 2
mentions"), or a person never named in full. A full `benchmarks/entities.py` build takes minutes; this
resolves the kept build's corpus once (its analysis cache makes that quick) and, for each variant
(VARIANTS), counts the groups a rule drops for that reason that would get a page if the variant said
yes and the other rules let them through (the dropping check itself answered yes, as
one_mention_model.py does):

- new pages by label kind (labels.json: entity, product, work, not_entity, first_name, unlabelled),
  per part (tuning: seeds + extraction-dev; held-out: extraction-dev-2);
- recall gains: expected names (recall.json) no page links today that a new page's name would link,
  per part (tuning, held-out, fresh held-out): counts only.

Names are shown for the tuning part only (`--show`): the held-out part and the fresh articles are
never listed, as entity_labels/README.md asks. A screen ignores what a new page changes downstream
(merges, page ids, aliases): a variant worth landing is then measured by a build.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import entities as bench  # noqa: E402
import entity_recall_causes as causes  # noqa: E402
from one_mention_model import resolve_watching_pages  # noqa: E402

from newswiki.config import Config  # noqa: E402
from newswiki.models import Mention  # noqa: E402
from newswiki.names import FUNCTION_WORDS, clean_span, fold  # noqa: E402
from newswiki.passes import analysis, no_progress  # noqa: E402
from newswiki.passes.resolution import PlainTexts  # noqa: E402
from newswiki.resolve import pages, resolver  # noqa: E402
from newswiki.resolve.evidence import Evidence  # noqa: E402
from newswiki.resolve.given_names import is_given_name  # noqa: E402
from newswiki.resolve.junk import COMMON_ACRONYMS, NAME_PARTICLES  # noqa: E402
from newswiki.resolve.one_mention import (  # noqa: E402
    GLUED_NAMES_RE, QUOTE_MARKS_RE, cut_before_capital, only_common_words, personal_name_shape,
)


@dataclass(frozen=True)
class Case:
    """What a variant reads: the group, its first mention in running text, its type, the corpus' evidence."""

    group: pages.Group
    mention: Mention
    entity_type: str
    evidence: Evidence
    common_words: set[str]
    text: str  # the article's plain text

    @property
    def name(self) -> str:
        return clean_span(self.mention.text, self.mention.label)[0]

    @property
    def words(self) -> list[str]:
        return self.name.split()


@dataclass(frozen=True)
class Variant:
    reason: str  # the start of the drop reason it decides again
    check: str  # the pages.* function that drops it, answered yes to see what the other rules say
    decide: Callable[[Case], bool]


ONE_MENTION, NEVER_IN_FULL = "fewer than", "a person never named in full"


def clean_span_shape(case: Case) -> bool:
    """No two names glued, no quotation mark inside, not cut before a capitalised word."""
    return not (GLUED_NAMES_RE.search(case.mention.text) or QUOTE_MARKS_RE.search(case.mention.text) or cut_before_capital(case.mention))


def person_in_full(case: Case) -> bool:
    """Tagged PERSON, two to four words written as a personal name."""
    return (
        case.entity_type == "person" and case.mention.label == "PERSON" and 2 <= len(case.words) <= 4
        and personal_name_shape(case.name) and clean_span_shape(case)
    )


def person_name_words(case: Case) -> bool:
    """... every word a name's word (a capital, then lower case) or a particle, not all common words."""
    return (
        person_in_full(case) and all(pages.NAME_WORD_RE.fullmatch(w) or w in NAME_PARTICLES for w in case.words)
        and not only_common_words(case.words, case.common_words)
    )


def organisation_tagged(case: Case) -> bool:
    return case.entity_type == "organization" and case.mention.label == "ORG" and clean_span_shape(case)


def organisation_capitalised(case: Case) -> bool:
    """... two words or more, each capitalised or a function word."""
    return organisation_tagged(case) and len(case.words) > 1 and all(w[:1].isupper() or w in FUNCTION_WORDS for w in case.words)


def organisation_own_word(case: Case) -> bool:
    """... with a word the corpus never writes in lower case (no unit's acronym), and no part of a longer name."""
    own = [w for w in case.words if w.lower() not in FUNCTION_WORDS and fold(w) not in case.common_words and fold(w) not in COMMON_ACRONYMS]
    return organisation_capitalised(case) and bool(own) and case.evidence.parts_of_longer.isdisjoint(case.group.keys)


def written_again(case: Case) -> bool:
    """Two words or more, capitalised, that the article writes again where NER tagged nothing."""
    if len(case.words) < 2 or not all(w[:1].isupper() or w in FUNCTION_WORDS for w in case.words) or not clean_span_shape(case):
        return False
    return len(re.findall(rf"(?<![\w-]){re.escape(case.name)}(?![\w-])", case.text)) >= 2


def one_word_person(case: Case) -> bool:
    """A one-word name of a person's shape, no plural, no word the corpus writes in lower case."""
    names = set(pages.sample_names(case.group))
    return all(pages.NAME_WORD_RE.fullmatch(n) and not n.endswith("s") and fold(n) not in case.common_words for n in names)


def one_word_person_tagged(mentions: int) -> Callable[[Case], bool]:
    """... no given name, tagged PERSON each time, this many mentions in running text or more."""
    def decide(case: Case) -> bool:
        running = [mn for mn in case.group.mentions if (mn.article_id, mn.start) not in case.evidence.titled]
        return (
            one_word_person(case) and not any(is_given_name(n) for n in pages.sample_names(case.group))
            and set(pages.mention_labels(case.group)) <= {"PERSON"} and len(running) >= mentions
        )
    return decide


VARIANTS: dict[str, Variant] = {
    "once: any": Variant(ONE_MENTION, "one_mention_enough", lambda c: True),
    "once: people": Variant(ONE_MENTION, "one_mention_enough", lambda c: c.entity_type == "person"),
    "once: organisations": Variant(ONE_MENTION, "one_mention_enough", lambda c: c.entity_type == "organization"),
    "once: places": Variant(ONE_MENTION, "one_mention_enough", lambda c: c.entity_type == "place"),
    "once: events, products, works": Variant(ONE_MENTION, "one_mention_enough", lambda c: c.entity_type not in ("person", "organization", "place")),
    "once: a person's full name tagged PERSON": Variant(ONE_MENTION, "one_mention_enough", person_in_full),
    "once: ... of name words, not all common": Variant(ONE_MENTION, "one_mention_enough", person_name_words),
    "once: ... in a sentence of 8 words or more": Variant(ONE_MENTION, "one_mention_enough", lambda c: person_name_words(c) and len(c.mention.sentence.split()) >= 8),
    "once: an organisation tagged ORG": Variant(ONE_MENTION, "one_mention_enough", organisation_tagged),
    "once: ... one word": Variant(ONE_MENTION, "one_mention_enough", lambda c: organisation_tagged(c) and len(c.words) == 1),
    "once: ... two words or more, capitalised": Variant(ONE_MENTION, "one_mention_enough", organisation_capitalised),
    "once: ... with a word of its own": Variant(ONE_MENTION, "one_mention_enough", organisation_own_word),
    "once: written again untagged": Variant(ONE_MENTION, "one_mention_enough", written_again),
    "one word: any": Variant(NEVER_IN_FULL, "known_by_one_name", lambda c: True),
    "one word: a name's shape": Variant(NEVER_IN_FULL, "known_by_one_name", one_word_person),
    "one word: ... no given name, PERSON each time": Variant(NEVER_IN_FULL, "known_by_one_name", one_word_person_tagged(1)),
    "one word: ... 3 mentions or more": Variant(NEVER_IN_FULL, "known_by_one_name", one_word_person_tagged(3)),
    "one word: ... 5 mentions or more": Variant(NEVER_IN_FULL, "known_by_one_name", one_word_person_tagged(5)),
}


def screen(root: Path, labels: bench.Labels) -> dict[str, list[tuple[Case, str]]]:
    """Variant -> (case, article key) of every group it would give a page."""
    config = Config.for_root(root, workers=1)
    corpus = analysis.analyse_corpus(config, no_progress)
    texts = PlainTexts(corpus.articles)
    key_of = {a.id: bench.article_key(a.extraction.source) for a in corpus.articles}
    made: dict[str, list[tuple[Case, str]]] = defaultdict(list)
    original = resolver.page_reason

    def capture(group, entity_type, type_share, in_gazetteer, evidence, common_words, *rest):
        reason = original(group, entity_type, type_share, in_gazetteer, evidence, common_words, *rest)
        if reason is None:
            return reason
        running = [mn for mn in group.mentions if (mn.article_id, mn.start) not in evidence.titled]
        first = (running or group.mentions)[0]
        case = Case(group, first, entity_type, evidence, common_words, texts[first.article_id])
        for name, variant in VARIANTS.items():
            if not reason.startswith(variant.reason) or (variant.reason == ONE_MENTION and len(running) != 1) or not variant.decide(case):
                continue
            saved = getattr(pages, variant.check)
            setattr(pages, variant.check, lambda *a, **k: True)
            try:
                passes = original(group, entity_type, type_share, in_gazetteer, evidence, common_words, *rest) is None
            finally:
                setattr(pages, variant.check, saved)
            if passes:
                made[name].append((case, key_of[first.article_id]))
        return reason

    resolve_watching_pages(corpus, texts, capture)
    return made


def missed(root: Path, labels: bench.Labels) -> dict[tuple[str, str], tuple[str, str]]:
    """(article key, accepted canonical) -> (article key, expected canonical) of every expected name no page links."""
    lost = {(key, canonical) for rows in causes.causes(root, labels).values() for key, canonical, _ in rows}
    return {
        (key, accepted): (key, item["canonical"])
        for key, items in labels.recall.items() for item in items if (key, item["canonical"]) in lost
        for accepted in [item["canonical"], *item.get("also", [])]
    }


def part_of_item(key: str, canonical: str, labels: bench.Labels) -> str:
    if bench.part_of(key) == "tuning":
        return "tuning"
    fresh = any(bench.is_fresh(item) for item in labels.recall[key] if item["canonical"] == canonical)
    return causes.FRESH if fresh else "held-out"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, required=True, help="a project benchmarks/entities.py --keep built")
    parser.add_argument("--labels", type=Path, default=bench.LABELS)
    parser.add_argument("--show", action="store_true", help="list the tuning part's names each variant makes pages of")
    args = parser.parse_args(argv)
    labels = bench.Labels.load(args.labels)
    lost = missed(args.project, labels)
    made = screen(args.project, labels)
    for name in VARIANTS:
        kinds: dict[str, Counter] = defaultdict(Counter)
        found: set[tuple[str, str]] = set()
        for case, key in made.get(name, []):
            label = labels.get(case.name)
            kinds[bench.part_of(key)][label["kind"] if label else "unlabelled"] += 1
            found.update(lost[(key, c)] for c in labels.canonicals(case.name) if (key, c) in lost)
        gains = Counter(part_of_item(key, canonical, labels) for key, canonical in found)
        print(f"\n{name}")
        for part in bench.PARTS:
            print(f"  {part}: new pages {sum(kinds[part].values())} — " + ", ".join(f"{k} {n}" for k, n in kinds[part].most_common()))
        print("  recall gains: " + ", ".join(f"{p} {gains[p]}" for p in ("tuning", "held-out", causes.FRESH)))
        if args.show:
            for case, key in made.get(name, []):
                if bench.part_of(key) == "tuning":
                    label = labels.get(case.name)
                    print(f"    · {case.entity_type:12} {label['kind'] if label else 'unlabelled':10} {case.name!r} | {case.mention.sentence[:90]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
