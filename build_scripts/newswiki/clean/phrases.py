"""Furniture phrasing: the multilingual boilerplate phrases and the fast ways of matching them."""

from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as re_constants, _parser as re_parser


#: One furniture phrase marks a sentence up to this long when it opens it ("Subscribe to ...")
#: or the sentence speaks to the reader ("you", "our")...
BOILERPLATE_LABEL_WORDS = 15
#: ("Opens it": the phrase starts within this many characters; a sentence has this many words.)
SENTENCE_MIN_WORDS = 4
IMPERATIVE_OFFSET = 3
#: ...and a block up to this long that does not read as a sentence ("Subscribe to our newsletter")...
BOILERPLATE_SHORT_WORDS = 25
#: ...two different ones a notice up to this long (cookie consent, paywall, sign-up pitch).
BOILERPLATE_NOTICE_WORDS = 80
#: Words that address the reader or speak for the site: pitches do, news sentences rarely.
READER_ADDRESS_RE = re.compile(
    r"\b(you|your|yours|us|our|we|vous|votre|sie|ihr|você|seu|sua|tu|usted|vostro|вы|ваш|нас|наш)\b", re.I
)
#: Notices about the page itself, never news: "This slideshow requires JavaScript."
SITE_NOTICE_RE = re.compile(r"javascript|your browser|cookies?\b|all rights|click here|read more", re.I)
SENTENCE_END_RE = re.compile(r"[.!?…:;»”\"'’)\]。！？」』]\s*$")
#: Phrases that mark page furniture on any site, in several languages. A block with one is
#: furniture only when short (see boilerplate_phrasing); a sentence may mention the words.
BOILERPLATE_PHRASES = (
    # Sign-up, membership and donation pitches
    r"\bsubscri(be|ption)\b", r"newsletter", r"\bsign(ed)? ?(up|in)\b", r"\blog ?(in|out)\b",
    r"\bregister (now|today|here|for free)\b", r"^\s*register\s*$", r"enter your email", r"e-?mail address",
    r"indicates required", r"all fields", r"required fields", r"successfully subscribed",
    r"thank you for (signing|subscribing)", r"support (us|independent)\b", r"independent journalism",
    r"become a (member|subscriber|patron)", r"\bdonate\b", r"make a (donation|contribution)",
    r"your (contribution|donation|support)s?\b", r"reader contributions", r"this banner",
    # Legal lines, cookies, browser notices
    r"all (the )?rights", r"\breprint", r"permission of the", r"privacy( policy| overview)?",
    r"terms (of|and|&) (use|service|conditions)", r"cookie", r"this website uses", r"opt-out",
    r"^\s*accept( all)?\s*$", r"javascript", r"your browser",
    # Navigation, sharing, widgets
    r"skip to (main )?content", r"read more", r"view all", r"see all", r"show more", r"load more",
    r"share (this|on|via)", r"copy (the )?link", r"link copied", r"follow us", r"advertise with us", r"back to (full )?list",
    r"editors'? picks", r"related (articles?|posts?|stories|news)", r"\brecommended\b",
    r"most (popular|read|viewed)", r"\btrending\b", r"you may also like", r"more from",
    r"(next|previous) (post|article)", r"contact us", r"about us", r"^related\s*:",
    r"download (the|our) app", r"app store", r"google play", r"\bclick (here|on|the)\b",
    r"^\s*(»|›|>>)\s*\w",  # link arrows
    r"^\s*(search|menu|home|top|x|rus|eng|share|tweet|email|print|comments?|reply|close|next|"
    r"previous|prev|more|tags?|categories|archives?|photo|video|watch|listen|advert|advertisement|"
    r"anzeige|publicidad|publicidade|pubblicità|publicité|werbung|реклама)\s*:?\s*$",
    # Reading-time and view counters, photo credits, spam
    r"\breads$", r"min(ute)? read$", r"\bphoto:", r"getty images", r"/afp\b", r"via reuters",
    r"\bAP photo", r"\bescort\b", r"\bcasino\b", r"\bbet(ting)?\b",
    # Portuguese, Spanish, Italian, French, German, Russian
    r"clique (aqui|na|no|e)\b", r"leia (mais|também)", r"\bassine\b", r"inscreva", r"compartilhe",
    r"todos os direitos", r"haz clic", r"leer más", r"suscríbete", r"^\s*compartir\b",
    r"derechos reservados", r"leggi anche", r"iscriviti", r"\bcondividi\b", r"tutti i diritti",
    r"cliquez", r"lire (aussi|la suite)", r"abonnez", r"^\s*partager\b", r"tous droits",
    r"klicken sie", r"weiterlesen", r"abonnieren", r"^\s*teilen\b", r"alle rechte",
    r"нажмите", r"читать (далее|также)", r"подпи(шитесь|саться|ска)\b", r"^\s*поделиться",
    r"все права",
)
BOILERPLATE_RE = re.compile("|".join(f"(?:{p})" for p in BOILERPLATE_PHRASES), re.IGNORECASE)


def boilerplate_phrasing(text: str, word_count: int) -> bool:
    """A label or button with a furniture phrase, a short pitch addressed to the reader, or a
    notice (cookies, paywall, sign-up) with several phrases.

    A sentence that merely reports one of the words ("Customers signed up") is text.
    """
    if word_count > BOILERPLATE_NOTICE_WORDS:
        return False
    hits = boilerplate_hits(text)
    if not hits:
        return False
    if len(hits) >= 2:
        return True
    sentence = word_count >= SENTENCE_MIN_WORDS and bool(SENTENCE_END_RE.search(text))
    if not sentence:
        return word_count <= BOILERPLATE_SHORT_WORDS
    imperative = min(hits.values()) <= IMPERATIVE_OFFSET
    speaks_to_reader = bool(READER_ADDRESS_RE.search(text) or SITE_NOTICE_RE.search(text))
    return word_count <= BOILERPLATE_LABEL_WORDS and (imperative or speaks_to_reader)


