// The search page: a search form, results and filters over Pagefind's API (pagefind.js).
// The paper pages are indexed in shards, one bundle each (scripts/search_index.py); bundles.js
// lists them, and the first bundle's pagefind.js searches them all with the others merged in.
//
// What readers type comes first: an arXiv id (2606.13681, math/0611800v2, arXiv:..., an
// arxiv.org or huggingface.co address) finds that paper by the "arXiv:<id>" its page shows;
// a query of several words finds the pages holding them as one phrase (an author's exact
// name) before the pages holding them anywhere.
(function () {
  "use strict";

  var container = document.querySelector("[data-search-ui]");
  if (!container) {
    return;
  }
  var bundles = window.paperfeedSearchBundles;
  if (!bundles || !bundles.length) {
    // pagefind/ is missing: the site was built without `invoke build` (say, by `invoke serve`).
    container.querySelector("[data-search-missing]").hidden = false;
    return;
  }

  var PAGE_SIZE = 10;
  var FILTERS = [
    ["year", "Year"],
    ["tag", "Tag"],
  ];
  var ARXIV_ID = new RegExp(
    "^(?:arxiv:\\s*|(?:https?://)?(?:www\\.|export\\.)?(?:arxiv\\.org/(?:abs|pdf)|" +
      "huggingface\\.co/papers)/)?" +
      "(\\d{4}\\.\\d{4,5}|[a-z][a-z-]*(?:\\.[a-z]{2})?/\\d{7})(?:v\\d+)?(?:\\.pdf)?/?$",
    "i",
  );

  // The id in a query that is only an arXiv id, or null. Pagefind ignores case.
  function arxivId(query) {
    var match = ARXIV_ID.exec(query.trim());
    return match ? match[1] : null;
  }

  function element(name, attributes, children) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) {
      node.setAttribute(key, attributes[key]);
    });
    (children || []).forEach(function (child) {
      node.append(child);
    });
    return node;
  }

  var form = container.querySelector(".search-form");
  var input = form.querySelector("input");
  var status = element("p", { class: "search-status", role: "status" });
  var list = element("ol", { class: "search-result-list" });
  var more = element("button", { type: "button", class: "search-more", hidden: "" }, [
    "More results",
  ]);
  var results = element("section", { class: "search-results", "aria-label": "Results" }, [
    status,
    list,
    more,
  ]);
  var filterPanel = element("aside", { class: "search-filters", "aria-label": "Filters" });
  // Results first: on a phone the filters come after them, beside them on a wide screen.
  var layout = element("div", { class: "search-layout" }, [results, filterPanel]);
  container.append(layout);

  var selected = { year: [], tag: [] };
  var ranked = [];
  var shown = 0;
  var generation = 0;
  var pagefindLoad = null;

  function pagefind() {
    if (!pagefindLoad) {
      pagefindLoad = import(bundles[0] + "pagefind.js").then(function (api) {
        return Promise.all(
          bundles.slice(1).map(function (bundle) {
            return api.mergeIndex(bundle);
          }),
        )
          .then(function () {
            // Loads the filters, so that each search counts its results per filter value.
            return api.filters();
          })
          .then(function () {
            return api;
          });
      });
    }
    return pagefindLoad;
  }

  function chosenFilters() {
    var filters = {};
    FILTERS.forEach(function (pair) {
      if (selected[pair[0]].length) {
        filters[pair[0]] = { any: selected[pair[0]] };
      }
    });
    return filters;
  }

  // The results of `query`, ranked: the id's paper, or the phrase's pages, before the rest.
  function search(api, query) {
    var options = { filters: chosenFilters() };
    var id = arxivId(query);
    if (id) {
      // Other matches would only share a number with the id: its paper alone, or nothing.
      return api.search("arXiv:" + id, options);
    }
    var words = query.split(/\s+/);
    var phrase = words.length > 1 && query.indexOf('"') < 0;
    return Promise.all([
      phrase ? api.search('"' + words.join(" ") + '"', options) : null,
      api.search(query, options),
    ]).then(function (answers) {
      var seen = {};
      var all = (answers[0] ? answers[0].results : []).concat(answers[1].results);
      var results = all.filter(function (result) {
        var fresh = !seen[result.id];
        seen[result.id] = true;
        return fresh;
      });
      return { results: results, filters: answers[1].filters };
    });
  }

  function renderFilters(counts) {
    filterPanel.textContent = "";
    FILTERS.forEach(function (pair) {
      var name = pair[0];
      var values = counts[name] || {};
      var entries = Object.keys(values)
        .filter(function (value) {
          return values[value] > 0 || selected[name].indexOf(value) >= 0;
        })
        .sort(function (a, b) {
          return name === "year" ? b.localeCompare(a) : values[b] - values[a] || a.localeCompare(b);
        });
      if (!entries.length) {
        return;
      }
      var fieldset = element("fieldset", { class: "search-filter" }, [
        element("legend", {}, [pair[1]]),
      ]);
      entries.forEach(function (value) {
        var box = element("input", { type: "checkbox", name: name, value: value });
        box.checked = selected[name].indexOf(value) >= 0;
        box.addEventListener("change", function () {
          selected[name] = box.checked
            ? selected[name].concat([value])
            : selected[name].filter(function (other) {
                return other !== value;
              });
          run();
        });
        fieldset.append(
          element("label", {}, [box, " " + value + " ", element("span", { class: "count" }, [
            "(" + values[value] + ")",
          ])]),
        );
      });
      filterPanel.append(fieldset);
    });
  }

  function resultItem(data) {
    var meta = data.meta || {};
    var link = element("a", { href: data.url }, [meta.title || data.url]);
    var facts = element("p", { class: "search-result-meta" });
    if (meta.listed) {
      facts.append(element("span", { class: "search-result-date" }, ["Listed " + meta.listed]));
    }
    if (meta.upvotes) {
      facts.append(
        element("span", { class: "upvotes" }, [
          element("span", { "aria-hidden": "true" }, ["▲"]),
          " " + meta.upvotes,
          element("span", { class: "visually-hidden" }, [" upvotes"]),
        ]),
      );
    }
    var item = element("li", { class: "search-result" }, [
      element("h2", { class: "search-result-title" }, [link]),
      facts,
    ]);
    var tags = (data.filters && data.filters.tag) || [];
    if (tags.length) {
      item.append(
        element(
          "ul",
          { class: "search-result-tags", "aria-label": "Tags" },
          tags.map(function (tag) {
            return element("li", {}, [tag]);
          }),
        ),
      );
    }
    var excerpt = element("p", { class: "search-result-excerpt" });
    // Pagefind's excerpt: the page's own text, escaped, with <mark> around the matches.
    excerpt.innerHTML = data.excerpt;
    item.append(excerpt);
    return item;
  }

  function showMore(current) {
    var page = ranked.slice(shown, shown + PAGE_SIZE);
    shown += page.length;
    more.hidden = true;
    return Promise.all(
      page.map(function (result) {
        return result.data();
      }),
    ).then(function (pages) {
      if (current !== generation) {
        return;
      }
      pages.forEach(function (data) {
        list.append(resultItem(data));
      });
      more.hidden = shown >= ranked.length;
    });
  }

  function run() {
    var query = input.value.trim();
    var current = ++generation;
    if (!query) {
      list.textContent = "";
      filterPanel.textContent = "";
      status.textContent = "";
      more.hidden = true;
      return Promise.resolve();
    }
    return pagefind()
      .then(function (api) {
        return search(api, query);
      })
      .then(function (answer) {
        if (current !== generation) {
          return;
        }
        ranked = answer.results;
        shown = 0;
        list.textContent = "";
        var count = ranked.length;
        status.textContent =
          count === 0
            ? "No paper matches " + query + "."
            : count + " paper" + (count === 1 ? "" : "s") + " for " + query;
        renderFilters(answer.filters);
        return showMore(current);
      });
  }

  var timer = null;
  input.addEventListener("input", function () {
    // Keep ?q= in the address as the query changes, so a search can be shared or reloaded.
    var url = new URL(window.location.href);
    if (input.value.trim()) {
      url.searchParams.set("q", input.value);
    } else {
      url.searchParams.delete("q");
    }
    history.replaceState(null, "", url);
    clearTimeout(timer);
    timer = setTimeout(run, 250);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  more.addEventListener("click", function () {
    showMore(generation);
  });

  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    input.value = query;
    run();
  } else {
    input.focus();
  }
})();
