"""What the browser tests build on top of the shipped content, and the pages they open."""

import datetime

from paperfeed.testing import many_authors

# Shards of the search index: the 41 papers make four Pagefind bundles.
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

# An old-style arXiv id, searched for by its id.
OLD_STYLE_ID = "math/0611800"
OLD_STYLE_PAPER = {
    "title": "On the Cohomology of Old Identifiers",
    "arxiv_id": OLD_STYLE_ID,
    "authors": ["Ada Archive"],
    "date": datetime.date(2006, 11, 27),
    "published": datetime.date(2006, 11, 27),
    "tags": ["math.AG"],
    "abstract": "An old-style identifier names an archive and a number.",
}
# Holds "Yi" and "Yang" often, by authors named otherwise ("Yang He", "Yi Chen"): a search for
# the author Yi Yang must still list Yi Yang's papers before it.
NAME_DECOY_PAPER = {
    "title": "Yang and Yi: Balanced Yi Kernels for Yang Networks",
    "arxiv_id": "2606.99001",
    "authors": ["Yang He", "Yi Chen"],
    "date": datetime.date(2026, 6, 12),
    "published": datetime.date(2026, 6, 11),
    "tags": ["cs.LG"],
    "abstract": "Yang and Yi models help Yang grow Yi kernels for Yang layers and Yi heads.",
}
EXTRA_PAPERS = [LONG_PAPER, OLD_STYLE_PAPER, NAME_DECOY_PAPER]

# A shipped paper (content/papers/), searched for by the longest word of its title.
PAPER_ID = "2606.00467"
PAGES = {
    "home": "",
    "paper": f"papers/{PAPER_ID}/",
    "tag": "tag/cs.cl/",
    "search": "search/?q=language",
}


def search_results(page):
    """The search page's result links, once Pagefind shows the first."""
    results = page.locator(".search-result-title a")
    results.first.wait_for()
    return results
