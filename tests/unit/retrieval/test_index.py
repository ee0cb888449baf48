"""The index on the seed corpus: searching some outlets only, and each outlet's facts."""

from __future__ import annotations

import dataclasses
import shutil
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from bot.config import Config
from bot.retrieval import extraction
from bot.retrieval.bm25 import BM25Postings
from bot.retrieval.index import NewsIndex, build_index
from bot.retrieval.sentence_terms import SentenceTerms
from tests.conftest import SEED_OUTLETS, SEEDS

LEFT = "The Left Chapter"


def test_search_of_some_outlets_ranks_only_their_passages(seed_index: NewsIndex) -> None:
    hits = seed_index.search("blockade", 10, outlets=[LEFT])
    assert hits and {h.document.outlet for h in hits} == {LEFT}
    assert seed_index.search("blockade", 10, outlets=["No Such Outlet"]) == []
    assert seed_index.search("blockade", 10, outlets=[]) == []


def test_leaving_an_outlet_out_still_gives_k_passages(seed_index: NewsIndex) -> None:
    everywhere = seed_index.search("Xi Jinping", 5)
    top_outlet = everywhere[0].document.outlet
    others = sorted(SEED_OUTLETS - {top_outlet})
    hits = seed_index.search("Xi Jinping", 5, outlets=others)
    assert len(hits) == 5 and top_outlet not in {h.document.outlet for h in hits}
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_every_outlet_is_the_same_as_no_restriction(seed_index: NewsIndex) -> None:
    everywhere = seed_index.search("diplomatic relations", 8)
    assert seed_index.search("diplomatic relations", 8, outlets=SEED_OUTLETS) == everywhere


def test_outlet_facts_come_from_its_articles(seed_index: NewsIndex) -> None:
    assert list(seed_index.outlets) == seed_index.corpus.outlets()
    left = seed_index.outlets[LEFT]
    assert left.slant == "socialist solidarity" and left.dates == ["2025-09-20"]
    assert [d.outlet for d in left.documents] == [LEFT]
    assert left.passages == len(left.documents[0].passages)
    assert sum(o.passages for o in seed_index.outlets.values()) == len(seed_index.passages)


def same_index(one: NewsIndex, other: NewsIndex) -> None:
    """Every field an index is made of, and what is derived from them, compared as data."""
    for name in [f.name for f in dataclasses.fields(NewsIndex)] + ["outlets"]:
        if not name.startswith("_"):
            assert _plain(getattr(one, name)) == _plain(getattr(other, name)), name


def _plain(value: object) -> object:
    """The value as plain data: records by their fields (some compare by identity), arrays
    and postings by their contents."""
    if isinstance(value, BM25Postings):
        terms, arrays = value.to_arrays()
        return terms, _plain(arrays)
    if isinstance(value, np.ndarray):
        return value.dtype.str, value.tolist()
    if dataclasses.is_dataclass(value):
        fields = dataclasses.fields(value)
        return type(value).__name__, [_plain(getattr(value, f.name)) for f in fields]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [_plain(item) for item in value]
    return value


def test_extraction_in_worker_processes_gives_the_same_index(
    tmp_path: Path, seed_config: Config, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "000_empty.txt").write_text("  \n")
    (corpus / "zz_unlisted.txt").write_text("An article that sources.yaml does not list.\n")
    monkeypatch.setattr(extraction, "CHUNK", 2)  # several chunks, more than are in flight
    monkeypatch.setattr(extraction, "IN_FLIGHT", 1)
    one = build_index(corpus, seed_config.corpus, seed_config.index, workers=1)
    logged = sorted(r.getMessage() for r in caplog.records)
    caplog.clear()
    two = build_index(corpus, seed_config.corpus, seed_config.index, workers=2)
    same_index(one, two)
    assert _plain(two.sentence_terms) == _plain(SentenceTerms.build(two.passages))
    assert [s.path for s in two.corpus.skipped] == ["000_empty.txt"]
    assert sorted(r.getMessage() for r in caplog.records) == logged  # the workers' warnings too
    assert any("zz_unlisted" in message for message in logged)
