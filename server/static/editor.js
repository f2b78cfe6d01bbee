// The query editor: YASGUI against this server's /sparql, offline, with the query library as
// examples. Settings come from data- attributes of #yasgui (no inline scripts: the site's
// Content-Security-Policy allows scripts from this origin only).
//
// The address bar keeps the active tab's query and result view as /editor#query=…&view=…, so
// the URL can be shared; opening /editor#query=… (or /editor?query=…) opens that query. The
// fragment is never sent to the server, so a long query does not run into the request line's
// length limit. YASGUI's own URL handling (populateFromUrl) is off: it reads the address once,
// clears the fragment, sends every other parameter (such as ?lang=) on to the endpoint and runs
// the query at once.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  if (!root || typeof Yasgui === "undefined") {
    return;
  }
  var WORDS = JSON.parse(root.dataset.words || "{}"); // the page's language (server/query_editor.py)
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
    populateFromUrl: false,
    yasqe: {
      value: root.dataset.defaultQuery,
      // No LOV class/property look-ups: they need the internet.
      autocompleters: ["legisgraph-prefixes", "variables"],
      prefixCcApi: null,
    },
    yasr: { prefixes: prefixes, defaultPlugin: "table" },
  });

  // YASGUI's own controls (tab name, endpoint, query text, download formats) have no
  // accessible names: give each one as YASGUI renders it.
  var controlNames = [
    [".tab input[type=text]", WORDS.tabName],
    ["input.autocomplete", WORDS.endpoint],
    [".CodeMirror textarea", WORDS.queryText],
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

  // The tab's query: its editor's text, or the text it keeps while its editor is not built.
  function queryOf(tab) {
    return tab.getYasqe() ? tab.getQuery() : tab.getPersistedJson().yasqe.value;
  }

  // The open tab that holds exactly this query, if any (tabs persist across visits).
  function tabWithQuery(query) {
    var id = yasgui.persistentConfig.getTabs().find(function (tabId) {
      var tab = yasgui.getTab(tabId);
      return tab && queryOf(tab) === query;
    });
    return id === undefined ? undefined : yasgui.getTab(id);
  }

  // Whether the tab is as the page opened it: the default query, never run.
  function untouched(tab) {
    return queryOf(tab) === root.dataset.defaultQuery && !tab.hasResults();
  }

  // Shows the query in an editor tab: the one that already holds it, else (when reuse is
  // allowed) the active tab if it is untouched, else a new one.
  function openTab(name, query, view, reuseUntouched) {
    var tab = tabWithQuery(query);
    var active = yasgui.getTab();
    if (tab) {
      yasgui.selectTabId(tab.getId());
    } else if (reuseUntouched && active && untouched(active)) {
      tab = active;
      tab.setName(name);
      tab.setQuery(query);
    } else {
      tab = yasgui.addTab(true, { name: name, yasqe: { value: query } });
      tab.setQuery(query);
    }
    if (view && Yasgui.Yasr.plugins[view] && tab.getYasr()) {
      tab.getYasr().selectPlugin(view);
    }
    keepInAddressBar();
    return tab;
  }

  // The query (and view) the address names: the fragment first, then ?query=.
  function linkedQuery() {
    var fragment = new URLSearchParams(window.location.hash.slice(1));
    var params = fragment.get("query") ? fragment : new URLSearchParams(window.location.search);
    return params.get("query") ? { query: params.get("query"), view: params.get("view") } : null;
  }

  // Writes the active tab's query and result view into the address bar (without a new history
  // entry); other parameters (?lang=) stay. Deferred, so that YASGUI has settled which tab is
  // active when a tab is added or closed.
  var writing = false;
  function keepInAddressBar() {
    if (writing) {
      return;
    }
    writing = true;
    Promise.resolve().then(function () {
      writing = false;
      var tab = yasgui.getTab();
      if (!tab) {
        return;
      }
      var fragment = new URLSearchParams({ query: queryOf(tab) });
      var view = tab.getPersistedJson().yasr.settings.selectedPlugin;
      if (view && view !== "table") {
        fragment.set("view", view);
      }
      var search = new URLSearchParams(window.location.search);
      search.delete("query");
      search.delete("view");
      var here = window.location;
      var address = here.pathname + (search.toString() ? "?" + search : "") + "#" + fragment;
      if (address !== here.pathname + here.search + here.hash) {
        window.history.replaceState(window.history.state, "", address);
      }
    });
  }
  ["query", "tabSelect", "tabAdd", "tabClose", "tabChange"].forEach(function (event) {
    yasgui.on(event, keepInAddressBar);
  });

  function openLinkedQuery() {
    var linked = linkedQuery();
    if (linked) {
      openTab(WORDS.query, linked.query, linked.view, true);
    }
  }
  openLinkedQuery();
  window.addEventListener("hashchange", openLinkedQuery);

  var select = document.getElementById("examples");
  fetch(root.dataset.queriesUrl, { headers: { Accept: "application/json" } })
    .then(function (response) { return response.json(); })
    .then(function (library) {
      select.textContent = "";
      var placeholder = document.createElement("option");
      placeholder.value = "";
      placeholder.textContent = WORDS.openExample;
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
      option.textContent = WORDS.libraryFailed + " " + error;
      select.appendChild(option);
    });
})();
