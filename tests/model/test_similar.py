"""The similar-papers computation (paperfeed.similar) without Pelican: deterministic, chunked,
and with its cache the same lists as without it, recomputing only what an edit can change.

Which papers find each other is tested on a real build: plugins/similar/test_similar.py."""

import dataclasses
import random
from pathlib import Path

import pytest

from paperfeed import similar
from paperfeed.similar import Document, Options, compute
from tools.bench import generate_papers


def synthetic(count: int, seed: int = 3) -> list[Document]:
    """`count` papers from the benchmark's generator (words drawn from one small pool)."""
    return [
        Document(f"{number:05d}", paper["title"], paper["abstract"], tuple(paper["tags"]))
        for number, paper in enumerate(generate_papers(count, seed))
    ]


@pytest.fixture(scope="module")
def papers() -> list[Document]:
    return synthetic(300)


def lists(run: similar.Run) -> dict[str, list[tuple[str, float]]]:
    return {key: [(item.key, item.score) for item in items] for key, items in run.lists.items()}


def test_the_order_of_the_papers_does_not_change_the_lists(papers):
    shuffled = list(papers)
    random.Random(5).shuffle(shuffled)

    assert lists(compute(shuffled)) == lists(compute(papers))


def test_lists_are_the_same_whatever_the_chunk_of_scores(papers, monkeypatch):
    whole = compute(papers)
    monkeypatch.setattr(similar, "CHUNK_ENTRIES", 7 * len(papers))

    assert lists(compute(papers)) == lists(whole)


def test_ties_go_to_the_lower_file_id():
    twins = [
        Document(key, "Sparse attention kernels", "Sparse attention on GPUs.") for key in "dcb"
    ]
    paper = Document("a", "Sparse attention kernels for long context", "Sparse attention.")

    run = compute([*twins, paper], Options(count=2))

    assert [item.key for item in run.lists["a"]] == ["b", "c"]
    assert len({item.score for item in run.lists["a"]}) == 1


def test_a_paper_sharing_no_term_has_an_empty_list():
    run = compute(
        [
            Document("1", "Protein folding", "Folding proteins from sequences."),
            Document("2", "Protein folding networks", "Folding networks for protein sequences."),
            Document("3", "Streaming speech recognition", "Chunked conformer encoders."),
        ]
    )

    assert run.lists["3"] == []
    assert [item.key for item in run.lists["1"]] == ["2"]


def edited(papers: list[Document], change: str) -> list[Document]:
    """`papers` after one change a pull request or a fetch could make."""
    papers = list(papers)
    if change == "title":
        papers[7] = dataclasses.replace(papers[7], title=papers[7].title + " (corrected)")
    elif change == "abstract":
        papers[7] = dataclasses.replace(papers[7], abstract=papers[11].abstract)
    elif change == "tags":
        papers[7] = dataclasses.replace(papers[7], tags=("cs.CV",))
    elif change == "deleted":
        del papers[7]
    elif change == "added":
        papers.append(Document("99999", papers[3].title + " revisited", papers[3].abstract))
    elif change == "unrelated":
        papers.append(Document("99998", "Zyxwv qwerty", "Qwerty zyxwv uiop."))
    elif change == "version":
        papers[7] = dataclasses.replace(papers[7], title=papers[3].title.upper())
    return papers


CHANGES = ["title", "abstract", "tags", "deleted", "added", "unrelated", "version"]


@pytest.mark.parametrize("change", CHANGES)
def test_with_the_cache_a_change_gives_the_lists_a_run_without_it_gives(papers, tmp_path, change):
    cache = tmp_path / "similar.npz"
    compute(papers, cache=cache)
    after = edited(papers, change)

    cached = compute(after, cache=cache)

    assert cached.cache_used
    assert lists(cached) == lists(compute(after))


@pytest.mark.parametrize("change", ["title", "tags"])
def test_with_the_cache_a_correction_recomputes_a_few_lists(papers, tmp_path, change):
    cache = tmp_path / "similar.npz"
    compute(papers, cache=cache)

    run = compute(edited(papers, change), cache=cache)

    assert run.tokenized == 1
    assert run.recomputed < len(papers) / 10


def test_with_the_cache_and_nothing_changed_nothing_is_computed(papers, tmp_path):
    cache = tmp_path / "similar.npz"
    first = compute(papers, cache=cache)

    again = compute(papers, cache=cache)

    assert (again.tokenized, again.changed, again.recomputed) == (0, 0, 0)
    assert lists(again) == lists(first)


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(b"not a cache"),
        lambda path: path.write_bytes(path.read_bytes()[:200]),
        lambda path: path.unlink(),
    ],
    ids=["garbage", "truncated", "missing"],
)
def test_a_damaged_cache_is_not_used(papers, tmp_path, damage):
    cache = tmp_path / "similar.npz"
    expected = lists(compute(papers, cache=cache))
    damage(cache)

    run = compute(papers, cache=cache)

    assert not run.cache_used
    assert lists(run) == expected
    assert compute(papers, cache=cache).cache_used, "the run wrote a good cache again"


def test_a_cache_made_with_other_options_is_not_used(papers, tmp_path):
    cache = tmp_path / "similar.npz"
    compute(papers, Options(count=3), cache=cache)

    run = compute(papers, Options(count=6), cache=cache)

    assert not run.cache_used
    assert run.notes == [f"{cache} was made by another version or with other settings: not used"]
    assert max(len(items) for items in run.lists.values()) == 6


def test_no_temporary_file_is_left_beside_the_cache(papers, tmp_path):
    compute(papers, cache=tmp_path / "similar.npz")

    assert [path.name for path in Path(tmp_path).iterdir()] == ["similar.npz"]


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("updates", "updat"),
        ("updating", "updat"),
        ("tuning", "tun"),
        ("tunes", "tun"),
        ("embedding", "embed"),
        ("embedded", "embed"),
        ("analysis", "analysis"),
        ("feed", "feed"),
    ],
)
def test_the_forms_of_a_word_meet_in_its_stem(word, stem):
    assert similar.stem(word) == stem


def test_words_leave_out_stop_words_tex_commands_numbers_and_addresses():
    text = r"We propose $\mathcal{O}(n)$ LoRA-2 adapters at https://x.org/adapters"

    assert [word for word in similar.words(text) if word] == ["lora", "adapter"]
