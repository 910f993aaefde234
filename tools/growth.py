"""Simulate a year of the daily workflow as git commits, and measure the packed repository.

    python -m tools.growth [--days 250] [--papers 40] [--refresh-days 7] [--upvote-days 7]
                           [--seed S] [--keep DIR] [--json]

A fresh git repository gets the project's topics file and sources file; then, for every
calendar day from the first listing day to a week after the last, the real daily fetch
(`python scripts/fetch.py daily --today DAY`, run in this process) fetches from the replay
server (tools/replay_server.py), and what changed in `content/` is committed, as the daily
workflow does. The server serves synthetic Daily Papers lists (weekdays only, `--papers` a
day, written with tools/bench's paper generator) and arXiv's entries for their enrichment. A
list changes after it is first read: on its own day 70% of its papers are listed, all of them
from the next day on, and each paper's upvotes grow for `--upvote-days` days, then stay.
At the end `git gc` packs the repository; its packed size is reported, with the share of each
kind of object: the first version of each paper file and base record, their later versions
(what the upvotes' churn costs), trees and the rest (docs/performance.md, "Repository
growth").
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import io
import json
import os
import random
import runpy
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from tools.bench import generate_papers, repo_topics
from tools.replay_server import ARXIV, ATOM, ReplayServer

ROOT = Path(__file__).resolve().parent.parent
FETCH_SCRIPT = ROOT / "scripts" / "fetch.py"
FIRST_DAY = datetime.date(2025, 6, 16)  # a Monday: the days, and so the papers, are fixed
SHARE_ON_ITS_DAY = 0.7
"""The share of a day's papers listed when the list is first read, on its own day."""
GROWTH = (0.3, 0.55, 0.7, 0.8, 0.88, 0.95)
"""The share of its final upvotes a paper has on each day after its listing day (then all)."""
SOURCES = "huggingface:\n  fetch: true\n  tags: []\narxiv: []\n"


class GrowthError(Exception):
    """A failure that stops the simulation, with the one-line reason to show."""


@dataclass
class Result:
    """What the simulated year left: its size once packed, and how it got there."""

    listing_days: int
    papers_per_day: int
    refresh_days: int
    upvote_days: int
    runs: int
    commits: int
    papers: int
    files: int
    checkout_mb: float
    packed_mb: float
    packed_by_kind: dict[str, float]
    """Packed MB of each kind of object: paper files and base records (their first versions,
    stored whole, and their later versions, stored as deltas), trees, and the rest; and of the
    pack's index (they add up to `packed_mb`)."""
    seconds: float


@dataclass
class ListedPaper:
    """A synthetic paper as Hugging Face lists it, with its final upvotes."""

    entry: dict
    categories: list[str]
    final_upvotes: int
    day: datetime.date


def listing_days(count: int) -> list[datetime.date]:
    """The first `count` weekdays from FIRST_DAY (Daily Papers has no weekend lists)."""
    days: list[datetime.date] = []
    day = FIRST_DAY
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def make_papers(
    days: list[datetime.date], per_day: int, seed: int
) -> dict[datetime.date, list[ListedPaper]]:
    """The papers of each listing day, as Daily Papers entries (same seed, same papers)."""
    generated = iter(generate_papers(len(days) * per_day, seed, repo_topics()))
    rng = random.Random(seed)
    by_day: dict[datetime.date, list[ListedPaper]] = {}
    number = 0
    for day in days:
        listed = []
        for index in range(per_day):
            paper = next(generated)  # its texts, authors, links and tags; the rest is ours
            number += 1
            published = day - datetime.timedelta(days=rng.randint(1, 3))
            arxiv_id = f"{published:%y%m}.{10000 + number % 90000:05d}"
            categories = [tag for tag in paper["tags"] if "." in tag] or ["cs.LG"]
            entry = {
                "paper": {
                    "id": arxiv_id,
                    "title": paper["title"],
                    "summary": paper["abstract"],
                    "authors": [{"name": name} for name in paper["authors"]],
                    "publishedAt": f"{published}T12:00:00.000Z",
                    "submittedOnDailyAt": f"{day}T08:{index % 60:02}:00.000Z",
                    "upvotes": 0,
                    "githubRepo": paper.get("github"),
                    "ai_summary": paper.get("ai_summary"),
                    "ai_keywords": paper.get("keywords", []),
                }
            }
            final = int(rng.paretovariate(1.2)) - 1 if rng.random() < 0.85 else 0
            listed.append(ListedPaper(entry, categories, min(final, 500), day))
        by_day[day] = listed
    return by_day


