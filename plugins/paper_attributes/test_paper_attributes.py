"""The data the plugins hand each other is declared: a real build with every plugin of the
site gives each paper's Article exactly the attributes paper_attributes declares, and the
template context exactly the keys it declares."""

import shutil
from pathlib import Path

import pytest
from pelican import signals
from pelican.contents import Article

from paper_attributes import ARTICLE_ATTRIBUTES, CONTEXT_KEYS, metadata_key
from paperfeed.schema import KEY_ORDER
from paperfeed.testing import build_site

TEST_PAPERS = Path(__file__).parents[1] / "paper_reader" / "test_data" / "papers"


class _Stop(Exception):
    """Ends a build once its context is made."""


def site_build(folder: Path, **options) -> tuple:
    """(papers, context keys) of a build of the reader's test papers with the site's settings
    and these build_site options: the keys other than settings, once every generator is done
    (where a build with `stop` ends)."""
    content = folder / "content"
    shutil.copytree(TEST_PAPERS, content / "papers")
    stop = options.pop("stop", False)
    found: dict = {}

    def keep(generators: list) -> None:
        found["papers"] = [paper for g in generators for paper in getattr(g, "articles", [])]
        # The settings are in the context too: the plugins' defaults are settings.
        found["context"] = set(generators[0].context) - set(generators[0].settings)
        if stop:
            raise _Stop

    signals.all_generators_finalized.connect(keep)
    try:
        build_site(
            content, folder / "output", REPO_URL="https://forge.example/paperfeed", **options
        )
    except _Stop:
        pass
    finally:
        signals.all_generators_finalized.disconnect(keep)
    return found["papers"], found["context"]


@pytest.fixture
def built(tmp_path: Path) -> tuple:
    """The papers and context keys of a build with every plugin, and the context keys of one
    with the paper reader alone (Pelican's own keys and the settings)."""
    _, own_context = site_build(tmp_path / "reader", PLUGINS=["paper_reader"], stop=True)
    papers, context = site_build(tmp_path / "site")
    return papers, context, own_context


def pelican_attributes(paper: Article) -> set[str]:
    """The attributes Pelican itself gives an article of the paper's metadata."""
    with signals.content_object_init.muted():
        plain = Article(
            paper._content,
            metadata=dict(paper.metadata),
            settings=paper.settings,
            source_path=paper.source_path,
            context=paper._context,
        )
    return set(vars(plain))


def test_a_paper_article_carries_exactly_the_declared_attributes(built):
    papers, _, _ = built

    assert len(papers) == 2
    for paper in papers:
        added = set(vars(paper)) - pelican_attributes(paper)
        assert added - set(ARTICLE_ATTRIBUTES) == set(), "set but not declared"
        assert {name for name in ARTICLE_ATTRIBUTES if not hasattr(paper, name)} == set()


def test_the_reader_hands_on_the_model_s_fields_under_their_declared_names(built):
    papers, _, _ = built

    fields = {metadata_key(name) for name in KEY_ORDER}
    for paper in papers:
        # Pelican's own: `reader` (the file's reader) and `summary` (set by the mathml plugin).
        assert set(paper.metadata) == fields | {"slug", "reader", "summary"}


def test_the_context_gets_exactly_the_declared_keys(built):
    _, context, own_context = built

    assert context - own_context == set(CONTEXT_KEYS)
