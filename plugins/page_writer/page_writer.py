"""Write only the output files whose inputs changed, rendering the rest in parallel.

Pelican renders and writes every page on every build. This plugin replaces its Writer:

- **Incremental.** Each output file gets a key: a digest of the build (settings, templates,
  plugin code, library versions) and of everything its template can show. A template shows
  the variables it names (found with `jinja2.meta`, through the templates it extends,
  imports and includes); each is described by `describe`: papers by their content, metadata
  and term links, terms and periods by their `fingerprint()`; a paper's own page also by what
  only that page shows of it (OWN_PAGE_ATTRIBUTES: its similar papers). A file whose key is
  the one the previous build recorded, and which is still there, is not rendered again. A value the
  plugin cannot describe makes its page render every time. What a template reaches other
  than through its variables (a filter reading a global) is not seen: CONTRIBUTING.md.
- **Parallel.** The files to write are rendered at the end of the build by forked processes
  (one is the build itself), each taking every n-th file: PAGE_WRITER_PROCESSES of them, or
  by default one per core once there are MIN_FILES_PER_PROCESS files each; by the build
  alone where fork is missing or a thread other than a daemon runs.
- **Tidy.** A file the previous build wrote and this one does not (a deleted paper's page) is
  removed, and every file is written whole (a temporary file, then a rename).
- **Safe to interrupt.** Before it writes, the build records that the files it is about to
  write have no valid key; a build killed while writing therefore costs the next one only
  rendering those files again, which also removes the temporary files it left.
- **One at a time.** A build holds the lock of its output folder (output_lock.py) from start
  to end; another build started meanwhile stops with one line, or with
  PAGE_WRITER_WAIT_FOR_LOCK (the live preview) waits for it.

The record is `PAGE_WRITER_MANIFEST` in the cache folder (CACHE_PATH), made for one output
folder. `--ignore-cache` (LOAD_CONTENT_CACHE = False) renders everything.

The plugin also keeps Pelican's own content cache honest: Pelican reuses a cached paper
whose file is unchanged even when the settings or the plugins changed; here the cache
folder is emptied whenever the build's fingerprint differs from the one it was filled with.

Plugins write their own files through `write_data(writer, path, make, depends_on)`, which
queues them here when this is Pelican's writer and writes them at once otherwise.
"""

from __future__ import annotations

import contextlib
import datetime
import gc
import hashlib
import importlib.metadata
import json
import logging
import os
import re
import sys
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template, meta
from pelican import signals
from pelican.contents import Content
from pelican.log import console
from pelican.paginator import Page, Paginator
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

import paperfeed
from paperfeed.output_lock import OutputLock, OutputLocked, acquire, lock_path

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Processes that render pages (the build itself counts); None: one per available core,
    # when there are enough files to write.
    "PAGE_WRITER_PROCESSES": None,
    # The record of what the previous build wrote, in CACHE_PATH.
    "PAGE_WRITER_MANIFEST": "page-writer.json",
    # While another build writes the output folder: False stops with one line, True waits.
    "PAGE_WRITER_WAIT_FOR_LOCK": False,
}
# Pelican's content cache files live in CACHE_PATH beside this stamp of the build they are for.
CACHE_STAMP = "page-writer-build.txt"
# 2: a file's key may be null (written by a build that did not finish).
MANIFEST_VERSION = 2
MIN_FILES_PER_PROCESS = 1000
MODEL_FOLDER = os.path.dirname(paperfeed.__file__)
# Libraries whose version changes what a build writes.
CONTENT_LIBRARIES = ("pelican", "Markdown", "PyYAML", "latex2mathml", "pylatexenc")
OUTPUT_LIBRARIES = ("Jinja2", "MarkupSafe")
# What a paper's own page shows of it and no other page does: its key covers these too, so a
# change to them renders that page alone (not every listing that names the paper).
OWN_PAGE_ATTRIBUTES = ("similar_papers",)
# Settings that say how to build, not what: `invoke regenerate` (STOP_ON_INPUT_ERROR off)
# and `invoke build` share one cache.
BUILD_ONLY_SETTINGS = frozenset(
    {"PAGE_WRITER_PROCESSES", "PAGE_WRITER_WAIT_FOR_LOCK", "STOP_ON_INPUT_ERROR"}
)


