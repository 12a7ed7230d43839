"""The one way newswiki reads YAML (sidecars, front matter, curation files): safely.

- only plain data: PyYAML's SafeLoader, so ``!!python/...`` tags are refused;
- anchors and aliases are limited, so an alias bomb ("billion laughs") is refused
  at once instead of exploding when someone walks the result;
- duplicate keys are an error (the second silently winning hides mistakes);
- every error is a YamlError whose message names the file, and the line or field.

    data = safe_yaml.load(text, "corpus/x.yml")
"""

from __future__ import annotations

import re
from typing import Any

import yaml

#: Hand-written metadata never needs more than a few aliases; a bomb needs many.
MAX_ALIASES = 20
#: Metadata files are small; a larger one is a mistake or an attack.
MAX_CHARS = 1_000_000
#: Deeper nesting than this is not metadata (and deep recursion can crash the parser).
MAX_DEPTH = 50

FRONT_MATTER_FENCE = "---"
#: A page's front matter: the YAML between a leading "---" line and the next "---" or "..." line.
FRONT_MATTER_RE = re.compile(r"\A-{3}[ \t]*\r?\n(.*?\r?\n)?(?:-{3}|\.{3})[ \t]*(?:\r?\n|\Z)", re.S)


class YamlError(ValueError):
    """A YAML text that newswiki will not use; the message says where and why."""


class _LimitedLoader(yaml.SafeLoader):
    """SafeLoader that counts aliases and nesting while composing."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.alias_count = 0
        self.depth = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            self.alias_count += 1
            if self.alias_count > MAX_ALIASES:
                mark = self.peek_event().start_mark
                raise YamlError(f"line {mark.line + 1}: more than {MAX_ALIASES} aliases (*name); refused")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            mark = self.peek_event().start_mark
            raise YamlError(f"line {mark.line + 1}: nested deeper than {MAX_DEPTH} levels; refused")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


    def construct_yaml_timestamp(self, node):  # type: ignore[override]
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as err:  # 2023-02-30, 0000-00-00: shaped like a date, not one
            raise YamlError(f"line {node.start_mark.line + 1}: {node.value!r} is not a real date ({err})") from None

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                duplicate = key in seen
            except TypeError:  # an unhashable key: let SafeLoader report it
                break
            if duplicate:
                raise YamlError(f"line {key_node.start_mark.line + 1}: duplicate key {key!r}")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_LimitedLoader.add_constructor("tag:yaml.org,2002:timestamp", _LimitedLoader.construct_yaml_timestamp)


def load(text: str, source: str) -> Any:
    """Parse YAML text from source (a file name for messages); raise YamlError if unsafe or invalid."""
    return _parse(text, source, lambda loader: loader.get_single_data())


def compose(text: str, source: str) -> yaml.Node | None:
    """The node tree of YAML text, with the same limits as load (for checks that need each value's line)."""
    return _parse(text, source, lambda loader: loader.get_single_node())


def construct(node: yaml.Node, source: str) -> Any:
    """The plain data of one node of compose's tree (dates checked as in load)."""
    return _parse("", source, lambda loader: loader.construct_document(node))


def _parse(text: str, source: str, parse) -> Any:
    if len(text) > MAX_CHARS:
        raise YamlError(f"{source}: YAML too large ({len(text):,} characters; the limit is {MAX_CHARS:,})")
    loader = None
    try:
        loader = _LimitedLoader(text)
        return parse(loader)
    except YamlError as err:
        raise YamlError(f"{source}: {err}") from None
    except yaml.constructor.ConstructorError as err:
        where = f"line {err.problem_mark.line + 1}: " if err.problem_mark else ""
        raise YamlError(f"{source}: {where}{err.problem} (only plain YAML data is allowed)") from None
    except yaml.MarkedYAMLError as err:
        where = f"line {err.problem_mark.line + 1}: " if err.problem_mark else ""
        raise YamlError(f"{source}: {where}invalid YAML: {err.problem or err.context}") from None
    except yaml.reader.ReaderError as err:
        raise YamlError(f"{source}: character {err.character!r} at position {err.position} is not allowed in YAML") from None
    except (yaml.YAMLError, RecursionError, ValueError, OverflowError) as err:
        raise YamlError(f"{source}: invalid YAML: {type(err).__name__}: {str(err)[:200]}") from None
    finally:
        if loader is not None:
            loader.dispose()


def front_matter_text(text: str) -> str | None:
    """The YAML of a page's front matter, or None when the page has none."""
    match = FRONT_MATTER_RE.match(text)
    if match is None:
        return None
    return match.group(1) or ""


def front_matter_fields(text: str, name: str = "page") -> dict | None:
    """A page's front matter as a mapping of fields; None when it has none, is not valid YAML or is
    not a mapping (the callers that must name such a page check it themselves)."""
    try:
        data = load(front_matter_text(text) or "", name)
    except YamlError:
        return None
    return data if isinstance(data, dict) else None


def front_matter_end(text: str) -> int:
    """Where the text after the front matter starts (0 without front matter)."""
    match = FRONT_MATTER_RE.match(text)
    return match.end() if match else 0
