"""Every occurrence of an entity's names: counted, listed beside its page, found where NER missed it."""

from __future__ import annotations

import json
from pathlib import Path


def seed_wiki(seed_site: Path) -> dict:
    return json.loads((seed_site / "site" / "wiki.json").read_text("utf-8"))


def test_seed_mention_lists_hold_every_counted_occurrence(seed_site: Path):
    entities = seed_wiki(seed_site)["entities"]
    assert entities
    for entity in entities:
        data = json.loads((seed_site / "site" / "entities" / entity["id"] / "mentions.json").read_text("utf-8"))
        rows = [dict(zip(data["columns"], row)) for row in data["rows"]]
        per_article: dict[str, int] = {}
        for row in rows:
            per_article[row["article_id"]] = per_article.get(row["article_id"], 0) + row["mentions"]
        assert per_article == entity["mentions"], entity["name"]
    lukashenko = next(e for e in entities if e["name"] == "Alexander Lukashenko")
    assert sum(lukashenko["mentions"].values()) == 85
    data = json.loads((seed_site / "site" / "entities" / lukashenko["id"] / "mentions.json").read_text("utf-8"))
    assert sum(row[data["columns"].index("mentions")] for row in data["rows"]) == 85
