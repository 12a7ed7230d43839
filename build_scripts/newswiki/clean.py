"""Stage 2: find the article inside a whole saved page and turn it into clean Markdown.

Text dumps are split into blocks (one per line). Each block gets named features
(length, sentence shape, stop-word and punctuation density, furniture phrasing in
several languages, repetition in the page and across the corpus, table and link-list
shape) and from them a content score (content_score). The article is the run of blocks
with the highest total score (best_segment), with text before the headline or byline
weighed down and text after the article's end (comments, "related", copyright) counted
against it. Inside that run, furniture, second copies, teasers, captions and author
boxes are dropped (block_reason, duplicate_reasons), each with a reason that
`newswiki extract --explain` shows. HTML goes through trafilatura, whose XML is turned
into Markdown here so that corpus text is always escaped.
"""
from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ftfy
from re import _constants as re_constants, _parser as re_parser  # the stdlib's own regex parser

from newswiki.models import Decision

# --- Tuning constants, each with its reason -------------------------------------------

#: A block with at least this many words and sentence punctuation reads as prose.
PROSE_MIN_WORDS = 10
#: Prose has few symbols: above this share of punctuation and symbol characters a block is
#: an address, a phone line, a code or a row of separators.
PROSE_MAX_PUNCTUATION = 0.12
#: Headings are short: at most this many words and no final full stop.
HEADING_MAX_WORDS = 16
#: Share of stop words above which a block reads as running text in its language
#: (menus and link lists are nouns; sentences need function words).
PROSE_STOP_DENSITY = 0.25
#: A page's stop-word list must cover this share of its words to be trusted at all.
PAGE_STOP_COVERAGE = 0.08
#: Below this share of stop words even a long block is a list of names or keywords.
LOW_STOP_DENSITY = 0.12
#: Cost, in words, of keeping a block that does not look like article text. It lets a
#: few short headings or captions sit inside an article without splitting it, while a
#: long menu or footer between two prose stretches still separates them.
SHORT_BLOCK_COST = 4.0
#: Weight of a sentence-like block without final punctuation: article text sometimes, but
#: more often the one-line summary under a related headline.
UNFINISHED_WEIGHT = 0.2
#: Weight of a list item: items are fragments, but long lists belong to the article.
LIST_ITEM_WEIGHT = 0.5
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
#: Text up to this long between two furniture blocks is taken as part of them.
SANDWICH_MAX_WORDS = 60
#: A table: at least this many adjacent lines...
TABLE_MIN_ROWS = 5
#: ...in which at least this share of the words are numbers (scores, results, statistics).
TABLE_NUMBER_SHARE = 0.4
#: An author box is looked for among the article run's last this many blocks.
AUTHOR_BOX_BLOCKS = 4
#: Link lists: at least this many adjacent lines...
LINK_LIST_MIN_LINES = 3
#: ...none longer than this (headlines are short; a paragraph is not a link)...
LINK_LIST_MAX_WORDS = 20
#: ...and at least this share of them not sentences.
LINK_LIST_NON_PROSE_SHARE = 2 / 3
#: A paragraph this long that occurs twice is a second copy even when its neighbours differ.
DUPLICATE_ALONE_WORDS = 30
#: A closing author bio is a sentence or three.
AUTHOR_BIO_MAX_WORDS = 80
#: Copies are compared on their ASCII words when at least this share of the letters is ASCII.
ASCII_KEY_SHARE = 0.9
#: Cost multiplier for a block whose phrasing is typical page furniture.
BOILERPLATE_COST = 12.0
#: Score weight of blocks before the headline: teasers and menus live there.
BEFORE_HEADLINE_WEIGHT = 0.3
#: Score weight of text after the article's end (comments, related stories, footer): it
#: counts against the article run, so the run stops there.
AFTER_END_WEIGHT = -0.5
#: A block seen in at least this many corpus files is the site's furniture, not an article.
CORPUS_REPEAT_FILES = 3
#: A block ending in an ellipsis is a cut-off teaser when it has at least this many words...
TEASER_MIN_WORDS = 25
#: ...and one that just stops mid-sentence when it has this many: teaser cards cut at a fixed
#: length (about 300 characters), while a standfirst without a full stop is shorter.
CUT_TEASER_MIN_WORDS = 40
#: A page title is at most this long; a longer first line is text, not a title.
TITLE_MAX_WORDS = 30
#: Captions are a sentence or two; a longer block that credits a photo is article text.
CAPTION_MAX_WORDS = 60
#: A byline is short: names, maybe a date and a reading time.
BYLINE_MAX_WORDS = 20
#: Headline match: share of the page title's words that a block must contain.
HEADLINE_MATCH = 0.8
#: Blocks whose words and normalised key are kept: every block is measured several times
#: (features, headline, copies, metadata), and a long page has a few thousand blocks.
TEXT_CACHE_SIZE = 8192

