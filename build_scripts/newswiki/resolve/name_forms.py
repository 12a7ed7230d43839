"""More forms of one name that the other merges miss, each checked against the corpus' own text:

- a city named as its state with "City" after it and the bare name, when the corpus names the state
  apart as "X State" ("New York City", "New York" beside "New York State");
- a news service and the name it reports under ("Bloomberg News" and "Bloomberg", when the corpus
  writes "Bloomberg reported ..."): the name alone reports news, so it is the news service;
- an acronym and its long form cut short by NER where the text goes on ("Organisation for Economic
  Co-operation" written on "and Development", beside "OECD").

Each pass looks names up by key or in the candidates of the acronym's own articles: linear in the
candidates and their mentions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping

from newswiki.models import Mention
from newswiki.names import place_in_sentence
from newswiki.resolve.acronyms import initials, is_acronym
from newswiki.resolve.gazetteer import gazetteer
from newswiki.resolve.kinds import is_person, place_of
from newswiki.resolve.merge import Merger, articles_of_key
from newswiki.resolve.variants import is_organisation

#: Last words that make a name a news service of the name before them ("Bloomberg News").
NEWS_HEADS = {"news"}
#: A name reporting news: "Bloomberg reported", "as Reuters reports", "reported by Bloomberg".
REPORTED_AFTER_RE = re.compile(r"\s+(?:first\s+|has\s+|had\s+|also\s+)?(?:reported|reports)\b")
REPORTED_BEFORE_RE = re.compile(r"\b(?:reported|first reported|a report) by\s+(?:the\s+)?$")


def reports_news(mention: Mention) -> bool:
    place = place_in_sentence(mention.text, mention.sentence)
    if place is None:
        return False
    start, end = place
    return bool(REPORTED_AFTER_RE.match(mention.sentence, end) or REPORTED_BEFORE_RE.search(mention.sentence[max(0, start - 30) : start]))


def merge_news_services(m: Merger) -> None:
    """"bloomberg news" joins "bloomberg", an organisation (or a place no gazetteer knows: NER tags
    "Bloomberg" GPE as often), when the corpus writes the name alone as the one reporting news. A
    name never written so ("a BBC interview", "the BBC adaptation") keeps its news service apart."""
    for key in sorted(m.candidates):
        words = key.split()
        if len(words) < 2 or words[-1] not in NEWS_HEADS or m.types[key] != "organization":
            continue
        base = " ".join(words[:-1])
        if is_organisation(base, m) and any(reports_news(mn) for mn in m.candidates[base].mentions):
            m.union(base, key)


#: Words that go on a long form past where NER cut it: "... and Development", "... of America".
CONTINUATION_RE = r"\s+(?:and|of|for|&)\s+((?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2})"


def merge_cut_long_forms(m: Merger, texts: Mapping[str, str], acronym_keys: set[str]) -> None:
    """An acronym no definition took, and a name of its articles whose initials begin it and that the
    text goes on to spell in full ("Organisation for Economic Co-operation" written on "and
    Development": OECD)."""
    letters_of = {
        key: candidate.name.replace(".", "")
        for key, candidate in m.candidates.items()
        if key not in acronym_keys and m.types[key] == "organization" and is_acronym(candidate.name) and not place_of(key)
    }
    prefixes = {letters[:n] for letters in letters_of.values() for n in range(2, len(letters))}
    # The names whose initials begin some acronym, by article: the only ones compared.
    by_article: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key in sorted(m.candidates):
        name = m.candidates[key].name
        start = initials(name.split()) if " " in name else ""
        if start in prefixes and m.types[key] in ("organization", "event", "place") and not is_person(m.candidates[key]):
            for article_id in sorted(articles_of_key(m, key)):
                by_article[article_id].append((key, start))
    # Article by article, all its pairs at once.
    pairs: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for key, letters in sorted(letters_of.items()):
        for article_id in sorted(articles_of_key(m, key)):
            pairs[article_id] += [(key, other, letters) for other, start in by_article.get(article_id, ()) if letters.startswith(start)]
    for article_id in sorted(pairs):
        text = texts.get(article_id, "")
        for key, other, letters in pairs[article_id]:
            if written_on_to(m.candidates[other].name, letters, text):
                m.union(key, other)


def written_on_to(name: str, letters: str, text: str) -> bool:
    """Whether the text writes the name on with words that complete its initials to the letters."""
    for match in re.finditer(re.escape(name) + CONTINUATION_RE, text):
        if initials(name.split() + match.group(1).split()) == letters:
            return True
    return False


def merge_city_named_as_its_state(m: Merger) -> None:
    """A city named as a state with "City" after it ("New York City") and the bare name, when the corpus
    names the state apart as "X State" or "state of X": writers spell the state out because the bare
    name means the city. Without that, the bare name stays the state's (Oklahoma and Oklahoma City)."""
    for key in sorted(m.candidates):
        words = key.split()
        if len(words) < 2 or words[-1] != "city" or m.types[key] != "place":
            continue
        base = " ".join(words[:-1])
        place, city = gazetteer().lookup(base), gazetteer().lookup(key)
        if not (place and place[2] == "state" and city and city[0].startswith("city:")):
            continue
        if base in m.candidates and m.types[base] == "place" and ({f"{base} state", f"state of {base}"} & m.candidates.keys()):
            m.union(base, key)


def merge_name_forms(m: Merger, texts: Mapping[str, str], acronym_keys: set[str]) -> None:
    """The passes of this module, in order (resolver.resolve, after the other variants)."""
    merge_city_named_as_its_state(m)
    merge_news_services(m)
    merge_cut_long_forms(m, texts, acronym_keys)
