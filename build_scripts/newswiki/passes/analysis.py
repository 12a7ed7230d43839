"""Pass 1, per article: ingest the corpus, then clean + metadata + NER for each file, cached by
content and run in worker processes when there are many.

A file's result depends on its bytes, its sidecar and the corpus-wide furniture lines found in it,
nothing else, so adding an article does not invalidate the others' cached results.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from newswiki import cache, clean, docs_writer, duplicates, ingest, limits, markdown, metadata, ner, render, resolve
from newswiki.cache import ArticleCache, LineKeyCache
from newswiki.config import DEFAULT_MAX_BODY_CHARS, Config
from newswiki.extract import extract
from newswiki.metadata import Sidecar, SidecarError
from newswiki.models import (
    AnalysedCorpus, Article, ArticleResult, Extraction, FreshWork, Mention, Problem, SourceFile,
)
from newswiki.slugs import article_ids, previous_ids
from newswiki.passes import Progress
from newswiki.workers import run_in_pool, start_worker, warm_up_workers


@dataclass(frozen=True)
class ArticleInput:
    """Everything the per-article stage reads: the file, the corpus furniture found in it, its sidecar."""

    source: SourceFile
    furniture: frozenset[str]
    sidecar: Sidecar | None

    def digest(self) -> str:
        """What besides the pipeline's code decides the result: bytes, path, furniture, sidecar."""
        parts = [self.source.source, self.source.sha256, *sorted(self.furniture)]
        parts.append(self.sidecar.model_dump_json() if self.sidecar else "")
        return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def analyse_corpus(config: Config, progress: Progress) -> AnalysedCorpus:
    """Ingest, then the per-article stage for every file: the articles, their mentions, resolution
    facts and blocks, and the problems met."""
    paths = ingest.list_corpus(config.corpus_dir)
    # A corpus this large is built in worker processes; in a rebuild, even one changed file is
    # analysed by a worker, whose model is loaded meanwhile, not by this process after the reading.
    warm = len(paths) >= config.parallel_min_files and warm_up_workers(config)
    progress("ingest", 0, len(paths))
    sources, problems = ingest.ingest(paths, config.root, config.max_bytes)
    progress("ingest", len(paths), len(paths))
    problems.extend(unused_sidecars(config, paths))
    inputs, line_keyed = article_inputs(sources, config, problems)
    del sources  # the inputs hold them
    analysed: list[ArticleResult] = []
    fresh: list[str] = []
    for result in analyse_cached(inputs, config, progress, warm, fresh):
        if isinstance(result, Problem):
            problems.append(result)
        elif len(result.extraction.body) > config.max_body_chars:
            problems.append(too_long(result.source.source, len(result.extraction.body), config.max_body_chars))
        elif not result.extraction.body.strip():
            problems.append(no_text(result.source.source))
        else:
            analysed.append(result)
    # The ids the articles had in the last build (the committed manifest: its paths checked) are kept.
    records = docs_writer.load_records(config.docs_dir)
    previous = previous_ids({path: record.identity for path, record in records.items()})
    copies = duplicates.find_copies(analysed, published=previous)
    for copy, (kept, why) in sorted(copies.items()):
        problems.append(Problem(copy, f"the same page as {kept} ({why}); only {kept} is published - delete one of them", "warning"))
    analysed = [result for result in analysed if result.source.source not in copies]
    failed = {p.source for p in problems if p.severity == "error"}  # their pages are kept: no other article takes them
    articles = article_ids([(result.source, result.extraction) for result in analysed], previous,
                           taken={aid for source, aid in previous.items() if source in failed})
    for article in articles:
        problems.extend(Problem(article.extraction.source, w, "warning") for w in article.extraction.warnings)
    by_source = {result.source.source: result for result in analysed}
    return AnalysedCorpus(
        articles, bind_mentions(articles, by_source),
        facts={a.id: by_source[a.extraction.source].facts for a in articles},
        blocks={a.id: by_source[a.extraction.source].blocks for a in articles},
        problems=problems, fresh=FreshWork(analysed=fresh, line_keyed=line_keyed),
        copies={copy: kept for copy, (kept, _) in copies.items()},
    )


def article_inputs(sources: list[SourceFile], config: Config, problems: list[Problem]) -> tuple[list[ArticleInput], list[str]]:
    """Each file with the corpus furniture found in it and its sidecar (a bad sidecar is a problem),
    and the text files whose line keys were made afresh."""
    texts = [s for s in sources if s.kind == "text"]
    line_keys, line_keyed = corpus_line_keys(texts, config)
    # A file saved twice counts once among the files a line is repeated in.
    corpus_lines = clean.repeated_lines(list({s.text: line_keys[s.source] for s in texts}.values()))
    inputs = []
    for source in sources:
        try:
            furniture = furniture_in(source, corpus_lines, line_keys.get(source.source))
            inputs.append(ArticleInput(source, furniture, source_sidecar(config, source)))
        except SidecarError as err:
            problems.append(Problem(source.source, str(err)))
    return inputs, line_keyed


