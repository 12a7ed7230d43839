"""The engines that turn docs/ into a site: MkDocs with Material (the default), ProperDocs (a
continuation of MkDocs 1.x that runs the same plugins and themes) and Zensical (Material's
successor, by the same team; it reads mkdocs.yml but has no plugin API).

An engine only renders pages: whatever the site needs beyond that (the sanitiser, the Pagefind
index, the entity ranking, the extra files) runs over its output afterwards (site.py), so it holds
for every engine. The MkDocs family renders only the pages asked for (`reuse` names the others,
whose HTML the caller takes from the previous site); Zensical renders everything, with a cache of
its own.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.metadata
import json
import logging
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from newswiki import safe_yaml

ENGINES = ("mkdocs", "properdocs", "zensical")
DEFAULT_ENGINE = "mkdocs"
#: Environment variable that picks the engine when the command line does not.
ENGINE_VARIABLE = "NEWSWIKI_ENGINE"
#: Packages whose version changes what a page renders to: a new version means a full rebuild.
RENDERING_PACKAGES = (
    "mkdocs", "properdocs", "zensical", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2",
    "nh3", "lxml", "pagefind", "pagefind_bin_extended",
)  # fmt: skip
#: The newswiki modules whose code decides the built site after the Markdown.
SITE_MODULES = ("site.py", "sanitize.py", "search_index.py", "mkdocs_plugin.py", "engines.py")
#: Config file Zensical is given: mkdocs.yml with the staged docs/ and site/ folders.
ZENSICAL_CONFIG = ".newswiki-zensical.yml"


class EngineError(Exception):
    """The engine could not build the site; the message says why."""


@dataclass
class EngineRun:
    #: Every page's output path in the site, by its path in docs/ (empty when the engine does not say).
    outputs: dict[str, str] = field(default_factory=dict)
    use_directory_urls: bool = True


def engine_name(requested: str | None = None) -> str:
    name = (requested or os.environ.get(ENGINE_VARIABLE) or DEFAULT_ENGINE).strip().lower()
    if name not in ENGINES:
        raise EngineError(f"unknown site engine {name!r}: choose one of {', '.join(ENGINES)}")
    return name


def available(name: str) -> bool:
    try:
        importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def incremental(name: str) -> bool:
    """Whether the engine renders only the pages asked for."""
    return name in ("mkdocs", "properdocs")


def engine_key(name: str, root: Path) -> str:
    """What besides the pages decides every page's HTML: the engine, mkdocs.yml, the theme's
    overrides, the rendering packages' versions and the site stage's own code."""
    digest = hashlib.sha256(name.encode())
    for package in RENDERING_PACKAGES:
        try:
            digest.update(f"\0{package}={importlib.metadata.version(package)}".encode())
        except importlib.metadata.PackageNotFoundError:
            digest.update(f"\0{package}=-".encode())
    digest.update(b"\0mkdocs.yml\0" + (root / "mkdocs.yml").read_bytes())
    try:
        config = safe_yaml.load((root / "mkdocs.yml").read_text("utf-8"), "mkdocs.yml")
    except safe_yaml.YamlError:
        config = None  # the engine will say what is wrong with it
    theme = config.get("theme") if isinstance(config, dict) else None
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    for folder in [root / custom] if isinstance(custom, str) else []:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(f"\0{path.relative_to(root).as_posix()}\0".encode() + path.read_bytes())
    here = Path(__file__).parent
    for module in SITE_MODULES:
        digest.update(f"\0{module}\0".encode() + (here / module).read_bytes())
    return digest.hexdigest()


def run(name: str, root: Path, docs_dir: Path, site_dir: Path, strict: bool, reuse: frozenset[str]) -> EngineRun:
    """Build docs_dir into site_dir (empty) with the engine; reuse: pages not to render (MkDocs family)."""
    if not available(name):
        raise EngineError(f"the {name} engine is not installed (pip install 'newswiki[engines]')")
    if name == "zensical":
        return run_zensical(root, docs_dir, site_dir)
    if name == "properdocs":
        return run_in_process_of_its_own(name, root, docs_dir, site_dir, strict, reuse)
    return run_mkdocs_family(name, root, docs_dir, site_dir, strict, reuse)


def run_in_process_of_its_own(
    name: str, root: Path, docs_dir: Path, site_dir: Path, strict: bool, reuse: frozenset[str]
) -> EngineRun:
    """ProperDocs answers every later `import mkdocs` of its process with itself (so Material's
    plugins run on it): it gets a process of its own, running main() below."""
    request = {"engine": name, "root": str(root), "docs_dir": str(docs_dir), "site_dir": str(site_dir),
               "strict": strict, "reuse": sorted(reuse)}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "newswiki.engines"], input=json.dumps(request), capture_output=True, text=True,
        check=False, cwd=root,
    )
    if done.returncode != 0:
        said = (done.stderr or done.stdout).strip().splitlines()
        raise EngineError(said[-1] if said else f"{name} build failed (exit status {done.returncode})")
    answer = json.loads(done.stdout.strip().splitlines()[-1])
    return EngineRun(outputs=answer["outputs"], use_directory_urls=answer["use_directory_urls"])


def main() -> None:
    """A build in this process, asked for on stdin (JSON), answered on stdout; errors on stderr."""
    request = json.loads(sys.stdin.read())
    if request["engine"] == "properdocs":
        import properdocs.replacement  # noqa: F401 - from here on, mkdocs.* is properdocs.*
    try:
        done = run_mkdocs_family(
            request["engine"], Path(request["root"]), Path(request["docs_dir"]), Path(request["site_dir"]),
            bool(request["strict"]), frozenset(request["reuse"]),
        )
    except EngineError as err:
        print(err, file=sys.stderr)
        raise SystemExit(1) from None
    print(json.dumps({"outputs": done.outputs, "use_directory_urls": done.use_directory_urls}))


class WarningsKept(logging.Handler):
    """The engine's warnings during one run, to name in the error when they stop a strict build."""

    SHOWN = 10

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())

    def listed(self) -> str:
        if not self.messages:
            return ""
        more = len(self.messages) - self.SHOWN
        return "\n" + "\n".join(f"  {m}" for m in self.messages[: self.SHOWN]) + (f"\n  ... and {more} more" if more > 0 else "")


