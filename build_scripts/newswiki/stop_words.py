"""Stop-word lists of many languages, read from spaCy's source files (importing spaCy costs seconds):
the cleaning stage measures prose with them, the entity report tells English pages by them."""

from __future__ import annotations

import ast
import importlib.util
from functools import lru_cache
from pathlib import Path

#: spaCy ships stop-word lists; these languages cover the corpora seen so far and their neighbours.
STOP_WORD_LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nl", "ru", "uk", "pl", "id", "tr", "sv", "ko", "be")


@lru_cache(maxsize=1)
def stop_word_lists() -> dict[str, frozenset[str]]:
    """spaCy's stop-word lists, read from its source files: importing spaCy costs seconds."""
    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return {}
    lang_dir = Path(list(spec.submodule_search_locations)[0]) / "lang"
    lists = {}
    for language in STOP_WORD_LANGUAGES:
        path = lang_dir / language / "stop_words.py"
        if path.is_file():
            found = _string_words(path.read_text(encoding="utf-8"))
            if found:
                lists[language] = found
    return lists


def _string_words(source: str) -> frozenset[str]:
    """Every word of the string literals in a stop_words.py module (they hold the list)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 40:
            found.update(w.lower() for w in node.value.split())
    return frozenset(found)
