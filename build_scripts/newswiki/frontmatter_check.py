"""Checking the front matter of hand-edited pages: known fields, right types, safe YAML only.

A page's front matter is the YAML between the first two ``---`` lines. Every
problem becomes an error naming the file, the line and the field, e.g.::

    docs/entities/belarus.md:4: field 'alias': unknown field for an entity page (known: aliases, ...)

Only plain YAML is accepted, read through ``safe_yaml`` (its limits on aliases, nesting and
size hold before anything walks the tree): tags such as ``!!python/object`` are refused
before anything is constructed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import yaml

from newswiki import limits, safe_yaml
from newswiki.models import Problem
from newswiki.safe_yaml import front_matter_fields, front_matter_text

#: Tags plain YAML resolves by itself; anything else (python/..., custom !tags) is refused.
SAFE_TAG_PREFIX = "tag:yaml.org,2002:"
SAFE_TAGS = {f"{SAFE_TAG_PREFIX}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}

Check = Callable[[object], bool]
#: The line number in a safe_yaml message.
YAML_LINE_RE = re.compile(r": line (\d+): ")


def is_text(value: object) -> bool:
    return isinstance(value, str)


def is_texts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def is_text_or_texts(value: object) -> bool:
    return is_text(value) or is_texts(value)


def is_date(value: object) -> bool:
    """A real date the site can show (limits.date_problem), as a YAML date or YYYY-MM-DD text."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return False
    return isinstance(value, dt.date) and limits.date_problem(value) is None


#: A BCP 47 language tag as pages use it (en, ru, pt-BR, zh-Hant): it is printed into the page's HTML.
LANGUAGE_TAG_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def is_language_tag(value: object) -> bool:
    return isinstance(value, str) and LANGUAGE_TAG_RE.fullmatch(value) is not None


def is_date_range(value: object) -> bool:
    """[first day, last day]: a digest's period (published is its last day)."""
    if not (isinstance(value, list) and len(value) == 2 and all(is_date(v) for v in value)):
        return False
    first, last = (v if isinstance(v, dt.date) else dt.date.fromisoformat(v) for v in value)
    return first <= last


def is_mapping(value: object) -> bool:
    return isinstance(value, dict)


def is_text_mapping(value: object) -> bool:
    return isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())


def is_bool(value: object) -> bool:
    return isinstance(value, bool)


TYPE_NAMES: dict[Check, str] = {
    is_text: "text",
    is_texts: "a list of texts",
    is_text_or_texts: "a text or a list of texts",
    is_date: f"a date (YYYY-MM-DD) from {limits.EARLIEST_DATE} to {limits.LATEST_DATE}",
    is_language_tag: "a language tag (en, ru, pt-BR)",
    is_date_range: "two such dates [first day, last day]",
    is_mapping: "a mapping",
    is_text_mapping: "a mapping of texts (name: text)",
    is_bool: "true or false",
}

#: Fields MkDocs and Material understand on any page.
COMMON_FIELDS: dict[str, Check] = {
    "title": is_text,
    "description": is_text,
    "hide": is_texts,
    "search": is_mapping,
    "template": is_text,
    "status": is_text,
    "icon": is_text,
    "subtitle": is_text,
    "tags": is_texts,
}
ARTICLE_FIELDS: dict[str, Check] = {
    "authors": is_texts,
    "affiliations": is_text_mapping,
    "published": is_date,
    "published_range": is_date_range,
    "publisher": is_text,
    "url": is_text,
    "source": is_text,
    "cleaning": is_mapping,
    "lang": is_language_tag,
}
#: Entity pages: `generated` is the build's record of what it found; the rest are the curation
#: keys of newswiki/curation.py (which checks their values in depth: entity types, merge loops).
ENTITY_FIELDS: dict[str, Check] = {
    "generated": is_mapping,
    "aliases": is_text_or_texts,
    "name": is_text,
    "type": is_text,
    "split": is_text_or_texts,
    "merge_into": is_text,
    "ignore": is_bool,
}


