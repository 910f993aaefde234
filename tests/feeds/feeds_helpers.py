"""Helpers for the feed tests: the fixture site, real Pelican builds, raw feed reading."""

import itertools
import json
import string
from pathlib import Path
from xml.etree import ElementTree

import feedparser
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
SITEURL = "https://papers.example.org"
LARGE_PAPER = "2607.30003"
ATOM = "{http://www.w3.org/2005/Atom}"
CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"

_GIVEN = ["Aiko", "Björn", "Chiara", "Dmitri", "Émilie", "Farida", "Giorgos", "Hana"]
_GIVEN += ["Ines", "Jun", "Kwame", "Lena", "Mateo", "Nadia", "Oğuz", "Priya", "Quentin"]
_GIVEN += ["Rosa", "Søren", "Tomasz", "Uma", "Viktor", "Wei", "Yara"]
_FAMILY = ["Abe", "Berg", "Costa", "Dahl", "Eze", "Fischer", "García", "Hansen", "Ito"]
_FAMILY += ["Jovanović", "Kim", "Lund", "Moreau", "Novak", "Okafor", "Petrov", "Quist"]
_FAMILY += ["Rossi", "Sato", "Tanaka", "Ueda", "Varga", "Wong", "Zhou", "Ørsted"]


def large_collaboration_authors(count: int = 600) -> list[str]:
    """`count` distinct author names (given x family name), in a fixed order."""
    names = [f"{given} {family}" for given, family in itertools.product(_GIVEN, _FAMILY)]
    return names[:count]


def write_large_collaboration(content: Path, authors: list[str]) -> Path:
    """Write the large-collaboration paper from its template into `content/papers`."""
    template = string.Template((FIXTURES / "large_collaboration.md.template").read_text("utf-8"))
    path = content / "papers" / f"{LARGE_PAPER}.md"
    path.write_text(template.substitute(authors=json.dumps(authors)), encoding="utf-8")
    return path


def build_site(content: Path, output: Path, **overrides) -> Path:
    """Build `content` into `output` with the site's pelicanconf.py and public URLs."""
    settings = {"SITEURL": SITEURL, "FEED_DOMAIN": SITEURL, "RELATIVE_URLS": False}
    settings |= {"PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": f"{output}-cache"}
    settings |= overrides
    Pelican(settings=read_settings(str(ROOT / "pelicanconf.py"), override=settings)).run()
    return output


def written_feeds(output: Path, suffix: str = ".xml") -> list[Path]:
    """Every file with `suffix` the build wrote under feeds/."""
    return sorted(path for path in (output / "feeds").rglob(f"*{suffix}") if path.is_file())


def parse(path: Path) -> feedparser.FeedParserDict:
    """A feed read by feedparser, which must find nothing wrong with it."""
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed


def entry_by_id(feed: feedparser.FeedParserDict, entry_id: str) -> feedparser.FeedParserDict:
    return next(entry for entry in feed.entries if entry.id == entry_id)


def raw_html_fragments(path: Path) -> list[str]:
    """The HTML of every entry of a feed file, as the file holds it (no sanitising reader).

    feedparser cleans HTML itself, so a check through it could never fail.
    """
    if path.suffix == ".json":
        items = json.loads(path.read_text(encoding="utf-8"))["items"]
        return [item["content_html"] for item in items]
    root = ElementTree.parse(path).getroot()
    wanted = (f"{ATOM}summary", f"{ATOM}content", "description", CONTENT_ENCODED)
    return [element.text or "" for name in wanted for element in root.iter(name)]
