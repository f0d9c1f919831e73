/* The Læringsspeil and the dashboard: a print button and the trend charts (Chart.js, vendored).
   Without JavaScript the pages show the same numbers as tables. */
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // «See the chart» opens the indicator's trend (a closed <details>) before the browser jumps to it.
  document.querySelectorAll("a[data-open-details]").forEach(function (link) {
    link.addEventListener("click", function () {
      var target = document.getElementById(link.getAttribute("href").slice(1));
      if (target && target.tagName === "DETAILS") { target.open = true; }
    });
  });
  if (typeof Chart === "undefined") { return; }
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    var breaks = data.breaks || [];
    // No line across a break in the series (a new series begins at each index in data.breaks).
    var segment = { borderColor: function (ctx) {
      return breaks.indexOf(ctx.p1DataIndex) >= 0 ? "transparent" : undefined;
    } };
    canvas.hidden = false;
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: data.municipality_label, data: data.municipality, borderColor: "#0b3d63",
            backgroundColor: "#0b3d63", spanGaps: true, segment: segment },
          { label: data.nation_label, data: data.nation, borderColor: "#6c757d", backgroundColor: "#6c757d",
            borderDash: [5, 4], spanGaps: true, segment: segment }
        ]
      },
      options: { animation: false, responsive: true, maintainAspectRatio: false,
                 plugins: { legend: { position: "bottom" } } }
    });
  });
})();
