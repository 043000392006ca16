// The journey book's own small script: no library, no network, works from file://.
// 1. Wide drawings (the family tree) open scrolled so that the young person is in view.
// 2. A lightbox: a photo opens full screen when tapped, or when the page is opened at
//    #view-<photo> (so a photo can be linked to, and so it can be tested in a real browser).
(function () {
  "use strict";
  function centreOnYou() {
    document.querySelectorAll(".jb-tree").forEach(function (box) {
      var you = box.querySelector(".person.me");
      if (!you || box.scrollWidth <= box.clientWidth) { return; }
      var mine = you.getBoundingClientRect(), frame = box.getBoundingClientRect();
      box.scrollLeft += (mine.left + mine.width / 2) - (frame.left + frame.width / 2);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", centreOnYou);
  } else { centreOnYou(); }
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
