"""The resolution stage alone at N articles, for two versions of the code, on the same inputs.

    .venv/bin/python benchmarks/resolve_scale.py --old /work/wt-old/build_scripts [--main <copy of main>/build_scripts] [--articles 1000 10000]

Issue 19 asks that resolution stay within 1.2x of its time at 1e74f90 at 10,000 articles. A full
benchmarks/scale.py run at 10,000 articles takes the whole machine for ~25 minutes, mostly NER; this
times only `resolve.resolve`, the call the resolution pass makes, on inputs made like the
pipeline's:

1. Each version's own analysis (its ingest, cleaning, NER: `passes.analysis.analyse_corpus`, or
   `pipeline.gather_articles` before the passes) runs once over real pages: the seeds
   (`corpus/*.txt`) and `benchmarks/data/extraction-dev*/*.txt`, in a scratch project. Its
   articles' bodies and mentions are kept in --work, keyed by the version's code (resolve/ left
   out: nothing there changes what NER finds), so a second run skips the NER.
2. They are replicated to N articles: article i is copy i // P of page i % P, with its own id
   (`<id>--c<copy>`). From the second copy on, the words of its people's, organisations',
   products' and events' names (a capitalised word written nowhere in the pages in lower case,
   and in no place name of the page) are replaced everywhere in the copy (body, mention spans and
   sentences) by a word of the same length, so every offset holds: a given name by another given
   name (Faker's en_US list), any other word by a made-up one. A quarter of the words keep their
   spelling in each copy, the others take one of `copy` variants, so a name recurs in a few
   copies, some in many, and new names keep coming as N grows, as in a real corpus; places,
   acronyms and common words are never varied. The substitution is one rule of the text, the same
   for both versions; each version's facts (`resolve.article_facts`) are then made by its own code
   from the copy, as its analysis pass would, and its plain texts are handed to resolve by its own
   `PlainTexts`, as the pass does.
3. `resolve.resolve(mentions, texts, None, facts)` is timed, CPU (process_time) and wall, with the
   cycle collector paused as the pipeline runs it, on inputs unpickled afresh for each run (as the
   pipeline reads them from its cache), best of --runs. The gazetteer is loaded before, as the pass
   does.

Each version runs in its own process (PYTHONPATH = its build_scripts). One JSON line per version and
N (seconds, mentions, entities, a digest of the whole Resolution: equal digests, equal output), then
one line of ratios: new/old (and new/main with --main) at each N, and each version's largest-N/smallest-N time.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import pickle
import random
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "benchmarks" / "data"
#: Labels whose names are varied from copy to copy; places (GPE, LOC) and nationalities recur as they are.
VARIED_LABELS = {"PERSON", "ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"}
PLACE_LABELS = {"GPE", "LOC"}
NAME_WORD_RE = re.compile(r"\b[A-Z][a-z]{2,}\b")
LOWER_WORD_RE = re.compile(r"\b[a-z]+\b")
#: Share of a copy's name words that keep their spelling.
KEPT_SHARE = 0.25
VOWELS, CONSONANTS = "aeiou", "bcdfghklmnprstvz"


def page_files() -> list[tuple[str, Path]]:
    """(name in the scratch corpus, file): the seeds, then both extraction dev sets, as benchmarks/entities.py names them."""
    files = [(p.name, p) for p in sorted((REPO / "corpus").glob("*.txt"))]
    for prefix, folder in (("dev1_", "extraction-dev"), ("dev2_", "extraction-dev-2")):
        files += [(f"{prefix}{p.name}", p) for p in sorted((DATA / folder).glob("*.txt"))]
    return files


# ---------------------------------------------------------------- the substitution (no newswiki code)


class Variation:
    """Same-length replacements of name words, copy by copy: one deterministic rule of the text."""

    def __init__(self, lower_words: set[str]) -> None:
        from faker.providers.person.en_US import Provider

        self.lower_words = lower_words
        self.given: dict[int, list[str]] = {}
        for name in sorted(Provider.first_names):
            if NAME_WORD_RE.fullmatch(name):
                self.given.setdefault(len(name), []).append(name)
        self.given_set = {n for names in self.given.values() for n in names}

    def words(self, mentions: list[tuple]) -> set[str]:
        """The page's name words that vary: in a varied label's span, never written in lower case, in no place name."""
        places = {w for text, label, *_ in mentions if label in PLACE_LABELS for w in NAME_WORD_RE.findall(text)}
        return {
            w for text, label, *_ in mentions if label in VARIED_LABELS for w in NAME_WORD_RE.findall(text)
            if w.lower() not in self.lower_words and w not in places
        }

    def mapping(self, words: set[str], copy: int) -> dict[str, str]:
        if copy == 0:
            return {}
        found = {}
        for word in sorted(words):
            rng = random.Random(f"{word}|{copy}")
            if rng.random() >= KEPT_SHARE:
                found[word] = self.variant(word, rng.randint(1, copy))
        return found

    def variant(self, word: str, n: int) -> str:
        rng = random.Random(f"{word}#{n}")
        same_length = [g for g in self.given.get(len(word), []) if g != word]
        if word in self.given_set and same_length:
            return rng.choice(same_length)
        while True:
            letters = [rng.choice(CONSONANTS if i % 2 == 0 else VOWELS) for i in range(len(word))]
            made = letters[0].upper() + "".join(letters[1:])
            if made != word and made.lower() not in self.lower_words:
                return made


def substitute(text: str, mapping: dict[str, str]) -> str:
    return NAME_WORD_RE.sub(lambda m: mapping.get(m.group(0), m.group(0)), text) if mapping else text


# ---------------------------------------------------------------- one version (child process)


def code_key(code: Path) -> str:
    """The version's package tree, resolve/ left out: what decides its bodies and mentions."""
    digest = hashlib.sha256()
    for path in sorted((code / "newswiki").rglob("*")):
        rel = path.relative_to(code).as_posix()
        if path.is_file() and "__pycache__" not in rel and not rel.startswith(("newswiki/resolve/", "newswiki/resolve.py")):
            digest.update(rel.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


#: What resolve.article_facts reads besides the analysis code: the replicated inputs are kept under these too.
FACTS_FILES = ("resolve.py", "resolve/evidence.py", "resolve/junk.py", "resolve/acronyms.py", "resolve/candidates.py", "resolve/usage.py")


def inputs_key(code: Path, count: int) -> str:
    digest = hashlib.sha256(f"{code_key(code)} {count}".encode())
    for name in FACTS_FILES:
        path = code / "newswiki" / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.exists() else b""))
    return digest.hexdigest()[:16]


