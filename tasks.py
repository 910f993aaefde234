"""Project tasks, run with invoke (`invoke --list`). Names follow Pelican's quickstart."""

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from invoke import Exit, task

from paperfeed.catchup import RECORD_NAME
from paperfeed.check import shown_path
from paperfeed.output_lock import OutputLocked, acquire
from paperfeed.store import StoreError, base_dir, empty_papers_folder

ROOT = Path(__file__).parent
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
CACHE = ROOT / "cache"
PYTHON = shlex.quote(sys.executable)


def _extra_settings(**settings) -> str:
    """Pelican's `-e KEY=VALUE ...` option (values in JSON) for the given settings."""
    pairs = (shlex.quote(f"{key}={json.dumps(value)}") for key, value in settings.items())
    return "-e " + " ".join(pairs)


def _pelican_command(settings: str, content: Path = CONTENT) -> list[str]:
    # Settings by absolute path, so a task works from any folder (and on a temporary --content).
    args = (content, "-o", OUTPUT, "-s", ROOT / settings)
    return [sys.executable, "-m", "pelican", *map(str, args)]


def _live_preview(c, options: str, **settings) -> None:
    """Run Pelican's live preview with `options` and settings; it rebuilds on every change."""
    # A broken paper file is logged and skipped; a rebuild waits for a build under way.
    overrides = _extra_settings(
        STOP_ON_INPUT_ERROR=False, PAGE_WRITER_WAIT_FOR_LOCK=True, **settings
    )
    c.run(f"{shlex.join(_pelican_command('pelicanconf.py'))} {options} {overrides}", pty=False)


def _output_lock():
    """The lock of output/ (paperfeed/output_lock.py), or exit with one line.

    The steps of a build run in processes of their own; they share the task's lock.
    """
    try:
        return acquire(OUTPUT)
    except OutputLocked as err:
        raise Exit(str(err), code=1) from None


def _run_step(c, lock, args: list[str]) -> int:
    """Run one step of a build with the task's lock of output/; return its exit status."""
    if c.config.run.dry:
        return c.run(shlex.join(args), pty=False).exited  # `invoke --dry`: show, do not run
    step = subprocess.Popen(args, env=os.environ | lock.child_env(), pass_fds=(lock.fd,))
    try:
        return step.wait()
    except KeyboardInterrupt:
        # The step had the interrupt too (one process group): let it end, then stop quietly.
        step.wait()
        raise Exit("build interrupted", code=130) from None


def _check_command(content_dir=None, topics=None, github=False, render=True) -> str:
    args = [str(ROOT / "scripts" / "check.py")]
    if not render:
        args.append("--no-render")
    if content_dir is not None:
        args += ["--content-dir", str(content_dir)]
    if topics is not None:
        args += ["--topics", str(topics)]
    if github:
        args.append("--github")
    return f"{PYTHON} {shlex.join(args)}"


def _checked_build(c, lock, settings: str, content: Path = CONTENT) -> None:
    """Run `invoke check` on `content`; build with Pelican only when it finds no problem.

    Then index the built site's paper pages for search into output/pagefind/ (in shards).
    `lock` is the task's lock of output/.
    """
    # Pelican renders every paper right after, and stops on a paper it cannot render.
    check = _check_command(content / "papers", content / "topics.yaml", render=False)
    result = c.run(check, warn=True, pty=False)
    if result.exited != 0:
        raise Exit("build stopped: fix the problems above (see CONTRIBUTING.md), then build again")
    status = _run_step(c, lock, _pelican_command(settings, content))
    if status != 0:
        # Pelican has already said what went wrong; exit with its status, without a traceback.
        raise Exit(code=status)
    search_index = [
        sys.executable,
        str(ROOT / "scripts" / "search_index.py"),
        "--site",
        str(OUTPUT),
    ]
    if _run_step(c, lock, search_index) != 0:
        raise Exit(f"build stopped: the search index of {OUTPUT} is not complete (see above)")


def _require_env(task_name: str, *names: str) -> dict[str, str]:
    """The values of environment variables `names`; stop with one line naming any unset."""
    missing = [name for name in names if not os.environ.get(name)]
    if missing:
        raise Exit(
            f"{task_name}: set {', '.join(missing)} first (see the Deploy section of README.md)",
            code=2,
        )
    return {name: os.environ[name] for name in names}


