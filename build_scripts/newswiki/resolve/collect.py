"""Collecting candidates: mentions grouped by folded name, headline fragments attached, glued words stripped."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from functools import lru_cache

from newswiki.models import ArticleFacts, Dropped, Mention
from newswiki.names import FUNCTION_WORDS, fold
from newswiki.names import NAME_TITLES as ROLE_NAME_TITLES
from newswiki.ner import english_stop_words
from newswiki.resolve.gazetteer import gazetteer
from newswiki.resolve.candidates import Candidate
from newswiki.resolve.evidence import Evidence, MentionKey, WORD_RE


#: An entity needs this many mentions in the corpus unless a gazetteer or a curator knows it.
MIN_MENTIONS = 2


def collect_candidates(
    mentions: dict[str, list[Mention]], facts: dict[str, ArticleFacts]
) -> tuple[dict[str, Candidate], dict[MentionKey, str], dict[MentionKey, str], Evidence, list[Dropped]]:
    """Candidates by folded key, each mention's key and cleaned name, and the spans that are not names at all.

    The cleaned names stay each mention's own (clean_span's, as the facts wrote them: Evidence.clean_names)
    when a later step gives the mention another candidate's name (mention_name)."""
    candidates: dict[str, Candidate] = {}
    mention_key: dict[MentionKey, str] = {}
    mention_name: dict[MentionKey, str] = {}
    hinted: set[MentionKey] = set()
    titled: set[MentionKey] = set()
    roles: dict[MentionKey, str] = {}
    usage: dict[MentionKey, str] = {}
    dropped: Counter = Counter()
    keys: dict[str, str] = {}  # name -> fold(name), once per distinct name (fold's LRU cache is swept at 10,000 articles)
    for article_id in sorted(mentions):
        for mention, span in zip(mentions[article_id], facts[article_id].spans):
            if span is None:
                continue
            if span.junk:
                dropped[(" ".join(mention.text.split()), mention.label, span.junk)] += 1
                continue
            where = (article_id, mention.start)
            name = span.name
            key = keys.get(name)
            if key is None:
                key = keys[name] = fold(name)
            candidate = candidates.get(key)
            if candidate is None:
                candidate = candidates[key] = Candidate(key)
            candidate.spellings[name] += 1
            candidate.labels[mention.label] += 1
            if span.role:
                roles[where] = span.role
            if span.hinted:
                candidate.person_hints += 1
                hinted.add(where)
            if span.titled:
                titled.add(where)
            if span.usage:
                usage[where] = span.usage
            candidate.mentions.append(mention)
            mention_key[where] = key
            mention_name[where] = name
    evidence = Evidence(hinted, titled, roles, usage, clean_names=dict(mention_name))
    return candidates, mention_key, mention_name, evidence, [Dropped(t, l, r, c) for (t, l, r), c in sorted(dropped.items())]


def attach_headline_fragments(
    candidates: dict[str, Candidate],
    mention_key: dict[MentionKey, str],
    mention_name: dict[MentionKey, str],
    titled: set[MentionKey],
) -> None:
    """A known name with extra title-case words ("Aleksander Lukashenko Observe Military") is that name:
    a span in a Title Case line whose leading or trailing words are a better-attested candidate goes to
    that candidate. In running text a longer name is a name of its own ("Fort Worth Police Department",
    "University of Florida"), however rarely the corpus writes it."""
    for key in sorted(candidates):
        candidate = candidates[key]
        words = candidate.name.split()
        if len(words) < 3:
            continue
        for mention in list(candidate.mentions):
            if (mention.article_id, mention.start) not in titled:
                continue
            target_key = None
            # The kept part has two words at least: "Marc Benioff" in a headline must not become "Benioff".
            for n in range(len(words) - 1, 1, -1):
                for part in (words[:n], words[-n:]):
                    other = candidates.get(fold(" ".join(part)))
                    if other is not None and other is not candidate and len(other.mentions) > len(candidate.mentions) and len(other.mentions) >= MIN_MENTIONS:
                        target_key = other.key
                        break
                if target_key:
                    break
            if target_key is None:
                continue
            target = candidates[target_key]
            candidate.mentions.remove(mention)
            candidate.labels[mention.label] -= 1
            target.mentions.append(mention)
            target.labels[mention.label] += 1
            mention_key[(mention.article_id, mention.start)] = target_key
            mention_name[(mention.article_id, mention.start)] = target.name
        if not candidate.mentions:
            del candidates[key]
        else:
            candidate.labels = +candidate.labels


#: Words before a name that belong to it (never stripped as glued words): the titles of names.NAME_TITLES, saints.
NAME_TITLES = ROLE_NAME_TITLES | {"saint", "st"}


def strip_glued_words(
    candidates: dict[str, Candidate],
    mention_key: dict[MentionKey, str],
    mention_name: dict[MentionKey, str],
    counts: Counter,
) -> None:
    """A name with a function word or a verb glued to its front ("Off Dell Alienware", "Hosting Cook") is the
    rest of it, when the rest is a name seen on its own more often than glued. Other words are the name's
    own ("Air Astana", "East Germany", "New Zealand")."""
    for key in sorted(candidates):
        candidate = candidates[key]
        words = candidate.name.split()
        first = fold(words[0])
        glued = (first in english_stop_words() and first not in NAME_TITLES and first not in FUNCTION_WORDS) or (
            words[0].lower().endswith("ing") and len(words[0]) > 5
        )
        if len(words) < 2 or not glued:
            continue
        rest = candidates.get(fold(" ".join(words[1:])))
        if rest is None or rest is candidate or len(rest.mentions) <= len(candidate.mentions) or gazetteer().lookup(key):
            continue  # "New Zealand", "New York" are names of their own: more often written whole than not
        for mention in candidate.mentions:
            rest.mentions.append(mention)
            rest.labels[mention.label] += 1
            mention_key[(mention.article_id, mention.start)] = rest.key
            mention_name[(mention.article_id, mention.start)] = rest.name
        del candidates[key]


