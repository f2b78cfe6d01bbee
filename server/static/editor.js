// The query editor: YASGUI against this server's /sparql, offline, with the query library as
// examples. Settings come from data- attributes of #yasgui (no inline scripts: the site's
// Content-Security-Policy allows scripts from this origin only).
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  if (!root || typeof Yasgui === "undefined") {
    return;
  }
  var prefixes = JSON.parse(root.dataset.prefixes);
  var Yasqe = Yasgui.Yasqe;

  // Prefix completion from our own prefixes (the stock completer asks prefix.cc online).
  Yasqe.forkAutocompleter("prefixes", {
    name: "legisgraph-prefixes",
    persistenceId: null,
    bulk: true,
    get: function () {
      return Object.keys(prefixes).map(function (prefix) {
        return prefix + ": <" + prefixes[prefix] + ">";
      });
    },
  });

  var yasgui = new Yasgui(root, {
    requestConfig: { endpoint: root.dataset.endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: root.dataset.endpoint }]; } },
    populateFromUrl: true,
    yasqe: {
      // No LOV class/property look-ups: they need the internet.
      autocompleters: ["legisgraph-prefixes", "variables"],
      prefixCcApi: null,
    },
    yasr: { prefixes: prefixes, defaultPlugin: "table" },
  });

  // YASGUI's own controls (tab name, endpoint, query text, download formats) have no
  // accessible names: give each one as YASGUI renders it.
  var controlNames = [
    [".tab input[type=text]", "Tab name"],
    ["input.autocomplete", "SPARQL endpoint"],
    [".CodeMirror textarea", "SPARQL query"],
  ];
  function nameControls() {
    controlNames.forEach(function (entry) {
      root.querySelectorAll(entry[0]).forEach(function (control) {
        if (!control.hasAttribute("aria-label")) {
          control.setAttribute("aria-label", entry[1]);
        }
      });
    });
    root.querySelectorAll(".selector").forEach(function (selector) {
      var label = selector.querySelector("label");
      var control = selector.querySelector("select");
      if (label && control && !control.hasAttribute("aria-label")) {
        control.setAttribute("aria-label", label.textContent);
      }
    });
  }
  new MutationObserver(nameControls).observe(root, { childList: true, subtree: true });
  nameControls();

  function openTab(name, query) {
    var tab = yasgui.addTab(true, { name: name, yasqe: { value: query } });
    tab.setQuery(query);
    return tab;
  }

  if (root.dataset.openQuery === "true") {
    openTab("Query", root.dataset.query);
  }

  var select = document.getElementById("examples");
  fetch(root.dataset.queriesUrl, { headers: { Accept: "application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (library) {
      select.textContent = "";
      var placeholder = document.createElement("option");
      placeholder.value = "";
      placeholder.textContent = "Open an example from the query library…";
      select.appendChild(placeholder);
      library.queries.forEach(function (query, index) {
        var option = document.createElement("option");
        option.value = String(index);
        option.textContent = query.title.en + " · " + query.title["zh-Hant"];
        select.appendChild(option);
      });
      select.disabled = false;
      select.addEventListener("change", function () {
        if (select.value === "") {
          return;
        }
        var query = library.queries[Number(select.value)];
        openTab(query.title.en, query.bound_sparql);
        select.value = "";
      });
    })
    .catch(function (error) {
      select.textContent = "";
      var option = document.createElement("option");
      option.textContent = "The query library could not be loaded: " + error;
      select.appendChild(option);
    });
})();
