"""What the browser tests build on top of the shipped content, and the pages they open."""

import datetime

from paperfeed.testing import many_authors

# Shards of the search index: the 39 papers make four Pagefind bundles.
SHARD_PAGES = 12
LONG_PAPER_ID = "2605.00600"
LONG_PAPER_AUTHORS = many_authors(600)
# A paper with a very long author list, added to a copy of the shipped content: the paper
# page must shorten such a list into a <details> element.
LONG_PAPER = {
    "title": "A Collaboration Paper with Six Hundred Authors",
    "arxiv_id": LONG_PAPER_ID,
    "authors": LONG_PAPER_AUTHORS,
    "date": datetime.date(2026, 5, 1),
    "published": datetime.date(2026, 5, 1),
    "tags": ["cs.LG"],
    "abstract": "A large collaboration reports its results.",
}

# A shipped paper (content/papers/), searched for by the longest word of its title.
PAPER_ID = "2606.00467"
PAGES = {
    "home": "",
    "paper": f"papers/{PAPER_ID}/",
    "tag": "tag/cs.cl/",
    "search": "search/?q=language",
    "feeds": "feeds/",
}


def search_results(page):
    """The search page's result links, once Pagefind shows the first."""
    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for()
    return results
