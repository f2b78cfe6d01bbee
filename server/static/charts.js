// Draws every <figure data-chart> of the page from its JSON data island with Chart.js, which the
// editor serves from var/editor (loaded here, once, from the script's data-chartjs URL). Without
// Chart.js the figure keeps its table, opened, so nothing is lost.
(function () {
  "use strict";
  const script = document.currentScript;
  const figures = () => Array.from(document.querySelectorAll("figure[data-chart]"));

  function showTables() {
    for (const figure of figures()) {
      const details = figure.querySelector("details.chart-table");
      if (details) details.open = true;
      const canvas = figure.querySelector(".chart-canvas");
      if (canvas) canvas.hidden = true;
    }
  }

  function barChart(canvas, data) {
    const axis = data.horizontal ? "y" : "x";
    return new window.Chart(canvas, {
      type: "bar",
      data: { labels: data.labels, datasets: data.datasets },
      options: {
        indexAxis: axis,
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { stacked: data.stacked }, y: { stacked: data.stacked, beginAtZero: true } },
        plugins: { legend: { display: data.datasets.length > 1, position: "bottom" } },
      },
    });
  }

  function day(text) {
    return new Date(text.length === 4 ? text + "-01-01" : text.length === 7 ? text + "-01" : text)
      .getTime();
  }

  function timelineChart(canvas, data) {
    const points = data.bars.map((bar) => [day(bar.from), day(bar.to) + 86400000]);
    const iso = (value) => new Date(value).toISOString().slice(0, 10);
    return new window.Chart(canvas, {
      type: "bar",
      data: { labels: data.labels, datasets: [{ label: "", data: points }] },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { ticks: { callback: (value) => iso(value) } } },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (item) => data.bars[item.dataIndex].from + " – " + data.bars[item.dataIndex].to } },
        },
      },
    });
  }

  function draw() {
    for (const figure of figures()) {
      const island = figure.querySelector("script.chart-data");
      const canvas = figure.querySelector("canvas");
      if (!island || !canvas) continue;
      const data = JSON.parse(island.textContent);
      const chart = data.type === "timeline" ? timelineChart(canvas, data) : barChart(canvas, data);
      figure.dataset.drawn = chart ? "yes" : "no";
    }
  }

  function start() {
    if (!figures().some((figure) => figure.querySelector("script.chart-data"))) return;
    if (window.Chart) return draw();
    const library = document.createElement("script");
    library.src = script.dataset.chartjs;
    library.addEventListener("load", draw);
    library.addEventListener("error", showTables);
    document.head.appendChild(library);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
