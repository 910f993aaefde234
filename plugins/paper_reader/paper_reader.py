"""Pelican reader for paper files: YAML front matter plus the abstract in Markdown.

The file format is DESIGN.md's "The paper file". Each file becomes one article whose slug is
its file id, so its page stays at `papers/<fileid>/` whatever the title says. Authors and
tags are kept as plain strings under `paper_authors` and `paper_tags`, keys Pelican does not
group by itself (its own grouping is quadratic in the number of papers); the taxonomy plugin
builds their pages.

A broken file gets one error line naming the file and what to fix; by default the build
then stops before anything is written (`STOP_ON_INPUT_ERROR`). So does a file that makes the
build itself fail, in this reader or in a plugin while its article is made (Pelican would log
it and leave the paper out of the site).
"""

import datetime
import logging
import os
import re
from itertools import chain
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import yaml
from pelican import signals
from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

from .safe_markdown import AbstractTooLong, abstract_html, safe_markdown

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Stop the build when a paper file cannot be read; the live preview turns this off.
    "STOP_ON_INPUT_ERROR": True,
}

# libyaml's loader is about ten times faster than the pure-Python one.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR_TAG = "tag:yaml.org,2002:str"

_OPENING_LINE = re.compile(r"---[ \t]*\n")
# Searched from the newline before it, so the regex engine skips from newline to newline.
_CLOSING_LINE = re.compile(r"\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)")
_DATE_FIELDS = ("published", "updated")
_URL_FIELDS = ("github", "project_page")
_INT_FIELDS = ("upvotes", "version")
_TEXT_FIELDS = ("ai_summary", "comment", "doi", "journal_ref")
# The articles generator's lists of articles, at article_generator_pretaxonomy.
_ARTICLE_LISTS = (
    *("articles", "translations", "drafts", "drafts_translations"),
    *("hidden_articles", "hidden_translations"),
)
# Keys Pelican gives a meaning of its own; a paper file must not set them by accident.
_PELICAN_KEYS = frozenset(
    {"author", "category", "lang", "modified", "save_as", "slug", "status", "summary"}
    | {"template", "translation", "url"}
)


class PaperFileError(ValueError):
    """A paper file that cannot be read; the message is one line saying what is wrong.

    The reader adds the file's name before it and `advice` after it.
    """

    advice = "fix the file and build again"


class YamlAnchorError(PaperFileError):
    """Front matter with a YAML anchor (`&a`) or alias (`*a`)."""

    advice = "write the value out"


def described_error(err: BaseException) -> str:
    """An unexpected exception in one short line: its type and message."""
    message = " ".join(str(err).split())
    return f"{type(err).__name__}: {message[:200]}" if message else type(err).__name__


def unexpected_failure(shown: str, err: BaseException) -> str:
    """The one-line message for the file `shown` on which the build failed with `err`."""
    return (
        f"{shown}: the build failed on this file ({described_error(err)}); "
        "this is a bug in the build: report it with the file"
    )