def upvotes_on(paper: ListedPaper, today: datetime.date, upvote_days: int) -> int:
    """A paper's upvotes as Hugging Face shows them on `today`."""
    age = (today - paper.day).days
    if age >= upvote_days:
        return paper.final_upvotes
    share = GROWTH[min(age, len(GROWTH) - 1)] if upvote_days > 1 else 1.0
    return round(paper.final_upvotes * share)


def serve_day(
    folder: Path,
    papers: list[ListedPaper],
    today: datetime.date,
    upvote_days: int,
) -> None:
    """Write the Daily Papers list of one day as it reads on `today`, and arXiv's entries."""
    day = papers[0].day
    listed = papers if today > day else papers[: round(len(papers) * SHARE_ON_ITS_DAY)]
    entries = []
    for paper in listed:
        entry = json.loads(json.dumps(paper.entry))
        entry["paper"]["upvotes"] = upvotes_on(paper, today, upvote_days)
        entries.append(entry)
    (folder / "hf" / f"daily_papers_{day}.json").write_text(json.dumps(entries), encoding="utf-8")
    (folder / "arxiv" / f"entries_{day}.xml").write_text(arxiv_feed(papers), encoding="utf-8")


def arxiv_feed(papers: list[ListedPaper]) -> str:
    """arXiv's entries of these papers, as its `id_list` answers carry them."""
    parts = [f'<feed xmlns="{ATOM}" xmlns:arxiv="{ARXIV}"><title>arXiv Query: id_list=</title>']
    for paper in papers:
        source = paper.entry["paper"]
        published = source["publishedAt"][:10]
        parts.append(
            f"<entry><id>http://arxiv.org/abs/{source['id']}v1</id>"
            f"<published>{published}T12:00:00Z</published><updated>{published}T12:00:00Z</updated>"
            f'<arxiv:primary_category term="{paper.categories[0]}"/>'
            + "".join(f'<category term="{term}"/>' for term in paper.categories)
            + "<arxiv:comment>12 pages, 5 figures</arxiv:comment></entry>"
        )
    parts.append("</feed>")
    return "".join(parts)


