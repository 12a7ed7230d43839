"""The resolve stage put together: mentions in, entities, merges and dropped candidates out."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from operator import attrgetter, itemgetter

from newswiki.models import ArticleFacts, Curation, Dropped, Entity, EntityCuration, Mention, Resolution
from newswiki.names import fold
from newswiki.resolve.gazetteer import ALWAYS_PLACES, gazetteer, language_names
from newswiki.resolve.candidates import Candidate, LABEL_TYPES, PLACE_LABELS
from newswiki.resolve.evidence import EXECUTIVE_TITLES, Evidence, MentionKey, acronym_definitions, corpus_facts, role_title
from newswiki.resolve.collect import (
    MIN_MENTIONS, attach_headline_fragments, collect_candidates, common_word_keys, lowercase_counts,
    strip_glued_words,
)
from newswiki.resolve.kinds import is_person, key_type, place_of, top_vote
from newswiki.resolve.merge import (
    Merger, apply_curated_aliases, attach_short_names, frozen_keys, merge_acronyms, merge_people,
    merge_places, places_and_organisations_around,
)
from newswiki.resolve.bodies import merge_qualified_bodies
from newswiki.resolve.country_spellings import merge_country_spellings
from newswiki.resolve.name_forms import merge_name_forms
from newswiki.resolve.elsewhere import names_elsewhere
from newswiki.resolve.flips import settled_type
from newswiki.resolve.given_names import is_given_name
from newswiki.resolve.personal_names import hint_people_tagged_as_places
from newswiki.resolve.occurrences import count_every_mention, tagged_entities
from newswiki.resolve.pages import (
    DEMONYM_RE, EVENT_WORDS, MIN_TYPE_AGREEMENT, Group, mention_places, bare_first_names, canonical_name, page_reason, parts_of_longer_names, thing_type,
    sample_names, slug_of, type_by_words, unique_slug,
)
from newswiki.resolve.related import related_entities
from newswiki.resolve.thing_context import thing_title_prefixes
from newswiki.resolve.usage_types import (
    USAGE_REASONS, corpus_given_names, corpus_surnames, corpus_plural_acronyms, full_personal_names, given_names_used_as_names,
    usage_type,
)
from newswiki.resolve.variants import merge_compound_acronyms, merge_middle_names, merge_birth_names, merge_organisation_variants, merge_regnal_names


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
    found = collect(mentions, texts, facts)
    types = {key: key_type(c) for key, c in found.candidates.items()}
    m = Merger(found.candidates, types, frozen_keys(curation))
    owner = apply_curated_aliases(m, curation)
    merge_places(m)
    acronym_keys = merge_acronyms(m, acronym_definitions(facts))
    merge_people(m, places_and_organisations_around(found.candidates, types))
    merge_organisation_variants(m, texts)
    merge_regnal_names(m)
    merge_country_spellings(m)
    merge_qualified_bodies(m)
    merge_middle_names(m, texts)
    merge_birth_names(m, facts)
    merge_compound_acronyms(m, acronym_keys)
    merge_name_forms(m, texts, acronym_keys)
    ambiguous, _ = attach_short_names(m, found.mention_key, acronym_keys)
    groups = group_mentions(found, m, owner)
    curated_root = groups_of_curated_files(groups)
    summaries = Summaries(groups, found)
    # Name -> slug_of(name) for this call: page_ids and the pages ask for the same names in the same
    # order, which swept slug_of's LRU cache at 10,000 articles.
    slugs: dict[str, str] = {}
    provisional = page_ids(groups, summaries, curated_root, curation, acronym_keys, slugs)
    merge_into_targets(groups, provisional, curation, found.dropped)
    decide = PageDecision(found, ignored_names(curation), ambiguous, acronym_keys, summaries, slugs)
    entities: list[Entity] = []
    mention_entity: dict[tuple[str, int], str] = {}
    merges: dict[str, tuple[str, ...]] = {}
    for root in sorted(groups):
        group = groups[root]
        if not group.keys:
            continue
        group.mentions.sort(key=lambda mn: (mn.article_id, mn.start))
        made = decide.entity(root, provisional.get(root))
        if made is None:
            continue
        entity, spelled = made
        entities.append(entity)
        if spelled:
            merges[entity.id] = spelled
        for mn in group.mentions:
            mention_entity[(mn.article_id, mn.start)] = entity.id
    elsewhere = names_elsewhere(entities, facts, tagged_entities(mention_entity))
    counted = count_every_mention(entities, mentions, mention_entity, texts, elsewhere, facts, found.evidence.surnames)
    dropped = merge_dropped(found.dropped)
    related = related_entities(mentions, mention_entity)
    return Resolution(tuple(counted.entities), mention_entity, tuple(dropped), merges, related, counted.occurrences, counted.untagged)


#: A firm's name is tagged PERSON now and then ("Nintendo"); in this share of its mentions or more it may be a person's.
FIRM_PERSON_TAGS = 4


@dataclass
class Collected:
    """The candidates, before any merge, and what the corpus' words say about them."""

    candidates: dict[str, Candidate]
    mention_key: dict[MentionKey, str]
    mention_name: dict[MentionKey, str]
    evidence: Evidence
    dropped: list[Dropped]
    common: set[str]  # keys of names the corpus writes in lower case as often
    thing_names: set[str]  # one-word names the corpus uses for things, never for a person
    common_words: set[str]  # words of longer names that the corpus also writes in lower case
    # Given names the corpus writes as a person's first word at least as often as in lower case ("Tom"
    # of Tom Cruise: "tom" once in lower case), which no person's name is common words for
    first_names: frozenset[str] = frozenset()


