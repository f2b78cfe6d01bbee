// Labels for the IRIs in the editor's results, in the page's language, from /labels.json (the
// same best label and link as the resource pages). YASR's table shows each IRI as <a class="iri">;
// whenever rows appear (a new result, another page, a sort, the simple view) the new links are
// looked up in batches and given the label as text and the local /id/… page (or the IRI itself)
// as target. Labels are data: they go in with textContent only. The chart view
// (editor-chart.js) uses window.legisgraphLabels for its axis labels.
(function () {
  "use strict";
  var root = document.getElementById("yasgui");
  if (!root) {
    return;
  }
  var url = root.dataset.labelsUrl;
  var language = root.dataset.language;
  var batchSize = Number(root.dataset.labelsBatch);
  var known = new Map(); // IRI → Promise of its entry ({label, lang, href}) or null

  function fetchBatch(iris) {
    var body = new URLSearchParams();
    iris.forEach(function (iri) { body.append("iri", iri); });
    body.append("lang", language);
    return fetch(url, { method: "POST", body: body, headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(url + " answered " + response.status);
        }
        return response.json();
      });
  }

  // Entries of the IRIs, each looked up once per page load: a Map of IRI → entry or null.
  function labels(iris) {
    var missing = Array.from(new Set(iris)).filter(function (iri) { return !known.has(iri); });
    for (var start = 0; start < missing.length; start += batchSize) {
      var batch = missing.slice(start, start + batchSize);
      var answer = fetchBatch(batch);
      batch.forEach(function (iri) {
        known.set(iri, answer.then(function (found) { return found[iri] || null; }, function (error) {
          known.delete(iri); // ask again next time
          console.warn("No labels for the results:", error.message);
          return null;
        }));
      });
    }
    return Promise.all(iris.map(function (iri) { return known.get(iri); })).then(function (entries) {
      return new Map(iris.map(function (iri, index) { return [iri, entries[index]]; }));
    });
  }

  function labelLink(link, entry) {
    if (!entry) {
      return;
    }
    if (entry.label) {
      link.textContent = entry.label;
      link.lang = entry.lang || "";
      link.title = link.dataset.iri;
      link.classList.add("labelled");
      if (link.parentElement.tagName === "SPAN") {
        link.parentElement.replaceChildren(link); // drop YASR's < > around a full IRI
      }
    }
    if (entry.href) {
      link.href = entry.href;
      link.rel = "noopener";
    } else {
      link.removeAttribute("href");
    }
  }

  // The value links of the table not looked at yet (not the ^^datatype links of literals).
  function labelTable() {
    var links = Array.from(root.querySelectorAll(".yasr_results tbody a.iri:not([data-iri])"))
      .filter(function (link) { return link.hasAttribute("href") && !link.closest(".nonIri"); });
    if (links.length === 0) {
      return;
    }
    links.forEach(function (link) { link.dataset.iri = link.getAttribute("href"); });
    labels(links.map(function (link) { return link.dataset.iri; })).then(function (entries) {
      links.forEach(function (link) { labelLink(link, entries.get(link.dataset.iri)); });
    });
  }

  var scheduled = false;
  new MutationObserver(function () {
    if (!scheduled) {
      scheduled = true;
      window.requestAnimationFrame(function () { scheduled = false; labelTable(); });
    }
  }).observe(root, { childList: true, subtree: true });

  window.legisgraphLabels = { labels: labels, language: language };
})();
