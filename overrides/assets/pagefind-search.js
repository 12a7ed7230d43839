// newswiki: the header search box, answered by Pagefind. Pagefind's index is split by word, so a
// query downloads the index chunks of the words typed and the text of the results shown, never
// the whole index. Results use Material's own markup and classes.
//
// A result links to the paragraph (or heading) holding its best match, with the matched words in
// the address (?nw-highlight=...), so the page it opens marks them and scrolls there (reader.js).
// Results that hold every word typed are told apart from the "similar" ones a typo fallback finds.
// Keyboard: arrow keys move between the box and the results, Escape closes, and while the dialog
// is open Tab cycles inside it instead of wandering off into the page behind.
(function () {
  "use strict";
  // Each result shown costs one download (its text fragment); more are a click away.
  const SHOWN = 10;
  const TYPING_PAUSE_MS = 120;
  const EXCERPT_WORDS = 24;
  // The landing page reads the words to mark from this query parameter (reader.js).
  const HIGHLIGHT_PARAM = "nw-highlight";
  // Filters are words each page carries for Pagefind ("nwfyear2023", render.common.search_facets),
  // added to the query; search-filters.json lists the choices. Such words are never shown or marked.
  const FILTER_WORD = /^nwf[a-z0-9]+$/;
  // An entity page's machine transliterations are indexed between these two words but never shown
  // (charts.spellings_section): no excerpt shows or marks them.
  const HIDDEN_BEGIN = "nwfhiddenbegin";
  const HIDDEN_END = "nwfhiddenend";
  // An entity's attested names in its result's metadata (render.entity_page.attested_names).
  const NAMES_SEPARATOR = "|";

  const root = document.querySelector("[data-nw-search]");
  if (!root) return;
  const toggle = document.getElementById("__search");
  const form = root.querySelector(".md-search__form");
  const input = root.querySelector(".md-search__input");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const filterBox = root.querySelector(".nw-search-filters");
  const selects = Array.from(root.querySelectorAll("select[data-nw-filter]"));
  const base = new URL(root.dataset.nwBase.replace(/\/?$/, "/"), document.baseURI);
  let engine = null;
  let ticket = 0;
  let timer = 0;
  let shown = [];

  // The bundles to search: the main one in every language it holds, and any shards (a large
  // site's articles, search_index.py). Pagefind keeps one index per page language and searches
  // the one of the page it runs on; merging the others lets an English page find every article.
  async function bundleLanguages(url) {
    const entry = await fetch(new URL("pagefind-entry.json", url)).then((r) => (r.ok ? r.json() : { languages: {} }));
    return Object.keys(entry.languages || {}).sort();
  }

  function pagefind() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", base).href).then(async (pf) => {
        const options = { baseUrl: base.pathname, excerptLength: EXCERPT_WORDS };
        await pf.options(options);
        const mainUrl = new URL("pagefind/", base);
        const primary = (document.documentElement.getAttribute("lang") || "unknown").toLowerCase();
        for (const language of await bundleLanguages(mainUrl)) {
          if (language !== primary) await pf.mergeIndex(mainUrl.href, { ...options, language });
        }
        const shards = await fetch(new URL("pagefind/newswiki-shards.json", base)).then((r) => (r.ok ? r.json() : []));
        for (const shard of shards) {
          const url = new URL(shard, base);
          for (const language of await bundleLanguages(url)) await pf.mergeIndex(url.href, { ...options, language });
        }
        return pf;
      });
    }
    return engine;
  }

  function say(kind, count) {
    const text = meta.dataset["nw" + kind] || "";
    meta.textContent = text.replace("#", String(count));
  }

  // Letters without their accents, lower case: "Alekšander" finds "Aleksander".
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // A page's indexed text as Pagefind counts its words (its locations index them): in a language
  // written without spaces (Japanese, Chinese) Pagefind's raw_content has a zero-width space
  // between words, with < and > escaped; elsewhere words are what spaces part.
  function words(data) {
    const raw = data.raw_content || "";
    if (raw.includes("\u200B")) return raw.split("\u200B").map((w) => w.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
    return (data.content || "").split(/[\r\n\s]+/g);
  }

  function segmented(data) {
    return (data.raw_content || "").includes("\u200B");
  }

  // Where the matches are densest (Pagefind's own rule for its excerpt): the start of the window.
  function densest(weighted, length) {
    const score = [];
    for (const w of weighted) score[w.location] = (score[w.location] || 0) + (w.balanced_score || 1);
    if (score.length <= length) return 0;
    let sum = 0;
    for (let i = 0; i < length; i++) sum += score[i] || 0;
    let best = sum;
    let at = 0;
    for (let i = 0; i + length < score.length; i++) {
      sum += (score[i + length] || 0) - (score[i] || 0);
      if (sum > best) { best = sum; at = i + 1; }
    }
    return at;
  }

  // The match a result is about: its location, the words matched there, the anchor before it
  // (a paragraph's p<N> id or a heading's), and an excerpt around it with the matches marked.
  // Which words of a page's indexed text are its own to show: not filter words, not hidden spellings.
  function shownWords(all) {
    const shown = [];
    let hidden = false;
    for (const word of all) {
      const plain = word.toLowerCase().replace(/[^a-z0-9]/g, "");
      if (plain === HIDDEN_BEGIN) hidden = true;
      shown.push(!hidden && !FILTER_WORD.test(plain));
      if (plain === HIDDEN_END) hidden = false;
    }
    return shown;
  }

  function focusOf(data) {
    const all = words(data);
    const shown = shownWords(all);
    const own = (l) => shown[l] === true;
    const locations = (data.locations || []).filter(own).sort((a, b) => a - b);
    const start = densest((data.weighted_locations || []).filter((w) => own(w.location)), EXCERPT_WORDS);
    const target = locations.find((l) => l >= start) ?? locations[0];
    // The page's title (its h1) is no place to land: a match there opens the page at its top.
    const anchor = (data.anchors || [])
      .filter((a) => a.id && a.element !== "h1" && a.location <= (target ?? 0))
      .sort((a, b) => a.location - b.location)
      .pop();
    const from = Math.max(0, (target ?? 0) - Math.floor(EXCERPT_WORDS / 3));
    const hits = new Set(locations);
    const excerpt = [];
    for (let i = from; i < Math.min(all.length, from + EXCERPT_WORDS); i++) {
      if (own(i)) excerpt.push({ word: all[i], hit: hits.has(i) });
    }
    const marked = new Set();
    for (const l of locations) {
      const word = (all[l] || "").replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      if (word) marked.add(word);
      if (marked.size >= 5) break;
    }
    return { anchor: anchor ? anchor.id : "", excerpt, marked: Array.from(marked), joiner: segmented(data) ? "" : " " };
  }

  function resultUrl(data, focus) {
    const url = new URL(data.url, document.baseURI);
    for (const word of focus.marked) url.searchParams.append(HIGHLIGHT_PARAM, word);
    if (focus.anchor) url.hash = focus.anchor;
    return url.href;
  }

  function excerptElement(excerpt, joiner) {
    const p = document.createElement("p");
    excerpt.forEach((part, i) => {
      if (i && joiner) p.append(joiner);
      if (part.hit) {
        // Only the word is marked, not the punctuation around it ("Lukashenka," marks "Lukashenka").
        const [, before, word, after] = part.word.match(/^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su);
        const mark = document.createElement("mark");
        mark.textContent = word || part.word;
        p.append(word ? before : "", mark, word ? after : "");
      } else {
        p.append(part.word);
      }
    });
    return p;
  }

  // Letters and digits at a word's ends only: "Lukashenka," is "Lukashenka".
  function core(word) {
    return fold(word).replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  }

  // An entity's result reads as its summary (render.entity_page.search_summary: who or what it is,
  // its other names, how much the wiki says), not as a window into the page's labels, with the
  // matched words marked there. A match elsewhere (text written on the page by hand) keeps the window.
  function summaryExcerpt(data, focus) {
    const summary = data.meta && data.meta.summary;
    if (!summary) return null;
    const parts = summary.split(/\s+/).filter(Boolean);
    const known = new Set(parts.concat(String(data.meta.title || "").split(/\s+/)).map(core));
    const matched = new Set(focus.marked.map(core));
    for (const word of matched) if (!known.has(word)) return null;
    return parts.map((word) => ({ word, hit: matched.has(core(word)) }));
  }

  function describe(data) {
    const meta = data.meta || {};
    return [meta.kind, meta.date, meta.publisher].filter(Boolean).join(" · ");
  }

  function item(data) {
    const focus = focusOf(data);
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = resultUrl(data, focus);
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    const title = document.createElement("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    const about = document.createElement("p");
    about.className = "nw-result-about";
    about.textContent = describe(data);
    if (data.nwSpelling) {
      const tag = document.createElement("span");
      tag.className = "nw-result-spelling";
      tag.textContent = "spelled " + data.nwSpelling;
      about.prepend(tag, about.textContent ? " · " : "");
    }
    if (data.nwSimilar) {
      const tag = document.createElement("span");
      tag.className = "nw-result-similar";
      tag.textContent = "similar";
      about.prepend(tag, about.textContent ? " " : "");
    }
    const summary = summaryExcerpt(data, focus);
    const excerpt = summary ? excerptElement(summary, " ") : excerptElement(focus.excerpt, focus.joiner);
    article.append(icon, title, about, excerpt);
    link.append(article);
    li.append(link);
    return li;
  }

  function more(results, from) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "md-search-result__more md-button";
    button.textContent = "+" + (results.length - from);
    button.addEventListener("click", () => show(results, from + SHOWN, ticket));
    li.append(button);
    return li;
  }

  async function show(results, upto, mine) {
    const page = await Promise.all(results.slice(shown.length, upto).map(loadResult));
    if (mine !== ticket) return;
    page.forEach((d) => { d.nwSimilar = results.nwSimilar; });
    shown = shown.concat(page);
    list.replaceChildren(...shown.map(item));
    if (results.length > shown.length) list.append(more(results, shown.length));
  }

  // Edits between two words, a swap of two neighbouring letters counting as one (Damerau).
  function distance(a, b) {
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) {
        let best = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2] + 1);
        row.push(best);
      }
      before = previous;
      previous = row;
    }
    return previous[b.length];
  }

  // Typos forgiven in a word of this length: none in short words (too many neighbours), then one, then two.
  function slack(word) {
    return word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0;
  }

  // Whether a page has, for every word typed, a word within that word's slack: a real near miss,
  // not just a word sharing its first letters ("provenance" is not "provocation").
  function nearMiss(queryWords, data) {
    const own = new Set(fold(data.content + " " + ((data.meta && data.meta.title) || "")).split(/[^\p{L}\p{N}]+/u));
    return queryWords.every((w) => {
      const limit = slack(w);
      for (const word of own) {
        if (Math.abs(word.length - w.length) <= limit && distance(w, word) <= limit) return true;
      }
      return false;
    });
  }

  // How far the closest title word is from the query's words (0: every word is in the title).
  function titleDistance(queryWords, data) {
    const title = fold(data.meta && data.meta.title).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return queryWords.reduce((sum, w) => sum + Math.min(w.length, ...title.map((t) => distance(w, t))), 0);
  }

  // Names compared as typed: folded, one space between words.
  function nameKey(name) {
    return fold(name).split(/\s+/).filter(Boolean).join(" ");
  }

  // Query expansion over attested spellings: when the query is one of the names an entity's sources
  // use (its result carries them all, render.entity_page.attested_names), its other names. Machine
  // transliterations are not among them: they find the entity's page, not other articles.
  function otherNames(queryWords, loaded) {
    const typed = queryWords.join(" ");
    const others = new Map();
    for (const data of loaded) {
      const names = String((data.meta && data.meta.names) || "").split(NAMES_SEPARATOR).filter((n) => n.trim());
      if (!names.some((name) => nameKey(name) === typed)) continue;
      for (const name of names) {
        const key = nameKey(name);
        if (key !== typed && !others.has(key)) others.set(key, name.trim());
      }
    }
    return others;
  }

  // The results of the query and of each other name of the entity it names, best score first. A
  // page the query itself found keeps that result (its matches are the words typed); a page found
  // only under other names takes the result of the shortest of them, and says so (nwSpelling).
  async function withOtherNames(pf, exact, loaded, queryWords, filters) {
    const others = otherNames(queryWords, loaded);
    if (!others.size) return null;
    const keys = Array.from(others.keys()).sort((a, b) => a.split(" ").length - b.split(" ").length);
    const found = await Promise.all(keys.map((key) => pf.search(key.split(" ").concat(filters).join(" "))));
    const chosen = new Map(exact.results.map((r) => [r.id, r]));
    const score = new Map(exact.results.map((r) => [r.id, r.score]));
    found.forEach((search, i) => {
      for (const result of search.results) {
        if (!chosen.has(result.id)) {
          result.nwSpelling = others.get(keys[i]);
          chosen.set(result.id, result);
        }
        score.set(result.id, Math.max(score.get(result.id) || 0, result.score));
      }
    });
    const results = Array.from(chosen.values())
      .sort((a, b) => score.get(b.id) - score.get(a.id) || (a.id < b.id ? -1 : 1));
    return { results, loaded: await Promise.all(results.slice(0, SHOWN).map(loadResult)), similar: false };
  }

  // A result's data, with the other spelling it was found under.
  async function loadResult(result) {
    const data = await result.data();
    data.nwSpelling = result.nwSpelling || "";
    return data;
  }

  function chosenFilters() {
    return selects.map((select) => select.value).filter((word) => FILTER_WORD.test(word));
  }

  // Pagefind matches words and their beginnings but forgives no typo. When no result holds the
  // words typed, search again by their first letters and put the titles nearest the query first:
  // those results are "similar", and labelled so.
  async function lookup(pf, query) {
    const filters = chosenFilters();
    const queryWords = fold(query).split(/\s+/).filter((w) => w && !FILTER_WORD.test(w));
    const exact = await pf.search(queryWords.concat(filters).join(" "));
    const first = await Promise.all(exact.results.slice(0, SHOWN).map(loadResult));
    const wider = queryWords.length ? await withOtherNames(pf, exact, first, queryWords, filters) : null;
    if (wider) return wider;
    const holds = (d) => queryWords.every((w) => fold(d.content).includes(w) || fold(d.meta && d.meta.title).includes(w));
    if (!queryWords.length || first.some(holds) || queryWords.some((w) => w.length < 5)) {
      return { results: exact.results, loaded: first, similar: false };
    }
    // The typo may be anywhere: shorten the beginnings until a title comes near the query. Only
    // pages with a near miss of every word count as similar; a query nothing is near finds nothing.
    let best = { results: [], loaded: [], similar: true };
    for (const share of [0.5, 0.4, 0.3]) {
      const stems = queryWords.map((w) => w.slice(0, Math.max(3, Math.ceil(w.length * share))));
      const loose = await pf.search(stems.concat(filters).join(" "));
      const candidates = loose.results.slice(0, 3 * SHOWN);
      const loaded = await Promise.all(candidates.map((r) => r.data()));
      const near = candidates.map((r, i) => i).filter((i) => nearMiss(queryWords, loaded[i]));
      const far = loaded.map((d) => titleDistance(queryWords, d));
      const order = near.sort((a, b) => far[a] - far[b] || a - b);
      if (order.length) best = { results: order.map((i) => candidates[i]), loaded: order.map((i) => loaded[i]), similar: true };
      if (order.length && far[order[0]] <= 2 * queryWords.length) break;
    }
    return best;
  }

  async function search(query) {
    const mine = ++ticket;
    shown = [];
    if (!query.trim() && !chosenFilters().length) {
      list.replaceChildren();
      say("Placeholder");
      return;
    }
    const pf = await pagefind();
    const { results, loaded, similar } = await lookup(pf, query);
    if (mine !== ticket) return;
    results.nwSimilar = similar;
    loaded.forEach((d) => { d.nwSimilar = similar; });
    if (results.length === 0) say("None");
    else if (similar) say("Similar", results.length);
    else if (results.length === 1) say("One");
    else say("Other", results.length);
    shown = loaded.slice(0, SHOWN);
    list.replaceChildren(...shown.map(item));
    if (results.length > shown.length) list.append(more(results, shown.length));
  }

  // The filters' choices (and how many pages each has) come from the index, once, when first opened.
  let filtersLoaded = false;
  async function loadFilters() {
    if (filtersLoaded) return;
    filtersLoaded = true;
    const available = await fetch(new URL("search-filters.json", base)).then((r) => (r.ok ? r.json() : {}));
    for (const select of selects) {
      const choices = available[select.dataset.nwFilter] || [];
      for (const choice of choices) {
        const option = document.createElement("option");
        option.value = choice.word;
        option.textContent = choice.label + " (" + choice.pages + ")";
        select.append(option);
      }
      select.closest("label").hidden = choices.length === 0;
    }
  }

  function isOpen() {
    return toggle.checked;
  }

  function open() {
    toggle.checked = true;
    input.focus();
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  function resultLinks() {
    return Array.from(list.querySelectorAll("a.md-search-result__link, button.md-search-result__more"));
  }

  // What Tab cycles through while the dialog is open: the box, the filters, the results.
  function focusables() {
    const candidates = [input, filterBox && filterBox.querySelector("summary"), ...(filterBox && filterBox.open ? selects : []), ...resultLinks()];
    return candidates.filter((el) => el && !el.closest("[hidden]") && el.getClientRects().length > 0);
  }

  function move(step) {
    const links = resultLinks();
    if (!links.length) return;
    const at = links.indexOf(document.activeElement);
    if (at === -1) {
      if (step > 0) links[0].focus();
      return;
    }
    const next = at + step;
    if (next < 0) input.focus();
    else links[Math.min(next, links.length - 1)].focus();
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), TYPING_PAUSE_MS);
  });
  input.addEventListener("focus", () => { toggle.checked = true; });
  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (event.target instanceof HTMLSelectElement) return;
      event.preventDefault();
      move(event.key === "ArrowDown" ? 1 : -1);
    } else if (event.key === "Enter" && event.target === input) {
      event.preventDefault();
      const first = resultLinks()[0];
      if (first) first.click();
    } else if (event.key === "Tab" && isOpen()) {
      const order = focusables();
      if (!order.length) return;
      const at = order.indexOf(document.activeElement);
      const next = at === -1 ? 0 : (at + (event.shiftKey ? -1 : 1) + order.length) % order.length;
      event.preventDefault();
      order[next].focus();
    }
  });
  // Focus that lands outside the open dialog (a click on the page, a screen reader's jump) closes it.
  document.addEventListener("focusin", (event) => {
    if (isOpen() && !root.contains(event.target) && event.target !== toggle) close();
  });
  if (filterBox) filterBox.addEventListener("toggle", () => { if (filterBox.open) loadFilters(); });
  for (const select of selects) select.addEventListener("change", () => search(input.value));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => setTimeout(() => search(""), 0));
  toggle.addEventListener("change", () => (toggle.checked ? input.focus() : input.blur()));
  // Material's shortcuts for its search box: "/", "s" and "f" open it anywhere but in a text field.
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (typing || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === "/" || event.key === "s" || event.key === "f") {
      event.preventDefault();
      open();
    }
  });
})();
