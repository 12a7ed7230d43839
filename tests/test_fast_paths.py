"""The fast paths of cleaning, metadata and resolution give exactly what the plain computations give.

Each fast path (a prefilter, a cache, an ASCII shortcut) is checked against the direct
computation it stands for, on the seeds' lines and on lines built to hit its edges.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from types import SimpleNamespace

import dateparser
import ftfy
import pytest
from anyascii import anyascii
from slugify import slugify
from hypothesis import given, settings
from hypothesis import strategies as st

from newswiki import dates, markdown
from newswiki.passes.resolution import PlainTexts
from newswiki.models import Mention
from newswiki.resolve.collect import words_after, words_after_in_place
from newswiki.resolve.occurrences import FormIndex, article_occurrences, form_places
from newswiki.resolve.pages import SLUG_LENGTH, Group, sample_names, slug_of
from newswiki.resolve.collect import attach_headline_fragments, collect_candidates
from newswiki.resolve.evidence import corpus_facts
from newswiki.resolve.resolver import keyed_mentions
from newswiki.resolve.thing_context import NOUN_BEFORE_RE, noun_may_end
from newswiki.resolve.variants import name_then_words_re
from newswiki.resolve.elsewhere import names_written, rarest_word_table
from newswiki.names import clean_span
from newswiki.slugs import RESERVED, SAFE_SLUG_RE, not_reserved
from newswiki.resolve.evidence import WORD_RE as EVIDENCE_WORD_RE
from tests.conftest import SEEDS
from newswiki.clean.encoding import FTFY_CONFIG, fix_text
from newswiki.clean.furniture import ASCII_KEY_SHARE, copy_key
from newswiki.clean.lines import WORD_RE, normalise, punctuation_count, split_blocks, words
from newswiki.clean.phrases import (
    BOILERPLATE_PHRASES, BOILERPLATE_RE, _PHRASES_ALWAYS, _lowers_simply, boilerplate_hits,
    required_words,
)

EDGE_LINES = [
    "Subscribe to our newsletter",
    "SIGN UP for our Newsletter — it’s free",
    "“Read more” about the cookie policy",
    "» Next story",
    ">> More",
    "x",
    "Share",
    "The technology blog signed a design deal in Minsk",  # prefilter passes, no phrase
    "Nothing here at all",
    "Подпишитесь на нашу рассылку",
    "Читать также: новости",
    "Все права защищены © 2024",
    "Clique aqui e leia mais",
    "Leer más — suscríbete",
    "Tous droits réservés. Cliquez ici",
    "Alle Rechte vorbehalten. Klicken Sie hier",
    "ſubscribe to the ſtory",  # long s folds to s only case-insensitively
    "İstanbul Sign In",
    "Σ ΣΑΣ newsletter",
    "Ⓢubscribe",
    "Photo: Getty Images",
    "5 min read",
    "Posted by AP Photo/Jane Doe",
]


def seed_lines() -> list[str]:
    return [block.text for path in sorted(SEEDS.glob("*.txt")) for block in split_blocks(path.read_text("utf-8"))]


def direct_hits(text: str) -> dict[str, int]:
    return {m.group(0).lower(): m.start() for m in BOILERPLATE_RE.finditer(text)}


@pytest.mark.parametrize("text", EDGE_LINES)
def test_boilerplate_hits_equal_the_full_scan_on_edge_lines(text):
    assert boilerplate_hits(text) == direct_hits(text)


def test_boilerplate_hits_equal_the_full_scan_on_the_seeds():
    lines = seed_lines()
    assert lines and [boilerplate_hits(t) for t in lines] == [direct_hits(t) for t in lines]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(EDGE_LINES + ["Related articles", "Privacy Policy", "ΑΣ", "İ", "ſ", "K", " "]), max_size=4))
def test_boilerplate_hits_equal_the_full_scan_on_mixtures(pieces):
    text = " ".join(pieces)
    assert boilerplate_hits(text) == direct_hits(text)


def test_the_prefilter_is_active_and_its_words_are_required():
    assert _PHRASES_ALWAYS == []  # every unanchored phrase has a word to look for
    assert required_words(r"\bsubscri(be|ption)\b") == {"subscri"}
    assert required_words(r"(next|previous) (post|article)") == {"next", "previous"}
    assert required_words(r"min(ute)? read$") == {" read"}
    assert required_words(r"\w+\s*") is None
    assert required_words(r"(a|\w)b") == {"b"}


def test_phrases_have_no_escape_that_lower_case_would_change():
    assert not [p for p in BOILERPLATE_PHRASES if re.search(r"\\[A-Z]", p)]


def test_simple_case_characters_match_like_their_lower_case():
    """For every character the lower-cased scan accepts, lower() gives one character of the
    same word/space/digit class, and each character of the phrases matches it
    case-insensitively exactly when it equals its lower case."""
    pattern_chars = {ch for p in BOILERPLATE_PHRASES for ch in p} | {chr(i) for i in range(128)}
    accepted = [chr(code) for code in range(0x110000) if _lowers_simply(chr(code))]
    assert len(accepted) > 700  # Latin-1, Latin Extended-A, Cyrillic, uncased scripts, punctuation
    lowered = [ch.lower() for ch in accepted]
    assert all(len(low) == 1 for low in lowered)
    every, every_lower = "".join(accepted), "".join(lowered)
    for cls in (r"\w", r"\s", r"\d"):
        marks = [bool(re.fullmatch(cls, ch)) for ch in every]
        assert marks == [bool(re.fullmatch(cls, ch)) for ch in every_lower], cls
    for x in pattern_chars:
        insensitive = set(re.findall(re.escape(x), every, re.IGNORECASE))
        assert insensitive == {ch for ch, low in zip(accepted, lowered) if low == x.lower()}, x


FTFY_CASES = [
    "plain ASCII line\nanother line\n",
    "Fish &amp; chips\n<b>tag</b>\nFish &amp; chips again\n",  # entities stop being unescaped after a "<"
    "caf\u00c3\u00a9 au lait\r\nok\n",
    "\x1b[31mred\x1b[0m text\n",
    "tab\there\x07bell\n\n\n",
    "1 äåêàáðÿ 2022\nArmenia’s “peace”",
    "no final newline",
    "",
]


@pytest.mark.parametrize("text", FTFY_CASES)
def test_fix_text_equals_ftfy(text):
    assert fix_text(text) == ftfy.fix_text(text, config=FTFY_CONFIG)


def test_fix_text_equals_ftfy_on_the_seeds():
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text("utf-8")
        assert fix_text(text) == ftfy.fix_text(text, config=FTFY_CONFIG)


WORDY = st.text(alphabet=st.sampled_from(list("aZ ΣσςΑΔʰİıſK_1-’ é\u0301\u00a0Ж")), max_size=30)


@settings(max_examples=500, deadline=None)
@given(WORDY)
def test_normalise_equals_lower_casing_each_word(text):
    assert normalise(text) == " ".join(w.lower() for w in words(text))
    assert normalise(text).split() == [w.lower() for w in words(text)]


def test_no_word_character_lower_cases_to_a_space():
    """So the lower-cased words of normalise() split back apart on spaces (page_stop_words)."""
    changed = (chr(code) for code in range(0x110000) if chr(code).lower() != chr(code))
    assert not [ch for ch in changed if WORD_RE.fullmatch(ch) and any(c.isspace() for c in ch.lower())]


@settings(max_examples=500, deadline=None)
@given(WORDY)
def test_punctuation_count_and_copy_key_equal_their_definitions(text):
    assert punctuation_count(text) == sum(unicodedata.category(ch)[0] in "PS" for ch in text)
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(ch.isascii() for ch in letters) >= len(letters) * ASCII_KEY_SHARE:
        expected = normalise("".join(ch if ch.isascii() else " " for ch in text))
    else:
        expected = normalise(text)
    assert copy_key(text) == expected


DATE_LINES = [
    ("November 18, 2019", "2019-11-18"),
    ("Published 2019-11-18 10:00", "2019-11-18"),
    ("1 декабря 2022", "2022-12-01"),
    ("22 de outubro de 2010", "2010-10-22"),
    ("1. Dezember 2023", "2023-12-01"),
    ("1er décembre 2023", "2023-12-01"),
    ("23.11.2022", "2022-11-23"),
    ("2022年11月23日", "2022-11-23"),
    ("12 people 2023", None),
    ("October 10 – October 16, 2022", None),
]


@pytest.mark.parametrize("line, expected", DATE_LINES)
def test_dates_in_several_languages_parse_the_same_twice(line, expected):
    first, second = dates.find_date(line), dates.find_date(line)
    assert first == second
    assert (first.isoformat() if first else None) == expected


def test_cached_date_parse_equals_dateparser_on_the_seeds():
    """parse_date is dateparser.parse (cached): the same answer for every date-shaped string of the seeds."""
    found = 0
    for text in seed_lines() + [line for line, _ in DATE_LINES]:
        for pattern in dates.DATE_RES:
            for match in pattern.finditer(text):
                direct = dateparser.parse(match.group(0), settings=dates.DATE_SETTINGS)
                assert dates.parse_date(match.group(0)) == (direct.date() if direct else None)
                found += 1
    assert found >= len(DATE_LINES)


def english_dates() -> list[str]:
    """Every day of every month of a common and a leap year (days written both ways), and
    the first and last days of January and the end of February in every year read directly."""
    days = [str(d) for d in range(1, 32)] + [f"{d:02d}" for d in range(0, 10)]
    found = [f"{month} {day}, {year}" for year in (2023, 2024) for month in dates.ENGLISH_MONTHS for day in days]
    for year in range(1990, 2101):
        found += [f"January 1, {year}", f"December 31, {year}", f"February 28, {year}", f"February 29, {year}"]
    return found


def test_english_dates_read_directly_equal_dateparser():
    """(A day that does not exist is left to dateparser, so only existing days are compared.)"""
    written = english_dates()
    assert all(dates.ENGLISH_DATE_RE.fullmatch(d) for d in written)
    compared = 0
    for text in written:
        month, day, year = text.replace(",", "").split()
        try:
            dt.date(int(year), dates.ENGLISH_MONTHS.index(month) + 1, int(day))
        except ValueError:
            continue
        direct = dateparser.parse(text, settings=dates.DATE_SETTINGS)
        assert direct is not None and dates.parse_date(text) == direct.date(), text
        compared += 1
    assert compared > 1000


def pairs_by_splitting(text: str, first: str, second: str) -> int:
    """The direct count: the text's words (evidence.WORD_RE) joined by spaces, " first second " counted."""
    joined, needle = " " + " ".join(EVIDENCE_WORD_RE.findall(text)) + " ", f" {first} {second} "
    return sum(1 for at in range(len(joined)) if joined.startswith(needle, at))


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=["a", "b", "A", "'", "-", " ", ".", "\n", "é", "1", "_", "K", "İ"], max_size=16),
    st.sampled_from(["a", "b", "ab", "a-b", "a'b"]),
    st.sets(st.sampled_from(["a", "b", "ab", "b-a"]), min_size=1),
)
def test_word_pairs_found_in_place_equal_the_count_over_all_words(text, first, seconds):
    expected = {(first, b): n for b in seconds if (n := pairs_by_splitting(text, first, b))}
    split = words_after(text, {first: seconds}, len(text))
    assert words_after_in_place(text, {first: seconds}) == expected == split


