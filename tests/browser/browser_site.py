"""What the browser tests build on top of the shipped content, and the pages they open."""

import datetime
from pathlib import Path

from paperfeed.schema import Paper
from paperfeed.tags import read_vocabulary
from paperfeed.testing import ROOT, many_authors
from paperfeed.validate import validate_paper

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


def read_papers(content: Path) -> dict[str, Paper]:
    """{file id: Paper} of the paper files of a content folder, read by the paper model."""
    vocabulary = read_vocabulary(content / "topics.yaml")
    papers = {}
    for path in sorted((content / "papers").glob("*.md")):
        validation = validate_paper(path.read_bytes(), str(path), path.stem, vocabulary)
        assert validation.paper is not None, validation.problems
        papers[path.stem] = validation.paper
    return papers


# The shipped papers' newest listing day: the home page's, and the day, week and month pages.
NEWEST_DAY = max(paper.date for paper in read_papers(ROOT / "content").values())
_YEAR, _WEEK, _ = NEWEST_DAY.isocalendar()
NEWEST_WEEK = f"{_YEAR}-W{_WEEK:02d}"
# Every kind of page (the Nu Html Checker and axe check each).
PAGES = {
    "home": "",
    "paper": f"papers/{PAPER_ID}/",
    "tag": "tag/cs.cl/",
    "tags": "tag/",
    "author": "author/yang-he/",
    "day": f"day/{NEWEST_DAY.isoformat()}/",
    "week": f"week/{NEWEST_WEEK}/",
    "week by day": f"week/{NEWEST_WEEK}/days/",
    "month": f"month/{NEWEST_DAY:%Y-%m}/",
    "archive": "archive/",
    "not found": "404.html",
    "search": "search/?q=language",
    "feeds": "feeds/",
}


def search_results(page):
    """The search page's result links, once Pagefind shows the first."""
    results = page.locator(".search-result-title a")
    results.first.wait_for()
    return results
