"""Contributors correct the entity resolution in git, in the front matter of docs/entities/*.md.

One place: the YAML front matter at the top of an entity page. The build never
writes any of these keys itself, so whatever stands there was put there by a
person, and it always wins over the automatic resolution:

    ---
    title: Alexander Lukashenko      # written by the build (page title)
    generated:                        # written by the build: what the machine found
      type: person                    #   (informative only; never read back)
      aliases: [Lukashenka]
    aliases: [Lukashenka, Лукашэнка] # CURATION: more names of this entity (Quartz/Obsidian key)
    name: Alexander Lukashenko        # CURATION: the page's canonical name
    type: person                      # CURATION: person | organization | place | event
    split: [Lukashenko Jr]            # CURATION: names that must NOT be merged into this entity
    merge_into: other-entity-id       # CURATION: this entity is the same as docs/entities/other-entity-id.md
    ignore: true                      # CURATION: a false positive; no page, its names are dropped
    ---

The entity a file curates is the one whose page id is the file's name
(``docs/entities/<id>.md``); a curated entity keeps that id whatever its
canonical name becomes, so links to it stay valid. The usual way is to edit a
page the build wrote; a new file with only front matter (e.g. ``aliases:``)
also steers an entity (the page writer, docs_writer.py, adds the build's part to it).
An entity merged away or ignored keeps its page, the contributor's record of
that decision (docs_writer.py keeps it and points it on).

Generated aliases are listed inside the generated block of the page (and under
``generated:``), never under the top-level ``aliases:`` key, so a machine guess
is never mistaken for a contributor's decision.

A page that is byte for byte what the build last wrote (its hash is in
docs/.newswiki-manifest.json) holds no curation, whatever its front matter: only
a person's edit makes a page curation (this also covers pages written by older
builds, which put ``type:`` and ``aliases:`` at the top level).

Files are read with ``safe_yaml`` only (no tags, limited aliases); a malformed file or field stops
the build with a :class:`CurationError` naming the file and the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from newswiki import safe_yaml
from newswiki.safe_yaml import front_matter_text

#: Types a curator may set; the same words the build uses.
ENTITY_TYPES = ("person", "organization", "place", "event")
#: Keys a curator may write, each with the shape it must have.
CURATION_KEYS = ("aliases", "name", "type", "split", "merge_into", "ignore")
#: Likely misspellings, refused with a hint rather than silently ignored.
MISSPELT_KEYS = {
    "alias": "aliases",
    "merge": "merge_into",
    "merged_into": "merge_into",
    "merge_to": "merge_into",
    "mergeinto": "merge_into",
    "ignored": "ignore",
    "splits": "split",
    "entity_type": "type",
}


class CurationError(ValueError):
    """A curation field is malformed; the message names the file and the field."""


@dataclass(frozen=True)
class EntityCuration:
    """What one docs/entities/<id>.md says about its entity."""

    id: str
    source: str  # the file, for messages
    aliases: tuple[str, ...] = ()
    name: str | None = None
    type: str | None = None
    split: tuple[str, ...] = ()
    merge_into: str | None = None
    ignore: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        """Every name this file declares to be this entity."""
        return ((self.name,) if self.name else ()) + self.aliases


@dataclass(frozen=True)
class Curation:
    """All curation of a build, keyed by entity id."""

    entities: dict[str, EntityCuration] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.entities)


def name_list(value: object, source: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise CurationError(f"{source}: field '{key}': expected a list of names, got {type(value).__name__}")
    names = []
    for n, item in enumerate(value):
        if not isinstance(item, (str, int, float)) or isinstance(item, bool) or not str(item).strip():
            raise CurationError(f"{source}: field '{key}' item {n + 1}: expected a non-empty name, got {item!r}")
        names.append(" ".join(str(item).split()))
    return tuple(names)


def parse(entity_id: str, text: str, source: str) -> EntityCuration | None:
    """The curation in one page's front matter; None when it has none."""
    raw = front_matter_text(text)
    if raw is None:
        return None
    try:
        # One blank line stands for the opening "---", so the lines in messages are the file's.
        data = safe_yaml.load("\n" + raw, source)
    except safe_yaml.YamlError as err:
        detail = str(err).removeprefix(f"{source}: ")
        raise CurationError(f"{source}: front matter is not valid YAML: {detail}") from None
    if data is None:
        return None
    if not isinstance(data, dict):
        raise CurationError(f"{source}: front matter must be a mapping of fields, got {type(data).__name__}")
    for key in data:
        if key in MISSPELT_KEYS:
            raise CurationError(f"{source}: field '{key}': unknown curation field; did you mean '{MISSPELT_KEYS[key]}'?")
    if not any(key in data for key in CURATION_KEYS):
        return None
    name = data.get("name")
    if name is not None and (not isinstance(name, str) or not name.strip()):
        raise CurationError(f"{source}: field 'name': expected a non-empty text, got {name!r}")
    entity_type = data.get("type")
    if entity_type is not None and entity_type not in ENTITY_TYPES:
        raise CurationError(f"{source}: field 'type': expected one of {', '.join(ENTITY_TYPES)}, got {entity_type!r}")
    merge_into = data.get("merge_into")
    if merge_into is not None:
        if not isinstance(merge_into, str) or not merge_into.strip():
            raise CurationError(f"{source}: field 'merge_into': expected an entity id (a file name in docs/entities/ without .md), got {merge_into!r}")
        merge_into = merge_into.strip().removesuffix(".md").rsplit("/", 1)[-1]
        if merge_into == entity_id:
            raise CurationError(f"{source}: field 'merge_into': an entity cannot be merged into itself")
    ignore = data.get("ignore", False)
    if not isinstance(ignore, bool):
        raise CurationError(f"{source}: field 'ignore': expected true or false, got {ignore!r}")
    return EntityCuration(
        id=entity_id,
        source=source,
        aliases=name_list(data.get("aliases"), source, "aliases"),
        name=" ".join(name.split()) if name else None,
        type=entity_type,
        split=name_list(data.get("split"), source, "split"),
        merge_into=merge_into,
        ignore=ignore,
    )


