"""Imported by multiprocessing's fork server only (see workers.worker_context): loads the spaCy model
named by the build before any worker exists, so workers forked from the server start with it loaded,
sharing its memory."""

from __future__ import annotations

import os

from newswiki import ner
from newswiki.workers import PRELOAD_MODEL_ENV, keep_freed_memory


def preload() -> None:
    keep_freed_memory()  # inherited by every worker forked from the server
    model = os.environ.get(PRELOAD_MODEL_ENV)
    if not model:
        return
    try:
        ner.load_model(model)
    except Exception:  # noqa: BLE001 - the server must live on; a worker loading the model reports the error
        pass


preload()
