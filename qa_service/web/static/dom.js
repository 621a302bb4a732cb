/* DOM helpers shared by the chat page's scripts (chat.js, quote_check.js); loaded before them. Every
   piece of server data becomes a text node or an attribute value, never markup. */
(() => {
  "use strict";

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    node.append(...children.filter((c) => c !== null && c !== undefined && c !== ""));
    return node;
  }

  /* A quoted table row as a small table: its caption, the column headers (th scope=col) and the row's
     label (th scope=row), so the figures read with their period and unit, not as a run of " | " cells. */
  function tableNode(t) {
    const table = el("table", { class: "quoted-table" });
    if (t.caption) table.append(el("caption", {}, t.caption));
    if (t.header.length) table.append(el("thead", {}, ...t.header.map((row) => el("tr", {}, ...row.map((cell) => el("th", { scope: "col" }, cell))))));
    table.append(el("tbody", {}, ...t.rows.map((row) => el("tr", {}, el("th", { scope: "row" }, row[0]), ...row.slice(1).map((cell) => el("td", {}, cell))))));
    return table;
  }

  window.qaDom = Object.freeze({ el, tableNode });
})();
