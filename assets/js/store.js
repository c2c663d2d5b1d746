/* On-device saving, shared by the checklist and the family agreement.
   Nothing is written until the reader presses "Save on this device"; "Delete from this
   device" removes everything this site ever stored in this browser. Nothing is ever sent
   anywhere: there is no network code in any script of this site. */
(function () {
  'use strict';
  var PREFIX = 'talksite:';
  var ts = window.talksite = window.talksite || {};

  function storage() {
    try {
      return window.localStorage; // may throw when storage is blocked
    } catch (e) {
      return null;
    }
  }

  ts.store = {
    available: function () { return storage() !== null; },
    load: function (key) {
      var s = storage();
      if (!s) return null;
      try {
        var v = s.getItem(PREFIX + key);
        return v === null ? null : JSON.parse(v);
      } catch (e) {
        return null;
      }
    },
    save: function (key, value) {
      var s = storage();
      if (!s) return false;
      try {
        s.setItem(PREFIX + key, JSON.stringify(value));
        return true;
      } catch (e) {
        return false;
      }
    },
    // wipe removes every key this site stored, in local and session storage.
    wipe: function () {
      [storage(), (function () { try { return window.sessionStorage; } catch (e) { return null; } })()].forEach(function (s) {
        if (!s) return;
        var keys = [];
        for (var i = 0; i < s.length; i++) {
          var k = s.key(i);
          if (k && k.indexOf(PREFIX) === 0) keys.push(k);
        }
        keys.forEach(function (k) { s.removeItem(k); });
      });
    }
  };

  // keep wires a [data-keep] block: Save, Delete and Print buttons and a status line whose
  // messages come from the block's data-msg-* attributes (translated by the layout).
  ts.keep = function (block, key, collect, restore) {
    if (!block) return;
    var status = block.querySelector('[data-status]');
    function say(name) { if (status) status.textContent = block.getAttribute('data-msg-' + name) || ''; }
    block.hidden = false;
    var saveBtn = block.querySelector('[data-save]');
    var delBtn = block.querySelector('[data-delete]');
    var printBtn = block.querySelector('[data-print]');
    if (!ts.store.available()) {
      if (saveBtn) saveBtn.disabled = true;
      say('unavailable');
    }
    var saved = ts.store.load(key);
    if (saved !== null) {
      restore(saved);
      say('loaded');
    }
    if (saveBtn) saveBtn.addEventListener('click', function () {
      say(ts.store.save(key, collect()) ? 'saved' : 'unavailable');
    });
    if (delBtn) delBtn.addEventListener('click', function () {
      ts.store.wipe();
      say('deleted');
    });
    if (printBtn) printBtn.addEventListener('click', function () { window.print(); });
  };
})();
