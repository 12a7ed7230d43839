/* newswiki co-occurrence graph: draws graph.json (built with the site) with cytoscape.
   Filters by entity type, minimum shared sentences and a node limit keep it responsive
   with thousands of entities; a plain list of the shown entities serves keyboards.
   A click (tap) selects an entity: its neighbours stay lit, the rest fade, and a small panel
   names it with its counts, its strongest links and a link to its page. On a touch screen the
   graph takes no gesture until it is tapped, so a swipe over it scrolls the page. */
(function () {
  "use strict";
  var box = document.getElementById("nw-graph");
  var form = document.getElementById("nw-graph-controls");
  if (!box || !form || typeof cytoscape !== "function") return;
  var status = document.getElementById("nw-graph-status");
  var dataUrl = new URL(box.getAttribute("data-src"), window.location.href);
  // Above this many nodes the force layout takes seconds; concentric rings are instant.
  var FORCE_LAYOUT_MAX = 200;
  // Labels for the most mentioned entities only; the rest show theirs on hover or zoom.
  var LABELLED = 25;
  // The first drawing raises the minimum weight until at most this many links remain:
  // a clique of every pair in every article says little and draws slowly.
  var FIRST_EDGES_MAX = 400;
  var COLORS = { person: "#1e88e5", organization: "#e53935", place: "#43a047" };
  var OTHER = "#8e24aa";
  var PANEL_LINKS = 6;
  var touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
  var data = null;
  var TYPE_NAMES = { person: "Person", organization: "Organisation", place: "Place", event: "Event" };
  // graph/?focus=ENTITY_ID (linked from each entity page) shows that entity and its neighbours.
  var focus = new URLSearchParams(window.location.search).get("focus");
  var cy = null;
  var timer = null;

  var list = document.createElement("ul");
  list.className = "nw-graph-list";
  var listBox = document.createElement("details");
  listBox.className = "nw-graph-listbox";
  var summary = document.createElement("summary");
  summary.textContent = "Entities shown, as a list";
  listBox.appendChild(summary);
  listBox.appendChild(list);
  box.insertAdjacentElement("afterend", listBox);

  var wrap = document.createElement("div");
  wrap.className = "nw-graph-wrap";
  box.parentNode.insertBefore(wrap, box);
  wrap.appendChild(box);
  var panel = document.createElement("section");
  panel.className = "nw-graph-panel";
  panel.hidden = true;
  panel.setAttribute("aria-live", "polite");
  wrap.appendChild(panel);

  // Material's colour variables nest other variables (hsla(var(--md-hue), ...)), which
  // cytoscape cannot parse: let the browser resolve them on a probe element.
  function resolved(property, variable, fallback) {
    var probe = document.createElement("span");
    probe.style.setProperty(property, "var(" + variable + ")");
    box.appendChild(probe);
    var value = getComputedStyle(probe).getPropertyValue(property);
    probe.remove();
    return value && value !== "rgba(0, 0, 0, 0)" ? value : fallback;
  }

  function textColor() {
    return resolved("color", "--md-default-fg-color", "#333");
  }

  function bgColor() {
    return resolved("background-color", "--md-default-bg-color", "#fff");
  }

  function firstWeight() {
    var s = settings();
    s.weight = 1;
    var edges = select(s).edges;
    var counts = {};
    edges.forEach(function (e) { counts[e.weight] = (counts[e.weight] || 0) + 1; });
    var weights = Object.keys(counts).map(Number).sort(function (a, b) { return a - b; });
    var left = edges.length;
    for (var i = 0; i < weights.length; i++) {
      if (left <= FIRST_EDGES_MAX) return weights[i];
      left -= counts[weights[i]];
    }
    return weights.length ? weights[weights.length - 1] : 1;
  }

  function settings() {
    var types = {};
    form.querySelectorAll('input[name="type"]').forEach(function (input) {
      if (input.checked) types[input.value] = true;
    });
    var weight = Math.max(1, parseInt(form.elements.weight.value, 10) || 1);
    var limit = Math.max(1, parseInt(form.elements.limit.value, 10) || 150);
    return { types: types, weight: weight, limit: limit };
  }

  function select(s) {
    var nodes = data.nodes.filter(function (n) { return s.types[n.type]; });
    var strong = {};
    var edges = data.edges.filter(function (e) { return e.weight >= s.weight; });
    if (focus) {
      // A star: who appears with the focused entity, line width = shared sentences. Links
      // among the neighbours would turn a well-connected entity's view into a hairball.
      edges = edges.filter(function (e) { return e.source === focus || e.target === focus; });
      var near = {};
      near[focus] = true;
      edges.forEach(function (e) { near[e.source] = true; near[e.target] = true; });
      nodes = nodes.filter(function (n) { return near[n.id]; });
    }
    edges.forEach(function (e) { strong[e.source] = true; strong[e.target] = true; });
    if (s.weight > 1) nodes = nodes.filter(function (n) { return strong[n.id]; });
    nodes.sort(function (a, b) { return b.mentions - a.mentions || (a.id < b.id ? -1 : 1); });
    nodes = nodes.slice(0, s.limit);
    if (focus && !nodes.some(function (n) { return n.id === focus; })) {
      var centre = data.nodes.filter(function (n) { return n.id === focus; });
      nodes = centre.concat(nodes.slice(0, Math.max(0, s.limit - 1)));
    }
    var keep = {};
    nodes.forEach(function (n) { keep[n.id] = true; });
    edges = edges.filter(function (e) { return keep[e.source] && keep[e.target]; });
    return { nodes: nodes, edges: edges };
  }

  function draw() {
    var s = settings();
    var shown = select(s);
    var peak = shown.nodes.reduce(function (m, n) { return Math.max(m, n.mentions); }, 1);
    var elements = shown.nodes.map(function (n, rank) {
      return { data: { id: n.id, label: n.name, type: n.type, url: n.url, mentions: n.mentions, articles: n.articles,
                       size: 8 + 22 * Math.sqrt(n.mentions / peak) },
               classes: rank < LABELLED ? "nw-labelled" : "" };
    }).concat(shown.edges.map(function (e) {
      return { data: { id: e.source + "--" + e.target, source: e.source, target: e.target, weight: e.weight } };
    }));
    if (cy) cy.destroy();
    cy = cytoscape({
      container: box,
      elements: elements,
      wheelSensitivity: 0.3,
      // Big graphs: draw a snapshot while panning or zooming, the full picture when still.
      textureOnViewport: shown.nodes.length > FORCE_LAYOUT_MAX,
      hideEdgesOnViewport: shown.edges.length > 2000,
      pixelRatio: shown.nodes.length > FORCE_LAYOUT_MAX ? 1 : "auto",
      style: [
        { selector: "node", style: {
          "background-color": function (n) { return COLORS[n.data("type")] || OTHER; },
          "width": "data(size)", "height": "data(size)", "label": "",
          "font-size": 9, "color": textColor(), "text-valign": "bottom", "text-margin-y": 2,
          "text-outline-width": 2, "text-outline-color": bgColor(), "min-zoomed-font-size": 6 } },
        { selector: "node.nw-labelled, node.nw-hover, node:selected", style: { "label": "data(label)" } },
        { selector: "edge", style: {
          "width": function (e) { return Math.min(8, 0.5 + Math.log2(e.data("weight") + 1)); },
          "line-color": "#9e9e9e", "opacity": 0.55, "curve-style": "haystack" } },
        { selector: "node:selected, node.nw-hover", style: { "border-width": 3, "border-color": "#ff9800" } },
        { selector: ".nw-faded", style: { "opacity": 0.15, "label": "" } },
        { selector: "node.nw-near", style: { "label": "data(label)" } },
        { selector: "edge.nw-near", style: { "line-color": "#ff9800", "opacity": 0.9 } }
      ],
      layout: shown.nodes.length <= FORCE_LAYOUT_MAX
        ? { name: "cose", animate: false, randomize: false, nodeRepulsion: function () { return 400000; },
            idealEdgeLength: function () { return 60; }, nodeOverlap: 20, gravity: 40, numIter: 800, padding: 20 }
        : { name: "concentric", animate: false, minNodeSpacing: 6,
            concentric: function (n) { return n.data("mentions"); }, levelWidth: function () { return 4; } }
    });
    window.nwGraph = cy;  // for the browser tests and for readers poking at the console
    cy.on("tap", "node", function (event) { choose(event.target); });
    cy.on("tap", function (event) { if (event.target === cy) choose(null); });
    if (touch) guardGestures();
    cy.on("mouseover", "node", function (event) {
      event.target.addClass("nw-hover");
      box.style.cursor = "pointer";
      box.title = event.target.data("label") + " (" + event.target.data("mentions") + " mentions)";
    });
    cy.on("mouseout", "node", function (event) {
      event.target.removeClass("nw-hover");
      box.style.cursor = "";
      box.removeAttribute("title");
    });
    status.textContent = "Showing " + shown.nodes.length + " of " + data.nodes.length +
      " entities and " + shown.edges.length + " links.";
    if (focus) {
      var centre = cy.getElementById(focus);
      if (centre.length) {
        choose(centre);
        status.textContent += " Around " + centre.data("label") + ": ";
        var all = document.createElement("a");
        all.href = window.location.pathname;
        all.textContent = "show everyone";
        status.appendChild(all);
      }
    }
    list.textContent = "";
    shown.nodes.slice().sort(function (a, b) { return a.name.localeCompare(b.name); }).forEach(function (n) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = new URL(n.url, dataUrl).href;
      link.textContent = n.name;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" (" + n.type + ", " + n.mentions + " mentions)"));
      list.appendChild(item);
    });
  }

  // Select one entity (or none): light it and its neighbours, fade the rest, describe it in the panel.
  function choose(node) {
    cy.elements().removeClass("nw-faded nw-near");
    cy.$(":selected").unselect();
    if (!node) {
      panel.hidden = true;
      return;
    }
    node.select();
    var near = node.closedNeighborhood();
    cy.elements().not(near).addClass("nw-faded");
    near.addClass("nw-near");
    panel.textContent = "";
    var title = document.createElement("h2");
    title.textContent = node.data("label");
    var about = document.createElement("p");
    about.textContent = (TYPE_NAMES[node.data("type")] || node.data("type")) + " · " + node.data("mentions") +
      " mentions in " + node.data("articles") + " articles · linked to " + node.neighborhood("node").length + " shown";
    var open = document.createElement("a");
    open.href = new URL(node.data("url"), dataUrl).href;
    open.className = "nw-graph-open";
    open.textContent = "Open the page of " + node.data("label");
    var strongest = node.connectedEdges().sort(function (a, b) { return b.data("weight") - a.data("weight"); }).slice(0, PANEL_LINKS);
    var links = document.createElement("ul");
    strongest.forEach(function (edge) {
      var other = edge.source().id() === node.id() ? edge.target() : edge.source();
      var item = document.createElement("li");
      item.textContent = other.data("label") + " (" + edge.data("weight") + ")";
      links.appendChild(item);
    });
    panel.append(title, about, open);
    if (strongest.length) {
      var head = document.createElement("p");
      head.textContent = "Most shared sentences with:";
      panel.append(head, links);
    }
    panel.hidden = false;
  }

  // Touch screens: a transparent button over the graph lets swipes scroll the page; a tap on it
  // hands gestures to the graph until the reader taps outside the graph.
  function guardGestures() {
    Array.prototype.forEach.call(wrap.querySelectorAll(".nw-graph-touch"), function (old) { old.remove(); });
    cy.userPanningEnabled(false);
    cy.userZoomingEnabled(false);
    var cover = document.createElement("button");
    cover.type = "button";
    cover.className = "nw-graph-touch";
    cover.textContent = "Tap to explore the graph";
    wrap.appendChild(cover);
    cover.addEventListener("click", function () {
      cover.remove();
      cy.userPanningEnabled(true);
      cy.userZoomingEnabled(true);
      document.addEventListener("touchstart", function away(event) {
        if (wrap.contains(event.target)) return;
        document.removeEventListener("touchstart", away);
        guardGestures();
      }, { passive: true });
    });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(draw, 200);
  }

  // Redraw in the new colours when the reader switches between light and dark.
  new MutationObserver(function () { if (data) later(); })
    .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  fetch(dataUrl.href)
    .then(function (response) {
      if (!response.ok) throw new Error("graph.json: HTTP " + response.status);
      return response.json();
    })
    .then(function (json) {
      data = json;
      // The page ticks people and organisations; an entity's neighbourhood shows every type.
      if (focus) form.querySelectorAll('input[name="type"]').forEach(function (input) { input.checked = true; });
      form.elements.weight.value = focus ? 1 : firstWeight();
      draw();
    })
    .catch(function (err) { status.textContent = "The graph could not be loaded (" + err.message + ")."; });
})();
