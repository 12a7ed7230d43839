"""Article-extraction quality on the two dev sets: body F1/P/R, title and published date.

    .venv/bin/python benchmarks/extraction.py [--set dev|dev2|both] [--input text|html|both]
                                              [--worst N] [--misses] [--json] [--extractor NAME]
    .venv/bin/python benchmarks/extraction.py --path OTHER_SET   # any folder laid out the same way

The sets live in the repository (benchmarks/data/extraction-dev: 45 pages, extraction-dev-2: 86
pages; each `<id>.txt` + `<id>.html.gz` + `ground-truth.json`, licences beside them).

Body: scored as the sets' READMEs say: `\\w+` tokens, 4-word shingles with multiplicity, per page
TP/FP/FN divided by their sum so that every page weighs the same, precision and recall averaged
over pages, F1 = 2PR/(P+R). `--worst N` lists the N worst pages; pages below 0.5 are counted.

Metadata, where the set has labels (dev-2: `title`, `publishedTime`; dev has none):
- title: equal after folding case and whitespace; leniently also when ours is the reference's
  headline part ("Headline | Site" cut at a separator, typographic quotes and dashes folded);
- date: the same day as `publishedTime` (its date as written, before any time zone) is correct;
  a date output where `publishedTime` is null counts as "dated, reference has none". As
  `publishedTime` is null on many pages that print a date, the dates are scored a second time
  against the day the text states (`dates-audit.json`, checked by hand, beside the set).
`--misses` lists every wrong title and date (for looking, not for fitting rules to pages).
`--declared` (text input) compares title and date with what each page's HTML declares in its
meta tags and JSON-LD: the same yardstick on both sets, and the only one on dev.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "benchmarks" / "data"
SETS = {"dev": DATA / "extraction-dev", "dev2": DATA / "extraction-dev-2"}
DEFAULT_DEV_SET = SETS["dev"]
#: Shingle length of the benchmark's scoring rule.
SHINGLE = 4
WORD_RE = re.compile(r"\w+", re.UNICODE)
#: A page scoring below this F1 has lost (or buried) its article: counted on its own.
POOR_F1 = 0.5


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


def average(scores: Iterable[Score]) -> Score:
    scores = list(scores)
    if not scores:
        return Score(0.0, 0.0)
    return Score(sum(s.precision for s in scores) / len(scores), sum(s.recall for s in scores) / len(scores))


def score(pairs: Iterable[tuple[str, str]]) -> Score:
    """Precision and recall averaged over pages (expected, predicted)."""
    return average(page_score(expected, predicted) for expected, predicted in pairs)


# The data. ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Truth:
    """One page's reference: its body, and its title and date when the set labels them."""

    body: str
    title: str | None = None
    published: dt.date | None = None
    labelled: bool = False  # the set has title/publishedTime keys (a null date then means "none")
    stated: dt.date | None = None  # the day the page's text gives as its date (dates-audit.json)


def load_truth(dev_set: Path) -> dict[str, Truth]:
    data = json.loads((dev_set / "ground-truth.json").read_text(encoding="utf-8"))
    audit_path = dev_set / "dates-audit.json"
    audit = json.loads(audit_path.read_text(encoding="utf-8")) if audit_path.is_file() else None
    return {page_id: _truth(page_id, entry, audit) for page_id, entry in sorted(data.items())}


def _truth(page_id: str, entry: dict, audit: dict | None) -> Truth:
    published = reference_day(entry.get("publishedTime"))
    stated = published
    if audit and page_id in audit["stated"]:
        stated = reference_day(audit["stated"][page_id][0])
    elif audit and page_id in audit["label_not_in_text"]:
        stated = None
    return Truth(
        body=entry.get("articleBody") or "",
        title=entry.get("title") or None,
        published=published,
        labelled="publishedTime" in entry,
        stated=stated,
    )


def reference_day(value: str | None) -> dt.date | None:
    """The day a publishedTime names, as written (2019-01-03T07:00:02.000Z -> 2019-01-03)."""
    if not value:
        return None
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    return dt.date(int(match[1]), int(match[2]), int(match[3])) if match else None


def ground_truth(dev_set: Path) -> dict[str, str]:
    """Page id -> reference body."""
    return {page_id: truth.body for page_id, truth in load_truth(dev_set).items()}


def ground_truth_sha256(dev_set: Path) -> str:
    return hashlib.sha256((dev_set / "ground-truth.json").read_bytes()).hexdigest()


def read_input(dev_set: Path, page_id: str, kind: str) -> str:
    if kind == "html":
        return gzip.decompress((dev_set / f"{page_id}.html.gz").read_bytes()).decode("utf-8", errors="replace")
    return (dev_set / f"{page_id}.txt").read_text(encoding="utf-8", errors="replace")