def _clean() -> None:
    shutil.rmtree(OUTPUT, ignore_errors=True)
    shutil.rmtree(CACHE, ignore_errors=True)


@task
def clean(c):
    """Remove the generated site (output/) and what builds keep for the next one (cache/)."""
    with _output_lock():
        _clean()


@task(
    help={
        "content_dir": "folder of paper files (default content/papers)",
        "topics": "topics file (default content/topics.yaml)",
        "github": "print the problems as GitHub Actions annotations",
    }
)
def check(c, content_dir=None, topics=None, github=False):
    """Check every paper file and the topics file: one line per problem, exit 1 if any."""
    c.run(_check_command(content_dir, topics, github), pty=False)


@task(help={"content": "content folder to build (default content/)"})
def build(c, content=None):
    """Check the content (as `invoke check`), build the site into output/, index it for search.

    One build at a time: while another holds output/, stop with one line (exit status 1).
    """
    with _output_lock() as lock:
        _checked_build(c, lock, "pelicanconf.py", Path(content) if content else CONTENT)


@task
def rebuild(c):
    """Remove output/ and cache/, and build from scratch."""
    with _output_lock() as lock:
        _clean()
        _checked_build(c, lock, "pelicanconf.py")


@task
def regenerate(c):
    """Rebuild automatically whenever content, theme or settings change."""
    _live_preview(c, "--autoreload")


def _served_address(bind: str, port: int) -> str:
    """The address a browser on this machine opens the preview at: a server listening on
    every address (0.0.0.0, ::) is at the loopback one; an IPv6 host is written in brackets."""
    host = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(bind, bind)
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


@task(help={"port": "port to listen on (default 8000)", "bind": "address (default 127.0.0.1)"})
def serve(c, port=8000, bind="127.0.0.1"):
    """Build, then preview the site at http://127.0.0.1:8000/ and rebuild on changes; the
    feeds link to the address and port it serves on."""
    _live_preview(
        c,
        f"--autoreload --listen --port {int(port)} --bind {shlex.quote(bind)}",
        FEED_DOMAIN=_served_address(bind, int(port)),
    )


@task
def preview(c):
    """Check the content, build with the production settings (publishconf.py), index search."""
    with _output_lock() as lock:
        _checked_build(c, lock, "publishconf.py")


@task(help={"dry_run": "show what rsync would change on the server, upload nothing"})
def publish(c, dry_run=False):
    """Build with publishconf.py, then upload output/ to a web server with rsync over SSH.

    Needs PAPERFEED_SITEURL (the site's address), PAPERFEED_SSH_HOST and PAPERFEED_SSH_PATH
    (the server and its web folder); PAPERFEED_SSH_USER and PAPERFEED_SSH_PORT (22) are optional.
    """
    env = _require_env("publish", "PAPERFEED_SITEURL", "PAPERFEED_SSH_HOST", "PAPERFEED_SSH_PATH")
    user = os.environ.get("PAPERFEED_SSH_USER")
    port = int(os.environ.get("PAPERFEED_SSH_PORT") or 22)
    host = f"{user}@{env['PAPERFEED_SSH_HOST']}" if user else env["PAPERFEED_SSH_HOST"]
    # As Pelican's quickstart: -c compares checksums, so files rebuilt unchanged are not sent.
    rsync = ["rsync", "--delete", "--exclude", ".DS_Store", "-pthrvz", "-c"]
    rsync += ["-e", f"ssh -p {port}"] + (["--dry-run"] if dry_run else [])
    rsync += [f"{OUTPUT}/", f"{host}:{env['PAPERFEED_SSH_PATH']}"]
    with _output_lock() as lock:
        _checked_build(c, lock, "publishconf.py")
        c.run(shlex.join(rsync), pty=False)


@task(
    name="gh-pages",
    help={
        "branch": "branch to write the site to (default gh-pages)",
        "remote": "git remote to push to (default origin)",
        "push": "push the branch after committing (default yes; --no-push to keep it local)",
        "message": "commit message on the branch",
    },
)
def gh_pages(c, branch="gh-pages", remote="origin", push=True, message="Publish the site"):
    """Build with publishconf.py, commit output/ to the gh-pages branch (ghp-import) and push it.

    Needs PAPERFEED_SITEURL, e.g. https://USER.github.io/REPO.
    """
    _require_env("gh-pages", "PAPERFEED_SITEURL")
    # -n: a .nojekyll file, so GitHub serves the folders Pelican writes as they are.
    args = ["-n", "-b", branch, "-r", remote, "-m", message] + (["-p"] if push else [])
    with _output_lock() as lock:
        _checked_build(c, lock, "publishconf.py")
        c.run(f"{PYTHON} -m ghp_import {shlex.join([*args, str(OUTPUT)])}", pty=False)


