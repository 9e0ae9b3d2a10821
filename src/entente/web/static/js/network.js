// The actor network: countries as nodes, story-event counts as edges, coloured by the balance
// of cooperation and conflict. Labels are plain strings (cytoscape draws them on a canvas).
"use strict";
(function () {
  const E = window.Entente;
  const net = E.readJson("network-data");
  const box = document.getElementById("network");
  if (!net || !box || typeof cytoscape === "undefined") return;
  const most = Math.max(1, ...net.edges.map((e) => e.events));
  const biggest = Math.max(1, ...net.nodes.map((n) => n.events));
  function colour(e) {
    const share = e.events ? e.cooperation / e.events : 0.5;
    if (share >= 0.65) return "#1b7837";
    if (share <= 0.35) return "#b2182b";
    return "#e08214";
  }
  const elements = [];
  for (const n of net.nodes) {
    elements.push({data: {id: n.id, label: n.name && n.name !== n.id ? n.name + " (" + n.id + ")" : n.id,
                          size: 22 + 38 * Math.sqrt(n.events / biggest)}});
  }
  net.edges.forEach(function (e, i) {
    elements.push({data: {id: "e" + i, source: e.source, target: e.target, events: e.events,
                          colour: colour(e), width: 1.5 + 10 * Math.sqrt(e.events / most),
                          label: String(e.events)}});
  });
  const cy = cytoscape({
    container: box, elements: elements, wheelSensitivity: 0.3,
    style: [
      {selector: "node", style: {"background-color": "#2c5d8f", label: "data(label)", width: "data(size)",
        height: "data(size)", "font-size": 12, color: "#1d2733", "text-valign": "bottom", "text-margin-y": 4,
        "text-background-color": "#ffffff", "text-background-opacity": 0.8, "text-background-padding": 2}},
      {selector: "edge", style: {width: "data(width)", "line-color": "data(colour)", opacity: 0.8,
        "curve-style": "bezier", label: "data(label)", "font-size": 10, color: "#444",
        "text-background-color": "#ffffff", "text-background-opacity": 0.9}},
      {selector: ":selected", style: {"border-width": 3, "border-color": "#f1a340"}},
    ],
    layout: {name: "cose", animate: false, nodeRepulsion: function () { return 9000; },
             idealEdgeLength: function () { return 120; }, randomize: false},
  });
  cy.on("tap", "node", function (ev) {
    window.location.href = "/timeline?actor=" + encodeURIComponent(ev.target.id());
  });
  cy.on("tap", "edge", function (ev) {
    const d = ev.target.data();
    window.location.href = "/timeline?dyad=" + encodeURIComponent(d.source) + "," + encodeURIComponent(d.target);
  });
})();
