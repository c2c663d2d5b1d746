/* Conversation starters: filter by age band and topic with toggle buttons, the choice kept
   in the address (#ages=8-10&topics=gaming) so a filtered view can be shared; "Show me one"
   picks a starter at random. Without JavaScript every starter shows, grouped by age band. */
(function () {
  'use strict';
  var ts = window.talksite;
  var root = document.getElementById('starters');
  var filters = document.querySelector('[data-filters]');
  if (!ts || !root || !filters) return;

  // One list of every starter, each once: the grouped no-script view repeats a starter
  // under each of its age bands.
  var all = document.createElement('ul');
  all.className = 'starter-list';
  all.setAttribute('data-flat', '');
  all.setAttribute('aria-labelledby', 'filter-title');
  var seen = {};
  var grouped = root.querySelectorAll('[data-id]');
  for (var s = 0; s < grouped.length; s++) {
    var id = grouped[s].getAttribute('data-id');
    if (seen[id]) continue;
    seen[id] = true;
    all.appendChild(grouped[s].cloneNode(true));
  }
  root.parentNode.insertBefore(all, root);
  var items = all.querySelectorAll('[data-ages]');
  var count = filters.querySelector('[data-count]');
  var none = filters.querySelector('[data-none]');
  var pick = document.querySelector('[data-pick]');
  var pickOut = document.querySelector('[data-pick-out]');
  var buttons = filters.querySelectorAll('button[data-value]');

  root.hidden = true; // the grouped list is the no-script view
  filters.hidden = false;
  var browse = document.querySelector('[data-browse]');
  if (browse) browse.hidden = true; // the filter does the same job: one set of controls
  if (pick) pick.hidden = false;

  function chosen(group) {
    var out = [];
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      if (b.getAttribute('data-group') === group && b.getAttribute('aria-pressed') === 'true') out.push(b.getAttribute('data-value'));
    }
    return out;
  }

  function matches(list, wanted) {
    if (wanted.length === 0) return true;
    var have = list.split(' ');
    for (var i = 0; i < wanted.length; i++) if (have.indexOf(wanted[i]) >= 0) return true;
    return false;
  }

  function apply(updateAddress) {
    var ages = chosen('ages');
    var topics = chosen('topics');
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var ok = matches(items[i].getAttribute('data-ages'), ages) && matches(items[i].getAttribute('data-topics'), topics);
      items[i].hidden = !ok;
      if (ok) shown++;
    }
    count.textContent = ts.plural('starters.count', shown);
    if (none) none.hidden = shown > 0;
    var groups = filters.querySelectorAll('[data-all-button]');
    for (var g = 0; g < groups.length; g++) {
      groups[g].setAttribute('aria-pressed', chosen(groups[g].getAttribute('data-group')).length === 0 ? 'true' : 'false');
    }
    if (updateAddress && window.history && history.replaceState) {
      var parts = [];
      if (ages.length) parts.push('ages=' + ages.join(','));
      if (topics.length) parts.push('topics=' + topics.join(','));
      history.replaceState(null, '', parts.length ? '#' + parts.join('&') : window.location.pathname + window.location.search);
    }
  }

  // fromAddress presses the buttons named in the address; unknown values are ignored.
  function fromAddress() {
    var state = { ages: [], topics: [] };
    var hash = window.location.hash.replace(/^#/, '');
    if (hash.length > 500) hash = '';
    hash.split('&').forEach(function (part) {
      var kv = part.split('=');
      if (kv.length !== 2 || (kv[0] !== 'ages' && kv[0] !== 'topics')) return;
      // Anyone can type or link a fragment: a part that is not valid percent-encoding
      // (#ages=%) would throw a URIError and stop the filter, so it is ignored.
      try {
        state[kv[0]] = decodeURIComponent(kv[1]).split(',');
      } catch (e) { /* ignored, like an unknown value */ }
    });
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      var group = b.getAttribute('data-group');
      b.setAttribute('aria-pressed', state[group] && state[group].indexOf(b.getAttribute('data-value')) >= 0 ? 'true' : 'false');
    }
    apply(false);
  }

  filters.addEventListener('click', function (event) {
    var b = event.target.closest('button');
    if (!b || !filters.contains(b)) return;
    if (b.hasAttribute('data-all-button')) {
      for (var i = 0; i < buttons.length; i++) {
        if (buttons[i].getAttribute('data-group') === b.getAttribute('data-group')) buttons[i].setAttribute('aria-pressed', 'false');
      }
    } else {
      b.setAttribute('aria-pressed', b.getAttribute('aria-pressed') === 'true' ? 'false' : 'true');
    }
    apply(true);
  });

  if (pick) {
    pick.querySelector('[data-pick-button]').addEventListener('click', function () {
      var visible = [];
      for (var i = 0; i < items.length; i++) if (!items[i].hidden) visible.push(items[i]);
      if (!visible.length) return;
      var one = visible[Math.floor(Math.random() * visible.length)];
      pickOut.textContent = one.querySelector('p').textContent;
      var lang = one.getAttribute('lang');
      if (lang) pickOut.setAttribute('lang', lang); else pickOut.removeAttribute('lang');
      pickOut.parentNode.hidden = false;
    });
  }
  var print = document.querySelector('[data-print-cards]');
  if (print) {
    print.hidden = false;
    print.addEventListener('click', function () { window.print(); });
  }

  window.addEventListener('hashchange', fromAddress);
  fromAddress();
})();
