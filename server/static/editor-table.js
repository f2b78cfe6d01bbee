// How the editor's results table shows literals. YASR's table writes every typed literal as
// "38"^^xsd:integer; ours shows the value of an XSD-typed literal (numbers, dates, booleans …)
// as it is, with its datatype as the tooltip, and a language-tagged literal with a small @lang
// marker after it. Other datatypes, and YASR's "Simple view", stay as YASR draws them. The
// values are data: they are escaped before they go into the cell's markup. Registered before
// editor.js builds YASGUI.
(function () {
  "use strict";
  if (typeof Yasgui === "undefined") {
    return;
  }
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" };

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (character) { return ESCAPES[character]; });
  }

  // The datatype's prefixed name when a prefix covers it, else the full IRI.
  function shortName(iri, prefixes) {
    var prefix = Object.keys(prefixes || {}).find(function (name) {
      return iri.indexOf(prefixes[name]) === 0;
    });
    return prefix === undefined ? iri : prefix + ":" + iri.slice(prefixes[prefix].length);
  }

  class LiteralTable extends Yasgui.Yasr.plugins.table {
    formatLiteral(binding, prefixes) {
      if (this.persistentConfig.compact) {
        return super.formatLiteral(binding, prefixes);
      }
      var value = escapeHtml(binding.value);
      var language = binding["xml:lang"];
      if (language) {
        var tag = escapeHtml(language);
        return "<span lang=\"" + tag + "\">" + value + "</span><sup class=\"lang\">@" + tag
          + "</sup>";
      }
      if (binding.datatype && binding.datatype.indexOf(XSD) === 0) {
        var datatype = escapeHtml(shortName(binding.datatype, prefixes));
        return "<span class=\"typed\" title=\"" + datatype + "\">" + value + "</span>";
      }
      return super.formatLiteral(binding, prefixes);
    }
  }

  Yasgui.Yasr.registerPlugin("table", LiteralTable);
})();
