"""Where the site build tests' fixture content is."""

from pathlib import Path

ROOT = Path(__file__).parents[2]
FIXTURE_CONTENT = Path(__file__).parent / "fixtures" / "content"
