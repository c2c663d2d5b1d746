/* The link that carries a whole family agreement in its #fragment, which browsers never
   send to a server (RFC 3986, section 3.5):
     #a=<version><z: deflate-raw | j: plain JSON><base64url of the UTF-8 JSON>
   z where the browser has CompressionStream, j where it does not. decode returns the
   JSON as it came: untrusted, for the builder (agreement.js) to check field by field. */
(function () {
  'use strict';
  var ts = window.talksite = window.talksite || {};
  // Limits on what a link may make this page read, whatever it claims.
  var MAX_HASH = 8000, MAX_JSON = 32768;
  var NEWER = 'newer';

  function bad() { throw new Error('bad'); }

  // readAll reads a stream of bytes into one array, refusing more than MAX_JSON bytes (a
  // small link may inflate to a lot).
  function readAll(stream) {
    var reader = stream.getReader(), parts = [], n = 0;
    return (function next() {
      return reader.read().then(function (r) {
        if (r.done) {
          var out = new Uint8Array(n), at = 0;
          parts.forEach(function (p) { out.set(p, at); at += p.length; });
          return out;
        }
        n += r.value.length;
        if (n > MAX_JSON) { reader.cancel(); bad(); }
        parts.push(r.value);
        return next();
      });
    })();
  }
  function pipe(bytes, Stream) { return readAll(new Blob([bytes]).stream().pipeThrough(new Stream('deflate-raw'))); }
  function b64(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function unb64(s) {
    if (!/^[\w-]*$/.test(s)) bad();
    var b = atob(s.replace(/-/g, '+').replace(/_/g, '/')), out = new Uint8Array(b.length);
    for (var i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
    return out;
  }

  ts.agreementLink = {
    // NEWER is what decode rejects with for a link made by a newer version of the page.
    NEWER: NEWER,
    // encode resolves to this page's address with state in its fragment.
    encode: function (state, version) {
      var bytes = new TextEncoder().encode(JSON.stringify(state));
      var data = window.CompressionStream
        ? pipe(bytes, CompressionStream).then(function (z) { return 'z' + b64(z); })
        : Promise.resolve('j' + b64(bytes));
      return data.then(function (d) { return location.href.split('#')[0] + '#a=' + version + d; });
    },
    // decode resolves to the JSON a fragment (location.hash) carries, and rejects with
    // NEWER or an Error for a link it cannot read.
    decode: function (hash, version) {
      return Promise.resolve().then(function () {
        var m = /^#a=(\d+)([a-z])([\w-]*)$/.exec(hash);
        if (hash.length > MAX_HASH || !m) bad();
        if (+m[1] > version) throw NEWER;
        if (+m[1] !== version) bad();
        var bytes = unb64(m[3]);
        if (m[2] === 'z') return pipe(bytes, DecompressionStream);
        if (m[2] !== 'j' || bytes.length > MAX_JSON) bad();
        return bytes;
      }).then(function (bytes) {
        var x = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
        if (x && typeof x.v === 'number' && x.v > version) throw NEWER;
        return x;
      });
    },
    // forget takes the link out of the address bar and out of this page's entry in the
    // session history, at once and whatever the link holds (even a damaged one may hold
    // names): Back, Forward and a reload then never bring it back, and a reload shows what
    // was saved here. The browser's own list of visited pages already has it; the privacy
    // page says so.
    forget: function () {
      try { history.replaceState(history.state, '', location.href.split('#')[0]); } catch (e) { /* file: in some browsers */ }
    }
  };
})();
