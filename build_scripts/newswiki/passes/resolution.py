"""Pass 2, the whole corpus: mentions into entities, with contributors' corrections
(docs/entities/*.md front matter), which come first and always win."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from newswiki import cache, curation, docs_writer, files, markdown, resolve
from newswiki.config import Config
from newswiki.models import AnalysedCorpus, Article, Resolution

#: The resolve stage's report (merges, every candidate that got no page), under the cache folder.
ENTITY_REPORT = "entity-report.md"


def resolve_corpus(corpus: AnalysedCorpus, config: Config) -> Resolution:
    """The corpus' entities; the stage's report goes to the cache folder. The articles' facts are
    taken out of the corpus: nothing after this pass reads them."""
    facts, corpus.facts = corpus.facts, {}
    texts = PlainTexts(corpus.articles)
    resolve.load_gazetteer(config.cache_dir / f"gazetteer-{cache.data_version(config.spacy_model, config.max_bytes)}.pickle")
    # A curation file with an error is left out and named among the problems.
    curated, unusable = curation.load_per_file(config.docs_dir, docs_writer.load_manifest(config.docs_dir))
    corpus.problems.extend(unusable)
    resolution = resolve.resolve(corpus.mentions, texts, curated, facts)
    # NER found names in every English article but a few, and in no other: only those few can be foreign.
    unnamed = {aid: texts[aid] for aid in texts if not corpus.mentions[aid]}
    files.atomic_write(config.cache_dir / ENTITY_REPORT, resolve.report_text(resolution, unnamed))
    return resolution


class PlainTexts(Mapping[str, str]):
    """Each article's plain text by id, made the first time it is asked for and kept: resolve reads
    some articles' text in several steps (counting occurrences, lower-case word pairs, firms' legal
    forms...), and making one anew for each took 5% of resolve at 10,000 articles. The texts made are
    kept as long as this mapping is (one resolution pass): ~100 MB at 10,000 articles."""

    def __init__(self, articles: list[Article]) -> None:
        self.bodies = {a.id: a.extraction.body for a in articles}
        self.made: dict[str, str] = {}

    def __getitem__(self, article_id: str) -> str:
        text = self.made.get(article_id)
        if text is None:
            text = self.made[article_id] = markdown.plain_text(self.bodies[article_id])
        return text

    def __iter__(self) -> Iterator[str]:
        return iter(self.bodies)

    def __len__(self) -> int:
        return len(self.bodies)
