"""How newswiki scales: build a synthetic corpus of N articles and print one JSON line of figures.

    .venv/bin/python benchmarks/scale.py --articles 1000 [--workers 2] [--dev benchmarks/data/extraction-dev] [--no-ner-baseline]

The corpus is made deterministically (seeded) from real text: sentences of the extraction dev
pages and the seed corpus, recombined, with varied names, dates, publishers and page boilerplate.
It is built in a temporary project folder. Figures, all from the same run:

- seconds per stage, tokens (spaCy tokens of the text the NER sees);
- spaCy NER-only tokens/s on the same texts (warm worker processes, nlp.pipe, same model and
  worker count), the pipeline's end-to-end processing tokens/s (everything but the site build),
  and their ratio;
- site build seconds, site size, peak memory (Pss) of the whole process tree and the stage at the peak;
- bytes a reader downloads for one search query (headless Chromium, when installed);
- one-article incremental rebuild (a sentence naming two of its entities added to its body): pages
  written, processing seconds, site seconds and end to end (total_ratio),
  each with its ratio to the full build's.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import datetime as dt
import json
import os
import random
import re
import resource
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

#: Fixed seed: the same N always gives the same corpus.
SEED = 20261125
#: Paragraphs shorter than this are navigation or captions, not article text.
MIN_PARAGRAPH_WORDS = 35
PARAGRAPHS_PER_ARTICLE = (4, 9)
SENTENCES_PER_PARAGRAPH = (2, 5)
FIRST_NAMES = [
    "Anna", "Pavel", "Maryia", "Ihar", "Olga", "Siarhei", "Tatsiana", "Dmitry", "Elena", "Andrei",
    "Natalia", "Viktar", "Iryna", "Aliaksei", "Sofia", "Mikhail", "Hanna", "Yury", "Katsiaryna", "Ales",
    "James", "Sarah", "Thomas", "Laura", "Ahmed", "Mei", "Carlos", "Fatima", "Jonas", "Ingrid",
]
SURNAMES = [
    "Kavalenka", "Novik", "Sidorenko", "Malinovsky", "Zhukava", "Tsikhanouski", "Babaryka", "Kalesnikava",
    "Lebedzeu", "Marozau", "Pazniak", "Shushkevich", "Vinnikava", "Karatkevich", "Bialiatski", "Haidukevich",
    "Whitfield", "Okonkwo", "Lindqvist", "Moreau", "Rahimov", "Tanaka", "Esposito", "Hakobyan", "Aliyev",
    "Petrosyan", "Nazarbayev", "Kowalski", "Schneider", "Fernandez",
]
PUBLISHERS = [
    ("Belarus Digest", "belarusdigest.com"), ("Minsk Herald", "minskherald.example"),
    ("Eastern Review", "easternreview.example"), ("Caspian Monitor", "caspianmonitor.example"),
    ("Baltic Times Weekly", "baltictimesweekly.example"), ("Steppe Analytica", "steppeanalytica.example"),
    ("Caucasus Wire", "caucasuswire.example"), ("Vilnius Observer", "vilniusobserver.example"),
]
ORG_KINDS = ["Institute", "Foundation", "Centre for Policy Studies", "Council", "Union", "Party"]
NAV_LINES = ["Home", "Politics", "Economy", "Society", "Analysis", "Opinion", "Subscribe", "Sign In", "Search"]
FOOTERS = [
    "Subscribe to our newsletter\n\nOnce a week we send the most read analysis to your inbox.",
    "Share this article\nFacebook\nTwitter\nTelegram\nEmail",
    "Read more\n\nMost popular this week",
    "Cookies help us deliver our services. By using our services, you agree to our use of cookies.",
]
SEARCH_QUERY = "Lukashenka"


def sentence_pool(dev_dir: Path, seeds_dir: Path) -> list[str]:
    """Sentences of the long prose blocks of real pages: what a news article's body is made of.

    Articles are built from sentences, not whole paragraphs: a paragraph found in several files
    would be taken for the sites' furniture (clean.corpus_boilerplate) and dropped.
    """
    sentences: set[str] = set()
    files = sorted(dev_dir.glob("*.txt")) + sorted(p for p in seeds_dir.glob("*.txt"))
    for path in files:
        text = path.read_text("utf-8", errors="replace")
        for block in re.split(r"\n\s*\n", text):
            block = " ".join(block.split())
            if len(block.split()) >= MIN_PARAGRAPH_WORDS and re.search(r"[.!?][\"”’)]?$", block) and "©" not in block:
                sentences.update(s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", block) if len(s.split()) >= 6)
    return sorted(sentences)


def paragraph(rng: random.Random, pool: list[str]) -> str:
    return " ".join(rng.sample(pool, rng.randint(*SENTENCES_PER_PARAGRAPH)))


def make_article(rng: random.Random, n: int, pool: list[str]) -> tuple[str, str]:
    """One synthetic page (file name, text) in the shape of the seed corpus files."""
    publisher, domain = rng.choice(PUBLISHERS)
    author = f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}"
    quoted = [f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}" for _ in range(3)]
    org = f"{rng.choice(SURNAMES)} {rng.choice(ORG_KINDS)}"
    date = dt.date(2010, 1, 1) + dt.timedelta(days=rng.randrange(365 * 15))
    body = [paragraph(rng, pool) for _ in range(rng.randint(*PARAGRAPHS_PER_ARTICLE))]
    body.insert(1, f"{quoted[0]}, a senior fellow at the {org}, said the decision surprised few observers in "
                   f"{rng.choice(['Minsk', 'Vilnius', 'Warsaw', 'Kyiv', 'Tbilisi', 'Yerevan', 'Baku', 'Astana'])}.")
    body.insert(len(body) // 2, f"\u201cWe have seen this before,\u201d {quoted[1]} told {publisher}. "
                                f"{quoted[2]} of the {org} disagreed.")
    first = re.split(r"(?<=[.!?])\s", body[0])[0]
    title = " ".join(first.split()[: rng.randint(5, 11)]).rstrip(",;:") + f" ({n})"
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
    lines = [
        " ".join(rng.sample(NAV_LINES, 5)),
        publisher,
        "",
        title,
        "",
        f"By {author}",
        date.strftime("%B %-d, %Y"),
        "",
        "\n\n".join(body),
        "",
        author,
        f"{author} is a contributing analyst at {publisher}.",
        f"https://{domain}/{date.year}/{slug}/",
        "",
        rng.choice(FOOTERS),
        f"\u00a9 {date.year} {publisher}. All rights reserved.",
    ]
    return f"{n:05d}_{rng.getrandbits(32):08x}.txt", "\n".join(lines) + "\n"


def corrected(text: str) -> str:
    """The article with a sentence added inside its body that names two of its entities again, as a real
    correction does: their pages' mention counts change, so entity pages and the search index are
    rebuilt too (a line added after the article is cleaned away and changes no entity page)."""
    said = re.search(r"^(.+?), a senior fellow at the (.+?), said.*$", text, re.M)
    assert said, "a synthetic article names a fellow of an organisation"
    added = f"\n\n{said.group(1)} later told the {said.group(2)} that the figures were right."
    return text[: said.end()] + added + text[said.end():]


def make_corpus(root: Path, count: int, pool: list[str]) -> list[Path]:
    rng = random.Random(SEED)
    (root / "corpus").mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        name, text = make_article(rng, n, pool)
        path = root / "corpus" / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def make_project(root: Path) -> None:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for extra in ("overrides", "docs_assets"):
        if (REPO / extra).is_dir():
            shutil.copytree(REPO / extra, root / extra, dirs_exist_ok=True)
    assets = REPO / "docs" / "assets"
    if assets.is_dir():
        shutil.copytree(assets, root / "docs" / "assets", dirs_exist_ok=True)


#: Memory sampling interval. Reading smaps_rollup walks a process's page tables: sampled ten times a
#: second it cost several CPU seconds per minute, charged to the build it measures.
SAMPLE_SECONDS = 0.5


class TreeMemory:
    """Peak memory of this process and all its descendants, sampled from /proc, and the stage at the peak.

    Proportional set size (Pss) is summed where the kernel gives it: forked workers share the
    parent's pages, and resident sizes summed over processes would count those pages once per process.
    """

    def __init__(self, clock: "StageClock", interval: float = SAMPLE_SECONDS) -> None:
        self.clock, self.interval, self.peak, self.peak_after = clock, interval, 0, ""
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _children(pid: int) -> list[int]:
        kids: list[int] = []
        for task in Path(f"/proc/{pid}/task").glob("*"):
            try:
                kids += [int(k) for k in (task / "children").read_text().split()]
            except OSError:
                pass
        return kids

    @staticmethod
    def _memory(pid: int) -> int:
        for name, field in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
            try:
                for line in Path(name).read_text().splitlines():
                    if line.startswith(field):
                        return int(line.split()[1]) * 1024
            except OSError:
                continue
        return 0

    def sample(self) -> int:
        pids, seen, total = [os.getpid()], set(), 0
        while pids:
            pid = pids.pop()
            if pid in seen:
                continue
            seen.add(pid)
            total += self._memory(pid)
            pids += self._children(pid)
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            now = self.sample()
            if now > self.peak:
                self.peak, self.peak_after = now, self.clock.current
            time.sleep(self.interval)

    def __enter__(self) -> "TreeMemory":
        if Path("/proc/self/task").is_dir():
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


def cpu_seconds() -> float:
    """CPU time of this process and its descendants: unlike wall time, barely moved by the other
    programs sharing the machine.

    The finished children this process waited for, and each live child with the children it
    waited for: the pipeline's workers are children of multiprocessing's fork server, which
    lives on, so their time is the server's children's time.
    """
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for pid in TreeMemory._children(os.getpid()):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # utime, stime, cutime, cstime: fields 14-17 of stat(5), here counted after the ")" of the name.
        total += sum(int(f) for f in fields[11:15]) / ticks
    return total


class StageClock:
    """Seconds per stage from the pipeline's progress callbacks: a stage ends at its last report."""

    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.cpu_started = cpu_seconds()
        self.last = self.started
        self.seconds: dict[str, float] = {}
        self.cpu_at: dict[str, float] = {}
        self.current = "start"

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        self.current = f"{stage} {done}/{total}"
        self.seconds[stage] = self.seconds.get(stage, 0.0) + (now - self.last)
        self.cpu_at[stage] = cpu_seconds() - self.cpu_started
        self.last = now


