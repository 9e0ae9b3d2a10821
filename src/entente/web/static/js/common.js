// Helpers shared by the pages. Untrusted text only ever reaches the DOM through textContent.
"use strict";
window.Entente = (function () {
  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== null && v !== undefined) node.setAttribute(k, v);
    }
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function readJson(id) {
    const node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url.trim()) ? url.trim() : null;
  }
  function setParam(name, value) {
    const url = new URL(window.location.href);
    if (value === null || value === undefined || value === "") url.searchParams.delete(name);
    else url.searchParams.set(name, value);
    window.history.replaceState(null, "", url.toString());
  }
  const QUAD = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
                4: "material conflict"};
  return {el, readJson, safeUrl, setParam, QUAD};
})();

// Hover cards for highlighted text: the card's text comes from data-tip via textContent.
(function () {
  let card = null;
  document.addEventListener("mouseover", function (ev) {
    const target = ev.target.closest ? ev.target.closest("[data-tip]") : null;
    if (!target) { if (card) card.hidden = true; return; }
    if (!card) { card = Entente.el("div", {class: "tipcard", role: "tooltip"}); document.body.appendChild(card); }
    card.textContent = target.getAttribute("data-tip");
    card.hidden = false;
    const box = target.getBoundingClientRect();
    card.style.left = Math.max(8, Math.min(box.left + window.scrollX, window.scrollX + window.innerWidth - 380)) + "px";
    card.style.top = (box.bottom + window.scrollY + 6) + "px";
  });
})();
