"""Fit the line model (newswiki/clean/line_weights.json) and report how well it generalises.

    .venv/bin/python benchmarks/train_lines.py            # report only
    .venv/bin/python benchmarks/train_lines.py --write    # also write the weights fitted on both sets

Every block of every page of the two extraction dev sets gets a label from the reference body:
a block whose 4-word shingles are mostly in the reference is article text; a block too short
for a shingle is when its words occur in the reference and a longer neighbour is article text.
The features are clean's own (newswiki.clean.classifier.line_vectors). The model is a logistic
regression (L2, Newton's method, numpy), each page weighing the same and each block by the
square root of its length (the score counts shingles, so long blocks matter more).

Reported, with the real selection and the benchmark's scoring (text F1/P/R, pages below 0.5):
- fitted on dev, scored on dev-2; fitted on dev-2, scored on dev (generalisation to new sites);
- both sets, 5-fold cross-validation by site (no site in both the fitting and the scored folds);
- the weights fitted on both sets, scored on both (a fitted figure, not a generalisation one).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from newswiki.clean.article import article_from
from newswiki.clean.classifier import FEATURE_NAMES, WEIGHTS_FILE, LineModel, line_vectors
from newswiki.clean.page import PageLines, read_page
from newswiki.clean.selection import choose_article
from newswiki.markdown import plain_text

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("extraction_benchmark", HERE / "extraction.py")
benchmark = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = benchmark
spec.loader.exec_module(benchmark)

#: Weights format version: raise it when the file's meaning changes.
VERSION = 1
#: L2 penalty on the standardised weights (the intercept is not penalised).
L2 = 30.0
FOLDS = 5
#: A block is article text when at least this share of its shingles are in the reference.
LABEL_SHARE = 0.5
WORD_RE = re.compile(r"\w+")


@dataclass
class Page:
    set_name: str
    page_id: str
    site: str
    reference: str
    lines: PageLines
    vectors: np.ndarray
    labels: np.ndarray
    weights: np.ndarray


def site_of(set_name: str, page_id: str, entry: dict) -> str:
    """The site a page comes from: the url's domain (dev), the name without its number (dev-2)."""
    if entry.get("url"):
        host = re.sub(r"^https?://(www\.)?", "", entry["url"]).split("/")[0]
        return ".".join(host.split(".")[-2:])
    return re.sub(r"-\d+$", "", page_id).split("-")[0]


def shingle_set(tokens: list[str]) -> set[tuple[str, ...]]:
    return {tuple(tokens[i : i + 4]) for i in range(max(0, len(tokens) - 3))}


def block_labels(lines: PageLines, reference: str) -> np.ndarray:
    ref_tokens = WORD_RE.findall(reference)
    ref_shingles = shingle_set(ref_tokens)
    ref_text = " " + " ".join(ref_tokens) + " "
    shares: list[float | None] = []
    for block in lines.blocks:
        tokens = WORD_RE.findall(block.text)
        shingles = shingle_set(tokens)
        if shingles:
            shares.append(len(shingles & ref_shingles) / len(shingles))
        else:  # too short for a shingle: decided by its neighbours below
            shares.append(None if tokens and f" {' '.join(tokens)} " in ref_text else 0.0)
    labels = [share is not None and share >= LABEL_SHARE for share in shares]
    longer = [i for i, share in enumerate(shares) if share is not None and len(WORD_RE.findall(lines.blocks[i].text)) >= 4]
    for index, share in enumerate(shares):
        if share is None:
            before = max((j for j in longer if j < index), default=None)
            after = min((j for j in longer if j > index), default=None)
            labels[index] = any(j is not None and labels[j] for j in (before, after))
    return np.array(labels, dtype=float)


def load_pages() -> list[Page]:
    pages = []
    for set_name, folder in benchmark.SETS.items():
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        for page_id, entry in sorted(truth.items()):
            lines = read_page(benchmark.read_input(folder, page_id, "text"))
            reference = entry.get("articleBody") or ""
            words = np.array([f.words for f in lines.feats], dtype=float)
            weights = 1 + np.sqrt(words)
            weights = weights / weights.sum() * 100 if len(weights) else weights  # each page weighs the same
            pages.append(Page(
                set_name, page_id, f"{set_name}:{site_of(set_name, page_id, entry)}", reference, lines,
                line_vectors(lines), block_labels(lines, reference), weights,
            ))
    return pages


