// The comparison's choice of indicator: a new indicator has grades of its own, so the grade chosen
// for the previous one is not sent (the page then shows the new indicator's first grade).
(function () {
  "use strict";
  var form = document.getElementById("comparison-form");
  if (!form) { return; }
  var indicator = form.querySelector("select[name=indicator]");
  var grade = form.querySelector("select[name=grade]");
  if (indicator && grade) {
    indicator.addEventListener("change", function () { grade.disabled = true; });
  }
})();
