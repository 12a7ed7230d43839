"""Entity quality on a folder of pages: counts by type, merges, drops, most-mentioned.

    .venv/bin/python benchmarks/entities.py corpus/
    .venv/bin/python benchmarks/entities.py /work/shared/benchmarks/extraction-dev/ --glob '*.txt'

Read the output as a reader would: every listed entity should be a real person,
organisation or place, each once. Curation (docs/entities/*.md front matter) is
read from --docs when given, so the figures match what a build would publish.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from newswiki import curation, entities, ingest, pipeline, resolve
from newswiki.config import Config


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder of corpus pages (.txt / .html)")
    parser.add_argument("--glob", default="*", help="which files of the folder to read (default: all)")
    parser.add_argument("--docs", type=Path, default=None, help="docs/ folder whose curation to apply")
    parser.add_argument("--top", type=int, default=30, help="how many most-mentioned entities to list")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--all", action="store_true", help="list every entity, not only the top ones")
    args = parser.parse_args(argv)

    paths = [p for p in ingest.list_corpus(args.folder) if p.match(args.glob)]
    config = Config.for_root(Path.cwd(), workers=args.workers)
    sources, problems = ingest.ingest(paths, config.root, config.max_bytes)
    extractions = [(s, pipeline.extract(s)) for s in sources]
    articles = pipeline.article_ids(extractions)
    started = time.perf_counter()
    mentions = entities.find_mentions(articles, config.spacy_model, config.worker_count)
    ner_seconds = time.perf_counter() - started
    texts = {a.id: entities.plain_text(a.extraction.body) for a in articles}
    rules = curation.load(args.docs) if args.docs else curation.Curation()
    started = time.perf_counter()
    resolution = resolve.resolve(mentions, texts, rules)
    resolve_seconds = time.perf_counter() - started

    n_mentions = sum(len(m) for m in mentions.values())
    foreign = [aid for aid, text in texts.items() if not entities.is_english(text)]
    print(
        f"# {args.folder} — {len(articles)} articles ({len(foreign)} not in English: no NER), "
        f"{n_mentions} NER mentions, {len(problems)} unreadable"
    )
    print(f"NER {ner_seconds:.1f}s, resolve {resolve_seconds:.2f}s")
    types = Counter(e.type for e in resolution.entities)
    print(f"\n## Entities: {len(resolution.entities)}  " + ", ".join(f"{t} {n}" for t, n in sorted(types.items())))

    print(f"\n## Merges: {len(resolution.merges)}")
    by_id = {e.id: e for e in resolution.entities}
    for entity_id, variants in sorted(resolution.merges.items()):
        print(f"- {by_id[entity_id].name} ({by_id[entity_id].type}) ← " + " | ".join(variants))

    dropped = sorted(resolution.dropped, key=lambda d: (d.reason, -d.count, d.text))
    print(f"\n## Dropped candidates: {len(dropped)} ({sum(d.count for d in dropped)} mentions)")
    for reason, n in Counter(d.reason for d in dropped).most_common():
        examples = [d.text for d in dropped if d.reason == reason][:12]
        print(f"- {reason}: {n} — e.g. " + ", ".join(repr(x) for x in examples))

    ranked = sorted(resolution.entities, key=lambda e: (-e.total_mentions, e.name))
    shown = ranked if args.all else ranked[: args.top]
    print(f"\n## {'All' if args.all else f'Top {args.top}'} entities by mentions")
    for e in shown:
        aliases = f"  aka {', '.join(e.aliases)}" if e.aliases else ""
        print(f"{e.total_mentions:5d} {len(e.mentions):3d} art  {e.type:12s} {e.name}{aliases}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
