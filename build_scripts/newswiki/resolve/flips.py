"""Label flips settled by what the votes and the name's words agree on, rather than dropped.

NER tags one name differently from sentence to sentence. A name whose mentions disagree (no type
has two thirds of the votes) still names one thing when:

- the text uses it for a firm and for what the firm makes: every vote but a few is organisation,
  product or work, and some say organisation ("YouTube" PRODUCT 11, ORG 7, GPE 2; "Audi"; "DigiTimes"
  PRODUCT 1, ORG 1). Its page is the firm's: the firm is what the product's name also names;
- it is written with a person's title ("Kazakh President Kassym-Jomart Tokayev") and a person's votes
  are as many as any other type's: NER's ORG for the same full name in another article is the
  tagger's slip, not a second thing;
- its last word says what it is and one vote agrees: a place word for a place ("Cook Strait", "Stewart
  Island"), a firm's word for an organisation; its one-word names, if any, are that name less the
  word ("Bloomberg" beside "Bloomberg News").

Anything else that flips (one-word names tagged a person and a place once each: "Weir", "Quanta")
stays without a page: the vote is all the evidence there is, and it is split.
"""

from __future__ import annotations

from collections import Counter

from newswiki.resolve.candidates import LABEL_TYPES
from newswiki.resolve.evidence import Evidence
from newswiki.resolve.pages import FIRM_WORDS, PLACE_WORDS, Group, sample_names

#: The types a firm's name is tagged with when the text also names what it makes.
FIRM_OR_THING = ("organization", "product", "work")
#: Share of the votes that must be a firm's or its things' for the split to be settled so.
FIRM_OR_THING_SHARE = 2 / 3


def settled_type(group: Group, evidence: Evidence) -> str | None:
    """The type a flipping group's votes and words agree on, or None when they do not."""
    votes: Counter = Counter()
    for mention in group.mentions:
        hinted = (mention.article_id, mention.start) in evidence.hinted
        votes["person" if hinted else LABEL_TYPES.get(mention.label, mention.label.lower())] += 1
    total = sum(votes.values())
    if not total:
        return None
    firm_or_thing = sum(votes[t] for t in FIRM_OR_THING)
    if votes["organization"] and firm_or_thing >= FIRM_OR_THING_SHARE * total:
        return "organization"
    titled = any((mention.article_id, mention.start) in evidence.roles for mention in group.mentions)
    if titled and votes["person"] >= max(votes.values()):
        return "person"
    names = set(sample_names(group))
    longer = {name for name in names if " " in name}
    # A one-word name has no word that says what it is, unless it is a longer name of the group less
    # its last word ("Bloomberg" of "Bloomberg News"): that word says what both are.
    bases = {name.rsplit(" ", 1)[0] for name in longer}
    last_words = {name.split()[-1].lower().rstrip(".") for name in longer}
    if any(" " not in name and name not in bases for name in names) or len(last_words) != 1:
        return None
    last = next(iter(last_words))
    if last in PLACE_WORDS and votes["place"]:
        return "place"
    if last in FIRM_WORDS and votes["organization"]:
        return "organization"
    return None
