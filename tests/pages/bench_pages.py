"""How the build's time grows with the papers: `python tests/pages/bench_pages.py [COUNT ...]`.

Writes COUNT generated papers (a dozen authors, tags, two formulas in a 1,500-character
abstract, spread over 400 days) into a temporary folder and times a real Pelican build with
pelicanconf.py, in this process. Per-paper work is constant when the milliseconds per paper
stay flat as COUNT grows.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import tempfile
import time
from pathlib import Path

import yaml
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parents[2]
SENTENCE = "We study a problem \\* and propose a method that is better than the others. "
ABSTRACT = SENTENCE * 19 + "It costs $O(n)$ time where $a_i < b$."


def write_papers(folder: Path, count: int) -> None:
    """Write `count` paper files into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    day = dt.date(2026, 6, 12)
    for number in range(count):
        arxiv_id = f"2606.{number:05d}"
        fields = {
            "title": f"A Study of $\\mathcal{{O}}(n)$ Things, Part {number}",
            "arxiv_id": arxiv_id,
            # Author k of a paper also wrote papers number+1 ... : some authors get pages.
            "authors": [f"Author {(number + k) % (count // 2 + 1)} Surname" for k in range(12)],
            "date": day - dt.timedelta(days=number % 400),
            "published": day - dt.timedelta(days=number % 400 + 2),
            "tags": ["cs.CL", "cs.LG", f"topic-{number % 20}"],
            "upvotes": number % 97,
        }
        front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=100)
        (folder / f"{arxiv_id}.md").write_text(f"---\n{front}---\n\n{ABSTRACT}\n", encoding="utf-8")


def measure(count: int) -> float:
    """Seconds for a real build of `count` generated papers."""
    with tempfile.TemporaryDirectory() as temp:
        content = Path(temp) / "content"
        write_papers(content / "papers", count)
        override = {"PATH": str(content), "OUTPUT_PATH": str(Path(temp) / "output")}
        settings = read_settings(str(ROOT / "pelicanconf.py"), override=override)
        start = time.perf_counter()
        Pelican(settings=settings).run()
        return time.perf_counter() - start


def main() -> None:
    """Print the build time for each count given (default 250, 500, 1,000 and 2,000)."""
    logging.disable(logging.WARNING)
    counts = [int(argument) for argument in sys.argv[1:]] or [250, 500, 1000, 2000]
    for count in counts:
        seconds = measure(count)
        per_paper = seconds / count * 1000
        print(f"{count:>6} papers: build {seconds:.2f} s ({per_paper:.2f} ms per paper)")


if __name__ == "__main__":
    main()