def load(docs_dir: Path) -> Curation:
    """Every curated entity page under docs_dir/entities, validated."""
    from newswiki.docs_writer import load_manifest
    from newswiki.files import sha256

    folder = docs_dir / "entities"
    found: dict[str, EntityCuration] = {}
    if not folder.is_dir():
        return Curation()
    written = load_manifest(docs_dir)
    for path in sorted(folder.glob("*.md")):
        if path.name == "index.md":
            continue
        source = str(path.relative_to(docs_dir.parent)) if docs_dir.parent in path.parents else str(path)
        try:
            text = path.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise CurationError(f"{source}: cannot be read: {err}") from None
        if written.get(f"entities/{path.name}") == sha256(text):
            continue  # exactly as the build wrote it: nobody curated it
        entry = parse(path.stem, text, source)
        if entry is not None:
            found[entry.id] = entry
    curation = Curation(found)
    validate(curation)
    return curation


def validate(curation: Curation) -> None:
    """Cross-file checks: one name cannot be claimed by two entities; merge targets must not chain in a loop."""
    from newswiki.resolve.names import fold

    owner: dict[str, EntityCuration] = {}
    for entry in curation.entities.values():
        if entry.ignore:
            continue
        for name in entry.names:
            key = fold(name)
            other = owner.get(key)
            if other is not None and other.id != entry.id:
                raise CurationError(
                    f"{entry.source}: field 'aliases': {name!r} is also claimed by {other.source}; "
                    "a name can belong to one entity only (use merge_into to join them)"
                )
            owner[key] = entry
    for entry in curation.entities.values():
        seen = [entry.id]
        target = entry.merge_into
        while target is not None:
            if target in seen:
                raise CurationError(f"{entry.source}: field 'merge_into': merges go round in a circle ({' -> '.join(seen + [target])})")
            seen.append(target)
            nxt = curation.entities.get(target)
            target = nxt.merge_into if nxt else None