def _ner_worker_init(model: str) -> None:
    from newswiki import ner

    ner.load_model(model)


def _ner_count(model: str, texts: list[str]) -> int:
    from newswiki import ner

    nlp = ner.load_model(model)
    return sum(len(doc) for doc in nlp.pipe(texts, batch_size=ner.BATCH_SIZE))


def ner_only(texts: list[str], model: str, workers: int) -> tuple[int, float]:
    """spaCy alone on the texts the pipeline's NER sees: warm processes, nlp.pipe, same components.

    Returns (tokens, seconds); model loading is done before the clock starts, so this is the
    best the NER can do, the yardstick for the whole pipeline.
    """
    from newswiki.workers import worker_context

    shares = [texts[i::workers] for i in range(workers)]
    # Workers started the way the pipeline starts its own (see workers.worker_context).
    with cf.ProcessPoolExecutor(workers, mp_context=worker_context(), initializer=_ner_worker_init, initargs=(model,)) as pool:
        list(pool.map(_ner_count, [model] * workers, [["warm up"]] * workers))
        started = time.perf_counter()
        tokens = sum(pool.map(_ner_count, [model] * workers, shares))
        return tokens, time.perf_counter() - started


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def search_download_bytes(site: Path, query: str) -> dict | None:
    """Bytes the browser fetches to answer one query from the site search box (None without Chromium)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        return None
    import functools
    import http.server

    from playwright.sync_api import sync_playwright

    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    fetched: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium)
            page = browser.new_page()

            def on_response(response) -> None:
                # Everything search-related, whether fetched at page load (a whole index) or per query.
                if "search" in response.url or "pagefind" in response.url:
                    try:
                        fetched[response.url] = len(response.body())
                    except Exception:
                        fetched[response.url] = 0

            page.on("response", on_response)
            page.goto(base, wait_until="networkidle")
            box = page.locator(".md-search__input")
            box.click()
            box.press_sequentially(query, delay=50)
            page.wait_for_selector(".md-search-result__item", timeout=30_000)
            page.wait_for_load_state("networkidle")
            results = page.locator(".md-search-result__item").count()
            browser.close()
    finally:
        server.shutdown()
    return {"bytes": sum(fetched.values()), "requests": len(fetched), "results_shown": results,
            "largest": max(fetched.values(), default=0)}


def count_files(path: Path) -> int:
    return sum(1 for p in path.rglob("*") if p.is_file())


def run(args: argparse.Namespace) -> dict:
    from newswiki import ner
    from newswiki.config import Config
    from newswiki.markdown import plain_text
    from newswiki.pipeline import build

    workers = args.workers or os.cpu_count() or 1
    pool = sentence_pool(args.dev, REPO / "corpus")
    work = Path(tempfile.mkdtemp(prefix="newswiki-scale-"))
    root = work / "project"
    try:
        make_project(root)
        paths = make_corpus(root, args.articles, pool)
        config = Config.for_root(root, workers=workers)

        clock = StageClock()
        with TreeMemory(clock) as memory:
            result = build(config, progress=clock)
        total = time.perf_counter() - clock.started
        site_seconds = clock.seconds.get("site", 0.0)
        processing = total - site_seconds
        processing_cpu = clock.cpu_at["render"]
        if args.no_ner_baseline:
            tokens, ner_seconds, ner_cpu, ner_peak = None, None, None, None
        else:
            texts = [plain_text(a.extraction.body) for a in result.articles]
            cpu_before = cpu_seconds()
            # Sampled like the build, so the sampler's own cost is on both sides of the ratio.
            with TreeMemory(StageClock()) as ner_memory:
                tokens, ner_seconds = ner_only(texts, config.spacy_model, workers)
            ner_cpu, ner_peak = cpu_seconds() - cpu_before, ner_memory.peak
        figures: dict = {
            "articles": len(result.articles),
            "entities": len(result.resolution.entities),
            "errors": sum(p.severity == "error" for p in result.problems),
            "workers": workers,
            "tokens": tokens,
            "stage_seconds": {k: round(v, 2) for k, v in clock.seconds.items()},
            "processing_seconds": round(processing, 2),
            "ner_only_tokens_per_s": round(tokens / ner_seconds) if tokens else None,
            "pipeline_tokens_per_s": round(tokens / processing) if tokens else None,
            "pipeline_to_ner_ratio": round((tokens / processing) / (tokens / ner_seconds), 3) if tokens else None,
            "processing_cpu_seconds": round(processing_cpu, 1),
            "ner_only_cpu_seconds": round(ner_cpu, 1) if tokens else None,
            "pipeline_to_ner_cpu_ratio": round(ner_cpu / processing_cpu, 3) if tokens else None,
            "site_build_seconds": round(site_seconds, 2),
            "site_build_cpu_seconds": round(clock.cpu_at["site"] - clock.cpu_at["render"], 1),
            "total_seconds": round(total, 2),
            "peak_memory_mb": round(memory.peak / 2**20),
            "peak_memory_during": memory.peak_after,
            "ner_only_peak_memory_mb": round(ner_peak / 2**20) if tokens else None,
            "main_maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "site_bytes": folder_bytes(config.site_dir),
            "site_files": count_files(config.site_dir),
        }
        if not args.no_browser:
            figures["search"] = search_download_bytes(config.site_dir, SEARCH_QUERY)

        # One article changes: the rebuild's processing time against the full build's.
        changed = paths[len(paths) // 2]
        changed.write_text(corrected(changed.read_text("utf-8")), "utf-8")
        clock2 = StageClock()
        rebuilt = build(config, progress=clock2)
        total2 = time.perf_counter() - clock2.started
        processing2 = total2 - clock2.seconds.get("site", 0.0)
        figures["cache_bytes"] = folder_bytes(config.cache_dir)
        figures["incremental"] = {
            "pages_written": rebuilt.written,
            "processing_cpu_seconds": round(clock2.cpu_at["render"], 1),
            "processing_cpu_ratio": round(clock2.cpu_at["render"] / processing_cpu, 4),
            "stage_seconds": {k: round(v, 2) for k, v in clock2.seconds.items()},
            "processing_seconds": round(processing2, 2),
            "processing_ratio": round(processing2 / processing, 4),
            "total_seconds": round(total2, 2),
            "total_ratio": round(total2 / total, 4),
            # The site stage alone (engine, sanitiser, search index, swap) against the full build's.
            "site_seconds": round(clock2.seconds.get("site", 0.0), 2),
            "site_ratio": round(clock2.seconds.get("site", 0.0) / site_seconds, 4) if site_seconds else None,
        }
        return figures
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="corpus size N")
    parser.add_argument("--workers", type=int, default=0, help="worker processes; 0 = all cores")
    parser.add_argument("--dev", type=Path, default=REPO / "benchmarks" / "data" / "extraction-dev",
                        help="folder of real pages (*.txt) whose paragraphs make the corpus")
    parser.add_argument("--no-browser", action="store_true", help="skip the search download measurement")
    parser.add_argument("--no-ner-baseline", action="store_true",
                        help="skip the spaCy-alone run (minutes at 10,000 articles) when only the build's own figures are wanted")
    parser.add_argument("--keep", action="store_true", help="keep the temporary project folder")
    args = parser.parse_args()
    if not args.dev.is_dir():
        parser.error(f"no such folder: {args.dev}")
    print(json.dumps(run(args)), flush=True)


if __name__ == "__main__":
    main()
