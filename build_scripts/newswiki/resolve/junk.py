"""What cannot be a name: lower-case phrases, pronouns, numbers, spam and generic words."""

from __future__ import annotations

import re
from functools import lru_cache

from newswiki.names import FUNCTION_WORDS, NAME_CACHE_SIZE, fold
from newswiki.resolve.acronyms import is_acronym


#: Lower-case particles inside real names (Charles de Gaulle, Ludwig van Beethoven, bin Salman, al-Assad).
NAME_PARTICLES = {"van", "von", "der", "den", "da", "di", "de", "del", "della", "la", "le", "du", "bin", "ibn", "al", "el", "y", "dos", "das", "e", "ter", "ten", "zu"}
PRONOUNS = {
    "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they",
    "them", "their", "this", "that", "these", "those", "who", "whom", "which", "what", "there", "here",
}
#: Page chrome and spam that NER sometimes tags; never a page whatever the count.
SPAM_NAMES = {
    "advertisement", "click", "click here", "comments", "cookie", "cookies", "copyright", "download", "login",
    "log in", "menu", "newsletter", "privacy policy", "read more", "reply", "share", "sign in", "sign up",
    "subscribe", "terms of use", "tweet", "viagra", "casino", "crypto", "bitcoin giveaway",
}
#: Single words NER tags as names that are never a page on their own ("the West", "the State").
GENERIC_NAMES = {
    "west", "east", "north", "south", "state", "states", "government", "ministry", "parliament", "army",
    "court", "police", "republic", "union", "federation", "kingdom", "empire", "alliance", "council",
    "committee", "agency", "department", "office", "administration", "city", "region", "province", "county",
    "district", "world", "internet", "web", "media", "press", "news", "today", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday",
    # Institutions named without their qualifier: which country's? ("the Senate", "the House"). With it
    # they are names: "US Senate", "House of Representatives", "White House".
    "senate", "house", "legislature", "assembly", "cabinet", "supreme court", "treasury", "navy", "constitution",
    # Bodies every town, court system or firm has: "City Hall" is whose? ("Denver City Hall" is a name).
    "city hall", "town hall", "post office", "city council", "town council", "police department", "fire department",
    "high court", "court of appeal", "court of appeals", "board of directors", "board of trustees", "executive committee",
    "high command",
}
#: Acronyms of units, formats and technology, which NER tags as organisations; never a page.
COMMON_ACRONYMS = {
    "gmt", "utc", "est", "edt", "pst", "pdt", "cet", "cest", "bst", "am", "pm", "usb", "cpu", "gpu", "ram", "rom",
    "ssd", "hdd", "pdf", "api", "apis", "html", "css", "http", "https", "url", "urls", "json", "xml", "rss", "sms",
    "pin", "id", "faq", "diy", "pc", "tv", "dvd", "cd", "gb", "mb", "kb", "tb", "ghz", "mhz", "hz", "led", "lcd",
    "oled", "hd", "uhd", "vpn", "dns", "ip", "os", "sdk", "ide", "ui", "ux", "ai", "ml", "vr", "ar", "gps",
    "suv", "mph", "kph", "gdp", "vat", "ceo", "cfo", "cto", "coo", "pr", "hr", "q a", "eta", "asap", "fyi", "rsvp",
    "wifi", "wi fi", "lte", "nft", "sql", "ssh", "ssl", "tls", "cli", "gui", "iot", "saas", "dlc", "rpg", "fps",
    "mmo", "npc", "isbn", "doi", "jpeg", "jpg", "png", "gif", "svg", "csv", "ev", "evs", "ipo", "atm", "hq", "ppe",
    "nas", "dslr", "hdmi", "bios", "cms", "crm", "erp", "kpi", "roi", "b2b", "b2c", "cpa", "mba", "phd", "bsc",
}


#: Names of a program's classes, which NER tags as organisations in developer articles: an exception's
#: class ("TypeError", "DOMException") or an acronym run into two words or more ("XMLHttpRequest",
#: "URLSearchParams"); firms' names run words together with one capital each (YouTube, JPMorgan).
IDENTIFIER_RE = re.compile(r"[A-Z][A-Za-z]+(?:Error|Exception)|[A-Z]{3,}[a-z]+[A-Z][a-z]\w*")


#: Legal forms of companies, which NER tags as organisations when written apart from the name.
LEGAL_FORMS = {"llc", "inc", "ltd", "plc", "gmbh", "corp", "co", "ag", "sa", "nv", "bv", "pty", "lp", "llp"}


@lru_cache(maxsize=NAME_CACHE_SIZE)
def junk_reason(name: str) -> str | None:
    """Why a cleaned name cannot be an entity, or None."""
    if not name or not re.search(r"[^\W\d_]", name):
        return "no letters"
    key = fold(name)
    if name[0].islower():
        return "lower-case phrase"
    if key in PRONOUNS and not is_acronym(name):
        return "pronoun"
    if key in SPAM_NAMES:
        return "spam or page chrome"
    if key in GENERIC_NAMES:
        return "generic word, not a name"
    if key in COMMON_ACRONYMS:
        return "a unit, format or technology acronym, not a name"
    if re.search(r"[/|@]|\s[-–—]\s", name):
        return "two names or a credit glued (a slash or a dash inside: a byline, a photo credit)"
    if re.search(r":\s|\s\+\s|\s(?:OR|AND|VS)\s", name):
        return "two names glued (a colon, a plus or a capitalised 'OR' between: a heading, a list)"
    if re.search(r"\s[A-Z]\.$", name):
        return "a name cut after an initial ('Brian J.'): the rest of it is missing"
    if IDENTIFIER_RE.fullmatch(name):
        return "an identifier in a program ('TypeError', 'XMLHttpRequest'), not a name"
    if key in LEGAL_FORMS:
        return "a legal form on its own ('LLC'), not a name"
    if len(name) < 2 or len(name) > 80 or not key:
        return "implausible length"
    if len(name.split()) > 8:  # "Organization for Security and Co-operation in Europe" has 7
        return "too many words for a name"
    if re.search(r"\d", name) and not re.fullmatch(r"[A-Z]{1,4}-?\d{1,3}|\d{1,2}[A-Z]{1,3}", name):
        return "contains digits (a product, date or number)"
    if any(w[:1].islower() and w not in FUNCTION_WORDS and w.split("-")[0] not in NAME_PARTICLES for w in name.split()):
        return "lower-case words inside (a phrase, not a name)"
    return None
