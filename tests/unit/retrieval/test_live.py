"""Analyses kept in the article store are read back without running anything they name."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from pathlib import Path

import pytest

from bot.retrieval.extraction import analyse_document
from bot.retrieval.index import NewsIndex
from bot.retrieval.live import pack_analysis, unpack_analysis


class _Planted:
    """What a planted record would hold: reading it with plain pickle opens (creates) a file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (open, (str(self.marker), "w"))


def test_a_kept_analysis_reads_back_the_same(seed_index: NewsIndex) -> None:
    document = seed_index.documents[0]
    # a copy, so that the shared index stays as it is (its passages are read from its store)
    analysis = analyse_document(dataclasses.replace(
        document, passages=copy.deepcopy(list(document.passages))))
    again = unpack_analysis(pack_analysis(analysis))
    assert again == analysis


def test_a_planted_record_is_refused_without_running_it(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    with pytest.raises(pickle.UnpicklingError):
        unpack_analysis(pickle.dumps(_Planted(marker)))
    assert not marker.exists()


def test_a_record_of_anything_but_an_analysis_is_refused() -> None:
    with pytest.raises(pickle.UnpicklingError):
        unpack_analysis(pickle.dumps({"doc_id": "x"}))
