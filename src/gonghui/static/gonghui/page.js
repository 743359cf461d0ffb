/* The page behaviours of every page, as data attributes instead of inline handlers (the Content-Security-Policy
   refuses inline script, so no template carries onclick=, onchange= or onsubmit=):
   - form[data-once]: the buttons are disabled right after the first submission (a double click sends one
     request). Disabled on the next tick, so the clicked button's own name and value are still sent. The server
     stays the guard: approving twice is harmless anyway.
   - [data-confirm] on a button or a form: asks before submitting; cancelling sends nothing.
   - select[data-autosubmit]: submits its form when changed; data-clear="#a,#b" empties those fields first.
   - input[type=checkbox][data-check-all=NAME]: ticks or clears every checkbox named NAME in its form. */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute) { return; }
    var button = event.submitter;
    var question = (button && button.dataset.confirm) || form.dataset.confirm;
    if (question && !window.confirm(question)) { event.preventDefault(); return; }
    if (!form.hasAttribute("data-once")) { return; }
    if (form.dataset.sent === "1") { event.preventDefault(); return; }
    form.dataset.sent = "1";
    window.setTimeout(function () {
      form.querySelectorAll("button[type=submit], button:not([type])").forEach(function (b) { b.disabled = true; });
    }, 0);
  }, true);

  document.addEventListener("change", function (event) {
    var field = event.target;
    if (field.matches && field.matches("select[data-autosubmit]") && field.form) {
      if (field.dataset.clear) {
        document.querySelectorAll(field.dataset.clear).forEach(function (other) { other.value = ""; });
      }
      field.form.requestSubmit ? field.form.requestSubmit() : field.form.submit();
    }
    if (field.matches && field.matches("input[type=checkbox][data-check-all]")) {
      var scope = field.form || document;
      scope.querySelectorAll("input[type=checkbox][name='" + field.dataset.checkAll + "']").forEach(function (box) {
        box.checked = field.checked;
      });
    }
  });
}());
