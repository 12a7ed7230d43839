"""The hand labels of benchmarks/entity_labels/ are consistent, so benchmarks/entities.py can trust them."""

from __future__ import annotations

import json
from pathlib import Path

LABELS = Path(__file__).resolve().parent.parent / "benchmarks" / "entity_labels"
KINDS = {"entity", "not_entity", "first_name", "product", "work"}
TYPES = {"person", "organization", "place", "event"}


def load() -> tuple[dict, dict]:
    labels = json.loads((LABELS / "labels.json").read_text(encoding="utf-8"))
    recall = json.loads((LABELS / "recall.json").read_text(encoding="utf-8"))
    return labels, recall


def canonicals(label: dict) -> list[str]:
    return label["canonical"] if isinstance(label["canonical"], list) else [label["canonical"]]


def test_every_name_has_a_kind_a_canonical_and_entities_a_type():
    names = load()[0]["names"]
    assert len(names) > 1000
    bad = [n for n, lab in names.items() if lab["kind"] not in KINDS or not canonicals(lab)
           or (lab["kind"] == "entity") != (lab.get("type") in TYPES)]
    assert bad == []


def test_senses_and_recall_point_at_articles_of_the_two_dev_sets_or_the_seeds():
    labels, recall = load()
    keys = [s["article"] for s in labels["senses"]] + list(recall["articles"])
    fresh = recall["fresh_draw"]["articles"]
    assert len(recall["articles"]) == 20 + len(fresh) == 35
    assert [k for k in keys if k.split("/")[0] not in ("seeds", "extraction-dev", "extraction-dev-2")] == []


def test_fresh_items_are_exactly_those_of_the_fresh_draw_of_held_out_articles():
    recall = load()[1]
    fresh = set(recall["fresh_draw"]["articles"])
    assert {k.split("/")[0] for k in fresh} == {"extraction-dev-2"}
    by_part = {k: {i.get("part") for i in wanted} for k, wanted in recall["articles"].items()}
    assert [k for k, parts in by_part.items() if (k in fresh) != (parts <= {"fresh"}) or len(parts) > 1] == []


def test_every_expected_name_has_surfaces_and_a_labelled_name_with_its_canonical():
    labels, recall = load()
    known = {c for lab in labels["names"].values() for c in canonicals(lab)}
    items = [i for wanted in recall["articles"].values() for i in wanted]
    assert len(items) > 150
    assert [i["canonical"] for i in items if not i["surfaces"] or i["canonical"] not in known] == []