class _FrontMatterLoader(YAML_LOADER):
    """The safe loader, skipping its bookkeeping for strings, most of a paper's values."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # The safe constructor's string is the node's value; recording it for aliases and
        # recursive collections, as it does for every node, changes nothing for a string.
        if node.tag == _STR_TAG and isinstance(node, yaml.ScalarNode):
            return node.value
        return super().construct_object(node, deep)


def split_front_matter(text: str) -> tuple[str, str]:
    """Split a paper file into its YAML front matter and its Markdown body.

    The front matter is between a first line `---` and the next line `---` or `...`.
    """
    opening = _OPENING_LINE.match(text)
    closing = opening and _CLOSING_LINE.search(text, opening.end() - 1)
    if not closing:
        raise PaperFileError("no YAML front matter: the file must start with a '---' line")
    return text[opening.end() : closing.start() + 1], text[closing.end() :]


def refuse_anchors(front_matter: str) -> None:
    """Raise YamlAnchorError at the first YAML anchor or alias in `front_matter`.

    Aliases let a few lines stand for a value of any size (`b: [*a, *a, ...]` nested nine deep
    is a billion items). Found among the parser's events, before anything is built; only front
    matter with a `&` or `*` is parsed for them. Broken YAML is left to the loader to report.
    """
    if "&" not in front_matter and "*" not in front_matter:
        return
    try:
        for event in yaml.parse(front_matter, Loader=YAML_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                # +2: the mark counts from 0 inside the front matter, after the opening '---'.
                raise YamlAnchorError(
                    f"line {event.start_mark.line + 2}: YAML anchors and aliases (& and *) "
                    "are not allowed in paper files"
                )
    except yaml.YAMLError:
        return


def load_front_matter(front_matter: str) -> dict[str, Any]:
    """Parse front matter with the safe loader; one-line error on broken YAML or aliases."""
    refuse_anchors(front_matter)
    try:
        data = yaml.load(front_matter, Loader=_FrontMatterLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        # +2: the mark counts from 0 inside the front matter, after the opening '---'.
        where = f"line {mark.line + 2}, column {mark.column + 1}: " if mark else ""
        raise PaperFileError(f"front matter is not valid YAML ({where}{err.problem})") from None
    except yaml.YAMLError as err:
        raise PaperFileError(f"front matter is not valid YAML ({err})") from None
    except ValueError as err:  # a well-formed but impossible value, such as 2026-13-45
        raise PaperFileError(f"front matter has an invalid value ({err})") from None
    if not isinstance(data, dict):
        raise PaperFileError("front matter must be a YAML mapping of fields (key: value)")
    return data


def _text(data: dict, key: str, *, required: bool = False) -> str | None:
    value = data.get(key)
    if value is None:
        if required:
            raise PaperFileError(f"field '{key}' is missing")
        return None
    if not isinstance(value, str):
        raise PaperFileError(f"field '{key}' must be a quoted string, not {value!r}")
    if required and not value.strip():
        raise PaperFileError(f"field '{key}' is empty")
    return value


def _string_list(data: dict, key: str) -> list[str]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise PaperFileError(f"field '{key}' must be a YAML list, like {key}: [a, b]")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise PaperFileError(f"{key}[{index}] must be a quoted string, not {item!r}")
    return value


def _date(data: dict, key: str, *, required: bool = False) -> datetime.date | None:
    value = data.get(key)
    if value is None:
        if required:
            raise PaperFileError(f"field '{key}' is missing")
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PaperFileError(f"field '{key}' must be a date like 2026-06-12, not {value!r}")


def _int(data: dict, key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise PaperFileError(f"field '{key}' must be a whole number, not {value!r}")
    return value


def paper_metadata(data: dict[str, Any], source: str) -> dict[str, Any]:
    """Map the fields of the paper file `source` to Pelican metadata.

    Raise PaperFileError on a missing or malformed field; warn about ignored ones.
    """
    fileid = Path(source).stem
    arxiv_id = _text(data, "arxiv_id", required=True)
    if arxiv_id.replace("/", "") != fileid:
        raise PaperFileError(
            f"file name does not match arxiv_id {arxiv_id!r}: "
            f"name the file {arxiv_id.replace('/', '')}.md"
        )
    listed = _date(data, "date", required=True)
    metadata = {key: value for key, value in data.items() if key not in _PELICAN_KEYS}
    ignored = sorted(_PELICAN_KEYS.intersection(data))
    if ignored:
        logger.warning("%s: ignored %s (Pelican reserves them)", source, ", ".join(ignored))
    metadata.pop("authors", None)
    metadata.pop("tags", None)
    metadata.update(
        title=_text(data, "title", required=True).strip(),
        arxiv_id=arxiv_id,
        slug=fileid,
        date=SafeDatetime(listed.year, listed.month, listed.day),
        paper_authors=_string_list(data, "authors"),
        paper_tags=_string_list(data, "tags"),
        keywords=_string_list(data, "keywords"),
    )
    for key in _DATE_FIELDS:
        metadata[key] = _date(data, key)
    for key in _INT_FIELDS:
        metadata[key] = _int(data, key)
    for key in _TEXT_FIELDS:
        metadata[key] = _text(data, key)
    for key in _URL_FIELDS:
        url = _text(data, key)
        if url and urlsplit(url).scheme not in ("http", "https"):
            logger.warning("%s: ignored %s %r (not an http(s) address)", source, key, url)
            url = None
        metadata[key] = url
    return metadata


class PaperReader(BaseReader):
    """Read `content/papers/<fileid>.md` into an article (DESIGN.md "The paper file")."""

    enabled = True
    file_extensions: ClassVar[list[str]] = ["md"]

    def __init__(self, settings: dict[str, Any]):
        super().__init__(settings)
        self._markdown = safe_markdown()
        self._content_root = os.path.dirname(os.path.abspath(settings.get("PATH", os.curdir)))

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Return the abstract as HTML and the paper's metadata.

        Raise PaperFileError, with one line naming the file, for any file it cannot read.
        """
        shown = os.path.relpath(source_path, self._content_root)
        try:
            with open(source_path, encoding="utf-8-sig") as file:
                text = file.read()
            front_matter, body = split_front_matter(text)
            metadata = paper_metadata(load_front_matter(front_matter), shown)
            return abstract_html(self._markdown, body), metadata
        except UnicodeDecodeError:
            raise PaperFileError(f"{shown}: not UTF-8 text; save the file as UTF-8") from None
        except PaperFileError as err:
            raise PaperFileError(f"{shown}: {err}; {err.advice}") from None
        except AbstractTooLong as err:
            raise PaperFileError(f"{shown}: {err}; keep only the paper's abstract") from None
        except Exception as err:
            raise PaperFileError(unexpected_failure(shown, err)) from err