def collect(mentions: dict[str, list[Mention]], texts: Mapping[str, str], facts: dict[str, ArticleFacts]) -> Collected:
    candidates, mention_key, mention_name, evidence, dropped = collect_candidates(mentions, facts)
    attach_headline_fragments(candidates, mention_key, mention_name, evidence.titled)
    # Only the words of names are ever looked up: the keys' words and each name's folded first word.
    name_words = {w for k in candidates for w in k.split()} | {fold(c.name.split()[0]) for c in candidates.values()}
    lower_counts = lowercase_counts(texts, facts, name_words, {k for k in candidates if len(k.split()) == 2 and k.isascii()})
    strip_glued_words(candidates, mention_key, mention_name, lower_counts)
    common = common_word_keys(candidates, lower_counts)
    common_words = {w for c in candidates.values() if len(c.key.split()) > 1 for w in c.key.split() if lower_counts[w]}
    hint_people_tagged_as_places(candidates, mentions, texts, common_words, evidence.hinted)
    full_names = full_personal_names(candidates, common_words)  # read once for given names and surnames
    evidence = replace(
        evidence, given_names=corpus_given_names(full_names),
        surnames=corpus_surnames(full_names), plural_acronyms=corpus_plural_acronyms(facts),
        parts_of_longer=parts_of_longer_names(k for k, c in candidates.items() if c.labels["ORG"]),
        thing_titles=thing_title_prefixes(candidates, mentions),
    )
    first_names = given_names_used_as_names(candidates, lower_counts)
    # One-word names the corpus uses for firms and things, not for a person ("Mustang" of "Mustang Mach",
    # "Google" of "Google Stadia"): twice at least, voted an organisation or a place, never tagged PERSON
    # or in fewer than a quarter of their mentions and no given name (Faker's lists or the corpus':
    # "Viktar"), and no gazetteer entry (cities double as first names: Vladimir, Austin).
    thing_names = {
        k for k, c in candidates.items()
        if " " not in k and len(c.mentions) >= MIN_MENTIONS and not c.person_hints
        and (not c.labels["PERSON"] or (
            c.labels["PERSON"] * FIRM_PERSON_TAGS < len(c.mentions) and not is_given_name(k) and k not in evidence.given_names
        ))
        and key_type(c) in ("organization", "place") and gazetteer().lookup(k) is None
    }
    return Collected(candidates, mention_key, mention_name, evidence, dropped, common, thing_names, common_words, first_names)


def ignored_names(curation: Curation) -> dict[str, EntityCuration]:
    """Folded name -> the curation file that says to ignore it."""
    ignored: dict[str, EntityCuration] = {}
    for entry in curation.entities.values():
        if entry.ignore:
            for name in entry.names:
                ignored[fold(name)] = entry
    return ignored


def group_mentions(found: Collected, m: Merger, owner: dict[str, EntityCuration]) -> dict[str, Group]:
    """Mentions into groups (a short-name mention may have been moved to another key), each with
    the curation file that owns its names when exactly one does."""
    by_start = {(mn.article_id, mn.start): mn for c in found.candidates.values() for mn in c.mentions}
    groups: dict[str, Group] = {}
    roots: dict[str, str] = {}  # key -> its group's root, looked up once per key (the merges are done)
    for key in sorted(found.candidates):
        root = roots[key] = m.groups.find(key)
        groups.setdefault(root, Group([], clean_names=found.evidence.clean_names)).keys.append(key)
    for place_key in sorted(found.mention_key):
        key = found.mention_key[place_key]
        root = roots.get(key)
        if root is None:
            root = roots[key] = m.groups.find(key)
        groups[root].mentions.append(by_start[place_key])
    for group in groups.values():
        entries = {owner[k].id: owner[k] for k in group.keys if k in owner}
        if len(entries) == 1:
            group.curation = next(iter(entries.values()))
    return groups


