// The adviser's sign-up form: the users' list shows only the people of the chosen unit (each option names
// its units in data-units, competence/staff_forms.py). Without script every user is listed, with their units.
(function () {
  "use strict";
  var unit = document.getElementById("id_unit");
  var user = document.getElementById("id_user");
  if (!unit || !user) { return; }
  function narrow() {
    var chosen = unit.value;
    Array.prototype.forEach.call(user.options, function (option) {
      if (!option.value) { return; }
      var fits = !chosen || (option.getAttribute("data-units") || "").split(" ").indexOf(chosen) !== -1;
      option.hidden = !fits;
      option.disabled = !fits;
      if (!fits && option.selected) { user.value = ""; }
    });
  }
  unit.addEventListener("change", narrow);
  narrow();
}());
