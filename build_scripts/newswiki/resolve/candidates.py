"""Candidates: all mentions sharing one folded name, collected from the corpus."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from newswiki.models import Mention


LABEL_TYPES = {
    "PERSON": "person",
    "ORG": "organization",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
    "NORP": "group",
    "PRODUCT": "product",
    "WORK_OF_ART": "work",
}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass
class Candidate:
    """All mentions sharing one folded name."""

    key: str
    spellings: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    person_hints: int = 0
    mentions: list[Mention] = field(default_factory=list)
    # Set once the candidate's labels and hints are final (resolver.collect, after the last step that
    # moves a mention or adds a hint): is_person's answer is then kept, not voted again by each merge
    # and page rule that asks.
    settled: bool = field(default=False, repr=False, compare=False)
    person: bool | None = field(default=None, repr=False, compare=False)

    @property
    def name(self) -> str:
        if len(self.spellings) == 1:  # most names: read for every step, so no min() with a key function
            return next(iter(self.spellings))
        return min(self.spellings.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0]

    def votes(self, gazetteer_place: bool) -> Counter:
        votes: Counter = Counter()
        for label, count in self.labels.items():
            votes[LABEL_TYPES.get(label, label.lower())] += count
        if self.person_hints:
            # A mention after a role word is a person whatever NER tagged it.
            votes["person"] += self.person_hints
            for other in [t for t in votes if t != "person"]:
                votes[other] = max(0, votes[other] - self.person_hints)
        if gazetteer_place:
            votes["place"] += sum(self.labels[label] for label in PLACE_LABELS)
        return +votes