def groups_of_curated_files(groups: dict[str, Group]) -> dict[str, str]:
    """Curation by page id (ignore, merge_into, type, name) needs the ids the pages would have:
    a curated file docs/entities/<id>.md steers the group carrying its names (groups carrying the
    names of one file are one) or, failing that, the group whose page would be <id>.md."""
    curated_root: dict[str, str] = {}
    for root in sorted(groups):
        entry = groups[root].curation
        if entry is not None:
            if entry.id in curated_root:
                move_group(groups, root, curated_root[entry.id])
            else:
                curated_root[entry.id] = root
    return curated_root


Summary = tuple[tuple[str, float], Counter, Counter]


class Summaries:
    """A group's type vote, spellings and their reach (articles per spelling), worked out once per
    state of the group: groups only ever grow, so their sizes tell their states apart."""

    def __init__(self, groups: dict[str, Group], found: Collected) -> None:
        self.groups, self.found = groups, found
        self.known: dict[tuple[str, int, int], Summary] = {}
        self.names: dict[tuple[str, int, int], str] = {}

    def of(self, root: str) -> Summary:
        group = self.groups[root]
        state = (root, len(group.keys), len(group.mentions))
        if state not in self.known:
            # Each mention's place read once, and every count below made in C (map, Counter, set).
            where = mention_places(group)
            names = list(map(self.found.mention_name.__getitem__, where))
            reach = Counter(map(itemgetter(0), set(zip(names, map(itemgetter(0), where)))))
            kind = group_type([self.found.candidates[k] for k in group.keys], group.mentions, self.found.evidence, where)
            self.known[state] = (kind, Counter(names), reach)
        return self.known[state]

    def name(self, root: str, acronym_keys: set[str]) -> str:
        """canonical_name of the group's summary (it has spellings), worked out once per state: page_ids
        and the page ask for it."""
        group = self.groups[root]
        state = (root, len(group.keys), len(group.mentions))
        name = self.names.get(state)
        if name is None:
            (entity_type, _), spellings, reach = self.of(root)
            name = self.names[state] = canonical_name(spellings, entity_type, acronym_keys, reach)
        return name


def page_ids(
    groups: dict[str, Group], summaries: Summaries, curated_root: dict[str, str], curation: Curation, acronym_keys: set[str],
    slugs: dict[str, str],
) -> dict[str, str]:
    """Group root -> the id its page would have: a curated file's own, else the slug of the
    canonical name, made unique (a group whose id a curated file has joins that file's group)."""
    pending: list[tuple[str, str]] = []
    for root in sorted(groups):
        group = groups[root]
        if group.curation is not None or not group.keys:
            continue
        if not summaries.of(root)[1]:
            continue
        base = slug_in(slugs, summaries.name(root, acronym_keys))
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
    return provisional


def slug_in(slugs: dict[str, str], name: str) -> str:
    """slug_of(name), kept in slugs."""
    slug = slugs.get(name)
    if slug is None:
        slug = slugs[name] = slug_of(name)
    return slug


def merge_into_targets(groups: dict[str, Group], provisional: dict[str, str], curation: Curation, dropped: list[Dropped]) -> None:
    """Each group a curated file merges into another joins it; a target without mentions is reported."""
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


