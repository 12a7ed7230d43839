/* newswiki: what a page does for its reader once loaded.
   - Landing from a search result (?nw-highlight=word...#p12): the matched words are marked with
     Pagefind's highlight script (pagefind-highlight.js, shipped in the Pagefind bundle), and the
     first mark in the paragraph the result pointed at is scrolled to the middle of the screen.
   - On a phone, where Material hides the table of contents in the menu drawer, long pages get a
     folded "Contents" list under their header.
   - On an entity page, "Every mention" (folded) lists each sentence naming the entity, grouped by
     article, newest first, from the page's mentions.json (mention_lists.py), filterable by
     publisher and year; the same rows download as CSV or JSON. */
(function () {
  "use strict";
  var PARAM = "nw-highlight";
  var CONTENTS_MIN = 3;
  var search = document.querySelector("[data-nw-search]");
  var base = new URL((search ? search.getAttribute("data-nw-base") : ".").replace(/\/?$/, "/"), document.baseURI);
  var content = document.querySelector("article.md-content__inner");

  function highlight() {
    var words = new URLSearchParams(window.location.search).getAll(PARAM).filter(Boolean);
    if (!words.length || !content) return;
    import(new URL("pagefind/pagefind-highlight.js", base).href).then(function (module) {
      var Highlight = module.default || window.PagefindHighlight;
      new Highlight({
        highlightParam: PARAM,
        markContext: content,
        addStyles: false,
        markOptions: {
          className: "nw-highlight",
          exclude: ["[data-pagefind-ignore]", "[data-pagefind-ignore] *", ".headerlink", ".md-search *"]
        }
      });
      var id = decodeURIComponent(window.location.hash.slice(1));
      var target = id ? document.getElementById(id) : null;
      var mark = (target && target.querySelector("mark.nw-highlight")) || content.querySelector("mark.nw-highlight");
      if (!mark) return;
      mark.classList.add("nw-highlight--first");
      (target || mark).classList.add("nw-landed");
      mark.scrollIntoView({ block: "center" });
    }).catch(function () { /* no search bundle (a page opened from disk): nothing to mark */ });
  }

  function phoneContents() {
    var toc = document.querySelector(".md-sidebar--secondary nav.md-nav--secondary > ul");
    if (!toc || !content || toc.querySelectorAll("a").length < CONTENTS_MIN) return;
    var box = document.createElement("details");
    box.className = "nw-contents";
    var summary = document.createElement("summary");
    summary.textContent = "Contents";
    box.appendChild(summary);
    var list = document.createElement("ul");
    toc.querySelectorAll(":scope > li > a").forEach(function (a) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = a.getAttribute("href");
      link.textContent = a.textContent.trim();
      link.addEventListener("click", function () { box.open = false; });
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    var after = content.querySelector(".nw-entities") || content.querySelector(".nw-byline") || content.querySelector("h1");
    if (after) after.insertAdjacentElement("afterend", box);
  }

  function option(select, value, label) {
    var item = document.createElement("option");
    item.value = value;
    item.textContent = label;
    select.appendChild(item);
  }

  function filterSelect(name, values, counts, emptyLabel) {
    var label = document.createElement("label");
    label.textContent = name + " ";
    var select = document.createElement("select");
    option(select, "", "any");
    values.forEach(function (value) { option(select, value, (value || emptyLabel) + " (" + counts[value] + ")"); });
    label.appendChild(select);
    return { label: label, select: select };
  }

  function sentenceItem(row, at) {
    var item = document.createElement("li");
    var sentence = row[at.sentence];
    var spellings = String(row[at.spellings]).split("; ").filter(Boolean);
    var first = -1;
    var word = "";
    spellings.forEach(function (s) {
      var i = sentence.indexOf(s);
      if (i >= 0 && (first < 0 || i < first)) { first = i; word = s; }
    });
    if (first >= 0) {
      item.append(sentence.slice(0, first));
      var strong = document.createElement("strong");
      strong.textContent = word;
      item.append(strong, sentence.slice(first + word.length));
    } else {
      item.append(sentence);
    }
    if (row[at.mentions] > 1) item.append(" (" + row[at.mentions] + "×)");
    item.append(" ");
    var link = document.createElement("a");
    link.href = new URL(row[at.paragraph_url], base).href;
    link.textContent = "¶";
    link.setAttribute("aria-label", "the paragraph in " + row[at.article_title]);
    item.appendChild(link);
    item.setAttribute("data-nw-mentions", row[at.mentions]);
    return item;
  }

  function renderMentions(list, rows, at, status) {
    list.textContent = "";
    var group = null;
    var article = null;
    var total = 0;
    rows.forEach(function (row) {
      if (row[at.article_id] !== article) {
        article = row[at.article_id];
        var head = document.createElement("h3");
        var link = document.createElement("a");
        link.href = new URL("articles/" + article + "/", base).href;
        link.textContent = row[at.article_title];
        head.append(link, " — " + (row[at.published] || "undated") + (row[at.publisher] ? " · " + row[at.publisher] : ""));
        group = document.createElement("ul");
        list.append(head, group);
      }
      total += row[at.mentions];
      group.appendChild(sentenceItem(row, at));
    });
    status.textContent = "Showing " + total + " mention" + (total === 1 ? "" : "s") + " in " + rows.length + " sentence" + (rows.length === 1 ? "" : "s") + ".";
  }

  function mentionList() {
    var box = document.querySelector("details.nw-mentions-all");
    var source = document.querySelector("a.nw-download-json");
    if (!box || !source) return;
    var loaded = false;
    function load() {
      if (loaded) return;
      loaded = true;
      fetch(source.href).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      }).then(function (data) {
        var at = {};
        data.columns.forEach(function (name, i) { at[name] = i; });
        var rows = data.rows;
        var counts = { publisher: {}, year: {} };
        rows.forEach(function (row) {
          var year = String(row[at.published]).slice(0, 4);
          counts.publisher[row[at.publisher]] = (counts.publisher[row[at.publisher]] || 0) + row[at.mentions];
          counts.year[year] = (counts.year[year] || 0) + row[at.mentions];
        });
        var controls = document.createElement("div");
        controls.className = "nw-mention-filters";
        var publisher = filterSelect("Publisher", Object.keys(counts.publisher).sort(), counts.publisher, "no publisher");
        var year = filterSelect("Year", Object.keys(counts.year).sort().reverse(), counts.year, "undated");
        var status = document.createElement("output");
        status.setAttribute("aria-live", "polite");
        controls.append(publisher.label, year.label, status);
        var list = document.createElement("div");
        list.className = "nw-mention-list";
        box.append(controls, list);
        function update() {
          renderMentions(list, rows.filter(function (row) {
            return (!publisher.select.value || row[at.publisher] === publisher.select.value) &&
              (!year.select.value || String(row[at.published]).slice(0, 4) === year.select.value);
          }), at, status);
        }
        publisher.select.addEventListener("change", update);
        year.select.addEventListener("change", update);
        update();
        box.setAttribute("data-nw-loaded", "");
      }).catch(function (err) {
        var note = document.createElement("p");
        note.textContent = "The list could not be loaded (" + err.message + "); download it below.";
        box.appendChild(note);
      });
    }
    box.addEventListener("toggle", function () { if (box.open) load(); });
    if (box.open) load();
  }

  // A quote's citation: the sentence, the article's authors, title, publisher and date, where it
  // was published and the paragraph in the wiki (render/related.citation_source carries the
  // authors, publisher and source address on the article's line).
  function citation(quote, article) {
    var sentence = quote.cloneNode(true);
    var paragraph = quote.querySelector(":scope > a:last-of-type");
    sentence.querySelectorAll(":scope > a:last-of-type, :scope > button, :scope > ul").forEach(function (node) { node.remove(); });
    var title = article.querySelector(":scope > a");
    var source = article.querySelector(":scope > .nw-cite-source");
    var date = (source && source.getAttribute("data-nw-date")) || "undated";
    var authors = source && source.getAttribute("data-nw-authors");
    var parts = authors ? [authors] : [];
    parts.push("\u201c" + title.textContent.trim() + "\u201d");
    var publisher = source && source.getAttribute("data-nw-publisher");
    if (publisher) parts.push(publisher);
    parts.push(date);
    var origin = source && source.getAttribute("data-nw-source");
    if (origin) parts.push(origin);
    var text = "\u201c" + sentence.textContent.replace(/\s+/g, " ").trim() + "\u201d \u2014 " + parts.join(", ");
    return paragraph ? text + "; paragraph: " + paragraph.href : text;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var done = false;
      try { done = document.execCommand("copy"); } catch (err) { done = false; }
      area.remove();
      if (done) resolve(); else reject(new Error("copy refused"));
    });
  }

  function citeButtons() {
    var heading = document.getElementById("mentioned-in");
    if (!heading) return;
    var status = document.createElement("p");
    status.className = "nw-cite-status";
    status.setAttribute("role", "status");
    heading.insertAdjacentElement("afterend", status);
    var list = heading.nextElementSibling;
    while (list && list.tagName !== "UL") list = list.nextElementSibling;
    if (!list) return;
    list.querySelectorAll(":scope > li").forEach(function (article) {
      var title = article.querySelector(":scope > a");
      article.querySelectorAll(":scope > ul > li").forEach(function (quote, n) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "nw-cite";
        button.textContent = "Cite";
        button.setAttribute("aria-label", "Copy a citation of quote " + (n + 1) + " from " + (title ? title.textContent.trim() : "this article"));
        button.addEventListener("click", function () {
          var text = citation(quote, article);
          button.setAttribute("data-nw-citation", text);
          copyText(text).then(function () {
            status.classList.remove("nw-cite-fallback");
            status.textContent = "Citation copied: " + text;
            button.textContent = "Copied";
            setTimeout(function () { button.textContent = "Cite"; }, 2000);
          }, function () {
            status.classList.add("nw-cite-fallback");
            status.textContent = "Copy this citation: " + text;
            button.insertAdjacentElement("afterend", status);
          });
        });
        quote.appendChild(button);
      });
    });
  }

  phoneContents();
  mentionList();
  citeButtons();
  highlight();
})();
