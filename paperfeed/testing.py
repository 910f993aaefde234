"""What the tests of every area share: a real site build, a paper file written as the fetch
writes one, the fixture sites built once, and the audit of what a page may hold.

A pytest plugin (pyproject.toml loads it into every test session with `-p paperfeed.testing`):
its fixtures come with it, the tests import its functions. Nothing of the site or the fetch
imports this module; it needs the repository the package is installed from
(`pip install -e .`), whose settings, plugins and fixture sites it builds with.
"""

from __future__ import annotations

import datetime
import itertools
import json
import shutil
import sys
import weakref
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from pelican import Pelican
from pelican.plugins import signals
from pelican.settings import read_settings

from .ids import fileid
from .paperfile import render_paper

ROOT = Path(__file__).resolve().parents[1]
"""The repository: its settings files, plugins/ and tests/."""
PLUGINS_DIR = ROOT / "plugins"
SITES = ROOT / "tests" / "fixtures" / "sites"
"""The fixture sites: content folders (papers/, topics.yaml) named for what they hold."""
THEME_PLUGINS = ("fragment_cache", "taxonomy", "archives", "paper_meta")
"""What the theme reads from the plugins (each paper's terms, listing day and links, the
`fragment` tag): a build of a few plugins runs these too."""
PAPER_DEFAULTS: dict[str, Any] = {
    "title": "A Paper",
    "arxiv_id": "2606.00001",
    "authors": ["Ada Example"],
    "date": datetime.date(2026, 6, 12),
    "abstract": "An abstract.",
}
"""The values write_paper gives the fields a paper must have, and the abstract."""


def build_site(
    content: Path,
    output: Path,
    *,
    plugins: Iterable[str] | None = None,
    settings_file: str = "pelicanconf.py",
    **settings: Any,
) -> Path:
    """Build `content` into `output` with a real Pelican run and the site's settings file;
    return `output`. Pelican's cache goes beside it, in `<output>-cache`.

    `plugins` runs only these of the site's plugins (and THEME_PLUGINS) instead of all of
    them; `settings` override those of the settings file (`PLUGINS` among them sets the
    plugins exactly).
    """
    override: dict[str, Any] = {
        "PATH": str(content),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": f"{output}-cache",
    }
    if plugins is not None:
        chosen = list(plugins)
        override["PLUGINS"] = [*chosen, *(name for name in THEME_PLUGINS if name not in chosen)]
    override |= settings
    _disconnect_site_plugins()
    Pelican(settings=read_settings(str(ROOT / settings_file), override=override)).run()
    return Path(output)


def pelican_command(
    content: Path, output: Path, *, settings_file: str = "pelicanconf.py", **settings: Any
) -> list[str]:
    """The command that builds `content` into `output` as build_site does, as a user runs
    Pelican: in a process of its own. `output` is absolute (Pelican would read the cache's
    path beside it from the settings file's folder); a relative `content` is the process's
    working folder's."""
    assert Path(output).is_absolute(), output
    command = [sys.executable, "-m", "pelican", str(content), "-o", str(output)]
    command += ["-s", str(ROOT / settings_file)]
    for name, value in {"CACHE_PATH": f"{output}-cache", **settings}.items():
        command += ["-e", f"{name}={json.dumps(value)}"]
    return command


def invoke_command(*args: str, root: Path = ROOT) -> list[str]:
    """The command line of `invoke ARGS` with the tasks of `root` (the repository's), from
    any folder."""
    return [sys.executable, "-m", "invoke", "--search-root", str(root), *args]


def _disconnect_site_plugins() -> None:
    """Disconnect the site's plugins from Pelican's signals, which outlive a build, so that a
    build runs exactly the plugins it names. What a plugin's tests connect themselves stays."""
    site_plugins = {path.name for path in PLUGINS_DIR.iterdir() if (path / "__init__.py").exists()}
    for signal in vars(signals).values():
        if not isinstance(signal, type(signals.initialized)):
            continue
        for receiver in list(signal.receivers.values()):
            function = receiver() if isinstance(receiver, weakref.ref) else receiver
            module = getattr(function, "__module__", None) or ""
            is_test = module.rpartition(".")[2].startswith("test_")
            if module.split(".")[0] in site_plugins and not is_test:
                signal.disconnect(function)