@task(
    help={
        "source": "daily (what content/sources.yaml names, since the last run), hf or arxiv",
        "date": "hf: the Daily Papers day, YYYY-MM-DD",
        "to": "hf: last day of a range, YYYY-MM-DD",
        "catch_up": "hf: the days since the last completed fetch, and the refresh window",
        "today": "daily, hf --catch-up: the day taken for today (default: the UTC date)",
        "refresh_days": "daily, hf --catch-up: recent days fetched again (default 7)",
        "all": "daily, hf: every Daily Papers paper, whatever the tags in sources.yaml",
        "ids": "arxiv: comma-separated arXiv ids",
        "query": "arxiv: a search query",
        "max": "arxiv: at most this many results of a query",
        "content_dir": "where paper files live (default content/papers)",
        "dry_run": "show what would change, write nothing",
        "no_enrich": "skip the arXiv enrichment of Hugging Face papers",
    }
)
def fetch(
    c,
    source="hf",
    date=None,
    to=None,
    catch_up=False,
    today=None,
    refresh_days=None,
    all=False,
    ids=None,
    query=None,
    max=None,
    content_dir=None,
    dry_run=False,
    no_enrich=False,
):
    """Fetch papers into content/papers (wraps scripts/fetch.py)."""
    args = [source]
    for flag, value in (
        ("--date", date),
        ("--to", to),
        ("--today", today),
        ("--refresh-days", refresh_days),
        ("--ids", ids),
        ("--query", query),
        ("--max", max),
        ("--content-dir", content_dir),
    ):
        if value is not None:
            args += [flag, str(value)]
    for flag, on in (
        ("--catch-up", catch_up),
        ("--all", all),
        ("--dry-run", dry_run),
        ("--no-enrich", no_enrich),
    ):
        if on:
            args.append(flag)
    c.run(f"{PYTHON} {ROOT / 'scripts' / 'fetch.py'} {shlex.join(args)}", pty=False)


@task(name="new-site", help={"content": "content folder to empty (default content/)"})
def new_site(c, content=None):
    """Start your own site: delete the sample papers, with their base records and the record
    of the last fetch; keep the topics, the sources and the settings."""
    folder = Path(content) if content else CONTENT
    papers = folder / "papers"
    try:
        count, records = empty_papers_folder(papers)
    except StoreError as err:
        raise Exit(f"new-site: {err}", code=1) from None
    base_records = [path for path in records if path.name != RECORD_NAME]
    print(
        f"new-site: deleted {count} paper file{'s' * (count != 1)} from {shown_path(papers)}/ "
        f"and {len(base_records)} base record{'s' * (len(base_records) != 1)} from "
        f"{shown_path(base_dir(papers))}/"
        + (", and the record of the last fetch" if len(records) > len(base_records) else "")
        + f" (until you commit, `git restore {shown_path(folder)}` brings them back)"
    )
    kept = [path for path in (folder / "topics.yaml", folder / "sources.yaml") if path.exists()]
    kept_files = "".join(f"{shown_path(path)}, " for path in kept)
    print(f"new-site: kept {kept_files}and the settings in pelicanconf.py")
    print(
        "new-site: next (README, Make it your own): name the site in pelicanconf.py, choose "
        "its topics and sources, then fetch: python scripts/fetch.py daily"
    )


@task(
    help={
        "date": "the listing day to send, YYYY-MM-DD",
        "content": "content folder (default content/): its papers and the record of sent digests",
        "dry_run": "print the message instead of sending it",
        "force": "send even when that day's digest was already sent to that address",
    }
)
def digest(c, date, content=None, dry_run=False, force=False):
    """Send one day's papers as the email digest (wraps scripts/digest.py; docs/digest.md).

    Needs PAPERFEED_SITEURL, PAPERFEED_DIGEST_FROM, PAPERFEED_DIGEST_TO and PAPERFEED_SMTP_HOST
    (and _PORT, _SECURITY, _USER, _PASSWORD as the server needs).
    """
    args = ["--date", str(date)]
    if content is not None:
        args += ["--content", str(content)]
    args += [flag for flag, on in (("--dry-run", dry_run), ("--force", force)) if on]
    result = c.run(
        f"{PYTHON} {ROOT / 'scripts' / 'digest.py'} {shlex.join(args)}", warn=True, pty=False
    )
    if result.exited != 0:
        raise Exit(code=result.exited)


