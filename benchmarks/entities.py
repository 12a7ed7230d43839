"""Entity pages measured against hand labels (issue 19): junk, types, recall, mislinks, duplicates.

    .venv/bin/python benchmarks/entities.py                      # build seeds + both dev sets, then measure
    .venv/bin/python benchmarks/entities.py --keep /tmp/ev       # same, keep the built project in /tmp/ev
    .venv/bin/python benchmarks/entities.py --project /tmp/ev    # measure a project built before
    .venv/bin/python benchmarks/entities.py --project /tmp/ev --list   # also list the tuning part's flagged pages

The build is a temporary project (mkdocs.yml + overrides/ + corpus/) holding the 5 seeds
(`corpus/*.txt`) as they are, `benchmarks/data/extraction-dev/*.txt` as `dev1_<name>` and
`benchmarks/data/extraction-dev-2/*.txt` as `dev2_<name>`, built with `newswiki build`.
It reads what a reader sees: `site/wiki.json` (name, type, aliases, mentions per article) and the
quoted sentences of `docs/entities/*.md`, plus the cleaned article text of `docs/articles/*.md`.

Labels (benchmarks/entity_labels/, see its README) are keyed by surface name, not page id, so any
future build's pages match them through their name and aliases. A page or alias whose name has no
label is counted apart as "unlabelled" and listed: it is never taken as right or wrong.
Figures are given for the tuning part (seeds + extraction-dev) and the held-out part
(extraction-dev-2) separately; a page belongs to every part it has mentions in. Recall is also given
apart for the fresh held-out articles (recall.json items with "part": "fresh", labelled blind).
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LABELS = REPO / "benchmarks" / "entity_labels"
DATA = REPO / "benchmarks" / "data"
SETS = {"dev1_": "extraction-dev", "dev2_": "extraction-dev-2"}
PARTS = {"tuning": ("seeds", "extraction-dev"), "held-out": ("extraction-dev-2",)}
ENTITY_KINDS = ("entity", "product", "work")
SEED_PEOPLE = {"yevgeny-prigozhin": "Prigozhin", "dmitry-peskov": "Peskov", "kassym-jomart-tokayev": "Tokayev"}
FREQUENT = {"apple": "Apple", "reuters": "Reuters", "twitter": "Twitter", "white-house": "White House", "spacex": "SpaceX"}
SEED_UNCHANGED = {"alexander-lukashenko": "Lukashenko", "csto": "CSTO", "nikol-pashinyan": "Pashinyan"}
WINDOW = 6  # words either side of a quoted mention searched for a longer labelled name


def normal(name: str) -> str:
    """The form names are compared in: NFKC, no soft hyphens, straight quotes, one space, casefolded."""
    name = unicodedata.normalize("NFKC", html.unescape(name)).replace("\u00ad", "")
    name = name.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(name.split()).casefold()


@dataclass
class Labels:
    names: dict[str, dict]
    senses: dict[tuple[str, str], str]
    recall: dict[str, list[dict]]
    by_normal: dict[str, dict] = field(default_factory=dict)

    @classmethod
    def load(cls, folder: Path) -> "Labels":
        data = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
        recall = json.loads((folder / "recall.json").read_text(encoding="utf-8"))["articles"]
        senses = {(normal(s["surface"]), s["article"]): s["canonical"] for s in data["senses"]}
        labels = cls(data["names"], senses, recall)
        groups: dict[str, list[dict]] = defaultdict(list)
        for name, label in labels.names.items():
            groups[normal(name)].append(label)
        labels.by_normal = {k: v[0] for k, v in groups.items() if all(x == v[0] for x in v)}
        return labels

    def get(self, name: str) -> dict | None:
        return self.names.get(name) or self.by_normal.get(normal(name))

    def canonicals(self, name: str) -> list[str]:
        label = self.get(name)
        if label is None:
            return []
        canonical = label["canonical"]
        return canonical if isinstance(canonical, list) else [canonical]

    def surfaces_of(self, canonical: str) -> list[str]:
        return [n for n, lab in self.names.items() if canonical in (lab["canonical"] if isinstance(lab["canonical"], list) else [lab["canonical"]])]


@dataclass
class Quote:
    article: str  # article key, e.g. "extraction-dev-2/wikipedia-2.txt"
    text: str
    start: int
    end: int


@dataclass
class Page:
    name: str
    type: str
    aliases: list[str]
    mentions: dict[str, int]  # article key -> count
    quotes: list[Quote]
    kind: str | None = None
    canonical: str | None = None
    flags: dict[str, list] = field(default_factory=dict)  # "wrong alias": names; "different thing": (article, why)


def article_key(source: str) -> str:
    """'corpus/dev2_cnn.txt' -> 'extraction-dev-2/cnn.txt'; a seed -> 'seeds/<name>'."""
    name = source.split("/")[-1]
    for prefix, folder in SETS.items():
        if name.startswith(prefix):
            return f"{folder}/{name[len(prefix):]}"
    return f"seeds/{name}"


def part_of(key: str) -> str:
    return next(part for part, folders in PARTS.items() if key.split("/")[0] in folders)


# ---------------------------------------------------------------- reading a built project

def unmarkdown(line: str) -> str:
    line = re.sub(r"\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?", r"\1", line)
    line = re.sub(r"<[^>]+>", "", line)
    line = re.sub(r"\\(.)", r"\1", line)
    return html.unescape(line)


def article_text(path: Path) -> str:
    """The cleaned article body as a reader sees it: no front matter, byline, chips, provenance, nor
    the generated "## In this article" list at the end (render/article_page.py)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    end = max((i for i, line in enumerate(lines) if line == "## In this article"), default=len(lines))
    # The provenance block came before the body once; now it closes the page, after the body.
    start = next((i + 1 for i, line in enumerate(lines[:end]) if line.startswith("<details class=\"nw-provenance\"")), None)
    if start is None:
        start = next((i + 1 for i, line in enumerate(lines[:end]) if line.startswith("# ")), 0)
    body, in_block = [], False
    for line in lines[start:end]:
        if line.startswith("<div"):  # byline, chips, facets, warnings: the page's furniture, not the article
            in_block = "</div>" not in line
            continue
        if in_block:
            in_block = line != "</div>"
            continue
        if not line.startswith("{: #"):
            body.append(unmarkdown(line))
    return "\n".join(body)


