"""Pelican settings for a local preview (`invoke build`, `invoke serve`).

publishconf.py starts from these and switches to the hosted site's absolute URLs.
Relative paths are resolved from this file's folder, so the build works from any directory.
"""

import os

# Make it your own (README.md): the site's name, the line under it, the home page's heading and
# the line at the foot of every page. Texts, shown as written (HTML is escaped).
SITENAME = "paperfeed"
SITESUBTITLE = "Research papers from the Hugging Face Daily Papers, with feeds"
HOME_HEADING = "Daily papers"
FOOTER_TEXT = (
    "Papers from the Hugging Face Daily Papers and arXiv (metadata CC0). "
    "Built with paperfeed and Pelican."
)
SITEURL = ""
RELATIVE_URLS = True
PORT = 8000
BIND = "127.0.0.1"
# Feeds need absolute links; in the preview they point at `invoke serve`.
FEED_DOMAIN = f"http://{BIND}:{PORT}"

PATH = "content"
# Pelican reads exactly the files `invoke check` checks (paperfeed/check.py): the `*.md`
# files under content/papers, without dot files and dot folders; the paper_reader plugin
# stops the build at a symbolic link there, as the check does, before Pelican would follow it.
ARTICLE_PATHS = ["papers"]
PAGE_PATHS = []
STATIC_PATHS = []
IGNORE_FILES = [".*"]
# Only the paper reader: Pelican's own readers would build other files as unchecked articles.
READERS = {extension: None for extension in ("htm", "html", "markdown", "mdown", "mkd", "rst")}
THEME = "theme"
OUTPUT_PATH = "output"
DELETE_OUTPUT_DIRECTORY = False

PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    # First: the others import its declarations of the data they hand each other.
    "paper_attributes",
    # Next: the others write their files through it.
    "page_writer",
    "paper_reader",
    "mathml",
    "taxonomy",
    "archives",
    "paper_meta",
    # After taxonomy and archives: a similar paper is shown with its listing day.
    "similar",
    "feeds",
    "site_files",
    "fragment_cache",
    "compact_html",
]

# Rebuilds reuse what the previous build read and wrote (`cache/`, not in git). Files are
# compared by content (sha256), not by date, so a fresh checkout with a restored cache folder
# is as fast as a second build on the same machine. The page_writer plugin renders only the
# pages whose data changed and empties the cache when the settings or plugins change.
CACHE_PATH = "cache"
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "generator"
CHECK_MODIFIED_METHOD = "sha256"
GZIP_CACHE = False
# Processes rendering pages (the page_writer plugin); None: one per available core.
PAGE_WRITER_PROCESSES = None
# Papers have no translations: skip Pelican's search for them (quadratic in the papers).
ARTICLE_TRANSLATION_ID = None

TIMEZONE = "UTC"
DEFAULT_LANG = "en"
# A fixed locale keeps month names, and so the output bytes, the same on every machine.
LOCALE = ["C.UTF-8", "C"]
DEFAULT_DATE_FORMAT = "%-d %b %Y"

# Page URLs (docs/site.md): a paper's slug is its file id, never its title.
ARTICLE_URL = "papers/{slug}/"
ARTICLE_SAVE_AS = "papers/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_URL = "tag/"
TAGS_SAVE_AS = "tag/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
# Listings by the day a paper was listed (archives plugin); week keys are ISO weeks (2026-W24).
DAY_URL = "day/{key}/"
DAY_SAVE_AS = "day/{key}/index.html"
WEEK_URL = "week/{key}/"
WEEK_SAVE_AS = "week/{key}/index.html"
MONTH_URL = "month/{key}/"
MONTH_SAVE_AS = "month/{key}/index.html"
# A week's and a month's page ranks its papers by upvotes; these list them by day.
WEEK_BY_DAY_URL = "week/{key}/days/"
WEEK_BY_DAY_SAVE_AS = "week/{key}/days/index.html"
MONTH_BY_DAY_URL = "month/{key}/days/"
MONTH_BY_DAY_SAVE_AS = "month/{key}/days/index.html"
ARCHIVE_URL = "archive/"
ARCHIVE_SAVE_AS = "archive/index.html"
# Authors with one paper get no page; their name links to a search for it instead.
TAXONOMY_AUTHOR_MIN_PAPERS = 2

# "Suggest a correction" links edit content/papers/<fileid>.md at REPO_URL on REPO_BRANCH.
# On GitHub Actions the repository is known; elsewhere set PAPERFEED_REPO_URL (no link if unset).
REPO_URL = os.environ.get("PAPERFEED_REPO_URL") or (
    f"{os.environ.get('GITHUB_SERVER_URL', 'https://github.com')}/{os.environ['GITHUB_REPOSITORY']}"
    if os.environ.get("GITHUB_REPOSITORY")
    else None
)
REPO_BRANCH = os.environ.get("PAPERFEED_REPO_BRANCH", "main")

# Pages of a listing live *under* the listing (`tag/x-17/page/4/`), so they
# cannot collide with another tag's page the way `{name}{number}` does.
DEFAULT_PAGINATION = 30
PAGINATED_TEMPLATES = {"tag": None, "author": None, "period": None}
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
]


def newest_day_most_upvoted(paper) -> tuple:
    """Listing order: newest day first, then most upvotes, then file id (a total order)."""
    return (-paper.date.toordinal(), -(paper.metadata.get("upvotes") or 0), paper.slug)


ARTICLE_ORDER_BY = newest_day_most_upvoted
SUMMARY_MAX_LENGTH = 40

# Direct templates: only the search page (Pagefind's UI over the index `invoke build` writes
# into output/pagefind/). The archives plugin writes the home page and the day, week and month
# pages; the taxonomy plugin the tag and author pages (both in time linear in the papers).
DIRECT_TEMPLATES = ["search"]
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""

# Feeds (plugins/feeds): the newest FEEDS_MAX_ITEMS papers (at most 500); a path set to
# None turns that feed off. The defaults, in plugins/feeds/feeds.py, are spelled out here.
FEEDS_MAX_ITEMS = 50
FEEDS_SITE_ATOM = "feeds/all.atom.xml"
FEEDS_SITE_RSS = "feeds/all.rss.xml"
FEEDS_SITE_JSON = "feeds/all.json"
FEEDS_TAG_ATOM = "feeds/tag/{slug}.atom.xml"
FEEDS_TAG_RSS = "feeds/tag/{slug}.rss.xml"
FEEDS_AUTHOR_ATOM = "feeds/author/{slug}.atom.xml"
FEEDS_AUTHOR_RSS = "feeds/author/{slug}.rss.xml"
FEEDS_AUTHOR_MIN_PAPERS = 2
FEEDS_DIGEST_ATOM = "feeds/daily.atom.xml"
FEEDS_DIGEST_RSS = "feeds/daily.rss.xml"
FEEDS_OPML = "feeds/tags.opml"
# The subscribe page, linked as "Feeds" from every page's header.
FEEDS_PAGE_URL = "feeds/"
FEEDS_PAGE_SAVE_AS = "feeds/index.html"

# Pelican's own feeds are off: the feeds plugin writes them (FEEDS_* settings).
FEED_ATOM = None
FEED_RSS = None
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None

JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}
