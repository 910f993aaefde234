"""The similar-papers step alone, for the bench: read a content folder's papers through the
paper model and compute every paper's similar papers (paperfeed.similar), as the build's
`similar` plugin does, with its cache file.

    python -m tools.bench_similar CONTENT_DIR CACHE_FILE

Prints one JSON line: the papers, the seconds of the computation alone (without reading the
files) and what it computed (tokenized papers, changed vectors, recomputed lists). The bench
runs it as a process of its own and measures the process's wall time and peak memory.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from paperfeed import similar
from paperfeed.check import paper_files, topics_file
from paperfeed.tags import read_vocabulary
from paperfeed.tex import tex_to_text
from paperfeed.validate import validate_paper


def documents(content: Path) -> list[similar.Document]:
    """The papers under `content/papers` as the similar plugin hands them on."""
    papers_dir = content / "papers"
    vocabulary = read_vocabulary(topics_file(papers_dir))
    found = []
    for relative in paper_files(papers_dir).papers:
        path = papers_dir / relative
        paper = validate_paper(path.read_bytes(), str(path), path.stem, vocabulary).paper
        if paper is not None:
            title = tex_to_text(paper.title)
            found.append(similar.Document(path.stem, title, paper.abstract, tuple(paper.tags)))
    return found


def main(argv: list[str] | None = None) -> int:
    """Run the step; print its report as one JSON line."""
    content, cache = (Path(argument) for argument in (argv or sys.argv[1:]))
    papers = documents(content)
    started = time.perf_counter()
    run = similar.compute(papers, similar.Options(), cache)
    seconds = time.perf_counter() - started
    report = {
        "papers": run.papers,
        "compute_seconds": round(seconds, 3),
        "tokenized": run.tokenized,
        "changed": run.changed,
        "recomputed": run.recomputed,
        "cache_mb": round(cache.stat().st_size / 1e6, 1),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
