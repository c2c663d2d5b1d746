/* Plural forms for scripts: a layout renders every form of a string (see
   layouts/partials/plural.html) and scripts pick one with the browser's CLDR rules. */
(function () {
  'use strict';
  var ts = window.talksite = window.talksite || {};
  var rules = null;
  try {
    rules = new Intl.PluralRules(document.documentElement.lang);
  } catch (e) {
    rules = null;
  }
  // plural returns the string id for count n, with {{.Count}} and any {{.Name}} in data
  // replaced.
  ts.plural = function (id, n, data) {
    var box = document.querySelector('[data-plural="' + id + '"]');
    if (!box) return String(n);
    var form = rules ? rules.select(n) : (n === 1 ? 'one' : 'other');
    var el = box.querySelector('[data-form="' + form + '"]') || box.querySelector('[data-form="other"]');
    var text = el ? el.textContent : String(n);
    data = data || {};
    data.Count = n;
    return text.replace(/\{\{\s*\.(\w+)\s*\}\}/g, function (m, name) {
      return name in data ? String(data[name]) : m;
    });
  };
})();
