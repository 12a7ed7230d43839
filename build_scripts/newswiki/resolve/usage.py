"""How the text uses a name at one mention: as a common noun, as a quoted title, in a citation.

Each is evidence from the words around the span, read once per article with its NER (and cached
with it); resolution weighs them over all of a name's mentions (pages.py, kinds via type_by_usage):

- **common noun** ("an ABI between", "an original Xbox One.", "APKs", "service level objective
  (SLO)"): an indefinite article before the name with nothing after it that the name could
  qualify, the name in the plural, or an acronym the text defines in lower-case words. A person,
  an organisation or a place is never "an X." on its own; a product or a concept often is;
- **quoted title** (“Mary Poppins”, "Eve Valkyrie"): a name alone between quotation marks is the
  title of a work (a film, a song, a game), not a person;
- **code** ("throw new TypeError(", "const task = ClaimTask.create();"): an identifier in a program
  quoted by a developer article: called or constructed, a member of another, or on a line of code.
  Such a name is no person's, firm's or place's;
- **citation** (a reference line: "^ McLintock, A. H. (1966). ... Retrieved ..."): the text of a
  reference list, where NER takes an author's surname for an organisation or a place; "Surname,"
  followed by given names or initials there is a person's surname, and the given names after
  "Surname, " ("Brian J." of "Scrimshaw, Brian J.") are no name on their own.
"""

from __future__ import annotations

import re
from collections import Counter

from newswiki.ner import english_stop_words

#: Marks of one mention's usage, joined in one short string (SpanFacts.usage).
COMMON_NOUN = "c"
QUOTED_TITLE = "q"
CITATION = "r"
CITED_SURNAME = "s"
CITED_GIVEN_NAMES = "g"
IN_CODE = "k"
IDENTIFIER_IN_CODE_ARTICLE = "j"

#: "a"/"an" right before the name, or with one adjective between ("an original"): the name's article;
#: so are a possessive or a quantifier, which a proper name never takes ("your API", "each CPU", "its
#: original GUI"): a person, a firm or a place is never "an X." nor "your X." on its own.
DETERMINERS = r"a|an|your|my|our|their|its|each|every|any|another|which|whose"
INDEFINITE_BEFORE_RE = re.compile(rf"(?:^|[\s(])(?:{DETERMINERS}) $")
INDEFINITE_ADJECTIVE_BEFORE_RE = re.compile(rf"(?:^|[\s(])(?:{DETERMINERS}) [a-z][a-z-]* $")
#: What follows a name used as a head noun: the end of the phrase, or a function word.
END_OF_PHRASE_RE = re.compile(r"[,.;:!?)](?:\s|$)|\s*$")
WORD_AFTER_RE = re.compile(r" ([a-z][a-z'’]*)\b")
#: An acronym in brackets, and the lower-case words right before it: "service level objective (SLO".
ACRONYM_IN_BRACKETS_RE = re.compile(r"\(\s*([A-Z]{2,8})\s*[);,]")
WORDS_BEFORE_RE = re.compile(r"((?:[a-z][a-z-]*\s+){0,7}[a-z][a-z-]*)\s*$")
DEFINITION_CHARS = 120
QUOTES_BEFORE = "\"“‘'«"
QUOTES_AFTER = "\"”’'»"
#: A line of a reference list: a footnote mark first, or the words references are made of.
REFERENCE_LINE_RE = re.compile(r"^\s*(?:\^|\[\d+\]|\d+\.\s+\^)|\b(?:Retrieved|Archived from the original|ISBN|ISSN|doi:)")
#: Given names or initials after a cited surname: "McLintock, A. H.", "Wilson, John (March 2009)".
GIVEN_AFTER_RE = re.compile(r",\s+(?:[A-Z]\.\s*)+|,\s+[A-Z][a-z]+(?:\s+[A-Z]\.)*\s*[(;.,]")
#: A cited surname right before the span: "Scrimshaw, " of "Scrimshaw, Brian J.".
SURNAME_BEFORE_RE = re.compile(r"[A-Z][\w'’-]+,\s*$")
CONTEXT_CHARS = 40