def test_word_pairs_found_in_place_equal_the_count_over_all_words_on_the_seeds():
    texts = [p.read_text(encoding="utf-8").lower() for p in sorted(SEEDS.glob("*.txt"))]
    wanted = {"the": {"president", "minister"}, "foreign": {"minister"}, "of": {"the"}, "security": {"treaty"}}
    expected = [{(a, b): n for a, bs in wanted.items() for b in bs if (n := pairs_by_splitting(t, a, b))} for t in texts]
    assert [words_after_in_place(t, wanted) for t in texts] == expected == [words_after(t, wanted, len(t)) for t in texts]
    assert sum(sum(found.values()) for found in expected) > 10

#: Pieces of names and text around them: overlapping forms ("aa" in "aaa"), a form inside a longer one,
#: non-ASCII letters (a combining accent, two code units in UTF-16, an emoji), hyphens and capitals.
NAME_PIECES = ["New Mexico", "Mexico", "Bruno Mars", "Mars", "CSTO", "CSTO Permanent Council", "aa", "a", "Минск",
               "x\u0301", "😀", "Ⅻ", "-", " ", ".", "\n", "the ", "Mr ", "É"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=14), st.sets(st.sampled_from(NAME_PIECES[:12] + ["Mexico City", "xyz"]), max_size=8))
