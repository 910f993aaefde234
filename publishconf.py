"""Pelican settings for the hosted site (`invoke preview`): pelicanconf.py plus absolute URLs.

The public address comes from the environment, so a fork needs no code change:
    PAPERFEED_SITEURL=https://example.org/papers invoke preview
"""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).parent))

from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("PAPERFEED_SITEURL", "").strip().rstrip("/")
if urlsplit(SITEURL).scheme not in ("http", "https"):
    sys.exit(
        "publishconf.py: PAPERFEED_SITEURL must be the site's absolute address "
        f"(got {SITEURL!r}); for example: PAPERFEED_SITEURL=https://example.org invoke preview"
    )
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL
DELETE_OUTPUT_DIRECTORY = True