def lowercase_counts(texts: Mapping[str, str], facts: dict[str, ArticleFacts], words: set[str], pairs: set[str]) -> Counter:
    """How often the corpus writes each of the wanted words and word pairs in lower case.

    Words come counted with each article's facts; only the texts holding both words of a wanted pair in
    lower case are read again, for those pairs (words_after).
    """
    counts: Counter = Counter()
    seconds: dict[str, set[str]] = defaultdict(set)
    pair_of: dict[tuple[str, str], str] = {}
    for pair in pairs:
        first, second = pair.split()
        seconds[first].add(second)
        pair_of[(first, second)] = pair
    for aid in sorted(facts):
        lower = facts[aid].lower_words
        for word in words.intersection(lower):
            counts[word] += int(lower[word])
        # Both words in lower case in the text (lower holds only such words), so a pair found is one too.
        wanted = {a: found for a in seconds.keys() & lower.keys() if (found := seconds[a] & lower.keys())}
        if wanted:
            places = sum(int(lower[a]) for a in wanted)
            for pair, written in words_after(texts.get(aid, ""), wanted, places).items():
                counts[pair_of[pair]] += written
    return counts


#: First words whose patterns are kept (first_word_re): the wanted pairs' first words of a corpus.
FIRST_WORD_PATTERNS = 2**14
#: Words of text per place of a first word below which the text is split into its words (frequent
#: first words: "the", "of"), above which each place is read where it is (words_after_in_place).
WORDS_PER_PLACE = 24


def words_after(text: str, wanted: Mapping[str, set[str]], places: int) -> Counter:
    """(first, second) -> how often the word (WORD_RE) right after first is second, for the seconds
    wanted[first], whatever stands between the two words. places: how often the text writes the first
    words (the facts' counts)."""
    if places * WORDS_PER_PLACE * 6 < len(text):  # six characters a word, with the space
        return words_after_in_place(text, wanted)
    # The words joined by spaces: " first second " is where second follows first (a word holds no space).
    joined, counts = " " + " ".join(WORD_RE.findall(text)) + " ", Counter()
    for a, seconds in wanted.items():
        for b in seconds:
            needle = f" {a} {b} "
            written, at = 0, joined.find(needle)
            while at >= 0:
                written += 1
                at = joined.find(needle, at + len(a) + 1)  # from the space before b: "very very very" is two pairs
            if written:
                counts[(a, b)] = written
    return counts


def words_after_in_place(text: str, wanted: Mapping[str, set[str]]) -> Counter:
    """words_after, each place of a first word found where it is (first_word_re: in C, whole words
    only), and the word after it read with WORD_RE there, not the whole text split into words. A word
    of WORD_RE begins at a letter that no run of letters, apostrophes and hyphens joins to letters
    before it: the pattern rules out a letter right before; an apostrophe or hyphen before is looked
    at here."""
    counts: Counter = Counter()
    for first, seconds in wanted.items():
        for word in first_word_re(first).finditer(text):
            after = word.group(1)  # the next word, as WORD_RE.search from the end of this one reads it
            if after is None or after not in seconds:
                continue
            at = word.start()
            if at and text[at - 1] in "'-":
                before = at - 1
                while before > 0 and text[before - 1] in "'-":
                    before -= 1
                if before > 0 and ("a" <= text[before - 1] <= "z" or "A" <= text[before - 1] <= "Z"):
                    continue  # inside a word ("rock-a", "o'a")
            counts[(first, after)] += 1
    return counts


@lru_cache(maxsize=FIRST_WORD_PATTERNS)
def first_word_re(first: str) -> re.Pattern[str]:
    """first where WORD_RE would read it as a whole word: no letter right before, and no letter,
    apostrophe or hyphen after (WORD_RE would go on); group 1 the word after it (WORD_RE's next
    match), if any, looked at ahead without taking it (it may be a first word too: "very very very").
    The word comes first in the pattern, so the search looks for it as str.find does; the letter
    before is looked at behind its end."""
    word = re.escape(first)
    return re.compile(rf"{word}(?![A-Za-z'-])(?<![A-Za-z]{word})(?=[^A-Za-z]*([A-Za-z][A-Za-z'-]*))?")


def common_word_keys(candidates: dict[str, Candidate], lower_counts: Counter) -> set[str]:
    """Names (one or two words) that the corpus itself writes in lower case at least as often as it names them.

    "Shield", "Switch", "Dark Mode" are words, not names. Only the candidates' own words are counted,
    so the cost is one pass over the text whatever the corpus size.
    """
    wanted = {c.key for c in candidates.values() if len(c.key.split()) <= 2 and c.key.isascii()}
    return {k for k in wanted if lower_counts[k] and lower_counts[k] >= len(candidates[k].mentions)}
