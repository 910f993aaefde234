"""The sources of a site's daily fetch, set by its owner in the sources file beside the papers
folder (`content/sources.yaml`; docs/fetch.md, "Sources"):

```yaml
huggingface:
  fetch: true            # the Hugging Face Daily Papers of every day
  tags: [cs.RO, robotics]  # keep only papers with one of these tags ([] or no key: every paper)
arxiv:                   # arXiv searches, fetched on every run, newest first
  - category: cs.RO      # the newest papers of an arXiv category
    max: 100             # how many (default 100, at most 2000)
  - query: "all:transformer AND cat:cs.LG"   # an arXiv search query
```

No file means the Hugging Face Daily Papers, every paper, and no arXiv search. `read_sources`
reads the file once and says every problem it has, one line each with its line number, as the
topics file is read (tags.py): the fetch refuses to start on them, `invoke check` lists them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .arxiv import MAX_RESULTS
from .problems import Problem, closest, quoted
from .tags import Vocabulary, is_category
from .yamldoc import YamlDocument, YamlProblem, unshowable_message

SOURCES_FILE = "sources.yaml"
"""The sources file's name, in the content folder (beside the folder of paper files)."""
DEFAULT_MAX = 100
"""Results an arXiv search takes when its entry names no `max`."""
_TOP_KEYS = ("huggingface", "arxiv")
_HF_KEYS = ("fetch", "tags")
_SEARCH_KEYS = ("category", "query", "max")
_SHAPE = (
    "write `huggingface:` (with `fetch:` and `tags:`) and `arxiv:` (a list of searches); "
    "see docs/fetch.md, Sources"
)


@dataclass(frozen=True)
class ArxivSearch:
    """One arXiv search of the daily fetch: the `search_query` sent, the newest
    `max_results` taken, and how the sources file names it (`category cs.RO`)."""

    search_query: str
    max_results: int
    label: str


@dataclass
class Sources:
    """What the daily fetch takes: the Hugging Face Daily Papers or not, the tags a paper of
    theirs must carry one of to be kept (none: every paper), and the arXiv searches."""

    huggingface: bool = True
    tags: tuple[str, ...] = ()
    arxiv: tuple[ArxivSearch, ...] = ()
    shown: str = SOURCES_FILE
    problems: list[Problem] = field(default_factory=list)

    @property
    def filter_categories(self) -> list[str]:
        """The arXiv categories among the filter's tags (they come from the arXiv enrichment)."""
        return [tag for tag in self.tags if is_category(tag)]


def sources_file(papers_dir: Path) -> Path:
    """The sources file that goes with a folder of papers: sources.yaml beside it."""
    return Path(os.path.abspath(papers_dir)).parent / SOURCES_FILE


def read_sources(path: Path, vocabulary: Vocabulary, shown: str | None = None) -> Sources:
    """The sources a sources file sets, with every problem it has; a missing file sets the
    defaults. Tags are checked against `vocabulary` (arXiv categories and the site's topics).
    """
    shown = shown or str(path)
    if not path.exists():
        return Sources(shown=shown)
    try:
        document = YamlDocument(path.read_text(encoding="utf-8"), kind="the sources file")
    except UnicodeDecodeError:
        problem = Problem(shown, 1, "sources", "is not UTF-8 text; save it as UTF-8")
        return Sources(shown=shown, problems=[problem])
    except OSError as error:
        problem = Problem(shown, 1, "sources", f"cannot be read: {error}")
        return Sources(shown=shown, problems=[problem])
    except YamlProblem as problem:
        return Sources(
            shown=shown, problems=[Problem(shown, problem.line, problem.field, problem.message)]
        )
    return _SourcesReader(document, shown, vocabulary).read()


