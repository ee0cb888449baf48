"""Candidate events: which dated sentences report something, and which reports are one event."""

from __future__ import annotations

import math
import random
from collections import Counter
from pathlib import Path

import pytest

from bot.corpus.documents import parse_document
from bot.corpus.metadata import SourceMeta
from bot.extract.dates import extract_date_mentions
from bot.extract.events import (
    FINENESS,
    SAME_DAY_SIMILARITY,
    Candidate,
    Cluster,
    candidate_events,
    merge_candidates,
)
from bot.models import Document, PartialDate
from bot.retrieval.index import NewsIndex
from bot.text import content_keys, tokenize

PUBLISHED = PartialDate(2021, 6, 4)


def article(name: str, text: str) -> Document:
    meta = SourceMeta(outlet=name.title(), date=PUBLISHED)
    return parse_document(Path(f"{name}.txt"), text, meta)


def candidates(document: Document) -> list[Candidate]:
    return candidate_events(document, extract_date_mentions(document))


def test_each_dated_sentence_is_a_candidate_under_each_date() -> None:
    found = candidates(article("a", "The bridge opened on March 14, 1998, and closed in 2019."))
    assert [(c.date.iso(), c.sentence_start) for c in found] == [("1998-03-14", 0), ("2019", 0)]


@pytest.mark.parametrize(
    "text",
    [
        # datelines
        "HARBOURTOWN, May 28 (Newswire) -- Ferry services resumed after the storm.",
        "LAKESIDE, May 28, 2021 (Wire Agency) - The council met again.",
        # stamps and bylines
        "Updated on 28 May 2021 at 14:05.",
        "Published: 09:12, 28 May 2021.",
        "By Jane Roe, May 28, 2021.",
        "At 9:42 pm on 28 May 2021, riverfan wrote: the ferry was late again.",
        "This article was amended on 28 May 2021.",
        # captions and credits
        "Volunteers clear a beach on May 28, 2021 near the pier. (Photo by Jane Roe/Getty Images)",
        "Picture: Volunteers on the pier, May 28, 2021.",
        "— Jane Roe (@janeroe) May 28, 2021.",
        # periods of comparison
        "Ticket sales rose 4% from 2019.",
        "Sales were higher than in 2019.",
        "Traffic fell 3% compared with the same period of 2019.",
        "The ferry carried 9,000 passengers, up from 7,000 a year earlier.",
    ],
)
def test_dates_that_tell_no_event_are_no_candidates(text: str) -> None:
    assert candidates(article("a", text)) == []


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("HARBOURTOWN, May 28 (Newswire) -- Ferry services resumed on Thursday.", ["2021-06-03"]),
        ("May 28: the ferry services resume.", ["2021-05-28"]),
        ("By May 28 the storm had passed.", ["2021-05-28"]),
        ("The ferry sank on 28 May - two crew were rescued.", ["2021-05-28"]),
        ("Sales rose 4% in 2019.", ["2019"]),
    ],
)
def test_events_next_to_what_looks_like_furniture_stay(text: str, dates: list[str]) -> None:
    assert [c.date.iso() for c in candidates(article("a", text))] == dates


def test_questions_and_today_report_nothing() -> None:
    found = candidates(article("a", "What did the council decide in 2019? Today, the festival "
                                    "fills the whole town. The council voted in 2018."))
    assert [c.date.iso() for c in found] == ["2018"]


def test_since_marks_a_starting_point() -> None:
    [found] = candidates(article("a", "The ferry has run every day since 1998."))
    assert found.since


def test_the_words_near_a_date_say_what_happened_then() -> None:
    [first, second] = candidates(article(
        "a", "The museum opened in 1998 with twelve rooms of paintings, and long after that, "
             "in a quiet ceremony with the mayor and the whole city council, the garden was "
             "finally finished in 2004."))
    museum, garden = content_keys("museum"), content_keys("garden")
    assert museum <= first.near and not garden & first.near
    assert garden <= second.near and not museum & second.near
    assert museum <= second.keys  # the whole sentence's content words


