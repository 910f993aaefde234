"""Check every paper file and the topics file before a build: `python scripts/check.py`.

Prints one line per problem, `path:line: field: what is wrong and how to fix it`, all problems
of all files in one run, and exits 1 if there are any; otherwise prints one OK line and exits 0.
`--github` prints the problems as GitHub Actions annotations instead, shown on a pull request's
diff. `invoke check` and `invoke build` run this same command.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from check_files import LINK_PROBLEM, paper_files
from check_paper import check_paper
from check_problem import Problem
from check_topics import load_vocabulary

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT_DIR = ROOT / "content" / "papers"
DEFAULT_CATEGORIES = ROOT / "content" / "arxiv_categories.yaml"


@dataclass
class ContentReport:
    """What one check of the content found."""

    problems: list[Problem] = field(default_factory=list)
    papers: int = 0
    topics: int = 0


def check_content(
    content_dir: Path = DEFAULT_CONTENT_DIR,
    topics_path: Path | None = None,
    categories_path: Path = DEFAULT_CATEGORIES,
    *,
    render: bool = True,
) -> list[Problem]:
    """Every problem in the paper files under `content_dir` and in the topics file, in order.

    The topics file is by default topics.yaml beside `content_dir` (content/topics.yaml).
    With `render`, each paper that passes the rules is also rendered as the build does.
    """
    return inspect_content(content_dir, topics_path, categories_path, render=render).problems


def inspect_content(
    content_dir: Path = DEFAULT_CONTENT_DIR,
    topics_path: Path | None = None,
    categories_path: Path = DEFAULT_CATEGORIES,
    *,
    render: bool = True,
) -> ContentReport:
    """Check the content like check_content, and also count the papers and topics checked."""
    content_dir = Path(content_dir)
    topics_path = default_topics(content_dir) if topics_path is None else Path(topics_path)
    vocabulary, problems, topic_count = load_vocabulary(
        Path(categories_path), shown_path(categories_path), topics_path, shown_path(topics_path)
    )
    report = ContentReport(problems=problems, topics=topic_count)
    holders: dict[str, str] = {}  # paper key -> the first file that holds the paper
    shown_dir = shown_path(content_dir)
    listing = paper_files(content_dir)
    for relative in listing.links:
        report.problems.append(Problem(os.path.join(shown_dir, relative), 1, "file", LINK_PROBLEM))
    for relative in listing.papers:
        shown = os.path.join(shown_dir, relative)
        paper = check_paper(content_dir / relative, shown, vocabulary, render=render)
        report.papers += 1
        if paper.paper_key is not None:
            holder = holders.setdefault(paper.paper_key, shown)
            if holder != shown:
                paper.problems.append(
                    Problem(
                        shown,
                        paper.id_line,
                        "arxiv_id",
                        f"{holder} holds the same paper; keep one file per paper: move any "
                        "correction into that file and delete this one",
                    )
                )
                paper.problems.sort(key=lambda problem: problem.line)
        report.problems += paper.problems
    return report


def default_topics(content_dir: Path) -> Path:
    """The topics file that goes with a folder of papers: topics.yaml beside it."""
    return Path(os.path.abspath(content_dir)).parent / "topics.yaml"


def shown_path(path: Path) -> str:
    """`path` as the user would type it: relative to the current folder when inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def main(argv: list[str] | None = None) -> int:
    """Run the check from the command line; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="check.py", description="Check the paper files and the topics file."
    )
    parser.add_argument(
        "--content-dir",
        type=Path,
        default=DEFAULT_CONTENT_DIR,
        help="folder of paper files (default content/papers)",
    )
    parser.add_argument(
        "--topics",
        type=Path,
        help="topics file (default: topics.yaml beside the papers folder, content/topics.yaml)",
    )
    parser.add_argument(
        "--categories",
        type=Path,
        default=DEFAULT_CATEGORIES,
        help="arXiv category list (default content/arxiv_categories.yaml)",
    )
    parser.add_argument(
        "--github", action="store_true", help="print problems as GitHub Actions annotations"
    )
    parser.add_argument(
        "--no-render",
        dest="render",
        action="store_false",
        help="check the rules only, without rendering each title and abstract as the build does "
        "(`invoke build` renders them right after, and stops on the same failures)",
    )
    args = parser.parse_args(argv)
    if args.content_dir.exists() and not args.content_dir.is_dir():
        parser.error(f"--content-dir {args.content_dir} is a file; give the folder of paper files")

    topics = default_topics(args.content_dir) if args.topics is None else args.topics
    report = inspect_content(args.content_dir, topics, args.categories, render=args.render)
    for problem in report.problems:
        print(problem.github_annotation() if args.github else problem)
    if report.problems:
        files = len({problem.path for problem in report.problems})
        print(
            f"check: {_plural(len(report.problems), 'problem')} in {_plural(files, 'file')}; "
            f"fix {'it' if len(report.problems) == 1 else 'them'} and run `invoke check` again",
            file=sys.stderr,
        )
        return 1
    print(_ok_summary(report, args.content_dir, topics))
    return 0


def _ok_summary(report: ContentReport, content_dir: Path, topics: Path) -> str:
    papers = f"{_plural(report.papers, 'paper file')} in {shown_path(content_dir)}"
    if not content_dir.exists():
        papers += " (no such folder yet: `invoke fetch` creates it)"
    if topics.exists():
        topic_part = f"{_plural(report.topics, 'topic')} in {shown_path(topics)}"
    else:
        topic_part = f"no topics file ({shown_path(topics)})"
    return f"OK: {papers}, {topic_part}; no problems"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


if __name__ == "__main__":
    sys.exit(main())
