"""The index cache: reused when the corpus is unchanged, rebuilt when it changes or is damaged."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.config import CorpusConfig, IndexConfig
from bot.retrieval.cache import load_or_build
from tests.conftest import SEEDS


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
    assert len(list(cache.glob("index-*.pickle"))) == 1  # the stale one is removed


def test_other_settings_give_another_index(tmp_path: Path) -> None:
    small, _ = load_or_build(SEEDS, CorpusConfig(passage_max_chars=300, passage_min_chars=100),
                             IndexConfig(tmp_path))
    default, cached = load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    assert not cached and len(small.passages) > len(default.passages)


def test_damaged_cache_is_rebuilt(tmp_path: Path) -> None:
    load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    for cache_file in tmp_path.glob("index-*.pickle"):
        cache_file.write_bytes(b"not a pickle")
    index, cached = load_or_build(SEEDS, CorpusConfig(), IndexConfig(tmp_path))
    assert not cached and len(index.documents) == 5