def test_date_and_speech_words_are_not_what_happened() -> None:
    found = candidates(article("a", "Last year, in March, the mayor said the pool reopened on "
                                    "a Friday."))
    assert len(found) == 3
    assert {c.keys for c in found} == {content_keys("the mayor the pool reopened")}


def test_a_coarser_report_joins_the_finer_one_with_the_same_words() -> None:
    fine = article("gazette", "The old lighthouse reopened to visitors on March 14, 1998.")
    coarse = article("herald", "Visitors returned to the old lighthouse when it reopened in "
                               "1998.")
    other = article("courier", "The city elected a new mayor in 1998.")
    events = merge_candidates([c for d in (fine, coarse, other) for c in candidates(d)])
    grouped = sorted(sorted(m.outlet for m in e.members) for e in events)
    assert grouped == [["Courier"], ["Gazette", "Herald"]]
    lighthouse = next(e for e in events if len(e.members) == 2)
    assert lighthouse.date == PartialDate(1998, 3, 14)


# --- merging by key finds the events that comparing with every event of the year found -------


def compatible(cluster: Cluster, candidate: Candidate) -> bool:
    """Equal periods, or a coarser date containing the cluster's finer one."""
    if cluster.kind or candidate.kind:
        return (cluster.kind, cluster.date, cluster.until) == (
            candidate.kind, candidate.date, candidate.until)
    mine, theirs = cluster.date, candidate.date
    return mine.year == theirs.year and theirs.month in (None, mine.month) and (
        theirs.day in (None, mine.day))