@dataclass
class PageDecision:
    """Whether a group gets a page, and the entity it becomes; a group that does not is dropped with its reason."""

    found: Collected
    ignored: dict[str, EntityCuration]
    ambiguous: dict[str, list[str]]
    acronym_keys: set[str]
    summaries: Summaries
    slugs: dict[str, str] = field(default_factory=dict)  # see slug_in

    def entity(self, root: str, entity_id: str | None) -> tuple[Entity, tuple[str, ...]] | None:
        """The entity, with the spellings merged into its name; None when it gets no page."""
        group = self.summaries.groups[root]
        (entity_type, type_share), spellings, _ = self.summaries.of(root)
        entry = group.curation
        if not spellings:
            return None  # every mention went to a full name in its article
        name = self.name(group, spellings, self.summaries.name(root, self.acronym_keys), entity_id)
        if entry is not None and entry.type:
            entity_type = entry.type
        reason, entity_type = self.no_page_reason(group, name, entity_type, type_share)
        if reason:
            self.found.dropped.append(Dropped(name, entity_type, reason, len(group.mentions)))
            return None
        assert entity_id is not None
        counts = Counter(map(attrgetter("article_id"), group.mentions))
        curated_aliases = set(entry.aliases) if entry else set()
        first_names = bare_first_names(set(spellings) | {name}) - curated_aliases if entity_type == "person" else set()
        names = set(spellings) - first_names
        clean_names = self.found.evidence.clean_names
        aliases = entity_aliases(name, names, spellings, curated_aliases)
        surface = tuple(sorted(
            {clean_names[(mn.article_id, mn.start)] for mn in group.mentions} - first_names | {name} | curated_aliases, key=lambda s: (-len(s), s)
        ))
        roles = self.roles(group) if entity_type == "person" else ()
        entity = Entity(entity_id, name, entity_type, aliases, dict(sorted(counts.items())), surface, roles)
        return entity, tuple(sorted(names - {name}, key=lambda s: (s.casefold(), s)))

    def name(self, group: Group, spellings: Counter, name: str, entity_id: str | None) -> str:
        """The page name: curation's, else the canonical name, unless another spelling gave the page its id."""
        entry = group.curation
        if entry is not None and entry.name:
            return entry.name
        if entity_id is not None and slug_in(self.slugs, name) != entity_id:
            # A page keeps the name its id came from, so a curated alias or merge does not rename it.
            same_id = [n for n in sorted(spellings, key=lambda n: (-spellings[n], n)) if slug_in(self.slugs, n) == entity_id]
            return same_id[0] if same_id else name
        return name

    def no_page_reason(self, group: Group, name: str, entity_type: str, type_share: float) -> tuple[str | None, str]:
        """Why the group gets no page (None: it gets one), and its type (a demonym is a group)."""
        entry = group.curation
        if entry is not None and entry.ignore:
            return f"ignored by curation ({entry.source})", entity_type
        if any(k in self.ignored for k in group.keys):
            source = next(self.ignored[k].source for k in group.keys if k in self.ignored)
            return f"ignored by curation ({source})", entity_type
        short = [k for k in group.keys if k in self.ambiguous]
        if short and len(group.keys) == 1:
            return "ambiguous short name: " + " or ".join(self.ambiguous[short[0]]), entity_type
        in_gazetteer = any(place_of(k) for k in group.keys)
        if not in_gazetteer and entry is None and all(k in self.found.common for k in group.keys):
            return "a common word: the corpus writes it in lower case as often", entity_type
        if len(group.keys) == 1 and DEMONYM_RE.match(name) and not in_gazetteer and entity_type in ("person", "place"):
            entity_type = "group"  # "Muscovites" tagged as people; "Reuters" tagged ORG stays an organisation
        if len(group.keys) == 1 and group.keys[0] in language_names() and not in_gazetteer:
            entity_type = "group"  # "Māori" tagged PRODUCT or PERSON: a people and its language
        if not in_gazetteer and all(self.ends_in_a_group(k) for k in group.keys):
            entity_type = "group"  # "Virginia Democrats": members of a party or a people, where "Democrats" is a group
        found = self.found
        by_words = thing_type(
            group, type_by_words(group, entity_type, in_gazetteer, found.evidence), found.thing_names, in_gazetteer, found.common_words
        )
        # A type the name's own words decide is no label flip.
        entity_type, type_share = by_words, (type_share if by_words == entity_type and not named_as_event(group, by_words) else 1.0)
        by_usage = usage_type(group, entity_type, found.evidence, found.common_words)
        if by_usage in USAGE_REASONS:
            return USAGE_REASONS[by_usage], entity_type
        entity_type, type_share = by_usage, (type_share if by_usage == entity_type else 1.0)
        if type_share < MIN_TYPE_AGREEMENT:
            settled = settled_type(group, found.evidence)
            entity_type, type_share = (settled, 1.0) if settled else (entity_type, type_share)
        reason = page_reason(group, entity_type, type_share, in_gazetteer, found.evidence, found.common_words, found.thing_names, found.first_names)
        return reason, entity_type

    def ends_in_a_group(self, key: str) -> bool:
        """Whether a name of two words or more ends in a plural the corpus names a group of people by
        (NER's NORP vote: "Democrats", "Muscovites")."""
        words = key.split()
        last = self.found.candidates.get(words[-1]) if len(words) > 1 and words[-1].endswith("s") else None
        return last is not None and key_type(last) == "group"

    def roles(self, group: Group) -> tuple[str, ...]:
        """A person's titles, most written first."""
        roles = self.found.evidence.roles
        if roles.keys().isdisjoint(mention_places(group)):
            return ()
        role_counts = Counter(role_title(roles[(mn.article_id, mn.start)]) for mn in group.mentions if (mn.article_id, mn.start) in roles)
        for role in [r for r in role_counts if r.isupper() and r not in EXECUTIVE_TITLES]:
            del role_counts[role]  # "Browns DL Sheldon Richardson": a position on a team, not a title
        return tuple(r for r, _ in sorted(role_counts.items(), key=lambda kv: (-kv[1], kv[0])))


