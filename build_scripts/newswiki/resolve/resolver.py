"""The resolve stage put together: mentions in, entities, merges and dropped candidates out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from newswiki.curation import Curation, EntityCuration
from newswiki.models import Dropped, Entity, Mention, Resolution
from newswiki.resolve.names import clean_span, fold
from newswiki.resolve.gazetteer import ALWAYS_PLACES, gazetteer
from newswiki.resolve.candidates import Candidate, LABEL_TYPES, PLACE_LABELS
from newswiki.resolve.evidence import (
    ArticleFacts, EXECUTIVE_TITLES, Evidence, acronym_definitions, corpus_facts, role_title,
)
from newswiki.resolve.collect import (
    MIN_MENTIONS, attach_headline_fragments, collect_candidates, common_word_keys, lowercase_counts,
    strip_glued_words,
)
from newswiki.resolve.kinds import is_person, key_type, place_of, top_vote
from newswiki.resolve.merge import (
    Merger, apply_curated_aliases, attach_short_names, frozen_keys, merge_acronyms, merge_people,
    merge_places, places_and_organisations_around,
)
from newswiki.resolve.occurrences import count_every_mention
from newswiki.resolve.pages import DEMONYM_RE, Group, bare_first_names, canonical_name, page_reason, thing_type, unique_slug
from newswiki.resolve.related import related_entities


def resolve(
    mentions: dict[str, list[Mention]],
    texts: Mapping[str, str],
    curation: Curation | None = None,
    facts: dict[str, ArticleFacts] | None = None,
) -> Resolution:
    """Mentions and the plain texts they point into, both keyed by article id -> entities.

    facts: article_facts() of each article, when the per-article stage made them already.
    """
    curation = curation or Curation()
    facts = facts if facts is not None else corpus_facts(mentions, texts)
    candidates, mention_key, mention_name, evidence, dropped = collect_candidates(mentions, facts)
    attach_headline_fragments(candidates, mention_key, mention_name, evidence.titled)
    # Only the words of names are ever looked up: the keys' words and each name's folded first word.
    name_words = {w for k in candidates for w in k.split()} | {fold(c.name.split()[0]) for c in candidates.values()}
    lower_counts = lowercase_counts(texts, facts, name_words, {k for k in candidates if len(k.split()) == 2 and k.isascii()})
    strip_glued_words(candidates, mention_key, mention_name, lower_counts)
    common = common_word_keys(candidates, lower_counts)
    # One-word names the corpus uses for things, never for a person ("Mustang" of "Mustang Mach"): never
    # tagged PERSON, twice at least, and no gazetteer entry (cities double as first names: Vladimir, Austin).
    thing_names = {
        k for k, c in candidates.items()
        if " " not in k and len(c.mentions) >= MIN_MENTIONS and not c.labels["PERSON"] and not c.person_hints
        and key_type(c) in ("organization", "place") and gazetteer().lookup(k) is None
    }
    common_words = {w for c in candidates.values() if len(c.key.split()) > 1 for w in c.key.split() if lower_counts[w]}

    ignored: dict[str, EntityCuration] = {}
    for entry in curation.entities.values():
        if entry.ignore:
            for name in entry.names:
                ignored[fold(name)] = entry
    types = {key: key_type(c) for key, c in candidates.items()}
    m = Merger(candidates, types, frozen_keys(curation))
    owner = apply_curated_aliases(m, curation)
    merge_places(m)
    acronym_keys = merge_acronyms(m, acronym_definitions(facts))
    merge_people(m, places_and_organisations_around(candidates, types))
    ambiguous, person_roots = attach_short_names(m, mention_key, acronym_keys)

    # Mentions into groups (a short-name mention may have been moved to another key).
    by_start = {(mn.article_id, mn.start): mn for c in candidates.values() for mn in c.mentions}
    groups: dict[str, Group] = {}
    for key in sorted(candidates):
        root = m.groups.find(key)
        groups.setdefault(root, Group([])).keys.append(key)
    for place_key in sorted(mention_key):
        root = m.groups.find(mention_key[place_key])
        groups[root].mentions.append(by_start[place_key])
    for group in groups.values():
        entries = {owner[k].id: owner[k] for k in group.keys if k in owner}
        if len(entries) == 1:
            group.curation = next(iter(entries.values()))

    # Curation by page id (ignore, merge_into, type, name) needs the ids the pages would have:
    # a curated file docs/entities/<id>.md steers the group carrying its names or, failing that,
    # the group whose page would be <id>.md.
    curated_root: dict[str, str] = {}
    for root in sorted(groups):
        entry = groups[root].curation
        if entry is not None:
            if entry.id in curated_root:
                move_group(groups, root, curated_root[entry.id])
            else:
                curated_root[entry.id] = root
    summaries: dict[tuple[str, int, int], tuple[tuple[str, float], Counter, Counter]] = {}

    def summarise(root: str) -> tuple[tuple[str, float], Counter, Counter]:
        """A group's type vote, spellings and their reach (articles per spelling), worked out once per
        state of the group: groups only ever grow, so their sizes tell their states apart."""
        group = groups[root]
        state = (root, len(group.keys), len(group.mentions))
        if state not in summaries:
            names = [mention_name[(mn.article_id, mn.start)] for mn in group.mentions]
            reach = Counter(n for n, _ in set(zip(names, [mn.article_id for mn in group.mentions])))
            kind = group_type([candidates[k] for k in group.keys], group.mentions, evidence)
            summaries[state] = (kind, Counter(names), reach)
        return summaries[state]

    pending: list[tuple[str, str]] = []
    for root in sorted(groups):
        group = groups[root]
        if group.curation is not None or not group.keys:
            continue
        (entity_type, _), spellings, reach = summarise(root)
        if not spellings:
            continue
        base = unique_slug(canonical_name(spellings, entity_type, acronym_keys, reach), set())
        if base in curated_root:
            move_group(groups, root, curated_root[base])
        elif base in curation.entities:
            group.curation = curation.entities[base]
            curated_root[base] = root
        else:
            pending.append((root, base))
    used: set[str] = set(curation.entities)
    provisional: dict[str, str] = {root: entity_id for entity_id, root in curated_root.items()}
    for root, base in pending:
        provisional[root] = unique_slug(base, used)
    by_id = {provisional[root]: root for root in provisional}
    for root in sorted(groups):
        entry = groups[root].curation
        if entry is None or entry.merge_into is None:
            continue
        target = final_target(entry.merge_into, curation)
        target_root = by_id.get(target)
        if target_root is None or target_root == root:
            dropped.append(Dropped(provisional[root], "curation", f"{entry.source}: merge_into target {target!r} has no mentions", len(groups[root].mentions)))
            groups[root].curation = EntityCuration(entry.id, entry.source, ignore=True)
            continue
        move_group(groups, root, target_root)

    entities: list[Entity] = []
    mention_entity: dict[tuple[str, int], str] = {}
    merges: dict[str, tuple[str, ...]] = {}
    for root in sorted(groups):
        group = groups[root]
        if not group.keys:
            continue
        group.mentions.sort(key=lambda mn: (mn.article_id, mn.start))
        (entity_type, type_share), spellings, reach = summarise(root)
        entry = group.curation
        if not spellings:
            continue  # every mention went to a full name in its article
        name = canonical_name(spellings, entity_type, acronym_keys, reach)
        if entry is not None and entry.type:
            entity_type = entry.type
        if entry is not None and entry.name:
            name = entry.name
        elif root in provisional and unique_slug(name, set()) != provisional[root]:
            # A page keeps the name its id came from, so a curated alias or merge does not rename it.
            same_id = [n for n in sorted(spellings, key=lambda n: (-spellings[n], n)) if unique_slug(n, set()) == provisional[root]]
            name = same_id[0] if same_id else name
        if entry is not None and entry.ignore:
            dropped.append(Dropped(name, entity_type, f"ignored by curation ({entry.source})", len(group.mentions)))
            continue
        if any(k in ignored for k in group.keys):
            source = next(ignored[k].source for k in group.keys if k in ignored)
            dropped.append(Dropped(name, entity_type, f"ignored by curation ({source})", len(group.mentions)))
            continue
        short = [k for k in group.keys if k in ambiguous]
        if short and len(group.keys) == 1:
            dropped.append(Dropped(name, entity_type, "ambiguous short name: " + " or ".join(ambiguous[short[0]]), len(group.mentions)))
            continue
        in_gazetteer = any(place_of(k) for k in group.keys)
        if not in_gazetteer and entry is None and all(k in common for k in group.keys):
            dropped.append(Dropped(name, entity_type, "a common word: the corpus writes it in lower case as often", len(group.mentions)))
            continue
        if len(group.keys) == 1 and DEMONYM_RE.match(name) and not in_gazetteer:
            entity_type = "group"
        entity_type = thing_type(group, entity_type, thing_names)
        reason = page_reason(group, entity_type, type_share, in_gazetteer, evidence, common_words, thing_names)
        if reason:
            dropped.append(Dropped(name, entity_type, reason, len(group.mentions)))
            continue
        entity_id = provisional[root]
        counts = Counter(mn.article_id for mn in group.mentions)
        curated_aliases = set(entry.aliases) if entry else set()
        first_names = bare_first_names(set(spellings) | {name}) - curated_aliases if entity_type == "person" else set()
        names = set(spellings) - first_names
        # One alias per spelling: "Organization For Security..." and "Organization for Security..." are one.
        by_fold: dict[str, str] = {}
        for n in sorted(names | curated_aliases, key=lambda n: (-spellings.get(n, 0), n)):
            by_fold.setdefault(n.casefold(), n)
        aliases = tuple(sorted(set(by_fold.values()) - {name} - {n for n in by_fold.values() if n.casefold() == name.casefold()}, key=lambda s: (s.casefold(), s)))
        surface = tuple(sorted(
            {clean_span(mn.text, mn.label)[0] for mn in group.mentions} - first_names | {name} | curated_aliases, key=lambda s: (-len(s), s)
        ))
        role_counts = Counter(
            role_title(evidence.roles[(mn.article_id, mn.start)]) for mn in group.mentions if (mn.article_id, mn.start) in evidence.roles
        )
        for role in [r for r in role_counts if r.isupper() and r not in EXECUTIVE_TITLES]:
            del role_counts[role]  # "Browns DL Sheldon Richardson": a position on a team, not a title
        roles = tuple(r for r, _ in sorted(role_counts.items(), key=lambda kv: (-kv[1], kv[0]))) if entity_type == "person" else ()
        entities.append(Entity(entity_id, name, entity_type, aliases, dict(sorted(counts.items())), surface, roles))
        spelled = tuple(sorted(names - {name}, key=lambda s: (s.casefold(), s)))
        if spelled:
            merges[entity_id] = spelled
        for mn in group.mentions:
            mention_entity[(mn.article_id, mn.start)] = entity_id
    entities = count_every_mention(entities, mentions, mention_entity, texts)
    dropped = merge_dropped(dropped)
    return Resolution(tuple(entities), mention_entity, tuple(dropped), merges, related_entities(mentions, mention_entity))


def move_group(groups: dict[str, "Group"], source: str, target: str) -> None:
    """Join one group into another (curation said they are one entity)."""
    groups[target].keys.extend(groups[source].keys)
    groups[target].mentions.extend(groups[source].mentions)
    groups[source].keys, groups[source].mentions = [], []


def group_type(members: list[Candidate], mentions: list[Mention], evidence: Evidence | None = None) -> tuple[str, float]:
    """The type of a group by a vote of its mentions, and the share that agrees; gazetteer places win.

    A mention after a role word votes person whatever its tag.
    """
    kinds = [place_of(c.key) for c in members]
    if any(k and k[2] in ALWAYS_PLACES for k in kinds):
        return "place", 1.0
    votes: Counter = Counter()
    in_gazetteer = any(kinds) or any(gazetteer().lookup(c.key) for c in members)
    for mention in mentions:
        if evidence is not None and (mention.article_id, mention.start) in evidence.hinted:
            votes["person"] += 1
        else:
            votes[LABEL_TYPES.get(mention.label, mention.label.lower())] += 1
            if in_gazetteer and mention.label in PLACE_LABELS:
                votes["place"] += 1  # a town the gazetteer knows: its place tags count double
    if in_gazetteer and votes and top_vote(votes) == "place":
        return "place", 1.0
    if not votes:
        return "group", 0.0
    # A person's full name with short forms of it ("Mary Steenburgen", "Steenburgen" tagged ORG) is that
    # person: NER often tags a lone surname as an organisation.
    full = [c for c in members if len(c.name.split()) > 1]
    if full and any(is_person(c) for c in full) and all(
        len(c.name.split()) > 1 or any(fold(c.name) in (fold(f.name.split()[0]), fold(f.name.split()[-1])) for f in full)
        for c in members
    ):
        return "person", 1.0
    winner = top_vote(votes)
    return winner, votes[winner] / sum(votes.values())


def final_target(target: str, curation: Curation) -> str:
    seen = {target}
    while target in curation.entities and curation.entities[target].merge_into:
        target = curation.entities[target].merge_into
        if target in seen:
            break
        seen.add(target)
    return target


def merge_dropped(dropped: list[Dropped]) -> list[Dropped]:
    counts: Counter = Counter()
    for d in dropped:
        counts[(d.text, d.label, d.reason)] += d.count
    return [Dropped(t, l, r, c) for (t, l, r), c in sorted(counts.items(), key=lambda kv: (kv[0][2], kv[0][0], kv[0][1]))]