class _SourcesReader:
    def __init__(self, document: YamlDocument, shown: str, vocabulary: Vocabulary) -> None:
        self.document = document
        self.vocabulary = vocabulary
        self.sources = Sources(shown=shown)

    def report(self, line: int, key: str, message: str) -> None:
        self.sources.problems.append(Problem(self.sources.shown, line, key, message))

    def read(self) -> Sources:
        root = self.document.root
        if root is None:
            return self.sources
        fields = self.mapping(root, "sources", _TOP_KEYS, "the sources file")
        if fields is None:
            return self.sources
        if "huggingface" in fields:
            self.read_huggingface(fields["huggingface"])
        if "arxiv" in fields:
            self.read_arxiv(fields["arxiv"])
        if not self.sources.problems and not self.sources.huggingface and not self.sources.arxiv:
            self.report(
                self.document.line(root),
                "sources",
                "the daily fetch would fetch nothing: set huggingface `fetch: true`, or add an "
                "arXiv search under `arxiv:`",
            )
        return self.sources

    def mapping(
        self, node: yaml.Node, key: str, known: tuple[str, ...], what: str
    ) -> dict[str, yaml.Node] | None:
        """The value nodes of a mapping by key (each known key once), reporting any other key;
        None when `node` is not a mapping."""
        if not isinstance(node, yaml.MappingNode):
            self.report(self.document.line(node), key, f"{what} must be a set of fields; {_SHAPE}")
            return None
        fields: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            name = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            line = self.document.line(key_node)
            if name not in known:
                guess = closest(str(name), known)
                hint = f"did you mean {guess}? " if guess else ""
                self.report(
                    line,
                    str(name),
                    f"is not a key of {what}; {hint}it has {', '.join(known)}",
                )
            elif name in fields:
                self.report(line, name, f"is written twice in {what}; keep one")
            else:
                fields[name] = value_node
        return fields

    def value(self, node: yaml.Node, key: str) -> Any:
        """The Python value of a node; a problem (and None) for a character no page can show
        or a value YAML cannot build."""
        for line, character in self.document.unshowable_characters(node):
            self.report(line, key, unshowable_message(character, key))
            return None
        try:
            return self.document.value(node)
        except (ValueError, yaml.YAMLError) as error:
            self.report(self.document.line(node), key, f"cannot be read: {error}")
            return None

    def read_huggingface(self, node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
            return
        fields = self.mapping(node, "huggingface", _HF_KEYS, "huggingface")
        if fields is None:
            return
        if "fetch" in fields:
            fetch = self.value(fields["fetch"], "fetch")
            if isinstance(fetch, bool):
                self.sources.huggingface = fetch
            else:
                self.report(
                    self.document.line(fields["fetch"]),
                    "fetch",
                    f"{_written(fields['fetch'])} is not true or false; write "
                    "`fetch: true` to fetch the Daily Papers, `fetch: false` not to",
                )
        if "tags" in fields:
            self.read_tags(fields["tags"])

    def read_tags(self, node: yaml.Node) -> None:
        line = self.document.line(node)
        tags = self.value(node, "tags")
        if tags is None:
            return
        if not isinstance(tags, list):
            self.report(
                line,
                "tags",
                "must be a list of tags, e.g. tags: [cs.RO, robotics] ([] keeps every paper)",
            )
            return
        kept: list[str] = []
        for tag in tags:
            if not isinstance(tag, str):
                self.report(line, "tags", f"{quoted(tag)} is not a tag; write it as text")
                continue
            problem = self.vocabulary.unknown_tag(tag)
            if problem is not None:
                self.report(line, "tags", problem)
            elif tag in kept:
                self.report(line, "tags", f"{quoted(tag)} is listed twice; keep one")
            else:
                kept.append(tag)
        self.sources.tags = tuple(kept)

    def read_arxiv(self, node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
            return
        if not isinstance(node, yaml.SequenceNode):
            self.report(
                self.document.line(node),
                "arxiv",
                "must be a list of searches, each starting with '- category: cs.RO' or "
                "'- query: \"...\"' (or [] for none)",
            )
            return
        searches: dict[str, int] = {}  # search_query -> the line of its first entry
        found = []
        for number, item in enumerate(node.value, start=1):
            search = self.read_search(number, item)
            if search is None:
                continue
            line = self.document.line(item)
            first = searches.setdefault(search.search_query, line)
            if first != line:
                self.report(
                    line,
                    "arxiv",
                    f"search {number} is the search on line {first} again; keep one",
                )
                continue
            found.append(search)
        self.sources.arxiv = tuple(found)

    def read_search(self, number: int, item: yaml.Node) -> ArxivSearch | None:
        problems_before = len(self.sources.problems)
        fields = self.mapping(item, "arxiv", _SEARCH_KEYS, f"arXiv search {number}")
        if fields is None:
            return None
        line = self.document.line(item)
        named = [key for key in ("category", "query") if key in fields]
        if len(named) != 1:
            self.report(
                line,
                "arxiv",
                f"search {number} needs one of `category:` (an arXiv category, e.g. cs.RO) "
                "or `query:` (an arXiv search query)" + (", not both" if len(named) == 2 else ""),
            )
        max_results = DEFAULT_MAX
        if "max" in fields:
            value = self.value(fields["max"], "max")
            if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= MAX_RESULTS:
                max_results = value
            else:
                self.report(
                    self.document.line(fields["max"]),
                    "max",
                    f"{_written(fields['max'])} is not a whole number from 1 to "
                    f"{MAX_RESULTS}; write how many of the newest papers to take, without "
                    "quotes, e.g. max: 100",
                )
        search = None
        if named == ["category"]:
            search = self.category_search(fields["category"], max_results)
        elif named == ["query"]:
            search = self.query_search(fields["query"], max_results)
        return search if len(self.sources.problems) == problems_before else None

    def category_search(self, node: yaml.Node, max_results: int) -> ArxivSearch | None:
        category = self.value(node, "category")
        if category is None:
            return None
        categories = self.vocabulary.categories
        if not isinstance(category, str) or category not in categories:
            spelling = self.vocabulary.spelling_of(str(category))
            guess = spelling if spelling in categories else closest(str(category), categories)
            hint = f"did you mean {guess}? " if guess else ""
            self.report(
                self.document.line(node),
                "category",
                f"{quoted(category)} is not an arXiv category; {hint}spell it as arXiv does "
                "(https://arxiv.org/category_taxonomy), e.g. cs.RO",
            )
            return None
        return ArxivSearch(f"cat:{category}", max_results, f"arXiv category {category}")

    def query_search(self, node: yaml.Node, max_results: int) -> ArxivSearch | None:
        query = self.value(node, "query")
        if query is None:
            return None
        if not isinstance(query, str) or not query.strip() or "\n" in query.strip():
            self.report(
                self.document.line(node),
                "query",
                f"{quoted(query)} is not an arXiv search query; write one line of text in "
                'double quotes, e.g. query: "all:transformer AND cat:cs.LG"',
            )
            return None
        query = query.strip()
        return ArxivSearch(query, max_results, f"arXiv query {quoted(query)}")


def _written(node: yaml.Node) -> str:
    """A value as the file writes it, for a problem: a text quoted, else what it is."""
    if isinstance(node, yaml.ScalarNode):
        return quoted(node.value)
    return "a list" if isinstance(node, yaml.SequenceNode) else "a set of fields"
