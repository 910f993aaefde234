// paperfeed: small progressive enhancements. The site works the same without this file.
(function () {
  "use strict";

  var STORAGE_KEY = "paperfeed-theme";
  var root = document.documentElement;
  var darkQuery = window.matchMedia("(prefers-color-scheme: dark)");

  function currentTheme() {
    return root.dataset.theme || (darkQuery.matches ? "dark" : "light");
  }

  function remember(theme) {
    try {
      localStorage.setItem(STORAGE_KEY, theme);
    } catch (e) {
      // Storage blocked (private mode): the choice lasts for this page only.
    }
  }

  function setUpThemeToggle(button) {
    function show() {
      button.setAttribute("aria-pressed", String(currentTheme() === "dark"));
    }
    button.addEventListener("click", function () {
      var theme = currentTheme() === "dark" ? "light" : "dark";
      root.dataset.theme = theme;
      remember(theme);
      show();
    });
    darkQuery.addEventListener("change", show);
    show();
    button.hidden = false;
  }

  // A "Copy" button after each element with data-copy (the BibTeX, for instance).
  function setUpCopyButton(source) {
    if (!navigator.clipboard) {
      return;
    }
    var button = document.createElement("button");
    var status = document.createElement("span");
    button.type = "button";
    button.className = "copy-button";
    button.textContent = source.dataset.copy || "Copy";
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent.trim()).then(
        function () {
          status.textContent = "Copied.";
        },
        function () {
          status.textContent = "Could not copy; select the text and copy it by hand.";
        }
      );
    });
    source.insertAdjacentElement("afterend", status);
    source.insertAdjacentElement("afterend", button);
  }

  document.querySelectorAll("[data-theme-toggle]").forEach(setUpThemeToggle);
  document.querySelectorAll("[data-copy]").forEach(setUpCopyButton);
})();
