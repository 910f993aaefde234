"""Similar papers: for each paper, the papers of the collection nearest in title, abstract and
tags, by TF-IDF and cosine similarity, computed at build time and cached between builds.

The method (docs/site.md, "Similar papers"):

- **Terms.** A paper's words (letters and digits, lower case, a plural `s` dropped, common
  English and paper words left out) and its two-word phrases, from the title (counted
  `title_weight` times) and the abstract; each tag is one more term, weighted `tag_weight`.
- **Weights.** A term's weight in a paper is `(1 + ln count) * idf`, with
  `idf = ln((1 + n) / (1 + df)) + 1` where `df` is the number of papers that have the term and
  `n` is the number of papers rounded up to a power of two (so that adding a paper does not
  shift every weight). A term no other paper has cannot make two papers similar and is left
  out.
- **Vectors.** Each paper keeps its `terms_per_paper` heaviest terms (ties by the term's
  spelling), scaled to length 1 and then to whole numbers (`QUANTUM` for the length), so that
  scores are exact integers: the same collection gives the same lists on any machine and
  along any path of cached builds.
- **Lists.** A paper's similar papers are the `count` others with the highest positive score
  (ties: the lower file id first), never the paper itself nor another version of it (a paper
  whose title is the same but for letter case, spaces and punctuation). The scores come from a
  sparse product of a chunk of papers with all papers, `CHUNK_ENTRIES` scores at a time:
  never the dense N x N matrix.

The cache (one `.npz` file, no pickled objects) keeps, by paper, the digest of its title,
abstract and tags with the term counts made from them, and its vector, version key and list.
The next run tokenizes only papers whose digest is new, makes every vector again (a
vectorised pass: an edit changes the document frequencies, and so possibly the weights, of
every paper sharing a term with it), and recomputes the list of a paper only when it can have
changed: its own vector or version key changed, or its old list holds a paper whose vector
changed (or that is gone), or a changed paper now scores above its old last entry. Every
other list is kept as it is, and is exactly what a run without the cache computes.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import os
import re
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp

ALGORITHM_VERSION = "1"
"""Changes whenever the method changes what a list holds: the cache is then not used."""
QUANTUM = 1000
"""A vector's length in whole-number units: scores are integers up to QUANTUM**2."""
CHUNK_ENTRIES = 1 << 21
"""Scores computed at once (a chunk of papers times all papers): 16 MB of them."""
ROWS_PER_BLOCK = 4096
"""Papers whose weights are worked out at once (memory grows with it, not with all papers)."""
_KEY_BITS = 24  # file ids are ranked in 24 bits beside the score: up to 16 million papers

_TEX_COMMAND = re.compile(r"\\[A-Za-z]+")
_ADDRESS = re.compile(r"https?://\S+")
_WORD = re.compile(r"[^\W_]+")
_VERSION_KEY = re.compile(r"[\W_]+")

_STOP_WORDS_TEXT = """
    a about above across after again against all almost along also although always am among
    an and another any are around as at be because been before being below between both but
    by can cannot could did do does doing done down during each either else enough etc even
    ever every few for from further had has have having he her here hers him his how however
    i if in into is it its itself just less like made make makes many may me might more most
    much must my neither no nor not now of off often on once one only onto or other others
    otherwise our ours out over own per rather same several she should since so some such
    than that the their them themselves then there therefore these they this those though
    through thus to too toward towards under until up upon us very via was we well were what
    when where whether which while who whom whose why will with within without would yet you
    your
    paper propose proposed present introduce show shows shown demonstrate demonstrates
    result results method approach work study novel new existing achieve achieves achieved
    use used using based significantly significant effectively effective various further
    including include includes first two three experiment experimental extensive
    state art code available github https www com org
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
"""Words that say nothing about a paper's subject: English function words and the phrases
every abstract uses."""


@dataclass(frozen=True)
class Document:
    """What the similarity of one paper is computed from."""

    key: str  # the file id: the paper's identity and the tie-breaking order
    title: str  # plain text (TeX without its dollar signs is fine)
    abstract: str  # plain text
    tags: Sequence[str] = ()


@dataclass(frozen=True)
class Options:
    """The method's settings (the site's SIMILAR_* settings, plugins/similar)."""

    count: int = 6
    terms_per_paper: int = 24
    title_weight: int = 2
    tag_weight: float = 0.5

    def fingerprint(self) -> str:
        """What a cached result was computed with, besides the papers."""
        return f"{ALGORITHM_VERSION}:{QUANTUM}:{self!r}"


@dataclass(frozen=True)
class Similar:
    """One similar paper: its file id and its score (cosine similarity, 0 to 1)."""

    key: str
    score: float


@dataclass
class Run:
    """The result of one run: each paper's list, and what the run had to compute."""

    lists: dict[str, list[Similar]]
    papers: int = 0
    tokenized: int = 0  # papers whose terms were not in the cache
    changed: int = 0  # papers whose vector or version key differs from the cache's (or new)
    recomputed: int = 0  # lists computed; the others came from the cache
    cache_used: bool = False
    notes: list[str] = field(default_factory=list)