BULLET_RE = re.compile(r"^\s*(?:[•·▪●◦‣∙]|[-*–](?=\s))\s*")
NUMBERED_ITEM_RE = re.compile(r"^\s*\d{1,3}[.)]\s+\S")
NUMBERED_REF_RE = re.compile(r"^\s*\[?(\d{1,3})[.)\]]\s+(\S.*)$")
WORD_RE = re.compile(r"\w+", re.UNICODE)
BYLINE_START_RE = re.compile(r"^(?i:by|von|por|par|di|door|av|автор:?)\s+[A-ZÀ-ÞА-Я]")
#: Words that address the reader or speak for the site: pitches do, news sentences rarely.
READER_ADDRESS_RE = re.compile(
    r"\b(you|your|yours|us|our|we|vous|votre|sie|ihr|você|seu|sua|tu|usted|vostro|вы|ваш|нас|наш)\b", re.I
)
#: Notices about the page itself, never news: "This slideshow requires JavaScript."
SITE_NOTICE_RE = re.compile(r"javascript|your browser|cookies?\b|all rights|click here|read more", re.I)
#: Between the headline and the site's name in a page title ("Headline - Site", "Headline | Site").
TITLE_SEPARATOR_RE = re.compile(r"\s+[|–—-]\s+|\s+:\s+(?=\S+$)")
#: The one-sentence bio that closes many articles: "Jane Doe is a reporter for ...".
AUTHOR_BIO_RE = re.compile(
    r"^[A-Z][\w'’-]+(?:\s+[A-Z][\w'’.-]*){1,3}\s+(?:is|was)\s+(?:an?|the)\b.{0,80}\b(?:reporter|writer|"
    r"editor|correspondent|journalist|columnist|professor|author|contributor|analyst|fellow|researcher)\b"
)
TEASER_END_RE = re.compile(r"(…|\.\.\.)\s*$")
SENTENCE_END_RE = re.compile(r"[.!?…:;»”\"'’)\]]\s*$")
#: A sentence boundary inside a block: a word of two or more letters, a full stop, a capital
#: ("U.S. cities" and "Nov. 23" are not boundaries).
SENTENCE_INSIDE_RE = re.compile(r"\w\w[.!?][\"”’»)]?\s+[\"“«‘(]?[A-ZА-ЯЁ0-9]")
URL_ONLY_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
#: Phrases that mark page furniture on any site, in several languages. A block with one is
#: furniture only when short (see _boilerplate_phrasing); a sentence may mention the words.
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
#: A heading that opens the readers' comments: the article ends above it.
COMMENTS_RE = re.compile(
    r"^\s*(?:(?:\d+\s+)?(?:top rated |reader |user )?(?:comments?|kommentare|comentários|comentarios|commenti|"
    r"commentaires|комментари\w*)|\d+\s+(?:responses?|replies)|leave a (?:reply|comment)|add a comment|"
    r"post a comment|join the (?:discussion|conversation))(?:\s*\(\d+\))?\s*:?\s*$",
    re.IGNORECASE,
)
#: Blocks that close an article: the copyright footer, "related"/"more" lists, comment forms.
ARTICLE_END_RE = re.compile(
    r"(^\s*(©|ⓒ|\([cс]\)|copyright\b)|all (the )?rights|"
    r"^\s*(related|more|recommended|popular|latest)\s+(articles?|posts?|stories|news|content|"
    r"reading|links|videos|coverage)\b|^\s*(read next|up next|you (may|might) also like|"
    r"artigos relacionados|mais lidas|art[íi]culos relacionados|articoli correlati|"
    r"articles similaires|ähnliche artikel|похожие|читайте также)\b.{0,40}$|"
    r"^\s*more (in|from|on|stories)\b|^\s*more\b.{0,30}\b(stories|news|articles|coverage|reading)\s*$|^\s*(about|sobre|über|à propos de|acerca de|об)\s+(the author|o autor|"
    r"den autor|l'auteur|del autor|авторе|[A-Z]\w+\s+[A-Z]\w+\s*$)|deixe uma resposta|deja una respuesta|lascia un commento|"
    r"laisser un commentaire|schreibe einen kommentar)",
    re.IGNORECASE,
)
#: An end marker only counts once this much article text (in score points, about words) came before it.
END_MARKER_AFTER = 40.0
#: Photo captions and credits: dropped, never glued into a paragraph.
CAPTION_RE = re.compile(
    r"(\((?:photo|image|picture|foto|фото)[^)]*\)|\([^()]*/(?:getty images|afp|reuters|ap|pool)[^()]*\)|"
    r"\b(?:photo|image|picture|source|credit|foto|фото)\s*(?:by|credit)?\s*:\s*\S+[^.]{0,60}$|"
    r"\b(?:getty images|shutterstock|reuters|afp|ap photo)\s*\)?\s*$|"
    # Agency captions end on the day the photo was taken: "..., in Dubai, on Monday, Nov. 13, 2017."
    r",\s+(?:on\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday),\s+\w+\.?\s+\d{1,2},\s+\d{4}\.?$)",
    re.IGNORECASE,
)
#: Letters typical of UTF-8 or cp1251 text read with the wrong single-byte code page.
MOJIBAKE_RE = re.compile(
    r"[ÐÑÃÂ][\x80-\xbf\u0400-\u04ff\u2010-\u203a]|[àáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ]{4,}|â€|\ufffd"
)
#: ftfy settings: repair encoding, but keep the text as published (curly quotes, ligatures).
FTFY_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, normalization="NFC")
#: spaCy ships stop-word lists; these languages cover the corpora seen so far and their neighbours.
STOP_WORD_LANGUAGES = ("en", "de", "fr", "es", "pt", "it", "nl", "ru", "uk", "pl", "id", "tr", "sv", "ko", "be")


NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
ASCII_LETTER_RE = re.compile(r"[A-Za-z]")  # exactly the ASCII characters for which str.isalpha() holds
#: ASCII punctuation and symbols, found by one character class (8 times faster than str.translate).
ASCII_PUNCTUATION_RE = re.compile(
    "[" + re.escape("".join(chr(code) for code in range(128) if unicodedata.category(chr(code))[0] in "PS")) + "]"
)


@dataclass(frozen=True)
class Block:
    line: int
    text: str