# The output folder's lock this process holds for the build under way.
_output_lock: OutputLock | None = None


class Undescribable(TypeError):
    """A template value whose content the writer cannot describe; its page always renders."""


def _hash(*parts: str | bytes) -> str:
    # 128 bits tell changed from unchanged; shorter digests keep the page keys cheap.
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part if isinstance(part, bytes) else part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def _callable_name(value: Callable) -> str:
    code = getattr(value, "__code__", None)
    body = _hash(code.co_code, repr(code.co_consts)) if code else ""
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}:{body}"


def settings_fingerprint(settings: dict[str, Any]) -> str:
    """A digest of the settings that is the same in every process for the same settings.

    The settings in BUILD_ONLY_SETTINGS are left out: they change no file a build writes.
    """

    def default(value: Any) -> Any:
        if callable(value):
            return _callable_name(value)
        if isinstance(value, set | frozenset):
            return sorted(map(repr, value))
        if isinstance(value, datetime.date | datetime.datetime):
            return value.isoformat()
        return repr(value)

    shown = {key: value for key, value in settings.items() if key not in BUILD_ONLY_SETTINGS}
    return _hash(json.dumps(shown, sort_keys=True, default=default))


def _files_digest(folders: Iterable[str], suffixes: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    for folder in folders:
        root = Path(folder)
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix in suffixes and path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _versions(names: Iterable[str]) -> list[str]:
    versions = []
    for name in names:
        try:
            versions.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name}=none")
    return versions


def content_fingerprint(settings: dict[str, Any]) -> str:
    """What every cached paper depends on besides its own file: settings, the plugins' and the
    paper model's code and data, the files at the top of the content folder (the topics file,
    against which a paper's tags are checked), and the libraries."""
    code = _files_digest([*settings.get("PLUGIN_PATHS", []), MODEL_FOLDER], (".py", ".yaml"))
    content = Path(settings["PATH"])
    inputs = (
        sorted(path for path in content.glob("*") if path.is_file()) if content.is_dir() else []
    )
    top_files = [f"{path.name}:{_hash(path.read_bytes())}" for path in inputs]
    return _hash(settings_fingerprint(settings), code, *top_files, *_versions(CONTENT_LIBRARIES))


def build_fingerprint(settings: dict[str, Any]) -> str:
    """What every output file depends on besides its own data: the above and the templates."""
    theme = os.path.join(settings["THEME"], "templates")
    templates = _files_digest([theme, *settings.get("THEME_TEMPLATES_OVERRIDES", [])], (".html",))
    return _hash(content_fingerprint(settings), templates, *_versions(OUTPUT_LIBRARIES))


def _is_cache_file(path: Path, settings: dict[str, Any]) -> bool:
    """Whether `path` is one of the files Pelican or this plugin keeps in CACHE_PATH."""
    name = path.name
    return name.endswith(("Generator", "Generator-Readers")) or name in (
        CACHE_STAMP,
        settings.get("PAGE_WRITER_MANIFEST", DEFAULTS["PAGE_WRITER_MANIFEST"]),
    )


def reset_stale_content_cache(pelican) -> None:
    """Empty the cache folder when it was filled by a build with other settings or plugins."""
    settings = pelican.settings
    if not settings.get("CACHE_CONTENT"):
        return
    cache = Path(settings["CACHE_PATH"])
    stamp = cache / CACHE_STAMP
    fingerprint = content_fingerprint(settings)
    try:
        if stamp.read_text(encoding="utf-8") == fingerprint:
            return
    except OSError:
        pass
    stale = [path for path in cache.glob("*") if path.is_file() and _is_cache_file(path, settings)]
    if stale:
        logger.info("Settings or plugins changed since %s was made: not using it", cache)
    for path in stale:
        path.unlink()
    cache.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint, encoding="utf-8")


def paper_fingerprint(content: Content) -> str:
    """A digest of what a page can show of one paper (or any content object).

    Its text, metadata and file, plus the names and links of its tags and authors, which
    depend on the other papers (an author gets a page with a second paper).
    """
    metadata = sorted((key, repr(value)) for key, value in content.metadata.items())
    terms = [
        (term.name, term.href)
        for term in (*getattr(content, "tag_terms", ()), *getattr(content, "author_terms", ()))
    ]
    day = getattr(content, "listing_day", None)
    return _hash(
        type(content).__name__,
        str(content.source_path),
        content._content,
        repr(metadata),
        repr(terms),
        repr((day.url, day.label) if day else None),
    )


