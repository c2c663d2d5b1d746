// ids: age-* ages-hint preview-title share-title agreement-link edit-* text-* wording-* member-* who-* when-* own-*
/* The family agreement builder, over the form in layouts/agreement.html, which works and
   prints as a blank template without JavaScript. It adds: age filtering, editable and own
   promises, family members with device-free times, a live preview that is also the printout,
   saving on this device (store.js), a link that carries the whole agreement in its #fragment
   (agreement-link.js), and a download (download.js). Every word comes from the layout. User
   text reaches the page only through textContent and value, and the download only through
   nodes.js. No network request is ever made.

   The ids line above names the ids this script gives elements (edit-, wording-, member-,
   who-, when-, own-) and those of the layout it relies on, so that no heading of the
   page's Markdown takes one of them; a test checks that every id made here is named.

   The layout loads store.js, nodes.js, download.js and agreement-link.js before this file,
   all with defer, so they run in that order once the page is parsed. */
(function () {
  'use strict';
  var ts = window.talksite;
  // form#agreement, not getElementById: a heading of the page's Markdown may take the same id.
  var form = document.querySelector('form#agreement');
  if (!form || !ts || !ts.store || !ts.nodes || !ts.download || !ts.agreementLink || !window.Promise || !window.TextEncoder) return;
  var page = form.parentNode;
  var VERSION = 1, MAX_TEXT = 300, MAX_ROWS = 30;
  var h = ts.nodes.h, link = ts.agreementLink;
  var html = document.documentElement;

  function $(sel, root) { return (root || form).querySelector(sel); }
  function $$(sel, root) { return Array.prototype.slice.call((root || form).querySelectorAll(sel)); }
  function text(el) { return el ? el.textContent.trim() : ''; }
  function msg(el, name, n, t) {
    return (el.getAttribute('data-msg-' + name) || '')
      .replace('%N%', function () { return n; }).replace('%T%', function () { return t; });
  }
  // row clones a <template> of the layout and gives its input an id and its label a for.
  function row(name, id) {
    var el = $('template[data-tpl="' + name + '"]').content.firstElementChild.cloneNode(true);
    var input = $('input', el), label = $('label', el);
    if (input) input.id = id;
    if (label) label.htmlFor = id;
    return el;
  }
  function bad() { throw new Error('bad'); }

  var preview = page.querySelector('.builder-preview');
  var share = page.querySelector('.builder-share');
  var doc = $('[data-doc]', preview);
  var family = $('#agreement-family'), review = $('#review-date'), trusted = $$('[data-trusted]');
  var ageBox = $('.builder-ages'), ages = $$('[data-age]'), count = $('[data-count]');
  var memberList = $('[data-members]'), table = $('.per-person');
  var linkRow = $('[data-link-row]', share), linkInput = $('input', linkRow);
  var byId = Object.create(null), bySec = Object.create(null), uid = 0;

  // Words of the preview, read from the form (the layout translated them).
  var W = {
    title: text($('#agreement-title')),
    family: text($('label[for="agreement-family"]')),
    members: text($('.members legend')),
    review: text($('label[for="review-date"]')),
    trusted: trusted.map(function (el) { return text($('label[for="' + el.id + '"]')); }),
    sig: text($('.signatures legend')),
    sigIntro: text($('.signatures p'))
  };
  if (table) {
    W.times = text($('caption', table));
    W.heads = $$('thead th', table).map(text);
    W.whenId = $$('thead th', table)[1].id;
  }

  var sections = $$('[data-section]').map(function (fs) {
    var legend = $('legend', fs);
    var sec = { id: fs.getAttribute('data-section'), fs: fs, title: text(legend), lang: legend.getAttribute('lang'), list: $('.promises', fs) };
    $$('.own', fs).forEach(function (li) { li.parentNode.removeChild(li); });
    sec.promises = $$('.promise', fs).map(function (li) {
      var box = $('input', li), span = $('.promise-text', li), edit = row('edit');
      var p = {
        li: li, box: box, span: span, edit: edit, id: box.name, orig: span.textContent, lang: span.getAttribute('lang'),
        who: text($('.who', li)), ages: (li.getAttribute('data-ages') || '').split(' ')
      };
      edit.id = 'edit-' + p.id;
      edit.setAttribute('aria-labelledby', edit.id + ' ' + span.id);
      li.appendChild(edit);
      byId[p.id] = p;
      return p;
    });
    bySec[sec.id] = sec;
    return sec;
  });

  function promiseOf(el) { return byId[$('input', el.closest('.promise')).name]; }
  function secOf(el) { return bySec[el.closest('[data-section]').getAttribute('data-section')]; }

  // nameRemove gives a Remove button the name of what it removes (WCAG 2.4.6).
  function nameRemove(li, t) {
    var b = $('[data-remove]', li);
    if (t) b.setAttribute('aria-label', msg(form, 'remove-named', '', t));
    else b.removeAttribute('aria-label');
  }

  // Family members: one row each, and one row each in the device-free times table.
  var members = [['', ''], ['', '']];
  function drawMembers() {
    var body = table && $('tbody', table);
    memberList.textContent = '';
    if (body) body.textContent = '';
    members.forEach(function (m, i) {
      var li = row('member', 'member-' + (i + 1)), input = $('input', li);
      $('label', li).textContent = msg(form, 'member', i + 1);
      input.value = m[0];
      input.setAttribute('data-member', i);
      memberList.appendChild(li);
      if (!body) return;
      var tr = row('time', 'when-' + i), th = $('th', tr), when = $('input', tr);
      th.id = 'who-' + i;
      when.value = m[1];
      when.setAttribute('data-when', i);
      when.setAttribute('aria-labelledby', W.whenId + ' ' + th.id);
      body.appendChild(tr);
    });
    nameMembers();
  }
  function nameMembers() {
    $$('li', memberList).forEach(function (li, i) {
      var name = members[i][0].trim(), th = $('#who-' + i);
      nameRemove(li, name);
      if (th) th.textContent = name || msg(form, 'member', i + 1);
    });
  }

  function addOwn(sec, value) {
    var li = row('own', 'own-' + (++uid)), input = $('input', li);
    input.value = value || '';
    li.setAttribute('data-own', '');
    sec.list.appendChild(li);
    nameRemove(li, input.value);
    return input;
  }

  // Ages: hide suggested promises for none of the chosen ages (but never a ticked one).
  function filter() {
    var chosen = ages.filter(function (c) { return c.checked; }).map(function (c) { return c.value; });
    var n = 0;
    sections.forEach(function (sec) {
      sec.promises.forEach(function (p) {
        var fits = !chosen.length || p.ages.some(function (a) { return chosen.indexOf(a) >= 0; });
        if (fits) n++;
        p.li.hidden = !fits && !p.box.checked;
      });
    });
    var t = ts.plural ? ts.plural('builder.promisesShown', n) : String(n);
    if (count.textContent !== t) count.textContent = t;
  }

  // Editing a suggested promise's wording.
  function setText(p, t) {
    p.span.textContent = t;
    if (t === p.orig && p.lang) p.span.setAttribute('lang', p.lang);
    else p.span.removeAttribute('lang');
  }
  function startEdit(p) {
    var ed = row('editor', 'wording-' + p.id), input = $('input', ed);
    input.value = p.span.textContent;
    p.ed = ed;
    p.span.hidden = p.edit.hidden = true;
    p.li.appendChild(ed);
    input.focus();
  }
  function closeEdit(p) {
    if (!p.ed) return;
    p.li.removeChild(p.ed);
    p.ed = null;
    p.span.hidden = p.edit.hidden = false;
  }
  function endEdit(p, keep) {
    if (!p.ed) return;
    if (keep) setText(p, $('input', p.ed).value.trim().slice(0, MAX_TEXT) || p.orig);
    closeEdit(p);
    p.edit.focus();
    update();
  }

  // The state of the agreement: what Save keeps and what a link carries.
  function val(el) { return el ? el.value.trim().slice(0, MAX_TEXT) : ''; }
  function collect() {
    var s = { v: VERSION, f: val(family), m: [], a: [], c: [], e: {}, o: {}, t: trusted.map(val), r: val(review) };
    members.forEach(function (m) { s.m.push([m[0].trim().slice(0, MAX_TEXT), m[1].trim().slice(0, MAX_TEXT)]); });
    ages.forEach(function (c) { if (c.checked) s.a.push(c.value); });
    sections.forEach(function (sec) {
      sec.promises.forEach(function (p) {
        if (p.box.checked) s.c.push(p.id);
        if (p.span.textContent !== p.orig) s.e[p.id] = p.span.textContent;
      });
      var own = $$('[data-own] input', sec.fs).map(val).filter(Boolean);
      if (own.length) s.o[sec.id] = own;
    });
    return s;
  }

  // clean checks untrusted state (from a link or from storage) field by field: it throws on
  // a wrong type and drops what this page does not know.
  function str(x) { if (typeof x !== 'string') bad(); return x.trim().slice(0, MAX_TEXT); }
  function list(x, max) {
    if (x === undefined) return [];
    if (!Array.isArray(x) || x.length > max) bad();
    return x;
  }
  function obj(x) {
    if (x === undefined) return {};
    if (!x || typeof x !== 'object' || Array.isArray(x)) bad();
    return x;
  }
  function opt(x) { return x === undefined ? '' : str(x); }
  function clean(x) {
    if (obj(x).v !== VERSION) bad();
    var s = {
      f: opt(x.f), r: opt(x.r), e: {}, o: {},
      m: list(x.m, MAX_ROWS).map(function (m) { m = list(m, 2); return [opt(m[0]), opt(m[1])]; }),
      a: list(x.a, 10).map(str).filter(function (a) { return ages.some(function (c) { return c.value === a; }); }),
      c: list(x.c, 500).map(str).filter(function (id) { return id in byId; }),
      t: list(x.t, 10).map(str)
    };
    var e = obj(x.e), o = obj(x.o);
    Object.keys(e).forEach(function (k) { var t = str(e[k]); if (k in byId && t) s.e[k] = t; });
    Object.keys(o).forEach(function (k) { var l = list(o[k], MAX_ROWS).map(str).filter(Boolean); if (k in bySec) s.o[k] = l; });
    return s;
  }

  function apply(s) {
    family.value = s.f;
    if (review) review.value = s.r;
    trusted.forEach(function (el, i) { el.value = s.t[i] || ''; });
    members = s.m.length ? s.m : [['', '']];
    drawMembers();
    ages.forEach(function (c) { c.checked = s.a.indexOf(c.value) >= 0; });
    sections.forEach(function (sec) {
      sec.promises.forEach(function (p) {
        closeEdit(p);
        p.box.checked = s.c.indexOf(p.id) >= 0;
        setText(p, s.e[p.id] || p.orig);
      });
      $$('[data-own]', sec.fs).forEach(function (li) { li.parentNode.removeChild(li); });
      (s.o[sec.id] || []).forEach(function (t) { addOwn(sec, t); });
    });
    filter();
    update();
  }
  function restore(x) {
    try { apply(clean(x)); } catch (e) { /* unreadable saved data: keep the blank form */ }
  }

  // The preview, the printout and the download share one description of the agreement
  // (nodes.js).
  // u isolates user text, which may run in the other direction (Unicode bidi, UAX #9).
  function u(v) { return h('bdi', null, v); }
  function line(v) { return v ? u(v) : h('span', { 'class': 'blank' }); }
  function view(s, L) {
    function hd(n, t, lang) { return h('h' + (L + n), { lang: lang }, t); }
    var named = s.m.filter(function (m) { return m[0]; });
    var body = [
      hd(0, W.title),
      h('p', { 'class': 'doc-family' }, h('span', { 'class': 'doc-label' }, W.family), ' ', line(s.f)),
      h('section', null, hd(1, W.members), h('ul', { 'class': 'doc-members' },
        (named.length ? named : [['']]).map(function (m) { return h('li', null, line(m[0])); })))
    ];
    sections.forEach(function (sec) {
      var items = [], extra = [];
      sec.promises.forEach(function (p) {
        if (s.c.indexOf(p.id) < 0) return;
        items.push(h('li', null, h('span', { 'class': 'who' }, p.who), ' ', s.e[p.id] ? u(s.e[p.id]) : h('span', { lang: p.lang }, p.orig)));
      });
      (s.o[sec.id] || []).forEach(function (t) { items.push(h('li', null, u(t))); });
      if (table && sec.fs.contains(table) && named.length) {
        extra.push(h('table', null, h('caption', null, W.times),
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, W.heads[0]), h('th', { scope: 'col' }, W.heads[1]))),
          h('tbody', null, named.map(function (m) { return h('tr', null, h('th', { scope: 'row' }, u(m[0])), h('td', null, u(m[1]))); }))));
      }
      if (trusted.length && sec.fs.contains(trusted[0]) && trusted.some(function (el, i) { return s.t[i]; })) {
        extra.push(h('ul', null, trusted.map(function (el, i) { return s.t[i] ? h('li', null, W.trusted[i] + ' ', u(s.t[i])) : null; })));
      }
      if (review && sec.fs.contains(review) && s.r) extra.push(h('p', null, W.review + ' ', u(s.r)));
      if (items.length || extra.length) {
        body.push(h('section', { 'class': 'doc-section' }, hd(1, sec.title, sec.lang), items.length ? h('ul', null, items) : null, extra));
      }
    });
    body.push(h('section', { 'class': 'doc-signatures' }, hd(1, W.sig), h('p', null, W.sigIntro),
      h('ol', null, (named.length ? named : [[''], [''], ['']]).map(function (m, i) {
        return h('li', null, h('span', { 'class': 'sign' }, m[0] ? u(m[0]) : msg(preview, 'signature', i + 1)));
      }))));
    return h('div', { 'class': 'agreement-doc' }, body);
  }
  function update() {
    var s = collect();
    nameMembers();
    doc.textContent = '';
    ts.nodes.toDOM(view(s, 3), doc);
    $('[data-empty]', preview).hidden = s.c.length > 0 || Object.keys(s.o).length > 0;
  }

  // canon describes a cleaned state in one string, the same for the same agreement
  // whatever order or blank rows it came with.
  function canon(s) {
    function sorted(o) { var out = {}; Object.keys(o).sort().forEach(function (k) { out[k] = o[k]; }); return out; }
    return JSON.stringify([s.f, s.r, s.m.filter(function (m) { return m[0] || m[1]; }), s.a.slice().sort(), s.c.slice().sort(),
      sorted(s.e), sorted(s.o), trusted.map(function (el, i) { return s.t[i] || ''; })]);
  }
  function here() { return canon(clean(collect())); }

  // A link that would replace work here asks first. Any page that opened this window (with
  // window.open) can set its address to a link of its own later; a host's
  // Cross-Origin-Opener-Policy stops that, but GitHub Pages and a folder opened from disk
  // cannot send one. The question is part of the page, not window.confirm: its words and
  // buttons are in the page's language and direction, it does not freeze the page (or stay
  // queued in a background tab), and in-app browsers of messaging apps, where links are
  // often opened, may not show confirm() at all.
  var blank = null, pending = null, back = null;
  var offer = $('[data-link-offer]'), linkStatus = $('[data-link-status]');
  function take(s) {
    apply(s);
    linkStatus.textContent = msg(share, 'loaded');
  }
  function ask(s) {
    pending = s; // a later link replaces an unanswered one
    linkStatus.textContent = '';
    if (!offer.hidden) return;
    back = document.activeElement;
    offer.hidden = false;
    offer.focus();
  }
  function answer(open) {
    var s = pending;
    pending = null;
    offer.hidden = true;
    if (open) take(s);
    else linkStatus.textContent = msg(offer, 'kept');
    if (back && back !== document.body && document.contains(back) && !offer.contains(back)) back.focus();
    else if ($('#agreement-title')) $('#agreement-title').focus();
  }

  function openLink() {
    var hash = location.hash;
    if (hash.indexOf('#a=') !== 0) return;
    link.forget();
    link.decode(hash, VERSION).then(clean).then(function (s) {
      var now = here();
      if (now === blank || now === canon(s)) take(s);
      else if (offer) ask(s);
      // else: a site's own older layout without the question: the work here stays.
    }, function (e) {
      linkStatus.textContent = msg(share, e === link.NEWER ? 'newer' : 'damaged');
    });
  }

  function say(name) { $('[data-status]', share).textContent = msg(share, name); }

  function copyLink() {
    link.encode(collect(), VERSION).then(function (url) {
      linkInput.value = url;
      linkRow.hidden = false;
      function manual() { linkInput.focus(); linkInput.select(); say('select'); }
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(function () { say('copied'); }, manual);
      } else manual();
    });
  }

  // The downloaded file's style: the printout's, for a file opened on its own.
  var CSS = 'body{font:12pt/1.5 system-ui,sans-serif;color:#000;background:#fff;max-width:44rem;margin:1.5rem auto;padding:0 1rem}' +
    'h1{font-size:1.6rem;margin:0 0 .5rem}h2{font-size:1.2rem;margin:1.2rem 0 .3rem}ul,ol{padding-inline-start:1.5rem}' +
    '.who,.doc-label{font-weight:600}.blank{display:inline-block;min-inline-size:12rem;border-block-end:1px solid}' +
    'table{border-collapse:collapse;inline-size:100%}th,td{border:1px solid #777;padding:.3rem .5rem;text-align:start}' +
    'caption{text-align:start;font-weight:600}.doc-signatures ol{list-style:none;padding:0}' +
    '.sign{display:block;margin-block-start:2.5rem;border-block-start:1px solid;font-size:.9em}' +
    'section{break-inside:avoid}@page{margin:15mm}';

  function download() {
    ts.download.save(W.title, ts.download.page({ lang: html.lang, dir: html.dir, title: W.title, css: CSS, body: view(collect(), 1) }));
    say('downloaded');
  }

  form.addEventListener('click', function (e) {
    var b = e.target.closest('button');
    if (!b) return;
    var li = b.closest('li');
    if (b.hasAttribute('data-edit')) startEdit(promiseOf(b));
    else if (b.hasAttribute('data-done')) endEdit(promiseOf(b), true);
    else if (b.hasAttribute('data-add-promise')) {
      var sec = secOf(b);
      if ($$('[data-own]', sec.fs).length < MAX_ROWS) addOwn(sec).focus();
    } else if (b.hasAttribute('data-add-person')) {
      if (members.length < MAX_ROWS) members.push(['', '']);
      drawMembers();
      $('#member-' + members.length).focus();
    } else if (b.hasAttribute('data-all-ages')) {
      ages.forEach(function (c) { c.checked = false; });
      filter();
    } else if (b.hasAttribute('data-remove') && li) {
      if (li.hasAttribute('data-own')) {
        var add = $('[data-add-promise]', li.closest('[data-section]'));
        li.parentNode.removeChild(li);
        add.focus();
      } else {
        members.splice($$('li', memberList).indexOf(li), 1);
        drawMembers();
        $('[data-add-person]').focus();
      }
    } else return;
    update();
  });
  form.addEventListener('keydown', function (e) {
    var ed = e.target.closest('.editor');
    if (ed && (e.key === 'Enter' || e.key === 'Escape')) {
      e.preventDefault();
      endEdit(promiseOf(ed), e.key === 'Enter');
    } else if (e.key === 'Enter' && e.target.type === 'text') {
      e.preventDefault(); // no implicit submission
    }
  });
  form.addEventListener('input', function (e) {
    var t = e.target, i = t.getAttribute('data-member'), w = t.getAttribute('data-when');
    if (i !== null) members[i][0] = t.value;
    if (w !== null) members[w][1] = t.value;
    if (t.closest('[data-own]')) nameRemove(t.parentNode, t.value.trim());
    if (!t.closest('.editor')) update();
  });
  form.addEventListener('change', function (e) {
    if (e.target.hasAttribute('data-age')) filter();
    update();
  });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  if (offer) {
    $('[data-link-keep]', offer).addEventListener('click', function () { answer(false); });
    $('[data-link-open]', offer).addEventListener('click', function () { answer(true); });
  }
  $('[data-copy]', share).addEventListener('click', copyLink);
  $('[data-download]', share).addEventListener('click', download);
  window.addEventListener('hashchange', openLink);

  $$('[data-js]').forEach(function (el) { el.hidden = false; });
  ageBox.hidden = preview.hidden = share.hidden = false;
  page.classList.add('builder-on');
  drawMembers();
  filter();
  update();
  if ($('#agreement-title')) $('#agreement-title').tabIndex = -1; // focus after the question, if nowhere else
  blank = here();
  ts.keep(page.querySelector('[data-keep]'), 'agreement', collect, restore);
  openLink();
})();