def write_paper(papers: Path, **fields: Any) -> Path:
    """Write a paper file into the folder `papers` as the fetch writes one
    (paperfile.render_paper), named after its arXiv id; return its path.

    `fields` are the paper's record: front-matter keys (dates as datetime.date) and
    `abstract`, the Markdown body. The ones not given are PAPER_DEFAULTS'.
    """
    record = {**PAPER_DEFAULTS, **fields}
    path = Path(papers) / f"{fileid(record['arxiv_id'])}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_paper(record))
    return path


_GIVEN_NAMES = (
    *("Aiko", "Björn", "Chiara", "Dmitri", "Émilie", "Farida", "Giorgos", "Hana", "Ines"),
    *("Jun", "Kwame", "Lena", "Mateo", "Nadia", "Oğuz", "Priya", "Quentin", "Rosa", "Søren"),
    *("Tomasz", "Uma", "Viktor", "Wei", "Yara"),
)
_FAMILY_NAMES = (
    *("Abe", "Berg", "Costa", "Dahl", "Eze", "Fischer", "García", "Hansen", "Ito", "Jovanović"),
    *("Kim", "Lund", "Moreau", "Novak", "Okafor", "Petrov", "Quist", "Rossi", "Sato", "Tanaka"),
    *("Ueda", "Varga", "Wong", "Zhou", "Ørsted"),
)


def many_authors(count: int) -> list[str]:
    """`count` distinct author names (up to 600), in a fixed order: a large collaboration."""
    pairs = itertools.product(_GIVEN_NAMES, _FAMILY_NAMES)
    names = [f"{given} {family}" for given, family in pairs]
    assert count <= len(names), f"at most {len(names)} names"
    return names[:count]


def copy_site(name: str | Path, destination: Path, papers: Iterable[dict[str, Any]] = ()) -> Path:
    """A copy of the fixture site tests/fixtures/sites/<name> (or of the content folder `name`)
    at `destination`, for a test to change, with `papers` (records for write_paper) added;
    returns `destination`."""
    content = Path(shutil.copytree(SITES / name, destination))
    for paper in papers:
        write_paper(content / "papers", **paper)
    return content


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    """fixture_site(name, papers=(), **options) -> the output of the fixture site `name` (or
    of the content folder `name`) with `papers` added (copy_site), built by build_site with
    `options`: once per session for the same arguments, so that the tests that only read a
    site share one build."""
    built: dict[str, Path] = {}

    def site(name: str | Path, papers: Iterable[dict[str, Any]] = (), **options: Any) -> Path:
        papers = tuple(papers)
        key = repr((str(name), papers, sorted(options.items())))
        if key not in built:
            folder = tmp_path_factory.mktemp((SITES / name).name)
            content = copy_site(name, folder / "content", papers)
            built[key] = build_site(content, folder / "output", **options)
        return built[key]

    return site


def repository_papers() -> list[Path]:
    """Every paper file in the repository, sorted: the shipped content, the plugins' test data
    and the fixtures of the tests."""
    patterns = (
        "content/papers/*.md",
        "plugins/*/test_data/**/*.md",
        "tests/fixtures/sites/**/*.md",
    )
    return sorted(path for pattern in patterns for path in ROOT.glob(pattern))


def page(output: Path, url: str) -> str:
    """The HTML of the built page at the folder URL `url` (such as `tag/cs.cl/`, or `` for
    the home page)."""
    return (output / url / "index.html").read_text(encoding="utf-8")


def output_files(output: Path) -> dict[str, bytes]:
    """Every file under `output`, by its path relative to it, with its bytes."""
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT_ENCODED = "{http://purl.org/rss/1.0/modules/content/}encoded"