def read_quotes(path: Path, key_of_id: dict[str, str]) -> list[Quote]:
    quotes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("    - "):
            continue
        target = re.search(r"\(\.\./articles/([^)#]+)\.md#p\d+\)\s*$", line)
        if not target or target.group(1) not in key_of_id:
            continue
        text = line[6 : target.start()].rstrip()
        text = re.sub(r"\s*\[↗\]$", "", text)
        text = html.unescape(re.sub(r"\\(.)", r"\1", text))
        for bold in re.finditer(r"\*\*(.+?)\*\*", text):
            plain_before = text[: bold.start()].replace("**", "")
            plain = text.replace("**", "")
            start = len(plain_before)
            quotes.append(Quote(key_of_id[target.group(1)], plain, start, start + len(bold.group(1))))
    return quotes


def read_project(root: Path) -> tuple[list[Page], dict[str, str]]:
    wiki = json.loads((root / "site" / "wiki.json").read_text(encoding="utf-8"))
    key_of_id = {a["id"]: article_key(a["source"]) for a in wiki["articles"]}
    texts = {key_of_id[a["id"]]: article_text(root / "docs" / a["path"]) for a in wiki["articles"]}
    pages = []
    for e in wiki["entities"]:
        mentions = {key_of_id[aid]: n for aid, n in e["mentions"].items()}
        quotes = read_quotes(root / "docs" / e["path"], key_of_id)
        pages.append(Page(e["name"], e["type"], list(e["aliases"]), mentions, quotes))
    return pages, texts


# ---------------------------------------------------------------- judging pages against labels

