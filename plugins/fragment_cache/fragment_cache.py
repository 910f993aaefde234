"""Render a template fragment once per build and reuse it wherever the same key comes back.

A paper's card is shown on its day, week and month pages and on the page of each of its tags
and authors: about ten listings, all rendering the same HTML. The page chrome (header, feed
links, Subscribe block) is the same on every page at the same depth. In a template,

    {% fragment "card", article.slug, heading, SITEURL %} ... {% endfragment %}

renders its body the first time a key is seen and returns the same HTML for every later use
of that key. The key must name everything the body shows that can differ between uses: with
RELATIVE_URLS, SITEURL differs with the page's depth (`../..`), so links keep working.

The cache lives on the template environment, which Pelican makes anew for every build (and
every run of `--autoreload`), so a fragment never outlives the content it was rendered from.
"""

from collections.abc import Callable
from typing import Any

from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.parser import Parser
from markupsafe import Markup
from pelican import signals


class FragmentCacheExtension(Extension):
    """Jinja extension for `{% fragment key, ... %}...{% endfragment %}`."""

    tags = frozenset({"fragment"})

    def __init__(self, environment) -> None:
        super().__init__(environment)
        environment.extend(fragment_cache={})

    def parse(self, parser: Parser) -> nodes.Node:
        lineno = next(parser.stream).lineno
        parts = [parser.parse_expression()]
        while parser.stream.skip_if("comma"):
            parts.append(parser.parse_expression())
        body = parser.parse_statements(("name:endfragment",), drop_needle=True)
        key = nodes.Tuple(parts, "load")
        call = self.call_method("_render_once", [key])
        return nodes.CallBlock(call, [], [], body).set_lineno(lineno)

    def _render_once(self, key: tuple[Any, ...], caller: Callable[[], str]) -> Markup | str:
        cache = self.environment.fragment_cache
        if key not in cache:
            cache[key] = caller()
        return cache[key]


def add_extension(generator) -> None:
    """Give the generator's template environment the `fragment` tag."""
    generator.env.add_extension(FragmentCacheExtension)


def register() -> None:
    """Connect the plugin to Pelican's signals."""
    signals.generator_init.connect(add_extension)
