"""Repairing the text's encoding: mojibake, double-encoded UTF-8, cp1251 read as Latin-1."""

from __future__ import annotations

import re

import ftfy


#: ftfy settings: repair encoding, but keep the text as published (curly quotes, ligatures).
FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, normalization="NFC")


def repair_encoding(text: str) -> str:
    """ftfy first; then undo cp1251 bytes read as cp1252/Latin-1, which ftfy leaves alone."""
    text = fix_text(text)
    return MOJIBAKE_LINE_RE.sub(lambda m: _cp1251_roundtrip(m.group(0)), text)


def fix_text(text: str) -> str:
    """ftfy.fix_text with FTFY_CONFIG, skipping the lines it cannot change (FTFY_UNCHANGED_RE).

    ftfy fixes a text line by line, and stops unescaping HTML entities for good after the
    first line with a "<"; the same is done here, so the result is ftfy's.
    """
    config = FTFY_CONFIG
    out = []
    start = 0
    while start < len(text):
        end = text.find("\n", start) + 1 or len(text)
        line = text[start:end]
        out.append(line if FTFY_UNCHANGED_RE.fullmatch(line) else ftfy.fix_text(line, config=config))
        if config.unescape_html == "auto" and "<" in line:
            config = config._replace(unescape_html=False)
        start = end
    return "".join(out)


#: Lines ftfy leaves as they are: printable ASCII without "&", and typographic dashes, quotes and
#: the ellipsis (U+2010-U+2027 but for the dagger, the bullet and the two line separators). Mojibake
#: is UTF-8 bytes read in a one-byte code page; in every code page ftfy tries, these characters encode
#: to no byte that begins a UTF-8 sequence followed by one that continues it, so it never finds any
#: here. Its other fixes need an entity ("&amp;"), an escape or control character, or a line break
#: other than "\n". (Most lines of real pages are of this kind; ftfy spent most of its time on them.)
FTFY_UNCHANGED_RE = re.compile(r"[\x20-\x25\x27-\x7e\u2010-\u201f\u2021\u2023-\u2027]*\n?")
MOJIBAKE_LINE_RE = re.compile(r"[\u00c0-\u00ff][\u00c0-\u00ff ]*[\u00c0-\u00ff]")


def _cp1251_roundtrip(run: str) -> str:
    letters = [ch for ch in run if ch != " "]
    if len(letters) < 4:
        return run
    for codec in ("cp1252", "latin-1"):
        try:
            fixed = run.encode(codec).decode("cp1251")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if all("\u0400" <= ch <= "\u04ff" or ch == " " for ch in fixed):
            return fixed
    return run
