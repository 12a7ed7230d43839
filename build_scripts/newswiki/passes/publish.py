"""Pass 4, the site: MkDocs over the staged docs/ into a staged site/, with wiki.json, graph.json
and the feed, all dated by the one build date."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit

from newswiki import charts, feed, ingest, safe_yaml, site
from newswiki.config import Config
from newswiki.models import Article, Resolution


def build_date(articles: list[Article]) -> int:
    """The build's date (seconds since 1970): SOURCE_DATE_EPOCH when set; else the newest article's
    date, so rebuilds of the same corpus are byte-identical."""
    env = os.environ.get("SOURCE_DATE_EPOCH")
    if env and env.isdigit():
        return int(env)
    dates = [a.published for a in articles if a.published]
    newest = max(dates) if dates else dt.date(2000, 1, 1)
    # Not before 1970: the gzipped sitemap's timestamp cannot be negative.
    return max(0, int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.timezone.utc).timestamp()))


def site_address(root: Path) -> tuple[str, str | None]:
    """The wiki's name and, when mkdocs.yml sets one, the web address it is published at
    (site_url: http or https with a host, ending in "/"; anything else is no address). mkdocs.yml
    is a pull request's file like any other: read through safe_yaml; a problem with it is the
    engine's to report."""
    try:
        # A regular file of a YAML reader's size at most, read no further (size first).
        text = ingest.read_limited(root / "mkdocs.yml", 4 * safe_yaml.MAX_CHARS).decode("utf-8")
        config = safe_yaml.load(text, "mkdocs.yml")
    except (OSError, UnicodeDecodeError, ingest.IngestError, safe_yaml.YamlError):
        config = None
    config = config if isinstance(config, dict) else {}
    name = config.get("site_name")
    url = config.get("site_url")
    try:
        parts = urlsplit(url) if isinstance(url, str) else None
    except ValueError:
        parts = None
    web = parts is not None and parts.scheme in ("http", "https") and bool(parts.netloc) and url.isprintable() and " " not in url
    return (name.strip() if isinstance(name, str) and name.strip() else "newswiki"), (url.rstrip("/") + "/" if web else None)


def build_site_stage(
    articles: list[Article], resolution: Resolution, redirects: dict[str, str], docs_stage: Path, config: Config,
    epoch: int, research: dict[str, str | SiteFile] | None = None,
) -> Path:
    """The site built from the staged docs/ into its own staging folder, with wiki.json, graph.json, the feed,
    and research's files (the search filters' choices, every entity's mention lists: mention_lists.research_files)."""
    entity_list = list(resolution.entities)
    extra = {
        "wiki.json": site.wiki_json(articles, entity_list),
        "graph.json": charts.graph_json(entity_list, charts.cooccurrence(resolution.related)),
        feed.FEED_NAME: feed.atom_feed(articles, *site_address(config.root), epoch=epoch),
        **(research or {}),
    }
    return site.build_site(
        config.root, config.site_dir, extra, redirects=redirects, docs_dir=docs_stage, swap=False, epoch=epoch,
        engine=config.engine, cache_dir=config.cache_dir,
    )
