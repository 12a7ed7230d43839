"""The docs/ writer: hand edits survive, generated changes merge in, renames redirect.

Pages are small inline texts written through docs_writer.write_docs, as a build would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newswiki import docs_writer, files
from newswiki.frontmatter_check import validate_page
from newswiki.docs_writer import PageInfo, merge_page, write_docs
from newswiki.markdown import GENERATED_BEGIN, GENERATED_END

ARTICLE = "articles/a.md"
ENTITY = "entities/e.md"
A_INFO = {ARTICLE: PageInfo("article:corpus/a.txt")}


def article(*paragraphs: str, title: str = "A") -> str:
    return f"---\ntitle: {title}\nsource: corpus/a.txt\n---\n\n# {title}\n\n" + "\n\n".join(paragraphs) + "\n"


def entity(block_lines: str, aliases: tuple[str, ...] = (), name: str = "E") -> str:
    fm = f"---\ntitle: {name}\ntype: person\n" + ("aliases:\n" + "".join(f"- {a}\n" for a in aliases) if aliases else "")
    return fm + f"---\n\n# {name}\n\n{GENERATED_BEGIN}\n\n{block_lines}\n\n{GENERATED_END}\n"


def edit(docs: Path, path: str, old: str, new: str) -> None:
    target = docs / path
    text = target.read_text("utf-8")
    assert old in text, (old, text)
    target.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def docs(tmp_path: Path) -> Path:
    return tmp_path / "docs"


def test_first_build_writes_pages_bases_and_manifest(docs: Path):
    report = write_docs(docs, {ARTICLE: article("One.")}, A_INFO)
    assert report.written == [ARTICLE]
    assert (docs / ARTICLE).read_text() == article("One.")
    assert (docs / docs_writer.BASE_DIR / ARTICLE).read_text() == article("One.")
    manifest = json.loads((docs / docs_writer.MANIFEST_PATH).read_text())
    assert manifest["pages"][ARTICLE]["identity"] == "article:corpus/a.txt"
    again = write_docs(docs, {ARTICLE: article("One.")}, A_INFO)
    assert again.written == [] and again.warnings == []


def test_unedited_page_takes_the_new_generated_text(docs: Path):
    write_docs(docs, {ARTICLE: article("One.", "Two.")}, A_INFO)
    report = write_docs(docs, {ARTICLE: article("One.", "Two, corrected.")}, A_INFO)
    assert report.written == [ARTICLE] and not report.warnings
    assert (docs / ARTICLE).read_text() == article("One.", "Two, corrected.")


def test_edit_in_the_body_survives_and_generated_change_elsewhere_merges_in(docs: Path):
    write_docs(docs, {ARTICLE: article("One.", "Two.", "Three.")}, A_INFO)
    edit(docs, ARTICLE, "Two.", "Two. A sentence added by hand.")
    quiet = write_docs(docs, {ARTICLE: article("One.", "Two.", "Three.")}, A_INFO)
    assert quiet.warnings == [] and quiet.kept_edits == [ARTICLE]
    report = write_docs(docs, {ARTICLE: article("One, corrected.", "Two.", "Three.")}, A_INFO)
    text = (docs / ARTICLE).read_text()
    assert "Two. A sentence added by hand." in text and "One, corrected." in text
    assert any(ARTICLE in w and "merged" in w for w in report.warnings)


def test_edit_in_front_matter_survives(docs: Path):
    write_docs(docs, {ARTICLE: article("One.", "Two.")}, A_INFO)
    edit(docs, ARTICLE, "title: A\n", "title: A better title\n")
    write_docs(docs, {ARTICLE: article("One.", "Two, corrected.")}, A_INFO)
    text = (docs / ARTICLE).read_text()
    assert "title: A better title\n" in text and "Two, corrected." in text


def test_conflict_keeps_the_edit_warns_once_and_shows_the_generated_text(docs: Path):
    write_docs(docs, {ARTICLE: article("One.", "Two.")}, A_INFO)
    edit(docs, ARTICLE, "Two.", "Two, as the contributor wrote it.")
    edited = (docs / ARTICLE).read_text()
    report = write_docs(docs, {ARTICLE: article("One.", "Two, as the corpus now says.")}, A_INFO)
    assert (docs / ARTICLE).read_text() == edited
    [warning] = report.warnings
    assert ARTICLE in warning and "line 10" in warning and "kept your version" in warning
    assert (docs / docs_writer.BASE_DIR / ARTICLE).read_text() == article("One.", "Two, as the corpus now says.")
    assert write_docs(docs, {ARTICLE: article("One.", "Two, as the corpus now says.")}, A_INFO).warnings == []
    assert (docs / ARTICLE).read_text() == edited


def test_entity_text_around_the_block_and_front_matter_aliases_survive(docs: Path):
    write_docs(docs, {ENTITY: entity("- old mention")})
    edit(docs, ENTITY, "type: person\n", "type: person\naliases:\n- Alias By Hand\n")
    edit(docs, ENTITY, "# E\n", "# E\n\nWritten before the block.\n")
    (docs / ENTITY).write_text((docs / ENTITY).read_text() + "\nA paragraph after the block.\n")
    report = write_docs(docs, {ENTITY: entity("- new mention")})
    text = (docs / ENTITY).read_text()
    assert "- new mention" in text and "- old mention" not in text
    assert "aliases:\n- Alias By Hand\n" in text
    assert text.index("Written before the block.") < text.index(GENERATED_BEGIN)
    assert text.index(GENERATED_END) < text.index("A paragraph after the block.")
    assert report.kept_edits == [ENTITY]


def test_entity_block_is_rewritten_even_when_the_text_around_it_conflicts(docs: Path):
    write_docs(docs, {ENTITY: entity("- one")})
    edit(docs, ENTITY, "type: person\n", "type: organization\n")
    report = write_docs(docs, {ENTITY: entity("- two").replace("type: person", "type: place")})
    text = (docs / ENTITY).read_text()
    assert "type: organization" in text and "- two" in text and "- one" not in text
    assert any("kept your version" in w for w in report.warnings)


def test_entity_alias_the_build_also_adopts_merges_cleanly(docs: Path):
    write_docs(docs, {ENTITY: entity("- one")})
    edit(docs, ENTITY, "type: person\n", "type: person\naliases:\n- Ee\n")
    report = write_docs(docs, {ENTITY: entity("- one", aliases=("Ee",))})
    assert report.warnings == []
    assert (docs / ENTITY).read_text() == entity("- one", aliases=("Ee",))


def test_page_without_markers_or_base_is_never_overwritten(docs: Path):
    docs.mkdir()
    (docs / "articles").mkdir()
    (docs / ARTICLE).write_text("A page someone wrote.\n")
    report = write_docs(docs, {ARTICLE: article("Generated.")}, A_INFO)
    assert (docs / ARTICLE).read_text() == "A page someone wrote.\n"
    assert any("no merge base" in w for w in report.warnings)


def test_removed_pages_go_unless_an_entity_page_was_edited(docs: Path):
    other = "entities/f.md"
    write_docs(docs, {ARTICLE: article("One."), ENTITY: entity("- [A](../articles/a.md)"), other: entity("- x", name="F")}, A_INFO)
    edit(docs, ENTITY, "# E\n", "# E\n\nCurated by hand.\n")
    edit(docs, ARTICLE, "One.", "One, edited.")
    report = write_docs(docs, {})
    assert not (docs / ARTICLE).exists() and not (docs / other).exists()
    assert report.set_aside == {ARTICLE: article("One, edited.")}  # for the pages pass to keep a copy of
    kept = (docs / ENTITY).read_text()
    assert "Curated by hand." in kept and "../articles/a.md" not in kept and "No article" in kept
    assert ENTITY not in json.loads((docs / docs_writer.MANIFEST_PATH).read_text())["pages"]
    assert not (docs / docs_writer.BASE_DIR / ARTICLE).exists()


def test_renamed_article_keeps_its_edits_and_redirects(docs: Path):
    write_docs(docs, {ARTICLE: article("One.", "Two.")}, A_INFO)
    edit(docs, ARTICLE, "Two.", "Two. Edited by hand.")
    new = "articles/b.md"
    report = write_docs(docs, {new: article("One.", "Two.", title="B")}, {new: PageInfo("article:corpus/a.txt")})
    assert not (docs / ARTICLE).exists()
    text = (docs / new).read_text()
    assert "Two. Edited by hand." in text and "title: B" in text
    assert report.redirects == {ARTICLE: new}
    assert "articles/a.md: articles/b.md" in (docs / docs_writer.REDIRECTS_PATH).read_text()
    third = "articles/c.md"
    report = write_docs(docs, {third: article("One.", "Two.", title="C")}, {third: PageInfo("article:corpus/a.txt")})
    assert report.redirects == {ARTICLE: third, new: third}


def test_renamed_entity_redirects_by_shared_name(docs: Path):
    write_docs(docs, {ENTITY: entity("- one")}, {ENTITY: PageInfo("entity", ("E", "Mr E"))})
    new = "entities/mr-e.md"
    report = write_docs(docs, {new: entity("- one", name="Mr E")}, {new: PageInfo("entity", ("E", "Mr E"))})
    assert report.redirects == {ENTITY: new} and not (docs / ENTITY).exists()


def test_redirect_from_a_live_page_or_to_a_missing_page_is_dropped(docs: Path):
    write_docs(docs, {ARTICLE: article("One.")}, A_INFO)
    (docs / docs_writer.REDIRECTS_PATH).write_text(f"{ARTICLE}: articles/z.md\nold.md: {ARTICLE}\ngone.md: nowhere.md\n")
    assert write_docs(docs, {ARTICLE: article("One.")}, A_INFO).redirects == {"old.md": ARTICLE}


def test_damaged_base_is_not_trusted(docs: Path):
    write_docs(docs, {ARTICLE: article("One.", "Two.")}, A_INFO)
    (docs / docs_writer.BASE_DIR / ARTICLE).write_text("something else\n")
    edit(docs, ARTICLE, "Two.", "Two, edited.")
    write_docs(docs, {ARTICLE: article("One.", "Two, corrected.")}, A_INFO)
    assert "Two, edited." in (docs / ARTICLE).read_text()


@pytest.mark.parametrize(
    ("base", "mine", "theirs", "action"),
    [
        (None, None, "x\n", "new"),
        ("x\n", "x\n", "y\n", "generated"),
        ("a\nb\nc\n", "a!\nb\nc\n", "a\nb\nc!\n", "merged"),
        ("a\nb\nc\n", "a!\nb\nc\n", "a?\nb\nc\n", "kept"),
        ("a\nb\n", "a\nb\nmore\n", "a\nb\n", "edited"),
    ],
)
def test_merge_page_actions(base, mine, theirs, action):
    assert merge_page(base, mine, theirs).action == action


def test_merged_text_is_the_three_way_merge():
    assert merge_page("a\nb\nc\n", "a!\nb\nc\n", "a\nb\nc!\n").text == "a!\nb\nc!\n"


# --- front matter validation -------------------------------------------------------------------


def test_valid_generated_front_matter_passes():
    assert validate_page("docs/articles/a.md", article("x"), "article") == []
    assert validate_page("docs/entities/e.md", entity("- x", aliases=("Ee",)), "entity") == []


def test_unknown_field_names_file_line_and_field():
    text = "---\ntitle: E\ntype: person\nalias: Ee\n---\n# E\n"
    [problem] = validate_page("docs/entities/e.md", text, "entity")
    assert problem.source == "docs/entities/e.md:4"
    assert "'alias'" in problem.message and "unknown" in problem.message and "aliases" in problem.message


def test_wrong_type_names_the_field():
    text = "---\ntitle: A\nauthors: Someone\n---\n"
    [problem] = validate_page("docs/articles/a.md", text, "article")
    assert problem.source == "docs/articles/a.md:3" and "'authors'" in problem.message and "list" in problem.message
    [flag] = validate_page("docs/entities/e.md", "---\ntitle: E\naliases: [Ee]\nignore: sometimes\n---\n", "entity")
    assert flag.source == "docs/entities/e.md:4" and "'ignore'" in flag.message and "true or false" in flag.message
    [date] = validate_page("docs/articles/a.md", "---\npublished: last tuesday\n---\n", "article")
    assert "'published'" in date.message and "date" in date.message


def test_python_tags_are_refused_without_being_run(tmp_path: Path):
    marker = tmp_path / "ran"
    text = f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\n"
    [problem] = validate_page("docs/articles/a.md", text, "article")
    assert "python/object/apply" in problem.message and "'title'" in problem.message
    assert problem.source == "docs/articles/a.md:2" and not marker.exists()


def test_broken_yaml_is_an_error_with_a_line():
    [problem] = validate_page("docs/articles/a.md", "---\ntitle: A\nauthors: [x\n---\n", "article")
    assert problem.source.startswith("docs/articles/a.md:") and "not valid YAML" in problem.message


def test_write_docs_reports_front_matter_errors_of_edited_pages(docs: Path):
    write_docs(docs, {ARTICLE: article("One.")}, A_INFO)
    edit(docs, ARTICLE, "title: A\n", "title: A\nauthor: Someone\n")
    [problem] = write_docs(docs, {ARTICLE: article("One.")}, A_INFO).problems
    assert problem.source == "docs/articles/a.md:3" and "'author'" in problem.message


def test_every_curation_key_is_a_known_entity_field():
    curation = pytest.importorskip("newswiki.curation")
    from newswiki.frontmatter_check import ENTITY_FIELDS

    assert set(curation.CURATION_KEYS) <= set(ENTITY_FIELDS)


def test_load_manifest_gives_the_hash_of_each_generated_page(docs: Path):
    write_docs(docs, {ARTICLE: article("One.")}, A_INFO)
    assert docs_writer.load_manifest(docs) == {ARTICLE: files.sha256(article("One."))}


def test_entity_merged_away_by_curation_points_to_its_new_page_quietly(docs: Path):
    infos = {ENTITY: PageInfo("entity", ("E",)), "entities/big.md": PageInfo("entity", ("Big",))}
    write_docs(docs, {ENTITY: entity("- one"), "entities/big.md": entity("- two", name="Big")}, infos)
    edit(docs, ENTITY, "type: person\n", "type: person\nmerge_into: big\n")
    after = {"entities/big.md": PageInfo("entity", ("Big", "E"))}
    report = write_docs(docs, {"entities/big.md": entity("- one\n- two", name="Big", aliases=("E",))}, after)
    text = (docs / ENTITY).read_text()
    assert "merge_into: big" in text and "[Big](big.md)" in text and "- one" not in text
    assert report.warnings == []


def test_a_page_written_by_hand_for_an_entity_gets_the_generated_part(docs: Path):
    (docs / "entities").mkdir(parents=True)
    (docs / ENTITY).write_text("---\naliases: [Ee]\n---\n")
    report = write_docs(docs, {ENTITY: entity("- one")})
    text = (docs / ENTITY).read_text()
    assert text.startswith("---\naliases: [Ee]\n---\n") and "# E" in text and "- one" in text
    assert report.warnings == []
    (docs / "entities" / "f.md").write_text("---\ntype: place\n---\n\nA note.\n")
    write_docs(docs, {ENTITY: entity("- one"), "entities/f.md": entity("- two", name="F")})
    assert (docs / "entities" / "f.md").read_text().startswith("---\ntype: place\n---\n\nA note.\n\n" + GENERATED_BEGIN)
    again = write_docs(docs, {ENTITY: entity("- one, again"), "entities/f.md": entity("- two", name="F")})
    assert again.warnings == [] and "- one, again" in (docs / ENTITY).read_text()
    assert "aliases: [Ee]" in (docs / ENTITY).read_text()


def test_fields_the_build_writes_are_always_known():
    generated = "---\ntitle: A\nreading_time: 3\n---\n"
    edited = "---\ntitle: A, edited\nreading_time: 3\n---\n"
    assert validate_page("docs/articles/a.md", edited, "article", generated) == []
    [problem] = validate_page("docs/articles/a.md", edited, "article")
    assert "'reading_time'" in problem.message


def test_edit_and_generated_change_in_one_paragraph_both_survive(docs: Path):
    paragraph = "Astana hosted a summit. Lukashenka arrived late. The talks went on until the evening."
    write_docs(docs, {ARTICLE: article("One.", paragraph)}, A_INFO)
    edit(docs, ARTICLE, "arrived late.", "arrived late. A sentence added by hand.")
    linked = paragraph.replace("Astana", "[Astana](../entities/astana.md)")
    report = write_docs(docs, {ARTICLE: article("One.", linked)}, A_INFO)
    text = (docs / ARTICLE).read_text()
    assert "[Astana](../entities/astana.md) hosted a summit. Lukashenka arrived late. A sentence added by hand." in text
    assert any("merged" in w for w in report.warnings)


def test_same_words_changed_on_both_sides_is_a_conflict():
    assert merge_page("a\nx y z\n", "a\nx Y z\n", "a\nx why z\n").action == "kept"


LINES = st.lists(st.sampled_from(["a\n", "b\n", "c d\n", "e f g\n", "\n"]), max_size=8).map("".join)


@given(LINES, LINES)
def test_a_side_that_did_not_change_takes_the_other_side(base: str, changed: str):
    assert docs_writer.three_way(base, changed, base) == (changed, None)
    assert docs_writer.three_way(base, base, changed) == (changed, None)


def test_a_page_saved_with_windows_line_ends_still_merges(docs: Path):
    write_docs(docs, {ARTICLE: article("One.", "Two.")}, A_INFO)
    edited = (docs / ARTICLE).read_text().replace("Two.", "Two, edited.").replace("\n", "\r\n")
    (docs / ARTICLE).write_bytes(edited.encode())
    write_docs(docs, {ARTICLE: article("One, corrected.", "Two.")}, A_INFO)
    assert (docs / ARTICLE).read_bytes() == article("One, corrected.", "Two, edited.").encode()