def html_metadata(dev_set: Path, page_id: str) -> tuple[str | None, dt.date | None]:
    """The title and day the page's HTML declares (meta tags, JSON-LD; no guessing from the
    text): a second opinion on every set, the only one on sets without metadata labels."""
    import trafilatura

    found = trafilatura.extract_metadata(read_input(dev_set, page_id, "html"), extensive=False)
    return (found.title, reference_day(found.date)) if found else (None, None)


# Extractors: page source -> what was found. --------------------------------------------


@dataclass(frozen=True)
class Prediction:
    body: str
    title: str | None = None
    published: dt.date | None = None


def newswiki_extractor(kind: str) -> Callable[[str, str], Prediction]:
    from newswiki.markdown import plain_text
    from newswiki.extract import extract
    from newswiki.models import SourceFile

    def run(page_id: str, text: str) -> Prediction:
        name = f"{page_id}.{'html' if kind == 'html' else 'txt'}"
        source = SourceFile(source=name, name=name, kind=kind, text=text, sha256=page_id)  # type: ignore[arg-type]
        extraction = extract(source)
        return Prediction(plain_text(extraction.body), extraction.title, extraction.published)

    return run


def raw_extractor(kind: str) -> Callable[[str, str], Prediction]:
    return lambda page_id, text: Prediction(text)


def trafilatura_extractor(kind: str) -> Callable[[str, str], Prediction]:
    import trafilatura

    def run(page_id: str, text: str) -> Prediction:
        if kind == "text":
            text = "".join(f"<p>{line}</p>\n" for line in text.split("\n") if line.strip())
            text = f"<html><body>{text}</body></html>"
        found = trafilatura.bare_extraction(text, with_metadata=True)
        if not found:
            return Prediction("")
        found = found if isinstance(found, dict) else found.as_dict()
        return Prediction(found.get("text") or "", found.get("title"), reference_day(found.get("date")))

    return run


EXTRACTORS = {"newswiki": newswiki_extractor, "raw": raw_extractor, "trafilatura": trafilatura_extractor}


# Scoring a run. -------------------------------------------------------------------------


def fold(text: str | None) -> str:
    """Case and whitespace folded, for comparing titles."""
    return " ".join((text or "").split()).casefold()


#: Typographic quotes and dashes, folded for the lenient title comparison.
TYPOGRAPHY = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
#: Where a page title's site or section part starts: "Headline | Site", "Headline - Site [Site]".
TITLE_TAIL_RE = re.compile(r"\s+(?:[|–—·_-]|::|\[)\s*")


def headline_parts(title: str | None) -> set[str]:
    """A reference title and its beginnings cut at a site separator, folded."""
    title = (title or "").translate(TYPOGRAPHY)
    cuts = [m.start() for m in TITLE_TAIL_RE.finditer(title)]
    return {fold(title[:end]) for end in [len(title), *cuts]} - {""}


@dataclass
class PageResult:
    page_id: str
    truth: Truth
    predicted: Prediction
    score: Score
    declared: tuple[str | None, dt.date | None] | None = None  # html_metadata, when asked for

    @property
    def title_ok(self) -> bool:
        return fold(self.predicted.title) == fold(self.truth.title)

    @property
    def headline_ok(self) -> bool:
        """Lenient: our title is the reference's headline part (its site or section tail cut,
        quotes and dashes folded): "Headline | Site" counts for "Headline"."""
        return fold((self.predicted.title or "").translate(TYPOGRAPHY)) in headline_parts(self.truth.title)

    @property
    def date_verdict(self) -> str:
        """right / wrong / missed (reference has a date, we none) / extra (we date, reference has none) / none."""
        return day_verdict(self.truth.published, self.predicted.published)

    @property
    def stated_verdict(self) -> str:
        """date_verdict against the day the text states (dates-audit.json) rather than publishedTime."""
        return day_verdict(self.truth.stated, self.predicted.published)


def day_verdict(truth, guess) -> str:
    """right / wrong / missed (reference has a date, we none) / extra (we date, reference has none) / none."""
    if truth is None:
        return "extra" if guess is not None else "none"
    if guess is None:
        return "missed"
    return "right" if guess == truth else "wrong"


