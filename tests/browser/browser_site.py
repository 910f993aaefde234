"""What the browser tests build on top of the shipped content."""

from pathlib import Path

import yaml

ROOT = Path(__file__).parents[2]
# Shards of the search index: the 39 papers make four Pagefind bundles.
SHARD_PAGES = 12
# A paper with a very long author list, added to a copy of the shipped content: the paper
# page must shorten such a list into a <details> element.
LONG_PAPER_ID = "2605.00600"
LONG_PAPER_AUTHORS = [f"Author Number{n}" for n in range(1, 601)]


def write_long_paper(papers: Path) -> None:
    """Write the 600-author paper into `papers`."""
    front_matter = {
        "title": "A Collaboration Paper with Six Hundred Authors",
        "arxiv_id": LONG_PAPER_ID,
        "authors": LONG_PAPER_AUTHORS,
        "date": "2026-05-01",
        "published": "2026-05-01",
        "tags": ["cs.LG"],
    }
    text = yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True)
    text = text.replace("'2026-05-01'", "2026-05-01")  # YAML dates, as the contract says
    body = "A large collaboration reports its results."
    (papers / f"{LONG_PAPER_ID}.md").write_text(f"---\n{text}---\n\n{body}\n", encoding="utf-8")