def feed_fragments(path: Path) -> list[str]:
    """The HTML of every entry of a feed file (Atom, RSS or JSON Feed) as the file holds it.

    Read without a feed reader: feedparser sanitises HTML itself, so a check of what it
    returns could never fail.
    """
    if path.suffix == ".json":
        items = json.loads(path.read_text(encoding="utf-8"))["items"]
        return [item.get("content_html", "") for item in items]
    root = ElementTree.parse(path).getroot()
    wanted = (f"{_ATOM}summary", f"{_ATOM}content", "description", _CONTENT_ENCODED)
    return [element.text or "" for name in wanted for element in root.iter(name)]


def visible_text(html: str) -> str:
    """The text a browser shows of a page or a part of one: no tags, no formula annotations
    (the TeX a <math> element carries), nothing of the <head>."""
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


class _VisibleText(HTMLParser):
    _HIDDEN = frozenset({"annotation", "head", "script", "style", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


# Presentation MathML (MathML Core and MathML 3), the only elements a formula may hold.
MATHML_ELEMENTS = frozenset(
    {
        *("math", "semantics", "annotation", "mrow", "mi", "mn", "mo", "ms", "mtext"),
        *("mspace", "msub", "msup", "msubsup", "mfrac", "msqrt", "mroot", "mover", "munder"),
        *("munderover", "mtable", "mtr", "mtd", "mstyle", "mpadded", "mphantom", "menclose"),
        *("merror", "mmultiscripts", "mprescripts", "none", "mlabeledtr", "maligngroup"),
        *("malignmark", "mfenced", "mglyph", "mlongdiv", "mstack", "msgroup", "msline"),
        *("mscarries", "mscarry", "msrow", "maction"),
    }
)
# Attributes no formula may carry, whatever the TeX asked for.
NEVER_IN_MATH = frozenset({"href", "src", "style", "class", "id", "xlink:href", "actiontype"})
URL_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "poster"})
SCRIPT_SCHEMES = ("javascript:", "vbscript:", "data:")
EMBEDDING = frozenset({"iframe", "object", "embed", "frame", "base"})


class PageAudit(HTMLParser):
    """Collects, in `problems`, everything executable or out of place that markup holds.

    The markup is read as a browser reads it, independently of the code that wrote it: a
    sanitiser's own allow-list is not used to judge its output. Scripts are allowed only as
    the theme writes them: `allowed_scripts` holds the exact text of its inline scripts,
    `application/ld+json` data must hold no `<`, and a script's `src` must be a file of the
    site itself (no scheme, no host).
    """

    def __init__(self, allowed_scripts: frozenset[str] = frozenset()) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_scripts = allowed_scripts
        self.problems: list[str] = []
        self._math_depth = 0
        self._script: tuple[dict[str, str | None], list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name, value in attrs:
            target = "".join((value or "").split()).lower()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in URL_ATTRIBUTES and target.startswith(SCRIPT_SCHEMES):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in EMBEDDING:
            self.problems.append(f"<{tag}>")
        if tag == "math":
            self._math_depth += 1
        if self._math_depth:
            if tag not in MATHML_ELEMENTS:
                self.problems.append(f"<{tag}> inside <math>")
            if NEVER_IN_MATH & attributes.keys():
                self.problems.append(f"<{tag} {sorted(NEVER_IN_MATH & attributes.keys())}>")
        if tag == "script":
            self._script = (attributes, [])

    def handle_endtag(self, tag: str) -> None:
        if tag == "math":
            self._math_depth = max(0, self._math_depth - 1)
        if tag == "script" and self._script is not None:
            attributes, parts = self._script
            self._script = None
            self._judge_script(attributes, "".join(parts))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script[1].append(data)

    def _judge_script(self, attributes: dict[str, str | None], text: str) -> None:
        source = attributes.get("src")
        if attributes.get("type") == "application/ld+json":
            if "<" in text:
                self.problems.append("a '<' in JSON-LD data")
        elif source is not None:
            if ":" in source or source.startswith("//") or text.strip():
                self.problems.append(f"<script src={source!r}>")
        elif text not in self.allowed_scripts:
            self.problems.append(f"<script>{text[:80]}</script>")


def audit(html: str, allowed_scripts: frozenset[str] = frozenset()) -> list[str]:
    """The problems of one page or fragment of HTML (none: an empty list)."""
    page = PageAudit(allowed_scripts)
    page.feed(html)
    page.close()
    return page.problems
