// newswiki: the header search box, answered by Pagefind. Pagefind's index is split by word, so a
// query downloads the index chunks of the words typed and the text of the results shown, never
// the whole index. Results use Material's own markup and classes.
(function () {
  "use strict";
  // Each result shown costs one download (its text fragment); more are a click away.
  const SHOWN = 10;
  const TYPING_PAUSE_MS = 120;

  const root = document.querySelector("[data-nw-search]");
  if (!root) return;
  const toggle = document.getElementById("__search");
  const form = root.querySelector(".md-search__form");
  const input = root.querySelector(".md-search__input");
  const meta = root.querySelector(".md-search-result__meta");
  const list = root.querySelector(".md-search-result__list");
  const base = new URL(root.dataset.nwBase.replace(/\/?$/, "/"), document.baseURI);
  let engine = null;
  let ticket = 0;
  let timer = 0;
  let shown = [];

  function pagefind() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", base).href).then(async (pf) => {
        const options = { baseUrl: base.pathname, excerptLength: 24 };
        await pf.options(options);
        // A large site is indexed in shards (search_index.py); search them all as one index.
        const shards = await fetch(new URL("pagefind/newswiki-shards.json", base)).then((r) => (r.ok ? r.json() : []));
        for (const shard of shards) await pf.mergeIndex(new URL(shard, base).href, options);
        return pf;
      });
    }
    return engine;
  }

  function say(kind, count) {
    const text = meta.dataset["nw" + kind] || "";
    meta.textContent = text.replace("#", String(count));
  }

  // Pagefind's excerpt is HTML with <mark> around the hits; keep the marks, everything else as text.
  function excerpt(html) {
    const p = document.createElement("p");
    const parsed = new DOMParser().parseFromString("<p>" + (html || "") + "</p>", "text/html");
    for (const node of parsed.body.firstChild.childNodes) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        p.append(mark);
      } else {
        p.append(node.textContent);
      }
    }
    return p;
  }

  function item(data) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link";
    link.href = data.url;
    link.tabIndex = -1;
    const article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    const icon = document.createElement("div");
    icon.className = "md-search-result__icon md-icon";
    const title = document.createElement("h1");
    title.textContent = (data.meta && data.meta.title) || data.url;
    article.append(icon, title, excerpt(data.excerpt));
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
    const page = await Promise.all(results.slice(shown.length, upto).map((r) => r.data()));
    if (mine !== ticket) return;
    shown = shown.concat(page);
    list.replaceChildren(...shown.map(item));
    if (results.length > shown.length) list.append(more(results, shown.length));
  }

  // Letters without their accents, lower case: "Alekšander" finds "Aleksander".
  function fold(text) {
    return (text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function distance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let diagonal = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const above = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
        diagonal = above;
      }
    }
    return row[b.length];
  }

  // How far the closest title word is from the query's words (0: every word is in the title).
  function titleDistance(words, data) {
    const title = fold(data.meta && data.meta.title).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    return words.reduce((sum, w) => sum + Math.min(w.length, ...title.map((t) => distance(w, t))), 0);
  }

  // Pagefind matches words and their beginnings but forgives no typo. When no result holds the
  // words typed, search again by their first letters and put the titles nearest the query first.
  async function lookup(pf, query) {
    const words = fold(query).split(/\s+/).filter(Boolean);
    const exact = await pf.search(words.join(" "));
    const first = await Promise.all(exact.results.slice(0, SHOWN).map((r) => r.data()));
    if (first.some((d) => words.every((w) => fold(d.content).includes(w))) || words.some((w) => w.length < 5)) {
      return { results: exact.results, loaded: first };
    }
    // The typo may be anywhere: shorten the beginnings until a title comes near the query.
    let best = { results: exact.results, loaded: first };
    for (const share of [0.5, 0.4, 0.3]) {
      const stems = words.map((w) => w.slice(0, Math.max(3, Math.ceil(w.length * share))));
      const loose = await pf.search(stems.join(" "));
      const pool = loose.results.slice(0, 3 * SHOWN);
      const data = await Promise.all(pool.map((r) => r.data()));
      const far = data.map((d) => titleDistance(words, d));
      const order = pool.map((r, i) => i).sort((a, b) => far[a] - far[b] || a - b);
      best = { results: order.map((i) => pool[i]), loaded: order.map((i) => data[i]) };
      if (order.length && far[order[0]] <= 2 * words.length) break;
    }
    return best;
  }

  async function search(query) {
    const mine = ++ticket;
    shown = [];
    if (!query.trim()) {
      list.replaceChildren();
      say("Placeholder");
      return;
    }
    const pf = await pagefind();
    const { results, loaded } = await lookup(pf, query);
    if (mine !== ticket) return;
    if (results.length === 0) say("None");
    else if (results.length === 1) say("One");
    else say("Other", results.length);
    shown = loaded.slice(0, SHOWN);
    list.replaceChildren(...shown.map(item));
    if (results.length > shown.length) list.append(more(results, shown.length));
  }

  function open() {
    toggle.checked = true;
    input.focus();
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), TYPING_PAUSE_MS);
  });
  input.addEventListener("focus", () => { toggle.checked = true; });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      close();
    } else if (event.key === "Enter") {
      event.preventDefault();
      const first = list.querySelector("a.md-search-result__link");
      if (first) first.click();
    }
  });
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
