"""Lighthouse scores of a built site: home, a paper page, a tag page and the search page.

`python -m tools.lighthouse --site output` (or `invoke lighthouse`, which builds first) serves
the site on 127.0.0.1 and runs Lighthouse (the npm package, pinned in package-lock.json) with
its default settings (a phone on a slow 4G network) in Debian's Chromium, headless, on each
page (tools/lighthouse.mjs, one Chromium for all). It prints the four category scores of each
page and exits 1 when one is below --minimum (default 100). A page scoring below 100 is run
again, up to --runs times in all, and keeps its best scores: the performance score moves by a
few points with the load of the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tools.static_server import served

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse"
RUNNER = ROOT / "tools" / "lighthouse.mjs"
CHROMIUM = Path("/usr/bin/chromium")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


class LighthouseError(Exception):
    """Lighthouse or Chromium is missing or failed; the message is one line."""


def default_pages(site: Path) -> dict[str, str]:
    """The four page kinds, as paths below the site: the first paper and tag in the site."""
    paper = min(path.parent.name for path in site.glob("papers/*/index.html"))
    tag = min(path.parent.name for path in site.glob("tag/*/index.html"))
    return {"home": "", "paper": f"papers/{paper}/", "tag": f"tag/{tag}/", "search": "search/"}


def site_scores(
    site: Path, pages: dict[str, str] | None = None, runs: int = 1
) -> dict[str, dict[str, int]]:
    """Lighthouse's score (0-100) in each of CATEGORIES for each page of `site` (default_pages
    when none are given), by page name: each page's best of up to `runs` runs."""
    pages = pages or default_pages(site)
    for tool, install in (
        (LIGHTHOUSE, "npm ci --ignore-scripts"),
        (CHROMIUM, "apt install chromium"),
    ):
        if not tool.exists():
            raise LighthouseError(f"{tool} is missing: run `{install}` (.ci/run does)")
    node = shutil.which("node")
    if node is None:
        raise LighthouseError("node is missing: install Node.js (.ci/run installs npm with it)")
    with served(site) as address:
        urls = {name: address + path for name, path in pages.items()}
        command = [node, str(RUNNER), str(runs), *urls.values()]
        env = os.environ | {"CHROME_PATH": str(CHROMIUM)}
        result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no message"])[-1]
        raise LighthouseError(f"Lighthouse failed: {last}")
    scores = json.loads(result.stdout)
    return {name: scores[url] for name, url in urls.items()}


def main(argv: list[str] | None = None) -> int:
    """Print each page's four scores; exit 1 when one is below --minimum."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "output", help="the built site")
    parser.add_argument("--minimum", type=int, default=100, help="lowest passing score")
    parser.add_argument("--runs", type=int, default=2, help="runs of a page at most (best kept)")
    args = parser.parse_args(argv)
    if not (args.site / "index.html").is_file():
        print(f"lighthouse: {args.site} holds no built site: run `invoke build`", file=sys.stderr)
        return 2
    try:
        scores = site_scores(args.site, runs=args.runs)
    except LighthouseError as err:
        print(f"lighthouse: {err}", file=sys.stderr)
        return 2
    print(f"{'page':8} " + " ".join(f"{name:>14}" for name in CATEGORIES))
    for name, page in scores.items():
        print(f"{name:8} " + " ".join(f"{page[category]:>14}" for category in CATEGORIES))
    low = [name for name, page in scores.items() if min(page.values()) < args.minimum]
    if low:
        print(f"lighthouse: below {args.minimum} on {', '.join(low)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
