/* Progressive enhancement of a person choice (<select data-person-search>, projects/people.py):
   a search box above it narrows the options to the people whose label (name, role, unit) contains
   every word typed. The select itself stays a native control: without this script, by keyboard and
   with a screen reader it works as before. The number of matches is announced (role="status").
   Enter or ArrowDown in the box moves to the list, the first match chosen if nothing is. */
(function () {
  "use strict";

  function fold(text) {
    return text.toLocaleLowerCase("nb").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function enhance(select) {
    var id = select.id || ("person-" + Math.random().toString(36).slice(2));
    select.id = id;
    var box = document.createElement("div");
    box.className = "person-search mb-2";
    var label = document.createElement("label");
    label.className = "form-label small mb-1";
    label.htmlFor = id + "-search";
    label.textContent = select.getAttribute("data-search-label") || "Search";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id + "-search";
    input.className = "form-control form-control-sm";
    input.autocomplete = "off";
    input.setAttribute("aria-controls", id);
    input.setAttribute("aria-describedby", id + "-search-status");
    var status = document.createElement("div");
    status.id = id + "-search-status";
    status.className = "form-text";
    status.setAttribute("role", "status");
    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(status);
    select.parentNode.insertBefore(box, select);

    // Every option once, with its group, in the order the server gave.
    var entries = [];
    Array.prototype.forEach.call(select.children, function (child) {
      if (child.tagName === "OPTGROUP") {
        Array.prototype.forEach.call(child.children, function (option) {
          entries.push({ group: child, option: option, text: fold(option.textContent) });
        });
      } else {
        entries.push({ group: null, option: child, text: fold(child.textContent) });
      }
    });
    var groups = Array.prototype.filter.call(select.children, function (c) { return c.tagName === "OPTGROUP"; });
    var template = select.getAttribute("data-search-count") || "{n}";
    var none = select.getAttribute("data-search-none") || "0";

    function filter() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      var selected = select.value;
      while (select.firstChild) { select.removeChild(select.firstChild); }
      groups.forEach(function (g) { while (g.firstChild) { g.removeChild(g.firstChild); } });
      entries.forEach(function (entry) {
        var blank = entry.option.value === "";
        var match = words.every(function (w) { return entry.text.indexOf(w) !== -1; });
        // The empty choice and the person already chosen always stay, so nothing is changed unseen.
        if (!(blank || match || entry.option.value === selected)) { return; }
        if (!blank && match) { shown += 1; }
        if (entry.group) {
          if (entry.group.parentNode !== select) { select.appendChild(entry.group); }
          entry.group.appendChild(entry.option);
        } else {
          select.appendChild(entry.option);
        }
      });
      select.value = selected;
      status.textContent = words.length ? (shown ? template.replace("{n}", shown) : none) : "";
      return shown;
    }

    function firstMatch() {
      return Array.prototype.find.call(select.options, function (o) { return o.value !== ""; });
    }

    input.addEventListener("input", filter);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === "ArrowDown") {
        event.preventDefault();  // Enter would submit the form
        if (!select.value && input.value) {
          var option = firstMatch();
          if (option) { select.value = option.value; }
        }
        select.focus();
      }
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("select[data-person-search]"), enhance);
})();
