"""How fast `invoke check` is: `python tests/check/bench_check.py [COUNT ...]`.

Writes COUNT generated paper files shaped like a fetch's output (a dozen authors, tags,
keywords, an AI summary, links, a 1,500-character abstract) into a temporary folder, then
times the whole command (`python scripts/check.py`, start-up included) and the check itself
(`inspect_content` in this process). The goal is well under a second per thousand papers.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from check import inspect_content  # noqa: E402

TOPICS = [
    {
        "name": name,
        "slug": name.lower().replace(" ", "-"),
        "description": f"Papers about {name}.",
        "phrases": [name.lower()],
    }
    for name in ("LLMs", "Agents", "Diffusion", "Reasoning", "Robotics", "Speech")
]
ABSTRACT = ("We study a problem \\* and propose a method with $O(n)$ cost. " * 26).strip()


def write_papers(folder: Path, count: int) -> None:
    """Write `count` paper files into `folder` with the project's YAML emitter settings."""
    folder.mkdir(parents=True, exist_ok=True)
    day = dt.date(2026, 6, 12)
    for number in range(count):
        arxiv_id = f"2606.{number:05d}"
        fields = {
            "title": f"A Study of Things, Part {number}: Methods and Results",
            "arxiv_id": arxiv_id,
            "authors": [f"Author {number}-{k} Surname" for k in range(12)],
            "date": day - dt.timedelta(days=number % 400),
            "published": day - dt.timedelta(days=number % 400 + 2),
            "tags": ["cs.CL", "cs.LG", TOPICS[number % len(TOPICS)]["name"]],
            "upvotes": number % 97,
            "github": f"https://github.com/example/repo-{number}",
            "project_page": f"https://example.org/p/{number}/",
            "keywords": [f"keyword {k}" for k in range(10)],
            "ai_summary": "A short machine-written summary of the paper in one sentence or two.",
            "version": 2,
            "comment": "15 pages, 5 figures",
        }
        front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=100)
        (folder / f"{arxiv_id}.md").write_text(f"---\n{front}---\n\n{ABSTRACT}\n", encoding="utf-8")


def measure(count: int) -> tuple[float, float]:
    """Seconds for the whole command and for the in-process check of `count` papers."""
    with tempfile.TemporaryDirectory() as temp:
        content = Path(temp) / "content"
        write_papers(content / "papers", count)
        topics = content / "topics.yaml"
        topics.write_text(yaml.safe_dump(TOPICS, sort_keys=False), encoding="utf-8")

        start = time.perf_counter()
        report = inspect_content(content / "papers", topics)
        in_process = time.perf_counter() - start
        assert report.papers == count and not report.problems, report.problems[:3]

        command = [sys.executable, str(ROOT / "scripts" / "check.py")]
        command += ["--content-dir", str(content / "papers"), "--topics", str(topics)]
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        whole = time.perf_counter() - start
    return whole, in_process


def main() -> None:
    """Print the timings for each count given (default 1,000 and 10,000)."""
    counts = [int(argument) for argument in sys.argv[1:]] or [1000, 10000]
    loader = "CSafeLoader (libyaml)" if hasattr(yaml, "CSafeLoader") else "SafeLoader (pure Python)"
    print(f"PyYAML {yaml.__version__}, {loader}")
    for count in counts:
        whole, in_process = measure(count)
        print(
            f"{count:>6} papers: command {whole:.2f} s, check alone {in_process:.2f} s "
            f"({in_process / count * 1000:.2f} ms per paper)"
        )


if __name__ == "__main__":
    main()
