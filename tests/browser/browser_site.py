"""What the browser tests build on top of the shipped content."""

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
