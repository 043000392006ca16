// The journeybook studio's one script. Every page works without it; it adds two things:
// 1. A form being filled in is kept as a draft in this browser (localStorage, on this computer
//    only), so a closed tab or a crash loses nothing: the page offers it back next time.
// 2. The preview beside a form reloads itself when a save has made a new one.
(function () {
  "use strict";

  var PREFIX = "journeybook-draft:";

  // What a form holds now: [name, value, checked] for each field a person fills in.
  function fieldsOf(form) {
    var found = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || /^(hidden|submit|button|file|reset)$/.test(el.type)) {
        return;
      }
      if (el.type === "select-multiple") {   // every person chosen, not only the first
        found.push([el.name, Array.prototype.filter.call(el.options, function (option) {
          return option.selected;
        }).map(function (option) { return option.value; }), null]);
        return;
      }
      var ticked = el.type === "checkbox" || el.type === "radio" ? el.checked : null;
      found.push([el.name, el.value, ticked]);
    });
    return found;
  }

  function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

  function read(key) {
    try { return JSON.parse(window.localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }

  // Put a draft's values back into the form, field by field in page order.
  function putBack(form, fields) {
    var seen = {};
    fields.forEach(function (field) {
      var name = field[0], nth = seen[name] || 0;
      seen[name] = nth + 1;
      // (Not the hidden input that stands for "no one chosen" before a list of people.)
      var el = form.querySelectorAll("[name='" + name.replace(/'/g, "\\'") +
                                      "']:not([type=hidden])")[nth];
      if (!el) { return; }
      if (Array.isArray(field[1])) {
        Array.prototype.forEach.call(el.options, function (option) {
          option.selected = field[1].indexOf(option.value) >= 0;
        });
      } else if (field[2] === null) {
        el.value = field[1];
      } else {
        el.checked = field[2];
      }
    });
  }

  function offer(form, key, draft, digest) {
    var box = document.createElement("div");
    box.className = "draft";
    box.setAttribute("role", "region");
    box.setAttribute("aria-label", "Changes not saved");
    var words = document.createElement("p");
    var when = new Date(draft.at);
    words.textContent = "This form has changes that were not saved (made " +
      when.toLocaleString() + ")." + (draft.digest !== digest
        ? " The file has changed since then: look over them before you save." : "");
    var back = document.createElement("button");
    back.type = "button";
    back.textContent = "Put my changes back";
    var forget = document.createElement("button");
    forget.type = "button";
    forget.className = "forget";
    forget.textContent = "Throw them away";
    back.addEventListener("click", function () {
      putBack(form, draft.fields);
      box.remove();
      var first = form.querySelector("input:not([type=hidden]), select, textarea");
      if (first) { first.focus(); }
    });
    forget.addEventListener("click", function () {
      window.localStorage.removeItem(key);
      box.remove();
    });
    var buttons = document.createElement("p");
    buttons.append(back, forget);
    box.append(words, buttons);
    form.parentNode.insertBefore(box, form);
  }

  function keepDrafts(form) {
    var key = PREFIX + form.getAttribute("action");
    // A save that was not written (it had a problem) shows what was typed: that is a draft.
    var start = form.hasAttribute("data-unsaved") ? null : fieldsOf(form);
    var digest = form.elements._digest ? form.elements._digest.value : "";
    var draft = read(key);
    if (draft && start && !same(draft.fields, start)) {
      offer(form, key, draft, digest);
    } else if (draft && start) {
      window.localStorage.removeItem(key);
    }
    var timer = null;
    if (!start) { window.setTimeout(keep, 0); }
    function keep() {
      timer = null;
      var now = fieldsOf(form);
      if (same(now, start)) {
        window.localStorage.removeItem(key);
      } else {
        window.localStorage.setItem(key, JSON.stringify(
          {fields: now, digest: digest, at: new Date().toISOString()}));
      }
    }
    form.addEventListener("input", function () { if (!timer) { timer = setTimeout(keep, 300); } });
    form.addEventListener("change", keep);
  }

  // The preview frame (and its words) follow the journey's builds.
  function watchBuilds(status) {
    var frame = document.getElementById("preview-frame");
    var url = status.dataset.state;
    var number = Number(status.dataset.number);
    function ask() {
      fetch(url, {credentials: "same-origin", cache: "no-store"})
        .then(function (answer) { return answer.json(); })
        .then(function (builds) {
          var run = builds.preview;
          var busy = run.state === "waiting" || run.state === "making";
          var words = status.dataset[busy ? "busy" : run.state === "failed" ? "failed" : "done"];
          if (status.textContent !== words) { status.textContent = words; }   // said once
          showProblems(run.state === "failed" ? run.problems : []);
          if (run.number > number && !busy) {
            number = run.number;
            if (frame) { frame.src = frame.src; }
          }
          window.setTimeout(ask, busy ? 600 : 2500);
        })
        .catch(function () { window.setTimeout(ask, 5000); });
    }
    ask();
  }

  // Why the last preview could not be made, under its words (kept as they are if unchanged).
  function showProblems(lines) {
    var list = document.getElementById("preview-problems");
    if (!list || list.dataset.shown === JSON.stringify(lines)) { return; }
    list.dataset.shown = JSON.stringify(lines);
    list.replaceChildren.apply(list, lines.map(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      return item;
    }));
  }

  document.addEventListener("DOMContentLoaded", function () {
    // A save that was refused says so first: a screen reader starts there.
    var alert = document.querySelector(".message[role=alert]");
    if (alert) { alert.focus(); }
    (document.body.dataset.saved || "").split(" ").forEach(function (action) {
      if (action) { window.localStorage.removeItem(PREFIX + action); }
    });
    Array.prototype.forEach.call(document.querySelectorAll("form[data-draft]"), keepDrafts);
    var status = document.getElementById("preview-status");
    if (status && status.dataset.state) { watchBuilds(status); }
  });
}());