def corpus_line_keys(texts: list[SourceFile], config: Config) -> tuple[dict[str, list[str | None]], list[str]]:
    """clean.line_keys of each text file, by source: from the cache when its bytes are unchanged;
    and the files whose keys were made afresh."""
    version = cache.pipeline_version(config.spacy_model, config.max_bytes)
    keys = {s.source: cache.entry_key(version, "line keys", s.sha256) for s in texts}
    with LineKeyCache(config.cache_dir) as store:
        found = store.get_many(keys.values())
        made = [s for s in texts if keys[s.source] not in found]
        fresh = {keys[s.source]: clean.line_keys(s.text) for s in made}
        store.put_many(fresh)
        store.prune()
    found.update(fresh)
    return {s.source: found[keys[s.source]] for s in texts}, [s.source for s in made]


def furniture_in(source: SourceFile, corpus_lines: frozenset[str], line_keys: list[str | None] | None = None) -> frozenset[str]:
    """The corpus-wide repeated lines that occur in this file: the only part of the corpus its
    cleaning depends on, so adding an article does not invalidate the others' cached results.

    line_keys: clean.line_keys of the file's text, when the caller has them already.
    """
    if source.kind != "text" or not corpus_lines:
        return frozenset()
    keys = line_keys if line_keys is not None else clean.line_keys(source.text)
    # Lines, and the paragraphs of several lines (a one-line paragraph is already among the lines).
    return corpus_lines & {k for k in keys if k is not None}.union(clean.paragraph_keys(keys))


def too_long(source: str, length: int, limit: int) -> Problem:
    return Problem(source, f"article text too long ({length:,} characters; the limit is {limit:,}) - not built; "
                           "split it or raise max_body_chars")


def no_text(source: str) -> Problem:
    """A page in which no article text was found is not published: a title over an empty page helps
    no reader. Its previous page, if it had one, is kept (as for any file that fails)."""
    return Problem(source, f"no article text found - not published; see what was dropped with "
                           f"`newswiki extract --explain {source}`")


def fit_for_ner(ex: Extraction, max_body_chars: int) -> Extraction | Problem:
    """ex, or the problem that keeps it from NER: too many characters, or too many words and signs."""
    if len(ex.body) > max_body_chars:
        return too_long(ex.source, len(ex.body), max_body_chars)
    too_many = limits.ner_tokens_problem(limits.ner_text(markdown.plain_text(ex.body)))
    return Problem(ex.source, too_many) if too_many else ex


def analyse(inputs: list[ArticleInput], model: str, max_body_chars: int = DEFAULT_MAX_BODY_CHARS) -> list[ArticleResult | Problem]:
    """The per-article stage for a batch of files: extract each, then NER over the batch (nlp.pipe).

    A pure function of its inputs and the model: what it returns is what the cache keeps. An
    article text longer than max_body_chars is refused before NER, the costly part.
    """
    extracted: list[Extraction | Problem] = []
    for item in inputs:
        try:
            extracted.append(fit_for_ner(extract(item.source, item.furniture, item.sidecar), max_body_chars))
        except Exception as err:  # one broken page must not stop the wiki
            extracted.append(Problem(item.source.source, f"extraction failed: {type(err).__name__}: {err}"))
    # Mentions are labelled with the id the article has when its slug clashes with no other; the
    # rare clash is relabelled corpus-wide in bind_mentions.
    batch: list[Article] = []
    for n, (item, ex) in enumerate(zip(inputs, extracted)):
        if isinstance(ex, Extraction):
            article_id = article_ids([(item.source, ex)])[0].id
            if any(a.id == article_id for a in batch):  # two titles alike within one batch
                article_id = f"{article_id}--{n}"
            batch.append(Article(id=article_id, sha256=item.source.sha256, extraction=ex))
    found = ner.find_mentions(batch, model, workers=1)
    by_source = {a.extraction.source: a.id for a in batch}
    results: list[ArticleResult | Problem] = []
    for item, ex in zip(inputs, extracted):
        if isinstance(ex, Extraction):
            mentions = found[by_source[ex.source]]
            text = markdown.plain_text(ex.body)
            facts = resolve.article_facts(mentions, text)
            blocks = render.article_blocks(ex.body, text)
            # The per-line decisions serve `extract --explain` only; the build keeps none of them.
            results.append(ArticleResult(replace(item.source, text=""), replace(ex, decisions=()), tuple(mentions), facts, blocks,
                                         duplicates.fingerprint(text)))
        else:
            results.append(ex)
    return results


