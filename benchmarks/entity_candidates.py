"""Entity candidates on a folder of pages: counts by type, merges, drops, most-mentioned.

    .venv/bin/python benchmarks/entity_candidates.py corpus/
    .venv/bin/python benchmarks/entity_candidates.py benchmarks/data/extraction-dev/ --glob '*.txt'
    .venv/bin/python benchmarks/entity_candidates.py corpus/ --scale 10000   # resolve time at 10,000 articles

A diagnostic of what resolution did; the measures against hand labels are in
benchmarks/entities.py.

Read the output as a reader would: every listed entity should be a real person,
organisation or place, each once. Curation (docs/entities/*.md front matter) is
read from --docs when given, so the figures match what a build would publish.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import sys
import time
from collections import Counter
from pathlib import Path

from newswiki import curation, docs_writer, ingest, ner, resolve
from newswiki.extract import extract
from newswiki.slugs import article_ids
from newswiki.config import Config
from newswiki.markdown import plain_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="folder of corpus pages (.txt / .html)")
    parser.add_argument("--glob", default="*", help="which files of the folder to read (default: all)")
    parser.add_argument("--docs", type=Path, default=None, help="docs/ folder whose curation to apply")
    parser.add_argument("--top", type=int, default=30, help="how many most-mentioned entities to list")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--all", action="store_true", help="list every entity, not only the top ones")
    parser.add_argument(
        "--scale", type=int, default=0,
        help="also time resolution on this many articles: copies of the folder's, people renamed in each copy",
    )
    args = parser.parse_args(argv)

    paths = [p for p in ingest.list_corpus(args.folder) if p.match(args.glob)]
    config = Config.for_root(Path.cwd(), workers=args.workers)
    sources, problems = ingest.ingest(paths, config.root, config.max_bytes)
    extractions = [(s, extract(s)) for s in sources]
    articles = article_ids(extractions)
    started = time.perf_counter()
    mentions = ner.find_mentions(articles, config.spacy_model, config.worker_count)
    ner_seconds = time.perf_counter() - started
    texts = {a.id: plain_text(a.extraction.body) for a in articles}
    rules = curation.load(args.docs, docs_writer.load_manifest(args.docs)) if args.docs else curation.Curation()
    started = time.perf_counter()
    resolution = resolve.resolve(mentions, texts, rules)
    resolve_seconds = time.perf_counter() - started

    n_mentions = sum(len(m) for m in mentions.values())
    foreign = [aid for aid, text in texts.items() if not ner.is_english(text)]
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

    if args.scale:
        time_at_scale(mentions, texts, args.scale)

    ranked = sorted(resolution.entities, key=lambda e: (-e.total_mentions, e.name))
    shown = ranked if args.all else ranked[: args.top]
    print(f"\n## {'All' if args.all else f'Top {args.top}'} entities by mentions")
    for e in shown:
        aliases = f"  aka {', '.join(e.aliases)}" if e.aliases else ""
        print(f"{e.total_mentions:5d} {len(e.mentions):3d} art  {e.type:12s} {e.name}{aliases}")
    return 0


def invented_surname(copy: int, name: str) -> str:
    digest = hashlib.sha1(f"{copy}:{name}".encode()).hexdigest()
    return "".join("bcdfghjklmnprstvwz"[int(digest[i : i + 2], 16) % 18] + "aeiou"[int(digest[i + 2], 16) % 5] for i in (0, 3, 6)).title()


def time_at_scale(mentions: dict, texts: dict, n_articles: int) -> None:
    """Resolution time on n_articles copies of the corpus, each copy with its own people, so entities grow too."""
    big_mentions, big_texts = {}, {}
    copy = 0
    while len(big_mentions) < n_articles and any(mentions.values()):
        for article_id in sorted(mentions):
            if len(big_mentions) >= n_articles:
                break
            new_id = f"{article_id}-{copy}"
            big_texts[new_id] = texts[article_id]
            big_mentions[new_id] = [
                dataclasses.replace(
                    m, article_id=new_id,
                    text=m.text + " " + invented_surname(copy, m.text) if m.label == "PERSON" and " " in m.text.strip() else m.text,
                )
                for m in mentions[article_id]
            ]
        copy += 1
    started = time.perf_counter()
    resolution = resolve.resolve(big_mentions, big_texts)
    seconds = time.perf_counter() - started
    n = sum(len(v) for v in big_mentions.values())
    print(f"\n## Scale: {len(big_mentions)} articles, {n} mentions -> {len(resolution.entities)} entities in {seconds:.1f}s")


if __name__ == "__main__":
    sys.exit(main())