def analysed_pages(code: Path, work: Path, workers: int) -> list[dict]:
    """The version's articles over the real pages: id, body and mentions (as tuples), cached in work."""
    stored = work / f"analysis-{code_key(code)}.pickle"
    if stored.exists():
        return pickle.loads(stored.read_bytes())
    from newswiki.config import Config

    project = work / f"project-{code_key(code)}"
    shutil.rmtree(project, ignore_errors=True)
    (project / "corpus").mkdir(parents=True)
    (project / "docs").mkdir()
    for name, path in page_files():
        shutil.copy(path, project / "corpus" / name)
    config = Config.for_root(project, workers=workers)
    quiet = lambda stage, done, total: None  # noqa: E731
    try:
        from newswiki.passes import analysis
    except ImportError:  # before the passes (1e74f90)
        from newswiki import pipeline

        articles, mentions, *_ = pipeline.gather_articles(config, quiet)
    else:
        corpus = analysis.analyse_corpus(config, quiet)
        articles, mentions = corpus.articles, corpus.mentions
    pages = [
        {"id": a.id, "body": a.extraction.body,
         "mentions": [(m.text, m.label, m.start, m.end, m.sentence) for m in mentions.get(a.id, [])]}
        for a in articles
    ]
    stored.write_bytes(pickle.dumps(pages))
    shutil.rmtree(project, ignore_errors=True)
    return pages


def version_texts(bodies: dict[str, str]) -> Mapping[str, str]:
    """Plain text by article id, as the version's own pass hands them to resolve: its `PlainTexts`
    (made when asked for; kept once made from resolvespeed on) over the bodies."""
    from types import SimpleNamespace

    try:
        from newswiki.passes.resolution import PlainTexts
    except ImportError:  # before the passes (1e74f90)
        from newswiki.pipeline import PlainTexts
    return PlainTexts([SimpleNamespace(id=aid, extraction=SimpleNamespace(body=body)) for aid, body in bodies.items()])


def replicate(pages: list[dict], count: int, variation: Variation) -> tuple[dict, dict, dict, int]:
    """N articles' bodies, mentions and facts, made by this version's code; and the spans whose offsets missed."""
    from newswiki import resolve
    from newswiki.models import Mention

    plain_text = version_plain_text()
    words = [variation.words(page["mentions"]) for page in pages]
    bodies, mentions, facts, missed = {}, {}, {}, 0
    for i in range(count):
        n, copy = i % len(pages), i // len(pages)
        page, mapping = pages[n], variation.mapping(words[n], copy)
        aid = f"{page['id']}--c{copy}"
        body = substitute(page["body"], mapping)
        text = plain_text(body)
        found = [Mention(aid, substitute(t, mapping), label, start, end, substitute(s, mapping)) for t, label, start, end, s in page["mentions"]]
        missed += sum(1 for m in found if text[m.start : m.end] != m.text)
        bodies[aid], mentions[aid], facts[aid] = body, found, resolve.article_facts(found, text)
    return bodies, mentions, facts, missed


def version_plain_text():
    try:
        from newswiki.markdown import plain_text
    except ImportError:  # before markdown.py (1e74f90)
        from newswiki.entities import plain_text
    return plain_text


def canonical(value):
    """A value with every dict and set in sorted order, so equal resolutions print alike."""
    import dataclasses

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, *(canonical(getattr(value, f.name)) for f in dataclasses.fields(value)))
    if isinstance(value, dict):
        return sorted((repr(canonical(k)), canonical(v)) for k, v in value.items())
    if isinstance(value, (set, frozenset)):
        return sorted(repr(canonical(v)) for v in value)
    if isinstance(value, (list, tuple)):
        return [canonical(v) for v in value]
    return value


