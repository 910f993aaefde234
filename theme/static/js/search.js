// The search page: Pagefind's UI over the bundles in /pagefind/, started with the ?q= of the URL.
// The paper pages are indexed in shards, one bundle each (scripts/search_index.py); bundles.js
// lists them, and the UI searches the first with the others merged in.
(function () {
  "use strict";

  var container = document.querySelector("[data-search-ui]");
  if (!container) {
    return;
  }
  var bundles = window.paperfeedSearchBundles;
  if (typeof PagefindUI === "undefined" || !bundles || !bundles.length) {
    // pagefind/ is missing: the site was built without `invoke build` (say, by `invoke serve`).
    container.querySelector(".search-nojs").hidden = true;
    container.querySelector("[data-search-missing]").hidden = false;
    return;
  }
  var query = new URLSearchParams(window.location.search).get("q");
  container.textContent = "";
  var ui = new PagefindUI({
    element: container,
    bundlePath: bundles[0],
    mergeIndex: bundles.slice(1).map(function (bundlePath) {
      return { bundlePath: bundlePath };
    }),
    showImages: false,
    showSubResults: false,
    resetStyles: false,
    openFilters: ["year"],
    pageSize: 10,
    autofocus: !query,
  });
  // Pagefind's input has only a placeholder; the page's heading is its visible label.
  var input = container.querySelector("input");
  if (input) {
    input.setAttribute("aria-labelledby", "search-heading");
    // Keep ?q= in the address as the query changes, so a search can be shared or reloaded.
    input.addEventListener("input", function () {
      var url = new URL(window.location.href);
      if (input.value.trim()) {
        url.searchParams.set("q", input.value);
      } else {
        url.searchParams.delete("q");
      }
      history.replaceState(null, "", url);
    });
  }
  if (query) {
    ui.triggerSearch(query);
  }
})();
