/* The search box on every page. The language's index (built by internal/search) loads as a
   script the first time the reader uses the box, so pages that are not searched cost
   nothing, and it works from disk. Words are normalised exactly as internal/search does.
   A page matches any word typed (or a synonym of it), and ranks by the words it has: each
   counts more in the title than in a heading, more in a heading than in the text, and
   more when few pages have it. */
(function () {
  'use strict';
  var form = document.querySelector('[data-search]');
  if (!form) return;
  var input = form.querySelector('input');
  var status = form.querySelector('[data-search-status]');
  var list = form.querySelector('[data-search-results]');
  var none = form.querySelector('[data-search-none]');
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
  // Words of two letters or more, as the index has them ("child's" gives "child").
  function tokens(s) {
    return normalize(s).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return Array.from(w).length > 1; });
  }

  // Where a word is on a page (internal/search Place): text, text often, heading, title.
  var PLACE = [1, 2, 4, 8];
  var PREFIX = 0.5, STEM = 0.3, SYNONYM = 0.8, MAX = 10;

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

  // prepare reads the stop words and synonym groups once.
  function prepare(ix) {
    if (ix.keys) return ix;
    ix.keys = Object.keys(ix.words);
    ix.stopSet = Object.create(null);
    (ix.stop || []).forEach(function (w) { ix.stopSet[w] = true; });
    ix.synOf = Object.create(null);
    (ix.syn || []).forEach(function (group, g) {
      group.forEach(function (w) { (ix.synOf[w] = ix.synOf[w] || []).push(g); });
    });
    return ix;
  }

  // alternatives are the words to look for for one typed word, each with its weight: the
  // word itself, and its synonyms; for a word no page has, those of a shorter form
  // ("blackmailers" uses "blackmail"'s).
  function alternatives(ix, q) {
    var alts = Object.create(null);
    alts[q] = 1;
    var groups = ix.synOf[q] || [];
    if (!groups.length && !Object.prototype.hasOwnProperty.call(ix.words, q)) {
      for (var w in ix.synOf) {
        if (w.length >= 4 && q.length - w.length <= 3 && q.lastIndexOf(w, 0) === 0) groups = groups.concat(ix.synOf[w]);
      }
    }
    groups.forEach(function (g) {
      ix.syn[g].forEach(function (w) { if (!(w in alts)) alts[w] = SYNONYM; });
    });
    return alts;
  }

  // weight says how well index word w matches alternative a (typed if own): the same
  // word; a word it starts (a prefix typed, or a longer form); or a word sharing its stem.
  function weight(w, a, own) {
    if (w === a) return 1;
    if ((own || a.length >= 4) && w.lastIndexOf(a, 0) === 0) return PREFIX;
    if (own && a.length >= 6 && w.lastIndexOf(a.slice(0, -2), 0) === 0) return STEM;
    // Arabic: the article ال written onto the word ("الصور" finds "صور").
    if (own && a.length >= 5 && a.lastIndexOf('ال', 0) === 0 && w === a.slice(2)) return STEM;
    return 0;
  }

  function run() {
    var ix = prepare(index());
    while (list.firstChild) list.removeChild(list.firstChild);
    if (none) none.hidden = true;
    var typed = tokens(input.value);
    if (!typed.length) { status.textContent = ''; return; }
    // A phrase of the synonyms ("take down", "بلیک میل") counts as one word.
    for (var i = 0; i < typed.length; i++) {
      for (var n = 3; n > 1; n--) {
        var phrase = typed.slice(i, i + n).join('');
        if (i + n <= typed.length && ix.synOf[phrase]) { typed.splice(i, n, phrase); break; }
      }
    }
    var words = typed.filter(function (w, i) { return !ix.stopSet[w] && typed.indexOf(w) === i; });
    var score = {};
    words.forEach(function (q) {
      var alts = alternatives(ix, q);
      var best = {}, all = {};
      ix.keys.forEach(function (w) {
        var m = 0;
        for (var a in alts) m = Math.max(m, weight(w, a, a === q) * alts[a]);
        if (!m) return;
        ix.words[w].forEach(function (n) {
          var page = Math.floor(n / 4), s = PLACE[n % 4] * m;
          if (!best[page] || best[page] < s) best[page] = s;
          all[page] = (all[page] || 0) + s;
        });
      });
      // A page counts its best match for the word, and a little of its other matches (a
      // synonym in the title, and the word itself in a heading, beats the synonym alone).
      // A word on few pages says more than one on every page ("child"): weigh it more.
      var found = Object.keys(best), rarity = Math.log(1 + ix.pages.length / found.length);
      found.forEach(function (p) {
        score[p] = (score[p] || 0) + (best[p] + Math.min(all[p] - best[p], best[p]) / 4) * rarity;
      });
    });
    var pages = Object.keys(score).sort(function (a, b) { return score[b] - score[a] || a - b; }).slice(0, MAX);
    if (!pages.length) {
      status.textContent = form.getAttribute('data-msg-none');
      if (none) none.hidden = false;
      return;
    }
    status.textContent = window.talksite.plural('search.found', pages.length);
    pages.forEach(function (p) {
      var page = ix.pages[p];
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = root + page[0];
      a.textContent = page[1];
      if (page[3]) a.setAttribute('lang', page[3]);
      li.appendChild(a);
      // The section's title, then the snippet, each marked with its language.
      [[page[2], page[5]], [page[4], page[3]]].forEach(function (text, i) {
        if (!text[0]) return;
        var span = document.createElement('span');
        span.className = i ? 'search-section search-snippet' : 'search-section';
        span.textContent = text[0];
        if (text[1]) span.setAttribute('lang', text[1]);
        li.appendChild(span);
      });
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