@dataclass(frozen=True)
class Features:
    """What one block is, measured; the content score is computed from these."""

    words: int
    stop_density: float
    punct_density: float  # share of characters that are punctuation or symbols
    sentence_end: bool  # ends like a sentence
    sentences: int  # sentence boundaries inside
    boilerplate: bool  # phrasing typical of page furniture
    page_repeats: int  # how often this text occurs in the page
    corpus_repeat: bool  # occurs in several corpus files
    bullet: bool
    ends_article: bool  # copyright footer, related list, comment form
    caption: bool
    truncated: bool  # long text cut off mid-sentence or with an ellipsis
    numbered: bool  # "1) Item" or "2. Item"
    url: bool  # a bare link
    continues: bool  # the paragraph goes on in the next line (hard-wrapped text)
    table_row: bool = False  # one of a run of number-heavy lines (a results table); set by mark_tables
    link_list: bool = False  # one of a group of adjacent short lines that are not sentences (headlines, menus)

    @property
    def prose(self) -> bool:
        return (
            self.words >= PROSE_MIN_WORDS
            and (self.sentence_end or self.sentences > 0)
            and self.punct_density <= PROSE_MAX_PUNCTUATION
        )


@dataclass(frozen=True)
class CleanResult:
    body: str
    decisions: tuple[Decision, ...]
    removed: dict[str, int]
    warnings: tuple[str, ...]
    first_body_line: int  # index into blocks of the first kept block; metadata looks above it
    blocks: tuple[Block, ...]
    last_body_line: int = -1  # index into blocks of the last kept block; author boxes sit below it
    headline: int | None = None  # index of the block repeating the page title, when there is one


# --- Encoding ---------------------------------------------------------------------------


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


# --- Blocks and features -----------------------------------------------------------------


def split_blocks(text: str) -> list[Block]:
    blocks = []
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = " ".join(raw.split())
        if stripped:
            blocks.append(Block(number, stripped))
    return blocks


def words(text: str) -> list[str]:
    return list(_words(text))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def _words(text: str) -> tuple[str, ...]:
    return tuple(WORD_RE.findall(text))


@lru_cache(maxsize=TEXT_CACHE_SIZE)
def normalise(text: str) -> str:
    return normal_form(text)


def normal_form(text: str) -> str:
    """The words of a text, lower-cased and one space apart: how lines are compared (normalise caches it)."""
    # Lower-casing the joined words equals lower-casing each: the only context-dependent
    # mapping (final sigma) looks no further than the word, and a space ends it as the
    # string's end does.
    return " ".join(WORD_RE.findall(text)).lower()


@lru_cache(maxsize=1)
def stop_word_lists() -> dict[str, frozenset[str]]:
    """spaCy's stop-word lists, read from its source files: importing spaCy costs seconds."""
    import importlib.util

    spec = importlib.util.find_spec("spacy")
    if spec is None or not spec.submodule_search_locations:
        return {}
    lang_dir = Path(list(spec.submodule_search_locations)[0]) / "lang"
    lists = {}
    for language in STOP_WORD_LANGUAGES:
        path = lang_dir / language / "stop_words.py"
        if path.is_file():
            found = _string_words(path.read_text(encoding="utf-8"))
            if found:
                lists[language] = found
    return lists


def _string_words(source: str) -> frozenset[str]:
    """Every word of the string literals in a stop_words.py module (they hold the list)."""
    import ast

    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) > 40:
            found.update(w.lower() for w in node.value.split())
    return frozenset(found)


def page_stop_words(blocks: list[Block]) -> frozenset[str] | None:
    """The stop words of the page's language: the list that covers most of its words.

    None when no list covers enough of the page (a language without a list, or one whose
    function words are attached to other words, as in Korean): then the feature is unknown.
    """
    # (normalise() is the lower-cased words joined by spaces, and is cached for the features.)
    tokens = Counter(token for b in blocks for token in normalise(b.text).split())
    if not tokens:
        return None
    lists = stop_word_lists()

    covered = {language: sum(tokens[token] for token in lists[language].intersection(tokens)) for language in lists}
    best = max(sorted(lists), key=covered.__getitem__)
    return lists[best] if covered[best] >= PAGE_STOP_COVERAGE * sum(tokens.values()) else None


def is_prose(text: str) -> bool:
    return len(words(text)) >= PROSE_MIN_WORDS and bool(SENTENCE_END_RE.search(text) or SENTENCE_INSIDE_RE.search(text))


def is_heading_like(text: str) -> bool:
    n = len(words(text))
    return 1 <= n <= HEADING_MAX_WORDS and not text.endswith((".", ",", ";", ":", "…")) and (text[0].isupper() or text[0].isdigit())


def features(
    block: Block, following: Block | None, stop_words: frozenset[str] | None, page_counts: Counter, corpus_lines: frozenset[str]
) -> Features:
    text = block.text
    # A hard-wrapped paragraph goes on in the next block with a lower-case letter; a cut-off
    # teaser is followed by something that starts anew (a capital: the next headline).
    continues = following is not None and following.text[0].islower()
    next_starts_anew = following is None or following.text[0].isupper()
    tokens = words(text)
    key = normalise(text)
    # The normal form's words are the tokens lower-cased (see normal_form).
    stops = sum(map(stop_words.__contains__, key.split())) if stop_words is not None else 0
    punct = punctuation_count(text)
    sentence_end = bool(SENTENCE_END_RE.search(text))
    # (Cheap word-count tests come before the regexes they guard.)
    caption = len(tokens) <= CAPTION_MAX_WORDS and bool(CAPTION_RE.search(text))
    return Features(
        words=len(tokens),
        stop_density=(stops / len(tokens) if tokens else 0.0) if stop_words is not None else PROSE_STOP_DENSITY,
        punct_density=punct / len(text) if text else 0.0,
        sentence_end=sentence_end,
        sentences=len(SENTENCE_INSIDE_RE.findall(text)),
        boilerplate=_boilerplate_phrasing(text, len(tokens)),
        page_repeats=page_counts.get(key, 0),
        corpus_repeat=key in corpus_lines,
        bullet=bool(BULLET_RE.match(text)),
        ends_article=len(tokens) <= BOILERPLATE_SHORT_WORDS
        and not caption
        and bool(COMMENTS_RE.match(text) or ARTICLE_END_RE.search(text)),
        caption=caption,
        truncated=len(tokens) >= TEASER_MIN_WORDS and bool(TEASER_END_RE.search(text))
        or not sentence_end and next_starts_anew and len(tokens) >= CUT_TEASER_MIN_WORDS,
        numbered=bool(NUMBERED_ITEM_RE.match(text)),
        url=bool(URL_ONLY_RE.match(text)),
        continues=continues and not sentence_end,
    )


