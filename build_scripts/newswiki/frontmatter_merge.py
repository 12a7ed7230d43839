"""Three-way merge of a page's front matter field by field, so that fields a contributor adds
(curation: `aliases:`, `name:`, ...) never collide with the fields the build rewrites next to them
(`title:`, `description:`, `generated:`).

A line merge sees a field added at the end of the front matter and the build's change to the
field above it as one conflict, and would keep the whole page as it is: stale title and
description included. Here each top-level field is a unit: a field only one side changed takes
that side's text; a field both changed differently is a conflict (the caller keeps the page).
The text of every field stays as its side wrote it; only when each side's front matter splits
cleanly into fields (each one a mapping of that one key) is this used at all.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from newswiki import safe_yaml
from newswiki.safe_yaml import FRONT_MATTER_RE

#: A line that starts a top-level field: a plain or quoted key at column 0, then a colon.
KEY_LINE_RE = re.compile(r"""^(?:"(?P<dq>[^"\n]*)"|'(?P<sq>[^'\n]*)'|(?P<plain>[^\s#'"?:\-][^:#\n]*?))[ \t]*:(?:[ \t]|$)""")
#: Merges text without front matter: (merged, None) or (None, line of the conflict in mine).
TextMerge = Callable[[str, str, str], "tuple[str | None, int | None]"]


def split_fields(text: str) -> tuple[list[tuple[str, str]], str, str] | None:
    """(fields as (key, text) in order, the front matter's closing line, the rest of the page), or None
    when the page has no front matter or it does not split into distinct top-level fields."""
    match = FRONT_MATTER_RE.match(text)
    if match is None or not text.startswith("---\n"):
        return None
    inner = match.group(1) or ""
    closing = text[4 + len(inner) : match.end()]
    fields: list[tuple[str, str]] = []
    for line in inner.splitlines(True):
        key = KEY_LINE_RE.match(line)
        if key:
            fields.append(((key.group("dq") or key.group("sq") or key.group("plain") or "").strip(), line))
        elif fields:
            fields[-1] = (fields[-1][0], fields[-1][1] + line)
        else:
            return None  # text before the first field (a comment, say): left to the line merge
    keys = [key for key, _ in fields]
    if len(set(keys)) != len(keys) or not all(_one_field(key, body) for key, body in fields):
        return None
    return fields, closing, text[match.end() :]


def _one_field(key: str, body: str) -> bool:
    try:
        data = safe_yaml.load(body, "front matter")
    except safe_yaml.YamlError:
        return False
    return isinstance(data, dict) and list(data) == [key]


def merge_fields(
    base: list[tuple[str, str]], mine: list[tuple[str, str]], theirs: list[tuple[str, str]]
) -> tuple[list[tuple[str, str]] | None, str | None]:
    """(each field three-way merged as a unit, in mine's order with new fields of theirs after the
    field they follow there, None) or (None, the field changed differently on both sides)."""
    if mine == base or theirs == base:
        return (theirs if mine == base else mine), None
    z, a, b = dict(base), dict(mine), dict(theirs)
    result: dict[str, str | None] = {}
    for key in {**a, **b, **z}:
        old, my, their = z.get(key), a.get(key), b.get(key)
        if my == old:
            result[key] = their
        elif their in (old, my):
            result[key] = my
        else:
            return None, key
    order = list(a)
    for index, key in enumerate(b):
        if key not in order:
            before = [k for k in list(b)[:index] if k in order]
            order.insert(order.index(before[-1]) + 1 if before else 0, key)
    return [(key, text) for key in order if (text := result.get(key)) is not None], None


def three_way_page(base: str, mine: str, theirs: str, merge_text: TextMerge) -> tuple[str | None, int | None]:
    """merge_text over the whole page, except that the front matter is merged field by field when
    all three sides have one that splits into fields; (None, line in mine) on a conflict."""
    sides = [split_fields(text) for text in (base, mine, theirs)]
    if sides[0] is None or sides[1] is None or sides[2] is None:
        return merge_text(base, mine, theirs)
    (z, _, z_rest), (a, a_close, a_rest), (b, _, b_rest) = sides
    fields, conflict = merge_fields(z, a, b)
    if fields is None:
        keys = [key for key, _ in a]
        at = keys.index(conflict) if conflict in keys else 0
        return None, 2 + sum(text.count("\n") for _, text in a[:at])
    rest, line = merge_text(z_rest, a_rest, b_rest)
    if rest is None:
        return None, (line or 1) + mine[: len(mine) - len(a_rest)].count("\n")
    return "---\n" + "".join(text for _, text in fields) + a_close + rest, None


def replace_field(text: str, key: str, value: object) -> str:
    """The page with its front matter field key (when it has one) set to value, every other
    field's text as it was."""
    sides = split_fields(text)
    if sides is None or key not in dict(sides[0]):
        return text
    fields, closing, rest = sides
    new = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=1000)
    return "---\n" + "".join(new if k == key else body for k, body in fields) + closing + rest
