/* newswiki: hover or focus an entity link in an article to see a short preview of the
   entity page (its summary and first snippet). Text only: nothing fetched runs as HTML. */
(function () {
  "use strict";
  var DELAY_MS = 250;
  var cache = {};
  var tip = null;
  var timer = null;
  var current = null;

  function isEntityLink(a) {
    if (!a || !a.href || a.origin !== window.location.origin) return false;
    if (!a.closest(".md-content")) return false;
    return /\/entities\/[^/]+\/?$/.test(a.pathname) && !/\/entities\/(index\.html)?$/.test(a.pathname);
  }

  // Longest snippet shown; the entity page has the rest.
  var QUOTE_CHARS = 240;

  function clip(text) {
    return text.length <= QUOTE_CHARS ? text : text.slice(0, QUOTE_CHARS).replace(/\s+\S*$/, "") + " …";
  }

  function load(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.text();
      }).then(function (text) {
        var doc = new DOMParser().parseFromString(text, "text/html");
        var article = doc.querySelector(".md-content article") || doc.body;
        var title = article.querySelector("h1");
        var paragraphs = Array.prototype.filter.call(article.querySelectorAll("p"), function (p) {
          return !p.closest("figure, details, blockquote") && p.textContent.trim();
        });
        // The first keyword-in-context snippet: a quote, or an item nested under an article.
        var quote = article.querySelector("blockquote p") || article.querySelector("li li") || article.querySelector("blockquote");
        return {
          title: title ? title.textContent.replace(/¶$/, "").trim() : "",
          summary: paragraphs.length ? paragraphs[0].textContent.trim() : "",
          quote: quote ? clip(quote.textContent.trim()) : ""
        };
      });
    }
    return cache[url];
  }

  function hide() {
    clearTimeout(timer);
    if (tip) tip.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function show(a, info) {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "nw-preview";
      tip.className = "nw-preview";
      tip.setAttribute("role", "tooltip");
      document.body.appendChild(tip);
    }
    tip.textContent = "";
    [["strong", info.title], ["p", info.summary], ["blockquote", info.quote]].forEach(function (part) {
      if (!part[1]) return;
      var el = document.createElement(part[0]);
      el.textContent = part[1];
      tip.appendChild(el);
    });
    var rect = a.getBoundingClientRect();
    var width = Math.min(360, window.innerWidth - 16);
    tip.style.width = width + "px";
    tip.style.left = Math.max(8, Math.min(rect.left + window.scrollX, window.scrollX + window.innerWidth - width - 8)) + "px";
    tip.style.top = (rect.bottom + window.scrollY + 6) + "px";
    tip.hidden = false;
    a.setAttribute("aria-describedby", "nw-preview");
  }

  function start(event) {
    var a = event.target.closest ? event.target.closest("a") : null;
    if (!isEntityLink(a) || a === current) return;
    hide();
    current = a;
    timer = setTimeout(function () {
      load(a.href).then(function (info) { if (current === a) show(a, info); }).catch(function () {});
    }, DELAY_MS);
  }

  function stop(event) {
    var a = event.target.closest ? event.target.closest("a") : null;
    if (a && a === current) hide();
  }

  document.addEventListener("mouseover", start);
  document.addEventListener("focusin", start);
  document.addEventListener("mouseout", stop);
  document.addEventListener("focusout", stop);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
})();
