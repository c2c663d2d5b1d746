/* A stand-alone HTML document, written from nodes (nodes.js) and offered as a file to keep
   (the family agreement's Download). The file works offline and on its own: its style is
   inline and its own Content Security Policy lets it load nothing and run nothing. It is
   made in the browser from a blob: URL; nothing is sent anywhere. */
(function () {
  'use strict';
  var ts = window.talksite = window.talksite || {};
  if (!ts.nodes) return;
  var esc = ts.nodes.esc;

  ts.download = {
    // page returns the document: d.lang and d.dir of the page it comes from, d.title,
    // d.css (a stylesheet) and d.body (a node, written inside <main>).
    page: function (d) {
      return '<!DOCTYPE html>\n<html lang="' + esc(d.lang) + '" dir="' + esc(d.dir || 'ltr') + '">\n<head>\n<meta charset="utf-8">\n' +
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">\n' +
        '<title>' + esc(d.title) + '</title>\n<style>' + d.css + '</style>\n</head>\n<body>\n<main>' +
        ts.nodes.toHTML(d.body) + '</main>\n</body>\n</html>\n';
    },
    // save offers html as a file named after title, without the characters file systems refuse.
    save: function (title, html) {
      var a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
      a.download = title.replace(/[\\/:*?"<>|]/g, '') + '.html';
      a.hidden = true;
      document.body.appendChild(a);
      a.click();
      document.body.removeChild(a);
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
    }
  };
})();