def stem(word: str) -> str:
    """A light stem of an English word, so that a term's forms meet: `updates`, `updated`,
    `updating` and `update` all give `updat`; `tuning` and `tunes` give `tun`."""
    if len(word) > 3 and word[-1] == "s" and word[-2] not in "sui":
        word = word[:-1]
    for suffix, shortest_stem in (("ing", 3), ("ed", 4)):
        if word.endswith(suffix) and len(word) - len(suffix) >= shortest_stem:
            word = word[: -len(suffix)]
            # A doubled final consonant (`embedd`, `runn`) is one.
            if word[-1] == word[-2] and word[-1] not in "aeiouls":
                word = word[:-1]
            break
    if len(word) > 3 and word[-1] == "e":
        word = word[:-1]
    return word


def _normal_form(word: str) -> str | None:
    """A word as a term (its stem), or None for a word that says nothing."""
    if word in STOP_WORDS or len(word) < 2 or word.isdigit():
        return None
    return stem(word)


class _NormalForms(dict[str, str | None]):
    """Each word's normal form, worked out once per distinct word."""

    def __missing__(self, word: str) -> str | None:
        form = self[word] = _normal_form(word)
        return form


_NORMAL_FORMS = _NormalForms()


def words(text: str) -> list[str | None]:
    """The words of `text` in order, lower case, stemmed; None for a stop word (so that no
    phrase is made across it)."""
    if len(_NORMAL_FORMS) > 1_000_000:
        _NORMAL_FORMS.clear()
    text = _TEX_COMMAND.sub(" ", _ADDRESS.sub(" ", text))
    return [_NORMAL_FORMS[word] for word in _WORD.findall(text.lower())]


def _text_terms(text: str) -> list[str]:
    found = words(text)
    phrases = [
        f"{first} {second}" for first, second in itertools.pairwise(found) if first and second
    ]
    return [word for word in found if word] + phrases


def tag_term(tag: str) -> str:
    """The term standing for a tag (no word holds `#`)."""
    return f"#{tag.casefold()}"


def terms(document: Document, options: Options) -> Counter[str]:
    """The term counts of a paper: words and two-word phrases, the title's counted
    `title_weight` times, and one term per tag."""
    counts = Counter(_text_terms(document.abstract))
    for term in _text_terms(document.title):
        counts[term] += options.title_weight
    for tag in document.tags:
        counts[tag_term(tag)] = 1
    return counts


def version_key(title: str) -> str:
    """What two versions of one paper share: the title without case, spaces or punctuation."""
    return _VERSION_KEY.sub("", title.casefold())


def _digest(*parts: str) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.digest()


def _digests(digests: Iterable[bytes]) -> np.ndarray:
    """Digests as an array of 16-byte values (bytes strings would lose their final NULs)."""
    return np.frombuffer(b"".join(digests), dtype="V16")


def content_digest(document: Document) -> bytes:
    """The digest of what a paper's terms are made from."""
    return _digest(document.title, document.abstract, *document.tags)


# --- the cache ----------------------------------------------------------------------------


def _strings(values: Iterable[str]) -> np.ndarray:
    """Strings as one array of UTF-8 bytes, each ended by a NUL (no string holds one)."""
    return np.frombuffer("".join(f"{value}\0" for value in values).encode(), dtype=np.uint8)


def _unstrings(array: np.ndarray) -> list[str]:
    text = array.tobytes().decode()
    return text.split("\0")[:-1] if text else []


