/* Quick exit, on every page: the GOV.UK "Exit this page" pattern, plus location.replace so
   that Back does not return to this page. Without JavaScript the button is a plain link.
   Three ways out: the button, the hidden link at the very top of the page (for screen
   reader users), and pressing Shift three times within five seconds of each other. Every way
   out replaces the top window, also when another site frames this page. */
(function () {
  'use strict';
  var button = document.getElementById('quick-exit');
  if (!button) return;
  var target = button.getAttribute('href');
  var status = document.querySelector('[data-exit-status]');
  var dots = button.querySelector('[data-exit-dots]');
  var presses = 0;
  var timer = null;
  var cover = null;

  function msg(name) { return button.getAttribute('data-msg-' + name) || ''; }
  function say(text) { if (status) status.textContent = text; }

  function leave(event) {
    if (event) event.preventDefault();
    // Cover the page at once: on a slow connection the next page may take a while.
    if (!cover) {
      cover = document.createElement('div');
      cover.className = 'exit-overlay';
      cover.setAttribute('role', 'alert');
      cover.textContent = msg('overlay');
      document.body.appendChild(cover);
    }
    go();
  }

  // go leaves the whole window, not only a frame: another site may frame this page, and
  // neither GitHub Pages nor a folder opened from disk can forbid that (frame-ancestors works
  // only as a header). A browser may refuse to move the top window (a sandboxed frame, or
  // one from another site without the reader's gesture): then at least this frame leaves.
  function go() {
    try {
      if (window.top !== window) {
        window.top.location.replace(target);
        return;
      }
    } catch (e) { /* refused: fall through */ }
    window.location.replace(target);
  }

  function showPresses() {
    if (!dots) return;
    dots.hidden = presses === 0;
    for (var i = 0; i < dots.children.length; i++) {
      dots.children[i].className = i < presses ? 'on' : '';
    }
  }

  function reset() {
    presses = 0;
    clearTimeout(timer);
    showPresses();
  }

  var hint = document.querySelector('[data-exit-hint]');
  if (hint) hint.classList.add('on'); // its space is kept without JavaScript: no shift

  var links = document.querySelectorAll('[data-exit]');
  for (var i = 0; i < links.length; i++) links[i].addEventListener('click', leave);

  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Shift') {
      if (presses > 0) reset();
      return;
    }
    if (event.repeat) return;
    presses++;
    clearTimeout(timer);
    if (presses >= 3) {
      reset();
      leave();
      return;
    }
    showPresses();
    say(msg(presses === 1 ? 'two' : 'one'));
    timer = setTimeout(function () {
      reset();
      say(msg('expired'));
    }, 5000);
  });

  // Coming back from the browser's cache: take the cover away again.
  window.addEventListener('pageshow', function () {
    if (cover) {
      cover.remove();
      cover = null;
    }
    reset();
  });
})();