def test_the_automaton_finds_every_place_str_find_finds(pieces, forms):
    text = "".join(pieces)
    assert FormIndex(forms).places(text) == form_places(text, sorted(forms))


def test_a_text_utf8_cannot_encode_is_left_to_str_find():
    assert FormIndex(["Minsk"]).places("Minsk \ud800 Minsk") is None
    assert FormIndex([]).places("Minsk") == {} == form_places("Minsk", [])


#: Entities of the occurrence tests and their forms: a name inside another's, a shared one, an acronym.
OCCURRENCE_FORMS = {
    "new-mexico": ("New Mexico",), "mexico": ("Mexico",), "bruno-mars": ("Bruno Mars", "Mars"), "mars": ("Mars",),
    "csto": ("CSTO",), "csto-council": ("CSTO Permanent Council",), "minsk": ("Минск",),
}
OCCURRENCE_TYPES = {"new-mexico": "place", "mexico": "place", "bruno-mars": "person", "mars": "place", "csto": "organization",
                    "csto-council": "organization", "minsk": "place"}


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(NAME_PIECES), max_size=14), st.sets(st.sampled_from(sorted(OCCURRENCE_FORMS)), min_size=1),
       st.lists(st.integers(0, 40), max_size=3))
def test_occurrences_from_the_automaton_equal_those_from_str_find(pieces, present, tagged_at):
    text = "".join(pieces)
    ids = sorted(present)
    # NER spans on some occurrences of the present entities' forms, each linked to its entity.
    mentions, owners, end = [], {}, -1
    for eid, form, at in sorted((eid, f, at) for eid in ids for f, places in form_places(text, OCCURRENCE_FORMS[eid]).items() for at in places):
        if at > end and at % 41 in tagged_at:
            mentions.append(Mention("a", form, "GPE", at, at + len(form), text))
            owners[("a", at)], end = eid, at + len(form)
    index = FormIndex(f for forms in OCCURRENCE_FORMS.values() for f in forms)
    fast = article_occurrences(text, ids, mentions, owners, OCCURRENCE_FORMS, OCCURRENCE_TYPES, None, index.places(text))
    assert fast == article_occurrences(text, ids, mentions, owners, OCCURRENCE_FORMS, OCCURRENCE_TYPES)