def judge(pages: list[Page], labels: Labels, texts: dict[str, str]) -> None:
    for page in pages:
        label = labels.get(page.name)
        if label is None:
            continue
        page.kind = label["kind"]
        page.canonical = which_thing(page, labels)
        if page.kind in ENTITY_KINDS:
            page.flags = {
                "wrong alias": wrong_aliases(page, labels),
                "different thing": different_things(page, labels, texts),
            }


def which_thing(page: Page, labels: Labels) -> str:
    """The canonical a page stands for: an ambiguous name's aliases choose among its canonicals, and
    where senses tell what the name means in the page's articles (all of them, or the name is
    ambiguous), the most-mentioned meaning wins."""
    options = labels.canonicals(page.name)
    if len(options) > 1:
        hints = [c for a in page.aliases for c in labels.canonicals(a) if len(labels.canonicals(a)) == 1]
        options = [c for c in options if c in hints] or options
    senses = {key: labels.senses.get((normal(page.name), key)) for key in page.mentions}
    if len(options) == 1 and not all(senses.values()):
        return options[0]
    weights: dict[str, int] = defaultdict(int)
    for key, n in page.mentions.items():
        weights[senses[key] or options[0]] += n
    return max(weights, key=lambda c: (weights[c], c == options[0])) if weights else options[0]


def wrong_aliases(page: Page, labels: Labels) -> list[str]:
    return [a for a in page.aliases if labels.get(a) is not None and page.canonical not in labels.canonicals(a)]


def accepted(canonicals: list[str], page: Page, labels: Labels, name: str) -> bool:
    label = labels.get(name) or {}
    return page.canonical in canonicals or label.get("within") == page.canonical


def different_things(page: Page, labels: Labels, texts: dict[str, str]) -> list[tuple[str, str]]:
    """Evidence that the page holds mentions of something else: (article key, short reason)."""
    found = []
    for quote in page.quotes:
        mention = quote.text[quote.start : quote.end]
        label = labels.get(mention)
        sense = labels.senses.get((normal(mention), quote.article))
        if sense:
            if sense != page.canonical:
                found.append((quote.article, f"quoted '{mention}' in {quote.article} is {sense}"))
            continue
        if label is not None and label["kind"] != "first_name":  # a first name may well mean the page's person
            if not accepted(labels.canonicals(mention), page, labels, mention):
                found.append((quote.article, f"quoted '{mention}' is {labels.canonicals(mention)[0]}"))
            continue
        longer = longer_name(quote, labels)
        if longer and labels.get(longer)["kind"] != "not_entity" and not accepted(labels.canonicals(longer), page, labels, longer):
            found.append((quote.article, f"'{mention}' inside '{longer}' ({labels.canonicals(longer)[0]})"))
    for name in [page.name, *page.aliases]:
        for key in page.mentions:
            other = labels.senses.get((normal(name), key))
            if other and other != page.canonical:
                found.append((key, f"'{name}' in {key} is {other}"))
    good = [s for s in labels.surfaces_of(page.canonical) if labels.get(s)["kind"] != "first_name"]
    for key in page.mentions:
        meant = [s for (s, article), c in labels.senses.items() if article == key and c == page.canonical]
        if key in texts and not any(whole_word(s, texts[key]) for s in good + meant):
            found.append((key, f"none of its names in {key}"))
    return sorted(set(found))


def longer_name(quote: Quote, labels: Labels) -> str | None:
    """The longest labelled name in the quote that strictly contains the quoted mention."""
    words = list(re.finditer(r"[\w'’.&\-]+", quote.text))
    inside = [i for i, w in enumerate(words) if w.start() < quote.end and w.end() > quote.start]
    if not inside:
        return None
    first, last = inside[0], inside[-1]
    best = None
    for i in range(max(0, first - WINDOW), first + 1):
        for j in range(last, min(len(words), last + WINDOW + 1)):
            if (i, j) == (first, last):
                continue
            span = quote.text[words[i].start() : words[j].end()]
            for candidate in (span, span.rstrip(".")):
                if labels.get(candidate) is not None and (best is None or len(candidate) > len(best)):
                    best = candidate
    return best