def punctuation_count(text: str) -> int:
    """How many characters are punctuation or symbols (Unicode categories P* and S*)."""
    ascii_count = len(ASCII_PUNCTUATION_RE.findall(text))
    return ascii_count + sum(unicodedata.category(ch)[0] in "PS" for ch in NON_ASCII_RE.findall(text))


def _boilerplate_phrasing(text: str, word_count: int) -> bool:
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


def mark_tables(blocks: list[Block], feats: list[Features]) -> list[Features]:
    """Flag runs of TABLE_MIN_ROWS or more adjacent lines that are mostly numbers: table rows."""
    rowlike = [f.words >= 3 and _number_share(b.text) >= TABLE_NUMBER_SHARE for b, f in zip(blocks, feats)]
    marked = list(feats)
    index = 0
    while index < len(blocks):
        run_end = index
        while run_end < len(blocks) and rowlike[run_end]:
            run_end += 1
        if run_end - index >= TABLE_MIN_ROWS:
            for row in range(index, run_end):
                marked[row] = dataclasses.replace(feats[row], table_row=True)
        index = max(run_end, index + 1)
    return marked


def mark_link_lists(blocks: list[Block], feats: list[Features]) -> list[Features]:
    """Flag groups of adjacent lines (no blank line between) that are short and mostly not
    sentences: lists of headlines or menu entries, which a text dump keeps together."""
    marked = list(feats)
    group: list[int] = []
    for index in range(len(blocks) + 1):
        if index < len(blocks) and group and blocks[index].line == blocks[group[-1]].line + 1:
            group.append(index)
            continue
        if _is_link_list(group, feats):
            for member in group:
                marked[member] = dataclasses.replace(feats[member], link_list=True)
        group = [index]
    return marked


def _is_link_list(group: list[int], feats: list[Features]) -> bool:
    if len(group) < LINK_LIST_MIN_LINES:
        return False
    members = [feats[i] for i in group]
    if any(f.words > LINK_LIST_MAX_WORDS or f.bullet or f.numbered or f.table_row for f in members):
        return False
    return sum(not f.prose for f in members) >= len(members) * LINK_LIST_NON_PROSE_SHARE


def _number_share(text: str) -> float:
    tokens = words(text)
    return sum(t.isdigit() for t in tokens) / len(tokens) if tokens else 0.0


def content_score(f: Features) -> float:
    """Positive for article text (about its word count), negative for page furniture."""
    if f.words == 0:
        return -1.0
    if f.corpus_repeat:
        # A short repeated line may be a series' section heading; a long one is a site's blurb.
        return -SHORT_BLOCK_COST if f.words <= HEADING_MAX_WORDS else -BOILERPLATE_COST
    if f.boilerplate:
        return -BOILERPLATE_COST
    if f.caption or f.link_list:
        return -SHORT_BLOCK_COST
    if f.page_repeats > 1 and f.words < PROSE_MIN_WORDS:
        return -SHORT_BLOCK_COST  # repeated menu entries
    if f.prose and f.stop_density >= LOW_STOP_DENSITY:
        bonus = 1.0 if f.stop_density >= PROSE_STOP_DENSITY else 0.5
        return f.words * bonus
    if (f.bullet or f.numbered or f.table_row) and f.words >= 3:
        return f.words * LIST_ITEM_WEIGHT
    if f.url:
        return -1.0  # a source link: harmless inside an article, no evidence of one
    if f.words >= PROSE_MIN_WORDS and f.stop_density >= PROSE_STOP_DENSITY:
        return f.words * UNFINISHED_WEIGHT  # a sentence without final punctuation, or a deck line
    return -SHORT_BLOCK_COST


# --- Finding the article -----------------------------------------------------------------


def headline_index(blocks: list[Block]) -> int | None:
    """Where the headline sits: a later block repeating the page title of the first line.

    Saved pages start with the document title ("Headline - Site"); the article's own
    headline repeats it just above the body. A block equal to the title (or to its
    headline part) wins over one that merely contains most of its words (a breadcrumb).
    """
    if len(blocks) < 3 or len(words(blocks[0].text)) > TITLE_MAX_WORDS:
        return None
    title = blocks[0].text
    parts = [part for part in TITLE_SEPARATOR_RE.split(title) if part]
    # The site's name is the last part; a nav link may repeat it, so it never counts.
    parts = [title, " ".join(parts[:-1])] + parts[:-1] if len(parts) > 1 else [title]
    wanted = [set(normalise(p).split()) for p in parts if len(words(p)) >= 3]
    exact = {" ".join(sorted(target)) for target in wanted}
    best: tuple[float, int] | None = None
    for index in range(1, len(blocks)):
        text = blocks[index].text
        if URL_ONLY_RE.match(text):
            continue  # an address spells the title in its slug
        if " ".join(sorted(set(normalise(text).split()))) in exact:
            return index
        have = set(normalise(text).split())
        if not have or len(have) > 40:
            continue
        for target in wanted:
            overlap = len(target & have) / len(target)
            extra = len(have - target)
            if overlap >= HEADLINE_MATCH and extra <= len(target) // 2 + 2:
                closeness = overlap - extra / 100
                if best is None or closeness > best[0]:
                    best = (closeness, index)
    return best[1] if best else None


