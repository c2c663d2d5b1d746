// Live reload for `talksite serve` only; a build never includes this file. It listens to
// the preview server and reloads the page after each successful rebuild, or shows the
// build's errors over the page until they are fixed.
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !window.EventSource) return;
  var events = new EventSource(script.src.replace(/reload\.js(\?.*)?$/, 'events'));
  var box = null;
  function showError(text) {
    if (!box) {
      box = document.createElement('div');
      box.setAttribute('role', 'alert');
      box.style.cssText = 'white-space:pre-wrap;padding:1rem;background:#b0141f;color:#fff;font-family:monospace';
      document.body.insertBefore(box, document.body.firstChild);
    }
    box.textContent = 'The last change broke the build; this is the last good version.\n\n' + text;
  }
  events.addEventListener('reload', function () { location.reload(); });
  events.addEventListener('error-report', function (e) { showError(e.data); });
})();
