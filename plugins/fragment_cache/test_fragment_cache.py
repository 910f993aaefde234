"""Tests of the fragment_cache plugin: a fragment renders once per key, per environment."""

from jinja2 import DictLoader, Environment

from fragment_cache import FragmentCacheExtension

TEMPLATE = (
    '{% for paper in papers %}{% fragment "card", paper, depth %}'
    "[{{ render(paper) }}{{ depth }}]{% endfragment %}{% endfor %}"
)


def environment(renders: list[str]) -> Environment:
    loader = DictLoader({"list.html": TEMPLATE})
    env = Environment(loader=loader, extensions=[FragmentCacheExtension])
    env.globals["render"] = lambda paper: renders.append(paper) or paper
    return env


def test_a_key_seen_before_gives_the_same_html_without_rendering_again():
    renders: list[str] = []
    template = environment(renders).get_template("list.html")

    first = template.render(papers=["a", "b", "a"], depth="..")
    second = template.render(papers=["b", "a"], depth="..")

    assert first == "[a..][b..][a..]"
    assert second == "[b..][a..]"
    assert renders == ["a", "b"]


def test_every_part_of_the_key_counts():
    renders: list[str] = []
    template = environment(renders).get_template("list.html")

    assert template.render(papers=["a"], depth="..") == "[a..]"
    assert template.render(papers=["a"], depth="../..") == "[a../..]"
    assert renders == ["a", "a"]


def test_a_new_environment_starts_empty():
    """Pelican makes a new environment for every build, so nothing outlives its build."""
    renders: list[str] = []

    environment(renders).get_template("list.html").render(papers=["a"], depth="")
    environment(renders).get_template("list.html").render(papers=["a"], depth="")

    assert renders == ["a", "a"]
