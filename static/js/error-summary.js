/* An error summary (GOV.UK/Difi style) above a form that was sent back with errors: it gets the focus
   when the page loads, so a screen reader reads it first and a keyboard user starts from it; its links
   move the focus to the field in question (the browser follows #id to the field itself). */
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("href").slice(1));
    if (!field) { return; }
    event.preventDefault();
    field.focus();
    field.scrollIntoView({block: "center"});
  });
})();