_PLAIN = frozenset({str, int, float, bool})
# `_write_whole`'s temporary file of the file named by group 1.
_TEMPORARY_FILE = re.compile(r"\.(.+)\.[0-9]+\.partial")


class Describer:
    """Turns template values into plain data, each paper's digest computed once per build."""

    def __init__(self) -> None:
        # id -> (the object, its digest): keeping the object keeps its id from being reused.
        self._digests: dict[int, tuple[Any, str]] = {}

    def _digest(self, value: Any, make: Callable[[], str]) -> str:
        known = self._digests.get(id(value))
        if known is None:
            known = self._digests[id(value)] = (value, make())
        return known[1]

    def describe(self, value: Any) -> Any:
        """Plain, comparable data for `value`; Undescribable when there is none."""
        known = self._digests.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        if value is None or type(value) in _PLAIN or isinstance(value, str | int | float):
            return value
        if isinstance(value, list | tuple):
            return [self.describe(item) for item in value]
        if isinstance(value, dict):
            return sorted((str(key), self.describe(item)) for key, item in value.items())
        if isinstance(value, set | frozenset):
            return sorted(map(repr, map(self.describe, value)))
        if isinstance(value, datetime.date | datetime.datetime):
            return value.isoformat()
        if isinstance(value, Content):
            return self._digest(value, lambda: paper_fingerprint(value))
        if isinstance(value, Page):
            return [
                "page",
                value.number,
                value.url,
                value.save_as,
                self.describe(value.paginator),
                self.describe(list(value.object_list)),
            ]
        if isinstance(value, Paginator):
            return ["paginator", value.count, value.num_pages, value.per_page]
        fingerprint = getattr(value, "fingerprint", None)
        if callable(fingerprint):
            # Terms and periods are shown on many pages: each is described once.
            name = type(value).__name__
            return self._digest(value, lambda: _hash(name, _json(self.describe(fingerprint()))))
        raise Undescribable(type(value).__name__)


@dataclass
class Job:
    """One file to write: `render()` gives its text or bytes."""

    path: str  # relative to the output folder
    render: Callable[[], str | bytes]
    override: bool = False


def _json(data: Any) -> str:
    return json.dumps(data, separators=(",", ":"))


