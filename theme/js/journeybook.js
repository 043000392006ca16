// The journey book's own small script: no library, no network, works from file://.
// 1. The family tree: drawn where the screen is wide enough to read its names, as branches
//    where it is not (the circles are drawn to fit any screen, with no script).
// 2. A lightbox: a photo opens full screen when tapped, or when the page is opened at
//    #view-<photo> (so a photo can be linked to, and so it can be tested in a real browser).
// 3. Material's search dialog gets a name for screen readers.
// 4. "Read this page to me": the browser's own speech (no network, no service), offered only
//    where the browser has it; the words on the button come from the page (translated).
(function () {
  "use strict";
  // The family tree and the circles: each part is drawn with names at data-drawn px and
  // shrinks to fit its frame. Where that would show them below LEAST px (12 on a phone, 14
  // wider), the part shows in words instead (branches, rings), which any screen can read.
  // Decided again when the window resizes.
  function fitTrees() {
    var least = window.innerWidth < 600 ? 12 : 14;
    document.querySelectorAll(".jb-tree-part, .jb-circle-part").forEach(function (part) {
      var natural = parseFloat(part.dataset.width) || 1, drawn = parseFloat(part.dataset.drawn);
      var shown = Math.min(1, part.clientWidth / natural) * drawn;
      part.classList.toggle("jb-drawn-fits", shown >= (part.matches(".jb-tree-part") ? 14 : least));
    });
  }
  function start() {
    fitTrees();
    window.addEventListener("resize", fitTrees);
    var search = document.querySelector('.md-search[role="dialog"]');
    var query = search && search.querySelector("input[aria-label]");
    if (query && !search.hasAttribute("aria-label")) {
      search.setAttribute("aria-label", query.getAttribute("aria-label"));
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else { start(); }
})();

(function () {
  "use strict";
  function open(link) {
    var dialog = document.getElementById("jb-lightbox");
    if (!dialog) {
      dialog = document.createElement("dialog");
      dialog.id = "jb-lightbox";
      dialog.className = "jb-lightbox";
      dialog.innerHTML = '<form method="dialog"><button class="jb-close" aria-label="Close">×</button></form>' +
        '<img alt=""><p class="jb-lightbox-caption"></p>';
      dialog.addEventListener("click", function (event) {
        if (event.target === dialog) { dialog.close(); }
      });
      dialog.addEventListener("close", function () {
        if (location.hash.indexOf("#view-") === 0) { history.replaceState(null, "", location.pathname); }
      });
      document.body.appendChild(dialog);
    }
    var image = link.querySelector("img");
    dialog.querySelector("img").src = link.getAttribute("href");
    dialog.querySelector("img").alt = image ? image.alt : "";
    var figure = link.closest("figure");
    var caption = figure ? figure.querySelector("figcaption") : null;
    var parts = caption ? Array.prototype.map.call(caption.children, function (part) {
      return part.textContent.trim();
    }) : [];
    dialog.querySelector(".jb-lightbox-caption").textContent = parts.filter(Boolean).join(" · ");
    if (!dialog.open) { dialog.showModal(); }
  }
  function start() {
    document.querySelectorAll("a.jb-zoom").forEach(function (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        open(link);
      });
    });
    // A data attribute, not an id: the browser must not scroll the page to the photo.
    if (location.hash.indexOf("#view-") === 0) {
      var target = document.querySelector('a.jb-zoom[data-view="' + location.hash.slice(6) + '"]');
      if (target) { open(target); }
    }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();

(function () {
  "use strict";
  var BLOCKS = "h1, h2, h3, p, li, figcaption";
  function sayable(article) {
    // The page's words in reading order, a block at a time (long utterances get cut off in
    // some browsers); a drawing's own labels are left out, its words in .jb-sr are read.
    var parts = [];
    article.querySelectorAll(BLOCKS).forEach(function (block) {
      if (block.closest(".jb-tree-drawn, .jb-listen-bar, svg")) { return; }
      if (block.parentElement.closest(BLOCKS)) { return; }  // read once, as part of its block
      var words = block.textContent.replace(/\s+/g, " ").trim();
      if (words) { parts.push(words); }
    });
    return parts;
  }
  function start() {
    var words = document.getElementById("jb-words");
    var article = document.querySelector(".md-content article");
    if (!words || !article || !("speechSynthesis" in window) ||
        typeof window.SpeechSynthesisUtterance !== "function") { return; }
    var bar = document.createElement("p");
    bar.className = "jb-listen-bar";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "jb-listen";
    button.setAttribute("aria-pressed", "false");
    // Icons drawn, not emoji: a phone has an emoji font, a council PC's browser may not.
    var SPEAKER = "M14,3.23V5.29C16.89,6.15 19,8.83 19,12C19,15.17 16.89,17.84 14,18.7V20.77C18,19.86 21,16.28 21,12C21,7.72 18,4.14 14,3.23M16.5,12C16.5,10.23 15.5,8.71 14,7.97V16C15.5,15.29 16.5,13.76 16.5,12M3,9V15H7L12,20V4L7,9H3Z";
    var STOP = "M18,18H6V6H18V18Z";  // both from Material Design Icons (Apache 2.0), as Material ships them
    function label(text, path) {
      button.innerHTML = '<svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" width="20" height="20"><path fill="currentColor" d="' + path + '"/></svg> ';
      button.appendChild(document.createTextNode(text));
    }
    label(words.dataset.listen, SPEAKER);
    bar.appendChild(button);
    var heading = article.querySelector("h1");
    // After the title, wherever it sits (the welcome page's is inside its own column).
    if (heading) { heading.parentNode.insertBefore(bar, heading.nextSibling); }
    else { article.insertBefore(bar, article.firstChild); }
    function stopped() {
      label(words.dataset.listen, SPEAKER);
      button.setAttribute("aria-pressed", "false");
    }
    button.addEventListener("click", function () {
      if (button.getAttribute("aria-pressed") === "true") {
        window.speechSynthesis.cancel();
        stopped();
        return;
      }
      window.speechSynthesis.cancel();
      var parts = sayable(article);
      parts.forEach(function (part, index) {
        var utterance = new window.SpeechSynthesisUtterance(part);
        utterance.lang = document.documentElement.lang || "en";
        if (index === parts.length - 1) { utterance.onend = stopped; }
        window.speechSynthesis.speak(utterance);
      });
      label(words.dataset.stop, STOP);
      button.setAttribute("aria-pressed", "true");
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