@dataclass
class SetResult:
    name: str
    kind: str
    extractor: str
    pages: list[PageResult] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def body(self) -> Score:
        return average(p.score for p in self.pages)

    @property
    def poor(self) -> list[PageResult]:
        return [p for p in self.pages if p.score.f1 < POOR_F1]

    def worst(self, n: int) -> list[PageResult]:
        return sorted(self.pages, key=lambda p: (p.score.f1, p.page_id))[:n]

    @property
    def labelled(self) -> list[PageResult]:
        return [p for p in self.pages if p.truth.labelled]

    def metadata(self) -> dict[str, float | int]:
        """Title and date figures over the labelled pages (empty when the set has no labels)."""
        pages = self.labelled
        if not pages:
            return {}
        verdicts = Counter(p.date_verdict for p in pages)
        dated = verdicts["right"] + verdicts["wrong"] + verdicts["missed"]
        stated = Counter(p.stated_verdict for p in pages)
        return {
            "title_pages": len([p for p in pages if p.truth.title]),
            "title_right": sum(p.title_ok for p in pages if p.truth.title),
            "headline_right": sum(p.headline_ok for p in pages if p.truth.title),
            "dated_pages": dated,
            "date_right": verdicts["right"],
            "date_wrong": verdicts["wrong"],
            "date_missed": verdicts["missed"],
            "undated_pages": verdicts["extra"] + verdicts["none"],
            "date_on_undated": verdicts["extra"],
            "stating_pages": stated["right"] + stated["wrong"] + stated["missed"],
            "stated_right": stated["right"],
            "stated_wrong": stated["wrong"],
            "stating_none_pages": stated["extra"] + stated["none"],
            "date_on_stating_none": stated["extra"],
        }

    def declared(self) -> dict[str, int]:
        """Agreement with the title and day the HTML declares (run_set(..., declared=True))."""
        pages = [p for p in self.pages if p.declared is not None]
        if not pages:
            return {}
        dated = [p for p in pages if p.declared[1] is not None]
        return {
            "pages": len(pages),
            "title_same": sum(fold(p.predicted.title) == fold(p.declared[0]) for p in pages),
            "declared_dated": len(dated),
            "day_same": sum(p.predicted.published == p.declared[1] for p in dated),
            "day_other": sum(p.predicted.published not in (None, p.declared[1]) for p in dated),
            "dated_where_none_declared": sum(p.predicted.published is not None for p in pages if p.declared[1] is None),
            "declared_none": len(pages) - len(dated),
        }

    def as_dict(self, worst: int) -> dict:
        body = self.body
        return {
            "set": self.name, "input": self.kind, "extractor": self.extractor, "pages": len(self.pages),
            "f1": round(body.f1, 4), "precision": round(body.precision, 4), "recall": round(body.recall, 4),
            "below_0_5": len(self.poor), "seconds": round(self.seconds, 2),
            "worst": [_page_dict(p) for p in self.worst(worst)],
            "metadata": self.metadata(),
            "declared": self.declared(),
            "misses": [_page_dict(p) for p in self.pages if _is_miss(p)],
        }


def _is_miss(page: PageResult) -> bool:
    dates = (page.date_verdict, page.stated_verdict)
    return page.truth.labelled and (not page.title_ok or any(v in ("wrong", "missed", "extra") for v in dates))


def _page_dict(page: PageResult) -> dict:
    return {
        "page": page.page_id, "f1": round(page.score.f1, 4), "precision": round(page.score.precision, 4),
        "recall": round(page.score.recall, 4), "title": page.predicted.title, "title_expected": page.truth.title,
        "published": page.predicted.published and page.predicted.published.isoformat(),
        "published_expected": page.truth.published and page.truth.published.isoformat(),
        "date": page.date_verdict if page.truth.labelled else None,
        "date_stated": page.stated_verdict if page.truth.labelled else None,
    }


def run_set(
    dev_set: Path, kind: str, extractor: str = "newswiki", name: str | None = None, declared: bool = False
) -> SetResult:
    """Extract every page of a set and score it; seconds = CPU time spent extracting (this process).
    declared: also compare with the title and day each page's HTML declares (html_metadata)."""
    truth = load_truth(dev_set)
    extract = EXTRACTORS[extractor](kind)
    inputs = {page_id: read_input(dev_set, page_id, kind) for page_id in truth}
    started = time.process_time()
    predictions = {page_id: extract(page_id, inputs[page_id]) for page_id in truth}
    result = SetResult(name or dev_set.name, kind, extractor, seconds=time.process_time() - started)
    for page_id, expected in truth.items():
        predicted = predictions[page_id]
        page = PageResult(page_id, expected, predicted, page_score(expected.body, predicted.body))
        page.declared = html_metadata(dev_set, page_id) if declared else None
        result.pages.append(page)
    return result


def run_benchmark(dev_set: Path, kind: str, extractor: str = "newswiki") -> tuple[Score, dict[str, Score], float]:
    """The overall body score, each page's score, and CPU seconds spent extracting."""
    result = run_set(dev_set, kind, extractor)
    return result.body, {p.page_id: p.score for p in result.pages}, result.seconds


