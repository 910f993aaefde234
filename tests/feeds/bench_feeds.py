"""How long the feeds take to write: `python tests/feeds/bench_feeds.py [COUNT ...]`.

Builds the shipped papers (`content/`), then COUNT generated papers (12 authors, 2 arXiv
categories and 2 of 40 topics each, 40 papers a day, authors shared across papers so many
get a feed), with the site's settings, and reports the whole build and the time spent in
the feeds plugin (`write_feeds`, timed in this process) with the number of files it wrote.
Per-feed work is bounded, so the feeds' time should grow with the number of papers, not
with papers x tags.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "plugins"))

import feeds.feeds as feeds_module  # noqa: E402
from pelican import Pelican  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

TOPICS = [f"topic-{number:02d}" for number in range(40)]
CATEGORIES = ["cs.LG", "cs.CL", "cs.CV", "cs.AI", "stat.ML", "cs.RO"]
ABSTRACT = "We study a problem and propose a method with $O(n)$ cost. " * 20


def write_content(folder: Path, count: int) -> Path:
    """Write `count` generated papers and a topics file into `folder`; return it."""
    papers = folder / "papers"
    papers.mkdir(parents=True)
    topics = [{"name": name, "slug": name, "description": name, "phrases": []} for name in TOPICS]
    (folder / "topics.yaml").write_text(yaml.safe_dump(topics), encoding="utf-8")
    for number in range(count):
        fileid = f"2606.{number:05d}"
        front = {
            "title": f"Paper {number} on $\\alpha$-{number % 97} Nets",
            "arxiv_id": fileid,
            "authors": [f"Author {(number + k * 7) % (count // 3 + 12)}" for k in range(12)],
            "date": dt.date(2026, 1, 1) + dt.timedelta(days=number // 40),
            "tags": [
                *(CATEGORIES[number % 6], CATEGORIES[(number + 1) % 6]),
                *(TOPICS[number % 40], TOPICS[(number * 7 + 3) % 40]),
            ],
        }
        text = f"---\n{yaml.safe_dump(front, sort_keys=False)}---\n\n{ABSTRACT}\n"
        (papers / f"{fileid}.md").write_text(text, encoding="utf-8")
    return folder


def build(content: Path, output: Path) -> tuple[float, float, int]:
    """Build `content`; return (build seconds, feeds seconds, feed files written)."""
    spent = [0.0]
    original = feeds_module.write_feeds

    def timed(generator, writer) -> None:
        start = time.perf_counter()
        original(generator, writer)
        spent[0] += time.perf_counter() - start

    feeds_module.write_feeds = timed
    try:
        override = {"PATH": str(content), "OUTPUT_PATH": str(output)}
        settings = read_settings(str(ROOT / "pelicanconf.py"), override=override)
        start = time.perf_counter()
        Pelican(settings=settings).run()
        total = time.perf_counter() - start
    finally:
        feeds_module.signals.article_writer_finalized.disconnect(timed)
        feeds_module.write_feeds = original
    written = sum(1 for path in (output / "feeds").rglob("*") if path.is_file())
    return total, spent[0], written


def main(counts: list[int]) -> None:
    logging.disable(logging.WARNING)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        runs = [("shipped", ROOT / "content")]
        runs += [(str(count), write_content(folder / f"c{count}", count)) for count in counts]
        for name, content in runs:
            total, spent, written = build(content, folder / f"out-{name}")
            print(f"{name:>8} papers: build {total:6.2f} s, feeds {spent:6.2f} s, {written} files")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000, 3000])
