"""Worker processes of the analysis and page passes: how they start, what each has set up, and the
one pool helper both passes run their tasks with.

Workers are forked from multiprocessing's fork server, which has the package imported, the
allocator set and (when the build warms it up) the spaCy model loaded: see preload.py.
"""

from __future__ import annotations

import collections
import concurrent.futures as cf
import ctypes
import gc
import multiprocessing
import multiprocessing.forkserver
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from newswiki import ner
from newswiki.config import Config

ResultT = TypeVar("ResultT")


def worker_context() -> multiprocessing.context.BaseContext:
    """How worker processes start: forked from a small server process that has the package imported,
    not from the main process. Forked from the main process, they copied much of its memory, the
    more the larger the corpus, as they allocated. (Elsewhere than Linux: spawned.)"""
    if sys.platform != "linux":
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["newswiki.pipeline", "newswiki.preload"])
    return context


def run_in_pool(
    task: Callable[..., ResultT], arguments: Iterable[tuple], workers: int, ahead: int,
    initializer: Callable[..., None] | None = None, initargs: tuple = (),
) -> Iterator[ResultT]:
    """task(*args) for every args of arguments, in order, computed in worker processes.

    At most `ahead` tasks are given out at a time, so results made faster than the caller takes
    them wait in memory only a few at a time. When the caller stops early (or fails), the tasks
    not started yet are cancelled, not waited for.
    """
    pool = cf.ProcessPoolExecutor(workers, mp_context=worker_context(), initializer=initializer, initargs=initargs)
    try:
        pending: collections.deque[cf.Future] = collections.deque()
        for args in arguments:
            pending.append(pool.submit(task, *args))
            if len(pending) >= ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(cancel_futures=True)


#: Names the spaCy model the workers' fork server loads as it starts (newswiki/preload.py).
PRELOAD_MODEL_ENV = "NEWSWIKI_PRELOAD_MODEL"


def warm_up_workers(config: Config) -> bool:
    """Start the workers' fork server now, loading the spaCy model, while this process reads the
    corpus: workers forked from it start at once. Only where there is a fork server and more than
    one worker; returns whether it started."""
    if sys.platform != "linux" or config.worker_count <= 1:
        return False
    os.environ[PRELOAD_MODEL_ENV] = config.spacy_model
    worker_context()
    multiprocessing.forkserver.ensure_running()
    return True


def start_worker(model: str) -> None:
    """A worker process of the per-article stage: the collector back on (it lives long), the model loaded."""
    gc.enable()
    ner.load_model(model)


#: glibc's mallopt() parameters (malloc.h).
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3


def keep_freed_memory() -> None:
    """glibc's malloc in a worker process: blocks up to 32 MB from the heap, and up to 64 MB of it
    kept when freed. Measured here, in pool workers the NER's arrays (a few MB a batch) were mapped
    and unmapped again batch after batch: 2,850 page faults per article and 12% of the NER's time;
    with these settings 14 per article, and the same peak memory. Set in the fork server
    (preload.py), so every worker has it. (Without glibc: nothing done.)"""
    if sys.platform != "linux":
        return
    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, 32 * 2**20)
        libc.mallopt(M_TRIM_THRESHOLD, 64 * 2**20)
    except (OSError, AttributeError):
        pass
