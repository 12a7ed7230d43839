"""The command line: parse options, load the config, call the pipeline. No logic lives here."""

from __future__ import annotations

import json
import signal
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, ProgressColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from newswiki import __version__
from newswiki.config import Config
from newswiki.models import Problem

app = typer.Typer(
    help="Turn a folder of scraped news articles (corpus/) into a cross-linked, searchable wiki (docs/, site/).",
    no_args_is_help=True,
    add_completion=False,
    # Plain help: typer's panels showed every flag as taking a value ("--version <bool>", "--check <bool>").
    rich_markup_mode=None,
)
# soft_wrap: a message stays on one line (file:line: field ...), whatever the terminal width.
err = Console(stderr=True, soft_wrap=True)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"newswiki {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        Optional[bool], typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version and exit.")
    ] = None,
) -> None:
    """newswiki: articles in, wiki out."""


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help="Corpus files (.txt or .html) to extract.")],
    root: Annotated[Path, typer.Option(help="Project folder (for relative source paths).")] = Path("."),
    explain: Annotated[
        bool, typer.Option("--explain", help="Instead of JSON, show each line of the page as kept or dropped, and why.")
    ] = False,
) -> None:
    """Print one JSON object per file: source, title, authors, affiliations, published, published_range, publisher,
    url, body, warnings."""
    from newswiki.passes.analysis import extract_files

    config = Config.for_root(root)
    failed = False
    for result in extract_files(files, config):
        if isinstance(result, Problem):
            err.print(f"[red]error[/red] {escape(result.source)}: {escape(result.message)}", highlight=False, soft_wrap=True)
            failed = True
            continue
        if explain:
            sys.stdout.write(explanation(result))
            continue
        sys.stdout.write(json.dumps(result.as_json(), ensure_ascii=False) + "\n")
    raise typer.Exit(1 if failed else 0)


def explanation(result) -> str:
    """One line per block: line number, kept/dropped, the reason, the start of the text."""
    lines = [f"# {result.source}"]
    if not result.decisions:
        lines.append("(HTML input: the article is found by trafilatura; no per-line decisions)")
    for decision in result.decisions:
        mark = "kept   " if decision.kept else "dropped"
        text = decision.text if len(decision.text) <= 100 else decision.text[:99] + "…"
        lines.append(f"{decision.line:5}  {mark}  {decision.reason:<28}  {text}")
    removed = ", ".join(f"{reason}: {chars}" for reason, chars in sorted(result.removed.items()))
    lines.append(f"# removed characters by reason: {removed or 'none'}")
    return "\n".join(lines) + "\n"


