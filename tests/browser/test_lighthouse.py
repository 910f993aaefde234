"""Lighthouse (tools/lighthouse.py) scores 100 in its four categories on five kinds of page."""

import shutil

from browser_site import PAGES
from browser_tools import CHROMIUM, missing_tool

from tools.lighthouse import LIGHTHOUSE, site_scores

# The home, a paper, a tag and the search page (as a reader opens it from the header, with no
# query yet), and a ranked listing, whose cards also link their day. axe and the Nu Html
# Checker check every kind of page (test_browser_checks.py).
LIGHTHOUSE_PAGES = {name: PAGES[name] for name in ("home", "paper", "tag", "week")} | {
    "search": "search/"
}


def test_lighthouse_scores_100_on_home_paper_tag_week_and_search(site):
    for tool in (LIGHTHOUSE, CHROMIUM):
        if not tool.exists():
            missing_tool(f"{tool} is not installed")
    if shutil.which("node") is None:
        missing_tool("node is not installed")
    scores = site_scores(site, LIGHTHOUSE_PAGES, runs=2)
    perfect = dict.fromkeys(("performance", "accessibility", "best-practices", "seo"), 100)
    assert scores == dict.fromkeys(LIGHTHOUSE_PAGES, perfect)