def boilerplate_hits(text: str) -> dict[str, int]:
    """Each furniture phrase found in the text (lower-cased) with where it last starts.

    BOILERPLATE_RE scans slowly (a hundred case-insensitive alternatives tried at every
    character). Text that lower-cases simply is lower-cased and scanned case-sensitively with
    only the phrases that can occur in it: a phrase anchored at the start when one matches
    there, another when a word that all its matches contain is in the text. A phrase that
    cannot match anywhere never changes what an alternation finds, so the matches are the same.
    """
    if not _lowers_simply(text):
        return {m.group(0).lower(): m.start() for m in BOILERPLATE_RE.finditer(text)}
    lower = text.lower()
    phrases = set(_PHRASES_ALWAYS)
    for word in filter(lower.__contains__, _PHRASES_NEEDING):
        phrases.update(_PHRASES_NEEDING[word])
    if BOILERPLATE_LOWER_START_RE.match(lower):
        phrases.update(_PHRASES_ANCHORED)
    if not phrases:
        return {}
    return {m.group(0): m.start() for m in _lower_phrases_re(tuple(sorted(phrases))).finditer(lower)}


@lru_cache(maxsize=1024)
def _lower_phrases_re(indices: tuple[int, ...]) -> re.Pattern[str]:
    """BOILERPLATE_PHRASES (by index, in their order) for lower-cased text, case-sensitive."""
    return re.compile("|".join(f"(?:{BOILERPLATE_PHRASES[i].lower()})" for i in indices))


def _lowers_simply(text: str) -> bool:
    """Only characters that lower() maps one for one and that a case-insensitive pattern matches
    as it matches their lower case (see NOT_SIMPLE_CASE_RE; a test checks every character)."""
    return text.isascii() or not NOT_SIMPLE_CASE_RE.search(text)


def required_words(pattern: str) -> frozenset[str] | None:
    """Strings one of which every match of the pattern contains; None when none is known.

    Read from the parsed pattern: a run of literal characters, or a group (or alternation)
    each of whose alternatives has such a run. Used as a cheap test before a slow regex.
    """
    return _required_in(re_parser.parse(pattern).data)


def _required_in(items: list) -> frozenset[str] | None:
    found: list[frozenset[str]] = []
    run = ""
    for op, arg in items:
        if op is re_constants.LITERAL:
            run += chr(arg)
            continue
        if run:
            found.append(frozenset([run]))
            run = ""
        inner = None
        if op is re_constants.SUBPATTERN:
            inner = _required_in(arg[3].data)
        elif op is re_constants.BRANCH:
            alternatives = [_required_in(branch.data) for branch in arg[1]]
            inner = frozenset().union(*alternatives) if all(alternatives) else None
        elif op in (re_constants.MAX_REPEAT, re_constants.MIN_REPEAT) and arg[0] >= 1:
            inner = _required_in(arg[2].data)
        if inner:
            found.append(inner)
    if run:
        found.append(frozenset([run]))
    # The best requirement is the one whose shortest string is longest (rarest in text).
    return max(found, key=lambda strings: (min(map(len, strings)), sorted(strings))) if found else None


#: Characters outside the blocks whose lower case is one character, matched case-insensitively
#: by exactly the same pattern characters: Latin-1, Latin Extended-A but for the dotted and
#: dotless i and the long s, Cyrillic, and scripts and symbols without case (Hebrew to Sinhala,
#: Thai, Hangul, kana, CJK, punctuation, arrows, mathematical and box-drawing signs).
NOT_SIMPLE_CASE_RE = re.compile(
    r"[^\x00-\xff\u0100-\u012f\u0132-\u017e\u0400-\u04ff\u0590-\u0dff\u0e00-\u0e7f\u1100-\u11ff"
    r"\u2000-\u206f\u20a0-\u20cf\u2190-\u23ff\u2500-\u27bf\u3000-\u30ff\u3130-\u318f\u4e00-\u9fff\uac00-\ud7a3]"
)
# Lower-cased phrases are matched case-sensitively (twice as fast); they use no upper-case
# escape (\S, \W...) that lower() would change, which a test checks.
#: The phrases anchored at the start of the text (they can only match there), and a pattern
#: telling whether one of them does.
_PHRASES_ANCHORED = tuple(i for i, p in enumerate(BOILERPLATE_PHRASES) if p.startswith("^"))
BOILERPLATE_LOWER_START_RE = re.compile("|".join(f"(?:{BOILERPLATE_PHRASES[i].lower()})" for i in _PHRASES_ANCHORED))


def _phrases_by_word() -> tuple[dict[str, list[int]], list[int]]:
    """For each word, the unanchored phrases all of whose matches contain it (or another of
    their words); and the phrases with no such word, which are always scanned for."""
    needing: dict[str, list[int]] = {}
    always: list[int] = []
    for index, phrase in enumerate(BOILERPLATE_PHRASES):
        if index in _PHRASES_ANCHORED:
            continue
        needs = required_words(phrase.lower())
        if needs is None:
            always.append(index)
        for word in sorted(needs or ()):
            needing.setdefault(word, []).append(index)
    return needing, always


_PHRASES_NEEDING, _PHRASES_ALWAYS = _phrases_by_word()