def between_furniture(feats: list[Features]) -> set[int]:
    """Short text inside a widget: after furniture and before more furniture (the middle of a
    donation pitch), or after two furniture blocks and before no more text (a sign-up blurb)."""
    content = [i for i, f in enumerate(feats) if f.words]
    found = set()
    for position in range(1, len(content) - 1):
        index, previous, following = content[position], content[position - 1], content[position + 1]
        if feats[index].words > SANDWICH_MAX_WORDS or not feats[previous].boilerplate:
            continue
        inside_widget = position >= 2 and feats[content[position - 2]].boilerplate
        if feats[following].boilerplate or inside_widget and not (feats[following].prose or feats[following].bullet):
            found.add(index)
    return found


def byline_index(blocks: list[Block]) -> int | None:
    """The first byline ("By Jane Doe", "Von ...") in the first half of the page: the article follows it."""
    for index, block in enumerate(blocks[: len(blocks) // 2]):
        if BYLINE_START_RE.match(block.text) and len(words(block.text)) <= BYLINE_MAX_WORDS:
            return index
    return None


def best_segment(scores: list[float]) -> tuple[int, int]:
    """Indices (inclusive) of the contiguous run with the highest total score."""
    best_sum, best = float("-inf"), (0, -1)
    running, start = 0.0, 0
    for index, value in enumerate(scores):
        if running <= 0:
            running, start = 0.0, index
        running += value
        if running > best_sum:
            best_sum, best = running, (start, index)
    return best


def weighted_scores(feats: list[Features], headline: int | None) -> list[float]:
    """Content scores weighted by position: before the headline (or byline), after the article's end."""
    scores = []
    sandwiched = between_furniture(feats)
    ended = False
    article_so_far = 0.0
    for index, f in enumerate(feats):
        score = -SHORT_BLOCK_COST if index in sandwiched else content_score(f)
        if headline is not None and index <= headline and score > 0:
            score *= BEFORE_HEADLINE_WEIGHT
        if f.ends_article and article_so_far >= END_MARKER_AFTER:
            ended = True
        if ended and score > 0:
            score *= AFTER_END_WEIGHT
        article_so_far += max(score, 0.0)
        if f.truncated and score > 0:
            score = -SHORT_BLOCK_COST  # a cut-off teaser of another article
        scores.append(score)
    return scores


def corpus_boilerplate(texts: list[str]) -> frozenset[str]:
    """Lines that occur in at least CORPUS_REPEAT_FILES files: the sites' shared furniture.

    A file saved twice counts once. Lines are compared before encoding repair (furniture is
    mostly plain text, and repairing every file twice would double the cost of a build).
    """
    return repeated_lines([line_keys(text) for text in dict.fromkeys(texts)])


def line_keys(text: str) -> list[str | None]:
    """normalise() of each line of a text, None for a blank one: computed once per file's content
    (builds keep them in the cache), since the corpus count and each file's furniture both need them."""
    return [normal_form(line) if line.strip() else None for line in text.split("\n")]


def repeated_lines(files: list[list[str | None]]) -> frozenset[str]:
    """The line keys found in at least CORPUS_REPEAT_FILES of the files (line_keys of each file)."""
    seen: Counter = Counter()
    for keys in files:
        seen.update(set(keys))
    return frozenset(key for key, count in seen.items() if count >= CORPUS_REPEAT_FILES and key)


def paragraph_keys(keys: list[str | None]) -> list[str]:
    """normalise() of each paragraph of two lines or more, from its lines' keys: a paragraph's words
    are its lines' words in order, so its key is theirs joined."""
    found: list[str] = []
    run: list[str] = []
    for key in [*keys, None]:
        if key is not None:
            run.append(key)
            continue
        if len(run) > 1:
            found.append(" ".join(k for k in run if k))
        run = []
    return found


# --- Decisions inside the article --------------------------------------------------------


def duplicate_reasons(blocks: list[Block], feats: list[Features], start: int = 0, end: int = -1) -> dict[int, str]:
    """Blocks that repeat others: teasers of the article's opening and second copies.

    Repeated paragraphs are grouped into runs of copies (a whole article pasted twice is one
    run). Of a run, the copy followed by a cut-off block ("…") is a teaser; else the copy
    with more broken encoding goes; else the later copy goes. A short paragraph repeated on
    its own is meant (the same question put to each interviewee) and stays.
    """
    end = len(blocks) - 1 if end < 0 else end
    # Only copies inside the article run count: a copy outside it is dropped anyway.
    keys = [copy_key(b.text) if start <= i <= end else "" for i, b in enumerate(blocks)]
    paragraphs = [i for i, key in enumerate(keys) if key and (feats[i].prose or feats[i].bullet or feats[i].numbered)]
    reasons: dict[int, str] = {}
    for run in _copy_runs(paragraphs, keys):
        earlier, later = [a for a, _ in run], [b for _, b in run]
        if _is_teaser_copy(blocks, keys, earlier[0], later[0]):
            reasons.update({i: "teaser" for i in earlier})
        elif sum(_garbled(blocks[i].text) for i in earlier) > sum(_garbled(blocks[i].text) for i in later):
            reasons.update({i: "copy with broken encoding" for i in earlier})
        elif len(run) > 1 or feats[later[0]].words >= DUPLICATE_ALONE_WORDS:
            reasons.update({i: "duplicate" for i in later})
    # A heading or byline repeated just above a dropped copy is part of that copy.
    first_index: dict[str, int] = {}
    for index, key in enumerate(keys):
        if key:
            first_index.setdefault(key, index)
    key_counts = Counter(keys)
    for index in range(len(blocks) - 2, -1, -1):
        if index in reasons or not keys[index]:
            continue
        following = next((j for j in range(index + 1, len(blocks)) if keys[j]), None)
        copied = following is not None and reasons.get(following) in ("duplicate", "copy with broken encoding")
        repeated = first_index[keys[index]] != index or key_counts[keys[index]] > 1
        if copied and repeated:
            reasons[index] = reasons[following]
    # Cut-off prefixes of a later block ("The first lines of the article…").
    for index, key in enumerate(keys):
        if index in reasons or not TEASER_END_RE.search(blocks[index].text):
            continue
        stem = key.rsplit(" ", 1)[0] if " " in key else key
        if len(stem.split()) >= 4 and any(k != key and k.startswith(stem) for k in keys[index + 1 :]):
            reasons[index] = "teaser"
    return reasons


def _copy_runs(paragraphs: list[int], keys: list[str]) -> list[list[tuple[int, int]]]:
    """Pairs (first occurrence, repeat) of paragraphs, grouped into runs that advance together."""
    position = {index: n for n, index in enumerate(paragraphs)}
    first_at: dict[str, int] = {}
    runs: list[list[tuple[int, int]]] = []
    for index in paragraphs:
        key = keys[index]
        if key not in first_at:
            first_at[key] = index
            continue
        pair = (first_at[key], index)
        last = runs[-1][-1] if runs else None
        if last and position[pair[0]] == position[last[0]] + 1 and position[pair[1]] == position[last[1]] + 1:
            runs[-1].append(pair)
        else:
            runs.append([pair])
    return runs


def _garbled(text: str) -> int:
    return len(MOJIBAKE_RE.findall(text))


def author_box(blocks: list[Block], feats: list[Features], start: int, end: int) -> dict[int, str]:
    """The author's name and bio closing the article ("Jane Doe" / "Jane Doe is a professor of ...").

    Metadata reads the name from there; the body is the article without it.
    """
    content = [i for i in range(start, end + 1) if feats[i].words]
    for position, index in enumerate(content[-AUTHOR_BOX_BLOCKS:], start=max(0, len(content) - AUTHOR_BOX_BLOCKS)):
        name = blocks[index].text
        if not (2 <= feats[index].words <= 4 and is_heading_like(name)):
            continue
        rest = content[position + 1 :]
        bio = [i for i in rest if blocks[i].text.startswith(name + " ") and feats[i].prose]
        if bio:
            return {i: "author box" for i in [index, *rest] if i <= bio[-1]}
    if content and AUTHOR_BIO_RE.match(blocks[content[-1]].text) and feats[content[-1]].words <= AUTHOR_BIO_MAX_WORDS:
        return {content[-1]: "author box"}  # "Jane Doe is a reporter for ..." closing the page's article
    return {}


def copy_key(text: str) -> str:
    """What two copies of a paragraph share even when one has broken encoding: its ASCII words
    (mojibake only garbles the other characters). Text mostly in another script keeps all words."""
    if text.isascii():
        return normalise(text)
    letters = sum(map(str.isalpha, text))
    if letters and len(ASCII_LETTER_RE.findall(text)) >= letters * ASCII_KEY_SHARE:
        return normalise(NON_ASCII_RE.sub(" ", text))
    return normalise(text)


def _is_teaser_copy(blocks: list[Block], keys: list[str], earlier: int, later: int) -> bool:
    following = earlier + 1
    if following >= later or later + 1 >= len(blocks):
        return False
    text = blocks[following].text
    if not TEASER_END_RE.search(text):
        return False
    stem = keys[following].rsplit(" ", 1)[0]
    return bool(stem) and keys[later + 1].startswith(stem)


def block_reason(
    index: int, blocks: list[Block], feats: list[Features], end: int, sandwiched: set[int] = frozenset()
) -> str | None:
    """Why a block inside the article run is not article text, or None to keep it."""
    f = feats[index]
    text = blocks[index].text
    if f.words == 0:
        return "no words"
    following = _next_content(index, feats, end)
    opens_section = is_heading_like(text) and following is not None and _opens_section(following, blocks, feats, end)
    if f.corpus_repeat and not opens_section:
        return "repeated across the corpus"  # a series' own section headings ("Key Considerations") stay
    if f.caption:
        return "caption"
    if f.boilerplate:
        return "boilerplate phrasing"
    if index in sandwiched:
        return "between furniture"
    if f.link_list:
        return "list of links"
    if BYLINE_START_RE.match(text) and f.words <= BYLINE_MAX_WORDS and not f.prose:
        return "byline"
    if f.truncated:
        return "teaser"
    if f.prose or f.bullet or f.numbered or f.table_row or f.url or NUMBERED_REF_RE.match(text):
        return None
    if f.page_repeats > 1 and _next_to_copy(index, blocks):
        return "repeated line"  # a name or label shown twice in a row: an author box, a widget
    if opens_section:
        if not feats[following].prose and index > 0 and feats[index - 1].boilerplate:
            return "boilerplate phrasing"  # a label under "Subscribe to ...", above the real heading
        if feats[following].truncated:
            return "teaser"
        return None
    if f.words >= 4 and f.stop_density >= LOW_STOP_DENSITY:
        return None  # a short sentence or a line of a table
    return "short non-prose"


def _next_to_copy(index: int, blocks: list[Block]) -> bool:
    key = normalise(blocks[index].text)
    neighbours = blocks[max(0, index - 1) : index] + blocks[index + 1 : index + 2]
    return any(normalise(b.text) == key for b in neighbours)


def _opens_section(index: int, blocks: list[Block], feats: list[Features], end: int) -> bool:
    """Text follows: prose or a list, possibly under a sub-heading ("March" / "Meeting of Presidents" / text)."""
    f = feats[index]
    if f.prose or f.bullet or f.numbered:
        return True
    following = _next_content(index, feats, end)
    return (
        is_heading_like(blocks[index].text)
        and following is not None
        and (feats[following].prose or feats[following].bullet)
    )


def _next_content(index: int, feats: list[Features], end: int) -> int | None:
    for following in range(index + 1, min(end + 1, len(feats))):
        if feats[following].words:
            return following
    return None


def clean_text(text: str, corpus_lines: frozenset[str] = frozenset()) -> CleanResult:
    """The article body of a plain-text page dump as Markdown, with a decision per block."""
    warnings: list[str] = []
    repaired = repair_encoding(text)
    blocks = split_blocks(repaired)
    stop_words = page_stop_words(blocks)
    counts = Counter(normalise(b.text) for b in blocks)
    feats = [
        features(b, blocks[i + 1] if i + 1 < len(blocks) else None, stop_words, counts, corpus_lines)
        for i, b in enumerate(blocks)
    ]
    feats = mark_link_lists(blocks, mark_tables(blocks, feats))
    headline = headline_index(blocks)
    anchor = headline if headline is not None else byline_index(blocks)
    start, end = best_segment(weighted_scores(feats, anchor)) if blocks else (0, -1)
    start = _extend_to_list(feats, _trim_start(feats, start, end), headline)
    duplicates = duplicate_reasons(blocks, feats, start, end)
    duplicates.update(author_box(blocks, feats, start, end))
    sandwiched = between_furniture(feats)

    decisions: list[Decision] = []
    removed: dict[str, int] = {}
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        if index < start or index > end:
            reason = "before the article" if index < start else "after the article"
        else:
            reason = duplicates.get(index) or block_reason(index, blocks, feats, end, sandwiched)
        if reason is None:
            kept.append(block)
            decisions.append(Decision(block.line, block.text, True, kept_as(feats[index], block.text)))
        else:
            removed[reason] = removed.get(reason, 0) + len(block.text)
            decisions.append(Decision(block.line, block.text, False, reason))
    if any(MOJIBAKE_RE.search(b.text) for b in kept):
        warnings.append("some text still looks garbled (mojibake) after repair")
    kept_indices = [i for i, d in enumerate(decisions) if d.kept]
    first_kept = kept_indices[0] if kept_indices else start
    last_kept = kept_indices[-1] if kept_indices else end
    body = to_markdown(kept)
    return CleanResult(body, tuple(decisions), removed, tuple(warnings), first_kept, tuple(blocks), last_kept, headline)


def kept_as(f: Features, text: str) -> str:
    """What a kept block is in the article, for --explain."""
    if f.bullet or f.numbered:
        return "article: list item"
    if f.table_row:
        return "article: table row"
    if f.prose or f.continues:
        return "article: paragraph"
    if is_heading_like(text):
        return "article: heading"
    return "article: short text"


def _trim_start(feats: list[Features], start: int, end: int) -> int:
    """The body opens with text, not with the headline, a standfirst fragment or an author's title."""
    while start < end and not (
        feats[start].prose or feats[start].bullet or feats[start].numbered or feats[start].table_row
        or feats[start].continues or feats[start].words > HEADING_MAX_WORDS
    ):
        start += 1
    return start


def _extend_to_list(feats: list[Features], start: int, headline: int | None) -> int:
    """An article that opens with a list (a summary in bullets) starts at its first item."""
    while start > 0 and start - 1 != headline and feats[start - 1].bullet and not feats[start - 1].boilerplate:
        start -= 1
    return start


# --- Markdown -----------------------------------------------------------------------------


def join_wrapped_lines(blocks: list[Block]) -> list[Block]:
    """One paragraph hard-wrapped over adjacent lines becomes one block again: a line that does
    not end a sentence, followed directly by one that starts in lower case."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and block.line == previous.line + 1 + previous.text.count("\n")
            and not SENTENCE_END_RE.search(previous.text)
            and block.text[0].islower()
            and not BULLET_RE.match(block.text)
        ):
            joined[-1] = Block(previous.line, previous.text + "\n" + block.text)
        else:
            joined.append(block)
    return [Block(b.line, b.text.replace("\n", " ")) for b in joined]


def to_markdown(blocks: list[Block]) -> str:
    """Kept blocks as Markdown: headings, bullet lists, footnotes, paragraphs."""
    parts: list[str] = []
    footnotes: list[str] = []
    previous_was_item = False
    texts = [b.text for b in join_wrapped_lines(blocks)]
    body_has_markers = any(re.search(r"\[\d{1,3}\]", t) for t in texts)
    for index, text in enumerate(texts):
        following = texts[index + 1] if index + 1 < len(texts) else ""
        if BULLET_RE.match(text):
            item = BULLET_RE.sub("", text)
            if previous_was_item:
                parts[-1] += f"\n- {escape_inline(item)}"
            else:
                parts.append(f"- {escape_inline(item)}")
            previous_was_item = True
            continue
        previous_was_item = False
        reference = NUMBERED_REF_RE.match(text)
        if reference and body_has_markers and index > len(texts) // 2:
            footnotes.append(f"[^{reference.group(1)}]: {escape_inline(reference.group(2))}")
            continue
        if _is_heading(text, following):
            parts.append(f"## {escape_inline(text)}")
        else:
            parts.append(escape_inline(text))
    body = "\n\n".join(parts)
    if footnotes:
        numbers = {f.split("]")[0][2:] for f in footnotes}
        body = re.sub(r"\s?\\\[(\d{1,3})\\\]", lambda m: f"[^{m.group(1)}]" if m.group(1) in numbers else m.group(0), body)
        body += "\n\n" + "\n\n".join(footnotes)
    return body.strip() + "\n"


def _is_heading(text: str, following: str) -> bool:
    """A short title line followed by text, a list or a sub-heading (the last line never is)."""
    opens = is_prose(following) or BULLET_RE.match(following) or is_heading_like(following)
    return bool(following) and is_heading_like(text) and not is_prose(text) and bool(opens)


#: Escaped with a backslash wherever they stand (Python-Markdown's escapable characters).
MARKDOWN_SPECIAL_RE = re.compile(r"([\\`*_\[\]{}])")
#: Syntax only some extensions know (tables, strikethrough, mark, caret, keys) is not
#: backslash-escapable everywhere: written as numeric character references instead.
ENTITY_CHARS_RE = re.compile(r"\||~~+|==+|\^\^+|\+\++")
#: Line starts that would make a block (heading, list, quote, rule, fence, admonition,
#: definition, setext underline): the first special character is escaped.
LINE_START_ESCAPES = (
    (re.compile(r"^( ?)(\d+)([.)])"), lambda m: f"{m.group(1)}{m.group(2)}\\{m.group(3)}"),  # "1. " ordered list
    (re.compile(r"^( ?)([#+\-!])"), lambda m: f"{m.group(1)}\\{m.group(2)}"),  # heading, list, rule, admonition
    (re.compile(r"^( ?)(\?(?=\?\?)|[:~=])"), lambda m: f"{m.group(1)}&#{ord(m.group(2))};"),  # details, definition, fence
)
#: Control characters (and Unicode line/paragraph separators) end lines or are invalid in HTML.
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
SPACES_RE = re.compile(r" {2,}")


def escape_inline(text: str) -> str:
    """Corpus text stays text: one line of Markdown that renders back to exactly this text.

    HTML and Markdown syntax characters are escaped, whitespace (including line
    breaks and control characters) is collapsed to single spaces, and a line start
    that Markdown would read as block syntax is escaped.
    """
    # (spaces at the ends stay: callers join escaped pieces, e.g. a snippet around a bold name)
    text = SPACES_RE.sub(" ", CONTROL_RE.sub(" ", text))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = MARKDOWN_SPECIAL_RE.sub(r"\\\1", text)
    text = ENTITY_CHARS_RE.sub(lambda m: "".join(f"&#{ord(c)};" for c in m.group(0)), text)
    for pattern, replace in LINE_START_ESCAPES:
        text, n = pattern.subn(replace, text, count=1)
        if n:
            break
    return text


def clean_html(html: str) -> tuple[str, dict]:
    """The article of an HTML page via trafilatura: Markdown body and the page's own metadata.

    trafilatura's XML (not its Markdown) is turned into Markdown here, so that every piece
    of corpus text goes through escape_inline and none of it becomes active markup.
    """
    import trafilatura  # imported here: it is slow to import and only HTML input needs it

    # favor_precision: trafilatura's stricter pruning of link lists and widgets (measured better
    # on the dev set, and an article page is better short than padded with chrome).
    xml = trafilatura.extract(
        html, output_format="xml", include_comments=False, include_tables=True, favor_precision=True
    ) or ""
    meta = trafilatura.extract_metadata(html)
    fields = meta.as_dict() if meta is not None else {}
    body = xml_to_markdown(xml, fields.get("title")) if xml else ""
    return body, fields


def html_visible_text(html: str) -> str:
    """All the text a reader would see on the page (for how much cleaning removed)."""
    import trafilatura

    return " ".join((trafilatura.html2txt(html) or "").split())


def xml_to_markdown(xml: str, title: str | None = None) -> str:
    """trafilatura's XML document as Markdown: headings, lists, quotes, tables as lines, paragraphs."""
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    main = root.find("main")
    if main is None:
        return ""
    parts: list[str] = []
    loose = " ".join((main.text or "").split())
    if loose:
        parts.append(escape_inline(loose))
    for element in main:
        _html_part(element, parts, title)
        tail = " ".join((element.tail or "").split())
        if tail:
            parts.append(escape_inline(tail))  # text between blocks belongs to no element
    return "\n\n".join(parts).strip() + "\n"


def _html_part(element, parts: list[str], title: str | None) -> None:
    """One top-level element of trafilatura's <main> as a Markdown block (appended to parts)."""
    text = " ".join("".join(element.itertext()).split())
    if element.tag == "head":
        if text and not (not parts and title and normalise(text) == normalise(title)):
            parts.append(f"## {escape_inline(text)}")
    elif element.tag == "list":
        items = [" ".join("".join(item.itertext()).split()) for item in element.iter("item")]
        items = [item for item in items if item]
        if items:
            parts.append("\n".join(f"- {escape_inline(item)}" for item in items))
    elif element.tag == "quote":
        if text:
            parts.append(f"> {escape_inline(text)}")
    elif element.tag == "table":
        rows = [" ".join(" ".join(row.itertext()).split()) for row in element.iter("row")]
        parts.extend(escape_inline(row) for row in rows if row)
    elif element.tag != "graphic" and text:
        parts.append(escape_inline(text))
