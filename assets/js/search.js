/* The search box on every page. The language's index (built by internal/search) loads as a
   script the first time the reader uses the box, so pages that are not searched cost
   nothing, and it works from disk. Words are normalised exactly as internal/search does. */
(function () {
  'use strict';
  var form = document.querySelector('[data-search]');
  if (!form) return;
  var input = form.querySelector('input');
  var status = form.querySelector('[data-search-status]');
  var list = form.querySelector('[data-search-results]');
  var lang = form.getAttribute('data-lang');
  var root = form.getAttribute('data-root');
  var noJS = document.querySelector('[data-no-js-search]');
  form.hidden = false;
  if (noJS) noJS.hidden = true;

  var FOLD = { 'ى': 'ي', 'ی': 'ي', 'ئ': 'ي', 'ک': 'ك', 'ة': 'ه', 'ۀ': 'ه', 'ہ': 'ه', 'ھ': 'ه', 'ـ': '' };
  function normalize(s) {
    s = s.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '').normalize('NFC');
    return s.replace(/[ىیئکةۀہھـ]/g, function (c) { return FOLD[c]; });
  }
  function tokens(s) { return normalize(s).split(/[^\p{L}\p{N}]+/u).filter(Boolean); }

  var loading = false;
  function index() { return window.talksiteIndex && window.talksiteIndex[lang]; }
  function load(then) {
    if (index()) return then();
    if (!loading) {
      loading = true;
      status.textContent = form.getAttribute('data-msg-loading');
      var s = document.createElement('script');
      s.src = form.getAttribute('data-index');
      s.addEventListener('load', function () { loading = false; then(); });
      document.head.appendChild(s);
    }
  }

  function run() {
    var ix = index();
    var words = tokens(input.value);
    while (list.firstChild) list.removeChild(list.firstChild);
    if (!words.length) { status.textContent = ''; return; }
    var score = {};
    var keys = Object.keys(ix.words);
    words.forEach(function (q, qi) {
      var hit = {};
      keys.forEach(function (w) {
        if (w.lastIndexOf(q, 0) !== 0) return; // words starting with what was typed
        ix.words[w].forEach(function (n) {
          var page = Math.abs(n) - 1;
          var s = (n < 0 ? 10 : 1) + (w === q ? 2 : 0);
          if (!hit[page] || hit[page] < s) hit[page] = s;
        });
      });
      Object.keys(hit).forEach(function (p) {
        // A page must match every word typed.
        if (qi === 0) score[p] = hit[p];
        else if (score[p] !== undefined) score[p] += hit[p];
      });
      Object.keys(score).forEach(function (p) { if (!hit[p]) delete score[p]; });
    });
    var pages = Object.keys(score).sort(function (a, b) { return score[b] - score[a] || a - b; }).slice(0, 20);
    if (!pages.length) { status.textContent = form.getAttribute('data-msg-none'); return; }
    status.textContent = window.talksite.plural('search.found', pages.length);
    pages.forEach(function (p) {
      var page = ix.pages[p];
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = root + page[0];
      a.textContent = page[1];
      if (page[3]) a.setAttribute('lang', page[3]);
      li.appendChild(a);
      if (page[2]) {
        var sec = document.createElement('span');
        sec.className = 'search-section';
        sec.textContent = page[2];
        li.appendChild(sec);
      }
      list.appendChild(li);
    });
  }

  var timer = null;
  input.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { load(run); }, 150);
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    load(run);
  });
})();