def usage_marks(
    text: str, start: int, end: int, name: str, cited: bool, defined_lower: set[str], plurals: set[str], code: bool = False,
    code_names: frozenset[str] = frozenset(),
) -> str:
    """The usage marks of the mention text[start:end] whose cleaned name is name; cited: whether its
    line is a reference (is_reference_line); code: whether it is a line of code (is_code_line);
    code_names: the identifiers the article writes as code somewhere (identifiers_in_code)."""
    marks = ""
    before, after = text[max(0, start - CONTEXT_CHARS) : start], text[end : end + CONTEXT_CHARS]
    if code or CODE_AFTER_RE.match(after) or CODE_BEFORE_RE.search(before) or name in code_names or in_backticks(before, after):
        marks += IN_CODE
    elif code_names and CAMEL_CASE_RE.fullmatch(name):
        marks += IDENTIFIER_IN_CODE_ARTICLE
    if not cited and (name in defined_lower or name in plurals or used_as_common_noun(before, after)):
        marks += COMMON_NOUN
    if before[-1:] and before[-1] in QUOTES_BEFORE and after[:1] and after[0] in QUOTES_AFTER + ",.":
        if after[0] in QUOTES_AFTER or (len(after) > 1 and after[1] in QUOTES_AFTER):
            marks += QUOTED_TITLE
    if cited:
        marks += CITATION
        if " " not in name and GIVEN_AFTER_RE.match(after):
            marks += CITED_SURNAME
        elif SURNAME_BEFORE_RE.search(before):
            marks += CITED_GIVEN_NAMES
    return marks


#: An identifier called, constructed, typed or reached as a member: "ClaimTask(", "Foo::bar", "Promise<T>", "TypeError.prototype";
#: "errors.TypeError", "instanceof TypeError". A space before the bracket is prose: "Reuters (2019)".
CODE_AFTER_RE = re.compile(r"\(|::|<[A-Za-z_]|\.[a-z_]\w*\(|\.prototype\b")
CODE_BEFORE_RE = re.compile(r"(?:[a-z_]\w*\.|::|\b(?:instanceof|extends|implements|throw new|typeof) )\Z")
#: A line of a program: an arrow, an empty call, a statement's end or a block's brace, a declaration.
CODE_LINE_RE = re.compile(r"=>|\w\(\)|\)\s*[;{]|\{\s*$|^\s*[{}]|\b(?:const|var|let) [a-z_]\w* =|\w\.\w+\(")
#: Lines of code are short, and do not end as sentences do; a sentence of prose may name a function
#: ("Mozilla added fetch() to Firefox.") among real names.
CODE_LINE_MAX_CHARS = 160
SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", "'")


#: Identifiers shaped as a program's names: a capital inside a word after a lower-case letter
#: ("XMLHttpRequest", "ClaimTask"), an underscore, or an exception's class ("TypeError").
IDENTIFIER_SHAPE_RE = re.compile(r"[A-Za-z]\w*(?:[a-z][A-Z]|_)\w*|[A-Z]\w*(?:Error|Exception)")
#: Where an article writes a name as code, anywhere in it: called or constructed ("XMLHttpRequest(",
#: "new ClaimTask"), a member of another ("window.XMLHttpRequest"), or inside backticks.
CODE_USE_RE = re.compile(
    r"\b(?:new|throw|instanceof|extends|implements|typeof|catch|class|interface) ([A-Za-z_]\w*)"
    r"|(?<![\w.])([A-Za-z_]\w*)(?:\(|<[A-Za-z_]|\.prototype\b|::)"
    r"|[a-z_]\w*\.([A-Za-z_]\w*)\b"
)
#: One word with a capital inside after a lower-case letter ("RetriableFailure", "YouTube"): in an article
#: that writes code, and in no other article, such a word is the program's ("a RetriableFailure state").
CAMEL_CASE_RE = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+")
BACKTICKED_RE = re.compile(r"`([^`\n]{1,200})`")
IDENTIFIER_RE = re.compile(r"[A-Za-z_]\w*")


def identifiers_in_code(text: str) -> frozenset[str]:
    """The names shaped as identifiers (IDENTIFIER_SHAPE_RE) that the article writes as code somewhere:
    the other mentions of such a name in the article name the same identifier, not a person, firm or
    place ("an XMLHttpRequest is sent" after "new XMLHttpRequest()"). One pass over the text."""
    found = {name for match in CODE_USE_RE.finditer(text) for name in match.groups() if name}
    for match in BACKTICKED_RE.finditer(text):
        found.update(IDENTIFIER_RE.findall(match.group(1)))
    return frozenset(name for name in found if IDENTIFIER_SHAPE_RE.fullmatch(name))


def in_backticks(before: str, after: str) -> bool:
    """Whether the span sits between backticks on its line (Markdown's inline code)."""
    return before.rsplit("\n", 1)[-1].count("`") % 2 == 1 and "`" in after.split("\n", 1)[0]


