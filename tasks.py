"""Project tasks, run with invoke (`invoke --list`). Names follow Pelican's quickstart."""

import json
import shlex
import shutil
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).parent
CONTENT = ROOT / "content"
OUTPUT = ROOT / "output"
PYTHON = shlex.quote(sys.executable)


def _extra_settings(**settings) -> str:
    """Pelican's `-e KEY=VALUE ...` option (values in JSON) for the given settings."""
    pairs = (shlex.quote(f"{key}={json.dumps(value)}") for key, value in settings.items())
    return "-e " + " ".join(pairs)


def _pelican(c, settings: str, extra: str = "") -> None:
    args = shlex.join(str(arg) for arg in (CONTENT, "-o", OUTPUT, "-s", ROOT / settings))
    command = f"{PYTHON} -m pelican {args} {extra}"
    result = c.run(command.strip(), pty=False, warn=True)
    if result.failed:
        # Pelican has already said what went wrong; exit with its status, without a traceback.
        raise Exit(code=result.exited)


@task
def clean(c):
    """Remove the generated site (output/)."""
    shutil.rmtree(OUTPUT, ignore_errors=True)


@task
def build(c):
    """Build the site for local preview into output/."""
    _pelican(c, "pelicanconf.py")


@task
def rebuild(c):
    """Remove output/ and build from scratch."""
    clean(c)
    build(c)


@task
def regenerate(c):
    """Rebuild automatically whenever content, theme or settings change."""
    # The live preview goes on when a paper file is broken: it logs the file and skips it.
    _pelican(c, "pelicanconf.py", "--autoreload " + _extra_settings(STOP_ON_INPUT_ERROR=False))


@task(help={"port": "port to listen on (default 8000)", "bind": "address (default 127.0.0.1)"})
def serve(c, port=8000, bind="127.0.0.1"):
    """Build, then preview the site at http://127.0.0.1:8000/ and rebuild on changes."""
    overrides = _extra_settings(STOP_ON_INPUT_ERROR=False, FEED_DOMAIN=f"http://{bind}:{port}")
    _pelican(
        c,
        "pelicanconf.py",
        f"--autoreload --listen --port {int(port)} --bind {shlex.quote(bind)} {overrides}",
    )


@task
def preview(c):
    """Build the hosted site (publishconf.py); needs PAPERFEED_SITEURL, e.g. https://example.org."""
    _pelican(c, "publishconf.py")


@task(
    help={
        "source": "hf or arxiv",
        "date": "hf: the Daily Papers day, YYYY-MM-DD",
        "to": "hf: last day of a range, YYYY-MM-DD",
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
        ("--ids", ids),
        ("--query", query),
        ("--max", max),
        ("--content-dir", content_dir),
    ):
        if value is not None:
            args += [flag, str(value)]
    if dry_run:
        args.append("--dry-run")
    if no_enrich:
        args.append("--no-enrich")
    c.run(f"{PYTHON} {ROOT / 'scripts' / 'fetch.py'} {shlex.join(args)}", pty=False)


@task
def sample_content(c):
    """Regenerate the shipped papers in content/papers from the recorded upstream responses.

    Replays tests/fixtures/upstream/ on a local server and runs the real fetch against it:
    the Daily Papers list of 2026-06-12 (no enrichment: the recorded arXiv responses do not
    hold those papers) and the two recorded arXiv queries. Replaces content/papers/*.md and
    content/.upstream/*.yaml.
    """
    sys.path.insert(0, str(ROOT / "scripts"))
    from replay_server import ReplayServer

    for folder, pattern in ((CONTENT / "papers", "*.md"), (CONTENT / ".upstream", "*.yaml")):
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
