/* Chat page: ask through the JSON API, show cited answers, expand and copy citations. No framework;
   every piece of server data becomes a text node. Without JavaScript the form goes to /search. */
(() => {
  "use strict";
  const { el, tableNode } = window.qaDom;
  const form = document.getElementById("ask-form");
  const log = document.getElementById("conversation");
  if (!form || !log) return;
  const input = document.getElementById("q");
  const status = document.getElementById("status");
  const announce = document.getElementById("announce");
  const publishers = JSON.parse(log.dataset.publishers || "{}");
  const TIMEOUT_MS = 30000;
  const MAX_HISTORY = 10;
  const history = [];
  let turns = 0;
  let inFlight = null;


  function setStatus(text, isError) {
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  }

  function shortPublisher(publisher) {
    const match = /\(([^()]+)\)\s*$/.exec(publisher);
    return match ? match[1].trim() : publisher.trim();
  }

  const SCANNED = "text read from a scanned page";  // OCR can misread: the reader should know

  /* The page as printed: the PDF's label where it defines one ("8", "COVa"), else the physical number. */
  function printedPage(c) {
    if (c.page_label) return c.page_label;
    return Number.isInteger(c.page) ? String(c.page) : "";
  }

  /* Mirrors qa_service.citing.citation_text: only metadata that exists, nothing invented. */
  function citationText(c, passage, url) {
    const parts = [];
    const publisher = passage && publishers[passage.document_id];
    if (publisher) parts.push(shortPublisher(publisher));
    parts.push(c.document);
    if (printedPage(c)) parts.push("p. " + printedPage(c));
    else if (c.paragraph !== null && c.paragraph !== undefined) parts.push("para. " + c.paragraph);
    parts.push('"' + c.quote + '"');
    parts.push(url);
    return parts.join(", ");
  }

  function quoteSpan(text, c) {
    const s = c.quote_start, e = c.quote_end;
    if (Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s < e && e <= text.length) return [s, e];
    const found = text.indexOf(c.quote);
    return found >= 0 ? [found, found + c.quote.length] : [0, 0];
  }

  function passageQuote(text, span) {
    const [s, e] = span;
    if (s >= e) return el("blockquote", { class: "passage" }, text);
    return el("blockquote", { class: "passage" }, text.slice(0, s), el("mark", {}, text.slice(s, e)), text.slice(e));
  }

  function sameOrigin(path) {
    const url = new URL(path, location.origin);
    if (url.origin !== location.origin) throw new Error("unexpected page url");
    return url.href;
  }

  function permalink(c, span) {
    const url = new URL(c.url, location.origin);
    if (url.origin !== location.origin) throw new Error("unexpected citation url");
    if (span[0] < span[1]) url.searchParams.set("hl", span[0] + "-" + span[1]);
    return url.href;
  }


  /* The run “quote” before a marker [n] whose citation is a table row: drawn as that table instead. */
  function tableBefore(before, n, citations) {
    for (const c of citations) {
      const run = "“" + c.quote.replace(/\s+/g, " ").trim() + "” ";
      if (c.table && String(c.n) === n && before.endsWith(run)) return [before.slice(0, -run.length), tableNode(c.table)];
    }
    return [before];
  }

  function answerNode(text, covered, prefix, citations) {
    const node = el("div", { class: covered ? "answer" : "answer not-covered" });
    let last = 0;
    for (const m of text.matchAll(/\[(\d+)\]/g)) {
      node.append(...tableBefore(text.slice(last, m.index), m[1], citations || []));
      const link = el("a", { class: "marker", href: "#" + prefix + "-c" + m[1] }, m[0]);
      link.addEventListener("click", () => {
        const details = document.getElementById(prefix + "-c" + m[1])?.querySelector("details");
        if (details) details.open = true;
      });
      node.append(link);
      last = m.index + m[0].length;
    }
    node.append(text.slice(last));
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

  function citationNode(c, passage, prefix) {
    const body = el("div", {}, el("p", {}, "Loading the passage…"));
    const details = el("details", {}, el("summary", {}, el("span", { class: "n" }, "[" + c.n + "]"), " ",
      c.document + (printedPage(c) ? ", p. " + printedPage(c) : "") + (c.ocr ? " (" + SCANNED + ")" : "")), body);
    const fill = (p) => {
      const span = quoteSpan(p.text, c);
      const link = permalink(c, span);
      const cite = citationText(c, p, link);
      const button = el("button", { type: "button", class: "copy" }, "Copy citation");
      button.addEventListener("click", () => copy(cite));
      const meta = el("dl", { class: "meta" }, el("dt", {}, "Document"), el("dd", {}, c.document),
        el("dt", {}, "Kind"), el("dd", {}, c.kind));
      if (c.section) meta.append(el("dt", {}, "Section"), el("dd", {}, c.section));
      if (printedPage(c)) meta.append(el("dt", {}, "Page"), el("dd", {}, printedPage(c)));
      else if (c.paragraph) meta.append(el("dt", {}, "Paragraph"), el("dd", {}, String(c.paragraph)));
      if (c.ocr) meta.append(el("dt", {}, "Source"), el("dd", { class: "ocr" }, SCANNED));
      body.replaceChildren(passageQuote(p.text, span), meta, el("p", { class: "cite-text" }, cite),
        el("div", { class: "actions" }, button, el("a", { href: link }, "Permalink to this passage"),
          c.page_url ? el("a", { href: sameOrigin(c.page_url), class: "on-page" }, "See it on the page") : ""));
    };
    if (passage) fill(passage);
    else details.addEventListener("toggle", () => loadPassage(c.passage_id).then(fill, () => {
      body.replaceChildren(el("p", {}, "The passage could not be loaded."));
    }), { once: true });
    return el("li", { class: "citation", id: prefix + "-c" + c.n }, details);
  }

  async function loadPassage(id) {
    const response = await fetch("/api/passages/" + encodeURIComponent(id));
    if (!response.ok) throw new Error("passage " + response.status);
    return response.json();
  }

  // Feedback on one answer (issue 7): pick a thumb, optionally comment, send once. No cookies, no ids.
  function feedbackNode(data) {
    const note = el("p", { class: "feedback-status", role: "status" });
    const comment = el("input", { type: "text", maxlength: "500", "aria-label": "Comment (optional)", placeholder: "Comment (optional)", hidden: "" });
    const send = el("button", { type: "button", class: "feedback-send", hidden: "" }, "Send feedback");
    const thumbs = [["up", "Helpful"], ["down", "Not helpful"]].map(([rating, label]) => {
      const button = el("button", { type: "button", class: "thumb", "data-rating": rating, "aria-pressed": "false" }, label);
      button.addEventListener("click", () => {
        thumbs.forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
        comment.hidden = send.hidden = false;
      });
      return button;
    });
    send.addEventListener("click", async () => {
      const picked = thumbs.find((b) => b.getAttribute("aria-pressed") === "true");
      const body = { answer_id: data.answer_id, rating: picked.dataset.rating };
      if (comment.value.trim()) body.comment = comment.value.trim();
      send.disabled = true;
      try {
        // Idempotency-Key: if the load balancer retries this POST on another replica, it is stored once
        const key = crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
        const response = await fetch("/api/feedback", { method: "POST", headers: { "Content-Type": "application/json", "Idempotency-Key": key }, body: JSON.stringify(body) });
        const reply = await response.json().catch(() => null);
        if (!response.ok) throw new Error(errorText(response, reply));
        note.textContent = "Thank you for your feedback.";
        thumbs.concat([comment, send]).forEach((n) => { n.disabled = true; });
      } catch (error) {
        note.textContent = error.message || "Could not send your feedback; please try again.";
        send.disabled = false;
      }
    });
    const link = el("a", { href: data.permalink, class: "answer-permalink" }, "Link to this answer");
    return el("div", { class: "feedback" }, link, " ", ...thumbs, comment, send, note);
  }

  function turnNode(typed, data) {
    const prefix = "t" + (++turns);
    const byId = Object.fromEntries((data.passages || []).map((p) => [p.id, p]));
    const node = el("article", { class: "turn", id: prefix }, el("p", { class: "question" }, typed));
    if (data.standalone_question && data.standalone_question.trim() !== typed.trim()) {
      node.append(el("p", { class: "standalone" }, "Searched as: " + data.standalone_question));
    }
    const scope = (data.answering_from || []).map((d) => d.document).filter(Boolean);
    if (scope.length) node.append(el("p", { class: "scope" }, "Answering from: " + scope.join("; ")));
    node.append(answerNode(data.answer, data.covered, prefix, data.citations));
    if (data.citations.length) {
      node.append(el("ol", { class: "citations", "aria-label": "Sources" },
        ...data.citations.map((c) => citationNode(c, byId[c.passage_id], prefix))));
    }
    if (data.answer_id) node.append(feedbackNode(data));
    return node;
  }

  function errorText(response, body) {
    if (response.status === 429) {
      const wait = response.headers.get("Retry-After");
      return "Too many questions just now" + (wait ? "; try again in " + wait + " seconds." : "; please wait a moment.");
    }
    return (body && body.error && body.error.message) || "The service answered with an error (" + response.status + ").";
  }

  async function ask(question) {
    if (inFlight) inFlight.abort();
    const controller = new AbortController();
    inFlight = controller;
    const timer = setTimeout(() => controller.abort(new DOMException("timeout", "TimeoutError")), TIMEOUT_MS);
    setStatus("Looking for the answer…");
    try {
      const response = await fetch("/api/ask", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ question, history: history.slice(-MAX_HISTORY) }),
        signal: controller.signal,
      });
      const body = await response.json().catch(() => null);
      if (!response.ok || !body) return setStatus(errorText(response, body), true);
      log.append(turnNode(question, body));
      history.push({ question, answer: body.answer });
      announce.textContent = body.answer;  // only the new answer, never the whole conversation
      setStatus("");
      input.value = "";
      log.lastElementChild.scrollIntoView({ block: "nearest" });
    } catch (error) {
      if (controller !== inFlight) return;  // superseded by a newer question
      const timedOut = controller.signal.reason && controller.signal.reason.name === "TimeoutError";
      setStatus(timedOut ? "The service took too long to answer; please try again." : "Could not reach the service; check your connection and try again.", true);
    } finally {
      clearTimeout(timer);
      if (inFlight === controller) inFlight = null;
    }
  }

  let debounce = null;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question) return setStatus("Type a question first.", true);
    clearTimeout(debounce);  // a double press sends one question
    debounce = setTimeout(() => ask(question), 200);
  });
})();
