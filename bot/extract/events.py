"""Events: dated sentences as candidate events, and which candidates report the same event.

Outlets report one event in different words and at different precisions ("in 1998",
"March 1998", "March 14, 1998"). A reader wants that once, at the finest date a source
gives, with all the outlets. So every dated sentence becomes a candidate event when the index is
built, and candidates are merged when their dates are compatible (one refines the other) and
their wordings share enough rare words.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.extract.dates import DateMention
from bot.extract.lexicon import MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS, word_set
from bot.models import Document, PartialDate
from bot.text import content_keys, tokenize, words_around

# How alike two wordings must be (IDF-weighted overlap of their content words) to be one event;
# two articles dating something to the same day need less; or how much of what surrounds a date
# an event's sentences already say.
MERGE_SIMILARITY = 0.3
SAME_DAY_SIMILARITY = 0.1
STORY_COVERAGE = 0.35
# Finer dates first, so that coarser reports join the event they refine.
FINENESS = {"day": 0, "week": 1, "month": 2, "year": 3, "range": 4, "decade": 5}
# Words that date or report an event rather than say what it was.
_DATE_WORDS = frozenset(w.lower() for w in (*MONTHS, *MONTH_ABBREVIATIONS, *WEEKDAYS)) | word_set(
    """year years month months week weeks day days ago today yesterday since early late earlier
    later last next this said says"""
)
# In a long sentence naming several things, the words this close to a date say what happened then.
_NEAR_WIDTH = 8


# Words before "the 25th anniversary" that make it the time of what the sentence reports.
_ANNIVERSARY_HAPPENS = re.compile(
    r"\b(?:marks?|marked|marking|celebrat(?:es?|ed|ing)|commemorat(?:es?|ed|ing)|on|at)"
    r"\s+(?:the|its|their)\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A dated sentence that may report an event; built at index time, merged at query time."""

    date: PartialDate
    until: PartialDate | None
    kind: str  # "" for a single date, else "range", "decade" or "week"
    relative: bool  # resolved against the publication date ("this year", "pledged Friday")
    display: str
    sentence: str
    sentence_start: int
    passage_id: str
    doc_id: str
    outlet: str
    published: str | None
    terms: frozenset[str]  # index terms, for topic filtering
    keys: frozenset[str]  # content-word keys, for comparing two wordings of an event
    near: frozenset[str]  # the keys of the words around the date: what happened then
    since: bool = False  # "since 1998": when something began, not an event of its own

    @property
    def precision(self) -> str:
        return self.kind or self.date.precision

    def last_day(self) -> tuple[int, int, int]:
        """The last (year, month, day) the date could mean, for period filters."""
        end = self.until or self.date
        return (end.year, end.month or 12, end.day or 31)


_SINCE = re.compile(r"\b(?:ever\s+)?since\s+(?:the\s+)?$", re.IGNORECASE)


def candidate_events(document: Document, mentions: Iterable[DateMention]) -> list[Candidate]:
    """The document's dated sentences as candidate events: one per sentence and date.

    Questions ("This year marks the 25th anniversary ..., what do you expect ...?") report
    nothing, so they are left out; so is "today", which in prose mostly means "nowadays"
    ("Today, the festival fills the whole town"), not an event on the publication day; and so
    is an anniversary mentioned in passing ("as we reach the 25th anniversary, ...") rather
    than as what happened ("2023 marks the 25th anniversary", "met on the 25th anniversary").
    A sentence with two dates is a candidate under each.
    """
    candidates: list[Candidate] = []
    seen: set[tuple[int, str, str]] = set()
    for mention in mentions:
        text = mention.sentence.text
        if text.rstrip(" \"'”’)").endswith("?") or mention.phrase.lower() == "today":
            continue
        if mention.since is not None and not _ANNIVERSARY_HAPPENS.search(
                text[:mention.start - mention.sentence.start]):
            continue
        key = (mention.sentence.start, mention.date.iso(), mention.kind)
        if key in seen:
            continue
        seen.add(key)
        candidates.append(Candidate(
            date=mention.date, until=mention.until, kind=mention.kind, relative=mention.relative,
            display=mention.display(), sentence=text, sentence_start=mention.sentence.start,
            passage_id=mention.passage_id, doc_id=document.doc_id, outlet=document.outlet,
            published=document.date.iso() if document.date else None,
            terms=frozenset(tokenize(text)), keys=content_keys(text, _DATE_WORDS),
            near=content_keys(words_around(text, mention.start - mention.sentence.start,
                                           mention.end - mention.sentence.start, _NEAR_WIDTH),
                              _DATE_WORDS),
            since=bool(_SINCE.search(text[:mention.start - mention.sentence.start])),
        ))
    return candidates