def _read_template(env: Environment, name: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """The variables template `name` reads itself, and the templates it extends or imports."""
    source, _, _ = env.loader.get_source(env, name)
    ast = env.parse(source)
    referenced = tuple(meta.find_referenced_templates(ast))
    if None in referenced:
        raise Undescribable(f"{name} chooses a template at render time")
    return frozenset(meta.find_undeclared_variables(ast)), referenced


class PageWriter(Writer):
    """Pelican's Writer, writing only changed files, rendering them in parallel at the end."""

    active: PageWriter | None = None

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None):
        super().__init__(output_path, settings=settings)
        settings = self.settings
        self._build = build_fingerprint(settings)
        self._manifest_path = Path(settings["CACHE_PATH"]) / settings["PAGE_WRITER_MANIFEST"]
        # Every file of the previous build -> its key (None: render it again), and those a
        # build that did not finish was writing.
        self._previous, self._interrupted = self._load_manifest()
        self._keys: dict[str, str | None] = {}  # every file of this build -> its key
        self._overrides: set[str] = set()
        self._jobs: dict[str, Job] = {}  # the files to write
        self._folders: set[str] = set()  # made by this build
        self._kept = 0
        self._describer = Describer()
        # Per template environment and name: what it reads, with and without its parents.
        self._templates: dict[tuple[int, str], tuple[frozenset[str], tuple[str, ...]]] = {}
        self._variables: dict[tuple[int, str], tuple[str, ...] | None] = {}
        PageWriter.active = self

    # --- what changed ---------------------------------------------------------------------

    def _load_manifest(self) -> tuple[dict[str, str | None], list[str]]:
        """The previous build's files with their keys, and the files it did not finish.

        Keys made by another build (other settings or templates) or not to be used
        (LOAD_CONTENT_CACHE off) become None: their files are rendered again, and removed
        when this build does not write them.
        """
        try:
            record = json.loads(self._manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}, []
        files = record.get("files") if isinstance(record, dict) else None
        usable = (
            isinstance(files, dict)
            and record.get("version") == MANIFEST_VERSION
            and record.get("output") == os.path.abspath(self.output_path)
        )
        if not usable:
            return {}, []
        interrupted = [path for path, key in files.items() if key is None]
        if record.get("build") != self._build or not self.settings.get("LOAD_CONTENT_CACHE"):
            files = dict.fromkeys(files)
        return files, interrupted

    def _save_manifest(self, files: dict[str, str | None]) -> None:
        record = {
            "version": MANIFEST_VERSION,
            "output": os.path.abspath(self.output_path),
            "build": self._build,
            "files": files,
        }
        self._manifest_path.parent.mkdir(parents=True, exist_ok=True)
        _write_whole(str(self._manifest_path), json.dumps(record, sort_keys=True))

    def _template_variables(self, template: Template) -> tuple[str, ...] | None:
        """Every variable `template` (with its parents and imports) reads, or None if unknown."""
        env = template.environment
        key = (id(env), template.name)
        if key not in self._variables:
            try:
                names: set[str] = set()
                pending, seen = [template.name], set()
                while pending:
                    name = pending.pop()
                    if name not in seen:
                        seen.add(name)
                        if (id(env), name) not in self._templates:
                            self._templates[id(env), name] = _read_template(env, name)
                        variables, referenced = self._templates[id(env), name]
                        names |= variables
                        pending.extend(referenced)
                self._variables[key] = tuple(sorted(names))
            except Undescribable as err:
                logger.debug("%s: rendered on every build (%s)", template.name, err)
                self._variables[key] = None
        return self._variables[key]

    def _page_key(self, template: Template, context: dict, values: dict) -> str | None:
        """The key of a page: the build and what `template` shows of `values` and `context`."""
        names = self._template_variables(template)
        if names is None:
            return None
        describe = self._describer.describe
        settings = self.settings
        shown = []
        try:
            for name in names:
                if name in values:
                    shown.append((name, describe(values[name])))
                elif context.get(name) is not settings.get(name, shown):
                    shown.append((name, describe(context.get(name))))
                # else: a setting, which the build fingerprint covers.
            own = values.get("article")
            if isinstance(own, Content):
                for name in OWN_PAGE_ATTRIBUTES:
                    shown.append((f"article.{name}", describe(getattr(own, name, None))))
        except Undescribable as err:
            logger.debug("%s: rendered on every build (%s)", template.name, err)
            return None
        return _hash(self._build, template.name, _json(shown))

    def _data_key(self, path: str, depends_on: Iterable[Any]) -> str | None:
        try:
            shown = self._describer.describe(list(depends_on))
        except Undescribable as err:
            logger.debug("%s: written on every build (%s)", path, err)
            return None
        return _hash(self._build, path, _json(shown))

    def _queue(self, path: str, key: str | None, job: Job) -> None:
        # Pelican's rule: a file is written once, except that one write may override another.
        if path in self._keys:
            if path in self._overrides:
                logger.info('Skipping "%s", not overwriting', path)
                return
            if not job.override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{path}" as Pelican has already written to it '
                    "previously (set `override=True` if intended)"
                )
        if job.override:
            self._overrides.add(path)
        self._keys[path] = key
        unchanged = (
            key is not None
            and self._previous.get(path) == key
            and os.path.exists(os.path.join(self.output_path, path))
        )
        if unchanged:
            self._jobs.pop(path, None)
            self._kept += 1
        else:
            self._jobs[path] = job

    # --- Pelican's Writer API -------------------------------------------------------------

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        """Queue the pages of `template` (paginated as Pelican does), those that changed."""
        if not name:
            return
        if paginated is None:
            paginated = {key: val for key, val in kwargs.items() if key in {"articles", "dates"}}
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            self._queue_page(template, context, name, kwargs, relative_urls, override_output)
            return
        per_page = (
            self.settings["PAGINATED_TEMPLATES"][template_name]
            or self.settings["DEFAULT_PAGINATION"]
        )
        paginators = {
            key: Paginator(name, url, value, self.settings, per_page)
            for key, value in paginated.items()
        }
        for number in range(1, next(iter(paginators.values())).num_pages + 1):
            values = dict(kwargs)
            for key, paginator in paginators.items():
                page = paginator.page(number)
                values[f"{key}_paginator"] = paginator
                values[f"{key}_page"] = page
                values[f"{key}_previous_page"] = paginator.page(number - 1) if number > 1 else None
                values[f"{key}_next_page"] = (
                    paginator.page(number + 1) if number < paginator.num_pages else None
                )
            self._queue_page(
                template, context, page.save_as, values, relative_urls, override_output
            )

    def _queue_page(self, template, context, name, values, relative_urls, override) -> None:
        values = dict(values, output_file=name)
        siteurl = path_to_url(get_relative_path(name)) if relative_urls else None
        if siteurl is not None:
            values["SITEURL"] = values["localsiteurl"] = siteurl

        def render() -> str:
            local = context.copy()
            local["localsiteurl"] = local.get("localsiteurl")
            local.update(values)
            # As Pelican does: content objects make their links relative to this page.
            if local["localsiteurl"]:
                context["localsiteurl"] = local["localsiteurl"]
            return template.render(local)

        self._queue(name, self._page_key(template, context, values), Job(name, render, override))

    def write_data(
        self, path: str, make: Callable[[], str | bytes], depends_on: Iterable[Any] | None
    ) -> None:
        """Queue a file that a plugin makes (see the module function `write_data`)."""
        key = None if depends_on is None else self._data_key(path, depends_on)
        self._queue(path, key, Job(path, make))

    # --- writing --------------------------------------------------------------------------

    def _write(self, job: Job) -> None:
        data = job.render()
        target = sanitised_join(self.output_path, job.path)
        folder = os.path.dirname(target)
        if folder not in self._folders:
            os.makedirs(folder, exist_ok=True)
            self._folders.add(folder)
        _write_whole(target, data)

    def _processes(self) -> int:
        # A forked child has only the thread that forked: safe when the others are daemons
        # that it can do without (Pelican's progress display), not otherwise.
        others = [t for t in threading.enumerate() if t is not threading.current_thread()]
        if not hasattr(os, "fork") or not all(thread.daemon for thread in others):
            logger.debug("page_writer: one process (threads: %s)", others)
            return 1
        wanted = self.settings.get("PAGE_WRITER_PROCESSES")
        if wanted is not None:
            return max(1, min(int(wanted), len(self._jobs)))
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        # Starting a process costs about what a few hundred pages do.
        return max(1, min(cores, len(self._jobs) // MIN_FILES_PER_PROCESS))

    def _write_all(self, jobs: list[Job]) -> int:
        """Write `jobs`, in parallel where it pays; return the number of processes used."""
        processes = self._processes()
        if processes == 1:
            for job in jobs:
                self._write(job)
            return 1
        # Freeze what exists now, so the workers' garbage collector leaves it (and the memory
        # it shares with the build) alone.
        gc.collect()
        gc.freeze()
        build = os.getpid()
        children = []
        for worker in range(1, processes):
            pid = os.fork()
            if pid == 0:
                _log_plainly()
                status = 0
                try:
                    for job in jobs[worker::processes]:
                        if os.getppid() != build:
                            break  # the build was killed: its files are rendered again
                        self._write(job)
                except KeyboardInterrupt:
                    status = 1  # Ctrl-C: the build's own process says so
                except BaseException:
                    logger.exception("Writing the site failed in a worker process")
                    status = 1
                finally:
                    logging.shutdown()
                    os._exit(status)
            children.append(pid)
        try:
            for job in jobs[::processes]:
                self._write(job)
        finally:
            failed = [pid for pid in children if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])]
            gc.unfreeze()
        if failed:
            raise RuntimeError(f"{len(failed)} worker process(es) failed (see the errors above)")
        return processes

    def _remove_temporary_files(self, paths: Iterable[str]) -> None:
        """Remove the temporary files that a build killed while writing `paths` left."""
        names_by_folder: dict[str, set[str]] = {}
        for path in paths:
            folder, name = os.path.split(sanitised_join(self.output_path, path))
            names_by_folder.setdefault(folder, set()).add(name)
        for folder, names in names_by_folder.items():
            try:
                entries = os.listdir(folder)
            except OSError:
                continue
            for entry in entries:
                temporary = _TEMPORARY_FILE.fullmatch(entry)
                if temporary and temporary.group(1) in names:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(os.path.join(folder, entry))

    def finish(self) -> None:
        """Write every queued file, remove what the previous build wrote and this one did not."""
        jobs = list(self._jobs.values())
        if jobs:
            # Should this build stop while writing, the next one renders these files again.
            self._save_manifest({**self._previous, **dict.fromkeys(self._jobs)})
        self._remove_temporary_files(self._interrupted)
        processes = self._write_all(jobs)
        removed = 0
        for path in self._previous.keys() - self._keys.keys():
            target = sanitised_join(self.output_path, path)
            if os.path.isfile(target):
                os.remove(target)
                removed += 1
        self._save_manifest({path: key for path, key in self._keys.items() if key is not None})
        console.print(
            f"Wrote {len(jobs)} files, kept {self._kept} unchanged, removed {removed} "
            f"(page_writer, {processes} process{'es' if processes > 1 else ''})"
        )


