"""What readers get from the site stage: indexes, article header, entity timeline, graph data,
feed, and search that knows names. Unit tests on small records, then checks on the seed site."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from newswiki import charts, feed, render
from newswiki.search_index import ENTITY_WEIGHT
from newswiki.models import Article, Entity, EntityRef, Extraction, Mention, Resolution
from newswiki.render import entity_page, inputs
from newswiki.render.article_page import article_byline
from newswiki.render.indexes import articles_index, authors_index, entities_index, home_page, publishers_index

ATOM = "{http://www.w3.org/2005/Atom}"


def article(aid: str, published: dt.date | None, publisher: str | None = "Daily", authors=("A. Writer",),
            url: str | None = "https://example.org/a", title: str | None = None, body: str = "Some text.\n",
            removed: dict | None = None) -> Article:
    ex = Extraction(source=f"corpus/{aid}.txt", title=title or aid.title(), authors=tuple(authors), published=published,
                    publisher=publisher, url=url, body=body, removed=removed or {})
    return Article(id=aid, sha256="0" * 64, extraction=ex)


def entity(eid: str, name: str, mentions: dict[str, int], type_: str = "person", aliases=()) -> Entity:
    return Entity(id=eid, name=name, type=type_, aliases=tuple(aliases), mentions=mentions)


ARTICLES = {
    "a": article("a", dt.date(2021, 1, 5)),
    "b": article("b", dt.date(2021, 3, 9), publisher="Weekly", authors=("B. Reporter", "A. Writer")),
    "c": article("c", None, publisher=None, authors=()),
}


def test_timeline_counts_mentions_per_month_with_empty_months():
    luka = entity("luka", "Lukashenko", {"a": 2, "b": 5, "c": 1})
    per_month, undated = charts.mentions_by_month(luka, ARTICLES)
    assert per_month == {(2021, 1): 2, (2021, 3): 5} and undated == 1
    svg = charts.timeline_svg(luka, ARTICLES)
    assert svg.count("<rect") == 3  # January, an empty February, March
    assert "<title>2021-02: 0 mentions</title>" in svg and "<title>2021-03: 5 mentions</title>" in svg
    assert "Undated: 1 mention in 1 article" in svg and "<script" not in svg
    assert '<span class="nw-scale" aria-hidden="true"><span>5</span><span>0</span></span>' in svg


def test_timeline_of_long_spans_uses_coarser_bars():
    dated = {f"x{y}": article(f"x{y}", dt.date(y, 6, 1)) for y in range(1980, 2021)}
    span = entity("e", "E", {aid: 1 for aid in dated})
    svg = charts.timeline_svg(span, dated)
    assert svg.count("<rect") == 41 and "Mentions per year" in svg


def test_articles_timeline_counts_articles_per_month():
    svg = charts.articles_timeline_svg(list(ARTICLES.values()))
    assert "<title>2021-01: 1 article</title>" in svg and "Articles per month" in svg and "Undated: 1 article" in svg


def test_timeline_without_dates_says_so():
    text = charts.timeline_svg(entity("e", "E", {"c": 3}), ARTICLES)
    assert "No dated article mentions E." in text and "Undated: 3 mentions in 1 article" in text


def test_cooccurrence_and_graph_json():
    ents = [entity("luka", "Lukashenko", {"a": 1, "b": 1}), entity("csto", "CSTO", {"a": 1, "b": 2}, "organization"),
            entity("minsk", "Minsk", {"b": 1}, "place")]
    related = {"luka": (("csto", 2), ("minsk", 1)), "csto": (("luka", 2),), "minsk": (("luka", 1),)}
    pairs = charts.cooccurrence(related)  # the pairs named together in sentences (Resolution.related)
    assert pairs == {("csto", "luka"): 2, ("luka", "minsk"): 1}
    data = json.loads(charts.graph_json(ents, pairs))
    assert [n["id"] for n in data["nodes"]] == ["csto", "luka", "minsk"]
    assert {"source": "csto", "target": "luka", "weight": 2} in data["edges"]
    assert data["nodes"][1]["url"] == "entities/luka/"


def test_search_spellings_add_cyrillic_and_diacritic_forms():
    luka = entity("luka", "Alexander Lukashenko", {"a": 1}, aliases=("Lukashenka",))
    spellings = charts.search_spellings(luka)
    assert "Лукашенка" in spellings and "Lukašenka" in spellings and "Aleksander Lukašenko" in spellings
    assert "Александер Лукашенко" in spellings  # x is spelled кс, not left in Latin
    assert all(s.casefold() not in ("alexander lukashenko", "lukashenka") for s in spellings)
    csto = entity("csto", "CSTO", {"a": 1}, "organization")
    assert charts.search_spellings(csto) == []  # acronyms are not transliterated letter by letter
    assert "Lech Walesa" in charts.search_spellings(entity("w", "Lech Wałęsa", {"a": 1}))


def test_article_header_links_publisher_authors_and_original_safely():
    hostile = article("h", dt.date(2020, 1, 1), url='https://evil.example/x"onmouseover="alert(1)',
                      removed={"boilerplate": 120})
    text = article_byline(hostile, [EntityRef.of(entity("luka", "Lukashenko", {"h": 3}), "h")])
    assert 'rel="noopener nofollow noreferrer"' in text
    assert '"onmouseover' not in text and "&quot;onmouseover=&quot;" in text
    assert "../publishers.md#by-daily" in text and "../authors.md#by-a-writer" in text
    assert "[Lukashenko](../entities/luka.md){ .nw-chip .nw-person }" in text
    assert "<details" not in text  # provenance is at the foot of the page, not in its header
    page = render.render_page(inputs.ArticlePageInput(hostile, ()))
    assert "boilerplate: 120 characters" in page and page.rindex("nw-provenance") > page.index("Some text.")
    for bad in ("javascript:alert(1)", "https://a.example/with space"):
        assert "original" not in article_byline(article("j", None, url=bad))


def test_entity_page_quotes_the_newest_articles_and_lists_them_all():
    body = "Minsk was quiet.\n\nLater, Minsk woke up. Minsk sang.\n"
    days = [dt.date(2021, 1, 1) + dt.timedelta(days=n) for n in range(entity_page.QUOTED_ARTICLES + 1)]
    arts = [article(f"d{day:%m%d}", day, body=body) for day in days]  # one more than a page quotes
    mentions = {a.id: [Mention(a.id, "Minsk", "GPE", at, at + 5, body[at:].split(".")[0] + ".") for at in (0, 25, 39)]
                for a in arts}
    minsk = entity("minsk", "Minsk", {a.id: 3 for a in arts}, "place")
    resolution = Resolution((minsk,), {(aid, m.start): "minsk" for aid, found in mentions.items() for m in found})
    page = render.render_page(render.page_inputs(arts, resolution, mentions)["entities/minsk.md"])
    assert f"Quoted from the {entity_page.QUOTED_ARTICLES} newest articles; older ones are listed." in page
    assert all(f"(../articles/{a.id}.md)" in page for a in arts)
    # Each sentence once, linked to its paragraph; nothing quoted from the oldest article.
    newest, second, oldest = arts[-1].id, arts[-2].id, arts[0].id
    assert page.count(f"(../articles/{newest}.md#p1)") == page.count(f"(../articles/{second}.md#p1)") == 1
    assert page.count(f"(../articles/{newest}.md#p2)") == 2 and f"{oldest}.md#p" not in page


def test_index_pages_group_by_month_publisher_and_author():
    arts = list(ARTICLES.values())
    by_date = articles_index(arts)
    assert by_date.index("## March 2021 (1)") < by_date.index("## January 2021 (1)") < by_date.index("## Undated (1)")
    publishers = publishers_index(arts)
    assert "## Daily (1) { #by-daily }" in publishers and "1 article name no publisher." in publishers
    authors = authors_index(arts)
    assert authors.index("## A. Writer (2)") < authors.index("## B. Reporter (1)")
    ents = [entity("luka", "Lukashenko", {"a": 2}), entity("minsk", "Minsk", {"b": 1}, "place")]
    assert "People](#type-person) (1)" in entities_index(ents)
    home = home_page(arts, ents)
    assert "**3 articles** from 2 publishers and 2 named authors, published 2021-01-05 to 2021-03-09 (1 undated)" in home
    assert 'href="feed.xml"' in home and "(graph.md)" in home


def test_atom_feed_is_valid_newest_first_and_deterministic():
    arts = list(ARTICLES.values()) + [article("ctl", dt.date(2022, 1, 1), title="Bad \x07 title & <b>")]
    text = feed.atom_feed(arts, "newswiki", epoch=1_700_000_000)
    assert text == feed.atom_feed(list(reversed(arts)), "newswiki", epoch=1_700_000_000)
    root = ET.fromstring(text.encode("utf-8"))
    entries = root.findall(f"{ATOM}entry")
    # The undated article "c" is no entry: any date the feed gave it would be invented.
    assert [e.find(f"{ATOM}id").text.rsplit("/", 1)[1] for e in entries] == ["ctl", "b", "a"]
    assert entries[0].find(f"{ATOM}title").text == "Bad  title & <b>"
    assert entries[0].find(f"{ATOM}link").get("href") == "articles/ctl/"
    stated = {a.published.isoformat() for a in arts if a.published}
    for entry in entries:
        assert {entry.find(f"{ATOM}updated").text[:10], entry.find(f"{ATOM}published").text[:10]} <= stated
    # The feed was last updated when its newest entry was, not at the build's epoch.
    assert root.find(f"{ATOM}updated").text == entries[0].find(f"{ATOM}updated").text == "2022-01-01T00:00:00Z"


def test_atom_feed_without_dated_articles_has_no_entries():
    root = ET.fromstring(feed.atom_feed([ARTICLES["c"]], "newswiki", epoch=1_700_000_000).encode("utf-8"))
    assert root.findall(f"{ATOM}entry") == [] and root.find(f"{ATOM}updated").text == "2023-11-14T22:13:20Z"


# --- the seed site -------------------------------------------------------------------------

def search_fragments(seed_site: Path) -> dict[str, dict]:
    """Pagefind's per-page records (gzipped JSON after a fixed signature), by URL."""
    records = {}
    for path in sorted((seed_site / "site" / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        record = json.loads(raw[raw.index(b"{"):])
        records[record["url"]] = record
    return records


def test_seed_search_index_boosts_entity_pages_and_knows_aliases(seed_site: Path):
    wiki = json.loads((seed_site / "site" / "wiki.json").read_text("utf-8"))
    records = search_fragments(seed_site)
    for ent in wiki["entities"]:
        url = ent["path"].removesuffix(".md") + "/"
        html = (seed_site / "site" / url / "index.html").read_text("utf-8")
        assert f'data-pagefind-weight="{ENTITY_WEIGHT}"' in html, ent["id"]
        text = records["/" + url]["content"]
        for alias in ent["aliases"]:
            assert alias in text, (ent["id"], alias)


def test_seed_search_index_carries_no_active_html(seed_site: Path):
    for url, record in search_fragments(seed_site).items():
        for text in (record["meta"].get("title", ""), record["content"]):
            assert not re.search(r"<\s*(script|iframe|object|embed)\b|<[a-z][^>]*\son\w+\s*=", text, re.I), url


def test_seed_site_has_feed_graph_and_index_pages(seed_site: Path):
    site = seed_site / "site"
    root = ET.fromstring((site / "feed.xml").read_bytes())
    wiki = json.loads((site / "wiki.json").read_text("utf-8"))
    dated = {a["published"] for a in wiki["articles"] if a["published"]}
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len([a for a in wiki["articles"] if a["published"]]) > 0
    assert {e.find(f"{ATOM}updated").text[:10] for e in entries} <= dated
    graph = json.loads((site / "graph.json").read_text("utf-8"))
    assert len(graph["nodes"]) == len(json.loads((site / "wiki.json").read_text("utf-8"))["entities"])
    for page in ("publishers", "authors", "graph"):
        assert (site / page / "index.html").exists()
    home = (site / "index.html").read_text("utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in home
    graph_page = (site / "graph" / "index.html").read_text("utf-8")
    assert "vendor/cytoscape/cytoscape.min.js" in graph_page
    assert (site / "assets" / "newswiki" / "vendor" / "cytoscape" / "LICENSE").exists()


def test_seed_site_makes_no_third_party_requests(seed_site: Path):
    """Every src/href that loads something at view time points into the site itself."""
    loaders = re.compile(r"<(?:script|img|iframe|link)\b[^>]*?\s(?:src|href)=\"([^\"]+)\"", re.I)
    for path in sorted((seed_site / "site").rglob("*.html")):
        for url in loaders.findall(path.read_text("utf-8")):
            assert not re.match(r"^(?:[a-z]+:)?//", url, re.I), (path.name, url)


def test_hostile_corpus_text_stays_text_in_search_and_pages(project):
    hostile = (
        "<script>window.pwned=1</script> Lukashenka meets <img src=x onerror=alert(1)> in Minsk\n\n"
        "By <b onmouseover=alert(2)>Mallory</b>\n\n"
        + "Alexander Lukashenko said on Tuesday that <iframe src=//evil.example></iframe> Belarus and Russia "
        "would hold joint exercises near Brest. Lukashenko spoke in Minsk. " * 8
        + "\n"
    )
    root = project(corpus={"hostile.txt": hostile})
    from newswiki.config import Config
    from newswiki.pipeline import build

    assert build(Config.for_root(root, workers=1)).ok
    # A real tag, or a real tag carrying an event handler; escaped text (&lt;img ...) is harmless.
    active = re.compile(r"<\s*(script|iframe|img|b)\b|<[a-z][^>]*\son\w+\s*=", re.I)
    for doc in json.loads((root / "site" / "search" / "search_index.json").read_text("utf-8"))["docs"]:
        assert not active.search(doc["title"]) and not active.search(doc["text"]), doc["location"]
    for path in (root / "site" / "articles").rglob("*.html"):
        content = path.read_text("utf-8").split('<article class="md-content__inner', 1)[1].split("</article>", 1)[0]
        assert not active.search(content), path
    assert "<script>" not in (root / "site" / "feed.xml").read_text("utf-8")


def test_a_site_published_under_a_sub_path_has_a_404_page_that_links_inside_it(project):
    """What the deploy workflow builds (site_url set from configure-pages): the 404 page, served for
    any missing URL, loads its styles and scripts and links its pages under the site's own path."""
    from newswiki.config import Config
    from newswiki.pipeline import build

    article = "Talks in Minsk\n\n" + "Alexander Lukashenko met the ministers in Minsk on Tuesday to discuss the budget. " * 6
    root = project(corpus={"minsk.txt": article + "\n"})
    with (root / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write('site_url: "https://example.github.io/newswiki/"\n')
    assert build(Config.for_root(root, workers=1)).ok
    site = root / "site"
    page = (site / "404.html").read_text("utf-8")
    urls = re.findall(r"\s(?:src|href)=\"(/[^\"#?]*)", page)
    assert any(url.endswith(".css") for url in urls) and any(url.endswith(".js") for url in urls)
    outside = [url for url in urls if not url.startswith("/newswiki/")]
    missing = [url for url in urls if not (site / url.removeprefix("/newswiki/")).exists()]
    assert outside == [] and missing == []


def test_every_entity_type_has_a_plural_heading_like_the_others():
    """Products and works (types the build gives pages) were headed "Product" and "Work" beside
    "People", "Places" and "Events" on the home page, the entity index and the graph's type boxes."""
    arts = list(ARTICLES.values())
    ents = [entity("p", "Pat Doe", {"a": 2}), entity("phone", "iPhone", {"a": 3}, type_="product"),
            entity("book", "War and Peace", {"b": 1}, type_="work"), entity("f", "Black Friday", {"b": 1}, type_="event")]
    index = entities_index(ents)
    assert "[Products](#type-product) (1)" in index and "[Works](#type-work) (1)" in index
    assert "## Products (1)" in index and "## Works (1)" in index
    assert "1 product, 1 work" in home_page(arts, ents)
    assert "## Product (1)" not in index and "### Product\n" not in home_page(arts, ents)
