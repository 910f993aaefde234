// paperfeed: small progressive enhancements. The site works the same without this file.
(function () {
  "use strict";

  var STORAGE_KEY = "paperfeed-theme";
  var root = document.documentElement;

  function remember(choice) {
    try {
      if (choice === "system") {
        localStorage.removeItem(STORAGE_KEY);
      } else {
        localStorage.setItem(STORAGE_KEY, choice);
      }
    } catch (e) {
      // Storage blocked (private mode): the choice lasts for this page only.
    }
  }

  // The theme select: System (no data-theme: the system setting), Light or Dark. The inline
  // script in <head> applied a stored choice before the first paint; this shows and changes it.
  function setUpThemeControl(control) {
    var select = control.querySelector("select");
    select.value = root.dataset.theme || "system";
    select.addEventListener("change", function () {
      if (select.value === "system") {
        delete root.dataset.theme;
      } else {
        root.dataset.theme = select.value;
      }
      remember(select.value);
    });
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

  document.querySelectorAll("[data-theme-control]").forEach(setUpThemeControl);
  document.querySelectorAll("[data-copy]").forEach(setUpCopyButton);
})();
