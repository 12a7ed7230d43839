/* newswiki: an entity page's neighbourhood graph. Drawn from the page's own "Related" list
   (render/related.py: each group carries its type, each link its shared sentences), so it costs
   no download: the entity in the middle, its related entities around it, grouped by type, each
   line as thick as the sentences they share. A star, never a hairball: links among the
   neighbours are left to the main graph. It takes no gesture (no pan, no zoom), so a swipe over
   it scrolls the page; a click or tap on an entity opens its page. The Related list under it
   names the same entities for keyboards and screen readers, so the drawing is one image to them. */
(function () {
  "use strict";
  var groups = Array.prototype.slice.call(document.querySelectorAll(".nw-related[data-nw-type]"));
  var title = document.querySelector("article.md-content__inner h1");
  if (!groups.length || !title) return;
  var SVG = "http://www.w3.org/2000/svg";
  var COLORS = { person: "#1e88e5", organization: "#e53935", place: "#43a047", other: "#8e24aa" };
  var HEIGHT = 300;
  var LABEL_CHARS_MIN = 8;
  var CHAR_WIDTH = 6.4;
  var PHONE = 600;

  var neighbours = [];
  groups.forEach(function (group) {
    group.querySelectorAll("a[data-nw-shared]").forEach(function (link) {
      neighbours.push({
        name: link.textContent.trim(),
        href: link.href,
        type: group.getAttribute("data-nw-type"),
        shared: Math.max(1, parseInt(link.getAttribute("data-nw-shared"), 10) || 1)
      });
    });
  });
  if (!neighbours.length) return;
  var name = title.textContent.replace(/¶$/, "").trim();
  var peak = Math.max.apply(null, neighbours.map(function (n) { return n.shared; }));

  var figure = document.createElement("figure");
  figure.className = "nw-neighbourhood";
  var caption = document.createElement("figcaption");
  caption.textContent = name + " and the " + neighbours.length + " entities named with it most often; " +
    "thicker lines, more shared sentences. The lists below name them.";
  figure.appendChild(caption);
  groups[0].insertAdjacentElement("beforebegin", figure);

  function element(tag, attributes) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }

  function shortened(text, chars) {
    return text.length <= chars ? text : text.slice(0, Math.max(1, chars - 1)) + "…";
  }

  function draw() {
    var width = Math.round(figure.clientWidth) || 600;
    var phone = width < PHONE;
    var height = phone ? HEIGHT - 40 : HEIGHT;
    var labelRoom = Math.min(140, Math.max(60, width * 0.26));
    var rx = Math.max(40, width / 2 - labelRoom - 10);
    var ry = height / 2 - 28;
    var cx = width / 2;
    var cy = height / 2;
    var chars = Math.max(LABEL_CHARS_MIN, Math.floor(labelRoom / CHAR_WIDTH));
    var svg = element("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height,
      role: "img", "aria-label": caption.textContent, "class": "nw-neighbourhood-chart" });
    var lines = element("g", { "class": "nw-neighbourhood-lines" });
    var nodes = element("g", {});
    svg.appendChild(lines);
    svg.appendChild(nodes);
    neighbours.forEach(function (n, i) {
      // Round the circle from the top, clockwise, the groups one after another.
      var angle = -Math.PI / 2 + (2 * Math.PI * (i + 0.5)) / neighbours.length;
      var x = cx + rx * Math.cos(angle);
      var y = cy + ry * Math.sin(angle);
      var weight = n.shared / peak;
      lines.appendChild(element("line", { x1: cx, y1: cy, x2: x, y2: y, "stroke-width": (1 + 5 * weight).toFixed(2) }));
      var node = element("g", { "class": "nw-neighbourhood-node", "data-href": n.href });
      var tip = element("title", {});
      tip.textContent = n.name + ": " + n.shared + " shared sentence" + (n.shared === 1 ? "" : "s");
      node.appendChild(tip);
      node.appendChild(element("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: (5 + 5 * weight).toFixed(1), fill: COLORS[n.type] || COLORS.other }));
      var right = Math.cos(angle) >= -0.01;
      var label = element("text", { x: (x + (right ? 12 : -12)).toFixed(1), y: (y + 4).toFixed(1), "text-anchor": right ? "start" : "end" });
      label.textContent = shortened(n.name, chars);
      node.appendChild(label);
      node.addEventListener("click", function () { window.location.href = n.href; });
      nodes.appendChild(node);
    });
    var centre = element("g", { "class": "nw-neighbourhood-centre" });
    centre.appendChild(element("circle", { cx: cx, cy: cy, r: 12 }));
    var own = element("text", { x: cx, y: cy + 28, "text-anchor": "middle" });
    own.textContent = shortened(name, chars + 6);
    centre.appendChild(own);
    nodes.appendChild(centre);
    var old = figure.querySelector("svg");
    if (old) figure.replaceChild(svg, old);
    else figure.insertBefore(svg, caption);
  }

  draw();
  var drawnWidth = figure.clientWidth;
  window.addEventListener("resize", function () {
    if (Math.abs(figure.clientWidth - drawnWidth) < 8) return;
    drawnWidth = figure.clientWidth;
    draw();
  });
})();
