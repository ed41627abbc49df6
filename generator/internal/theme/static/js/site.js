// site.js: small enhancements every page gets. The pages work without it;
// it adds a copy button to code blocks, turns the header's <details> menu
// into a button that says whether it is open, and makes the contents list
// follow the reading: it highlights the section on screen and closes
// after a jump on a phone.
(function () {
  "use strict";

  // Widths from which the header shows its navigation and the contents
  // list sits beside the text (the breakpoints of 20-chrome.css and
  // 30-content.css).
  var wideHeader = window.matchMedia("(min-width: 64rem)");
  var wideToc = window.matchMedia("(min-width: 64rem)");

  // ---- copy buttons ----

  // codeText returns the code of a highlighted block without line numbers
  // (chroma puts them in .ln spans; the code of each line is in .cl).
  function codeText(block) {
    var lines = block.querySelectorAll(".cl");
    if (lines.length === 0) {
      var code = block.querySelector("code");
      return code ? code.textContent : "";
    }
    var out = [];
    for (var i = 0; i < lines.length; i++) {
      out.push(lines[i].textContent.replace(/\n$/, ""));
    }
    return out.join("\n") + "\n";
  }

  function addCopyButton(block) {
    if (!navigator.clipboard || block.querySelector(".copy-code")) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-code";
    button.textContent = "Copy";
    button.setAttribute("aria-label", "Copy code to clipboard");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(codeText(block)).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 1500);
      }, function () {
        button.textContent = "Copy failed";
      });
    });
    block.appendChild(button);
  }

  // ---- the header's menu ----

  var menu = null; // {details, button}

  function setMenu(open) {
    if (!menu) {
      return;
    }
    menu.button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.details.open = open || wideHeader.matches;
  }

  function menuOpen() {
    return !!menu && menu.button.getAttribute("aria-expanded") === "true";
  }

  function enhanceMenu() {
    var details = document.querySelector("details.site-menu");
    if (!details || details.classList.contains("js-menu")) {
      return;
    }
    var summary = details.querySelector("summary");
    var panel = details.querySelector(".site-menu-panel");
    if (!summary || !panel || !panel.id) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "menu-button";
    button.setAttribute("aria-controls", panel.id);
    for (var i = 0; i < summary.childNodes.length; i++) {
      button.appendChild(summary.childNodes[i].cloneNode(true));
    }
    details.parentNode.insertBefore(button, details);
    details.classList.add("js-menu");
    menu = { details: details, button: button };
    setMenu(false);
    button.addEventListener("click", function () { setMenu(!menuOpen()); });
  }

  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && menuOpen()) {
      setMenu(false);
      menu.button.focus();
    }
  });
  document.addEventListener("click", function (e) {
    if (menuOpen() && !menu.details.contains(e.target) && !menu.button.contains(e.target)) {
      setMenu(false);
    }
  });
  wideHeader.addEventListener("change", function () { setMenu(false); });

  // ---- the contents list ----

  var toc = null; // {details, links, headings, current, observer}

  function tocLine() {
    var top = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
    return top + window.innerHeight * 0.2;
  }

  // markCurrent highlights the entry of the last heading above the
  // reading line (a fifth of the way down, below the sticky bars).
  function markCurrent() {
    if (!toc) {
      return;
    }
    var line = tocLine(), current = -1;
    for (var i = 0; i < toc.headings.length; i++) {
      if (toc.headings[i].getBoundingClientRect().top <= line) {
        current = i;
      }
    }
    if (current === toc.current) {
      return;
    }
    toc.current = current;
    for (var j = 0; j < toc.links.length; j++) {
      if (j === current) {
        toc.links[j].setAttribute("aria-current", "true");
      } else {
        toc.links[j].removeAttribute("aria-current");
      }
    }
    var label = toc.details.querySelector(".toc-current");
    if (label) {
      label.textContent = current >= 0 ? toc.links[current].textContent : "";
    }
  }

  function setupToc() {
    if (toc && toc.observer) {
      toc.observer.disconnect();
    }
    toc = null;
    var details = document.querySelector(".toc details.toc-details");
    if (!details) {
      return;
    }
    details.open = wideToc.matches;
    var links = [], headings = [];
    var all = details.querySelectorAll('a[href^="#"]');
    for (var i = 0; i < all.length; i++) {
      var h = document.getElementById(decodeURIComponent(all[i].getAttribute("href").slice(1)));
      if (h) {
        links.push(all[i]);
        headings.push(h);
      }
    }
    toc = { details: details, links: links, headings: headings, current: -2, observer: null };
    details.addEventListener("click", function (e) {
      if (!wideToc.matches && e.target.closest && e.target.closest("a")) {
        details.open = false; // a phone shows the text it jumps to
      }
    });
    if ("IntersectionObserver" in window && headings.length > 0) {
      // A heading crossing the reading line changes the section being
      // read; between crossings there is nothing to do. The observed band
      // is the screen above the line.
      var below = Math.max(0, Math.round(window.innerHeight - tocLine()));
      toc.observer = new IntersectionObserver(markCurrent, { rootMargin: "0px 0px -" + below + "px 0px", threshold: [0, 1] });
      headings.forEach(function (h) { toc.observer.observe(h); });
    }
    markCurrent();
  }

  // A jump (a link, the End key) can pass every heading without one
  // crossing the line where the observer looks: look again when the
  // scrolling stops.
  window.addEventListener("scrollend", markCurrent, { passive: true });

  wideToc.addEventListener("change", function () {
    if (toc) {
      toc.details.open = wideToc.matches;
    }
  });

  function init() {
    var blocks = document.querySelectorAll(".highlight");
    for (var i = 0; i < blocks.length; i++) {
      addCopyButton(blocks[i]);
    }
    enhanceMenu();
    setupToc();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  // The preview server morphs pages in place; enhance what it brings in.
  document.addEventListener("tradeoffs:updated", init);
})();