def time_resolve(blob: bytes, runs: int) -> tuple[list[float], list[float], object]:
    from newswiki import resolve

    cpu, wall, result = [], [], None
    for _ in range(runs):
        result = None
        gc.collect()
        bodies, mentions, facts = pickle.loads(blob)
        texts = version_texts(bodies)
        gc.disable()  # pipeline.collector_paused
        try:
            c0, w0 = time.process_time(), time.perf_counter()
            result = resolve.resolve(mentions, texts, None, facts)
            cpu.append(time.process_time() - c0)
            wall.append(time.perf_counter() - w0)
        finally:
            gc.enable()
        del bodies, mentions, facts, texts
    return cpu, wall, result


def run_version(label: str, code: Path, counts: list[int], work: Path, runs: int, workers: int, with_digest: bool = True) -> None:
    sys.path.insert(0, str(code))
    import newswiki
    from newswiki import resolve

    assert Path(newswiki.__file__).resolve().is_relative_to(code.resolve()), newswiki.__file__
    pages = analysed_pages(code, work, workers)
    lower = {w for _, path in page_files() for w in LOWER_WORD_RE.findall(path.read_text("utf-8", errors="replace"))}
    variation = Variation(lower)
    resolve.load_gazetteer(work / f"gazetteer-{code_key(code)}-{label}.pickle")
    made = time.perf_counter()
    stored = work / f"inputs-{inputs_key(code, max(counts))}.pickle"
    if stored.exists():
        bodies, mentions, facts, missed = pickle.loads(stored.read_bytes())
    else:
        bodies, mentions, facts, missed = replicate(pages, max(counts), variation)
        stored.write_bytes(pickle.dumps((bodies, mentions, facts, missed)))
    made = time.perf_counter() - made
    for count in sorted(counts):
        ids = list(bodies)[:count]
        blob = pickle.dumps(({a: bodies[a] for a in ids}, {a: mentions[a] for a in ids}, {a: facts[a] for a in ids}))
        cpu, wall, result = time_resolve(blob, runs)
        digest = hashlib.sha256(repr(canonical(result)).encode()).hexdigest()[:16] if with_digest else None
        print(json.dumps({
            "version": label, "code": str(code), "articles": count, "pages": len(pages),
            "mentions": sum(len(mentions[a]) for a in ids), "entities": len(result.entities),
            "resolve_cpu_s": round(min(cpu), 3), "resolve_wall_s": round(min(wall), 3),
            "runs_cpu_s": [round(c, 3) for c in cpu], "runs_wall_s": [round(w, 3) for w in wall],
            "output_digest": digest, "offsets_missed": missed, "inputs_made_s": round(made, 1),
        }), flush=True)
        del result


# ---------------------------------------------------------------- both versions (parent)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--old", type=Path, help="build_scripts of the baseline (a worktree of 1e74f90)")
    parser.add_argument("--main", type=Path, help="build_scripts of a second baseline (a copy of main before a change): new/main ratios too")
    parser.add_argument("--new", type=Path, default=REPO / "build_scripts", help="build_scripts of the version measured")
    parser.add_argument("--articles", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="NER workers of the analysis (first run only)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/resolve-scale"), help="analysis and gazetteer kept here")
    parser.add_argument("--no-digest", action="store_true", help="skip the output digest (a minute at 10,000 articles)")
    parser.add_argument("--child", help="run one version in this process, under this label (its code: --new)")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.child:
        run_version(args.child, args.new, args.articles, args.work, args.runs, args.workers, not args.no_digest)
        return 0
    versions = ([("old", args.old)] if args.old else []) + ([("main", args.main)] if args.main else []) + [("new", args.new)]
    figures: dict[tuple[str, int], dict] = {}
    for label, code in versions:
        env = dict(os.environ, PYTHONPATH=str(code.resolve()))
        command = [sys.executable, __file__, "--child", label, "--new", str(code.resolve()), "--work", str(args.work),
                   "--runs", str(args.runs), "--workers", str(args.workers), "--articles", *map(str, args.articles),
                   *(["--no-digest"] if args.no_digest else [])]
        done = subprocess.run(command, env=env, stdout=subprocess.PIPE, text=True, check=True)
        for line in done.stdout.splitlines():
            if line.startswith("{"):
                print(line, flush=True)
                row = json.loads(line)
                figures[(label, row["articles"])] = row
    low, high = min(args.articles), max(args.articles)
    ratios: dict[str, float] = {}
    for label, _ in versions:
        if (label, low) in figures and low != high:
            ratios[f"{label}_{high}_over_{low}_cpu"] = round(figures[(label, high)]["resolve_cpu_s"] / figures[(label, low)]["resolve_cpu_s"], 2)
    for base, _ in versions[:-1]:
        for count in sorted(args.articles):
            for kind in ("cpu", "wall"):
                ratios[f"new_over_{base}_{count}_{kind}"] = round(
                    figures[("new", count)][f"resolve_{kind}_s"] / figures[(base, count)][f"resolve_{kind}_s"], 2)
    print(json.dumps({"ratios": ratios}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
