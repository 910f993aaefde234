"""Check every paper file and the topics file before a build: `python scripts/check.py`.

Prints one line per problem, `path:line: field: what is wrong and how to fix it`, all problems
of all files in one run, and exits 1 if there are any; otherwise prints one OK line and exits 0.
`--github` prints the problems as GitHub Actions annotations instead, shown on a pull request's
diff. `invoke check` and `invoke build` run this same command; the rules are the paper model's
(paperfeed/check.py, docs/paper-format.md).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from paperfeed.check import ContentReport, check_content, shown_path, topics_file

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONTENT_DIR = ROOT / "content" / "papers"


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

    topics = topics_file(args.content_dir) if args.topics is None else args.topics
    report = check_content(args.content_dir, topics, render=args.render)
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
