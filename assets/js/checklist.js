/* The TALK checklist: progress per step as actions are ticked, and opt-in saving on this
   device. Without JavaScript the checkboxes still tick and the page prints as a checklist. */
(function () {
  'use strict';
  var ts = window.talksite;
  var form = document.getElementById('checklist');
  if (!form || !ts) return;
  var steps = form.querySelectorAll('[data-step]');

  function update() {
    for (var i = 0; i < steps.length; i++) {
      var boxes = steps[i].querySelectorAll('input[type="checkbox"]');
      var done = 0;
      for (var j = 0; j < boxes.length; j++) if (boxes[j].checked) done++;
      var out = steps[i].querySelector('[data-progress]');
      if (out) {
        out.hidden = false;
        out.textContent = ts.plural('checklist.progress', done, { Total: boxes.length });
      }
    }
  }

  function collect() {
    var ticked = [];
    var boxes = form.querySelectorAll('input[type="checkbox"]');
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) ticked.push(boxes[i].name);
    return { v: 1, ticked: ticked };
  }

  function restore(saved) {
    if (!saved || !Array.isArray(saved.ticked)) return;
    var boxes = form.querySelectorAll('input[type="checkbox"]');
    for (var i = 0; i < boxes.length; i++) boxes[i].checked = saved.ticked.indexOf(boxes[i].name) >= 0;
    update();
  }

  form.addEventListener('change', update);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  ts.keep(form.querySelector('[data-keep]'), 'checklist', collect, restore);
  update();
})();
