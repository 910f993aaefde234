"""Lighthouse (tools/lighthouse.py) scores 100 in its four categories on the four page kinds."""

import shutil

from browser_site import PAGES
from browser_tools import CHROMIUM, missing_tool

from tools.lighthouse import LIGHTHOUSE, site_scores

# The search page as a reader opens it from the header: no query yet.
LIGHTHOUSE_PAGES = PAGES | {"search": "search/"}


def test_lighthouse_scores_100_on_home_paper_tag_and_search(site):
    for tool in (LIGHTHOUSE, CHROMIUM):
        if not tool.exists():
            missing_tool(f"{tool} is not installed")
    if shutil.which("node") is None:
        missing_tool("node is not installed")
    scores = site_scores(site, LIGHTHOUSE_PAGES, runs=2)
    perfect = dict.fromkeys(("performance", "accessibility", "best-practices", "seo"), 100)
    assert scores == dict.fromkeys(LIGHTHOUSE_PAGES, perfect)
