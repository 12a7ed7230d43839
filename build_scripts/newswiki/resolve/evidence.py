"""Evidence from the text around each mention: roles before a name, headline lines, acronym definitions."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from newswiki.models import ArticleFacts, Mention, SpanFacts
from newswiki.ner import Sentences
from newswiki.names import (
    FUNCTION_WORDS, LONE_QUALIFIERS, NAME_TITLES, PERSONAL_NAME_RE, ROLE_QUALIFIERS, ROLES, alternatives, clean_span,
)
from newswiki.resolve.acronyms import acronyms_in
from newswiki.resolve.junk import junk_reason
from newswiki.resolve.candidates import LABEL_TYPES
from newswiki.resolve.usage import (
    CITED_GIVEN_NAMES, identifiers_in_code, is_code_line, is_reference_line, lower_case_definitions, plural_acronyms, usage_marks,
)


#: Longest context before a mention searched for a role word ("the de facto Foreign Minister of Abkhazia, ").
ROLE_CONTEXT_CHARS = 48
#: A role word right before a name, possibly with "of <place>," between: evidence of a person.
ROLE_BEFORE_RE = re.compile(
    rf"\b(?:{alternatives(ROLES)})\.?(?:\s+of\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?,?\s*$",
    re.I,
)

WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")
MentionKey = tuple[str, int]  # (article id, start offset)


@dataclass(frozen=True)
class Evidence:
    """Per-mention evidence: a role word before it (a person), a Title Case line around it (weak)."""

    hinted: set[MentionKey]
    titled: set[MentionKey]
    roles: dict[MentionKey, str] = field(default_factory=dict)  # the title written with a person's name
    usage: dict[MentionKey, str] = field(default_factory=dict)  # how the text uses the name there (usage.py)
    given_names: frozenset[str] = frozenset()  # folded words that begin two people's full names or more in the corpus
    surnames: frozenset[str] = frozenset()  # folded last words of people's full names in the corpus
    plural_acronyms: Mapping[str, int] = field(default_factory=dict)  # acronym -> articles writing it in the plural ("APIs")
    # folded names that begin or end a longer name of the corpus, or have another's words in another order
    # (pages.parts_of_longer_names): no page of their own from one mention
    parts_of_longer: frozenset[str] = frozenset()
    # folded names that begin a longer name NER tags a product or a work -> that type (thing_context.thing_title_prefixes)
    thing_titles: Mapping[str, str] = field(default_factory=dict)


#: A title written just before a name, capitalised as titles are: "Belarusian President ", "Foreign Minister ".
#: The roles of names.ROLES cut from spans (not the titles of names: "General", "King"), a patriarch's
#: and a premier's, abbreviations ("Gov.", "CEO"); the qualifiers before them but "former" and "acting".
SHOWN_ROLES = sorted((ROLES - NAME_TITLES - {"sen", "rep", "ceo"}) | {"patriarch", "premier"})
SHOWN_QUALIFIERS = [q.title() for q in ROLE_QUALIFIERS if q not in LONE_QUALIFIERS]
TITLE_BEFORE_RE = re.compile(
    rf"(?<![\w-])((?:(?:{alternatives(SHOWN_QUALIFIERS)}) )*"
    rf"(?:{alternatives([r[:1].upper() + r[1:] for r in SHOWN_ROLES] + ['Gov.', 'Sen.', 'Rep.', 'CEO', 'CFO', 'COO', 'CTO'])}))"
    r"(?: of (?:the )?[A-Z][\w-]*(?: [A-Z][\w-]*)*)?,? $"
)
#: Abbreviations that are titles; other capitals before a name are positions or teams ("DL", "QB").
EXECUTIVE_TITLES = {"CEO", "CFO", "COO", "CTO"}
#: Short forms of titles, written out on pages.
TITLE_WORDS = {"Gov.": "Governor", "Gov": "Governor", "Sen.": "Senator", "Sen": "Senator", "Rep.": "Representative", "Rep": "Representative"}


def role_before(before: str) -> str | None:
    """The title written right before a mention ("... Belarusian President "), if any."""
    match = TITLE_BEFORE_RE.search(before)
    return match.group(1) if match else None


def role_title(role: str) -> str:
    """A role as a page shows it: title case, short forms written out ("Gov." -> "Governor")."""
    words = [TITLE_WORDS.get(w, w) for w in role.split()]
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in words)


def article_facts(mentions: list[Mention], text: str) -> ArticleFacts:
    """The facts of one article, from its mentions and the plain text they point into."""
    spans: list[SpanFacts | None] = []
    title_lines: dict[int, bool] = {}  # line start -> Title Case?, computed once per line
    defined_lower, plurals, code_names = lower_case_definitions(text), plural_acronyms(text), identifiers_in_code(text)
    cited_lines: dict[int, tuple[bool, bool]] = {}  # line start -> (a reference line?, a line of code?), once per line
    for mention in mentions:
        if mention.label not in LABEL_TYPES:
            spans.append(None)
            continue
        name, role = clean_span(mention.text, mention.label)
        reason = junk_reason(name) or across_paragraphs(mention.text)
        if reason:
            spans.append(SpanFacts(name, reason, None, False, False))
            continue
        before = text[max(0, mention.start - ROLE_CONTEXT_CHARS) : mention.start]
        title = role or role_before(before)
        personal = bool(PERSONAL_NAME_RE.match(name))
        hinted = bool(role or (ROLE_BEFORE_RE.search(before) and personal))
        line_start = text.rfind("\n", 0, mention.start) + 1
        if line_start not in title_lines:
            title_lines[line_start] = in_title_line(text, mention.start, mention.end)
        if line_start not in cited_lines:
            line_end = text.find("\n", mention.end)
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            cited_lines[line_start] = (is_reference_line(line), is_code_line(line))
        cited, code = cited_lines[line_start]
        usage = usage_marks(text, mention.start, mention.end, name, cited, defined_lower, plurals, code, code_names)
        if CITED_GIVEN_NAMES in usage and " " not in name and mention.label == "PERSON":
            spans.append(SpanFacts(name, "a given name after a cited surname ('Wilson, John'), not a name on its own", None, False, False))
            continue
        spans.append(SpanFacts(name, None, title if title and personal else None, hinted, title_lines[line_start], usage))
    words = Counter(WORD_RE.findall(text))
    lower = "".join(f"{w} {n}\n" for w, n in sorted(words.items()) if w.islower())
    capitalised = " ".join(w for w in sorted(words) if w[0].isupper())
    breaks = Sentences(text).flat_breaks()
    return ArticleFacts(tuple(spans), lower, tuple(acronyms_in(text)), capitalised, breaks, birth_names(text))


#: "Ellen Gille (née Fetter)", "Lady Gaga, born Stefani Germanotta": a birth name after the name used now.
BIRTH_NAME_RE = re.compile(r"\b(?:née|nee|born)\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2})")
#: Capitalised words just before such a birth name, up to its bracket or comma.
NAME_BEFORE_RE = re.compile(r"((?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+)\s*[(,]?\s*$")


def birth_names(text: str) -> tuple[tuple[str, str], ...]:
    """(the capitalised words right before, the birth name) of each birth name the text gives after a
    name ("Ellen Gille (née Fetter)"): resolve's merge_birth_names reads these, not every text again."""
    if "born" not in text and "nee" not in text and "née" not in text:
        return ()  # the pattern's words, looked for in C: most texts have none
    found = []
    for match in BIRTH_NAME_RE.finditer(text):
        before = NAME_BEFORE_RE.search(text[max(0, match.start() - 80) : match.start()])
        if before is not None:
            found.append((before.group(1), match.group(1)))
    return tuple(found)


