"""The site stage against a bare engine build of the same docs/, and an incremental site build.

    .venv/bin/python benchmarks/site_build.py [--articles 300] [--engine mkdocs] [--rounds 2]

Makes docs/ once (the seeds, or a synthetic corpus of N articles made as benchmarks/scale.py
makes it), then times, alternately, `rounds` times each:

- bare: the engine alone on mkdocs.yml with no plugins (MkDocs + Material), into a fresh folder;
- newswiki: site.build_site with no previous site: the engine plus the post-build steps
  (sanitiser, entity weights, Pagefind index, swap);

and prints one JSON line: the best wall and CPU seconds of each and their ratios, and the
seconds of an incremental site build after one article's Markdown changed (with the ratio to
the full newswiki site build).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(action) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), cpu_seconds()
    action()
    return time.perf_counter() - wall, cpu_seconds() - cpu


def bare_config(root: Path) -> Path:
    """mkdocs.yml with no plugins: what the engine does by itself."""
    import yaml

    config = yaml.safe_load((root / "mkdocs.yml").read_text("utf-8"))
    config["plugins"] = []
    path = root / "mkdocs-bare.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
    return path


def bare_build(engine: str, root: Path, config_path: Path, site_dir: Path) -> None:
    import importlib
    import logging
    import subprocess

    shutil.rmtree(site_dir, ignore_errors=True)
    if engine == "zensical":
        import yaml

        config = yaml.safe_load(config_path.read_text("utf-8"))
        config["site_dir"] = os.path.relpath(site_dir, root)
        config_path.write_text(yaml.safe_dump(config, sort_keys=False), "utf-8")
        subprocess.run([sys.executable, "-m", "zensical", "build", "-f", str(config_path)], cwd=root, check=True,
                       capture_output=True)
        return
    build = importlib.import_module(f"{engine}.commands.build").build
    load_config = importlib.import_module(f"{engine}.config").load_config
    logging.getLogger(engine).setLevel(logging.ERROR)
    previous = os.getcwd()
    try:
        os.chdir(root)
        build(load_config(str(config_path), site_dir=str(site_dir)))
    finally:
        os.chdir(previous)


def make_docs(root: Path, articles: int) -> None:
    from newswiki.config import Config
    from newswiki.pipeline import build
    from tests.conftest import make_project

    if articles:
        from benchmarks import scale

        scale.make_project(root)
        scale.make_corpus(root, articles, scale.sentence_pool(REPO / "benchmarks" / "data" / "extraction-dev", REPO / "corpus"))
    else:
        make_project(root, seeds=True)
    result = build(Config.for_root(root, workers=0), build_site=False)
    assert result.ok or result.articles, result.problems[:3]


def run(args: argparse.Namespace) -> dict:
    from newswiki import site

    work = Path(tempfile.mkdtemp(prefix="newswiki-site-bench-"))
    root = work / "project"
    try:
        make_docs(root, args.articles)
        bare_path = bare_config(root)
        pages = sum(1 for _ in (root / "docs").rglob("*.md"))
        bare, ours = [], []
        for _ in range(args.rounds):
            bare.append(timed(lambda: bare_build(args.engine, root, bare_path, root / "bare-site")))  # inside: Zensical wants it so
            shutil.rmtree(root / "site", ignore_errors=True)
            ours.append(timed(lambda: site.build_site(root, root / "site", {}, engine=args.engine)))
        # Incremental: a full build that leaves its state, one article's Markdown changed, a rebuild.
        cache = root / ".newswiki-cache"
        shutil.rmtree(root / "site", ignore_errors=True)
        full = timed(lambda: site.build_site(root, root / "site", {}, engine=args.engine, cache_dir=cache))
        article = sorted((root / "docs" / "articles").glob("*.md"))[len(list((root / "docs" / "articles").glob("*.md"))) // 2]
        article.write_text(article.read_text("utf-8") + "\nA late correction was added to this article.\n", "utf-8")
        again = timed(lambda: site.build_site(root, root / "site", {}, engine=args.engine, cache_dir=cache))
        best_bare = min(bare)
        best_ours = min(ours)
        return {
            "engine": args.engine,
            "pages": pages,
            "bare_engine_seconds": round(best_bare[0], 2),
            "bare_engine_cpu_seconds": round(best_bare[1], 2),
            "newswiki_site_seconds": round(best_ours[0], 2),
            "newswiki_site_cpu_seconds": round(best_ours[1], 2),
            "ratio": round(best_ours[0] / best_bare[0], 3),
            "cpu_ratio": round(best_ours[1] / best_bare[1], 3),
            "all_rounds": {"bare": [round(w, 2) for w, _ in bare], "newswiki": [round(w, 2) for w, _ in ours]},
            "incremental_full_seconds": round(full[0], 2),
            "incremental_one_page_seconds": round(again[0], 2),
            "incremental_ratio": round(again[0] / full[0], 3),
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=0, help="synthetic articles (0: the seed corpus)")
    parser.add_argument("--engine", default="mkdocs", help="mkdocs, properdocs or zensical")
    parser.add_argument("--rounds", type=int, default=2, help="timings of each build; the best is reported")
    args = parser.parse_args()
    print(json.dumps(run(args)), flush=True)


if __name__ == "__main__":
    main()