@app.command()
def build(
    root: Annotated[Path, typer.Option(help="Project folder holding corpus/, docs/ and mkdocs.yml.")] = Path("."),
    workers: Annotated[int, typer.Option(help="Worker processes for NER; 0 = all cores.")] = 0,
    no_site: Annotated[bool, typer.Option("--no-site", help="Only regenerate docs/, skip the MkDocs build.")] = False,
    check: Annotated[
        bool, typer.Option("--check", help="Change nothing; exit 1 and list the pages when docs/ is stale.")
    ] = False,
    engine: Annotated[
        Optional[str], typer.Option(help="Site engine: mkdocs (default), properdocs or zensical (or set NEWSWIKI_ENGINE).")
    ] = None,
) -> None:
    """Regenerate docs/ from corpus/ and build the site into site/ (with site/wiki.json).

    Exit status: 0 when every file became an article, 1 when some files had errors
    (they are listed; the rest of the wiki is still built), 2 when the build itself failed.
    With --check: 0 when docs/ is up to date, 1 when a build would change it or a page has errors,
    2 when the check itself failed.
    """
    from newswiki.ingest import MissingCorpus
    from newswiki.pipeline import build as run_build
    from newswiki.paths import UnsafePath
    from newswiki.site import SiteError

    config = Config.for_root(root, workers=workers, engine=engine)
    if check:
        run_check(config)
    if not (config.root / "mkdocs.yml").exists() and not no_site:
        err.print(f"[red]error[/red]: no mkdocs.yml in {escape(str(config.root))}; run from the project folder or pass --root")
        raise typer.Exit(2)
    started = time.perf_counter()
    try:
        with progress_display() as show:
            result = run_build(config, progress=show, build_site=not no_site)
    except (SiteError, UnsafePath, MissingCorpus) as error:
        err.print(f"[red]error[/red]: {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    except Exception as error:  # a bug or a broken environment: say so, and keep exit 1 for "bad files"
        err.print(f"[red]error[/red]: build failed: {escape(type(error).__name__)}: {escape(str(error))}", soft_wrap=True)
        raise typer.Exit(2)
    report_problems(result.problems, result.warnings)
    errors = sum(p.severity == "error" for p in result.problems)
    err.print(
        f"built {len(result.articles)} articles, {len(result.resolution.entities)} entities, "
        f"{result.written} pages written, {errors} errors in {time.perf_counter() - started:.1f}s",
        soft_wrap=True,
    )
    raise typer.Exit(0 if result.ok else 1)


@app.command()
def serve(
    root: Annotated[Path, typer.Option(help="Project folder holding corpus/, docs/ and mkdocs.yml.")] = Path("."),
    port: Annotated[int, typer.Option(help="Port on this machine to serve the wiki at.")] = 8000,
    host: Annotated[str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    workers: Annotated[int, typer.Option(help="Worker processes for NER; 0 = all cores.")] = 0,
    engine: Annotated[
        Optional[str], typer.Option(help="Site engine: mkdocs (default), properdocs or zensical (or set NEWSWIKI_ENGINE).")
    ] = None,
) -> None:
    """Preview: build, serve the wiki (with search) at http://HOST:PORT/, and build again whenever a
    file in corpus/ or docs/, mkdocs.yml or the theme overrides is saved.

    A build that fails is reported and the last site stays served; Ctrl-C stops the preview.
    """
    from newswiki.pipeline import build as run_build
    from newswiki.serve import ServeError, serve as run_serve

    config = Config.for_root(root, workers=workers, engine=engine)
    if not (config.root / "mkdocs.yml").exists():
        err.print(f"[red]error[/red]: no mkdocs.yml in {escape(str(config.root))}; run from the project folder or pass --root")
        raise typer.Exit(2)

    def build_once() -> None:
        with progress_display() as show:
            result = run_build(config, progress=show)
        report_problems(result.problems, result.warnings)

    # Ctrl-C stops the preview even when its parent ignores SIGINT and passed that on (a script's
    # background job, a test runner): Python then never installs its own handler.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        run_serve(config, build_once, lambda message: err.print(escape(message), highlight=False), host, port)
    except ServeError as error:
        err.print(f"[red]error[/red]: {escape(str(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(2)


def run_check(config: Config) -> None:
    from newswiki.check import check_docs

    try:
        with progress_display() as show:
            result = check_docs(config, progress=show)
    except Exception as error:  # not "stale" (exit 1): the check itself failed
        err.print(f"[red]error[/red]: check failed: {escape(type(error).__name__)}: {escape(str(error))}", soft_wrap=True)
        raise typer.Exit(2)
    problems = result.build.problems if result.build else []
    report_problems(problems, result.build.warnings if result.build else [])
    errors = sum(p.severity == "error" for p in problems)
    typer.echo(result.summary())
    if errors:
        typer.echo(f"{errors} errors (listed above)")
    raise typer.Exit(1 if result.stale or errors else 0)


def report_problems(problems: list[Problem], warnings: list[str]) -> None:
    for problem in problems:
        colour = "red" if problem.severity == "error" else "yellow"
        # One line per problem (soft_wrap: no folding at 80 columns), names escaped for rich markup.
        err.print(
            f"[{colour}]{problem.severity}[/{colour}] {escape(problem.source)}: {escape(problem.message)}",
            highlight=False, soft_wrap=True,
        )
    for warning in warnings:
        err.print(f"[yellow]warning[/yellow] {escape(warning)}", highlight=False, soft_wrap=True)


@app.command()
def add(
    files: Annotated[list[Path], typer.Argument(help="Article files (.txt or .html) to copy into corpus/.")],
    root: Annotated[Path, typer.Option(help="Project folder holding corpus/.")] = Path("."),
) -> None:
    """Copy articles into corpus/ under safe unique names and show what newswiki extracts from each.

    Then run `newswiki build` and commit corpus/ and docs/ together.
    """
    from newswiki.add import add_file

    config = Config.for_root(root)
    failed = False
    for path in files:
        added = add_file(path, config)
        if added.target is None or added.extraction is None:
            err.print(f"[red]error[/red] {escape(str(path))}: {escape(added.problem or '')}", highlight=False, soft_wrap=True)
            failed = True
            continue
        ex = added.extraction
        typer.echo(f"added {added.target.relative_to(config.root).as_posix()}")
        for name, value in (
            ("title", ex.title), ("authors", ", ".join(ex.authors) or "-"),
            ("published", ex.published.isoformat() if ex.published else "-"), ("publisher", ex.publisher or "-"),
            ("url", ex.url or "-"), ("body", f"{len(ex.body.split())} words"),
        ):
            typer.echo(f"  {name:<10} {value}")
        for warning in ex.warnings:
            err.print(f"  [yellow]warning[/yellow] {escape(warning)}", highlight=False, soft_wrap=True)
    raise typer.Exit(1 if failed else 0)


class progress_display:
    """A rich progress bar per stage on a terminal; silent otherwise."""

    def __enter__(self):
        self.progress = Progress(
            TextColumn("{task.description:<9}"), BarColumn(), MofNCompleteColumn(), RateColumn(), TimeElapsedColumn(),
            console=err, transient=False, disable=not err.is_terminal,
        )
        self.progress.__enter__()
        self.tasks: dict[str, int] = {}
        return self.update

    def update(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            # Starting at `done`, so work found in the cache does not count towards the rate.
            self.tasks[stage] = self.progress.add_task(stage, total=total or 1, completed=done)
        self.progress.update(self.tasks[stage], completed=done, total=total or 1)

    def __exit__(self, *exc) -> None:
        self.progress.__exit__(*exc)


class RateColumn(ProgressColumn):
    """Items per second of the stage (articles/s while the articles are analysed)."""

    def render(self, task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.1f}/s" if speed else "", style="progress.data.speed")
