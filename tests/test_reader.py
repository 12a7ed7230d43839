"""What the build gives a researcher reading the wiki: the language of each article, every mention
of an entity as a list to download, and the markup that keeps page furniture out of search."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import re

from newswiki import mention_lists
from newswiki.frontmatter_check import validate_page
from newswiki.language import detect_language
from newswiki.models import Article, Entity, Extraction, Mention, Resolution
from newswiki.render import article_blocks
from newswiki.sanitize import clean_fragment

RUSSIAN = (
    "В Минске прошло заседание Совета министров иностранных дел. Делегации обсудили подготовку "
    "совместных учений миротворческих сил, которые пройдут осенью на полигонах Беларуси."
)
DESCRIPTION_RE = re.compile(r'<meta name="description" content="([^"]*)"')
ENGLISH = "The ministers met in Minsk on Tuesday and discussed the exercises that will be held in the autumn."


def test_language_of_english_russian_japanese_german_and_too_short_texts():
    assert detect_language(ENGLISH) == "en"
    assert detect_language(RUSSIAN) == "ru"
    assert detect_language("ロシアの大統領は、ミンスクで開かれた首脳会議に出席しました。会議では安全保障が話し合われた。") == "ja"
    assert detect_language("Die Minister trafen sich am Dienstag in Minsk und sprachen über die Übungen im Herbst.") == "de"
    assert detect_language("OK") == "en"  # too short to tell: the site's language


def test_language_ignores_markdown_links_and_anchors():
    body = f"[Минске](../entities/minsk.md) {RUSSIAN}\n{{: #p1 }}\n\n[^1]: https://example.org/a-long-english-url-of-the-source"
    assert detect_language(body) == "ru"


def test_lang_front_matter_must_be_a_language_tag():
    assert validate_page("docs/articles/a.md", "---\ntitle: A\nlang: ru\n---\n", "article") == []
    assert validate_page("docs/articles/a.md", "---\ntitle: A\nlang: pt-BR\n---\n", "article") == []
    [problem] = validate_page("docs/articles/a.md", '---\ntitle: A\nlang: \'"><script>\'\n---\n', "article")
    assert "'lang'" in problem.message and "language tag" in problem.message


def test_download_links_keep_their_download_attribute_and_nothing_active():
    html = '<a href="mentions.csv" download onclick="x()">CSV</a>'
    assert clean_fragment(html) == '<a href="mentions.csv" download="">CSV</a>'


def make_article(aid: str, published: dt.date | None, body: str, publisher: str | None = "Daily") -> Article:
    ex = Extraction(source=f"corpus/{aid}.txt", title=f"Title {aid}", authors=(), published=published,
                    publisher=publisher, url=None, body=body, removed={}, language=detect_language(body))
    return Article(id=aid, sha256="0" * 64, extraction=ex)


def test_every_mention_is_a_row_grouped_by_article_newest_first_with_its_paragraph():
    old = make_article("old", dt.date(2011, 8, 20), "Lukashenka spoke.\n\n=Lukashenka and Lukashenka left.\n")
    new = make_article("new", dt.date(2022, 12, 1), "Minsk hosted Lukashenka.\n", publisher=None)
    undated = make_article("und", None, "Lukashenka again.\n")
    articles = [old, new, undated]
    sentences = {"old": ["Lukashenka spoke.", "=Lukashenka and Lukashenka left."], "new": ["Minsk hosted Lukashenka."],
                 "und": ["Lukashenka again."]}
    mentions, owner = {}, {}
    for article in articles:
        body = article.extraction.body
        found = []
        for sentence in sentences[article.id]:
            at = body.index(sentence)
            for offset in [i for i in range(len(sentence)) if sentence.startswith("Lukashenka", i)]:
                found.append(Mention(article.id, "Lukashenka", "PERSON", at + offset, at + offset + 10, sentence))
                owner[(article.id, at + offset)] = "luka"
        mentions[article.id] = found
    entity = Entity("luka", "Lukashenka", "person", (), {"old": 3, "new": 1, "und": 1})
    blocks = {a.id: article_blocks(a.extraction.body) for a in articles}
    data = mention_lists.research_data(articles, Resolution((entity,), owner), mentions, blocks)
    files = mention_lists.research_files(data, articles, [entity])
    data = json.loads(files["entities/luka/mentions.json"].make())
    rows = [dict(zip(data["columns"], row)) for row in data["rows"]]
    assert [r["article_id"] for r in rows] == ["new", "old", "old", "und"]
    assert sum(r["mentions"] for r in rows) == sum(entity.mentions.values())
    assert rows[1]["paragraph_url"] == "articles/old/#p1" and rows[2]["paragraph_url"] == "articles/old/#p2"
    assert rows[3]["published"] == "" and rows[0]["publisher"] == ""
    table = list(csv.DictReader(io.StringIO(files["entities/luka/mentions.csv"].make())))
    assert [r["article_id"] for r in table] == ["new", "old", "old", "und"]
    # A sentence is untrusted text: a spreadsheet must not run it as a formula.
    assert all(not r["sentence"].startswith(("=", "+", "-", "@")) for r in table)
    assert table[2]["mentions"] == "2"


def test_search_filter_words_are_plain_words_and_listed_with_their_counts():
    from newswiki.render.common import facet_token, search_facets
    from newswiki.search_filters import search_filters_json

    assert facet_token("publisher", "Минский вестник") == "nwfpubminskiyvestnik"
    block = search_facets({"type": "article", "year": "2023", "publisher": None}, {"date": "2023-10-12"})
    assert "nwftypearticle nwfyear2023" in block and 'data-pagefind-meta="date"' in block
    articles = [make_article("a", dt.date(2023, 1, 1), ENGLISH), make_article("b", None, RUSSIAN, publisher="Weekly")]
    data = json.loads(search_filters_json(articles, [Entity("luka", "Lukashenka", "person", (), {"a": 1})]))
    assert data["type"] == [{"label": "Article", "word": "nwftypearticle", "pages": 2},
                            {"label": "Person", "word": "nwftypeperson", "pages": 1}]
    assert [(c["label"], c["pages"]) for c in data["language"]] == [("English", 1), ("Russian", 1)]
    assert [c["word"] for c in data["year"]] == ["nwfyear2023"] and len(data["publisher"]) == 2


def test_the_sanitiser_keeps_the_reader_s_data_and_no_other_data_attribute():
    html = ('<div class="nw-related" data-nw-type="person"><a href="x.md" data-nw-shared="3" data-nw-run="1" '
            'data-src="y">X</a><span class="nw-cite-source" data-nw-publisher="A &amp; B" data-nw-source="https://e.org/a"></span></div>')
    cleaned = clean_fragment(html)
    assert 'data-nw-type="person"' in cleaned and 'data-nw-shared="3"' in cleaned
    assert 'data-nw-publisher="A &amp; B"' in cleaned and 'data-nw-source="https://e.org/a"' in cleaned
    assert "data-nw-run" not in cleaned and "data-src" not in cleaned


def test_related_entities_are_grouped_by_type_in_their_ranked_order():
    from newswiki.models import RelatedRef
    from newswiki.render.related import related_section

    related = (RelatedRef("nato", "NATO", "organization", 6), RelatedRef("putin", "Vladimir Putin", "person", 13),
               RelatedRef("war", "The War", "event", 2), RelatedRef("osce", "OSCE", "organization", 4),
               RelatedRef("minsk", "Minsk", "place", 1))
    text = "\n".join(related_section(related))
    headings = [line for line in text.splitlines() if line.startswith("### ")]
    assert headings == ["### People", "### Organisations", "### Places", "### Other"]
    assert text.index("[NATO]") < text.index("[OSCE]")  # resolve's ranking kept within a group
    assert '[The War](war.md){: data-nw-shared="2" } (event)' in text
    assert related_section(()) == []


def test_a_quote_s_citation_source_is_escaped_data():
    from newswiki.models import ArticleRef
    from newswiki.render.related import citation_source

    ref = ArticleRef("a", "T", dt.date(2023, 1, 2), 'A "B" <C>', 'https://e.org/?a=1&b="2"')
    span = citation_source(ref)
    assert span == ('<span class="nw-cite-source" data-nw-date="2023-01-02" data-nw-publisher="A &quot;B&quot; &lt;C&gt;" '
                    'data-nw-source="https://e.org/?a=1&amp;b=&quot;2&quot;"></span>')
    assert citation_source(ArticleRef("a", "T", None)) == '<span class="nw-cite-source"></span>'


def test_an_article_s_description_is_its_whole_first_sentence(project):
    """Not cut at an abbreviation (U.S.) or an initial, nor before the quote that closes it."""
    from newswiki.config import Config
    from newswiki.pipeline import build

    lottery = (
        "The birth lottery\n\n"
        "The U.S. has long been heralded as a land of opportunity, a place where anyone can succeed. "
        "A new report calls that into question.\n\n"
        "The report assessed poverty levels, income and wealth inequality among ten wealthy countries.\n"
    )
    tweet = (
        "A question on Twitter\n\n"
        "The staff writer posted to Twitter asking if there were “any un-angry Trump supporters?” "
        "Readers answered within the hour.\n\n"
        "The tweet was deleted the next morning after a long discussion among the readers of the site.\n"
    )
    root = project({"lottery.txt": lottery, "tweet.txt": tweet})
    result = build(Config.for_root(root, workers=1))
    assert result.ok, result.problems
    pages = {p.parent.name: p.read_text("utf-8") for p in (root / "site" / "articles").glob("*/index.html")}
    descriptions = sorted(
        html.unescape(m.group(1)) for text in pages.values() for m in [DESCRIPTION_RE.search(text)] if m
    )
    assert descriptions == [
        "The U.S. has long been heralded as a land of opportunity, a place where anyone can succeed.",
        "The staff writer posted to Twitter asking if there were “any un-angry Trump supporters?”",
    ]