def is_code_line(line: str) -> bool:
    line = line.rstrip()
    return len(line) <= CODE_LINE_MAX_CHARS and not line.endswith(SENTENCE_ENDS) and bool(CODE_LINE_RE.search(line))


def is_reference_line(line: str) -> bool:
    return bool(REFERENCE_LINE_RE.search(line))


def used_as_common_noun(before: str, after: str) -> bool:
    """"an ABI between", "an original Xbox One.": an indefinite article before, and after the name
    the end of the phrase or (with no adjective between) a function word; not a word it qualifies
    ("a Trump supporter", "a Virginia Democrat", "a South Dakota-sized share")."""
    if END_OF_PHRASE_RE.match(after):
        return bool(INDEFINITE_BEFORE_RE.search(before) or INDEFINITE_ADJECTIVE_BEFORE_RE.search(before))
    match = WORD_AFTER_RE.match(after)
    return bool(match and INDEFINITE_BEFORE_RE.search(before) and match.group(1) in english_stop_words())


def lower_case_definitions(text: str) -> set[str]:
    """Acronyms the text defines by lower-case words: "service level objective (SLO)", a common noun."""
    found = set()
    for match in ACRONYM_IN_BRACKETS_RE.finditer(text):
        acronym = match.group(1)
        before = WORDS_BEFORE_RE.search(text[max(0, match.start() - DEFINITION_CHARS) : match.start()])
        words = before.group(1).split() if before else []
        for n in range(len(acronym), 1, -1):
            if len(words) >= n and "".join(w[0] for w in words[-n:]).upper() == acronym:
                found.add(acronym)
                break
    return found


#: Plurals an acronym needs in one text to count as a thing's: one may be a slip or another word.
MIN_PLURALS = 2


def plural_acronyms(text: str) -> set[str]:
    """Acronyms the text writes in the plural ("APKs", "RPCs"), more than once: counted things, not names."""
    counts = Counter(re.findall(r"\b([A-Z]{2,6})s\b", text))
    return {acronym for acronym, n in counts.items() if n >= MIN_PLURALS}


#: Shares of a name's mentions that make its usage count: a common noun in a quarter of them (a
#: name is written "an X." by mistake now and then, a concept often), a quoted title in half, a
#: cited surname in a third (the rest are often the same surname tagged in the article's text).
COMMON_NOUN_SHARE = 1 / 4
QUOTED_TITLE_SHARE = 1 / 2
CITED_SURNAME_SHARE = 1 / 3
#: ... in code in half of them (a firm's name may be quoted in a program now and then: "new Stripe(").
IN_CODE_SHARE = 1 / 2


def usage_share(marked: list[str], total: int, marks: str) -> float:
    """The share of total mentions whose usage has one of marks; marked: the usage of those that have any."""
    return sum(1 for usage in marked if any(m in usage for m in marks)) / total if total else 0.0


def type_by_usage(where: list[tuple[str, int]], usage: dict[tuple[str, int], str], entity_type: str, one_word: bool) -> str:
    """The type the usage of a name gives, over NER's vote ("common" for a concept: no page):
    a common noun ("an ABI", "APKs") is a concept when one word, a product when more ("an original
    Xbox One"); a quoted title is a work; a cited surname ("McLintock, A. H.") is a person; an identifier
    in code in half its mentions is "code" (no page)."""
    if usage.keys().isdisjoint(where):
        return entity_type  # most names: no mark at all, so every share below is 0
    marked = [mark for w in where if (mark := usage.get(w))]  # read once; the shares count these only
    if not marked:
        return entity_type
    total = len(where)
    if usage_share(marked, total, IN_CODE) >= IN_CODE_SHARE or usage_share(marked, total, IDENTIFIER_IN_CODE_ARTICLE + IN_CODE) == 1:
        return "code"
    if usage_share(marked, total, COMMON_NOUN) >= COMMON_NOUN_SHARE and entity_type not in ("product", "work"):
        return "common" if one_word else ("product" if entity_type in ("person", "place") else entity_type)
    if entity_type in ("person", "place") and usage_share(marked, total, QUOTED_TITLE) >= QUOTED_TITLE_SHARE:
        return "work"
    if one_word and entity_type in ("organization", "place") and usage_share(marked, total, CITED_SURNAME) >= CITED_SURNAME_SHARE:
        return "person"
    return entity_type
