"""Related entities: named in the same sentences more often than chance.

Sharing an article says little (on a five-article corpus every entity shares one with every other);
sharing a sentence says the text relates the two. Pairs are scored by how many sentences they share
times their pointwise mutual information over the corpus' sentences that name an entity, so a pair
of names that are everywhere (a country and its capital in every article) ranks below a pair that
is rarely apart. Counted per sentence over the entities it names: linear in the mentions.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Mapping
from itertools import combinations, repeat
from operator import attrgetter

from newswiki.models import Mention

#: Related entities kept per entity (the page shows them; the graph draws their edges).
RELATED_LIMIT = 15
#: Entities of one sentence that are paired: a real sentence names a few; a crafted one naming
#: thousands would make millions of pairs (the first ones by id are paired).
PAIRED_PER_SENTENCE = 60


def sentence_entities(mentions: Mapping[str, list[Mention]], mention_entity: Mapping[tuple[str, int], str]) -> list[frozenset[str]]:
    """The entities named in each sentence of the corpus that names two at least."""
    sentences: list[frozenset[str]] = []
    for article_id in sorted(mentions):
        in_sentence: dict[str, set[str]] = defaultdict(set)
        found = mentions[article_id]
        owners = map(mention_entity.get, zip(repeat(article_id), map(attrgetter("start"), found)))  # looked up in C
        for sentence, entity_id in zip(map(attrgetter("sentence"), found), owners):
            if entity_id is not None:
                in_sentence[sentence].add(entity_id)
        sentences.extend(frozenset(ids) for ids in in_sentence.values())
    return sentences


def related_entities(
    mentions: Mapping[str, list[Mention]], mention_entity: Mapping[tuple[str, int], str]
) -> dict[str, tuple[tuple[str, int], ...]]:
    """Entity id -> (related entity id, sentences shared), most related first, for pairs with positive PMI."""
    sentences = sentence_entities(mentions, mention_entity)
    alone: Counter = Counter()
    pairs: Counter = Counter()
    for ids in sentences:
        alone.update(ids)
        if len(ids) > 1:
            pairs.update(combinations(sorted(ids)[:PAIRED_PER_SENTENCE], 2))
    total = len(sentences)
    scored: dict[str, list[tuple[float, int, str]]] = defaultdict(list)
    for (a, b), shared in pairs.items():
        pmi = math.log(total * shared / (alone[a] * alone[b]))
        if pmi <= 0:
            continue
        score = shared * pmi
        scored[a].append((score, shared, b))
        scored[b].append((score, shared, a))
    return {
        entity_id: tuple((other, shared) for _, shared, other in heapq.nsmallest(RELATED_LIMIT, found, key=lambda t: (-t[0], -t[1], t[2])))
        for entity_id, found in sorted(scored.items())
    }
