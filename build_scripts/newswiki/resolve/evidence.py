"""Evidence from the text around each mention: roles before a name, headline lines, acronym definitions."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from newswiki.models import ArticleFacts, Mention, SpanFacts
from newswiki.ner import Sentences
from newswiki.names import FUNCTION_WORDS, PERSONAL_NAME_RE, clean_span
from newswiki.resolve.acronyms import acronyms_in
from newswiki.resolve.junk import junk_reason
from newswiki.resolve.candidates import LABEL_TYPES


#: Longest context before a mention searched for a role word ("the de facto Foreign Minister of Abkhazia, ").
ROLE_CONTEXT_CHARS = 48
#: A role word right before a name, possibly with "of <place>," between: evidence of a person.
ROLE_BEFORE_RE = re.compile(
    r"\b(?:president|minister|chairman|chairwoman|secretary|ambassador|governor|chancellor|senator|mayor|"
    r"spokesman|spokeswoman|spokesperson|ceo|founder|director|mr|mrs|ms|dr|coach|judge|dictator|leader|"
    r"patriarch|prince|king|queen)\.?(?:\s+of\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?,?\s*$",
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


#: A title written just before a name, capitalised as titles are: "Belarusian President ", "Foreign Minister ".
TITLE_BEFORE_RE = re.compile(
    r"((?:Deputy |Vice |Prime |Foreign |Defen[cs]e |Interior |Finance )?(?:President|Minister|Chairman|Chairwoman|"
    r"Secretary-General|Secretary|Ambassador|Governor|Chancellor|Senator|Mayor|Spokesman|Spokeswoman|"
    r"Patriarch|Dictator|Gov\.|Sen\.|Rep\.))(?: of (?:the )?[A-Z][\w-]*(?: [A-Z][\w-]*)*)?,? $"
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
    for mention in mentions:
        if mention.label not in LABEL_TYPES:
            spans.append(None)
            continue
        name, role = clean_span(mention.text, mention.label)
        reason = junk_reason(name)
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
        spans.append(SpanFacts(name, None, title if title and personal else None, hinted, title_lines[line_start]))
    words = Counter(WORD_RE.findall(text))
    lower = "".join(f"{w} {n}\n" for w, n in sorted(words.items()) if w.islower())
    capitalised = " ".join(w for w in sorted(words) if w[0].isupper())
    breaks = Sentences(text).flat_breaks()
    return ArticleFacts(tuple(spans), lower, tuple(acronyms_in(text)), capitalised, breaks)


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
