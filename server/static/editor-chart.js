// The editor's Chart view: a YASR plugin that draws a SELECT result as a bar or line chart with
// Chart.js (installed by npm and served from this server like YASGUI, so no internet; it draws
// on a canvas, so no inline styles). The reader picks the column that names the points and the
// numeric column they measure; IRIs are named by their labels (editor-labels.js). YASR's
// download button saves the chart as a PNG. Registered before editor.js builds YASGUI.
(function () {
  "use strict";
  if (typeof Yasgui === "undefined" || typeof Chart === "undefined") {
    return;
  }
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var NUMERIC = new Set([
    "integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
    "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte",
  ].map(function (name) { return XSD + name; }));
  var MAX_POINTS = 500; // more would not be readable; the caption says when rows are left out
  var WORDS = JSON.parse((document.getElementById("yasgui") || { dataset: {} }).dataset.words || "{}");
  var TYPES = { bar: WORDS.bar, line: WORDS.line };
  var COLOUR = "#2f6fb0";
  var SVG = "http://www.w3.org/2000/svg";

  // Paints the canvas white under the chart, so that the PNG is not transparent.
  var whiteBackground = {
    id: "whiteBackground",
    beforeDraw: function (chart) {
      var context = chart.ctx;
      context.save();
      context.globalCompositeOperation = "destination-over";
      context.fillStyle = "#fff";
      context.fillRect(0, 0, chart.width, chart.height);
      context.restore();
    },
  };

  function isNumber(binding) {
    return Boolean(binding) && (binding.type === "literal" || binding.type === "typed-literal")
      && NUMERIC.has(binding.datatype) && isFinite(Number(binding.value));
  }

  function ChartView(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = WORDS.chart;
    this.chart = null;
    this.canvas = null;
    this.figure = null;
    this.caption = null;
    this.settings = {};
  }

  // The result's variables, its rows, and the variables whose bound values are all numbers.
  ChartView.prototype.columns = function () {
    var results = this.yasr.results;
    var variables = (results && results.getVariables()) || [];
    var rows = (results && results.getBindings()) || [];
    var numeric = variables.filter(function (variable) {
      var bound = rows.filter(function (row) { return row[variable]; });
      return bound.length > 0 && bound.every(function (row) { return isNumber(row[variable]); });
    });
    return { variables: variables, rows: rows, numeric: numeric };
  };

  ChartView.prototype.canHandleResults = function () {
    return this.columns().numeric.length > 0;
  };

  ChartView.prototype.getIcon = function () {
    var icon = document.createElementNS(SVG, "svg");
    icon.setAttribute("viewBox", "0 0 16 16");
    icon.setAttribute("aria-hidden", "true");
    [[1, 9, 4, 6], [6, 3, 4, 12], [11, 6, 4, 9]].forEach(function (bar) {
      var rect = document.createElementNS(SVG, "rect");
      ["x", "y", "width", "height"].forEach(function (name, index) {
        rect.setAttribute(name, String(bar[index]));
      });
      icon.appendChild(rect);
    });
    var wrapper = document.createElement("div");
    wrapper.className = "svgImg"; // sized like YASR's own icons
    wrapper.appendChild(icon);
    return wrapper;
  };

  // Saved choices that still fit the result; otherwise the last numeric column against the
  // first other column, as bars.
  ChartView.prototype.choose = function (columns, saved) {
    var value = columns.numeric.indexOf(saved.value) >= 0
      ? saved.value : columns.numeric[columns.numeric.length - 1];
    var others = columns.variables.filter(function (variable) { return variable !== value; });
    var label = others.indexOf(saved.label) >= 0 ? saved.label : (others[0] || value);
    return { label: label, value: value, type: TYPES[saved.type] ? saved.type : "bar" };
  };

  ChartView.prototype.select = function (text, setting, options, columns) {
    var self = this;
    var label = document.createElement("label");
    label.textContent = text + " ";
    var control = document.createElement("select");
    control.setAttribute("aria-label", text); // not also the options' text, as the label gives
    Object.keys(options).forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      option.textContent = options[value];
      option.selected = value === self.settings[setting];
      control.appendChild(option);
    });
    control.addEventListener("change", function () {
      self.settings[setting] = control.value;
      self.yasr.storePluginConfig("chart", Object.assign({}, self.settings));
      self.render(columns);
    });
    label.appendChild(control);
    return label;
  };

  ChartView.prototype.draw = function (persistentConfig) {
    var columns = this.columns();
    this.settings = this.choose(columns, persistentConfig || {});
    var byName = function (names) {
      return Object.fromEntries(names.map(function (name) { return [name, "?" + name]; }));
    };
    var view = document.createElement("div");
    view.className = "chart-view";
    var controls = document.createElement("div");
    controls.className = "chart-controls";
    controls.append(
      this.select(WORDS.namesFrom, "label", byName(columns.variables), columns),
      this.select(WORDS.valuesFrom, "value", byName(columns.numeric), columns),
      this.select(WORDS.chartType, "type", TYPES, columns)
    );
    var figure = document.createElement("figure");
    figure.className = "chart-figure";
    this.figure = figure;
    var frame = document.createElement("div");
    frame.className = "chart-frame";
    this.canvas = document.createElement("canvas");
    this.canvas.setAttribute("role", "img");
    frame.appendChild(this.canvas);
    this.caption = document.createElement("figcaption");
    figure.append(frame, this.caption);
    view.append(controls, figure);
    this.yasr.resultsEl.appendChild(view); // in the page before Chart.js measures the frame
    this.render(columns);
  };

  // How a point is named: an IRI by its label (else its prefixed form), a literal by its text.
  ChartView.prototype.nameOf = function (binding, entries, prefixes) {
    if (!binding) {
      return "—";
    }
    if (binding.type !== "uri") {
      return binding.value;
    }
    var entry = entries.get(binding.value);
    if (entry && entry.label) {
      return entry.label;
    }
    var prefix = Object.keys(prefixes).find(function (name) {
      return binding.value.indexOf(prefixes[name]) === 0;
    });
    return prefix === undefined ? binding.value
      : prefix + ":" + binding.value.slice(prefixes[prefix].length);
  };

  // Draws the chart at once, with IRIs named by their prefixed form, and renames the points
  // by their labels when /labels.json answers: the chart never waits on the network to appear
  // (the figure is aria-busy until then). A later redraw or close wins over a late answer.
  ChartView.prototype.render = function (columns) {
    var self = this;
    var settings = this.settings;
    var rows = columns.rows.slice(0, MAX_POINTS);
    var names = rows.map(function (row) { return row[settings.label]; });
    var prefixes = this.yasr.getPrefixes() || {};
    var title = "?" + settings.value + " by ?" + settings.label;
    var namesBy = function (entries) {
      return names.map(function (binding) { return self.nameOf(binding, entries, prefixes); });
    };
    if (this.chart) {
      this.chart.destroy();
    }
    var chart = new Chart(this.canvas, {
      type: settings.type,
      data: {
        labels: namesBy(new Map()),
        datasets: [{
          label: "?" + settings.value,
          data: rows.map(function (row) {
            return row[settings.value] ? Number(row[settings.value].value) : null;
          }),
          backgroundColor: COLOUR,
          borderColor: COLOUR,
        }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false }, title: { display: true, text: title } },
        scales: { y: { beginAtZero: true } },
      },
      plugins: [whiteBackground],
    });
    this.chart = chart;
    this.canvas.setAttribute("aria-label", TYPES[settings.type] + " chart of " + title);
    this.caption.textContent = title + ": " + rows.length
      + (rows.length < columns.rows.length ? " " + WORDS.of + " " + columns.rows.length : "")
      + " " + WORDS.rows;
    var iris = names.filter(function (b) { return b && b.type === "uri"; })
      .map(function (b) { return b.value; });
    if (iris.length === 0 || !window.legisgraphLabels) {
      return;
    }
    var figure = this.figure;
    figure.setAttribute("aria-busy", "true");
    window.legisgraphLabels.labels(iris).then(function (entries) {
      if (self.chart !== chart) {
        return; // redrawn or closed meanwhile
      }
      chart.data.labels = namesBy(entries);
      chart.update();
      figure.setAttribute("aria-busy", "false");
    });
  };

  ChartView.prototype.download = function (filename) {
    var self = this;
    if (!this.canHandleResults()) {
      return undefined;
    }
    return {
      contentType: "image/png",
      title: WORDS.downloadChart,
      filename: (filename || "chart") + ".png",
      getData: function () { return self.chart ? self.chart.toBase64Image("image/png", 1) : ""; },
    };
  };

  ChartView.prototype.destroy = function () {
    if (this.chart) {
      this.chart.destroy();
    }
    this.chart = null;
    this.canvas = null;
    this.figure = null;
  };

  Yasgui.Yasr.registerPlugin("chart", ChartView);
  Yasgui.Yasr.defaults.pluginOrder = ["table", "chart", "response"];
})();
