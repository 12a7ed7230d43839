"""The build report of the resolve stage: merges made and every candidate that got no page."""

from __future__ import annotations

from newswiki.models import Resolution
from newswiki.ner import is_english


def report_text(resolution: Resolution, texts: dict[str, str] | None = None) -> str:
    """The build report of the resolve stage: merges made and every candidate that got no page.

    texts: the articles that may not be in English (listed when they are not)."""
    lines = ["# Entity report", "", f"{len(resolution.entities)} entities; {len(resolution.merges)} merged from variants;",
             f"{len(resolution.dropped)} candidates got no page.", ""]
    foreign = sorted(aid for aid, text in (texts or {}).items() if not is_english(text))
    if foreign:
        lines += ["## Articles not in English (no entity recognition)", ""] + [f"- {aid}" for aid in foreign] + [""]
    lines += ["## Merges", ""]
    by_id = {e.id: e for e in resolution.entities}
    for entity_id in sorted(resolution.merges):
        lines.append(f"- {by_id[entity_id].name} ({entity_id}) <- " + " | ".join(resolution.merges[entity_id]))
    lines += ["", "## Dropped candidates (text / NER label / mentions / reason)", ""]
    for d in resolution.dropped:
        lines.append(f"- {d.text!r} / {d.label} / {d.count} / {d.reason}")
    return "\n".join(lines) + "\n"