def test_occurrences_from_the_automaton_equal_those_from_str_find_on_the_seeds():
    forms = {"csto": ("CSTO", "Collective Security Treaty Organization"), "lukashenko": ("Alexander Lukashenko", "Lukashenko"),
             "minsk": ("Minsk",), "russia": ("Russia",), "belarus": ("Belarus",)}
    types = {"csto": "organization", "lukashenko": "person", "minsk": "place", "russia": "place", "belarus": "place"}
    index, found = FormIndex(f for names in forms.values() for f in names), 0
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        hits = article_occurrences(text, sorted(forms), [], {}, forms, types, None, index.places(text))
        assert hits == article_occurrences(text, sorted(forms), [], {}, forms, types)
        found += len(hits)
    assert found > 100


def plain_text_step_by_step(markdown_text: str) -> str:
    for pattern, replacement in markdown.PLAIN_TEXT_STEPS:
        markdown_text = pattern.sub(replacement, markdown_text)
    return markdown_text


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["#", "##", "-", "- ", " ", "\n", "\t", "\r", "\u2028", "\\-", "&lt;", "a", "[^1]"]), max_size=12))
def test_plain_text_equals_its_steps_applied_in_turn(pieces):
    text = "".join(pieces)
    assert markdown.plain_text(text) == plain_text_step_by_step(text) == markdown.PlainText(text).text


def test_plain_text_equals_its_steps_applied_in_turn_on_the_seeds():
    bodies = [markdown.escape_inline(line) for p in sorted(SEEDS.glob("*.txt")) for line in p.read_text(encoding="utf-8").splitlines()]
    body = "\n".join(("## " if n % 7 == 0 else "- " if n % 5 == 0 else "") + line for n, line in enumerate(bodies))
    assert body.count("\n## ") > 10 and markdown.plain_text(body) == plain_text_step_by_step(body)


