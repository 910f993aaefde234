"""Check a content folder: every paper file, the topics file and the sources file
(`invoke check`).

The files checked are exactly the files the build reads (`paper_files`): the `*.md` files
under the papers folder, except dot files and dot folders, never following a symbolic link
(a link is itself a problem). Each file is judged by the same validation as the build's
reader (validate.py); with `render`, a file that passes is also rendered as the build renders
it, so a file the build would fail on is found here first.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from .problems import Problem
from .tags import TOPICS_FILE, read_vocabulary
from .validate import validate_paper

LINK_PROBLEM = "is a symbolic link; put the file itself here"


class PaperFiles(NamedTuple):
    """The paper files and symbolic links under a folder, as paths relative to it."""

    papers: list[str]
    links: list[str]


def paper_files(folder: str | os.PathLike[str]) -> PaperFiles:
    """The `*.md` files under `folder` and the symbolic links there, never following a link.

    Dot files and dot folders are skipped, as the build skips them (pelicanconf.py's
    IGNORE_FILES). Papers are sorted with the files at the top of the folder first, so that
    when a paper is also held by a copy in a subfolder, the copy is the one reported.
    """
    found = PaperFiles([], [])
    pending = [""]
    while pending:
        relative_folder = pending.pop()
        try:
            entries = list(os.scandir(os.path.join(folder, relative_folder)))
        except OSError:
            continue  # a folder that is missing or cannot be read, which Pelican skips too
        for entry in entries:
            if entry.name.startswith("."):
                continue
            relative = os.path.join(relative_folder, entry.name)
            if entry.is_symlink():
                found.links.append(relative)
            elif entry.is_dir(follow_symlinks=False):
                pending.append(relative)
            elif entry.name.endswith(".md"):
                found.papers.append(relative)
    found.papers.sort(key=lambda relative: (relative.count(os.sep), relative))
    found.links.sort()
    return found


def topics_file(papers_dir: Path) -> Path:
    """The topics file that goes with a folder of papers: topics.yaml beside it."""
    return Path(os.path.abspath(papers_dir)).parent / TOPICS_FILE


def shown_path(path: Path | str) -> str:
    """`path` as the user would type it: relative to the current folder when inside it."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


@dataclass
class ContentReport:
    """What one check of a content folder found."""

    problems: list[Problem] = field(default_factory=list)
    papers: int = 0
    topics: int = 0


def check_content(
    papers_dir: Path, topics_path: Path | None = None, *, render: bool = True
) -> ContentReport:
    """Every problem of the topics file, of the sources file and of the paper files under
    `papers_dir`, in order.

    The topics file is by default topics.yaml beside `papers_dir` (content/topics.yaml); the
    sources file, the fetch's, is sources.yaml beside it (content/sources.yaml).
    """
    from .render import PaperTextError, render_paper_text
    from .sources import read_sources, sources_file

    papers_dir = Path(papers_dir)
    topics_path = topics_file(papers_dir) if topics_path is None else Path(topics_path)
    vocabulary = read_vocabulary(topics_path, shown_path(topics_path))
    report = ContentReport(problems=list(vocabulary.problems), topics=len(vocabulary.topics))
    sources_path = sources_file(papers_dir)
    report.problems += read_sources(sources_path, vocabulary, shown_path(sources_path)).problems
    holders: dict[str, str] = {}  # arXiv id -> the first file that holds the paper
    shown_dir = shown_path(papers_dir)
    listing = paper_files(papers_dir)
    for relative in listing.links:
        report.problems.append(Problem(os.path.join(shown_dir, relative), 1, "file", LINK_PROBLEM))
    for relative in listing.papers:
        shown = os.path.join(shown_dir, relative)
        path = papers_dir / relative
        result = validate_paper(path.read_bytes(), shown, path.stem, vocabulary)
        report.papers += 1
        if result.arxiv_id is not None:
            holder = holders.setdefault(result.arxiv_id, shown)
            if holder != shown:
                result.report(
                    result.id_line,
                    "arxiv_id",
                    f"{holder} holds the same paper; keep one file per paper: move any "
                    "correction into that file and delete this one",
                )
                result.problems.sort(key=lambda problem: problem.line)
        if render and result.paper is not None:
            try:
                render_paper_text(result.paper.title, result.paper.abstract)
            except PaperTextError as error:
                result.report(
                    result.body_line, "body", f"{error}; fix the text (see CONTRIBUTING.md)"
                )
        report.problems += result.problems
    return report
