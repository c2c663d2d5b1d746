/* The print pack's Print button. Without JavaScript the page says how to print. */
(function () {
  'use strict';
  var box = document.querySelector('[data-print-pack]');
  if (!box) return;
  box.hidden = false;
  box.querySelector('button').addEventListener('click', function () { window.print(); });
})();
