"""Helpers for the site build tests: real Pelican builds with the site's own settings."""

from pathlib import Path

import yaml
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).parents[2]
FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"


def build_site(
    content: Path, output: Path, settings_file: str = "pelicanconf.py", **overrides
) -> Path:
    """Build `content` into `output` with the site's settings file; return `output`."""
    override = {"PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": f"{output}-cache"}
    override |= overrides
    Pelican(settings=read_settings(str(ROOT / settings_file), override=override)).run()
    return output


def files(output: Path) -> dict[str, bytes]:
    """Every file under `output` (by path relative to it) with its bytes."""
    return {
        path.relative_to(output).as_posix(): path.read_bytes()
        for path in sorted(output.rglob("*"))
        if path.is_file()
    }


def write_paper(papers: Path, fileid: str, **fields) -> Path:
    """Write a paper file in the contract format (docs/paper-format.md)."""
    abstract = fields.pop("abstract", "An abstract.")
    front_matter = yaml.safe_dump(fields, sort_keys=False, allow_unicode=True)
    path = papers / f"{fileid}.md"
    path.write_text(f"---\n{front_matter}---\n\n{abstract}\n", encoding="utf-8")
    return path


def page(output: Path, url: str) -> str:
    """The HTML of the page at the folder URL `url` (such as `tag/cs.cl/`)."""
    return (output / url / "index.html").read_text(encoding="utf-8")
