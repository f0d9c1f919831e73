/* Every page: positions and sizes that come from data (the timeline, progress bars).
   The Content-Security-Policy forbids style="" attributes in the markup, so the templates write
   data-left / data-top / data-width / data-height and this script sets them through the CSSOM,
   which the policy allows. Only plain lengths are accepted (a number with %, rem or px). */
(function () {
  "use strict";
  var PROPERTIES = ["left", "top", "width", "height"];
  var LENGTH = /^-?\d+(\.\d+)?(%|rem|px)$/;

  function apply(root) {
    var selector = PROPERTIES.map(function (p) { return "[data-" + p + "]"; }).join(",");
    var elements = Array.prototype.slice.call(root.querySelectorAll(selector));
    if (root.matches && root.matches(selector)) { elements.push(root); }
    elements.forEach(function (el) {
      PROPERTIES.forEach(function (p) {
        var value = el.getAttribute("data-" + p);
        if (value !== null && LENGTH.test(value)) { el.style[p] = value; }
      });
    });
  }

  apply(document);
  // Content swapped in by htmx (e.g. an import's progress every second).
  if (window.htmx) { window.htmx.onLoad(apply); }
})();

/* The main menu's groups (templates/base.html): Bootstrap's dropdown opens and closes them on a wide
   screen; on a narrow one they are sections that are always shown. Bootstrap's arrow keys still mark a
   section's dropdown open there (they move between its entries), so close every group when the screen
   becomes wide, lest one stand open that nobody opened. */
(function () {
  "use strict";
  if (!window.bootstrap || !window.matchMedia) { return; }
  var wide = window.matchMedia("(min-width: 1200px)");
  function closeGroups() {
    document.querySelectorAll(".main-menu .nav-group > [data-bs-toggle=dropdown]").forEach(function (toggle) {
      var dropdown = window.bootstrap.Dropdown.getInstance(toggle);
      if (dropdown) { dropdown.hide(); }
    });
  }
  if (wide.addEventListener) { wide.addEventListener("change", closeGroups); }
})();