class _RecordingReadFile:
    """A generator's Readers.read_file that records each paper file it fails on.

    Pelican logs a file whose reading fails, in the reader or in a plugin's content_object_init
    handler (the mathml plugin renders a paper's TeX there), and leaves the paper out of the
    site. Here each failure is also one error line naming the file, and recorded, so that
    stop_on_failures can stop the build.
    """

    def __init__(self, readers):
        self._read_file = readers.read_file
        self._content_root = os.path.dirname(os.path.abspath(readers.settings["PATH"]))
        self.failures: list[str] = []

    def __call__(self, base_path: str, path: str, *args, **kwargs):
        if os.path.splitext(path)[1][1:] not in PaperReader.file_extensions:
            return self._read_file(base_path, path, *args, **kwargs)
        try:
            return self._read_file(base_path, path, *args, **kwargs)
        except Exception as err:
            if isinstance(err, PaperFileError):
                message = str(err)
            else:
                source = os.path.abspath(os.path.join(base_path, path))
                message = unexpected_failure(os.path.relpath(source, self._content_root), err)
            self.failures.append(message)
            logger.error(message)
            # Pelican catches this, skips the file and never caches it.
            raise PaperFileError(message) from None


def add_defaults(pelican) -> None:
    """Fill in this plugin's settings that the site's settings leave out."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def use_paper_reader(readers) -> None:
    """Read `.md` files with PaperReader, and record each one the build fails on."""
    readers.reader_classes["md"] = PaperReader
    readers.read_file = _RecordingReadFile(readers)


def remember_page_urls(generator) -> None:
    """Give each paper its page URL once, as Pelican works it out.

    Pelican's `url` works it out again on every use (templates and plugins use it many times);
    it uses `override_url` instead where there is one. By this signal, before templates and
    plugins ask for URLs, Pelican has settled which papers are drafts (a draft's URL differs).
    `save_as` stays Pelican's: its writer takes an `override_save_as` as leave to overwrite.
    """
    for paper in chain.from_iterable(getattr(generator, name) for name in _ARTICLE_LISTS):
        if "arxiv_id" in paper.metadata:
            paper.override_url = paper.url


def stop_on_failures(generators: list) -> None:
    """Stop before anything is written when a paper file could not be read."""
    failures = [
        failure
        for generator in generators
        if isinstance(
            read_file := getattr(getattr(generator, "readers", None), "read_file", None),
            _RecordingReadFile,
        )
        for failure in read_file.failures
    ]
    if failures and generators[0].settings["STOP_ON_INPUT_ERROR"]:
        raise SystemExit(
            f"Stopped: {len(failures)} paper file(s) could not be read "
            "(see the errors above); nothing was written."
        )


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(add_defaults)
    signals.readers_init.connect(use_paper_reader)
    signals.article_generator_pretaxonomy.connect(remember_page_urls)
    signals.all_generators_finalized.connect(stop_on_failures)