def fit(pages: list[Page], l2: float = L2, iterations: int = 30) -> LineModel:
    """Logistic regression by Newton's method on standardised features."""
    x = np.vstack([p.vectors for p in pages])
    y = np.concatenate([p.labels for p in pages])
    w = np.concatenate([p.weights for p in pages])
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[-1] = 0.0
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(z @ beta, -30, 30)))
        gradient = z.T @ (w * (p - y)) + penalty * beta
        hessian = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    return LineModel(mean, scale, beta[:-1], float(beta[-1]))


def page_score(page: Page, model: LineModel):
    selection = choose_article(page.lines, model.probabilities(page.vectors))
    body = article_from(page.lines, selection).body
    return benchmark.page_score(page.reference, plain_text(body))


def report(name: str, scored: list[tuple[Page, object]]) -> dict:
    figures = {}
    for set_name in sorted({p.set_name for p, _ in scored}):
        scores = [s for p, s in scored if p.set_name == set_name]
        overall = benchmark.average(scores)
        below = sum(s.f1 < benchmark.POOR_F1 for s in scores)
        print(f"{name:<34} {set_name:<5} F1 {overall.f1:.3f}  P {overall.precision:.3f}  R {overall.recall:.3f}  "
              f"below 0.5: {below} ({len(scores)} pages)")
        figures[set_name] = {"f1": round(overall.f1, 3), "precision": round(overall.precision, 3),
                             "recall": round(overall.recall, 3), "below_half": below}
    return figures


def cross_validated(pages: list[Page]) -> list[tuple[Page, object]]:
    """Each page scored by a model fitted without its site (FOLDS folds of sites)."""
    sites = sorted({p.site for p in pages})
    np.random.RandomState(0).shuffle(sites)
    fold_of = {site: i % FOLDS for i, site in enumerate(sites)}
    scored = []
    for fold in range(FOLDS):
        model = fit([p for p in pages if fold_of[p.site] != fold])
        scored += [(p, page_score(p, model)) for p in pages if fold_of[p.site] == fold]
    return scored


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help=f"write the weights fitted on both sets to {WEIGHTS_FILE.name}")
    parser.add_argument("--worst", type=int, default=8, help="list this many worst pages of the cross-validation")
    args = parser.parse_args(argv)
    pages = load_pages()
    dev = [p for p in pages if p.set_name == "dev"]
    dev2 = [p for p in pages if p.set_name == "dev2"]
    figures = {
        "dev -> dev2": report("fitted on dev, scored on dev-2", [(p, page_score(p, fit(dev))) for p in dev2]),
        "dev2 -> dev": report("fitted on dev-2, scored on dev", [(p, page_score(p, fit(dev2))) for p in dev]),
    }
    scored = cross_validated(pages)
    figures["cross-validated by site"] = report(f"both, {FOLDS}-fold CV by site", scored)
    for page, score in sorted(scored, key=lambda ps: ps[1].f1)[: args.worst]:
        print(f"    worst  {page.set_name:<5} {page.page_id[:28]:<28} F1 {score.f1:.3f}  P {score.precision:.3f}  R {score.recall:.3f}")
    model = fit(pages)
    figures["fitted on both (not a generalisation figure)"] = report("fitted on both, scored on both", [(p, page_score(p, model)) for p in pages])
    if args.write:
        data = {
            "version": VERSION,
            "about": "newswiki line model: logistic regression over clean.classifier.FEATURE_NAMES; "
                     "written by benchmarks/train_lines.py --write",
            "trained_on": {s: len([p for p in pages if p.set_name == s]) for s in ("dev", "dev2")},
            "l2": L2,
            "figures": figures,
            **model.as_json(),
        }
        WEIGHTS_FILE.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS_FILE} ({len(FEATURE_NAMES)} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
