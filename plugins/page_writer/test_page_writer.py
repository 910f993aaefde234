"""Tests of the page_writer plugin's parts; tests/build/test_incremental_builds.py builds sites."""

import datetime
import json
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from page_writer import PageWriter
from page_writer.page_writer import DEFAULTS, Describer, Undescribable, settings_fingerprint


class Term:
    def __init__(self, name: str):
        self.name = name
        self.fingerprint_calls = 0

    def fingerprint(self) -> tuple:
        self.fingerprint_calls += 1
        return (self.name, datetime.date(2026, 6, 12))


@pytest.mark.parametrize(
    ("value", "described"),
    [
        (None, None),
        ("text", "text"),
        (3, 3),
        ((1, "a"), [1, "a"]),
        ({"b": 1, "a": [2]}, [("a", [2]), ("b", 1)]),
        (datetime.date(2026, 6, 12), "2026-06-12"),
    ],
)
def test_plain_values_are_described_as_themselves(value, described):
    assert Describer().describe(value) == described


def test_an_object_with_a_fingerprint_is_described_once_per_build():
    describer = Describer()
    term = Term("cs.CL")

    first = describer.describe([term, term])

    assert first[0] == first[1]
    assert term.fingerprint_calls == 1
    assert Describer().describe(Term("cs.LG")) != first[0]


@pytest.mark.parametrize("value", [object(), lambda: None, Path("x")])
def test_a_value_it_cannot_describe_is_refused(value):
    with pytest.raises(Undescribable):
        Describer().describe(value)


def test_settings_that_change_no_file_leave_the_fingerprint_alone():
    base = {"SITENAME": "paperfeed", "PAGE_WRITER_PROCESSES": None, "STOP_ON_INPUT_ERROR": True}
    how = {**base, "PAGE_WRITER_PROCESSES": 3, "STOP_ON_INPUT_ERROR": False}

    assert settings_fingerprint(how) == settings_fingerprint(base)
    assert settings_fingerprint({**base, "SITENAME": "other"}) != settings_fingerprint(base)


def test_settings_fingerprints_name_functions_by_their_code():
    def order(paper):
        return paper.date

    def other_order(paper):
        return paper.slug

    assert settings_fingerprint({"ORDER": order}) == settings_fingerprint({"ORDER": order})
    assert settings_fingerprint({"ORDER": order}) != settings_fingerprint({"ORDER": other_order})


def writer_settings(tmp_path: Path, **overrides) -> dict:
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True, exist_ok=True)
    settings = {
        **DEFAULTS,
        "PATH": str(tmp_path / "content"),
        "CACHE_PATH": str(tmp_path / "cache"),
        "THEME": str(theme),
        "LOAD_CONTENT_CACHE": True,
        "PAGINATED_TEMPLATES": {},
        "DEFAULT_PAGINATION": False,
        "PLUGIN_PATHS": [],
    }
    return settings | overrides


def test_a_failing_worker_fails_the_build_and_the_files_it_was_writing_are_written_again(tmp_path):
    settings = writer_settings(tmp_path, PAGE_WRITER_PROCESSES=2)
    output = tmp_path / "output"
    writer = PageWriter(str(output), settings=settings)
    for number in range(400):
        writer.write_data(f"file-{number}.txt", lambda number=number: f"{number}\n", [number])
    writer.finish()
    manifest = Path(settings["CACHE_PATH"]) / settings["PAGE_WRITER_MANIFEST"]
    assert len(json.loads(manifest.read_text())["files"]) == 400

    def broken() -> str:
        raise ValueError("a template error")

    writer = PageWriter(str(output), settings=settings)
    for number in range(400):
        make = broken if number == 201 else (lambda number=number: f"new {number}\n")
        writer.write_data(f"file-{number}.txt", make, None)
    # File 201 is in the worker's share (every second file from the second on); where this
    # session runs other threads (the browser tests'), the writer does not fork and the
    # template's own error stops the build.
    if writer._processes() == 2:
        expected, message = RuntimeError, "1 worker process"
    else:
        expected, message = ValueError, "a template error"
    with pytest.raises(expected, match=message):
        writer.finish()

    written = {f"file-{number}.txt": None for number in range(400)}
    assert json.loads(manifest.read_text())["files"] == written, "the next build writes them again"


def test_a_page_shows_what_its_template_and_the_templates_it_imports_read(tmp_path):
    env = Environment(
        loader=DictLoader(
            {
                "page.html": '{% import "parts.html" as parts %}{{ title }}{{ parts.f() }}',
                "parts.html": "{% macro f() %}{{ SITENAME }}{% endmacro %}",
            }
        )
    )
    writer = PageWriter(str(tmp_path / "output"), settings=writer_settings(tmp_path))

    names = writer._template_variables(env.get_template("page.html"))

    assert names == ("SITENAME", "title")
