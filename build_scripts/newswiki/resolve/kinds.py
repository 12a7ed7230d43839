"""Typing: a candidate's type by a vote over its mentions, gazetteer places first."""

from __future__ import annotations

from collections import Counter

from newswiki.resolve.gazetteer import ALWAYS_PLACES, gazetteer
from newswiki.resolve.candidates import Candidate


def place_of(key: str) -> tuple[str, str, str] | None:
    """The gazetteer entry that makes a name a place (other spellings of cities excluded)."""
    place = gazetteer().lookup(key)
    return place if place and place[2] != "alternate" else None


def key_type(candidate: Candidate) -> str:
    """The type of one spelling: gazetteer for countries and regions, else the vote of its mentions."""
    place = place_of(candidate.key)
    if place and place[2] in ALWAYS_PLACES:
        return "place"
    votes = candidate.votes(gazetteer_place=place is not None)
    # A smaller city shares its name with people and firms (Elizabeth, Toyota): its place tags count
    # double, and the vote decides.
    return top_vote(votes) if votes else "group"


def top_vote(votes: Counter) -> str:
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def is_person(candidate: Candidate) -> bool:
    if candidate.person is not None:
        return candidate.person
    votes = candidate.votes(gazetteer_place=place_of(candidate.key) is not None)
    person = votes["person"] * 2 > sum(votes.values())
    if candidate.settled:
        candidate.person = person
    return person