@task
def sample_content(c):
    """Regenerate the shipped papers in content/papers from the recorded upstream responses.

    Replays tests/fixtures/upstream/ on a local server and runs the real fetch against it:
    the Daily Papers list of 2026-06-12 (no enrichment: the recorded arXiv responses do not
    hold those papers) and the two recorded arXiv queries. Replaces content/papers/*.md and
    content/papers/.upstream/*.yaml.
    """
    # invoke imports tasks.py with its own folder importable, so tools/ is found there.
    from tools.replay_server import ReplayServer

    for folder, pattern in (
        (CONTENT / "papers", "*.md"),
        (CONTENT / "papers" / ".upstream", "*.yaml"),
    ):
        for path in folder.glob(pattern):
            path.unlink()
    fetch_py = ROOT / "scripts" / "fetch.py"
    with ReplayServer() as server:
        for args in (
            ["hf", "--date", "2026-06-12", "--no-enrich"],
            ["arxiv", "--query", "all:transformer AND cat:cs.LG", "--max", "5"],
            ["arxiv", "--query", "all:attention OR all:mechanism", "--max", "3"],
        ):
            c.run(f"{PYTHON} {fetch_py} {shlex.join(args)}", env=server.env(), pty=False)


@task(
    auto_shortflags=False,
    help={
        "papers": "number of synthetic papers (default 1000)",
        "seed": "random seed for the papers (default 1)",
        "json": "print the report as JSON",
        "keep": "work in this new or empty folder and keep it",
        "hugo": "fail when Hugo is not installed (default: skip it then)",
        "no_hugo": "do not build with Hugo",
        "profile": "also profile a cold build with cProfile into this file",
        "similar_only": "time only the similar papers' step (no build, no Hugo)",
    },
)
def bench(
    c,
    papers=1000,
    seed=1,
    json=False,
    keep=None,
    hugo=False,
    no_hugo=False,
    profile=None,
    similar_only=False,
):
    """Time full and incremental builds of N synthetic papers, and Hugo's on the same files."""
    args = ["--papers", str(papers), "--seed", str(seed)]
    for flag, value in (("--keep", keep), ("--profile", profile)):
        if value is not None:
            args += [flag, os.path.abspath(value)]  # the bench runs from the repository root
    flags = (
        ("--json", json),
        ("--hugo", hugo),
        ("--no-hugo", no_hugo),
        ("--similar-only", similar_only),
    )
    for flag, on in flags:
        if on:
            args.append(flag)
    with c.cd(str(ROOT)):
        c.run(f"{PYTHON} -m tools.bench {shlex.join(args)}", pty=False)


@task(help={"upgrade": "move every package to its newest version the ranges allow"})
def lock(c, upgrade=False):
    """Compile requirements.txt and requirements-dev.txt, which pin every package (with uv)."""
    for source, target in (
        ("requirements.in", "requirements.txt"),
        ("requirements-dev.in", "requirements-dev.txt"),
    ):
        args = [source, "-o", target, "--python-version", "3.11"] + (
            ["--upgrade"] if upgrade else []
        )
        c.run(f"{PYTHON} -m uv pip compile {shlex.join(args)}", pty=False)


@task(
    help={
        "runs": "run a page below 100 again, up to this many runs in all (default 2)",
        "minimum": "exit 1 when a score is below this (default 100)",
    }
)
def lighthouse(c, runs=2, minimum=100):
    """Build, then print Lighthouse's four scores for home, a paper, a tag and the search page.

    Needs Chromium (/usr/bin/chromium) and the npm packages (`npm ci --ignore-scripts`).
    """
    with _output_lock() as lock:
        _checked_build(c, lock, "pelicanconf.py")
        args = ["--site", str(OUTPUT), "--runs", str(int(runs)), "--minimum", str(int(minimum))]
        with c.cd(str(ROOT)):
            c.run(f"{PYTHON} -m tools.lighthouse {shlex.join(args)}", pty=False)
