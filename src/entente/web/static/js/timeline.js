// The zoomable timeline: one item per story event; selecting one shows its sources.
"use strict";
(function () {
  const E = window.Entente;
  const data = E.readJson("timeline-data");
  const box = document.getElementById("timeline");
  if (!data || !box || typeof vis === "undefined") return;
  const entries = data.entries.concat(data.undated || []);
  const byId = new Map(entries.map((e) => [String(e.id), e]));

  function label(e) {
    const who = e.actors.map((a) => a.country || a.name).filter(Boolean).join("–");
    return e.cameo_name + (who ? " · " + who : "");
  }
  function item(e) {
    const d = e.date;
    const start = d.earliest && d.precision !== "day" ? d.earliest : d.value;
    const it = {id: String(e.id), start: start, entry: e,
                className: "q" + (e.quad_class || 0) + " st-" + e.status,
                type: "box"};
    if (d.precision && d.precision !== "day" && d.earliest && d.latest && d.latest !== d.earliest) {
      it.end = d.latest; it.type = "range";
    }
    return it;
  }
  const dated = data.entries.filter((e) => e.date.value);
  const items = new vis.DataSet(dated.map(item));
  const options = {
    stack: true, zoomable: true, moveable: true, selectable: true, minHeight: "160px", maxHeight: "460px",
    margin: {item: 6}, zoomMin: 1000 * 60 * 60 * 24 * 2,
    orientation: {axis: "bottom"},
    // Content is built as DOM text, never parsed as HTML.
    template: function (itemData) {
      const wrap = E.el("span", {class: "tl-item"});
      if (itemData.entry) wrap.textContent = label(itemData.entry);
      return wrap;
    },
  };
  const tl = new vis.Timeline(box, items, options);

  const panel = document.getElementById("entry-panel");
  const body = document.getElementById("entry-body");

  function show(id) {
    const e = byId.get(String(id));
    if (!e) { panel.hidden = true; E.setParam("entry", null); return; }
    body.replaceChildren();
    body.appendChild(E.el("div", {class: "date"}, (e.date.value || "undated") +
      (e.date.precision && e.date.precision !== "day" && e.date.value ? " (" + e.date.precision + ")" : "")));
    body.appendChild(E.el("h3", {}, e.cameo_name + " (" + e.cameo + ")"));
    const line = E.el("p", {class: "meta"});
    line.textContent = e.actors.filter((a) => a.name).map((a) => a.name + (a.code ? " [" + a.code + "]" : "")).join(" → ") +
      " · " + e.status + (e.quad_class ? " · " + E.QUAD[e.quad_class] : "") +
      (e.goldstein !== null && e.goldstein !== undefined ? " · Goldstein " + e.goldstein : "");
    body.appendChild(line);
    body.appendChild(E.el("p", {class: "summary"}, e.summary));
    if (e.history && e.history.length > 1) {
      const h = E.el("p", {class: "meta"});
      h.textContent = "History: " + e.history.map((x) => x.status + " (" + (x.published || "n.d.") + ")").join(" → ");
      body.appendChild(h);
    }
    body.appendChild(E.el("h4", {}, e.sources.length + (e.sources.length === 1 ? " source" : " sources")));
    const list = E.el("ul", {class: "sources"});
    for (const s of e.sources) {
      const li = E.el("li", {class: "source"});
      li.appendChild(E.el("a", {href: "/articles/" + encodeURIComponent(s.doc_id)}, s.title || s.doc_id));
      li.appendChild(E.el("span", {class: "meta"}, " " + (s.outlet || "unknown outlet") + " · " +
        (s.published || "date unknown") + (s.role === "announcement" ? " · announcement" : "")));
      const ext = E.safeUrl(s.url);
      if (ext) li.appendChild(E.el("a", {class: "ext", href: ext, rel: "noopener noreferrer nofollow"}, "original"));
      li.appendChild(E.el("blockquote", {}, s.evidence));
      list.appendChild(li);
    }
    body.appendChild(list);
    panel.hidden = false;
    E.setParam("entry", String(e.id));
  }

  tl.on("select", function (props) { show(props.items.length ? props.items[0] : null); });
  document.getElementById("entry-close").addEventListener("click", function () {
    tl.setSelection([]); show(null);
  });
  const wanted = new URL(window.location.href).searchParams.get("entry");
  if (wanted && byId.has(wanted)) {
    if (items.get(wanted)) { tl.setSelection([wanted]); tl.focus(wanted, {animation: false}); }
    show(wanted);
  }
})();