def git(repo: Path, *args: str) -> str:
    """Run git in `repo`; its output."""
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True)
    if result.returncode != 0:
        raise GrowthError(f"git {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def fetch(today: datetime.date, content: Path, refresh_days: int) -> None:
    """The daily workflow's fetch, `scripts/fetch.py daily`, run in this process."""
    saved = sys.argv
    sys.argv = [
        str(FETCH_SCRIPT),
        "daily",
        "--today",
        str(today),
        "--refresh-days",
        str(refresh_days),
        "--content-dir",
        str(content / "papers"),
    ]
    try:
        with (
            contextlib.redirect_stdout(io.StringIO()),
            contextlib.redirect_stderr(io.StringIO()) as err,
        ):
            runpy.run_path(str(FETCH_SCRIPT), run_name="__main__")
    except SystemExit as exit:
        if exit.code:
            raise GrowthError(
                f"the fetch of {today} exited {exit.code}: {err.getvalue().strip()}"
            ) from None
    finally:
        sys.argv = saved


def packed_by_kind(repo: Path) -> dict[str, float]:
    """Packed MB of each kind of object in the (packed) repository `repo`."""
    listing = subprocess.run(
        ["git", "rev-list", "--objects", "--all"], cwd=repo, capture_output=True, check=True
    ).stdout
    checked = subprocess.run(
        ["git", "cat-file", "--batch-check=%(objecttype) %(objectsize:disk) %(deltabase) %(rest)"],
        cwd=repo,
        input=listing,
        capture_output=True,
        check=True,
    ).stdout.decode()
    sizes: dict[str, int] = {}
    for line in checked.splitlines():
        kind, size, delta_base, *path = line.split(" ", 3)
        name = path[0] if path else ""
        if kind == "blob" and name.endswith(".md"):
            kind = "paper files"
        elif kind == "blob" and "/.upstream/" in name and not name.endswith("last-fetch.yaml"):
            kind = "base records"
        elif kind == "tree":
            kind = "trees"
        else:
            kind = "commits and the rest"
        if kind in ("paper files", "base records"):
            kind += ", later versions" if delta_base.strip("0") else ", first versions"
        sizes[kind] = sizes.get(kind, 0) + int(size)
    indexes = (repo / ".git" / "objects" / "pack").glob("*.idx")
    sizes["the pack's index"] = sum(path.stat().st_size for path in indexes)
    return {kind: round(size / 1e6, 2) for kind, size in sorted(sizes.items())}


def simulate(args: argparse.Namespace, work: Path) -> Result:
    """Run the simulated year in `work`; what it left."""
    started = time.monotonic()
    days = listing_days(args.days)
    papers = make_papers(days, args.papers, args.seed)
    repo, recordings = work / "repo", work / "recordings"
    content = repo / "content"
    (content / "papers").mkdir(parents=True)
    for folder in ("hf", "arxiv"):
        (recordings / folder).mkdir(parents=True)
    shutil.copyfile(ROOT / "content" / "topics.yaml", content / "topics.yaml")
    (content / "sources.yaml").write_text(SOURCES, encoding="utf-8")
    git(repo, "init", "--quiet", "--initial-branch=main")
    git(repo, "config", "user.name", "github-actions[bot]")
    git(repo, "config", "user.email", "bot@example.org")
    # No background `gc --auto` along the way: it would hold the lock of the `git gc` at the end.
    git(repo, "config", "gc.auto", "0")
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--message", "A new site")
    runs = commits = 0
    last_run = days[-1] + datetime.timedelta(days=args.refresh_days)
    today = days[0]
    with ReplayServer([recordings]) as server:
        overrides = {**server.env(), "PAPERFEED_RETRIES": "0"}
        saved_env = {name: os.environ.get(name) for name in overrides}
        os.environ.update(overrides)
        try:
            while today <= last_run:
                window = [today - datetime.timedelta(days=n) for n in range(args.refresh_days)]
                for path in [*recordings.glob("hf/*"), *recordings.glob("arxiv/*")]:
                    path.unlink()
                for day in window:
                    if day in papers:
                        serve_day(recordings, papers[day], today, args.upvote_days)
                fetch(today, content, args.refresh_days)
                runs += 1
                git(repo, "add", "--all", "content")
                if git(repo, "status", "--porcelain"):
                    git(
                        repo,
                        "commit",
                        "--quiet",
                        "--message",
                        f"Papers of the daily fetch of {today}",
                    )
                    commits += 1
                today += datetime.timedelta(days=1)
        finally:
            for name, value in saved_env.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
    git(repo, "gc", "--quiet")
    counts = dict(line.split(": ", 1) for line in git(repo, "count-objects", "-v").splitlines())
    files = [path for path in content.rglob("*") if path.is_file()]
    return Result(
        listing_days=len(days),
        papers_per_day=args.papers,
        refresh_days=args.refresh_days,
        upvote_days=args.upvote_days,
        runs=runs,
        commits=commits,
        papers=len(list((content / "papers").glob("*.md"))),
        files=len(files),
        checkout_mb=round(sum(path.stat().st_size for path in files) / 1e6, 2),
        packed_mb=round((int(counts["size-pack"]) + int(counts["size"])) * 1024 / 1e6, 2),
        packed_by_kind=packed_by_kind(repo),
        seconds=round(time.monotonic() - started, 1),
    )


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.growth", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--days", type=int, default=250, help="listing days (default 250)")
    parser.add_argument("--papers", type=int, default=40, help="papers a day (default 40)")
    parser.add_argument(
        "--refresh-days", type=int, default=7, help="the fetch's refresh window (default 7)"
    )
    parser.add_argument(
        "--upvote-days", type=int, default=7, help="days a paper's upvotes grow (default 7)"
    )
    parser.add_argument("--seed", type=int, default=1, help="random seed of the papers (default 1)")
    parser.add_argument("--keep", type=Path, help="work in this new or empty folder and keep it")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    if args.days < 1 or args.papers < 1 or not 1 <= args.refresh_days <= 30 or args.upvote_days < 1:
        parser.error(
            "--days, --papers and --upvote-days must be at least 1, --refresh-days 1 to 30"
        )
    if args.keep is not None and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"--keep {args.keep} is not empty")
    return args


def main(argv: list[str] | None = None) -> int:
    """Run the simulation and print its result; the exit status."""
    args = parse_args(argv)
    try:
        if args.keep is not None:
            args.keep.mkdir(parents=True, exist_ok=True)
            result = simulate(args, args.keep.resolve())
        else:
            with tempfile.TemporaryDirectory(prefix="paperfeed-growth-") as work:
                result = simulate(args, Path(work))
    except GrowthError as error:
        print(f"growth: error: {error}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(asdict(result), indent=2))
    else:
        print(
            f"{result.listing_days} listing days of {result.papers_per_day} papers, "
            f"upvotes growing for {result.upvote_days} days, refresh window "
            f"{result.refresh_days} days: {result.runs} daily runs, {result.commits} commits, "
            f"{result.papers} papers in "
            f"{result.files} files ({result.checkout_mb} MB checked out); "
            f"packed repository after git gc: {result.packed_mb} MB ({result.seconds} s)"
        )
        for kind, size in result.packed_by_kind.items():
            print(f"  {kind}: {size} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
