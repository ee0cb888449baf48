"""The index cache: reused when the corpus is unchanged, rebuilt when it changes or is damaged,
and read back as the very index that was built."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.config import CorpusConfig, IndexConfig
from bot.corpus.files import corpus_files
from bot.retrieval.cache import build_into, load_index, load_or_build
from bot.retrieval.examples import suggested_queries
from bot.retrieval.index import build_index
from tests.conftest import SEEDS
from tests.unit.retrieval.test_index import same_index


def test_cache_is_reused_then_invalidated_by_an_edit(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    cache = tmp_path / "cache"
    first, cached = load_or_build(corpus, CorpusConfig(), IndexConfig(cache))
    assert not cached and len(first.passages) == 63
    again, cached = load_or_build(corpus, CorpusConfig(), IndexConfig(cache))
    assert cached and [p.text for p in again.passages] == [p.text for p in first.passages]
    (corpus / "005_new.txt").write_text("Cuba and Vietnam signed a rice agreement in 2023.\n")
    grown, cached = load_or_build(corpus, CorpusConfig(), IndexConfig(cache))
    assert not cached and len(grown.documents) == 6
    assert grown.search("rice Vietnam", 1)[0].document.doc_id == "005_new"
    assert len(list(cache.glob("index-*"))) == 1  # the stale one is removed


def test_an_edit_that_keeps_the_size_is_seen_and_a_touch_alone_rebuilds_nothing(
        tmp_path: Path) -> None:
    """The cache key is only read from the files' sizes and times while they are unchanged;
    when they change, the contents decide."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    cache = tmp_path / "cache"
    first, _ = load_or_build(corpus, CorpusConfig(), IndexConfig(cache))
    before = first.documents[0].text  # read now: a rebuild removes the folder it reads from
    article = sorted(corpus.glob("*.txt"))[0]
    os.utime(article, ns=(article.stat().st_atime_ns, article.stat().st_mtime_ns + 10**9))
    touched, cached = load_or_build(corpus, CorpusConfig(), IndexConfig(cache))
    assert cached and touched.key == first.key
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("a", "e", 1), encoding="utf-8")
    assert article.stat().st_size == len(text.encode())
    edited, cached = load_or_build(corpus, CorpusConfig(), IndexConfig(cache))
    assert not cached and edited.key != first.key
    assert edited.documents[0].text != before


def test_the_examples_are_found_with_the_index(tmp_path: Path) -> None:
    """Found once when the index is built (start-up does not look for them), and the same as
    looking for them in the loaded index."""
    load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    loaded, cached = load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    assert cached and loaded.examples and loaded.examples["timeline"]
    assert loaded.examples == suggested_queries(dataclasses.replace(loaded, examples=None))


def test_other_settings_give_another_index(tmp_path: Path) -> None:
    small, _ = load_or_build(SEEDS, CorpusConfig(passage_max_chars=300, passage_min_chars=100),
                             IndexConfig(tmp_path))
    default, cached = load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    assert not cached and len(small.passages) > len(default.passages)


def test_the_cached_index_is_the_index_built(tmp_path: Path) -> None:
    written, cached = load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    built = build_index(SEEDS, CorpusConfig(), IndexConfig(None), key=written.key)
    loaded, cached = load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    assert cached
    same_index(written, built)
    same_index(loaded, built)
    assert loaded.search("blockade", 5) == built.search("blockade", 5)
    quote = loaded.quotes[0]
    assert quote.sentence in loaded.passage(quote.passage_id).sentences


@pytest.mark.parametrize("batch", [1, 2])
def test_an_index_written_a_few_articles_at_a_time_is_the_index_built_in_memory(
        tmp_path: Path, mixed_corpus: Path, batch: int) -> None:
    """A large corpus goes to the cache a batch of articles at a time, the batches joined at
    the end, so that its records are never all in memory: the index is the same."""
    built = build_index(mixed_corpus, CorpusConfig(), IndexConfig(None), key="k")
    folder = tmp_path / "index-k"
    written = build_into(folder, mixed_corpus, CorpusConfig(), IndexConfig(tmp_path),
                         corpus_files(mixed_corpus), "k", batch=batch)
    same_index(written, built)
    same_index(load_index(folder, "k"), built)


@pytest.mark.parametrize("damage", ["metadata", "truncated", "missing"])
def test_damaged_cache_is_rebuilt(tmp_path: Path, damage: str) -> None:
    load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    (folder,) = tmp_path.glob("index-*")
    if damage == "metadata":
        (folder / "meta.json").write_bytes(b"not json")
    else:
        largest = max(folder.iterdir(), key=lambda path: path.stat().st_size)
        if damage == "truncated":
            largest.write_bytes(largest.read_bytes()[:-10])
        else:
            largest.unlink()
    index, cached = load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    assert not cached and len(index.documents) == 5
    again, cached = load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    assert cached and len(again.passages) == len(index.passages)


class _Planted:
    """Unpickling this calls `exit`: what a planted cache file would do to a reader."""

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exit, ("a planted pickle ran",))


def test_a_planted_pickle_in_the_cache_never_runs(tmp_path: Path) -> None:
    load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    (folder,) = tmp_path.glob("index-*")
    for path in folder.iterdir():
        path.write_bytes(pickle.dumps(_Planted()))
    (tmp_path / f"{folder.name}.pickle").write_bytes(pickle.dumps(_Planted()))
    index, cached = load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    assert not cached and len(index.documents) == 5  # rebuilt, nothing run


@pytest.mark.parametrize("forged", ["json", "npy"])
def test_forged_cache_files_are_rebuilt_with_a_warning_never_run(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, forged: str
) -> None:
    load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    (folder,) = tmp_path.glob("index-*")
    marker = tmp_path / "ran"
    if forged == "json":  # a value naming a class the index does not hold
        (folder / "quotes.speaker.json").write_text(
            json.dumps([{"Popen": [["touch", str(marker)]]}]))
    else:  # arrays of Python objects, which only pickle could read
        for array in folder.glob("*.npy"):
            np.save(array, np.array([_Planted()], dtype=object), allow_pickle=True)
    index, cached = load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    assert not cached and len(index.documents) == 5 and not marker.exists()
    assert "ignoring unreadable index cache" in caplog.text
    assert index.search("blockade", 1)
