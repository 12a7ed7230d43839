"""What a hostile corpus file costs a build: wall seconds and peak memory, against a baseline.

    .venv/bin/python benchmarks/hostile_costs.py [--case NAME ...] [--keep]

For each case, a project with the same two small articles plus the one hostile file is built
with `newswiki build --workers 1` under /usr/bin/time -v; the baseline is the project without a
hostile file, in the same run. Prints one line per case: seconds, peak resident memory (the
largest process of the build), and the ratios to the baseline. The issue's bar: each case at
most 30 s and 1 GB.

Cases (made deterministically, seeded):
- five_mb: 5 MB of varied English prose in a text file (just under the 5 MB file limit);
- punct_100k: an article with a 100,000-character run of punctuation without a space;
- punct_runs: an article with 100,000 characters of punctuation in runs of 9,000 (each under
  the run limit of ingest), so they reach NER;
- punct_html: the 100,000-character run as a paragraph of an HTML article (trafilatura keeps it);
- many_tokens: an HTML article whose text is 180,000 characters of one-letter words and signs
  (90,000 tokens, about twice prose of that length);
- long_body: an article whose text is 190,000 characters (just under max_body_chars): the
  most NER any one file may cost.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NEWSWIKI = Path(sys.executable).parent / "newswiki"
GOOD = sorted((REPO / "tests" / "fixtures" / "hostile").glob("good_*.txt"))[:2]
SEED = 17
FIRST = ["Anna", "Boris", "Clara", "David", "Elena", "Frank", "Greta", "Hugo", "Irina", "Jonas"]
LAST = ["Petrov", "Novak", "Kowalski", "Meyer", "Rossi", "Dubois", "Larsen", "Horvat", "Ivanova", "Berg"]
PLACES = ["Lyon", "Graz", "Turku", "Brno", "Split", "Minsk", "Porto", "Gdansk", "Riga", "Ghent"]
WORDS = ("the council budget school railway market river bridge museum harbour tram election court hospital "
         "library theatre festival factory union ministry").split()
VERBS = "met discussed opened visited criticised praised announced rejected reviewed funded".split()


def sentence(rng: random.Random) -> str:
    return (f"{rng.choice(FIRST)} {rng.choice(LAST)} {rng.choice(VERBS)} the {rng.choice(WORDS)} "
            f"{rng.choice(WORDS)} in {rng.choice(PLACES)} on day {rng.randrange(1, 10_000)}, "
            f"and the {rng.choice(WORDS)} of {rng.choice(PLACES)} {rng.choice(VERBS)} it.")


def prose(rng: random.Random, chars: int) -> str:
    lines, size = [], 0
    while size < chars:
        line = " ".join(sentence(rng) for _ in range(4))
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines)[:chars].rsplit("\n", 1)[0] + "\n"


def cases() -> dict[str, bytes]:
    rng = random.Random(SEED)
    head = "A Hostile Article About The Council\n\n"
    runs = " ".join((".,;:!?" * 1500)[:9000] for _ in range(11))
    return {
        "five_mb": (head + prose(rng, 5 * 1024 * 1024 - 100)).encode("utf-8"),
        "punct_100k": (head + prose(rng, 3000) + (".,;:!?" * 17000)[:100_000] + "\n" + prose(rng, 3000)).encode("utf-8"),
        "punct_runs": (head + prose(rng, 3000) + runs + "\n" + prose(rng, 3000)).encode("utf-8"),
        "long_body": (head + prose(rng, 190_000)).encode("utf-8"),
        "punct_html": html_page(prose(rng, 3000), (".,;:!?" * 17000)[:100_000]).encode("utf-8"),
        "many_tokens": html_page(prose(rng, 3000), "a.b " * 45_000).encode("utf-8"),
    }


def html_page(text: str, run: str) -> str:
    """An HTML article with the run as one of its paragraphs (HTML text keeps what a text dump's cleaning drops)."""
    paragraphs = "".join(f"<p>{line}</p>\n" for line in text.splitlines())
    return (f"<html><head><title>A Hostile Article</title></head><body><article><h1>A Hostile Article</h1>"
            f"{paragraphs}<p>{run}</p>{paragraphs}</article></body></html>\n")


def measure(root: Path, timeout: int) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS in MB, exit code, last stderr line) of one build of root, stopped
    (SIGKILL, so /usr/bin/time still reports) after timeout seconds."""
    command = ["/usr/bin/time", "-v", "timeout", "-s", "KILL", str(timeout),
               str(NEWSWIKI), "build", "--root", str(root), "--workers", "1"]
    result = subprocess.run(command, capture_output=True, text=True)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", result.stderr).group(1)
    seconds = sum(float(part) * 60**n for n, part in enumerate(reversed(wall.split(":"))))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1)) / 1024
    lines = [line for line in result.stderr.splitlines() if line.startswith(("error", "built"))]
    return seconds, rss, result.returncode, " | ".join(lines)[:300]


def project(folder: Path, extra: dict[str, bytes]) -> Path:
    sys.path.insert(0, str(REPO))
    from tests.conftest import make_project

    corpus = {p.name: p.read_text("utf-8") for p in GOOD}
    return make_project(folder, {**corpus, **extra})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--case", action="append", choices=sorted(cases()), help="only these cases")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    parser.add_argument("--timeout", type=int, default=600, help="stop a build after this many seconds (default 600)")
    args = parser.parse_args()
    chosen = args.case or sorted(cases())
    made = cases()
    tmp = Path(tempfile.mkdtemp(prefix="newswiki-hostile-costs-"))
    try:
        base_s, base_mb, code, line = measure(project(tmp / "baseline", {}), args.timeout)
        print(f"baseline      {base_s:7.1f} s {base_mb:8.0f} MB  exit {code}  {line}")
        for name in chosen:
            suffix = ".html" if made[name].startswith(b"<html") else ".txt"
            seconds, mb, code, line = measure(project(tmp / name, {name + suffix: made[name]}), args.timeout)
            verdict = "ok" if seconds <= 30 and mb <= 1024 else "OVER 30 s / 1 GB"
            verdict += "; stopped at the timeout" if code in (124, 137, -9) else ""
            print(f"{name:<12}  {seconds:7.1f} s {mb:8.0f} MB  exit {code}  ({seconds / base_s:.2f}x time, "
                  f"{mb / base_mb:.2f}x memory of the baseline; {verdict})  {line}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