def slug_the_long_way(name: str) -> str:
    return not_reserved(slugify(anyascii(name), max_length=SLUG_LENGTH) or "entity")


@settings(max_examples=500, deadline=None)
@given(st.one_of(
    st.from_regex(SAFE_SLUG_RE, fullmatch=True),
    st.text(alphabet=["a", "z", "0", "9", "-", "A", " ", "é", "_", "&", "#", ";", ",", "ß", "Ж"], max_size=90),
    st.sampled_from(sorted(RESERVED) + ["index-page", "entity", "a" * 80, "a" * 81, "1,000", "-a", "a-", "John Smith", "Index", "CON",
                                        "A B", "X" * 81, "Agent 47", "a  b", " a", "a "]),
    st.from_regex(r"[A-Za-z0-9]{1,9}(?: [A-Za-z0-9]{1,9}){0,9}", fullmatch=True),
))
def test_a_slug_is_its_own_slug(name):
    assert slug_of(name) == slug_the_long_way(name)
    assert slug_of(slug_of(name)) == slug_the_long_way(slug_the_long_way(name))


def test_a_slug_is_its_own_slug_on_the_seeds_names():
    names = {m for p in sorted(SEEDS.glob("*.txt")) for m in re.findall(r"(?:[A-Z][\w'’.-]*\s?){1,4}", p.read_text(encoding="utf-8"))}
    assert len(names) > 500
    for name in sorted(names):
        slug = slug_the_long_way(name)
        assert (slug_of(name), slug_of(slug)) == (slug, slug_the_long_way(slug))


def test_plain_texts_kept_equal_the_texts_made_anew():
    bodies = {p.stem: markdown.escape_inline(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt"))}
    texts = PlainTexts([SimpleNamespace(id=aid, extraction=SimpleNamespace(body=body)) for aid, body in bodies.items()])
    assert len(texts) == len(bodies) > 3
    first = {aid: texts[aid] for aid in texts}
    assert first == {aid: markdown.plain_text(body) for aid, body in bodies.items()}
    assert all(texts[aid] is first[aid] for aid in bodies) and texts.get("missing", "") == ""


#: Pieces of text around a firm's name: the name inside a longer word, after a hyphen or an underscore, legal forms after it.
FIRM_PIECES = ["Arduino", "Labs", "SRL", "LLC", "Inc.", ",", " ", "\n", "x", "_", "-", "é", ".", "İ"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(FIRM_PIECES), max_size=14), st.sampled_from(["Arduino", "Arduino Labs", "-Arduino", "é", "_x", "Inc."]))
def test_a_name_then_words_found_from_the_name_equal_the_boundary_first_pattern(pieces, base):
    text = "".join(pieces)
    boundary_first = re.compile(rf"\b{re.escape(base)},?\s+((?:[A-Z][\w.]*\s?){{1,3}})")
    found = [(m.span(), m.group(1)) for m in name_then_words_re(base).finditer(text)]
    assert found == [(m.span(), m.group(1)) for m in boundary_first.finditer(text)]


def test_a_name_then_words_found_from_the_name_on_the_seeds():
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt")))
    matched = 0
    for base in ("Lukashenko", "Collective Security", "CSTO", "Minsk", "Russia", "Belarus", "the", "of"):
        boundary_first = re.compile(rf"\b{re.escape(base)},?\s+((?:[A-Z][\w.]*\s?){{1,3}})")
        found = [(m.span(), m.group(1)) for m in name_then_words_re(base).finditer(text)]
        assert found == [(m.span(), m.group(1)) for m in boundary_first.finditer(text)]
        matched += len(found)
    assert matched > 20


def seed_mentions() -> tuple[dict[str, list[Mention]], dict[str, str]]:
    """Every run of capitalised words of the seeds as a mention (labels in turn), with roles, possessives and
    headline words in them: the spans clean_span has work to do on."""
    labels = ["PERSON", "ORG", "GPE", "PRODUCT", "NORP"]
    mentions, texts = {}, {}
    for path in sorted(SEEDS.glob("*.txt")):
        text = texts[path.stem] = path.read_text(encoding="utf-8")
        spans = re.finditer(r"(?:the )?(?:[A-Z][\w.'’-]*(?:'s|’s)?[ \n]?){1,4}", text)
        mentions[path.stem] = [
            Mention(path.stem, m.group(0), labels[n % len(labels)], m.start(), m.end(), text) for n, m in enumerate(spans)
        ]
    return mentions, texts


def test_the_collected_clean_names_are_clean_spans_own_and_stay_when_a_mention_moves():
    mentions, texts = seed_mentions()
    facts = corpus_facts(mentions, texts)
    candidates, mention_key, mention_name, evidence, _ = collect_candidates(mentions, facts)
    collected = [mn for c in candidates.values() for mn in c.mentions]
    assert len(collected) > 1000
    expected = {(mn.article_id, mn.start): clean_span(mn.text, mn.label)[0] for mn in collected}
    assert dict(evidence.clean_names) == expected
    attach_headline_fragments(candidates, mention_key, mention_name, evidence.titled)
    moved = [w for w, name in mention_name.items() if name != expected[w]]
    assert moved and dict(evidence.clean_names) == expected  # a headline's "X Observe Military" took X's name
    for candidate in candidates.values():
        plain = Group([candidate.key], list(candidate.mentions))
        known = Group([candidate.key], list(candidate.mentions), clean_names=evidence.clean_names)
        assert sample_names(known) == sample_names(plain)


def names_written_by_first_word(table, written, here):
    """The reference: every name under its first word, each first word the article writes read in turn."""
    return [(form, eid) for word in sorted(table.keys() & written) for form, eid, capitalised in table[word]
            if eid not in here and capitalised <= written]


SPREAD_WORDS = ["John", "Smith", "Doe", "New", "York", "Times", "of", "Bank", "America", "CSTO"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(SPREAD_WORDS), min_size=1, max_size=3), max_size=12),
       st.sets(st.sampled_from(SPREAD_WORDS)), st.sets(st.integers(0, 11)))