def analyse_cached(
    inputs: list[ArticleInput], config: Config, progress: Progress, warm: bool = False, fresh: list[str] | None = None,
) -> list[ArticleResult | Problem]:
    """analyse() for every input, in order: cached results reused, the rest computed in parallel
    (by workers however few they are, when warm: see warm_up_workers). fresh: gets the sources
    analysed afresh."""
    version = cache.pipeline_version(config.spacy_model, config.max_bytes)
    keys = [cache.entry_key(version, item.source.source, item.digest()) for item in inputs]
    with ArticleCache(config.cache_dir) as store:
        found = store.get_many(keys)
        results: list[ArticleResult | Problem | None] = [found.get(key) for key in keys]
        todo = [n for n, result in enumerate(results) if result is None]
        if fresh is not None:
            fresh.extend(inputs[n].source.source for n in todo)
        done = len(inputs) - len(todo)
        progress("articles", done, len(inputs))
        chunks = [todo[i : i + config.analysis_chunk] for i in range(0, len(todo), config.analysis_chunk)]
        for batch, chunk in run_chunks(chunks, inputs, config, warm):
            made = {}
            for n, result in zip(chunk, batch):
                results[n] = result
                if isinstance(result, ArticleResult):
                    made[keys[n]] = result
            store.put_many(made)  # saved as it comes: an interrupted build keeps its finished work
            done += len(chunk)
            progress("articles", done, len(inputs))
        store.prune()
    return [r for r in results if r is not None]


def run_chunks(
    chunks: list[list[int]], inputs: list[ArticleInput], config: Config, warm: bool = False
) -> Iterator[tuple[list[ArticleResult | Problem], list[int]]]:
    """(analyse(chunk), chunk) for every chunk of input indices, in order."""
    total = sum(len(c) for c in chunks)
    workers = min(config.worker_count, len(chunks))
    batches = ([inputs[n] for n in chunk] for chunk in chunks)
    if not chunks or (not warm and (workers <= 1 or total < config.parallel_min_files)):
        return zip((analyse(batch, config.spacy_model, config.max_body_chars) for batch in batches), chunks)
    arguments = ((batch, config.spacy_model, config.max_body_chars) for batch in batches)
    # Every chunk given out at once: the results are small and come back as the workers finish.
    done = run_in_pool(analyse, arguments, workers, len(chunks), start_worker, (config.spacy_model,))
    return zip(done, chunks)


def bind_mentions(articles: list[Article], results: dict[str, ArticleResult]) -> dict[str, list[Mention]]:
    """Each article's mentions, labelled with the article's final id."""
    mentions: dict[str, list[Mention]] = {}
    for article in articles:
        found = results[article.extraction.source].mentions
        if all(m.article_id == article.id for m in found[:1]):
            mentions[article.id] = list(found)
        else:
            mentions[article.id] = [replace(m, article_id=article.id) for m in found]
    return mentions


def unused_sidecars(config: Config, paths: list[Path]) -> list[Problem]:
    """A warning for each sidecar in corpus/ that no article reads: its corrections are not applied."""
    return [
        Problem(ingest.display_path(path, config.root),
                f"not used: the article reads {ingest.display_path(instead, config.root)} instead" if instead else
                "a sidecar beside no article (name it after the article file: corpus/<name>.yml beside "
                "corpus/<name>.txt or .html); its fields are not used", "warning")
        for path, instead in metadata.unused_sidecars(config.corpus_dir, paths).items()
    ]


def source_sidecar(config: Config, source: SourceFile, path: Path | None = None) -> Sidecar | None:
    """The validated corpus/<name>.yml of a source file, or None when it has none."""
    found = metadata.sidecar_path(path or config.corpus_dir / source.name)
    if found is None:
        return None
    return metadata.load_sidecar(found, ingest.display_path(found, config.root))


def extract_files(paths: list[Path], config: Config) -> list[Extraction | Problem]:
    """Extraction for each named file, in order; an unusable file becomes a Problem.

    Lines repeated across the project's corpus/ are furniture here too, as in a build.
    """
    results: list[Extraction | Problem] = []
    corpus, _ = ingest.ingest(ingest.list_corpus(config.corpus_dir), config.root, config.max_bytes)
    corpus_lines = clean.corpus_boilerplate([s.text for s in corpus if s.kind == "text"])
    for path in paths:
        sources, problems = ingest.ingest([path], config.root, config.max_bytes)
        if problems:
            results.extend(problems)
            continue
        try:
            results.append(extract(sources[0], furniture_in(sources[0], corpus_lines), source_sidecar(config, sources[0], path)))
        except SidecarError as err:
            results.append(Problem(sources[0].source, str(err)))
        except Exception as err:
            results.append(Problem(sources[0].source, f"extraction failed: {type(err).__name__}: {err}"))
    return results
