// theme.js: the reader's colour theme: auto (the system's setting), light
// or dark, remembered in localStorage. It is loaded without defer in <head>
// so the choice is applied before the page is first drawn (no flash of the
// other theme); the stylesheet reads it from data-theme on <html>. It also
// wires the theme switch in the header once the page has loaded. Without
// JavaScript the switch stays hidden and the system's setting applies.
(function () {
  "use strict";

  var KEY = "tradeoffs-theme";
  var root = document.documentElement;

  function stored() {
    try {
      var v = localStorage.getItem(KEY);
      return v === "light" || v === "dark" ? v : "auto";
    } catch (e) {
      return "auto"; // storage refused (private mode, cookies off)
    }
  }

  function save(pref) {
    try {
      if (pref === "auto") {
        localStorage.removeItem(KEY);
      } else {
        localStorage.setItem(KEY, pref);
      }
    } catch (e) { /* the choice lasts for this page only */ }
  }

  function apply(pref) {
    root.setAttribute("data-theme", pref);
    var select = document.getElementById("theme-select");
    if (select && select.value !== pref) {
      select.value = pref;
    }
  }

  apply(stored());

  var wired = null;

  function wire() {
    var select = document.getElementById("theme-select");
    if (!select || select === wired) {
      return;
    }
    wired = select;
    select.value = root.getAttribute("data-theme") || "auto";
    select.addEventListener("change", function () {
      var pref = select.value === "light" || select.value === "dark" ? select.value : "auto";
      save(pref);
      apply(pref);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wire);
  } else {
    wire();
  }
  // A choice made in another tab applies here too.
  window.addEventListener("storage", function (e) {
    if (e.key === KEY || e.key === null) {
      apply(stored());
    }
  });
  // The preview server morphs pages in place: wire the new switch.
  document.addEventListener("tradeoffs:updated", function () {
    wire();
    apply(root.getAttribute("data-theme") || stored());
  });
})();
