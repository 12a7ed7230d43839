"""Article-extraction quality on the dev set: F1, precision and recall for text and HTML input.

    .venv/bin/python benchmarks/extraction.py [DEV_SET] [--input text|html|both] [--extractor NAME]

The dev set (45 pages, `<id>.txt` + `<id>.html.gz` + `ground-truth.json`) is scored as its
README says: `\\w+` tokens, 4-word shingles with multiplicity, per page TP/FP/FN divided by
their sum so that every page weighs the same, precision and recall averaged over pages,
F1 = 2PR/(P+R). `--per-page` lists the pages from worst to best F1 (for looking, not tuning).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DEV_SET = REPO.parent / "shared" / "benchmarks" / "extraction-dev"
#: Shingle length of the benchmark's scoring rule.
SHINGLE = 4
WORD_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def shingles(text: str) -> Counter:
    tokens = WORD_RE.findall(text)
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(max(0, len(tokens) - SHINGLE + 1)))


def page_counts(expected: str, predicted: str) -> tuple[float, float, float]:
    """TP, FP, FN of one page, normalised to sum to 1 (all zero when both texts are empty)."""
    truth, guess = shingles(expected), shingles(predicted)
    tp = sum((truth & guess).values())
    fp = sum((guess - truth).values())
    fn = sum((truth - guess).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def page_score(expected: str, predicted: str) -> Score:
    tp, fp, fn = page_counts(expected, predicted)
    return Score(tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0)


def score(pairs: Iterable[tuple[str, str]]) -> Score:
    """Precision and recall averaged over pages (expected, predicted)."""
    scores = [page_score(expected, predicted) for expected, predicted in pairs]
    if not scores:
        return Score(0.0, 0.0)
    return Score(sum(s.precision for s in scores) / len(scores), sum(s.recall for s in scores) / len(scores))


def ground_truth(dev_set: Path) -> dict[str, str]:
    data = json.loads((dev_set / "ground-truth.json").read_text(encoding="utf-8"))
    return {page_id: entry["articleBody"] or "" for page_id, entry in sorted(data.items())}


def ground_truth_sha256(dev_set: Path) -> str:
    return hashlib.sha256((dev_set / "ground-truth.json").read_bytes()).hexdigest()


def read_input(dev_set: Path, page_id: str, kind: str) -> str:
    if kind == "html":
        return gzip.decompress((dev_set / f"{page_id}.html.gz").read_bytes()).decode("utf-8", errors="replace")
    return (dev_set / f"{page_id}.txt").read_text(encoding="utf-8", errors="replace")


# Extractors: page source text -> article text. -----------------------------------------


def newswiki_extractor(kind: str) -> Callable[[str, str], str]:
    from newswiki.markdown import plain_text
    from newswiki.models import SourceFile
    from newswiki.pipeline import extract

    def run(page_id: str, text: str) -> str:
        name = f"{page_id}.{'html' if kind == 'html' else 'txt'}"
        source = SourceFile(source=name, name=name, kind=kind, text=text, sha256=page_id)  # type: ignore[arg-type]
        return plain_text(extract(source).body)

    return run


def raw_extractor(kind: str) -> Callable[[str, str], str]:
    return lambda page_id, text: text


def trafilatura_extractor(kind: str) -> Callable[[str, str], str]:
    import trafilatura

    def run(page_id: str, text: str) -> str:
        if kind == "text":
            text = "".join(f"<p>{line}</p>\n" for line in text.split("\n") if line.strip())
            text = f"<html><body>{text}</body></html>"
        return trafilatura.extract(text) or ""

    return run


EXTRACTORS = {"newswiki": newswiki_extractor, "raw": raw_extractor, "trafilatura": trafilatura_extractor}


def run_benchmark(dev_set: Path, kind: str, extractor: str = "newswiki") -> tuple[Score, dict[str, Score], float]:
    """The overall score, each page's score, and CPU seconds spent extracting (this process)."""
    truth = ground_truth(dev_set)
    extract = EXTRACTORS[extractor](kind)
    pages: dict[str, Score] = {}
    inputs = {page_id: read_input(dev_set, page_id, kind) for page_id in truth}
    started = time.process_time()
    predictions = {page_id: extract(page_id, inputs[page_id]) for page_id in truth}
    seconds = time.process_time() - started
    for page_id, expected in truth.items():
        pages[page_id] = page_score(expected, predictions[page_id])
    overall = score((truth[p], predictions[p]) for p in truth)
    return overall, pages, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dev_set", nargs="?", type=Path, default=DEFAULT_DEV_SET, help="dev set folder")
    parser.add_argument("--input", choices=["text", "html", "both"], default="both")
    parser.add_argument("--extractor", choices=sorted(EXTRACTORS), default="newswiki")
    parser.add_argument("--per-page", action="store_true", help="list every page's F1, worst first")
    args = parser.parse_args(argv)
    if not (args.dev_set / "ground-truth.json").is_file():
        print(f"no dev set at {args.dev_set} (expected ground-truth.json there)", file=sys.stderr)
        return 2
    print(f"dev set: {args.dev_set} (ground-truth sha256 {ground_truth_sha256(args.dev_set)[:16]}…)")
    kinds = ["text", "html"] if args.input == "both" else [args.input]
    for kind in kinds:
        overall, pages, seconds = run_benchmark(args.dev_set, kind, args.extractor)
        print(
            f"{args.extractor:<12} {kind:<5} F1 {overall.f1:.3f}  P {overall.precision:.3f}  "
            f"R {overall.recall:.3f}  ({len(pages)} pages, {seconds:.1f}s CPU, "
            f"{seconds * 1000 / max(1, len(pages)):.1f} ms/page)"
        )
        if args.per_page:
            for page_id, page in sorted(pages.items(), key=lambda item: item[1].f1):
                print(f"    {page_id[:12]}  F1 {page.f1:.3f}  P {page.precision:.3f}  R {page.recall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
