"""The three-way merge of a paper file with upstream: a person's edits win, upstream fills in
the rest."""

import pytest

from paperfeed.merge import merge_paper

BASE = {"title": "Old", "upvotes": 1, "tags": ["cs.CL", "llm"], "abstract": "A."}


@pytest.mark.parametrize(
    ("ours", "theirs", "merged"),
    [
        # nobody edited: upstream wins everywhere
        (BASE, {**BASE, "title": "New", "upvotes": 5}, {**BASE, "title": "New", "upvotes": 5}),
        # an edited field stays, the rest follows upstream
        (
            {**BASE, "title": "Fixed"},
            {**BASE, "title": "New", "upvotes": 5},
            {**BASE, "title": "Fixed", "upvotes": 5},
        ),
        # an edited body stays
        ({**BASE, "abstract": "B."}, {**BASE, "abstract": "C."}, {**BASE, "abstract": "B."}),
        # a key only the file has stays; a key upstream dropped goes when nobody edited it
        (
            {**BASE, "note": "x"},
            {k: v for k, v in BASE.items() if k != "upvotes"},
            {"title": "Old", "tags": ["cs.CL", "llm"], "abstract": "A.", "note": "x"},
        ),
        # a field a person deleted stays deleted
        (
            {k: v for k, v in BASE.items() if k != "upvotes"},
            {**BASE, "upvotes": 9},
            {k: v for k, v in BASE.items() if k != "upvotes"},
        ),
        # tags merge as a set: the person's added and removed tags stay, upstream's come too
        (
            {**BASE, "tags": ["cs.CL", "mine"]},
            {**BASE, "tags": ["cs.CL", "cs.LG", "llm"]},
            {**BASE, "tags": ["cs.CL", "mine", "cs.LG"]},
        ),
        (
            {**BASE, "tags": ["cs.CL", "llm", "mine"]},
            {**BASE, "tags": ["cs.CL"]},
            {**BASE, "tags": ["cs.CL", "mine"]},
        ),
    ],
)
def test_merge_takes_upstream_only_where_the_file_is_unedited(ours, theirs, merged):
    assert merge_paper(BASE, ours, theirs) == merged


def test_without_a_base_the_file_wins_and_upstream_fills_the_gaps():
    ours = {"title": "Hand made", "tags": ["x"]}
    theirs = {"title": "Upstream", "tags": ["cs.CL"], "upvotes": 3}

    assert merge_paper(None, ours, theirs) == {"title": "Hand made", "tags": ["x"], "upvotes": 3}
