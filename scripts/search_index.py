"""Index the built site's paper pages for search with Pagefind, in shards.

    python scripts/search_index.py [--site output] [--shard-pages 2000]

The last step of `invoke build` (paperfeed/search_index.py says how and why in shards).
Prints one line of what it did; exits 1 with one line when it cannot index the site.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from paperfeed.search_index import SHARD_PAGES, SearchIndexError, build_search_index


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Index a built site's paper pages for search with Pagefind, in shards."
    )
    parser.add_argument(
        "--site", type=Path, default=Path("output"), help="the built site (default output/)"
    )
    parser.add_argument(
        "--shard-pages",
        type=int,
        default=SHARD_PAGES,
        help=f"most paper pages in one Pagefind run (default {SHARD_PAGES}; about 160 KB each)",
    )
    args = parser.parse_args(argv)
    if args.shard_pages < 1:
        parser.error("--shard-pages must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        report = build_search_index(args.site, args.shard_pages)
    except SearchIndexError as error:
        print(f"search index: {error}", file=sys.stderr)
        return 1
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