def test_names_found_under_their_rarest_word_equal_those_found_under_their_first(names, written, here):
    table: dict[str, list] = {}
    for n, words in enumerate(sorted({" ".join(w) for w in names})):
        first = words.split()[0]
        table.setdefault(first, []).append((words, f"e{n % 7}", frozenset(w for w in words.split() if w[0].isupper())))
    ids = {f"e{n}" for n in here}
    assert names_written(rarest_word_table(table), set(written), ids) == names_written_by_first_word(table, set(written), ids)


def test_mentions_read_from_the_articles_lists_come_in_the_order_of_their_places():
    mentions, texts = seed_mentions()
    candidates, mention_key, _, _, _ = collect_candidates(mentions, corpus_facts(mentions, texts))
    found = SimpleNamespace(candidates=candidates, mention_key=mention_key)
    fast = list(keyed_mentions(found, mentions))
    assert len(fast) == len(mention_key) > 1000
    assert [(mn.article_id, mn.start, key) for mn, key in fast] == [(*place, key) for place, key in sorted(mention_key.items())]
    # An article whose list is out of order is read through the index of every place, the same way round.
    shuffled = {aid: list(reversed(ms)) if n == 0 else ms for n, (aid, ms) in enumerate(sorted(mentions.items()))}
    assert list(keyed_mentions(found, shuffled)) == fast


#: Words before a name: nouns of things, a noun in a longer word, quotes, spaces of several kinds.
BEFORE_PIECES = ["the ", "film", "app", "e-", "add-on", "books", "X", "3", "(", " ", "  ", "\n", "\t", "\xa0", "\u2028",
                 "\"", "“", "‘", "'", "’", "-", "Film"]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(BEFORE_PIECES), max_size=8))
def test_the_noun_screen_passes_every_words_the_noun_pattern_matches(pieces):
    before = "".join(pieces)
    assert noun_may_end(before) or NOUN_BEFORE_RE.search(before) is None


def test_the_noun_screen_lets_nouns_through_and_stops_the_rest():
    for before in ("the film ", "the app “", "her new console\n", "download the browser '"):
        assert noun_may_end(before) and NOUN_BEFORE_RE.search(before)
    assert not noun_may_end("said President ") and not noun_may_end("the filmmaker ") and not noun_may_end("")
