"""Find active HTML in built pages by parsing them (elements and attributes, not substrings).

Written independently of newswiki.sanitize on purpose: a shared bug would hide itself.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.html

#: Elements that run or load something; never allowed where page content goes. (Form controls
#: are not active by themselves: their on* handlers and action URLs are checked like any other.)
ACTIVE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "link",
               "meta", "math", "template", "noscript", "portal", "foreignobject", "use", "image", "animate",
               "set", "animatetransform", "animatemotion", "handler", "listener"}
#: Handlers the build's own templates write (the graph page's form); they run no corpus text.
TEMPLATE_HANDLERS = {"return false"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "srcset",
                  "cite", "longdesc", "lowsrc", "dynsrc", "ping", "manifest", "codebase", "archive"}
BAD_SCHEME_RE = re.compile(r"^(?:javascript|vbscript|data|file|livescript):", re.I)
#: Classes of the page regions that carry corpus text in Material's template.
CONTENT_CLASSES = ("md-content", "md-header__topic", "md-nav--secondary", "md-footer__title")
#: Tags Material's search keeps in index entries.
SEARCH_TAGS = {"div", "p", "code", "pre", "li", "ol", "ul", "sub", "sup"}


def _normalise_script(text: str | None) -> str:
    # Template scripts differ between pages only in quoted relative paths ("..", "../assets/...").
    return re.sub(r'"[^"]*"', '""', text or "").strip()


def template_scripts(site: Path) -> set[str]:
    """The inline scripts of a page that holds no corpus text (404.html): Material's own."""
    root = lxml.html.parse(str(site / "404.html")).getroot()
    return {_normalise_script(s.text) for s in root.iter("script")}


def url_is_active(value: str) -> bool:
    compact = re.sub(r"[\x00-\x20\x7f]+", "", value)
    return bool(BAD_SCHEME_RE.match(compact))


def in_content(element) -> bool:
    for ancestor in element.iterancestors():
        classes = (ancestor.get("class") or "").split()
        if any(c.startswith(CONTENT_CLASSES) for c in classes):
            return True
    return False


def scan_page(path: Path, allowed_scripts: set[str]) -> list[str]:
    """Every active thing in one HTML page that is not Material's own template."""
    root = lxml.html.parse(str(path)).getroot()
    findings = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower().split("}")[-1]
        if tag == "script":
            src = el.get("src") or ""
            theme_file = bool(src) and not re.match(r"^([a-z][a-z0-9+.-]*:|//)", src, re.I) and not in_content(el)
            if not theme_file and _normalise_script(el.text) not in allowed_scripts:
                findings.append(f"{path}: <script> {lxml.html.tostring(el)[:100]!r}")
        elif tag in ACTIVE_TAGS and in_content(el):
            findings.append(f"{path}: <{tag}> in page content")
        for name, value in el.attrib.items():
            name = name.lower()
            if name.startswith("on") and value.strip() not in TEMPLATE_HANDLERS:
                findings.append(f"{path}: <{tag} {name}=...> event handler")
            if (name in URL_ATTRIBUTES or name.endswith("href")) and url_is_active(value):
                findings.append(f"{path}: <{tag} {name}={value[:40]!r}> active URL")
            if name == "style" and in_content(el):
                findings.append(f"{path}: <{tag} style=...> in page content")
    title = root.find(".//title")
    if title is not None and len(title):
        findings.append(f"{path}: <title> has child elements")
    return findings


def scan_site(site: Path) -> list[str]:
    allowed = template_scripts(site)
    findings = []
    for path in sorted(site.rglob("*.html")):
        findings += scan_page(path, allowed)
    for name in ("search/search_index.json", "search.json"):  # MkDocs and Material; Zensical
        index = site / name
        if index.exists():
            findings += scan_search_index(json.loads(index.read_text("utf-8")))
    return findings


def scan_search_index(data: dict) -> list[str]:
    """Search results are shown as HTML: only Material's plain tags, without attributes."""
    findings = []
    for doc in data.get("docs") or data.get("items") or []:
        for field in ("title", "text"):
            value = doc.get(field) or ""
            if not value.strip():
                continue
            fragment = lxml.html.fragment_fromstring(value, create_parent="div")
            for el in fragment.iter():
                if not isinstance(el.tag, str):
                    continue
                if el.tag not in SEARCH_TAGS or (field == "title" and el.tag != "div"):
                    findings.append(f"search {doc.get('location')!r} {field}: <{el.tag}>")
                if el.attrib:
                    findings.append(f"search {doc.get('location')!r} {field}: attributes {dict(el.attrib)}")
    return findings


def scan_html_fragment(html: str) -> list[str]:
    """Active things in a rendered fragment (for property tests)."""
    html = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", html)
    if not html.strip():
        return []
    fragment = lxml.html.fragment_fromstring(html, create_parent="div")
    findings = []
    for el in fragment.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        if tag in ACTIVE_TAGS:
            findings.append(f"<{tag}>")
        for name, value in el.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                findings.append(f"<{tag} {name}>")
            if (name in URL_ATTRIBUTES or name.endswith("href")) and url_is_active(value):
                findings.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                findings.append(f"<{tag} style>")
    return findings
