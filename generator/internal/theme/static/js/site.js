// site.js: small enhancements every page gets. The pages work without it;
// it adds a copy button to code blocks.
(function () {
  "use strict";

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

  function init() {
    var blocks = document.querySelectorAll(".highlight");
    for (var i = 0; i < blocks.length; i++) {
      addCopyButton(blocks[i]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
  // The preview server morphs pages in place; enhance what it brings in.
  document.addEventListener("tradeoffs:updated", init);
})();
