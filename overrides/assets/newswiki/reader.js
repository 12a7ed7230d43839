/* newswiki: what a page does for its reader once loaded.
   - Landing from a search result (?nw-highlight=word...#p12): the matched words are marked with
     Pagefind's highlight script (pagefind-highlight.js, shipped in the Pagefind bundle), and the
     first mark in the paragraph the result pointed at is scrolled to the middle of the screen.
   - On a phone, where Material hides the table of contents in the menu drawer, long pages get a
     folded "Contents" list under their header. */
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

  phoneContents();
  highlight();
})();
