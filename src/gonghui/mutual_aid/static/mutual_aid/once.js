/* Forms marked data-once: the buttons are disabled right after the first submission (a double click sends one
   request). Disabled on the next tick, so the clicked button's own name and value are still sent. The server
   stays the guard: approving twice is harmless anyway. */
document.addEventListener("submit", function (event) {
  "use strict";
  var form = event.target;
  if (!form.hasAttribute || !form.hasAttribute("data-once")) { return; }
  if (form.dataset.sent === "1") { event.preventDefault(); return; }
  form.dataset.sent = "1";
  window.setTimeout(function () {
    form.querySelectorAll("button[type=submit], button:not([type])").forEach(function (b) { b.disabled = true; });
  }, 0);
}, true);
