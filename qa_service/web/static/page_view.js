/* Page view: "Copy citation" (the text is on the page too, for browsers without a clipboard). */
(() => {
  "use strict";
  const button = document.querySelector(".page-view .copy");
  const status = document.getElementById("status");
  if (!button) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(button.dataset.cite);
      status.textContent = "Citation copied.";
    } catch {
      status.textContent = "Copying is blocked here; select the citation text and copy it.";
    }
  });
})();