def combined(results: list[SetResult]) -> SetResult:
    """Both sets as one (every page weighs the same)."""
    together = SetResult("+".join(r.name for r in results), results[0].kind, results[0].extractor)
    for result in results:
        together.pages.extend(result.pages)
        together.seconds += result.seconds
    return together


# Printing. ------------------------------------------------------------------------------


def percent(right: int, total: int) -> str:
    return f"{right}/{total} ({100 * right / total:.0f}%)" if total else "n/a"


def print_result(result: SetResult, worst: int, misses: bool) -> None:
    body = result.body
    print(
        f"{result.name:<34} {result.kind:<5} F1 {body.f1:.3f}  P {body.precision:.3f}  R {body.recall:.3f}  "
        f"below {POOR_F1}: {len(result.poor):>2}  ({len(result.pages)} pages, "
        f"{result.seconds * 1000 / max(1, len(result.pages)):.1f} ms/page)"
    )
    meta = result.metadata()
    if meta:
        print(
            f"{'':<34} {'':<5} title {percent(meta['title_right'], meta['title_pages'])} "
            f"(its headline part: {meta['headline_right']})  "
            f"date {percent(meta['date_right'], meta['dated_pages'])} (wrong {meta['date_wrong']}, "
            f"missed {meta['date_missed']})  dated where reference has none: "
            f"{meta['date_on_undated']}/{meta['undated_pages']}"
        )
    if meta and result.kind == "text":  # the audit is of the text; HTML pages carry machine dates too
        print(
            f"{'':<34} {'':<5} against the day the text states (dates-audit.json): "
            f"{percent(meta['stated_right'], meta['stating_pages'])} (wrong {meta['stated_wrong']})  "
            f"dated where the text states none: {meta['date_on_stating_none']}/{meta['stating_none_pages']}"
        )
    agree = result.declared()
    if agree:
        print(
            f"{'':<34} {'':<5} vs the HTML's own metadata: title {percent(agree['title_same'], agree['pages'])}  "
            f"day {percent(agree['day_same'], agree['declared_dated'])} (other day {agree['day_other']})  "
            f"dated where the HTML declares none: {agree['dated_where_none_declared']}/{agree['declared_none']}"
        )
    for page in result.worst(worst):
        print(f"    worst  {page.page_id[:28]:<28}  F1 {page.score.f1:.3f}  P {page.score.precision:.3f}  R {page.score.recall:.3f}")
    if misses:
        for page in result.pages:
            if _is_miss(page):
                verdict = page.date_verdict
                print(
                    f"    miss   {page.page_id[:28]:<28}  date {verdict:<6} {page.predicted.published} "
                    f"(ref {page.truth.published}, text {page.stated_verdict})  title {'ok' if page.title_ok else 'WRONG'}: "
                    f"{(page.predicted.title or '')[:60]!r} (ref {(page.truth.title or '')[:60]!r})"
                )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=["dev", "dev2", "both"], default="both", help="which in-repo dev set")
    parser.add_argument("--path", type=Path, action="append", help="score this set folder instead (repeatable)")
    parser.add_argument("--input", choices=["text", "html", "both"], default="both")
    parser.add_argument("--extractor", choices=sorted(EXTRACTORS), default="newswiki")
    parser.add_argument("--worst", type=int, default=5, metavar="N", help="list the N worst pages of each set")
    parser.add_argument("--misses", action="store_true", help="list every wrong title and date")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--declared", action="store_true",
                        help="text input: compare title and date with what each page's HTML declares")
    args = parser.parse_args(argv)
    folders = args.path or ([SETS["dev"], SETS["dev2"]] if args.set == "both" else [SETS[args.set]])
    for folder in folders:
        if not (folder / "ground-truth.json").is_file():
            print(f"no dev set at {folder} (expected ground-truth.json there)", file=sys.stderr)
            return 2
    kinds = ["text", "html"] if args.input == "both" else [args.input]
    report = []
    for kind in kinds:
        declared = args.declared and kind == "text"
        results = [run_set(folder, kind, args.extractor, declared=declared) for folder in folders]
        if len(results) > 1:
            results.append(combined(results))
        report.extend(results)
        if not args.json:
            for result in results:
                print_result(result, args.worst, args.misses and result.name in {f.name for f in folders})
    if args.json:
        hashes = {folder.name: ground_truth_sha256(folder)[:16] for folder in folders}
        print(json.dumps({"ground_truth_sha256": hashes, "results": [r.as_dict(args.worst) for r in report]}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