def fields_for(kind: str) -> dict[str, Check]:
    fields = dict(COMMON_FIELDS)
    if kind == "article":
        fields.update(ARTICLE_FIELDS)
    elif kind == "entity":
        fields.update(ENTITY_FIELDS)
    return fields


def generated_fields(generated: str | None) -> set[str]:
    """The keys the build itself writes on a page: known whatever this module's tables say."""
    data = front_matter_fields(generated or "", "generated page")
    return {str(key) for key in data} if data is not None else set()


@lru_cache(maxsize=4)
def known_templates(root: Path) -> frozenset[str]:
    """The page templates a site of the project at root can use: Material's and the project's overrides/."""
    import material

    folders = [Path(material.__file__).parent / "templates", root / "overrides"]
    return frozenset(p.relative_to(f).as_posix() for f in folders if f.is_dir() for p in f.rglob("*.html"))


def validate_page(
    name: str, text: str, kind: str, generated: str | None = None, templates: frozenset[str] | None = None
) -> list[Problem]:
    """Errors in the front matter of one page; name is how the file is shown (e.g. docs/articles/x.md).

    generated is the text the build makes for the page: its fields are always allowed. templates:
    the template names `template:` may take (a missing one stops MkDocs' whole build).
    """
    yaml_text = front_matter_text(text)
    if yaml_text is None:
        return []
    first_line = 2  # the YAML starts below the opening ---

    def problem(line: int, message: str) -> Problem:
        return Problem(f"{name}:{line + first_line}", message)

    try:  # safe_yaml's limits (aliases, depth, size) before anything walks the tree
        root = safe_yaml.compose(yaml_text, name)
    except safe_yaml.YamlError as err:
        line = YAML_LINE_RE.search(str(err))
        detail = str(err).removeprefix(f"{name}: ")
        return [problem(int(line.group(1)) - 1 if line else 0, f"front matter is not valid YAML: {detail}")]
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        return [problem(root.start_mark.line, "front matter must be a mapping of field: value")]
    known = fields_for(kind)
    for key in generated_fields(generated) - set(known):
        known[key] = lambda value: True
    problems = []
    for key_node, value_node in root.value:
        field = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
        line = key_node.start_mark.line
        bad_tag = unsafe_tag(value_node) or unsafe_tag(key_node)
        if bad_tag:
            problems.append(problem(bad_tag[1], f"field {field!r}: YAML tag {bad_tag[0]!r} is not allowed (plain YAML only)"))
            continue
        if field not in known:
            problems.append(problem(line, f"field {field!r}: unknown field for {article(kind)} page (known: {', '.join(sorted(known))})"))
            continue
        try:
            value = safe_yaml.construct(value_node, name)
        except safe_yaml.YamlError as err:
            problems.append(problem(line, f"field {field!r}: {YAML_LINE_RE.sub(': ', str(err)).removeprefix(f'{name}: ')}"))
            continue
        if value is not None and not known[field](value):
            problems.append(problem(line, f"field {field!r}: must be {TYPE_NAMES.get(known[field], 'another type')}, not {describe(value)}"))
        elif field == "template" and templates is not None and value not in templates:
            problems.append(problem(line, f"field 'template': no template {value!r} in the theme or overrides/"))
    return problems


def unsafe_tag(node: yaml.Node) -> tuple[str, int] | None:
    """The first tag in node that plain YAML does not resolve by itself, with its line."""
    if node.tag not in SAFE_TAGS:
        return node.tag, node.start_mark.line
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = list(node.value)
    elif isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    for child in children:
        found = unsafe_tag(child)
        if found:
            return found
    return None


def article(kind: str) -> str:
    return {"article": "an article", "entity": "an entity", "index": "an index"}.get(kind, f"a {kind}")


def describe(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"{type(value).__name__} {value!r}"[:80]
