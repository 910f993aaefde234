"""Pelican reader for paper files: each file judged by the paper model, as `invoke check` does.

A file is read with `paperfeed.validate` (the same verdict as the check and the fetch, with
the same one-line problems, `path:line: field: what to do`) into a Paper, and becomes one
article whose slug is its file id, so its page stays at `papers/<fileid>/` whatever the title
says. Authors and tags are kept as plain strings under `paper_authors` and `paper_tags`, keys
Pelican does not group by itself (its own grouping is quadratic in the number of papers); the
taxonomy plugin builds their pages. The abstract is rendered by the model's safe Markdown.

A refused file, a symbolic link among the papers (Pelican would follow it to files the check
never saw), a broken topics file, or a file on which the build itself fails (in this reader,
or in a plugin while its article is made) each get one error line, and by default the build
stops before anything is written (`STOP_ON_INPUT_ERROR`).
"""

import logging
import os
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any, ClassVar

from paper_attributes import metadata_key
from pelican import signals
from pelican.readers import BaseReader
from pelican.utils import SafeDatetime

from paperfeed.check import LINK_PROBLEM, paper_files
from paperfeed.markdown import abstract_html, safe_markdown
from paperfeed.render import described_error
from paperfeed.schema import KEY_ORDER, Paper
from paperfeed.tags import TOPICS_FILE, Vocabulary, read_vocabulary
from paperfeed.validate import validate_paper

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Stop the build when a paper file cannot be read; the live preview turns this off.
    "STOP_ON_INPUT_ERROR": True,
    # The topics file; None means `topics.yaml` in the content folder (PATH).
    "PAPERFEED_TOPICS_FILE": None,
}

# The articles generator's lists of articles, at article_generator_pretaxonomy.
_ARTICLE_LISTS = (
    *("articles", "translations", "drafts", "drafts_translations"),
    *("hidden_articles", "hidden_translations"),
)


class PaperFileError(ValueError):
    """A paper file the build refuses or fails on; the message is one line per problem."""


def topics_path(settings: dict[str, Any]) -> Path:
    """Where the topics file is: PAPERFEED_TOPICS_FILE, or topics.yaml in the content folder."""
    configured = settings.get("PAPERFEED_TOPICS_FILE")
    return Path(configured or os.path.join(settings["PATH"], TOPICS_FILE))


def unexpected_failure(shown: str, err: BaseException) -> str:
    """The one-line message for the file `shown` on which the build failed with `err`."""
    return (
        f"{shown}: the build failed on this file ({described_error(err)}); "
        "this is a bug in the build: report it with the file"
    )


def paper_metadata(paper: Paper, file_id: str) -> dict[str, Any]:
    """The Pelican metadata of a Paper: its fields (under the names paper_attributes
    declares) and the article's slug, the file id.

    Not its custom keys: Pelican makes every metadata key an attribute of the article, and a
    key such as `override_save_as` would move the page over another (the home page).
    """
    metadata = {metadata_key(name): getattr(paper, name) for name in KEY_ORDER}
    metadata.update(
        slug=file_id, date=SafeDatetime(paper.date.year, paper.date.month, paper.date.day)
    )
    return metadata


class PaperReader(BaseReader):
    """Read `content/papers/<fileid>.md` into an article (docs/paper-format.md)."""

    enabled = True
    file_extensions: ClassVar[list[str]] = ["md"]

    def __init__(self, settings: dict[str, Any], vocabulary: Vocabulary | None = None):
        super().__init__(settings)
        # Pelican's readers get the build's vocabulary (use_paper_reader); a reader made on its
        # own reads the topics file itself.
        if vocabulary is None:
            vocabulary = read_vocabulary(topics_path(settings))
        self.vocabulary = vocabulary
        self._markdown = safe_markdown()
        self._content_root = os.path.dirname(os.path.abspath(settings.get("PATH", os.curdir)))

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        """Return the abstract as HTML and the paper's metadata.

        Raise PaperFileError, with one line per problem naming the file and the line, for any
        file the paper model refuses or the build fails on.
        """
        shown = os.path.relpath(source_path, self._content_root)
        file_id = Path(source_path).stem
        try:
            with open(source_path, "rb") as file:
                result = validate_paper(file.read(), shown, file_id, self.vocabulary)
            if result.paper is None:
                raise PaperFileError("\n".join(map(str, result.problems)))
            content = abstract_html(self._markdown, result.paper.abstract)
            return content, paper_metadata(result.paper, file_id)
        except PaperFileError:
            raise
        except Exception as err:
            raise PaperFileError(unexpected_failure(shown, err)) from err


class _RecordingReadFile:
    """A generator's Readers.read_file that records each paper file it fails on.

    Pelican logs a file whose reading fails, in the reader or in a plugin's content_object_init
    handler (the mathml plugin renders a paper's TeX there), and leaves the paper out of the
    site. Here each failure is also logged, one line per problem naming the file, and
    recorded, so that stop_on_failures can stop the build.
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
            for line in message.splitlines():
                logger.error(line)
            # Pelican catches this, skips the file and never caches it.
            raise PaperFileError(message) from None


def add_defaults(pelican) -> None:
    """Fill in this plugin's settings that the site's settings leave out."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def read_topics(settings: dict[str, Any]) -> Vocabulary:
    """The tags papers may carry, from the topics file; a broken file stops the build (the
    live preview logs its problems and goes on without topics)."""
    path = topics_path(settings)
    root = os.path.dirname(os.path.abspath(settings["PATH"]))
    vocabulary = read_vocabulary(path, os.path.relpath(os.path.abspath(path), root))
    lines = [str(problem) for problem in vocabulary.problems]
    if lines and settings["STOP_ON_INPUT_ERROR"]:
        raise SystemExit("\n".join([*lines, "Stopped: the topics file is broken."]))
    for line in lines:
        logger.error(line)
    return vocabulary


def use_paper_reader(readers) -> None:
    """Read `.md` files with PaperReader, and record each one the build fails on."""
    readers.reader_classes["md"] = partial(PaperReader, vocabulary=read_topics(readers.settings))
    readers.read_file = _RecordingReadFile(readers)


def refuse_symbolic_links(generator) -> None:
    """Stop before the articles are read when a folder of papers holds a symbolic link.

    Each folder is walked with the check's own listing, which never follows a link: a link
    to `..` cannot make the build walk the site again and again.
    """
    content = os.path.abspath(generator.path)
    shown_from = os.path.dirname(content)
    lines = []
    for articles in generator.settings["ARTICLE_PATHS"]:
        folder = os.path.join(content, articles)
        for link in paper_files(folder).links:
            shown = os.path.relpath(os.path.join(folder, link), shown_from)
            lines.append(f"{shown}: {LINK_PROBLEM}")
    if lines:
        raise SystemExit("\n".join(lines))


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
    signals.article_generator_init.connect(refuse_symbolic_links)
    signals.article_generator_pretaxonomy.connect(remember_page_urls)
    signals.all_generators_finalized.connect(stop_on_failures)
