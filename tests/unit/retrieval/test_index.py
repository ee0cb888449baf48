"""The index on the seed corpus: searching some outlets only, and each outlet's facts."""

from __future__ import annotations

from bot.retrieval.index import NewsIndex
from tests.conftest import SEED_OUTLETS

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
