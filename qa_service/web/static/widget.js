/* <qa-widget>: ask the documents (the LGIU report by default) from any web page with one script tag.
 *
 *   <script src="https://HOST/widget.js" defer></script>
 *   <qa-widget endpoint="https://HOST" mode="launcher"></qa-widget>   (mode="inline" sits in the page)
 *
 * Attributes: endpoint (defaults to where this script came from), mode, label, timeout (ms), and
 * quote-check (a boolean: the widget checks a pasted quote against the documents instead of answering).
 * Theme from the host page: qa-widget { --qa-accent; --qa-accent-text; --qa-bg; --qa-fg; --qa-font; --qa-radius }.
 * Events (bubbling, composed): "qa-answer" {detail: question, answer, covered, citations}, "qa-error" {detail: message}.
 * No dependencies. Shadow DOM keeps host CSS out and ours in; server data only ever becomes text nodes. */
(() => {
  "use strict";
  if (customElements.get("qa-widget")) return;
  const SCRIPT_ORIGIN = document.currentScript ? new URL(document.currentScript.src).origin : location.origin;
  // the site's and the documents' names: /widget.js writes the configured ones here (QA_SITE_NAME, QA_CORPUS_NAME)
  const NAMES = {"site": "Ask the report", "corpus": "Rationalising Partnerships and Plans"};
  const DEBOUNCE_MS = 250;
  const MAX_HISTORY = 10;

  // Every element is restyled from .root down: inherited host styles stop at .root, and host selectors
  // never match inside the shadow tree. Sizes are in em/px so the host's root font size cannot change them.
  const CSS = `
:host { display: block; }
:host([hidden]) { display: none; }
.root { all: initial; display: block; font: 400 15px/1.45 var(--qa-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  color: var(--qa-fg, #1b1b1b); text-align: left; }
:where(.root *) { box-sizing: border-box; font: inherit; color: inherit; letter-spacing: normal; text-transform: none; }
.root [hidden] { display: none; }
.panel { display: flex; flex-direction: column; gap: .6em; background: var(--qa-bg, #fff); border: 1px solid #8a8a8a;
  border-radius: var(--qa-radius, 10px); padding: 1em; }
/* The launcher's panel keeps its heading, close button and input in view: only the answers scroll. */
.launcher-mode .panel { position: fixed; right: 16px; bottom: 76px; width: min(26em, calc(100vw - 32px));
  max-height: min(36em, calc(100vh - 100px)); max-height: min(36em, calc(100dvh - 100px)); overflow: hidden;
  box-shadow: 0 8px 28px rgba(0,0,0,.25); z-index: 2147483646; }
.launcher-mode .panel > * { flex: none; }
.launcher-mode .panel > .log { flex: 1 1 auto; min-height: 0; overflow: auto; overscroll-behavior: contain; }
.launcher { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; display: inline-block; }
/* Where the host places a launcher it leaves room, so the end of the host's text can scroll clear of it. */
:host([mode="launcher"]) { height: 76px; }
@media (max-width: 480px) {
  .launcher-mode .panel { right: 8px; bottom: 64px; width: calc(100vw - 16px); max-height: calc(100vh - 76px);
    max-height: calc(100dvh - 76px); }
  .launcher { right: 8px; bottom: 8px; padding: .45em .8em; }
  :host([mode="launcher"]) { height: 60px; }
}
.head { display: flex; justify-content: space-between; align-items: center; gap: .5em; }
h2 { margin: 0; font-size: 1.1em; font-weight: 700; }
label { display: block; font-weight: 600; margin: 0 0 .3em; }
.row { display: flex; gap: .5em; }
input { flex: 1; min-width: 0; padding: .55em .7em; border: 2px solid #6b6b6b; border-radius: var(--qa-radius, 10px);
  background: #fff; color: #1b1b1b; margin: 0; }
button { display: inline-block; cursor: pointer; margin: 0; padding: .55em 1em; border: 0; border-radius: var(--qa-radius, 10px);
  background: var(--qa-accent, #0b4f8a); color: var(--qa-accent-text, #fff); font-weight: 600; }
button.close { background: transparent; color: var(--qa-fg, #1b1b1b); padding: .2em .5em; font-size: 1.3em; line-height: 1; }
:focus-visible { outline: 3px solid var(--qa-focus, #b3400b); outline-offset: 2px; }
.status { margin: 0; min-height: 1.2em; color: #4a4a4a; font-size: .9em; }
.status.error { color: #a11b1b; font-weight: 600; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.turn { border-top: 1px solid #d6dbe1; padding-top: .5em; }
.q { font-weight: 700; margin: 0; }
.standalone, .scope { margin: .2em 0 0; color: #4a4a4a; font-size: .85em; }
.answer { margin: .3em 0; }
.answer.not-covered { color: #4a4a4a; font-style: italic; }
table { border-collapse: collapse; margin: .3em 0; font-size: .9em; min-width: min(100%, 24em); }
caption { text-align: left; font-weight: 600; }
th, td { padding: .15em .5em; border-bottom: 1px solid #d6dbe1; text-align: right; }
tbody th { text-align: left; font-weight: 400; }
.marker { font-weight: 700; color: var(--qa-link, #0b4f8a); }
ol { margin: .3em 0 0; padding: 0; list-style: none; }
li { margin: .4em 0; padding: .4em .6em; background: #f2f5f9; border-radius: 6px; color: #1b1b1b; }
.source { display: block; font-weight: 600; font-size: .9em; }
blockquote { display: block; margin: .3em 0; padding-left: .6em; border-left: 3px solid var(--qa-accent, #0b4f8a); font-size: .9em; }
a { color: var(--qa-link, #0b4f8a); text-decoration: underline; font-size: .9em; }
.feedback { display: flex; flex-wrap: wrap; align-items: center; gap: .4em; margin-top: .4em; }
button.thumb { background: transparent; color: inherit; border: 1px solid #8a8a8a; padding: .2em .5em; }
button.thumb[aria-pressed="true"] { background: var(--qa-accent, #0b4f8a); color: var(--qa-accent-text, #fff); }
button.send { padding: .3em .7em; }
textarea { flex: 1; min-width: 0; padding: .55em .7em; border: 2px solid #6b6b6b; border-radius: var(--qa-radius, 10px);
  background: #fff; color: #1b1b1b; margin: 0; resize: vertical; }
.verdict { font-weight: 700; margin: .3em 0; }
.diff { margin: .3em 0; line-height: 1.7; }
del { text-decoration: line-through; text-decoration-thickness: 2px; background: #fde2e2; color: #6b0f0f; }
ins { text-decoration: underline; text-decoration-thickness: 2px; background: #dcfce7; color: #0f4a24; }
.flag { font-size: .85em; color: #7a2e00; font-weight: 700; }
`;

  function tableNode(t) {
    const cells = (row, tag) => row.map((cell, i) => el(tag || (i ? "td" : "th"), tag ? { scope: "col" } : i ? {} : { scope: "row" }, cell));
    return el("table", {}, ...(t.caption ? [el("caption", {}, t.caption)] : []),
      el("thead", {}, ...t.header.map((row) => el("tr", {}, ...cells(row, "th")))), el("tbody", {}, ...t.rows.map((row) => el("tr", {}, ...cells(row)))));
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    node.append(...children.filter((c) => c !== null && c !== undefined && c !== ""));
    return node;
  }

  // Links built from server data must stay http(s): never a javascript: or data: URL.
  function httpUrl(value, base) {
    try {
      const url = new URL(value, base);
      return url.protocol === "https:" || url.protocol === "http:" ? url : null;
    } catch {
      return null;
    }
  }

  function debounce(fn, ms) {
    let timer = null;
    return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
  }

  function applyStyles(shadow) {
    // Constructable sheets are not inline <style>, so a host page's strict CSP does not block them.
    if ("adoptedStyleSheets" in shadow && typeof CSSStyleSheet.prototype.replaceSync === "function") {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      shadow.adoptedStyleSheets = [sheet];
    } else {
      shadow.append(el("style", {}, CSS));
    }
  }

  class QAWidget extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      this.history = [];
      this.inFlight = null;
      const shadow = this.attachShadow({ mode: "open" });
      applyStyles(shadow);
      this.launcherMode = (this.getAttribute("mode") || "inline") === "launcher";
      this.quoteMode = this.hasAttribute("quote-check");
      shadow.append(this.build());
      this.submit = debounce((q) => this.ask(q), DEBOUNCE_MS);
    }

    get endpoint() {
      const url = new URL(this.getAttribute("endpoint") || SCRIPT_ORIGIN, location.href);
      if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error("endpoint must be http(s)");
      return url.origin;
    }

    build() {
      const title = this.getAttribute("label") || NAMES.site;
      this.input = el("input", { id: "q", type: "text", autocomplete: "off", maxlength: "1000" });
      this.status = el("p", { class: "status", role: "status" });
      this.live = el("div", { class: "sr", "aria-live": "polite" });
      this.log = el("div", { class: "log" });
      const form = this.quoteMode ? this.quoteForm() : el("form", {}, el("label", { for: "q" }, "Your question about " + NAMES.corpus),
        el("div", { class: "row" }, this.input, el("button", { type: "submit" }, "Ask")));
      form.addEventListener("submit", (event) => this.onSubmit(event));
      const head = el("div", { class: "head" }, el("h2", { id: "title" }, title));
      this.panel = el("section", { class: "panel", id: "panel", "aria-labelledby": "title" }, head, form, this.status, this.live, this.log);
      const root = el("div", { class: this.launcherMode ? "root launcher-mode" : "root", part: "root" });
      if (!this.launcherMode) {
        root.append(this.panel);
        return root;
      }
      this.panel.setAttribute("role", "dialog");
      this.panel.hidden = true;
      const close = el("button", { type: "button", class: "close", "aria-label": "Close" }, "×");
      close.addEventListener("click", () => this.close());
      head.append(close);
      this.launcher = el("button", { type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": "panel" }, title);
      this.launcher.addEventListener("click", () => (this.panel.hidden ? this.open() : this.close()));
      this.panel.addEventListener("keydown", (event) => { if (event.key === "Escape") this.close(); });
      root.append(this.launcher, this.panel);
      return root;
    }

    open() {
      this.panel.hidden = false;
      this.launcher.setAttribute("aria-expanded", "true");
      this.input.focus();
    }

    close() {
      if (!this.launcher || this.panel.hidden) return;
      this.panel.hidden = true;
      this.launcher.setAttribute("aria-expanded", "false");
      this.launcher.focus();
    }

    onSubmit(event) {
      event.preventDefault();
      if (this.quoteMode) return (this.quoteSubmit ||= debounce(() => this.onQuote(), DEBOUNCE_MS))();  // a double press sends one
      const question = this.input.value.trim();
      if (!question) return this.setStatus("Type a question first.", true);
      this.setStatus("Looking for the answer…");
      this.submit(question);
    }

    setStatus(text, isError) {
      this.status.textContent = text;
      this.status.classList.toggle("error", Boolean(isError));
    }

    async ask(question) {
      if (this.inFlight) this.inFlight.abort();
      const controller = new AbortController();
      this.inFlight = controller;
      const timeout = Number(this.getAttribute("timeout")) || 30000;
      const timer = setTimeout(() => controller.abort(new DOMException("timeout", "TimeoutError")), timeout);
      try {
        const response = await fetch(this.endpoint + "/api/ask", {
          method: "POST", mode: "cors", credentials: "omit", signal: controller.signal,
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ question, history: this.history.slice(-MAX_HISTORY) }),
        });
        const body = await response.json().catch(() => null);
        if (!response.ok || !body) return this.fail(this.errorText(response, body));
        this.show(question, body);
      } catch (error) {
        if (controller !== this.inFlight) return;  // superseded by a newer question
        const timedOut = controller.signal.reason && controller.signal.reason.name === "TimeoutError";
        this.fail(timedOut ? "The service took too long to answer; please try again." : "Could not reach the service; please try again later.");
      } finally {
        clearTimeout(timer);
        if (this.inFlight === controller) this.inFlight = null;
      }
    }

    errorText(response, body) {
      if (response.status === 429) {
        const wait = response.headers.get("Retry-After");
        return "Too many questions just now" + (wait ? "; try again in " + wait + " seconds." : "; please wait a moment.");
      }
      return (body && body.error && body.error.message) || "The service answered with an error (" + response.status + ").";
    }

    fail(message) {
      this.setStatus(message, true);
      this.dispatchEvent(new CustomEvent("qa-error", { detail: { message }, bubbles: true, composed: true }));
    }

    show(question, body) {
      this.log.append(this.turn(question, body));
      this.history.push({ question, answer: body.answer });
      this.live.textContent = body.answer;  // announce the new answer only, never the history
      this.setStatus("");
      this.input.value = "";
      this.log.lastElementChild.scrollIntoView({ block: "nearest" });
      const detail = { question, answer: body.answer, covered: body.covered, citations: body.citations };
      this.dispatchEvent(new CustomEvent("qa-answer", { detail, bubbles: true, composed: true }));
    }

    turn(question, body) {
      const node = el("article", { class: "turn" }, el("p", { class: "q" }, question));
      if (body.standalone_question && body.standalone_question.trim() !== question) {
        node.append(el("p", { class: "standalone" }, "Searched as: " + body.standalone_question));
      }
      const scope = (body.answering_from || []).map((d) => d.document).filter(Boolean);
      if (scope.length) node.append(el("p", { class: "scope" }, "Answering from: " + scope.join("; ")));
      const answer = el("div", { class: body.covered ? "answer" : "answer not-covered" });
      let last = 0;
      for (const m of body.answer.matchAll(/\[(\d+)\]/g)) {
        let before = body.answer.slice(last, m.index);
        // a quoted table row is drawn as a small table (caption, column headers), not a run of " | " cells
        const run = (c) => "“" + c.quote.replace(/\s+/g, " ").trim() + "” ";
        const row = body.citations.find((c) => c.table && String(c.n) === m[1] && before.endsWith(run(c)));
        if (row) before = [before.slice(0, before.length - run(row).length), tableNode(row.table)];
        answer.append(...[].concat(before), el("span", { class: "marker" }, m[0]));
        last = m.index + m[0].length;
      }
      answer.append(body.answer.slice(last));
      node.append(answer);
      if (body.citations.length) node.append(el("ol", { "aria-label": "Sources" }, ...body.citations.map((c) => this.citation(c))));
      if (body.answer_id) node.append(this.feedback(body));
      return node;
    }

    // Thumbs up/down plus an optional comment on one answer, sent once to /api/feedback (issue 7).
    feedback(body) {
      const note = el("p", { class: "status", role: "status" });
      const comment = el("input", { type: "text", maxlength: "500", "aria-label": "Comment (optional)", placeholder: "Comment (optional)", hidden: "" });
      const send = el("button", { type: "button", class: "send", hidden: "" }, "Send feedback");
      const thumbs = [["up", "Helpful"], ["down", "Not helpful"]].map(([rating, label]) => {
        const button = el("button", { type: "button", class: "thumb", "data-rating": rating, "aria-pressed": "false" }, label);
        button.addEventListener("click", () => {
          thumbs.forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
          comment.hidden = send.hidden = false;
        });
        return button;
      });
      send.addEventListener("click", async () => {
        const rating = thumbs.find((b) => b.getAttribute("aria-pressed") === "true").dataset.rating;
        const payload = { answer_id: body.answer_id, rating, ...(comment.value.trim() ? { comment: comment.value.trim() } : {}) };
        send.disabled = true;
        try {
          const response = await fetch(this.endpoint + "/api/feedback", {
            method: "POST", mode: "cors", credentials: "omit", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload),
          });
          if (!response.ok) throw new Error(this.errorText(response, await response.json().catch(() => null)));
          note.textContent = "Thank you for your feedback.";
          thumbs.concat([comment, send]).forEach((n) => { n.disabled = true; });
        } catch (error) {
          note.textContent = error.message || "Could not send your feedback; please try again.";
          send.disabled = false;
        }
      });
      const permalink = body.permalink && httpUrl(body.permalink, this.endpoint);
      const link = permalink ? el("a", { href: permalink.href, target: "_blank", rel: "noopener" }, "Link to this answer") : "";
      return el("div", { class: "feedback" }, link, " ", ...thumbs, comment, send, note);
    }

    citation(c) {
      const printed = c.page_label || (Number.isInteger(c.page) ? String(c.page) : "");  // the label a reader sees
      const where = [c.document, c.kind, printed ? "p. " + printed : c.paragraph ? "para. " + c.paragraph : ""].filter(Boolean);
      const url = httpUrl("/passages/" + encodeURIComponent(c.passage_id), this.endpoint);
      if (Number.isInteger(c.quote_start) && Number.isInteger(c.quote_end)) url.searchParams.set("hl", c.quote_start + "-" + c.quote_end);
      if (c.ocr) where.push("text read from a scanned page");  // OCR can misread: say so
      const onPage = c.page_url && httpUrl(c.page_url, this.endpoint);
      return el("li", {}, el("span", { class: "source" }, "[" + c.n + "] " + where.join(" · ")),
        c.table ? tableNode(c.table) : el("blockquote", {}, c.quote),
        el("a", { href: url.href, target: "_blank", rel: "noopener" }, "Open the passage [" + c.n + "]"),
        onPage ? el("a", { href: onPage.href, target: "_blank", rel: "noopener", class: "on-page" }, "See it on the page [" + c.n + "]") : "");
    }
  }

  // --- Quote check (issue 14), behind the quote-check attribute: POST /api/quote-check, differences marked
  // with <del>/<ins> and hidden "deleted:"/"inserted:" labels, so they read without colour.
  const VERDICTS = {
    exact: "Exact: the documents say this word for word.",
    close: "Close: the documents say something similar. Struck-through words are the document's, underlined the quote's.",
    not_found: "Not found: the documents do not appear to say this.",
    entity: "Not the same subject: the wording is close, but a name differs. Struck-through words are the document's, underlined the quote's.",
  };
  const FLAGS = { number: "a number changed", negation: "a negation changed", entity: "a name changed" };
  const verdictText = (body) => VERDICTS[body.verdict === "close" && (body.flags || []).includes("entity") ? "entity" : body.verdict] || body.verdict;

  Object.assign(QAWidget.prototype, {
    quoteForm() {
      this.input = el("textarea", { id: "q", rows: "3", maxlength: "2000" });
      const form = el("form", {}, el("label", { for: "q" }, "Check a quote from " + NAMES.corpus),
        el("div", { class: "row" }, this.input, el("button", { type: "submit" }, "Check quote")));
      form.addEventListener("submit", (event) => this.onSubmit(event));
      return form;
    },

    async onQuote() {
      const quote = this.input.value.trim();
      if (!quote) return this.setStatus("Paste a quote first.", true);
      this.setStatus("Checking the quote…");
      try {
        const response = await fetch(this.endpoint + "/api/quote-check", {
          method: "POST", mode: "cors", credentials: "omit", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ quote }),
        });
        const body = await response.json().catch(() => null);
        if (!response.ok || !body) return this.fail(this.errorText(response, body));
        this.log.append(this.quoteResult(body));
        this.live.textContent = verdictText(body);
        this.setStatus("");
        this.dispatchEvent(new CustomEvent("qa-quote-check", { detail: { quote, verdict: body.verdict, matches: body.matches }, bubbles: true, composed: true }));
      } catch {
        this.fail("Could not reach the service; please try again later.");
      }
    },

    quoteResult(body) {
      const node = el("article", { class: "turn" }, el("p", { class: "q" }, "“" + body.quote + "”"),
        el("p", { class: "verdict" }, verdictText(body)));
      const items = body.matches.map((m) => {
        const page = m.page_label || m.page;
        const where = [m.document, page ? "p. " + page : m.paragraph ? "para. " + m.paragraph : ""].filter(Boolean);
        const url = httpUrl(m.url, this.endpoint);
        const onPage = m.page_url && httpUrl(m.page_url, this.endpoint);
        return el("li", {}, el("span", { class: "source" }, where.join(" · ")), this.quoteDiff(m.diff),
          m.table ? tableNode(m.table) : el("blockquote", {}, m.source_text), url ? el("a", { href: url.href, target: "_blank", rel: "noopener" }, "Open the passage") : "",
          onPage ? el("a", { href: onPage.href, target: "_blank", rel: "noopener", class: "on-page" }, "See it on the page") : "");
      });
      if (items.length) node.append(el("ol", { "aria-label": "Sources" }, ...items));
      return node;
    },

    quoteDiff(diff) {
      const node = el("p", { class: "diff" });
      diff.forEach((op, i) => {
        if (i) node.append(" ");
        if (op.op === "equal") return node.append(op.source);
        const elided = op.flags.includes("elided");
        if (op.source) node.append(el("del", {}, el("span", { class: "sr" }, elided ? "left out at the ellipsis: " : "deleted: "), op.source));
        if (op.quote) node.append(el("ins", {}, el("span", { class: "sr" }, "inserted: "), op.quote));
        for (const flag of op.flags) if (FLAGS[flag]) node.append(" ", el("span", { class: "flag" }, "(" + FLAGS[flag] + ")"));
      });
      return node;
    },
  });

  customElements.define("qa-widget", QAWidget);
})();
