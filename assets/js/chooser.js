/* The language chooser: highlight the language the browser asks for first. It never
   redirects and stores nothing: the reader chooses. */
(function () {
  'use strict';
  var links = document.querySelectorAll('.language-list a[hreflang]');
  var wanted = navigator.languages || [navigator.language || ''];
  for (var i = 0; i < wanted.length; i++) {
    var w = String(wanted[i]).toLowerCase();
    for (var pass = 0; pass < 2; pass++) {
      for (var j = 0; j < links.length; j++) {
        var tag = links[j].getAttribute('hreflang').toLowerCase();
        if (pass === 0 ? tag === w : tag.split('-')[0] === w.split('-')[0]) {
          links[j].classList.add('suggested');
          return;
        }
      }
    }
  }
})();
