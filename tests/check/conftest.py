"""Make the modules of scripts/ importable here, as they are for `python scripts/check.py`.

tests/build's helpers too, for the builds that show Pelican reads what the check reads.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "tests" / "build")]