def run_mkdocs_family(name: str, root: Path, docs_dir: Path, site_dir: Path, strict: bool, reuse: frozenset[str]) -> EngineRun:
    """MkDocs or ProperDocs in this process, with the build's own plugin added (mkdocs_plugin.py)."""
    from newswiki.mkdocs_plugin import DirtyWarningFilter, NewswikiPlugin

    build = importlib.import_module(f"{name}.commands.build").build
    load_config = importlib.import_module(f"{name}.config").load_config
    exceptions = importlib.import_module(f"{name}.exceptions")
    logger = logging.getLogger(name)
    logger.setLevel(logging.WARNING)
    quiet = DirtyWarningFilter()
    build_logger = logging.getLogger(f"{name}.commands.build")
    build_logger.addFilter(quiet)
    # The warnings themselves (which page, which link): without them a strict build's error says
    # only how many there were.
    said = WarningsKept()
    logger.addHandler(said)
    previous_cwd = os.getcwd()
    plugin = NewswikiPlugin(reuse)
    try:
        os.chdir(root)
        config = load_config(str(root / "mkdocs.yml"), strict=strict, site_dir=str(site_dir), docs_dir=str(docs_dir))
        config.plugins["newswiki"] = plugin
        build(config, dirty=True)  # site_dir is empty: "dirty" only means the reused pages are skipped
    except exceptions.MkDocsException as err:  # ProperDocs keeps MkDocs' exception names
        raise EngineError(f"{name} build failed: {err}{said.listed()}") from err
    except SystemExit as err:  # aborts on warnings in strict mode
        raise EngineError(f"{name} build aborted (strict mode): {err}{said.listed()}") from err
    finally:
        build_logger.removeFilter(quiet)
        logger.removeHandler(said)
        os.chdir(previous_cwd)
    return EngineRun(outputs=dict(plugin.outputs), use_directory_urls=bool(config["use_directory_urls"]))


def run_zensical(root: Path, docs_dir: Path, site_dir: Path) -> EngineRun:
    """Zensical in a process of its own, on mkdocs.yml pointed at the staged folders. Its config
    file must sit in the project folder: it keeps docs_dir and site_dir inside the config's folder."""
    config = safe_yaml.load((root / "mkdocs.yml").read_text("utf-8"), "mkdocs.yml")
    if not isinstance(config, dict):
        raise EngineError("mkdocs.yml does not hold a mapping")
    config["docs_dir"] = os.path.relpath(docs_dir, root)
    config["site_dir"] = os.path.relpath(site_dir, root)
    config_path = root / ZENSICAL_CONFIG
    config_path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    try:
        done = subprocess.run(
            [sys.executable, "-m", "zensical", "build", "-f", str(config_path)],
            cwd=root, capture_output=True, text=True, check=False,
        )
    finally:
        config_path.unlink(missing_ok=True)
    if done.returncode != 0:
        raise EngineError(f"zensical build failed: {(done.stderr or done.stdout).strip()[-2000:]}")
    return EngineRun(use_directory_urls=bool(config.get("use_directory_urls", True)))



if __name__ == "__main__":
    main()