def whole_word(name: str, text: str) -> bool:
    """Case-blind, so a dateline's "CAIRO —" counts as Cairo."""
    return re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text, re.IGNORECASE) is not None


def count_whole_words(names: list[str], text: str) -> int:
    """Occurrences of any of the names, longest first, each stretch of text counted once."""
    spans: list[tuple[int, int]] = []
    for name in sorted(set(names), key=len, reverse=True):
        for m in re.finditer(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
            if not any(m.start() < e and m.end() > s for s, e in spans):
                spans.append((m.start(), m.end()))
    return len(spans)


# ---------------------------------------------------------------- measures

@dataclass
class Part:
    name: str
    pages: list[Page]
    unlabelled: list[str]
    unlabelled_aliases: list[str]


def split(pages: list[Page], labels: Labels, part: str | None) -> Part:
    chosen = [p for p in pages if part is None or any(part_of(k) == part for k in p.mentions)]
    unlabelled = sorted(p.name for p in chosen if p.kind is None)
    aliases = sorted({a for p in chosen for a in p.aliases if labels.get(a) is None})
    return Part(part or "all", chosen, unlabelled, aliases)


def pct(n: int, d: int) -> str:
    return f"{n}/{d} ({100 * n / d:.1f}%)" if d else f"{n}/0"


def measures(part: Part, labels: Labels, texts: dict[str, str]) -> list[tuple[str, str, list[str]]]:
    """(measure, figure, flagged page names) rows of the issue's table."""
    pages = [p for p in part.pages if p.kind is not None]
    real = [p for p in pages if p.kind in ENTITY_KINDS]
    junk = [p for p in pages if p.kind not in ENTITY_KINDS]
    things = [p for p in real if p.kind in ("product", "work")]
    mistyped_things = [p for p in things if p.type in ("person", "place")]
    typed_things = [p for p in things if p.type == p.kind]
    typed = [p for p in real if p.kind == "entity"]
    wrong_type = [p for p in typed if p.type != labels.get(p.name).get("type")]
    in_part = {p.name: [why for key, why in p.flags.get("different thing", []) if part.name == "all" or part_of(key) == part.name] for p in real}
    mixed = [p for p in real if in_part[p.name]]
    wrong_alias = [p for p in real if p.flags.get("wrong alias")]
    by_canonical: dict[str, list[Page]] = defaultdict(list)
    for p in real:
        by_canonical[p.canonical].append(p)
    duplicates = [q for group in by_canonical.values() if len(group) > 1 for q in sorted(group, key=lambda p: -sum(p.mentions.values()))[1:]]
    hits, expected, kept_hits, kept, missing = recall(part, labels, texts)
    fresh = []
    if part.name == "held-out":
        f_hits, f_expected, f_kept_hits, f_kept, f_missing = recall(part, labels, texts, fresh=True)
        fresh = [("recall of expected important names, fresh held-out articles (labelled blind)",
                  f"{pct(f_hits, f_expected)}; of those the cleaned text holds {pct(f_kept_hits, f_kept)}", f_missing)]
    return [
        ("pages that are not a real named entity", pct(len(junk), len(pages)), [p.name for p in junk]),
        ("product/work pages typed person or place", f"{pct(len(mistyped_things), len(things))}; typed product/work {len(typed_things)}", [f"{p.name} ({p.type})" for p in mistyped_things]),
        ("type accuracy (entity pages)", pct(len(typed) - len(wrong_type), len(typed)), [f"{p.name}: {p.type} -> {labels.get(p.name)['type']}" for p in wrong_type]),
        ("recall of expected important names", f"{pct(hits, expected)}; of those the cleaned text holds {pct(kept_hits, kept)}", missing),
        *fresh,
        ("pages holding mentions of a different thing", pct(len(mixed), len(pages)), [f"{p.name}: {'; '.join(in_part[p.name][:3])}" for p in mixed]),
        ("duplicate pages (beyond the first of one thing)", pct(len(duplicates), len(pages)), [f"{p.name} = {p.canonical}" for p in duplicates]),
        ("pages with a wrong alias", pct(len(wrong_alias), len(pages)), [f"{p.name}: {', '.join(p.flags['wrong alias'])}" for p in wrong_alias]),
    ]


def is_fresh(item: dict) -> bool:
    """An expected name of the fresh held-out articles, labelled blind (entity_labels/README.md)."""
    return item.get("part") == "fresh"


def recall(part: Part, labels: Labels, texts: dict[str, str], fresh: bool = False) -> tuple[int, int, int, int, list[str]]:
    """Expected (article, canonical) pairs found as a page with that canonical mentioned in that article.

    Also counted over the expected names the cleaned article text still holds, so names lost with
    the text (cleaning) are told apart from names the text has but no page links (NER, resolution).
    The fresh held-out articles are counted only when `fresh` asks for them, so the tuning, held-out
    and all figures keep the 20 articles they were first given over."""
    linked = {(k, p.canonical) for p in part.pages if p.canonical for k in p.mentions}
    hits = expected = kept_hits = kept = 0
    missing = []
    for key, wanted in labels.recall.items():
        if part.name != "all" and part_of(key) != part.name:
            continue
        for item in wanted:
            if is_fresh(item) != fresh:
                continue
            found = any((key, c) in linked for c in [item["canonical"], *item.get("also", [])])
            in_text = any(whole_word(s, texts.get(key, "")) for s in item["surfaces"])
            expected += 1
            hits += found
            kept += in_text
            kept_hits += found and in_text
            if not found:
                missing.append(f"{key.split('/')[-1][:24]}: {item['canonical']}" + ("" if in_text else " (not in the cleaned text)"))
    return hits, expected, kept_hits, kept, missing


def extracted_seed_texts(root: Path) -> dict[str, str]:
    """The seeds' cleaned body text as `newswiki extract` gives it (the text NER reads), Markdown removed."""
    seeds = sorted(p for p in (root / "corpus").iterdir() if article_key(f"corpus/{p.name}").startswith("seeds/"))
    newswiki = Path(sys.executable).parent / "newswiki"
    done = subprocess.run([str(newswiki), "extract", *map(str, seeds)], capture_output=True, text=True, check=True)
    records = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return {article_key(r["source"]): "\n".join(unmarkdown(line) for line in r["body"].splitlines()) for r in records}


def seed_checks(pages: list[Page], labels: Labels, seed_texts: dict[str, str]) -> list[str]:
    lines = []
    by_canonical: dict[str, list[Page]] = defaultdict(list)
    for p in pages:
        if p.canonical:
            by_canonical[p.canonical].append(p)
    for canonical, short in SEED_PEOPLE.items():
        found = by_canonical.get(canonical, [])
        lines.append(f"{short} has a page: {'yes — ' + found[0].name if found else 'NO'}")
    makei = by_canonical.get("uladzimir-makei", [])
    lines.append(f"Makei pages: {len(makei)} ({', '.join(p.name for p in makei)}) — want 1")
    names = [n for n in labels.surfaces_of("csto")]
    in_text = sum(count_whole_words(names, text) for text in seed_texts.values())
    counted = sum(n for p in by_canonical.get("csto", []) for k, n in p.mentions.items() if k.startswith("seeds/"))
    lines.append(f"CSTO mentions on its page(s), seeds: {counted}; whole-word occurrences of {', '.join(sorted(names))} "
                 f"in the seeds' cleaned bodies (newswiki extract): {in_text}")
    for canonical, short in SEED_UNCHANGED.items():
        found = by_canonical.get(canonical, [])
        desc = "; ".join(f"'{p.name}' aka {', '.join(p.aliases) or '-'}, {sum(p.mentions.values())} mentions in {len(p.mentions)} articles" for p in found)
        lines.append(f"{short}: {len(found)} page(s) — {desc or 'NONE'}")
    return lines


def report(pages: list[Page], labels: Labels, texts: dict[str, str], show: set[str], seed_texts: dict[str, str]) -> None:
    for part_name in (*PARTS, None):
        part = split(pages, labels, part_name)
        n_articles = len([k for k in texts if part_name is None or part_of(k) == part_name])
        print(f"\n## {part.name}: {len(part.pages)} pages from {n_articles} articles "
              f"({len(part.pages) - len(part.unlabelled)} labelled, {len(part.unlabelled)} unlabelled)")
        for measure, figure, flagged in measures(part, labels, texts):
            print(f"- {measure}: {figure}")
            if part.name in show and flagged:
                for item in flagged:
                    print(f"    · {item}")
        print(f"- unlabelled page names: {len(part.unlabelled)}" + (f" — {', '.join(part.unlabelled)}" if part.unlabelled else ""))
        print(f"- unlabelled aliases: {len(part.unlabelled_aliases)}" + (f" — {', '.join(part.unlabelled_aliases)}" if part.unlabelled_aliases else ""))
    print("\n## Frequent names the issue found without a page")
    for canonical, short in FREQUENT.items():
        found = [p for p in pages if p.canonical == canonical]
        desc = "; ".join(f"'{p.name}' ({p.type}), {sum(p.mentions.values())} mentions in {len(p.mentions)} articles" for p in found)
        print(f"- {short}: {desc or 'NO page'}")
    print("\n## Seed checks")
    for line in seed_checks(pages, labels, seed_texts):
        print(f"- {line}")


# ---------------------------------------------------------------- building

def make_project(root: Path) -> None:
    (root / "corpus").mkdir(parents=True)
    (root / "docs").mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for extra in ("overrides", "docs_assets"):
        if (REPO / extra).is_dir():
            shutil.copytree(REPO / extra, root / extra)
    for seed in sorted((REPO / "corpus").glob("*.txt")):
        shutil.copy(seed, root / "corpus" / seed.name)
    for prefix, folder in SETS.items():
        for page in sorted((DATA / folder).glob("*.txt")):
            shutil.copy(page, root / "corpus" / f"{prefix}{page.name}")


def build(root: Path, workers: int) -> float:
    make_project(root)
    newswiki = Path(sys.executable).parent / "newswiki"
    started = time.perf_counter()
    done = subprocess.run([str(newswiki), "build", "--root", str(root), "--workers", str(workers)], capture_output=True, text=True)
    if done.returncode == 2 or not (root / "site" / "wiki.json").is_file():
        sys.exit(f"build failed:\n{done.stdout}\n{done.stderr}")
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, help="a built project (site/wiki.json + docs/) to measure instead of building")
    parser.add_argument("--keep", type=Path, help="build into this folder (must not exist) and keep it")
    parser.add_argument("--workers", type=int, default=1, help="NER workers of the build (default 1)")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--list", action="store_true", help="list the pages behind every figure of the tuning part")
    parser.add_argument("--list-all", action="store_true", help="also of the held-out part (look at it to report, not to tune)")
    args = parser.parse_args(argv)
    labels = Labels.load(args.labels)
    if args.project:
        root, seconds = args.project, None
    else:
        root = args.keep or Path(tempfile.mkdtemp(prefix="entities-")) / "project"
        seconds = build(root, args.workers)
    started = time.perf_counter()
    pages, texts = read_project(root)
    judge(pages, labels, texts)
    print(f"# Entity pages of {root}: {len(pages)} pages, {len(texts)} articles"
          + (f"; build {seconds:.0f}s" if seconds is not None else ""))
    show = {"tuning"} if args.list else set()
    show |= {"tuning", "held-out", "all"} if args.list_all else set()
    report(pages, labels, texts, show, extracted_seed_texts(root))
    print(f"\n(measured in {time.perf_counter() - started:.1f}s)")
    if not args.project and not args.keep:
        shutil.rmtree(root.parent)
    return 0


if __name__ == "__main__":
    sys.exit(main())