@dataclass
class _Rows:
    """Per-paper variable-length rows (term ids with values, or list entries) as CSR arrays."""

    indptr: np.ndarray
    items: np.ndarray
    values: np.ndarray

    def row(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        start, end = self.indptr[index], self.indptr[index + 1]
        return self.items[start:end], self.values[start:end]


@dataclass
class _State:
    """What a run leaves for the next: papers in file-id order, with their data."""

    fingerprint: str
    vocabulary: list[str]  # sorted: a term's id is its rank
    keys: list[str]
    digests: np.ndarray  # content digest per paper (_digests)
    versions: np.ndarray  # version-key digest per paper (_digests)
    counts: _Rows  # term ids, term counts
    vectors: _Rows  # term ids, quantized weights
    lists: _Rows  # row numbers of the similar papers, their integer scores

    def save(self, path: Path) -> None:
        """Write the state to `path` whole (a temporary file, then a rename)."""
        arrays = {
            "fingerprint": _strings([self.fingerprint]),
            "vocabulary": _strings(self.vocabulary),
            "keys": _strings(self.keys),
            "digests": self.digests,
            "versions": self.versions,
        }
        for name in ("counts", "vectors", "lists"):
            rows = getattr(self, name)
            arrays |= {
                f"{name}_indptr": rows.indptr,
                f"{name}_items": rows.items,
                f"{name}_values": rows.values,
            }
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                np.savez(stream, allow_pickle=False, **arrays)
            os.replace(partial, path)
        except BaseException:
            Path(partial).unlink(missing_ok=True)
            raise

    @classmethod
    def load(cls, path: Path, fingerprint: str) -> _State | None:
        """The state saved at `path` for this fingerprint; None when there is none usable."""
        try:
            with np.load(path, allow_pickle=False) as data:
                if _unstrings(data["fingerprint"]) != [fingerprint]:
                    return None
                rows = {
                    name: _Rows(
                        data[f"{name}_indptr"], data[f"{name}_items"], data[f"{name}_values"]
                    )
                    for name in ("counts", "vectors", "lists")
                }
                state = cls(
                    fingerprint=fingerprint,
                    vocabulary=_unstrings(data["vocabulary"]),
                    keys=_unstrings(data["keys"]),
                    digests=data["digests"],
                    versions=data["versions"],
                    **rows,
                )
        except (OSError, KeyError, ValueError, UnicodeDecodeError, zipfile.BadZipFile, EOFError):
            return None
        papers = len(state.keys)
        if not all(len(rows.indptr) == papers + 1 for rows in rows.values()):
            return None
        return state


# --- the computation ----------------------------------------------------------------------


def _rows_from(chunks: list[tuple[np.ndarray, np.ndarray]], value_type: type) -> _Rows:
    lengths = np.fromiter((len(items) for items, _ in chunks), dtype=np.int64, count=len(chunks))
    indptr = np.zeros(len(chunks) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    items = np.concatenate([items for items, _ in chunks]) if chunks else np.zeros(0, np.int32)
    values = np.concatenate([values for _, values in chunks]) if chunks else np.zeros(0)
    return _Rows(indptr, items.astype(np.int32), values.astype(value_type))


def _term_counts(
    documents: list[Document], digests: list[bytes], options: Options, cached: _State | None
) -> tuple[list[str], _Rows, int]:
    """Every paper's term counts over one sorted vocabulary of the terms in use, and how many
    papers were tokenized (the others' counts come from the cache)."""
    known: dict[bytes, int] = {}
    if cached is not None:
        known = {digest: row for row, digest in enumerate(cached.digests.tolist())}
    old_terms = cached.vocabulary if cached is not None else []
    term_ids = {term: index for index, term in enumerate(old_terms)}
    next_ids = itertools.count(len(old_terms))
    rows: list[tuple[np.ndarray, np.ndarray]] = []
    tokenized = 0
    for document, digest in zip(documents, digests, strict=True):
        row = known.get(digest)
        if row is not None and cached is not None:
            rows.append(cached.counts.row(row))
            continue
        tokenized += 1
        counts = terms(document, options)
        # A new term gets a provisional id after the cached vocabulary's (ids may skip).
        ids = np.fromiter(map(term_ids.setdefault, counts, next_ids), np.int32, len(counts))
        rows.append((ids, np.fromiter(counts.values(), np.int32, len(counts))))
    counts_rows = _rows_from(rows, np.int32)
    provisional = dict(zip(term_ids.values(), term_ids.keys(), strict=True))
    used = np.unique(counts_rows.items).tolist()
    vocabulary = sorted(provisional[term] for term in used)
    rank = {term: index for index, term in enumerate(vocabulary)}
    remap = np.full(max(used, default=0) + 1, -1, dtype=np.int32)
    for term in used:
        remap[term] = rank[provisional[term]]
    counts_rows.items = remap[counts_rows.items]
    # Each paper's terms in vocabulary order: sums over them then add up the same way always.
    for start in range(0, len(rows), ROWS_PER_BLOCK):
        stop = min(len(rows), start + ROWS_PER_BLOCK)
        first, last = counts_rows.indptr[start], counts_rows.indptr[stop]
        row_of = np.repeat(np.arange(stop - start), np.diff(counts_rows.indptr[start : stop + 1]))
        order = np.lexsort((counts_rows.items[first:last], row_of)) + first
        counts_rows.items[first:last] = counts_rows.items[order]
        counts_rows.values[first:last] = counts_rows.values[order]
    return vocabulary, counts_rows, tokenized


def _vectors(vocabulary: list[str], counts: _Rows, papers: int, options: Options) -> _Rows:
    """Each paper's `terms_per_paper` heaviest terms, quantized (see the module docstring)."""
    document_frequency = np.bincount(counts.items, minlength=len(vocabulary))
    scale = 1 << max(0, math.ceil(math.log2(max(papers, 1))))
    idf = np.log((1.0 + scale) / (1.0 + document_frequency)) + 1.0
    is_tag = np.fromiter((term.startswith("#") for term in vocabulary), bool, len(vocabulary))
    idf[is_tag] *= options.tag_weight
    blocks = []
    for start in range(0, papers, ROWS_PER_BLOCK):
        stop = min(papers, start + ROWS_PER_BLOCK)
        first, last = counts.indptr[start], counts.indptr[stop]
        rows = np.repeat(np.arange(stop - start), np.diff(counts.indptr[start : stop + 1]))
        items, values = counts.items[first:last], counts.values[first:last]
        weights = (1.0 + np.log(values.astype(np.float64))) * idf[items]
        # The length of the whole vector, summed in vocabulary order.
        lengths = np.sqrt(np.bincount(rows, weights=weights * weights, minlength=stop - start))
        # A term only this paper has cannot make it similar to another: it keeps no place.
        shared = document_frequency[items] > 1
        rows, items, weights = rows[shared], items[shared], weights[shared]
        # Per paper: heaviest first, ties by the term's rank (its spelling), then the first ones.
        order = np.lexsort((items, -weights, rows))
        rows, items, weights = rows[order], items[order], weights[order]
        starts = np.searchsorted(rows, np.arange(stop - start + 1))
        kept = np.arange(len(rows)) - starts[rows] < options.terms_per_paper
        rows, items, weights = rows[kept], items[kept], weights[kept]
        order = np.lexsort((items, rows))
        rows, items, weights = rows[order], items[order], weights[order]
        quantized = np.rint(QUANTUM * weights / np.where(lengths > 0, lengths, 1.0)[rows])
        nonzero = quantized > 0
        blocks.append((rows[nonzero] + start, items[nonzero], quantized[nonzero]))
    rows = np.concatenate([block[0] for block in blocks]) if blocks else np.zeros(0, np.int64)
    indptr = np.searchsorted(rows, np.arange(papers + 1)).astype(np.int64)
    items = np.concatenate([block[1] for block in blocks]) if blocks else np.zeros(0)
    weights = np.concatenate([block[2] for block in blocks]) if blocks else np.zeros(0)
    return _Rows(indptr, items.astype(np.int32), weights.astype(np.int32))


def _matrix(vectors: _Rows, papers: int, terms: int) -> sp.csr_matrix:
    return sp.csr_matrix(
        (vectors.values, vectors.items, vectors.indptr), shape=(papers, max(terms, 1))
    )


def _top_lists(
    matrix: sp.csr_matrix,
    transposed: sp.csr_matrix,
    rows: np.ndarray,
    groups: np.ndarray,
    count: int,
) -> dict[int, tuple[np.ndarray, np.ndarray]]:
    """The lists of papers `rows`: (row numbers, integer scores), best first."""
    papers = matrix.shape[0]
    found: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    if papers < 2 or count < 1:
        return {int(row): (np.zeros(0, np.int32), np.zeros(0, np.int64)) for row in rows}
    chunk = max(1, min(1024, CHUNK_ENTRIES // papers))
    # Score and rank in one number: a higher score first, then the lower file id.
    rank = (np.int64((1 << _KEY_BITS) - 1) - np.arange(papers, dtype=np.int64))[np.newaxis, :]
    take = min(count, papers - 1)
    for start in range(0, len(rows), chunk):
        block = rows[start : start + chunk]
        scores = (matrix[block] @ transposed).toarray().astype(np.int64)
        # Never the paper itself nor another version of it.
        scores[groups[block][:, np.newaxis] == groups[np.newaxis, :]] = 0
        ordered = np.where(scores > 0, (scores << _KEY_BITS) | rank, 0)
        best = np.argpartition(-ordered, take - 1, axis=1)[:, :take]
        best_values = np.take_along_axis(ordered, best, axis=1)
        order = np.argsort(-best_values, axis=1, kind="stable")
        best = np.take_along_axis(best, order, axis=1)
        best_values = np.take_along_axis(best_values, order, axis=1)
        for row, columns, values in zip(block.tolist(), best, best_values, strict=True):
            positive = values > 0
            found[row] = (columns[positive].astype(np.int32), values[positive] >> _KEY_BITS)
    return found


def _changed_rows(
    cached: _State,
    keys: list[str],
    vocabulary: list[str],
    vectors: _Rows,
    versions: np.ndarray,
) -> np.ndarray:
    """Whether each paper's vector or version key differs from the cache's (or it is new)."""
    old_row = {key: row for row, key in enumerate(cached.keys)}
    rank = {term: index for index, term in enumerate(vocabulary)}
    # The cached term ids in this vocabulary; -1 for a term no paper has now.
    remap = np.fromiter(
        (rank.get(term, -1) for term in cached.vocabulary), np.int32, len(cached.vocabulary)
    )
    changed = np.ones(len(keys), dtype=bool)
    for row, key in enumerate(keys):
        old = old_row.get(key)
        if old is None or cached.versions[old] != versions[row]:
            continue
        items, values = vectors.row(row)
        old_items, old_values = cached.vectors.row(old)
        if len(items) == len(old_items) and np.array_equal(values, old_values):
            changed[row] = not np.array_equal(items, remap[old_items])
    return changed


def compute(
    documents: Iterable[Document], options: Options = Options(), cache: Path | None = None
) -> Run:
    """Each paper's similar papers (see the module docstring); with `cache`, a file that this
    run reads (when it was written with the same options) and writes for the next."""
    documents = sorted(documents, key=lambda document: document.key)
    keys = [document.key for document in documents]
    if len(set(keys)) != len(keys):
        raise ValueError("two documents have the same key")
    papers = len(documents)
    fingerprint = options.fingerprint()
    cached = _State.load(cache, fingerprint) if cache is not None else None
    notes = []
    if cache is not None and cached is None and cache.exists():
        notes.append(f"{cache} was made by another version or with other settings: not used")
    digests = [content_digest(document) for document in documents]
    vocabulary, counts, tokenized = _term_counts(documents, digests, options, cached)
    vectors = _vectors(vocabulary, counts, papers, options)
    versions = _digests(_digest(version_key(document.title)) for document in documents)
    _, groups = np.unique(versions, return_inverse=True)
    matrix = _matrix(vectors, papers, len(vocabulary))
    transposed = matrix.T.tocsr()

    if cached is None:
        changed = np.ones(papers, dtype=bool)
        redo = np.arange(papers)
        kept: dict[int, tuple[np.ndarray, np.ndarray]] = {}
    else:
        changed = _changed_rows(cached, keys, vocabulary, vectors, versions)
        redo, kept = _rows_to_recompute(
            cached, keys, changed, matrix, transposed, groups, options.count
        )
    found = _top_lists(matrix, transposed, redo, groups, options.count)
    found.update(kept)

    list_rows = [found[row] for row in range(papers)]
    state = _State(
        fingerprint=fingerprint,
        vocabulary=vocabulary,
        keys=keys,
        digests=_digests(digests),
        versions=versions,
        counts=counts,
        vectors=vectors,
        lists=_rows_from(list_rows, np.int64),
    )
    if cache is not None:
        state.save(cache)
    scale = float(QUANTUM * QUANTUM)
    lists = {
        keys[row]: [
            Similar(keys[other], round(score / scale, 4))
            for other, score in zip(items.tolist(), values.tolist(), strict=True)
        ]
        for row, (items, values) in enumerate(list_rows)
    }
    return Run(
        lists=lists,
        papers=papers,
        tokenized=tokenized,
        changed=int(changed.sum()),
        recomputed=len(redo),
        cache_used=cached is not None,
        notes=notes,
    )


def _rows_to_recompute(
    cached: _State,
    keys: list[str],
    changed: np.ndarray,
    matrix: sp.csr_matrix,
    transposed: sp.csr_matrix,
    groups: np.ndarray,
    count: int,
) -> tuple[np.ndarray, dict[int, tuple[np.ndarray, np.ndarray]]]:
    """The papers whose lists can have changed, and the cached lists of the others (in this
    run's row numbers).

    A paper whose vector and version key are unchanged keeps its list unless a changed paper
    on it now scores differently (or is gone, or is now a version of it), or a changed paper
    not on it now ranks above its last entry (or the list was short).
    """
    papers = len(keys)
    row_of = {key: row for row, key in enumerate(keys)}
    # Cached row numbers in this run's; -1 for a paper that is gone.
    old_to_new = np.fromiter((row_of.get(key, -1) for key in cached.keys), np.int64)
    lengths = np.diff(cached.lists.indptr)
    owners = np.repeat(old_to_new, lengths)
    members = old_to_new[cached.lists.items]
    scores = cached.lists.values
    redo = changed.copy()
    listed = owners >= 0
    listed[listed] = ~changed[owners[listed]]
    redo[owners[listed & (members < 0)]] = True
    # The pairs (changed paper on a list, owner of the list) with their cached scores.
    on_list = listed & (members >= 0)
    on_list[on_list] = changed[members[on_list]]
    pair_keys = members[on_list] * papers + owners[on_list]
    order = np.argsort(pair_keys)
    pair_keys, pair_scores = pair_keys[order], scores[on_list][order]
    pair_seen = np.zeros(len(pair_keys), dtype=bool)
    # Each kept list's length and last entry, ranked as _top_lists ranks.
    full = np.zeros(papers, dtype=bool)
    last = np.zeros(papers, dtype=np.int64)
    ends = cached.lists.indptr[1:] - 1
    with_entries = (old_to_new >= 0) & (lengths > 0)
    owner_rows = old_to_new[with_entries]
    full[owner_rows] = lengths[with_entries] >= count
    last[owner_rows] = (scores[ends[with_entries]] << _KEY_BITS) | (
        (1 << _KEY_BITS) - 1 - members[ends[with_entries]]
    )
    changed_rows = np.flatnonzero(changed)
    chunk = max(1, CHUNK_ENTRIES // max(papers, 1))
    for start in range(0, len(changed_rows), chunk):
        block = changed_rows[start : start + chunk]
        product = (matrix[block] @ transposed).tocoo()
        source, target = block[product.row], product.col.astype(np.int64)
        new_scores = product.data.astype(np.int64)
        wanted = source * papers + target
        if len(pair_keys):
            found = np.minimum(np.searchsorted(pair_keys, wanted), len(pair_keys) - 1)
            is_pair = pair_keys[found] == wanted
            pair_seen[found[is_pair]] = True
            # On the list: its score must be the cached one, and it must not be a version now.
            moved = is_pair & (
                (new_scores != pair_scores[found]) | (groups[source] == groups[target])
            )
        else:
            is_pair = moved = np.zeros(len(wanted), dtype=bool)
        ranked = (new_scores << _KEY_BITS) | ((1 << _KEY_BITS) - 1 - source)
        entering = ~is_pair & (new_scores > 0) & (groups[source] != groups[target])
        entering &= ~full[target] | (ranked > last[target])
        redo[target[moved | entering]] = True
    # A changed paper on a list that now shares no term with the list's paper leaves it.
    redo[pair_keys[~pair_seen] % max(papers, 1)] = True
    kept = {}
    for old in np.flatnonzero(old_to_new >= 0).tolist():
        new = int(old_to_new[old])
        if not redo[new]:
            first, stop = cached.lists.indptr[old], cached.lists.indptr[old + 1]
            kept[new] = (members[first:stop].astype(np.int32), scores[first:stop])
    return np.flatnonzero(redo), kept
