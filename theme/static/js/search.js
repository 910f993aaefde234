// The search page: Pagefind's UI over the index in /pagefind/, started with the ?q= of the URL.
(function () {
  "use strict";

  var container = document.querySelector("[data-search-ui]");
  if (!container || typeof PagefindUI === "undefined") {
    return; // The index was not built: the page keeps its note and links.
  }
  container.textContent = "";
  var ui = new PagefindUI({
    element: container,
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    openFilters: ["tag", "year"],
    pageSize: 10,
    autofocus: !new URLSearchParams(window.location.search).get("q"),
  });
  // Pagefind's input has only a placeholder; the page's heading is its visible label.
  var input = container.querySelector("input");
  if (input) {
    input.setAttribute("aria-labelledby", "search-heading");
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
    var box = document.getElementById("search-box-q");
    if (box) {
      box.value = query;
    }
  }
})();
