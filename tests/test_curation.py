"""Curation in entity pages' front matter: parsed strictly, and it wins over the automatic resolution."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newswiki import curation
from newswiki.config import Config
from newswiki.curation import CurationError
from newswiki.docs_writer import MANIFEST_PATH, load_manifest
from newswiki.files import sha256
from newswiki.pipeline import build

MBS_ARTICLE = (
    "Saudi leader meets the press\n\n"
    "Mohammed bin Salman visited Paris on Monday. Later, Mohammed bin Salman met the press.\n\n"
    "MBS said the talks went well. Critics of MBS were not invited.\n"
)


def write_entity(docs: Path, entity_id: str, front: str, body: str = "\n# Page\n") -> Path:
    path = docs / "entities" / f"{entity_id}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


def test_parse_reads_every_field():
    text = "---\ntitle: X\naliases: [Lukashenka, Лукашэнка]\nname: Alexander Lukashenko\ntype: person\nsplit: Lukashenko Jr\n---\n"
    entry = curation.parse("alexander-lukashenko", text, "docs/entities/alexander-lukashenko.md")
    assert entry.aliases == ("Lukashenka", "Лукашэнка")
    assert entry.name == "Alexander Lukashenko" and entry.type == "person"
    assert entry.split == ("Lukashenko Jr",)
    assert entry.names == ("Alexander Lukashenko", "Lukashenka", "Лукашэнка")


@pytest.mark.parametrize("entity_type", ["product", "work"])
def test_a_curator_may_type_a_page_as_any_type_the_build_uses(entity_type: str):
    # The build types pages product and work itself; a curator correcting one may too.
    text = f"---\ntitle: Emery\ntype: {entity_type}\n---\n"
    assert curation.parse("emery", text, "docs/entities/emery.md").type == entity_type


def test_generated_front_matter_is_not_curation():
    text = "---\ntitle: CSTO\ngenerated:\n  type: organization\n  aliases:\n  - Collective Security Treaty Organization\n---\n"
    assert curation.parse("csto", text, "docs/entities/csto.md") is None


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("type: city\n", "field 'type': expected one of person, organization, place, event, product, work"),
        ("aliases: 3\n", "field 'aliases': expected a list of names"),
        ("aliases: [ok, '']\n", "field 'aliases' item 2"),
        ("alias: [X]\n", "field 'alias': unknown curation field; did you mean 'aliases'?"),
        ("ignore: maybe\n", "field 'ignore': expected true or false"),
        ("merge_into: foo\n", "field 'merge_into': an entity cannot be merged into itself"),
        ("aliases: [unclosed\n", "front matter is not valid YAML"),
        ("- just\n- a list\n", "front matter must be a mapping"),
    ],
)
def test_errors_name_file_and_field(tmp_path: Path, front: str, message: str):
    write_entity(tmp_path / "docs", "foo", front)
    with pytest.raises(CurationError) as err:
        curation.load(tmp_path / "docs", {})
    assert "docs/entities/foo.md" in str(err.value)
    assert message in str(err.value)


def test_a_name_claimed_twice_is_an_error(tmp_path: Path):
    write_entity(tmp_path / "docs", "a", "aliases: [Lukashenka]\n")
    write_entity(tmp_path / "docs", "b", "aliases: [lukashenka]\n")
    with pytest.raises(CurationError, match="(?i)'lukashenka' is also claimed by docs/entities/a.md"):
        curation.load(tmp_path / "docs", {})


def test_merge_loops_are_refused(tmp_path: Path):
    write_entity(tmp_path / "docs", "a", "merge_into: b\n")
    write_entity(tmp_path / "docs", "b", "merge_into: a\n")
    with pytest.raises(CurationError, match="circle"):
        curation.load(tmp_path / "docs", {})


def test_yaml_is_loaded_safely(tmp_path: Path):
    write_entity(tmp_path / "docs", "x", "aliases: !!python/object/apply:os.system ['true']\n")
    with pytest.raises(CurationError, match="not valid YAML"):
        curation.load(tmp_path / "docs", {})


def wiki(root: Path) -> dict:
    return json.loads((root / "site" / "wiki.json").read_text("utf-8"))


def test_alias_added_in_front_matter_merges_on_next_build(project):
    root = project({"mbs.txt": MBS_ARTICLE})
    config = Config.for_root(root, workers=1)
    first = build(config)
    names = {e.name: e for e in first.resolution.entities}
    # The machine does not know MBS is him: a lone acronym tagged PERSON gets no page (and is reported).
    assert "Mohammed bin Salman" in names and "MBS" not in names, sorted(names)
    assert names["Mohammed bin Salman"].total_mentions == 2
    assert any(d.text == "MBS" for d in first.resolution.dropped)
    page = root / "docs" / names["Mohammed bin Salman"].path
    text = page.read_text("utf-8")
    # A contributor adds the alias under the generated front matter and writes a description.
    text = text.replace("---\n\n#", "aliases:\n- MBS\n---\n\n#", 1)
    text = text.replace("<!-- newswiki:generated:begin", "Crown prince of Saudi Arabia.\n\n<!-- newswiki:generated:begin", 1)
    page.write_text(text, "utf-8")

    second = build(config)
    entities = {e.name: e for e in second.resolution.entities}
    assert "MBS" not in entities
    merged = entities["Mohammed bin Salman"]
    assert "MBS" in merged.aliases and merged.total_mentions == 4
    data = {e["name"]: e for e in wiki(root)["entities"]}
    assert "MBS" in data["Mohammed bin Salman"]["aliases"]
    assert sum(data["Mohammed bin Salman"]["mentions"].values()) == 4
    kept = page.read_text("utf-8")
    assert "Crown prince of Saudi Arabia." in kept and "aliases:\n- MBS" in kept
    assert not (root / "docs" / "entities" / "mbs.md").exists()


def test_ignore_type_and_merge_into_through_a_build(project):
    root = project({"mbs.txt": MBS_ARTICLE})
    docs = root / "docs"
    write_entity(docs, "paris", "ignore: true\n")
    write_entity(docs, "mbs", "merge_into: mohammed-bin-salman\n")
    write_entity(docs, "mohammed-bin-salman", "type: organization\nname: Mohammed bin Salman Al Saud\n")
    result = build(Config.for_root(root, workers=1), build_site=False)
    entities = {e.id: e for e in result.resolution.entities}
    assert "paris" not in entities
    assert any("ignored by curation" in d.reason and d.text == "Paris" for d in result.resolution.dropped)
    assert set(entities) == {"mohammed-bin-salman"}
    entity = entities["mohammed-bin-salman"]
    assert entity.name == "Mohammed bin Salman Al Saud" and entity.type == "organization"
    assert entity.total_mentions == 4


def test_pages_exactly_as_the_build_wrote_them_are_not_curation(tmp_path: Path):
    docs = tmp_path / "docs"
    page = write_entity(docs, "belarus", "title: Belarus\ntype: place\naliases:\n- Republic of Belarus\n")
    manifest = {"version": 2, "pages": {"entities/belarus.md": {"sha256": sha256(page.read_text("utf-8"))}}}
    (docs / MANIFEST_PATH).parent.mkdir(parents=True)
    (docs / MANIFEST_PATH).write_text(json.dumps(manifest), "utf-8")
    assert not curation.load(docs, load_manifest(docs))
    page.write_text(page.read_text("utf-8").replace("type: place", "type: organization"), "utf-8")
    assert curation.load(docs, load_manifest(docs)).entities["belarus"].type == "organization"


BIDEN_ARTICLE = (
    "Talks in Washington\n\n"
    "Joe Biden met reporters on Monday in the capital to discuss the new budget and the talks with allies. "
    "Joe Biden said the talks went well and that the budget would pass before the end of the month.\n\n"
    "Later in the week Joseph Biden signed the bill in a short ceremony attended by members of both parties. "
    "Joseph Biden thanked Congress for its work and promised further talks on the remaining questions.\n\n"
    "The bill now goes to the agencies, which have three months to publish the rules that put it into effect, "
    "and observers expect the first changes to be visible early next year.\n"
)


def test_two_pages_become_one_when_an_alias_is_added(project):
    root = project({"biden.txt": BIDEN_ARTICLE})
    config = Config.for_root(root, workers=1)
    first = {e.name: e for e in build(config, build_site=False).resolution.entities}
    assert {"Joe Biden", "Joseph Biden"} <= set(first), sorted(first)
    page = root / "docs" / first["Joe Biden"].path
    page.write_text(page.read_text("utf-8").replace("---\n\n#", "aliases: [Joseph Biden]\n---\n\n#", 1), "utf-8")
    second = {e.name: e for e in build(config, build_site=False).resolution.entities}
    assert "Joseph Biden" not in second
    assert second["Joe Biden"].total_mentions == 4 and "Joseph Biden" in second["Joe Biden"].aliases
    assert not (root / "docs" / first["Joseph Biden"].path).exists()


def test_an_ignored_page_keeps_the_curation_and_loses_its_links(project):
    root = project({"mbs.txt": MBS_ARTICLE})
    docs = root / "docs"
    config = Config.for_root(root, workers=1)
    build(config, build_site=False)
    paris_page = docs / "entities" / "paris.md"
    paris_page.write_text(paris_page.read_text("utf-8").replace("---\n\n#", "ignore: true\n---\n\nNot relevant here.\n\n#", 1), "utf-8")
    build(config, build_site=False)
    build(config, build_site=False)
    paris = paris_page.read_text("utf-8")
    # The page is the contributor's record of the decision: kept, with no list of mentions any more.
    assert "ignore: true" in paris and "Not relevant here." in paris
    assert "Mentioned in" not in paris
    article = next((docs / "articles").glob("*.md")).read_text("utf-8")
    assert "entities/paris.md" not in article


def test_merge_into_on_a_built_page_joins_and_points_to_the_target(project):
    root = project({"biden.txt": BIDEN_ARTICLE})
    config = Config.for_root(root, workers=1)
    build(config, build_site=False)
    page = root / "docs" / "entities" / "joseph-biden.md"
    page.write_text(page.read_text("utf-8").replace("---\n\n#", "merge_into: joe-biden\n---\n\n#", 1), "utf-8")
    result = build(config, build_site=False)
    entities = {e.id: e for e in result.resolution.entities}
    assert "joseph-biden" not in entities and entities["joe-biden"].total_mentions == 4
    text = page.read_text("utf-8")
    assert "merge_into: joe-biden" in text and "(joe-biden.md)" in text and "Mentioned in" not in text


def front_matter(path: Path) -> dict:
    from newswiki import safe_yaml

    return safe_yaml.load(safe_yaml.front_matter_text(path.read_text("utf-8")) or "", str(path))


def test_curation_added_under_the_generated_front_matter_takes_the_builds_new_fields(project):
    """The README's way to curate (add `aliases:` at the end of the front matter) changes what the
    build writes there too (title, description, generated:): both go in, no conflict, nothing stale."""
    root = project({"mbs.txt": MBS_ARTICLE})
    config = Config.for_root(root, workers=1)
    first = {e.name: e for e in build(config, build_site=False).resolution.entities}
    page = root / "docs" / first["Mohammed bin Salman"].path
    text = page.read_text("utf-8").replace("---\n\n#", "aliases: [MBS]\nname: Mohammed bin Salman Al Saud\n---\n\n#", 1)
    page.write_text(text.replace("<!-- newswiki:generated:begin", "Crown prince.\n\n<!-- newswiki:generated:begin", 1), "utf-8")

    second = build(config, build_site=False)
    assert not [w for w in second.warnings if "kept your version" in w], second.warnings
    base = front_matter(root / "docs" / ".newswiki" / "base" / first["Mohammed bin Salman"].path)
    mine = front_matter(page)
    assert base["title"] == "Mohammed bin Salman Al Saud" and "4 times" in base["description"]
    assert mine == {**base, "aliases": ["MBS"], "name": "Mohammed bin Salman Al Saud"}
    kept = page.read_text("utf-8")
    assert "Crown prince." in kept and "\n# Mohammed bin Salman Al Saud\n" in kept


def test_a_kept_page_nobody_mentions_no_longer_describes_its_mentions(project):
    root = project({"mbs.txt": MBS_ARTICLE})
    config = Config.for_root(root, workers=1)
    build(config, build_site=False)
    paris = root / "docs" / "entities" / "paris.md"
    assert "mentioned" in front_matter(paris)["description"].lower()
    paris.write_text(paris.read_text("utf-8").replace("---\n\n#", "---\n\nCapital of France.\n\n#", 1), "utf-8")
    (root / "corpus" / "mbs.txt").write_text(MBS_ARTICLE.replace("visited Paris", "visited the capital"), "utf-8")
    result = build(config)
    assert any("no article mentions this entity any more" in w for w in result.warnings), result.warnings
    kept = paris.read_text("utf-8")
    assert "Capital of France." in kept and "mentioned" not in front_matter(paris)["description"].lower()
    site_page = (root / "site" / "entities" / "paris" / "index.html").read_text("utf-8")
    assert "Capital of France." in site_page and "mentioned 1 time" not in site_page.lower()


def test_a_surname_split_from_a_person_stays_a_person(project):
    """`split: [Lukashenka]` keeps the surname out of Alexander Lukashenko's page; written alone in two
    articles, it is still a person's name (the last word of a full name of the corpus), not a firm's
    ("Twitter", a one-word "person" in several articles, is)."""
    root = project(seeds=True)
    config = Config.for_root(root, workers=1)
    first = build(config, build_site=False)
    person = next(e for e in first.resolution.entities if e.name == "Alexander Lukashenko")
    assert "Lukashenka" in person.aliases
    page = root / "docs" / person.path
    page.write_text(page.read_text("utf-8").replace("---\n\n#", "split: [Lukashenka]\n---\n\n#", 1), "utf-8")

    second = {e.name: e for e in build(config, build_site=False).resolution.entities}
    assert "Lukashenka" not in second["Alexander Lukashenko"].aliases
    assert second["Lukashenka"].type == "person", second["Lukashenka"]
