/* A small description of HTML that can be written into the page or out as text, so that
   one description serves the agreement's preview (and printout) and its download.
   A node is [tag, attributes, children...]; attributes is an object or null, and a child
   is a node, a string, null (nothing) or a list of children. Text reaches the page only as
   text nodes and the text only escaped, so user words can never become markup. */
(function () {
  'use strict';
  var ts = window.talksite = window.talksite || {};

  function isNode(n) { return typeof n[0] === 'string'; }

  // esc escapes text and attribute values for HTML (every character that could end either).
  function esc(v) { return String(v).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }

  ts.nodes = {
    // h makes a node: h('p', {'class': 'x'}, 'text', h('b', null, 'more')).
    h: function (tag, attrs) { return [tag, attrs].concat(Array.prototype.slice.call(arguments, 2)); },
    esc: esc,
    // toDOM appends the elements of n to parent. An attribute whose value is empty is left out.
    toDOM: function toDOM(n, parent) {
      if (n === null || n === undefined) return;
      if (typeof n === 'string') { parent.appendChild(document.createTextNode(n)); return; }
      if (!isNode(n)) { n.forEach(function (c) { toDOM(c, parent); }); return; }
      var el = document.createElement(n[0]);
      for (var k in n[1]) if (n[1][k]) el.setAttribute(k, n[1][k]);
      n.slice(2).forEach(function (c) { toDOM(c, el); });
      parent.appendChild(el);
    },
    // toHTML returns n as HTML text, the same elements toDOM would make.
    toHTML: function toHTML(n) {
      if (n === null || n === undefined) return '';
      if (typeof n === 'string') return esc(n);
      if (!isNode(n)) return n.map(toHTML).join('');
      var out = '<' + n[0];
      for (var k in n[1]) if (n[1][k]) out += ' ' + k + '="' + esc(n[1][k]) + '"';
      return out + '>' + n.slice(2).map(toHTML).join('') + '</' + n[0] + '>';
    }
  };
})();