# --- merging candidates into events ----------------------------------------------------------


@dataclass
class Cluster:
    date: PartialDate
    until: PartialDate | None
    kind: str
    members: list[Candidate]
    story: set[str] = field(default_factory=set)  # the keys of all its sentences
    sentences: set[tuple[str, int]] = field(default_factory=set)
    idf: dict[str, float] = field(default_factory=dict)  # of the candidates merged with it


def _compatible(cluster: Cluster, candidate: Candidate) -> bool:
    """Whether the candidate's date could be the cluster's: equal periods, or a coarser date
    that contains the cluster's finer one ("1998" contains "14 Mar 1998")."""
    if cluster.kind or candidate.kind:
        return (cluster.kind, cluster.date, cluster.until) == (
            candidate.kind, candidate.date, candidate.until)
    mine, theirs = cluster.date, candidate.date
    return mine.year == theirs.year and theirs.month in (None, mine.month) and (
        theirs.day in (None, mine.day))


def similarity(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float:
    """IDF-weighted overlap coefficient: shared rare words count, common ones barely."""
    if not a or not b:
        return 0.0
    shared = _weight(a & b, idf)
    smaller = min(_weight(a, idf), _weight(b, idf))
    return shared / smaller if smaller else 0.0


def _coverage(keys: frozenset[str], story: set[str], idf: dict[str, float]) -> float:
    """How much of `keys` (by IDF weight) an event's whole story already says."""
    total = _weight(keys, idf)
    return _weight(keys & story, idf) / total if total else 0.0


def _weight(keys: Iterable[str], idf: dict[str, float]) -> float:
    """The keys' summed IDF, exactly rounded (`fsum`): a set's order changes with the process's
    string hashing, and a plain sum with it, which would let ties between events fall
    differently from one run to the next."""
    return math.fsum(idf.get(k, 0.0) for k in keys)


def _joins(cluster: Cluster, candidate: Candidate, idf: dict[str, float]) -> float:
    """How strongly the candidate reports the cluster's event; 0 when it should not join.

    The same day in two articles is a strong hint already; a coarser date joining a finer one
    ("in 1998" joining "March 14, 1998") needs the words around it to match. Relative years
    ("this year", "175 years ago") say when something was talked about, not when it happened,
    so they never join a finer event.
    """
    same = (cluster.date, cluster.until, cluster.kind) == (
        candidate.date, candidate.until, candidate.kind)
    if not same and candidate.relative and candidate.precision == "year":
        return 0.0
    near = max(similarity(candidate.near, m.near, idf) for m in cluster.members)
    whole = max(similarity(candidate.keys, m.keys, idf) for m in cluster.members) if same else 0
    covered = _coverage(candidate.near, cluster.story, idf)
    threshold = SAME_DAY_SIMILARITY if same and candidate.precision == "day" else MERGE_SIMILARITY
    score = max(near, whole)
    if score >= threshold:
        return score
    return covered if covered >= STORY_COVERAGE else 0.0


def merge_candidates(candidates: list[Candidate]) -> list[Cluster]:
    """Group candidates into events; finer-dated reports seed events, coarser ones join them,
    and "since <date>" only ever joins an event that another report dates."""
    frequency: Counter[str] = Counter(k for c in candidates for k in c.keys | c.near)
    total = len(candidates) or 1
    idf = {k: math.log(1 + total / n) for k, n in frequency.items()}
    # "Since 1998" may only join an event that another report dates; so it comes last.
    ordered = sorted(candidates, key=lambda c: (c.since, FINENESS[c.precision],
                                                c.date.sort_key(), c.doc_id, c.sentence_start))
    clusters: list[Cluster] = []
    by_year: dict[int, list[Cluster]] = {}
    for candidate in ordered:
        best, best_score = None, 0.0
        for cluster in by_year.get(candidate.date.year, []):
            if not _compatible(cluster, candidate) or (
                    candidate.doc_id, candidate.sentence_start) in cluster.sentences:
                continue  # one sentence never reports one event twice
            score = _joins(cluster, candidate, idf)
            if score > best_score:
                best, best_score = cluster, score
        if best is None and candidate.since:
            continue  # a starting point that reports no event of its own
        if best is None:
            best = Cluster(candidate.date, candidate.until, candidate.kind, [], idf=idf)
            clusters.append(best)
            by_year.setdefault(candidate.date.year, []).append(best)
        best.members.append(candidate)
        best.story |= candidate.keys
        best.sentences.add((candidate.doc_id, candidate.sentence_start))
    return clusters

