"""Fixtures for the plugin tests: real Pelican builds into a temporary folder."""

import weakref
from collections.abc import Callable
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.plugins import signals
from pelican.settings import read_settings

PLUGINS_DIR = Path(__file__).parent
OUR_PLUGINS = {path.name for path in PLUGINS_DIR.iterdir() if (path / "__init__.py").exists()}

# The site's own settings, so plugin tests check the paths the site really uses.
SITE_SETTINGS = PLUGINS_DIR.parent / "pelicanconf.py"
# What the site's theme reads from the plugins: each paper's terms, listing day and links
# (see paper_attributes), and the `fragment` tag. Every test build has them.
THEME_PLUGINS = ["fragment_cache", "taxonomy", "archives", "paper_meta"]


def _disconnect_our_plugins() -> None:
    """Disconnect this folder's plugins from Pelican's signals (they outlive a build)."""
    for signal in vars(signals).values():
        if not isinstance(signal, type(signals.initialized)):
            continue
        for receiver in list(signal.receivers.values()):
            function = receiver() if isinstance(receiver, weakref.ref) else receiver
            if function is not None and function.__module__.split(".")[0] in OUR_PLUGINS:
                signal.disconnect(function)


@pytest.fixture(autouse=True)
def only_requested_plugins():
    """Each test runs exactly the plugins its build asks for."""
    _disconnect_our_plugins()
    yield
    _disconnect_our_plugins()


@pytest.fixture
def build(tmp_path: Path) -> Callable[..., Path]:
    """Return build(content_dir, plugins, **settings) -> output folder of a real Pelican run.

    The settings are the site's (pelicanconf.py) with only the given plugins (and those the
    theme needs).
    """

    def run(content: Path, plugins: list[str], **overrides) -> Path:
        output = tmp_path / "output"
        plugins = [*plugins, *(name for name in THEME_PLUGINS if name not in plugins)]
        override = {"PATH": str(content), "OUTPUT_PATH": str(output), "PLUGINS": plugins}
        override["CACHE_PATH"] = str(tmp_path / "cache")
        settings = read_settings(str(SITE_SETTINGS), override={**override, **overrides})
        Pelican(settings=settings).run()
        return output

    return run
