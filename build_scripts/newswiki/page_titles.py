"""Titles contributors write in pages' front matter: shown wherever the title shows, and as text.

- hand_titles: an article page whose `title:` differs from its merge base's was retitled by hand
  (the build writes the extracted title there, see render.article_page). That title becomes the
  article's title (`Article.hand_title`) for every page that shows it (the page's heading, the
  indexes, entity pages' lists), wiki.json and the feed, exactly as a sidecar's `title:` would,
  but the page keeps its path (its id comes from the extracted title). The merge base keeps the
  extracted title, so the edit stays an edit build after build; set the field back to it, or
  delete the field, and the extracted title is shown again. Without a merge base (no
  `docs/.newswiki/`) an edit cannot be told from a stale page, and no title is taken.
- title_views: MkDocs and Material print a front-matter title as raw HTML (header, navigation,
  <title>), and a contributor writes text. Every page whose `title:` holds markup characters and is
  not in the escaped form the build writes (sanitize.title_html) is shown to the engine with its
  title in that form (site_view.shown_as); docs/ keeps the contributor's text as written.

Pages the last build left unedited (their page stamps still hold) are not read: they are the
build's own text.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping
from dataclasses import replace
from pathlib import Path

import yaml

from newswiki import docs_writer
from newswiki.files import read_text
from newswiki.frontmatter_merge import replace_field
from newswiki.models import Article
from newswiki.safe_yaml import front_matter_end, front_matter_fields, front_matter_text
from newswiki.sanitize import title_html, title_text


#: What front matter holds when a title may need escaping: a markup character, or a YAML escape
#: (which alone can write one without it). Pages without are not parsed (0.5 ms a page).
MARKUP_RE = re.compile(r"[<>&\\]")


def hand_titles(docs_dir: Path, articles: list[Article], stamps_file: Path) -> list[Article]:
    """The articles, each with the title its page's front matter was given by hand (see above)."""
    records = docs_writer.load_records(docs_dir)
    by_identity = {record.identity: path for path, record in sorted(records.items()) if record.identity}
    stamps = docs_writer.load_stamps(stamps_file)
    out = []
    for article in articles:
        # Where the page was last built: its path, or where a renamed article's page (and edit) still is.
        path = by_identity.get(f"article:{article.extraction.source}", article.path if article.path in records else None)
        title = hand_title(docs_dir, path, records, stamps) if path else ""
        out.append(replace(article, hand_title=title) if title and title != article.extraction.title else article)
    return out


def hand_title(docs_dir: Path, path: str, records: Mapping[str, docs_writer.PageRecord], stamps: Mapping[str, docs_writer.Stamp]) -> str:
    """The text of the page's `title:` when it differs from its merge base's, else ""."""
    page, base_file = docs_dir / path, docs_dir / docs_writer.BASE_DIR / path
    stamp = stamps.get(path)
    if stamp is not None and docs_writer.file_stamp(page) == stamp.page and docs_writer.file_stamp(base_file) == stamp.base:
        return ""  # as the last build wrote it
    try:
        current = read_text(page)
    except UnicodeDecodeError:
        return ""
    if current is None:
        return ""
    current = current.replace("\r\n", "\n")
    base = docs_writer.load_base(docs_dir, path, records.get(path), current)
    if base is None or base == current:
        return ""
    mine = front_matter_title(current)
    if mine is None or mine == front_matter_title(base):
        return ""
    return title_text(mine)


def front_matter_title(text: str) -> str | None:
    """The page's `title:` when its front matter is a mapping with a title that is text, else None."""
    data = front_matter_fields(text)
    title = data.get("title") if data else None
    return title if isinstance(title, str) and title_text(title) else None


def title_views(docs_dir: Path, stamps_file: Path, skip: Collection[str] = ()) -> dict[str, str]:
    """Page path -> the page as the engine must read it, for each page under docs_dir (but skip)
    whose front-matter title is not escaped text (see above). Call it once docs_dir is written:
    stamps_file holds the pages this build left as it generated them."""
    views = {}
    skipped = set(skip)
    stamps = docs_writer.load_stamps(stamps_file)
    for path in page_paths(docs_dir):
        page = docs_dir / path
        stamp = stamps.get(path)
        if path in skipped or (stamp is not None and docs_writer.file_stamp(page) == stamp.page):
            continue
        try:
            text = read_text(page)
        except UnicodeDecodeError:
            continue  # the writer shows the generated page instead, or MkDocs names it
        if not MARKUP_RE.search(front_matter_text(text or "") or ""):
            continue  # no markup character in it, even escaped: not worth parsing
        data = front_matter_fields(text or "")
        title = data.get("title") if data else None
        if not isinstance(title, str) or title_html(title) == title:
            continue
        views[path] = with_title(text or "", data or {}, title_html(title))
    return views


def page_paths(docs_dir: Path) -> list[str]:
    """The Markdown pages under docs_dir, as MkDocs reads them: dot folders (the build's state) left out."""
    found = []
    for folder, dirs, files in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relative = Path(folder).relative_to(docs_dir)
        found += [(relative / name).as_posix() for name in files if name.endswith(".md") and not name.startswith(".")]
    return sorted(found)


def with_title(text: str, data: dict, title: str) -> str:
    """The page with its front matter's title set to title: the field alone rewritten when the front
    matter splits into fields, else the whole front matter written again."""
    changed = replace_field(text, "title", title)
    if changed != text:
        return changed
    fields = yaml.safe_dump({**data, "title": title}, allow_unicode=True, sort_keys=False, width=1000)
    return "---\n" + fields + "---\n" + text[front_matter_end(text) :]