PARAGRAPH_BREAK_INSIDE_RE = re.compile(r"\S[ \t]*\n[ \t]*\n\s*\S")


def across_paragraphs(span: str) -> str | None:
    """Why a span across a blank line is no name: the end of one block glued to the start of the next
    ("Jonathan Corbet\n\nInside this week's...", "Walmart\n\nNew Price Drop")."""
    return "two paragraphs glued (a blank line inside the span)" if PARAGRAPH_BREAK_INSIDE_RE.search(span) else None


def corpus_facts(mentions: dict[str, list[Mention]], texts: Mapping[str, str]) -> dict[str, ArticleFacts]:
    return {aid: article_facts(mentions.get(aid, []), texts.get(aid, "")) for aid in set(mentions) | set(texts)}


SENTENCE_INSIDE_RE = re.compile(r"[a-z][.!?]\s+[A-Z]")
TITLE_LINE_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


def in_title_line(text: str, start: int, end: int) -> bool:
    """Whether a span sits in a Title Case line (a headline or caption), where NER glues words to names."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    line = text[left : right if right >= 0 else len(text)]
    words = TITLE_LINE_WORD_RE.findall(line)
    if len(words) < 4 or SENTENCE_INSIDE_RE.search(line):
        return False  # two sentences or more: running text, however many names it lists
    capitalised = sum(1 for w in words if w[0].isupper() or w.lower() in FUNCTION_WORDS)
    return capitalised >= 0.8 * len(words)


# ---------------------------------------------------------------- acronyms


def acronym_definitions(facts: dict[str, ArticleFacts]) -> dict[str, str]:
    """Folded long form -> acronym, learned from "Long Name (ABBR)" and "ABBR (Long Name)" in the corpus."""
    found: dict[str, str] = {}
    for aid in sorted(facts):
        found.update(facts[aid].acronyms)
    return found
