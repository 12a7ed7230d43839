"""Entity links in article bodies (issue 19): each entity linked once, at the first place resolve
counted as a mention of it, never at a look-alike inside a longer name."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import example, given, strategies as st

from newswiki.config import Config
from newswiki.markdown import PlainText, plain_text
from newswiki.models import EntityRef
from newswiki.pipeline import build
from newswiki.render.article_page import link_entities
from tests.conftest import make_project

FIXTURES = Path(__file__).parent / "fixtures" / "linking"
LINK_RE = re.compile(r"\[([^\]]*)\]\(\.\./entities/([^)]+)\.md\)")


def body_links(page: str) -> list[tuple[str, str, str]]:
    """(link text, entity id, the words before it) of every entity link in an article's body."""
    body = page.split('<div class="nw-in-article"', 1)[0].split("\n</div>\n", 2)[-1]
    return [(m.group(1), m.group(2), body[max(0, m.start() - 20) : m.start()]) for m in LINK_RE.finditer(body)]


def test_a_name_inside_a_longer_name_is_not_linked_the_real_mention_is(tmp_path: Path):
    """Real NER and resolve on two small articles: the singer's and New Mexico's names hold "Mars"
    and "Mexico"; the links go to where the planet and the country are named."""
    root = make_project(tmp_path / "p", {p.name: p.read_text("utf-8") for p in FIXTURES.glob("*.txt")})
    result = build(Config.for_root(root, workers=1), build_site=False)
    assert result.ok, result.problems
    tour = body_links((root / "docs/articles/bruno-mars-adds-two-shows-in-albuquerque.md").read_text("utf-8"))
    linked = {entity: (text, before) for text, entity, before in tour}
    assert len(linked) == len(tour)  # one link per entity
    assert linked["bruno-mars"][0] == "Bruno Mars" and linked["new-mexico"][0] == "New Mexico"
    assert linked["mexico"][0] == "Mexico" and linked["mexico"][1].endswith("the tour will reach ")  # not "the New Mexico dates"
    assert linked["mars"][0] == "Mars" and linked["mars"][1].endswith("red landscapes of ")  # not "Bruno Mars told fans"
    rover = body_links((root / "docs/articles/nasa-rover-finds-layered-rocks-on-mars.md").read_text("utf-8"))
    assert [(text, before[-9:]) for text, entity, before in rover if entity == "mars"] == [("Mars", "rover on ")]


def test_the_seeds_link_europe_where_it_is_the_place_not_inside_an_organisations_name(seed_site: Path):
    page = (seed_site / "docs/articles/belarus-weekly-putin-attends-the-csto-summit-in-minsk-armenia-skips.md").read_text("utf-8")
    assert "Organization for Security and Cooperation in Europe (OSCE)" in page
    assert "states from across [Europe](../entities/europe.md)," in page
    for path in sorted((seed_site / "docs/articles").glob("*.md")):
        links = body_links(path.read_text("utf-8"))
        assert len({entity for _, entity, _ in links}) == len(links), path.name


def refs(body: str, names: dict[str, str]) -> list[EntityRef]:
    """Each entity with every whole-word occurrence of its name in the body's plain text."""
    text = plain_text(body)
    return [
        EntityRef(entity_id, name, "place", 1, tuple((m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(name)}\b", text)))
        for entity_id, name in names.items()
    ]


def test_the_link_goes_to_the_first_occurrence_that_can_hold_one():
    body = "## Talks in Mexico\n\nThe talks (see `Mexico` and [the map](https://x.org/Mexico)) began.\n\nMexico said \\*yes\\*. Mexico said no."
    linked = link_entities(body, refs(body, {"mexico": "Mexico"}))
    assert linked.count("](../entities/mexico.md)") == 1
    assert "\n\n[Mexico](../entities/mexico.md) said \\*yes\\*. Mexico said no." in linked  # not the heading, the code or the link
    assert linked.startswith("## Talks in Mexico\n\n")


def test_links_keep_escapes_entities_and_footnote_references_outside_the_name():
    body = "R&amp;D Centre[^1] met \\*Minsk\\* officials.[^2]\n\nMinsk agreed."
    linked = link_entities(body, refs(body, {"rd": "R&D Centre", "minsk": "Minsk"}))
    assert linked.startswith("[R&amp;D Centre](../entities/rd.md)[^1] met \\*[Minsk](../entities/minsk.md)\\* officials.[^2]\n{: #p1 }")


markdown_pieces = st.sampled_from(["a", "bc", " ", "\n", "\n\n", "# ", "## ", "- ", "\\[", "\\*", "\\\\", "&amp;", "&lt;", "&", "[^1]", "[^23]", "x y"])


@given(st.lists(markdown_pieces, max_size=30).map("".join))
@example("[^1]# a\\*b &amp;c")
def test_plain_text_spans_map_back_to_the_markdown_they_come_from(markdown):
    plain = PlainText(markdown)
    assert plain.text == plain_text(markdown)
    previous_end = 0
    for i, char in enumerate(plain.text):
        start, end = plain.markdown_span(i, i + 1)
        assert previous_end <= start < end  # in order, never overlapping
        source = markdown[start:end]
        assert source == char or source in ("&amp;", "&lt;") and plain_text(source) == char or source == "\\" + char, (i, source)
        previous_end = end
    for start in range(len(plain.text)):  # a span from its first character's source to its last's
        end = len(plain.text)
        assert plain.markdown_span(start, end) == (plain.markdown_span(start, start + 1)[0], plain.markdown_span(end - 1, end)[1])


def test_an_article_in_another_language_says_why_no_name_is_linked():
    from newswiki.extract import extract
    from newswiki.models import Article, SourceFile
    from newswiki.render.article_page import article_page

    def page_of(name: str, text: str) -> str:
        source = SourceFile(source=f"corpus/{name}", name=name, kind="text", text=text, sha256="x")
        return article_page(Article(name, "x", extract(source)), [])

    russian = page_of("ru.txt", "Переговоры в Минске\n\n" + "Министр заявил во вторник, что переговоры продолжатся весной, "
                      "и что обе стороны договорились держать границу открытой для торговли и поездок. " * 4)
    english = page_of("en.txt", "Talks in Minsk\n\n" + "The minister said on Tuesday that the talks would continue in the "
                      "spring, and that both sides had agreed to keep the border open for trade and travel. " * 4)
    assert "No names are linked on this page" in russian and "this one is in Russian." in russian
    assert "No names are linked" not in english