def _write_whole(target: str, data: str | bytes) -> None:
    """Write `data` to `target` through a temporary file: a reader never sees half of it.

    The temporary file, `.<name>.<pid>.partial` beside `target`, is this process's own; one
    that a killed build left is removed by the next build (`_remove_temporary_files`).
    """
    folder, name = os.path.split(target)
    partial = os.path.join(folder, f".{name}.{os.getpid()}.partial")
    try:
        if isinstance(data, str):
            with open(partial, "w", encoding="utf-8", newline="\n") as stream:
                stream.write(data)
        else:
            with open(partial, "wb") as stream:
                stream.write(data)
        os.replace(partial, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(partial)
        raise
    logger.info('Writing "%s"', target)


def _log_plainly() -> None:
    """In a worker: log to stderr directly, not through the console Pelican's threads share."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    plain = logging.StreamHandler(sys.stderr)
    plain.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    root.addHandler(plain)


def write_data(
    writer: Writer,
    path: str,
    make: Callable[[], str | bytes],
    depends_on: Iterable[Any] | None = None,
) -> None:
    """Write the file `path` (relative to the output folder) whose text or bytes `make()` gives.

    `depends_on`: the values the file is made from besides the settings (papers, terms,
    strings...); None means anything. With PageWriter the file is written at the end of the
    build, and only when one of those changed since the previous build; with Pelican's own
    writer, now.
    """
    if isinstance(writer, PageWriter):
        writer.write_data(path, make, depends_on)
        return
    target = sanitised_join(writer.output_path, path)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    _write_whole(target, make())


def add_defaults(pelican) -> None:
    """Fill in this plugin's settings that the site's settings leave out."""
    for key, value in DEFAULTS.items():
        pelican.settings.setdefault(key, value)


def lock_output(pelican) -> None:
    """Take the output folder's lock for the build under way (see output_lock.py).

    Kept until `finish_writing` (in one process, a build that failed keeps it for the next).
    """
    global _output_lock
    output = pelican.settings["OUTPUT_PATH"]
    if _output_lock is not None:
        if lock_path(_output_lock.output) == lock_path(output):
            return
        _output_lock.release()
        _output_lock = None
    os.makedirs(os.path.dirname(os.path.abspath(output)), exist_ok=True)
    wait = pelican.settings.get("PAGE_WRITER_WAIT_FOR_LOCK", DEFAULTS["PAGE_WRITER_WAIT_FOR_LOCK"])
    try:
        _output_lock = acquire(output, on_wait=logger.warning if wait else None)
    except OutputLocked as err:
        raise SystemExit(str(err)) from None


def start_build(pelican) -> None:
    """As a build starts: lock the output folder, drop a content cache other settings filled."""
    lock_output(pelican)
    reset_stale_content_cache(pelican)


def use_page_writer(pelican) -> type[Writer]:
    """Give Pelican this plugin's writer."""
    return PageWriter


def finish_writing(pelican) -> None:
    """Write what the build queued; let the output folder's lock go."""
    global _output_lock
    writer, PageWriter.active = PageWriter.active, None
    try:
        if writer is not None:
            writer.finish()
    finally:
        if _output_lock is not None:
            _output_lock.release()
            _output_lock = None


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.initialized.connect(add_defaults)
    # Sent as each build (run) starts: the live preview runs many in one process.
    signals.get_generators.connect(start_build)
    signals.get_writer.connect(use_page_writer)
    signals.finalized.connect(finish_writing)
