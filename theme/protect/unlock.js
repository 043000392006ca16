// Opens a journeybook site locked by generator/protect.py: PBKDF2-SHA256 (600,000 iterations)
// derives an AES-256-GCM key from the passphrase; the decrypted bundle holds every file of the
// site, shown from memory in a frame. Nothing is sent anywhere; nothing is stored.
(function () {
  "use strict";
  var files = null, types = null, blobs = {};

  function bytes(b64) {
    var raw = atob(b64), out = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { out[i] = raw.charCodeAt(i); }
    return out;
  }
  function text(b64) { return new TextDecoder().decode(bytes(b64)); }
  function resolve(from, ref) {
    var parts = from.split("/").slice(0, -1);
    ref.split("/").forEach(function (p) {
      if (p === "..") { parts.pop(); } else if (p !== "." && p !== "") { parts.push(p); }
    });
    return parts.join("/");
  }
  function split(ref) {
    var at = ref.search(/[?#]/);
    return at < 0 ? [ref, ""] : [ref.slice(0, at), ref.slice(at)];
  }
  function urlFor(from, ref) {
    if (/^(data:|blob:|https?:|mailto:|#|javascript:)/i.test(ref)) { return null; }
    var pieces = split(ref), path = resolve(from, pieces[0]);
    if (!(path in files)) { return null; }
    if (/\.html$/.test(path)) { return "#jb:" + path + pieces[1]; }
    return asset(path) + (pieces[1].charAt(0) === "#" ? pieces[1] : "");
  }
  function asset(path) {
    if (!blobs[path]) {
      var body = bytes(files[path]);
      if (/\.css$/.test(path)) {
        body = new TextDecoder().decode(body).replace(/url\(\s*['"]?([^'")]+)['"]?\s*\)/g, function (m, ref) {
          var url = urlFor(path, ref);
          return url ? "url(\"" + url + "\")" : m;
        });
      }
      blobs[path] = URL.createObjectURL(new Blob([body], { type: types[path] }));
    }
    return blobs[path];
  }
  function page(path) {
    var html = text(files[path]);
    return html.replace(/\b(src|href)=("|')([^"']+)\2/g, function (m, attr, q, ref) {
      var url = urlFor(path, ref);
      return url ? attr + "=" + q + url + q : m;
    }).replace(/\bsrcset=("|')([^"']+)\1/g, function (m, q, list) {
      return "srcset=" + q + list.split(",").map(function (item) {
        var bits = item.trim().split(/\s+/), url = urlFor(path, bits[0]);
        return (url || bits[0]) + (bits[1] ? " " + bits[1] : "");
      }).join(", ") + q;
    });
  }
  function show(target) {
    var pieces = split(target), frame = document.getElementById("book");
    frame.onload = function () {
      var doc = frame.contentDocument;
      document.title = doc.title;
      doc.addEventListener("click", function (event) {
        var link = event.target.closest && event.target.closest("a[href^='#jb:']");
        if (link) { event.preventDefault(); show(link.getAttribute("href").slice(4)); }
      });
      if (pieces[1].length > 1) {
        var spot = doc.getElementById(pieces[1].slice(1));
        if (spot) { spot.scrollIntoView(); }
      }
    };
    frame.srcdoc = page(pieces[0]);
    document.body.className = "open";
  }
  async function unlock(passphrase) {
    var locked = window.JB_LOCKED, enc = new TextEncoder();
    var base = await crypto.subtle.importKey("raw", enc.encode(passphrase), "PBKDF2", false, ["deriveKey"]);
    var key = await crypto.subtle.deriveKey(
      { name: "PBKDF2", salt: bytes(locked.salt), iterations: locked.iterations, hash: "SHA-256" },
      base, { name: "AES-GCM", length: 256 }, false, ["decrypt"]);
    var plain = await crypto.subtle.decrypt(
      { name: "AES-GCM", iv: bytes(locked.iv), additionalData: enc.encode("journeybook-v1") },
      key, bytes(locked.data));
    var stream = new Blob([plain]).stream().pipeThrough(new DecompressionStream("gzip"));
    var bundle = JSON.parse(await new Response(stream).text());
    files = bundle.files;
    types = bundle.types;
    show("index.html");
  }
  window.JB = { unlock: unlock };
  var form = document.getElementById("lock");
  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var message = document.getElementById("message");
      if (!window.crypto || !crypto.subtle) {
        message.textContent = "This browser cannot open it here: open the book over https, or from the folder.";
        return;
      }
      message.textContent = "Opening...";
      unlock(document.getElementById("passphrase").value).catch(function () {
        message.textContent = "That passphrase did not open the book. Try again.";
      });
    });
  }
})();
