/* Chat page, "Check a quote" mode: a mode switch beside the question form, POST /api/quote-check, and the
   verdict with the source's words and the quote's marked (<del>/<ins> plus hidden "deleted:"/"inserted:"
   labels, so the marking reads without colour and to a screen reader). Server data only becomes text
   nodes. Without JavaScript both forms show and the quote form goes to /quote-check. */
(() => {
  "use strict";
  const { el, tableNode } = window.qaDom;
  const form = document.getElementById("quote-form");
  const askForm = document.getElementById("ask-form");
  const modes = document.getElementById("modes");
  const log = document.getElementById("conversation");
  if (!form || !log || !modes) return;
  const input = document.getElementById("quote");
  const status = document.getElementById("status");
  const announce = document.getElementById("announce");
  const TIMEOUT_MS = 30000;
  const VERDICTS = {
    exact: "Exact: the documents say this word for word.",
    close: "Close: the documents say something similar. The differences are marked below.",
    not_found: "Not found: the documents do not appear to say this.",
    entity: "Not the same subject: the wording is close, but a name differs, so the quote may be about something else. The differences are marked below.",
  };
  const FLAGS = { number: "a number changed", negation: "a negation changed", entity: "a name changed" };
  /* A close match whose changes put in or take out a name is about another subject: never a plain "close". */
  const verdictText = (body) => VERDICTS[body.verdict === "close" && (body.flags || []).includes("entity") ? "entity" : body.verdict] || body.verdict;
  let checks = 0;
  let debounce = null;



  function setStatus(text, isError) {
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  }

  function setMode(mode) {
    const quoting = mode === "quote";
    form.hidden = !quoting;
    if (askForm) askForm.hidden = quoting;
  }

  function sameOrigin(path) {
    const url = new URL(path, location.origin);
    if (url.origin !== location.origin) throw new Error("unexpected passage url");
    return url.href;
  }

  function pageText(m) {
    const page = m.page_label || m.page;
    return page !== null && page !== undefined && page !== "" ? ", p. " + page : "";
  }

  function opNodes(op) {
    if (op.op === "equal") return [op.source];
    const nodes = [];
    const elided = op.flags.includes("elided");
    if (op.source) {
      const label = elided ? "left out at the ellipsis: " : "deleted: ";
      nodes.push(el("del", elided ? { class: "elided" } : {}, el("span", { class: "visually-hidden" }, label), op.source));
    }
    if (op.quote) nodes.push(el("ins", {}, el("span", { class: "visually-hidden" }, "inserted: "), op.quote));
    for (const flag of op.flags) if (FLAGS[flag]) nodes.push(" ", el("strong", { class: "flag" }, "(" + FLAGS[flag] + ")"));
    return nodes;
  }

  function diffNode(diff) {
    const node = el("p", { class: "diff" });
    diff.forEach((op, i) => node.append(...(i ? [" "] : []), ...opNodes(op)));
    return node;
  }

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("Citation copied.");
    } catch {
      setStatus("Copying is blocked here; select the citation text and copy it.", true);
    }
  }

  function matchNode(m, i, prefix) {
    const heading = el("h2", { id: prefix + "-m" + i }, m.document + pageText(m) + (m.section ? " · " + m.section : ""));
    const button = el("button", { type: "button", class: "copy" }, "Copy citation");
    button.addEventListener("click", () => copy(m.citation));
    return el("section", { class: "quote-match", "aria-labelledby": prefix + "-m" + i }, heading, diffNode(m.diff),
      el("h3", {}, "The source says"), m.table ? tableNode(m.table) : el("blockquote", { class: "passage source" }, m.source_text),
      el("p", { class: "cite-text" }, m.citation),
      el("div", { class: "actions" }, button, el("a", { href: sameOrigin(m.url) }, "Open the passage"),
        m.page_url ? el("a", { href: sameOrigin(m.page_url), class: "on-page" }, "See it on the page") : ""));
  }

  function nearestNode(passages) {
    return [el("h2", {}, "Nearest passages (not a match)"), el("ol", { class: "passages" }, ...passages.map((p) =>
      el("li", {}, el("a", { href: sameOrigin(p.url) }, p.document + (p.page ? ", p. " + p.page : "")),
        el("p", { class: "excerpt" }, p.text.length > 300 ? p.text.slice(0, 297) + "…" : p.text))))];
  }

  function resultNode(body) {
    const prefix = "q" + (++checks);
    const node = el("article", { class: "turn quote-result verdict-" + body.verdict, id: prefix },
      el("p", { class: "question" }, "Quote: “" + body.quote + "”"),
      el("p", { class: "verdict", "data-verdict": body.verdict }, verdictText(body)));
    if (body.verdict === "close") {
      node.append(el("p", { class: "legend" }, "Struck-through words are the document's own; underlined words are the quote's."));
    }
    body.matches.forEach((m, i) => node.append(matchNode(m, i, prefix)));
    if (body.nearest.length) node.append(...nearestNode(body.nearest));
    return node;
  }

  function errorText(response, body) {
    if (response.status === 429) {
      const wait = response.headers.get("Retry-After");
      return "Too many checks just now" + (wait ? "; try again in " + wait + " seconds." : "; please wait a moment.");
    }
    return (body && body.error && body.error.message) || "The service answered with an error (" + response.status + ").";
  }

  async function check(quote) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    setStatus("Checking the quote…");
    try {
      const response = await fetch("/api/quote-check", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ quote }), signal: controller.signal,
      });
      const body = await response.json().catch(() => null);
      if (!response.ok || !body) return setStatus(errorText(response, body), true);
      log.append(resultNode(body));
      announce.textContent = verdictText(body);
      setStatus("");
      log.lastElementChild.scrollIntoView({ block: "nearest" });
    } catch {
      setStatus("Could not check the quote; check your connection and try again.", true);
    } finally {
      clearTimeout(timer);
    }
  }

  modes.hidden = false;
  modes.addEventListener("change", (event) => setMode(event.target.value));
  setMode(modes.querySelector("input:checked").value);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const quote = input.value.trim();
    if (!quote) return setStatus("Paste a quote first.", true);
    clearTimeout(debounce);  // a double press sends one check
    debounce = setTimeout(() => check(quote), 200);
  });
})();
