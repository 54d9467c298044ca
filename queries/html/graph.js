// diplograph's interactive actor graph: vis-network draws it (drag, zoom, hover come with it);
// this script only turns the embedded events into nodes and edges for the filters chosen.
// The filters live in the page address (#types=CONSULT,AID&from=2019-01&to=2019-12&undated=0),
// so a view can be bookmarked or shared. After each drawing the page records what it drew in
// <body data-drawn-nodes data-drawn-edges data-shown-events>, and `window.diplograph` holds the
// vis-network objects (network, nodes, edges), for tests and for scripting from the console.
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("dg-data").textContent);
  var MAX_LISTED = 15;
  var byId = function (id) { return document.getElementById(id); };

  // An event's date as a period of months: "2017" covers 2017-01..2017-12.
  DATA.events.forEach(function (e) {
    if (!e.d) { return; }
    e.first = e.d.length === 4 ? e.d + "-01" : e.d.slice(0, 7);
    e.last = e.d.length === 4 ? e.d + "-12" : e.d.slice(0, 7);
  });
  var months = monthRange(DATA.events);
  var typeColor = {};
  DATA.types.forEach(function (t) { typeColor[t.name] = t.color; });

  // The layout is computed once with every event, so nodes keep their places whatever the
  // filters later show; the filters from the address apply once it has settled.
  var wanted = readHash();
  var state = everything();
  var nodes = new vis.DataSet(DATA.actors.map(function (a, i) {
    return { id: i, label: a.label, color: DATA.actorColors[a.type], shape: "dot",
             value: 1, hidden: false };
  }));
  var edges = new vis.DataSet([]);
  var container = byId("dg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, {
    nodes: { scaling: { min: 8, max: 36, label: { enabled: true, min: 12, max: 22 } },
             font: { size: 14, strokeWidth: 3, strokeColor: "#ffffff" } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.6 } }, smooth: { type: "continuous" },
             scaling: { min: 1, max: 10 } },
    physics: { solver: "barnesHut", stabilization: { iterations: 400, fit: true },
               barnesHut: { gravitationalConstant: -6000, springLength: 140, avoidOverlap: 0.2 } },
    interaction: { hover: true, tooltipDelay: 120, dragNodes: true, dragView: true,
                   zoomView: true, hideEdgesOnDrag: DATA.events.length > 5000 },
    layout: { improvedLayout: DATA.actors.length <= 150, randomSeed: 7 }
  });
  window.diplograph = { network: network, nodes: nodes, edges: edges };
  var settled = false;
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    state = wanted;
    settled = true;
    update();
    network.fit();
  });
  network.on("afterDrawing", function () { if (settled) { recordDrawing(); } });

  buildControls(wanted);
  update();

  function monthRange(events) {
    var firsts = events.filter(function (e) { return e.d; }).map(function (e) { return e.first; });
    var lasts = events.filter(function (e) { return e.d; }).map(function (e) { return e.last; });
    if (!firsts.length) { return []; }
    var from = firsts.sort()[0], to = lasts.sort()[lasts.length - 1], out = [];
    var y = +from.slice(0, 4), m = +from.slice(5, 7);
    for (;;) {
      var current = y + "-" + (m < 10 ? "0" : "") + m;
      if (current > to) { break; }
      out.push(current);
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
    return out;
  }

  function everything() {
    return { types: new Set(DATA.types.map(function (t) { return t.name; })), from: 0,
             to: Math.max(months.length - 1, 0), undated: true };
  }

  function readHash() {
    var params = new URLSearchParams(location.hash.slice(1));
    var all = DATA.types.map(function (t) { return t.name; });
    var types = params.has("types") ? params.get("types").split(",").filter(Boolean) : all;
    var from = months.indexOf(params.get("from")), to = months.indexOf(params.get("to"));
    return { types: new Set(types), from: from < 0 ? 0 : from,
             to: to < 0 ? Math.max(months.length - 1, 0) : to,
             undated: params.get("undated") !== "0" };
  }

  function writeHash() {
    var params = new URLSearchParams();
    if (state.types.size !== DATA.types.length) {
      params.set("types", Array.from(state.types).join(","));
    }
    if (months.length && state.from > 0) { params.set("from", months[state.from]); }
    if (months.length && state.to < months.length - 1) { params.set("to", months[state.to]); }
    if (!state.undated) { params.set("undated", "0"); }
    try { history.replaceState(null, "", "#" + params.toString()); } catch (err) { /* file: */ }
  }

  function buildControls(initial) {
    var box = byId("dg-types");
    DATA.types.forEach(function (t) {
      var label = document.createElement("label");
      var input = document.createElement("input");
      input.type = "checkbox";
      input.value = t.name;
      input.checked = initial.types.has(t.name);
      input.addEventListener("change", function () {
        if (input.checked) { state.types.add(t.name); } else { state.types.delete(t.name); }
        update();
      });
      var chip = document.createElement("span");
      chip.className = "dg-chip";
      chip.style.background = t.color;
      var name = document.createElement("span");
      name.textContent = t.name;
      var count = document.createElement("span");
      count.className = "dg-count";
      count.textContent = t.events;
      label.append(input, chip, name, count);
      box.append(label);
    });
    byId("dg-types-all").addEventListener("click", function () { setTypes(true); });
    byId("dg-types-none").addEventListener("click", function () { setTypes(false); });
    var from = byId("dg-from"), to = byId("dg-to");
    [from, to].forEach(function (input) {
      input.max = Math.max(months.length - 1, 0);
      input.disabled = months.length < 2;
    });
    from.value = initial.from;
    to.value = initial.to;
    from.addEventListener("input", function () {
      state.from = +from.value;
      if (state.from > state.to) { state.to = state.from; to.value = state.to; }
      update();
    });
    to.addEventListener("input", function () {
      state.to = +to.value;
      if (state.to < state.from) { state.from = state.to; from.value = state.from; }
      update();
    });
    var undated = byId("dg-undated");
    undated.checked = initial.undated;
    undated.addEventListener("change", function () { state.undated = undated.checked; update(); });
    var legend = byId("dg-legend");
    Object.keys(DATA.actorColors).forEach(function (kind) {
      legend.append(legendRow("dg-dot", DATA.actorColors[kind], kind));
    });
    legend.append(legendRow("dg-line", goldsteinColor(5), "cooperative (Goldstein > 0)"));
    legend.append(legendRow("dg-line", goldsteinColor(-5), "conflictual (Goldstein < 0)"));
  }

  function legendRow(className, color, text) {
    var row = document.createElement("div");
    var mark = document.createElement("span");
    mark.className = className;
    mark.style.background = color;
    var label = document.createElement("span");
    label.textContent = text;
    row.append(mark, label);
    return row;
  }

  function setTypes(on) {
    state.types = new Set(on ? DATA.types.map(function (t) { return t.name; }) : []);
    byId("dg-types").querySelectorAll("input").forEach(function (input) { input.checked = on; });
    update();
  }

  function shown(e) {
    if (!state.types.has(e.p)) { return false; }
    if (!e.d) { return state.undated; }
    if (!months.length) { return true; }
    return e.first >= months[state.from] && e.last <= months[state.to];
  }

  function update() {
    byId("dg-from-label").textContent = months[state.from] || "-";
    byId("dg-to-label").textContent = months[state.to] || "-";
    var pairs = new Map(), involved = new Map(), count = 0;
    DATA.events.forEach(function (e) {
      if (!shown(e)) { return; }
      count += 1;
      e.s.concat(e.t).forEach(function (a) { involved.set(a, (involved.get(a) || 0) + 1); });
      e.s.forEach(function (s) {
        e.t.forEach(function (t) {
          if (s === t) { return; }
          var key = s + ">" + t;
          if (!pairs.has(key)) { pairs.set(key, []); }
          pairs.get(key).push(e);
        });
      });
    });
    nodes.update(DATA.actors.map(function (a, i) {
      var n = involved.get(i) || 0;
      return { id: i, hidden: n === 0, value: n, title: actorTip(a, n) };
    }));
    var drawn = [];
    pairs.forEach(function (list, key) {
      var ends = key.split(">").map(Number);
      var sum = list.reduce(function (acc, e) { return acc + e.g; }, 0);
      var color = goldsteinColor(sum / list.length);
      drawn.push({ id: key, from: ends[0], to: ends[1], value: list.length,
                   color: { color: color, highlight: color, hover: color, opacity: 0.85 },
                   title: edgeTip(ends[0], ends[1], list, sum) });
    });
    edges.clear();
    edges.add(drawn);
    byId("dg-counts").textContent = involved.size + " actors \u00b7 " + drawn.length +
      " links \u00b7 " + count + " of " + DATA.events.length + " events";
    document.body.dataset.shownEvents = count;
    if (settled) { writeHash(); }
    network.redraw();
  }

  function goldsteinColor(mean) {
    if (mean > 0.05) { return "#2166ac"; }
    if (mean < -0.05) { return "#b2182b"; }
    return "#888888";
  }

  function actorTip(actor, n) {
    var box = element("div", "dg-tip");
    box.append(element("h3", "", actor.label));
    box.append(element("p", "", [actor.type, actor.country, actor.id].filter(Boolean).join(" \u00b7 ")));
    box.append(element("p", "", n + " event" + (n === 1 ? "" : "s") + " in view"));
    return box;
  }

  function edgeTip(s, t, list, sum) {
    var box = element("div", "dg-tip");
    box.append(element("h3", "", DATA.actors[s].label + " \u2192 " + DATA.actors[t].label));
    var dates = list.map(function (e) { return e.d; }).filter(Boolean).sort();
    var span = dates.length ? dates[0] + (dates.length > 1 ? " to " + dates[dates.length - 1] : "") : "undated";
    box.append(element("p", "", list.length + " event" + (list.length === 1 ? "" : "s") +
      " \u00b7 Goldstein " + sum.toFixed(1) + " (mean " + (sum / list.length).toFixed(2) + ") \u00b7 " + span));
    var items = element("ol", "");
    list.slice().sort(function (a, b) { return (a.d || "~").localeCompare(b.d || "~"); })
      .slice(0, MAX_LISTED).forEach(function (e) {
        var item = element("li", "");
        item.append(element("span", "dg-date", (e.d || "undated") + " "));
        var type = element("span", "dg-type", e.p);
        type.style.color = typeColor[e.p];
        item.append(type, document.createTextNode(" " + e.c + " (" + e.g + ") \u2014 " + e.x + " "));
        if (e.a) { item.append(element("span", "dg-source", e.a)); }
        items.append(item);
      });
    box.append(items);
    if (list.length > MAX_LISTED) {
      box.append(element("p", "", "\u2026 and " + (list.length - MAX_LISTED) + " more"));
    }
    return box;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  // Nodes drawn inside the visible canvas, for tests: a node off screen was not drawn.
  function recordDrawing() {
    var ids = nodes.getIds({ filter: function (n) { return !n.hidden; } });
    var positions = network.getPositions(ids);
    var width = container.clientWidth, height = container.clientHeight, inside = 0;
    ids.forEach(function (id) {
      var p = network.canvasToDOM(positions[id]);
      if (p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height) { inside += 1; }
    });
    document.body.dataset.drawnNodes = inside;
    document.body.dataset.drawnEdges = edges.length;
  }
})();
