"""Shared fixtures: a throw-away project folder built from a dict of files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "corpus"


def make_project(root: Path, corpus: dict[str, str | bytes] | None = None, seeds: bool = False) -> Path:
    """A project folder with mkdocs.yml, an empty docs/ and the given corpus files."""
    (root / "corpus").mkdir(parents=True, exist_ok=True)
    (root / "docs").mkdir(exist_ok=True)
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for extra in ("overrides", "docs_assets"):
        if (REPO / extra).is_dir():
            shutil.copytree(REPO / extra, root / extra, dirs_exist_ok=True)
    if seeds:
        for path in sorted(SEEDS.iterdir()):
            if path.is_file():
                shutil.copy(path, root / "corpus" / path.name)
    for name, content in (corpus or {}).items():
        target = root / "corpus" / name
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def project(tmp_path: Path):
    """Factory: project(corpus={...}, seeds=False) -> project root."""

    def factory(corpus: dict[str, str | bytes] | None = None, seeds: bool = False) -> Path:
        return make_project(tmp_path / "project", corpus, seeds)

    return factory


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory) -> Path:
    """The seed corpus built once per test session (docs/ and site/)."""
    from newswiki.config import Config
    from newswiki.pipeline import build

    root = make_project(tmp_path_factory.mktemp("seeds") / "project", seeds=True)
    result = build(Config.for_root(root, workers=1))
    assert result.ok, result.problems
    return root