def named_as_event(group: Group, entity_type: str) -> bool:
    """An event whose every spelling of two words or more ends in an event word ("Amsterdam Light
    Festival", tagged ORG as often as EVENT): its words decide, the tags' split is no label flip."""
    if entity_type != "event":
        return False
    last_words = {name.split()[-1].lower() for name in sample_names(group) if " " in name}
    return bool(last_words) and last_words <= EVENT_WORDS


def entity_aliases(name: str, names: set[str], spellings: Counter, curated_aliases: set[str]) -> tuple[str, ...]:
    """One alias per spelling: "Organization For Security..." and "Organization for Security..." are one."""
    by_fold: dict[str, str] = {}
    for n in sorted(names | curated_aliases, key=lambda n: (-spellings.get(n, 0), n)):
        by_fold.setdefault(n.casefold(), n)
    return tuple(sorted(set(by_fold.values()) - {name} - {n for n in by_fold.values() if n.casefold() == name.casefold()}, key=lambda s: (s.casefold(), s)))


def move_group(groups: dict[str, "Group"], source: str, target: str) -> None:
    """Join one group into another (curation said they are one entity)."""
    groups[target].keys.extend(groups[source].keys)
    groups[target].mentions.extend(groups[source].mentions)
    groups[source].keys, groups[source].mentions = [], []


def group_type(
    members: list[Candidate], mentions: list[Mention], evidence: Evidence | None = None, where: list[MentionKey] | None = None
) -> tuple[str, float]:
    """The type of a group by a vote of its mentions, and the share that agrees; gazetteer places win.

    A mention after a role word votes person whatever its tag. where: the mentions' places, when the caller has them.
    """
    kinds = [place_of(c.key) for c in members]
    if any(k and k[2] in ALWAYS_PLACES for k in kinds) and not city_named_as_a_person(kinds, mentions):
        return "place", 1.0
    in_gazetteer = any(kinds) or any(gazetteer().lookup(c.key) for c in members)
    hinted = evidence.hinted if evidence is not None else ()
    if hinted and not hinted.isdisjoint(where if where is not None else ((mn.article_id, mn.start) for mn in mentions)):
        labels = Counter(mn.label for mn in mentions if (mn.article_id, mn.start) not in hinted)
    else:  # most groups: no mention after a role word, so every label counts (in C, label by label after)
        labels = Counter(map(attrgetter("label"), mentions))
    votes: Counter = Counter()
    if len(mentions) > labels.total():
        votes["person"] = len(mentions) - labels.total()  # hinted: a person whatever NER tagged
    for label, count in labels.items():
        votes[LABEL_TYPES.get(label, label.lower())] += count
        if in_gazetteer and label in PLACE_LABELS:
            votes["place"] += count  # a town the gazetteer knows: its place tags count double
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


#: Mentions of a city's name, all tagged PERSON in one article, that outvote the gazetteer: NER takes a
#: city for a person now and then in a short sentence ("Yerevan is calm."), not three times running.
CITY_AS_PERSON_MENTIONS = 3


def city_named_as_a_person(kinds: list[tuple[str, str, str] | None], mentions: list[Mention]) -> bool:
    """Whether a name the gazetteer knows only as a city is tagged PERSON at every one of its mentions
    (three or more), all in one article: there it names someone or something else (a song called
    "Glasgow"), and the mentions' vote decides. A country, state or region stays a place whatever its tags."""
    return (
        len(mentions) >= CITY_AS_PERSON_MENTIONS and all(mn.label == "PERSON" for mn in mentions)
        and all(k is None or k[2] == "city" for k in kinds) and len({mn.article_id for mn in mentions}) == 1
    )


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
