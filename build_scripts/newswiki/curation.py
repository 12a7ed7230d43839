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
    type: person                      # CURATION: person | organization | place | event | product | work
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

Files are read with ``safe_yaml`` only (no tags, limited aliases). A malformed file or field is
that file's error, naming the file and the field: the build leaves its curation out and goes on
(`load_per_file`); `load` raises :class:`CurationError` instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from newswiki import safe_yaml, slugs
from newswiki.files import sha256
from newswiki.models import ENTITY_TYPES, Curation, EntityCuration, Problem
from newswiki.names import fold
from newswiki.safe_yaml import front_matter_text

#: Names one field may list: far more than any entity has, and few enough that the page the
#: build writes with them stays within safe_yaml's limits (90,000 made a page no build could read).
MAX_NAMES = 1_000
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


def name_list(value: object, source: str, key: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        raise CurationError(f"{source}: field '{key}': expected a list of names, got {type(value).__name__}")
    if len(value) > MAX_NAMES:
        raise CurationError(f"{source}: field '{key}': {len(value):,} names; at most {MAX_NAMES:,} per field")
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


def load(docs_dir: Path, written: Mapping[str, str]) -> Curation:
    """Every curated entity page under docs_dir/entities, validated; the first problem raises CurationError.

    written: the digest of each page as the last build wrote it (docs_writer.load_manifest); a page
    still exactly so was curated by nobody."""
    found, problems = load_per_file(docs_dir, written)
    if problems:
        raise CurationError(f"{problems[0].source}: {problems[0].message}")
    return found


def load_per_file(docs_dir: Path, written: Mapping[str, str]) -> tuple[Curation, list[Problem]]:
    """Every curated entity page under docs_dir/entities; a file with a problem is named and left out
    (its page is kept as it is), the others steer the build. written: as for load."""
    folder = docs_dir / "entities"
    if not folder.is_dir():
        return Curation(), []
    accepted: dict[str, EntityCuration] = {}
    owner: dict[str, EntityCuration] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.md")):
        if path.name == "index.md":
            continue
        source = str(path.relative_to(docs_dir.parent)) if docs_dir.parent in path.parents else str(path)
        try:
            entry = read_entry(path, source, written.get(f"entities/{path.name}"))
            if entry is not None:
                claim(entry, accepted, owner)
        except CurationError as err:
            message = str(err).removeprefix(f"{source}: ")
            problems.append(Problem(source, f"{message}; this file's curation is not used (the page is kept as it is)"))
    return Curation(accepted), problems


def read_entry(path: Path, source: str, written_hash: str | None) -> EntityCuration | None:
    """The curation of one entity page; None when it has none or is exactly as the build wrote it."""
    if not slugs.is_safe_slug(path.stem):
        raise CurationError(f"{source}: the file name is not an entity id (lower-case letters, digits and hyphens, "
                            "not a reserved name)")
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise CurationError(f"{source}: cannot be read as UTF-8 text: {err}") from None
    if written_hash == sha256(text):
        return None  # exactly as the build wrote it: nobody curated it
    return parse(path.stem, text.removeprefix("\ufeff"), source)  # a byte order mark would hide the front matter


def claim(entry: EntityCuration, accepted: dict[str, EntityCuration], owner: dict[str, EntityCuration]) -> None:
    """Accept entry unless it claims another file's name or closes a merge loop (CurationError)."""
    keys = [] if entry.ignore else [fold(name) for name in entry.names]
    for name, key in zip(entry.names, keys):
        other = owner.get(key)
        if other is not None and other.id != entry.id:
            raise CurationError(
                f"{entry.source}: field 'aliases': {name!r} is also claimed by {other.source}; "
                "a name can belong to one entity only (use merge_into to join them)"
            )
    seen = [entry.id]
    target = entry.merge_into
    while target is not None:
        if target in seen:
            raise CurationError(f"{entry.source}: field 'merge_into': merges go round in a circle ({' -> '.join(seen + [target])})")
        seen.append(target)
        nxt = accepted.get(target)
        target = nxt.merge_into if nxt else None
    accepted[entry.id] = entry
    owner.update(dict.fromkeys(keys, entry))


def validate(curation: Curation) -> None:
    """Cross-file checks: one name cannot be claimed by two entities; merge targets must not chain in a loop."""
    accepted: dict[str, EntityCuration] = {}
    owner: dict[str, EntityCuration] = {}
    for entry in curation.entities.values():
        claim(entry, accepted, owner)