def similarity(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    smaller = min(math.fsum(idf[k] for k in a), math.fsum(idf[k] for k in b))
    return math.fsum(idf[k] for k in a & b) / smaller if smaller else 0.0


def merged_pairwise(candidates: list[Candidate]) -> list[Cluster]:
    """The merge as it was before events were looked up by key: each candidate scored against
    every event of its year, every member of each. Kept here only, as the reference."""
    frequency: Counter[str] = Counter(k for c in candidates for k in c.keys | c.near)
    total = len(candidates) or 1
    idf = {k: math.log(1 + total / n) for k, n in frequency.items()}
    ordered = sorted(candidates, key=lambda c: (c.since, FINENESS[c.precision],
                                                c.date.sort_key(), c.doc_id, c.sentence_start))
    clusters: list[Cluster] = []
    stories: dict[int, set[str]] = {}
    by_year: dict[int, list[Cluster]] = {}
    for candidate in ordered:
        best, best_score = None, 0.0
        for cluster in by_year.get(candidate.date.year, []):
            if not compatible(cluster, candidate) or any(
                    (m.doc_id, m.sentence_start) == (candidate.doc_id, candidate.sentence_start)
                    for m in cluster.members):
                continue
            same = (cluster.date, cluster.until, cluster.kind) == (
                candidate.date, candidate.until, candidate.kind)
            if not same and candidate.relative and candidate.precision == "year":
                continue
            near = max(similarity(candidate.near, m.near, idf) for m in cluster.members)
            whole = max(similarity(candidate.keys, m.keys, idf)
                        for m in cluster.members) if same else 0
            story = stories[id(cluster)]
            covered = (math.fsum(idf[k] for k in candidate.near & story)
                       / math.fsum(idf[k] for k in candidate.near)) if candidate.near else 0.0
            day = same and candidate.precision == "day"
            threshold = SAME_DAY_SIMILARITY if day else 0.3
            score = max(near, whole)
            if score < threshold:  # a day's report joins a day's event by its own words
                score = covered if covered >= 0.35 and not day else 0.0
            if score > best_score:
                best, best_score = cluster, score
        if best is None and candidate.since:
            continue
        if best is None:
            best = Cluster(candidate.date, candidate.until, candidate.kind, [], idf=idf)
            clusters.append(best)
            stories[id(best)] = set()
            by_year.setdefault(candidate.date.year, []).append(best)
        best.members.append(candidate)
        stories[id(best)] |= candidate.keys
    return clusters


def events_of(clusters: list[Cluster]) -> list[tuple[object, ...]]:
    """Each event's date and its members in the order they joined it."""
    return [(c.date, c.until, c.kind, [(m.doc_id, m.sentence_start, m.date, m.kind)
                                       for m in c.members]) for c in clusters]


def generated(seed: int, count: int = 300) -> list[Candidate]:
    """Candidates crowded onto a few dates and a small vocabulary with a long tail, so that many
    of them could join one another: relative years, "since", periods, sentences dated twice."""
    rng = random.Random(seed)
    vocabulary = [f"w{n:03d}" for n in range(80)]
    weights = [1 / (n + 1) for n in range(80)]
    found = []
    for number in range(count):
        kind = rng.choices(["", "range", "decade", "week"], [24, 1, 1, 1])[0]
        year = rng.choice([1998, 1999, 2010])
        month = rng.choice([None, 3, 4]) if not kind else None
        day = rng.choice([None, 14, 20]) if month else None
        date = PartialDate(year, month, day)
        until = PartialDate(year + rng.choice([0, 4])) if kind else None
        keys = frozenset(rng.choices(vocabulary, weights, k=rng.randint(0, 9)))
        near = frozenset(rng.sample(sorted(keys), min(len(keys), rng.randint(0, 5))))
        if rng.random() < 0.1:
            near |= {rng.choice(vocabulary)}  # a word only the date's neighbourhood has
        doc = rng.randrange(count // 4)
        found.append(Candidate(
            date=date, until=until, kind=kind, relative=rng.random() < 0.2,
            display=date.display(), sentence=f"sentence {number}",
            sentence_start=100 * rng.randrange(3), passage_id=f"d{doc}#0", doc_id=f"d{doc}",
            outlet=rng.choice(["Gazette", "Herald", "Courier", "Post"]), published="2021",
            terms=keys, keys=keys, near=near, since=rng.random() < 0.1))
    return found


@pytest.mark.parametrize("seed", range(40))
def test_merging_by_key_finds_the_events_of_comparing_all_pairs(seed: int) -> None:
    candidates = generated(seed)
    assert events_of(merge_candidates(candidates)) == events_of(merged_pairwise(candidates))


def test_merging_the_seed_corpus_finds_the_same_events(seed_index: NewsIndex) -> None:
    candidates = seed_index.candidates
    assert events_of(merge_candidates(candidates)) == events_of(merged_pairwise(candidates))
    for word in ("relations", "visit", "revolution"):
        chosen = [c for c in candidates if c.terms & set(tokenize(word))]
        assert events_of(merge_candidates(chosen)) == events_of(merged_pairwise(chosen))


def test_the_index_holds_every_event_merged_in_date_order(seed_index: NewsIndex) -> None:
    merged = sorted(merge_candidates(seed_index.candidates), key=Cluster.sort_key)
    assert seed_index.events is not None
    assert events_of(seed_index.events) == events_of(merged)
    assert [e.lead() for e in seed_index.events] == [e.lead() for e in merged]


def lead_summing_every_pair(cluster: Cluster) -> Candidate:
    exact = [m for m in cluster.members
             if (m.date, m.until, m.kind) == (cluster.date, cluster.until, cluster.kind)]
    shared = {id(m): math.fsum(similarity(m.keys, o.keys, cluster.idf)
                               for o in cluster.members if o is not m) for m in exact}
    return min(exact, key=lambda m: (-shared[id(m)], len(m.sentence), m.doc_id,
                                     m.sentence_start))


@pytest.mark.parametrize("seed", range(10))
def test_an_events_lead_is_the_sentence_sharing_most_with_the_others(seed: int) -> None:
    """Estimating each sentence's share key by key picks what summing every pair picks."""
    for event in merge_candidates(generated(seed, 600)):
        assert event.lead() is lead_summing_every_pair(event)
