"""Make the modules of scripts/ importable here, as they are for `python scripts/check.py`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
