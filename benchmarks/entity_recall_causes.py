"""Why the recall articles' expected names have no page (issue 19): one cause per missed name.

    .venv/bin/python benchmarks/entity_recall_causes.py --project /tmp/ev   # a project entities.py --keep built

Reads the built project's corpus again through the analysis pass (its cache makes that quick), resolves
it in process, and for every expected name of benchmarks/entity_labels/recall.json that no page of its
canonical links in its article, says where it was lost:

- cleaning: none of its surfaces is in the cleaned text;
- NER: the text holds it but NER tagged none of its surfaces in that article; split by what else the
  corpus knows: tagged in another article / a gazetteer place / an acronym the text defines / nothing;
- span filter: NER tagged it, the span was dropped as no name at all (resolve/junk.py);
- no page: tagged, the candidate got no page (the reason resolve gives);
- linked elsewhere: tagged, the mention went to a page of another thing.

Figures per part (tuning: seeds + extraction-dev; held-out: extraction-dev-2; fresh held-out: the 15
further extraction-dev-2 articles labelled blind). The held-out causes are for reporting, not for
fitting rules to (see entity_labels/README.md); `--list` lists the tuning and held-out names, the fresh
ones only with `--list-fresh` (for the final report: nobody tunes on them).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import entities as bench  # noqa: E402

from newswiki import resolve  # noqa: E402
from newswiki.config import Config  # noqa: E402
from newswiki.names import clean_span, fold  # noqa: E402
from newswiki.passes import analysis, no_progress  # noqa: E402
from newswiki.passes.resolution import PlainTexts  # noqa: E402
from newswiki.resolve.gazetteer import gazetteer  # noqa: E402


FRESH = "fresh held-out"


def whole_word(name: str, text: str) -> bool:
    return re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text) is not None


def causes(root: Path, labels: bench.Labels) -> dict[str, list[tuple[str, str, str]]]:
    """Part -> (article key, canonical, cause) for every expected name no page links."""
    config = Config.for_root(root, workers=1)
    corpus = analysis.analyse_corpus(config, no_progress)
    texts = PlainTexts(corpus.articles)
    key_of = {a.id: bench.article_key(a.extraction.source) for a in corpus.articles}
    id_of = {k: a for a, k in key_of.items()}
    facts = dict(corpus.facts)
    resolution = resolve.resolve(corpus.mentions, texts, None, facts)
    canonical_of = {}
    for entity in resolution.entities:
        label = labels.get(entity.name)
        canonical_of[entity.id] = bench.which_thing(
            bench.Page(entity.name, entity.type, list(entity.aliases), {key_of[a]: n for a, n in entity.mentions.items()}, []), labels
        ) if label else None
    linked = {(key_of[a], canonical_of[e.id]) for e in resolution.entities for a in e.mentions}
    tagged_anywhere: Counter = Counter()
    for aid, mentions in corpus.mentions.items():
        for mention in mentions:
            tagged_anywhere[fold(clean_span(mention.text, mention.label)[0])] += 1
    dropped = {fold(d.text): d.reason for d in resolution.dropped}
    defined = {acronym for aid in facts for _, acronym in facts[aid].acronyms} | {long for aid in facts for long, _ in facts[aid].acronyms}
    found: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for key, wanted in labels.recall.items():
        aid = id_of[key]
        text = texts[aid]
        for item in wanted:
            part = FRESH if bench.is_fresh(item) else bench.part_of(key)
            accepted = [item["canonical"], *item.get("also", [])]
            if any((key, c) in linked for c in accepted):
                continue
            surfaces = item["surfaces"]
            found[part].append((key, item["canonical"], why(aid, text, surfaces, accepted, corpus, facts, resolution,
                                                           canonical_of, tagged_anywhere, dropped, defined)))
    return found


def why(aid, text, surfaces, accepted, corpus, facts, resolution, canonical_of, tagged_anywhere, dropped, defined) -> str:
    if not any(whole_word(s, text) or bench.whole_word(s, text) for s in surfaces):
        return "cleaning: not in the cleaned text"
    folded = {fold(s) for s in surfaces}
    here = []
    for mention, span in zip(corpus.mentions.get(aid, []), facts[aid].spans):
        name = clean_span(mention.text, mention.label)[0]
        if fold(name) in folded or any(whole_word(s, name) for s in surfaces):
            here.append((mention, span, name))
    if not here:
        elsewhere = sum(tagged_anywhere[f] for f in folded)
        if elsewhere:
            return f"NER: not tagged here, tagged {elsewhere}x elsewhere"
        if any(gazetteer().lookup(f) for f in folded):
            return "NER: never tagged, a gazetteer place"
        if any(s in defined or fold(s) in defined for s in surfaces):
            return "NER: never tagged, an acronym the corpus defines"
        return "NER: never tagged anywhere"
    reasons = []
    for mention, span, name in here:
        if span is None:
            reasons.append(f"label {mention.label} makes no page ({name})")
            continue
        if span.junk:
            reasons.append(f"span filter: {span.junk} ({name})")
            continue
        entity_id = resolution.mention_entity.get((aid, mention.start))
        if entity_id is not None:
            reasons.append(f"linked elsewhere: {name} -> {entity_id} ({canonical_of.get(entity_id)})")
            continue
        reasons.append(f"no page: {dropped.get(fold(span.name), 'merged away, no reason')} ({name} {mention.label})")
    return Counter(reasons).most_common(1)[0][0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, required=True, help="a project benchmarks/entities.py --keep built")
    parser.add_argument("--labels", type=Path, default=bench.LABELS)
    parser.add_argument("--list", action="store_true", help="list every missed name of the tuning and held-out parts with its cause")
    parser.add_argument("--list-fresh", action="store_true", help="also of the fresh held-out articles (to report, not to tune)")
    args = parser.parse_args(argv)
    found = causes(args.project, bench.Labels.load(args.labels))
    for part in (*bench.PARTS, FRESH):
        rows = found.get(part, [])
        print(f"\n## {part}: {len(rows)} expected names without a page in their article")
        for cause, n in Counter(r[2].split(":")[0] + ": " + r[2].split(":")[1].split("(")[0].strip() for r in rows).most_common():
            print(f"- {n} {cause}")
        if args.list_fresh if part == FRESH else args.list:
            for key, canonical, cause in rows:
                print(f"    · {key.split('/')[-1][:24]}: {canonical} — {cause}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
