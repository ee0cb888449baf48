"""Events: dated sentences as candidate events, and which candidates report the same event.

Outlets report one event in different words and at different precisions ("in 1998",
"March 1998", "March 14, 1998"). A reader wants that once, at the finest date a source
gives, with all the outlets. So every dated sentence becomes a candidate event when the index is
built, and candidates are merged when their dates are compatible (one refines the other) and
their wordings share enough rare words. All of them are merged once, when the index is built
(what a timeline without a topic shows); a topic's timeline keeps, of those events, the reports
on the topic (`bot.answers.restrict`). Merging looks a candidate's events up by the keys they
share instead of comparing it with every event.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import accumulate
from typing import Generic, TypeVar

from bot.extract.dates import REFERENCE_KINDS, DateMention
from bot.extract.dates_es import ANNIVERSARY_HAPPENS as SPANISH_ANNIVERSARY_HAPPENS
from bot.extract.dates_es import DATE_WORDS as SPANISH_DATE_WORDS
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
FINENESS = {"day": 0, "weekend": 1, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4,
            "range": 5, "decade": 6}
# Words that date or report an event rather than say what it was.
_DATE_WORDS = frozenset(w.lower() for w in (*MONTHS, *MONTH_ABBREVIATIONS, *WEEKDAYS)) | word_set(
    """year years month months week weeks day days ago today yesterday since early late earlier
    later last next this said says"""
) | SPANISH_DATE_WORDS
# In a long sentence naming several things, the words this close to a date say what happened then.
_NEAR_WIDTH = 8


# Words before "the 25th anniversary" that make it the time of what the sentence reports.
_ANNIVERSARY_HAPPENS = re.compile(
    r"\b(?:marks?|marked|marking|celebrat(?:es?|ed|ing)|commemorat(?:es?|ed|ing)|on|at)"
    r"\s+(?:the|its|their)\s+$", re.IGNORECASE)


class _Dated:
    """What a report and an event both tell of their date: one home for reading it."""

    __slots__ = ()
    date: PartialDate
    until: PartialDate | None
    kind: str

    @property
    def precision(self) -> str:
        return self.kind or self.date.precision

    def last_day(self) -> tuple[int, int, int]:
        """The last (year, month, day) the date could mean, for period filters."""
        end = self.until or self.date
        return (end.year, end.month or 12, end.day or 31)


@dataclass(frozen=True, slots=True)
class Candidate(_Dated):
    """A dated sentence that may report an event; built at index time."""

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


_SINCE = re.compile(r"\b(?:ever\s+)?since\s+(?:the\s+)?$", re.IGNORECASE)

# What dates a text without telling what happened then (`not_an_event`).
# A dateline: "WASHINGTON, March 12 (Xinhua) --", "LONDON (Reuters) - Tuesday:", at the start.
# A list's "June 2: the well is capped" is an event: a dateline names a place or an agency.
_DATELINE_BEFORE = re.compile(r"^\W*(?:[A-Z][\w.'’-]*\.?(?:\s+[A-Z][\w.'’-]*)*,?\s*){1,3}"
                              r"(?:\([^()]{1,30}\)\s*)?(?:[-–—_:]+\s*)?$")
_DATELINE_AFTER = re.compile(r"^,?\s*(?:\d{4}\s*)?(?:\([^()]{1,30}\)\s*(?:[-–—_:|]|$)|--|[—_|]"
                             r"|[-–]\s)")
# "Updated on 3 March", "Published: 12:04, 2 June 2010", "By Jane Roe, 2 June": a stamp.
_STAMP = re.compile(
    r"(?:^\W*(?:last\s+|first\s+)?(?:updated|published|posted|modified|created|filed)\b"
    r"[^.;]{0,25}|\b(?:article|story|caption|report)\s+was\s+(?:amended|updated|corrected)\b"
    r"[^.;]{0,12}|^\W*(?:at\s+)?\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?)?\s*(?:on\s+)?"
    r"[^.;]{0,25}|©[^.;]{0,25}|\bcopyright\b[^.;]{0,25}|^\W*by\s+[A-Z][\w.'’-]*"
    r"(?:\s+[A-Z][\w.'’-]*){0,3}\s*[,|·–-]\s*(?:[^.;]{0,20}[,|·–-]\s*)?)$", re.IGNORECASE)
# A photograph's caption or credit, a post's credit: "(Photo by Jane Roe/Getty Images)",
# "Picture: Reuters", "— Jane Roe (@janeroe) June 2, 2010".
_CAPTION = re.compile(
    r"\b(?:photo(?:graph)?s?|pictures?|images?|file\s+photo|video\s+still)\s*(?:by\b|:|/|credit"
    r"|copyright)|\bcredit\s*:|/\s*(?:Getty(?:\s+Images)?|AFP|AP|Reuters|EPA|PA|Bloomberg)\b"
    r"|\bGetty\s+Images\b|\bImage\s+copyright\b|\(@\w+\)|pic\.twitter\.com"
    r"|^\W*(?:pictured|above|below|left|right|top|bottom|inset)\s*[:,]", re.IGNORECASE)
# How far before a date a caption's marker ("Picture:") may start; further, the date is the
# next sentence's, glued to a credit ("Photograph: Jane Roe/AP Divers reached the well
# yesterday").
_CAPTION_REACH = 60
# A date that only names what something is compared with: "up 4% from 2009", "than in 2008",
# "from $2 million a year earlier", "compared with the same period of 2009".
_COMPARED = re.compile(
    r"(?:\bcompared\s+(?:with|to)|(?<!more\s)(?<!less\s)(?<!fewer\s)\bthan|\bversus|\bvs\.?|\bagainst|\b(?:up|down)\s+from"
    r"|\bfrom\s+[$€£]?[\d.,]+\s*(?:%|per\s*cent|percent|[mb]n|million|billion|thousand)?"
    r"|[\d.,]+\s*(?:%|per\s*cent|percent|points?)\s+(?:from|on|over))"
    r"\s+(?:(?:in|on|at|during|for|of)\s+)?(?:(?:the\s+)?same\s+(?:period|time|quarter|month|week"
    r"|day)\s+(?:of|in|last|a)\s+)?(?:the\s+|a\s+)?$", re.IGNORECASE)


def not_an_event(sentence: str, start: int, end: int) -> str:
    """Why the date at sentence[start:end] is no event's date ("" when it may be one): a
    dateline, a stamp ("updated on", a byline's date), a caption or credit, or a period
    something is compared with."""
    before, after = sentence[:start], sentence[end:]
    if _DATELINE_BEFORE.match(before) and _DATELINE_AFTER.match(after) and start < 60:
        return "dateline"
    if _STAMP.search(before):
        return "stamp"
    if any(m.start() >= start or start - m.end() < _CAPTION_REACH
           for m in _CAPTION.finditer(sentence)):
        return "caption"  # a credit after the date, or the caption's own words just before
    if _COMPARED.search(before):
        return "comparison"
    return ""


def candidate_events(document: Document, mentions: Iterable[DateMention]) -> list[Candidate]:
    """The document's dated sentences as candidate events: one per sentence and date.

    Questions ("This year marks the 25th anniversary ..., what do you expect ...?") report
    nothing, so they are left out; so is "today", which in prose mostly means "nowadays"
    ("Today, the festival fills the whole town"), not an event on the publication day; and so
    is an anniversary mentioned in passing ("as we reach the 25th anniversary, ...") rather
    than as what happened ("2023 marks the 25th anniversary", "met on the 25th anniversary");
    so are "now" and "recently", and the dates of datelines, stamps, captions and comparisons
    (`not_an_event`). A sentence with two dates is a candidate under each.
    """
    candidates: list[Candidate] = []
    seen: set[tuple[int, str, str]] = set()
    languages = {p.passage_id: p.language for p in document.passages}
    for mention in mentions:
        text = mention.sentence.text
        language = languages.get(mention.passage_id, "")
        if text.rstrip(" \"'”’)»").endswith("?") or mention.phrase.lower() in ("today", "hoy"):
            continue
        if mention.kind in REFERENCE_KINDS:  # "now", "recently": no date of their own
            continue
        if not_an_event(text, mention.start - mention.sentence.start,
                        mention.end - mention.sentence.start):
            continue
        happens = SPANISH_ANNIVERSARY_HAPPENS if language == "es" else _ANNIVERSARY_HAPPENS
        if mention.since is not None and not happens.search(
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
            terms=frozenset(tokenize(text, language)),
            keys=content_keys(text, _DATE_WORDS, language),
            near=content_keys(words_around(text, mention.start - mention.sentence.start,
                                           mention.end - mention.sentence.start, _NEAR_WIDTH),
                              _DATE_WORDS, language),
            since=bool(_SINCE.search(text[:mention.start - mention.sentence.start])),
        ))
    return candidates



# --- merging candidates into events ----------------------------------------------------------


@dataclass(eq=False)
class Cluster(_Dated):
    """Candidates reporting one event, at the finest date one of them gives."""

    date: PartialDate
    until: PartialDate | None
    kind: str
    members: list[Candidate]
    idf: dict[str, float] = field(default_factory=dict, repr=False)  # of the merged candidates
    _lead: Candidate | None = field(default=None, repr=False)
    _reach: tuple[int, int] | None = field(default=None, repr=False)

    def reach(self) -> tuple[int, int]:
        """(outlets, articles) reporting it: how widely it was reported."""
        if self._reach is None:
            self._reach = (len({m.outlet for m in self.members}),
                           len({m.doc_id for m in self.members}))
        return self._reach

    def sort_key(self) -> tuple[tuple[int, int, int], int, str]:
        """Date order: by first day, the finer date first, then by last day."""
        return (self.date.sort_key(), FINENESS.get(self.precision, 9),
                self.until.iso() if self.until else "")

    def lead(self) -> Candidate:
        """Of the sentences giving the event's date, the one sharing most with all its reports
        (what they agree on; the shortest of equals): the largest sum of its similarities to
        the others, summed exactly (`fsum`) so that equal sums tie whatever the order."""
        if self._lead is None:
            exact = [m for m in self.members
                     if (m.date, m.until, m.kind) == (self.date, self.until, self.kind)]
            shared = _shared_with_others(self.members, {m.keys for m in exact}, self.idf)
            contenders = [m for m in exact if m.keys in shared]
            self._lead = min(contenders, key=lambda m: (-shared[m.keys], len(m.sentence),
                                                        m.doc_id, m.sentence_start))
        return self._lead


def _shared_with_others(members: list[Candidate], asked: set[frozenset[str]],
                        idf: dict[str, float]) -> dict[frozenset[str], float]:
    """For the sets of keys asked that can share most, a member's summed similarity to every
    other member; the sets that cannot are left out.

    Summing every pair would be quadratic in a large event, so each set's sum is first
    estimated key by key: a member `o` holding key `k` adds idf(k) / min(w, w_o) to a set of
    weight `w` (the overlap coefficient divides by the lighter weight), found by bisecting
    the weights of the members holding `k`. Only the sets whose estimate is within rounding of
    the best are then summed exactly, pair by pair, with `fsum`.
    """
    counts = Counter(m.keys for m in members if m.keys)
    weights = _Weights(idf)
    sets_holding: dict[str, list[frozenset[str]]] = {}
    for keys in counts:
        for key in keys:
            sets_holding.setdefault(key, []).append(keys)
    # per key: its holders' weights in order, how many members hold it from each on, and the
    # sum of count / weight up to each
    tables: dict[str, tuple[list[float], list[int], list[float]]] = {}
    for key, sets in sets_holding.items():
        found = sorted((weights.of(keys), counts[keys]) for keys in sets)
        heavier = list(accumulate((c for _, c in reversed(found)), initial=0))[::-1]
        lighter = list(accumulate((c / w for w, c in found), initial=0.0))
        tables[key] = ([w for w, _ in found], heavier, lighter)
    estimate: dict[frozenset[str], float] = {}
    for keys in asked:
        weight, total = weights.of(keys), 0.0
        for key in keys:
            held, heavier, lighter = tables[key]
            at = bisect.bisect_left(held, weight)
            total += idf[key] * (heavier[at] / weight + lighter[at])
        estimate[keys] = total - 1.0 if keys else 0.0  # less its own member, once per key
    best = max(estimate.values())
    shared: dict[frozenset[str], float] = {}
    for keys, guess in estimate.items():
        if guess < best - 1e-6:
            continue
        terms: list[float] = []
        for other in {other for key in keys for other in sets_holding[key]}:
            count = counts[other] - (other == keys)
            if count:
                terms += [weights.similarity(keys, other)] * count
        shared[keys] = math.fsum(terms)
    return shared


class _Weights:
    """Each set of keys' weight (its summed IDF) and its prefixes, computed once: merging looks
    a set up many times. Every key looked up is one of the merged candidates', so in `idf`.

    Weights are summed exactly rounded (`fsum`): a set's order changes with the process's
    string hashing, and a plain sum with it, which would let ties between events fall
    differently from one run to the next.
    """

    def __init__(self, idf: dict[str, float]) -> None:
        self.idf = idf
        self.get = idf.__getitem__
        self.known: dict[frozenset[str], float] = {}
        self.prefixes: dict[tuple[frozenset[str], float], tuple[str, ...]] = {}

    @cached_property
    def rank(self) -> Callable[[str], int]:
        """Each key's place, rarest first: the order prefixes are cut in (any one order would
        do for finding every match; rarest first makes the prefixes short)."""
        rarest_first = sorted(self.idf, key=self.idf.__getitem__, reverse=True)
        return {key: rank for rank, key in enumerate(rarest_first)}.__getitem__

    def of(self, keys: frozenset[str]) -> float:
        weight = self.known.get(keys)
        if weight is None:
            weight = self.known[keys] = math.fsum(map(self.get, keys))
        return weight

    def similarity(self, a: frozenset[str], b: frozenset[str]) -> float:
        """IDF-weighted overlap coefficient: shared rare words count, common ones barely."""
        shared = a & b
        if not shared:
            return 0.0
        known = self.known
        smaller = min(known.get(a) or self.of(a), known.get(b) or self.of(b))
        return math.fsum(map(self.get, shared)) / smaller if smaller else 0.0

    def bound(self, keys: frozenset[str], held: set[str], lightest: float) -> float:
        """The most `keys` can be similar to any of some sets: all of which `held` holds, the
        lightest weighing `lightest`. Below a threshold, none of them reaches it."""
        shared = keys & held
        if not shared:
            return 0.0
        smaller = min(self.of(keys), lightest)
        return math.fsum(map(self.get, shared)) / smaller if smaller else 0.0

    def coverage(self, keys: frozenset[str], story: set[str]) -> float:
        """How much of `keys` (by IDF weight) an event's whole story already says."""
        total = self.of(keys)
        return math.fsum(map(self.get, keys & story)) / total if total else 0.0

    def prefix(self, keys: frozenset[str], share: float) -> tuple[str, ...]:
        """The rarest keys, so many that the others weigh less than `share` of them all.

        Whatever shares `share` of the keys' weight with them shares one of these (prefix
        filtering, Chaudhuri et al. 2006): a set that holds none of them is no match.
        The bound is lowered by a hair so that rounding never leaves a match out.
        """
        found = self.prefixes.get((keys, share))
        if found is None:
            idf = self.idf
            ordered = sorted(keys, key=self.rank)
            bound = share * self.of(keys) * (1 - 1e-9)
            rest, end = 0.0, len(ordered)
            while end and rest + idf[ordered[end - 1]] < bound:
                rest += idf[ordered[end - 1]]
                end -= 1
            found = self.prefixes[(keys, share)] = tuple(ordered[:end])
        return found


def _threshold(candidate: Candidate, same: bool) -> float:
    """The similarity at which a candidate reports a cluster's event: the same day in two
    articles is a strong hint already; a coarser date joining a finer one ("in 1998" joining
    "March 14, 1998") needs the words around it to match."""
    return SAME_DAY_SIMILARITY if same and candidate.precision == "day" else MERGE_SIMILARITY


def merge_candidates(candidates: list[Candidate]) -> list[Cluster]:
    """Group candidates into events; finer-dated reports seed events, coarser ones join them,
    and "since <date>" only ever joins an event that another report dates.

    A candidate joins the event of a compatible date it reports most strongly (the earliest
    of equals): the best similarity of the words around its date to a member's, or of its
    whole sentence to a member's at the same date, when that reaches `_threshold`; else how
    much of the words around its date the event's story already says, from `STORY_COVERAGE`.
    Relative years ("this year", "175 years ago") say when something was talked about, not
    when it happened, so they never join a finer event. Events are found through the keys
    they hold rather than by comparing each candidate with every event of its year
    (`_Merger`).
    """
    idf = key_idf(candidates)
    # "Since 1998" may only join an event that another report dates; so it comes last.
    ordered = sorted(candidates, key=lambda c: (c.since, FINENESS[c.precision],
                                                c.date.sort_key(), c.doc_id, c.sentence_start))
    merger = _Merger(idf, ordered)
    for candidate in ordered:
        merger.add(candidate)
    return merger.clusters


def key_idf(candidates: Sequence[Candidate]) -> dict[str, float]:
    """How rare each key is among the candidates: the weights merging compares them by."""
    frequency: Counter[str] = Counter(k for c in candidates for k in c.keys | c.near)
    total = len(candidates) or 1
    return {k: math.log(1 + total / n) for k, n in frequency.items()}


def every_event(candidates: list[Candidate]) -> list[Cluster]:
    """All the candidates merged, in date order, each with its lead and its reach known: what
    a timeline without a topic shows, prepared when the index is built."""
    events = sorted(merge_candidates(candidates), key=Cluster.sort_key)
    for event in events:
        event.lead()
        event.reach()
        event.idf = {}  # needed no more: not kept with every event
    return events


Bucket = tuple[object, ...]


def _bucket(candidate: Candidate) -> Bucket:
    """The one bucket holding every cluster whose date the candidate's could be: the same
    period; else its day, its month or its year, a coarser date containing the cluster's finer
    one ("1998" contains "14 Mar 1998"), whatever finer date a cluster there has."""
    if candidate.kind:
        return (candidate.kind, candidate.date, candidate.until)
    date = candidate.date
    if date.month is None:
        return ("", date.year)
    return ("", date.year, date.month) if date.day is None else (
        "", date.year, date.month, date.day)


def _buckets(cluster: Cluster) -> list[Bucket]:
    """Every bucket a cluster is found in: the candidates of its day, its month and its year
    may all join it."""
    if cluster.kind:
        return [(cluster.kind, cluster.date, cluster.until)]
    date = cluster.date
    found: list[Bucket] = [("", date.year)]
    if date.month is not None:
        found.append(("", date.year, date.month))
        if date.day is not None:
            found.append(("", date.year, date.month, date.day))
    return found


def _least_similarity(bucket: Bucket) -> float:
    """The least similarity that can join a candidate to a cluster of this bucket: a day's
    reports need less to be one event."""
    return SAME_DAY_SIMILARITY if bucket[0] == "" and len(bucket) == 4 else MERGE_SIMILARITY


Item = TypeVar("Item", int, frozenset[str])


class _Holders(Generic[Item]):
    """Which items hold each key, and which hold it among their rarest (`_Weights.prefix`):
    the items whose keys may be `share` similar to a set of keys, found without comparing the
    set with the rest. An item is a cluster (holding its members' keys) or one member's keys.
    A few items are not worth indexing: all of them are returned.
    """

    FEW = 8

    def __init__(self, share: float) -> None:
        self.share = share
        self.items: dict[Item, None] = {}
        self.waiting: dict[tuple[Item, frozenset[str]], None] | None = {}  # while few
        self.all: dict[str, set[Item]] = {}
        self.rarest: dict[str, set[Item]] = {}

    def add(self, item: Item, keys: frozenset[str], weights: _Weights) -> None:
        self.items[item] = None
        if self.waiting is None:
            self._index(item, keys, weights)
            return
        self.waiting[(item, keys)] = None
        if len(self.items) > self.FEW:
            for waiting, its_keys in self.waiting:
                self._index(waiting, its_keys, weights)
            self.waiting = None

    def _index(self, item: Item, keys: frozenset[str], weights: _Weights) -> None:
        for index, chosen in ((self.all, keys), (self.rarest, weights.prefix(keys, self.share))):
            for key in chosen:
                holding = index.get(key)
                if holding is None:
                    index[key] = {item}
                else:
                    holding.add(item)

    def matches(self, keys: frozenset[str], weights: _Weights) -> set[Item]:
        """The items whose keys could be `share` similar to these (a superset of them).

        The overlap coefficient divides by the lighter set's weight: when that is `keys`, the
        overlap holds one of its rarest keys; when it is the item's, one of the item's.
        """
        if self.waiting is not None:
            return set(self.items)
        found: set[Item] = set()
        if not keys:
            return found
        for key in weights.prefix(keys, self.share):
            found.update(self.all.get(key, ()))
        for key in keys:
            found.update(self.rarest.get(key, ()))
        return found


Index = defaultdict[str, set[int]]  # key -> the clusters holding it, each once


@dataclass
class _Reports:
    """What a cluster's members said, as merging looks it up, and where the cluster is held."""

    levels: list[_Bucket]  # its buckets, the finest last
    near: _Holders[frozenset[str]]  # the distinct words around each member's date
    whole: _Holders[frozenset[str]]  # the distinct keys of each member's sentence
    sentences: set[tuple[str, int]] = field(default_factory=set)  # (doc_id, sentence_start)
    near_keys: set[str] = field(default_factory=set)  # the words around its members' dates
    story: set[str] = field(default_factory=set)  # the keys of all its sentences
    # per share, the rarest words around each member's date; the rarest of its sentences'
    near_rarest: dict[float, set[str]] = field(default_factory=dict)
    whole_rarest: set[str] = field(default_factory=set)
    # the least weight of a member's words around its date, of a member's sentence (not empty)
    lightest_near: float = math.inf
    lightest_whole: float = math.inf

    def may_take(self, candidate: Candidate) -> bool:
        """Whether the cluster shares a key with the candidate where it could count."""
        return not (candidate.near.isdisjoint(self.near_keys)
                    and candidate.near.isdisjoint(self.story)
                    and candidate.keys.isdisjoint(self.story))


# The reports of a cluster no candidate left to merge will look for: nothing kept.
_UNHELD = _Reports([], _Holders(1.0), _Holders(1.0))


def _index() -> Index:
    return defaultdict(set)


@dataclass
class _Keys:
    """A bucket's clusters by the keys they hold; a key lists a cluster once."""

    near: Index = field(default_factory=_index)  # around a member's date
    near_rarest: Index = field(default_factory=_index)  # among its rarest (the bucket's share)
    story: Index = field(default_factory=_index)  # in a member's sentence
    # in a member's sentence, and among its rarest: only for the clusters whose own bucket
    # this is (the finest they are in), which alone a candidate's whole sentence may join
    whole: Index = field(default_factory=_index)
    whole_rarest: Index = field(default_factory=_index)


class _Bucket:
    """The clusters of one bucket; once there are many, by the keys they hold."""

    FEW = 16  # so many clusters are looked through one by one

    def __init__(self, bucket: Bucket, share: float, wanted: set[str]) -> None:
        self.bucket = bucket
        self.share = share  # the least similarity that joins a candidate to a cluster here
        self.wanted = wanted  # the keys of the candidates that look here: all it is asked for
        self.clusters: list[int] = []
        self.keys: _Keys | None = None

    def add(self, number: int, reports: list[_Reports]) -> None:
        self.clusters.append(number)
        if self.keys is not None:
            self.hold(number, reports[number])
        elif len(self.clusters) > self.FEW:
            self.keys = _Keys()
            for each in self.clusters:
                self.hold(each, reports[each])

    def hold(self, number: int, reports: _Reports, near: Iterable[str] | None = None,
             story: Iterable[str] | None = None, near_rarest: Iterable[str] | None = None,
             whole_rarest: Iterable[str] | None = None) -> None:
        """Index the cluster under its keys, or only under those given (what it just got)."""
        keys = self.keys
        if keys is None:
            return
        story = reports.story if story is None else story
        held = [(keys.near, reports.near_keys if near is None else near), (keys.story, story),
                (keys.near_rarest, reports.near_rarest.get(self.share, ())
                 if near_rarest is None else near_rarest)]
        if reports.levels[-1] is self:
            held += [(keys.whole, story), (keys.whole_rarest, reports.whole_rarest
                                           if whole_rarest is None else whole_rarest)]
        wanted = self.wanted
        for index, found in held:
            for key in wanted.intersection(found):
                index[key].add(number)

    def found(self, candidate: Candidate, weights: _Weights, reports: list[_Reports]
              ) -> Iterable[int]:
        """The clusters that may take the candidate (a superset of them), in their order."""
        keys = self.keys
        if keys is None:
            return [n for n in self.clusters if reports[n].may_take(candidate)]
        found: set[int] = set()
        prefix = weights.prefix
        for index, looked_up in ((keys.near, prefix(candidate.near, self.share)),
                                 (keys.near_rarest, candidate.near),
                                 (keys.story, prefix(candidate.near, STORY_COVERAGE)),
                                 (keys.whole, prefix(candidate.keys, self.share)),
                                 (keys.whole_rarest, candidate.keys)):
            found.update(*filter(None, map(index.get, looked_up)))
        return sorted(found)


class _Merger:
    """Clusters found through the content keys they hold, per bucket.

    A candidate scores above 0 with a cluster only through a shared key: the words around its
    date with a member's (`near`), its whole sentence with a member's at the same date
    (`whole`), or the words around its date with the cluster's story (`covered`); and it
    joins only if one of them reaches its threshold. A similarity that reaches it shares one
    of the lighter set's rarest keys (`_Weights.prefix`), so the clusters looked up through
    those, and in them the members (`_Holders`), are all that can take the candidate; the
    rest never changed which cluster wins. Exact scores are computed only when more than one
    cluster could take it. A bucket no candidate left to merge looks in is not kept up.
    """

    def __init__(self, idf: dict[str, float], candidates: list[Candidate]) -> None:
        self.idf = idf
        self.weights = _Weights(idf)
        self.clusters: list[Cluster] = []
        self.reports: list[_Reports] = []
        self.buckets: dict[Bucket, _Bucket] = {}
        # per bucket, the candidates left to merge that look in it, and all their keys
        self.looking: Counter[Bucket] = Counter()
        self.wanted: dict[Bucket, set[str]] = {}
        for candidate in candidates:
            where = _bucket(candidate)
            self.looking[where] += 1
            self.wanted.setdefault(where, set()).update(candidate.keys, candidate.near)

    def add(self, candidate: Candidate) -> None:
        where = _bucket(candidate)
        self.looking[where] -= 1
        bucket = self.buckets.get(where)
        found = bucket.found(candidate, self.weights, self.reports) if bucket else ()
        exact = (candidate.date, candidate.until, candidate.kind)
        sentence = (candidate.doc_id, candidate.sentence_start)
        taking: list[tuple[int, bool, float | None]] = []  # (cluster, same, score if known)
        for number in found:  # all of a date the candidate's could be: its bucket's
            cluster, reports = self.clusters[number], self.reports[number]
            if sentence in reports.sentences:
                continue  # one sentence never reports one event twice
            same = (cluster.date, cluster.until, cluster.kind) == exact
            if not same and candidate.relative and candidate.precision == "year":
                continue  # said when it was talked about, not when it happened
            threshold = _threshold(candidate, same)
            bound = self.weights.bound
            if (bound(candidate.near, reports.near_keys, reports.lightest_near) >= threshold
                    and self._reaches(reports.near, candidate.near, threshold)) or (
                    same and bound(candidate.keys, reports.story, reports.lightest_whole)
                    >= threshold and self._reaches(reports.whole, candidate.keys, threshold)):
                taking.append((number, same, None))
                continue
            if same and candidate.precision == "day":
                continue  # a day's report joins by its own words: a story of many reports
                # covers the words of most others of that day (merge precision, eval/README.md)
            covered = self.weights.coverage(candidate.near, reports.story)
            if covered >= STORY_COVERAGE:
                taking.append((number, same, covered))
        best = self._strongest(taking, candidate)
        if best < 0 and candidate.since:
            return  # a starting point that reports no event of its own
        if best < 0:
            best = self._new(candidate)
        self._join(best, candidate)

    def _strongest(self, taking: list[tuple[int, bool, float | None]],
                   candidate: Candidate) -> int:
        """The cluster the candidate reports most strongly (the earliest of equals), -1 for
        none; scores are only needed to choose between clusters."""
        if len(taking) <= 1:
            return taking[0][0] if taking else -1
        best, best_score = -1, 0.0
        for number, same, known in taking:
            score = known
            if score is None:
                reports = self.reports[number]
                score = max(self._most(reports.near, candidate.near),
                            self._most(reports.whole, candidate.keys) if same else 0.0)
            if score > best_score:
                best, best_score = number, score
        return best

    def _reaches(self, holders: _Holders[frozenset[str]], keys: frozenset[str],
                 threshold: float) -> bool:
        """Whether a member's keys are at least `threshold` similar to these."""
        similarity = self.weights.similarity
        return any(similarity(keys, theirs) >= threshold
                   for theirs in holders.matches(keys, self.weights))

    def _most(self, holders: _Holders[frozenset[str]], keys: frozenset[str]) -> float:
        """The best similarity of these keys to a member's, where it can reach a threshold;
        a similarity is at most 1, so the search stops there."""
        top = 0.0
        for theirs in holders.matches(keys, self.weights):
            top = max(top, self.weights.similarity(keys, theirs))
            if top >= 1.0:
                break
        return top

    def _new(self, candidate: Candidate) -> int:
        number = len(self.clusters)
        cluster = Cluster(candidate.date, candidate.until, candidate.kind, [], idf=self.idf)
        buckets = _buckets(cluster)
        if not any(self.looking[bucket] > 0 for bucket in buckets):
            self.clusters.append(cluster)  # no candidate left will look for it: not held
            self.reports.append(_UNHELD)
            return number
        levels = []
        for bucket in buckets:
            level = self.buckets.get(bucket)
            if level is None:
                level = self.buckets[bucket] = _Bucket(bucket, _least_similarity(bucket),
                                                       self.wanted.get(bucket, set()))
            levels.append(level)
        least = levels[-1].share
        reports = _Reports(levels, _Holders(least), _Holders(least))
        reports.near_rarest = {level.share: set() for level in levels}
        self.clusters.append(cluster)
        self.reports.append(reports)
        for level in levels:
            level.add(number, self.reports)
        return number

    def _join(self, number: int, candidate: Candidate) -> None:
        cluster, reports = self.clusters[number], self.reports[number]
        cluster.members.append(candidate)
        if reports is _UNHELD:
            return
        reports.sentences.add((candidate.doc_id, candidate.sentence_start))
        if not any(self.looking[level.bucket] > 0 for level in reports.levels):
            return  # no candidate left will look for this cluster
        prefix = self.weights.prefix
        near = candidate.near - reports.near_keys
        story = candidate.keys - reports.story
        reports.near_keys |= near
        reports.story |= story
        rarest = {}
        for share, known in reports.near_rarest.items():
            rarest[share] = set(prefix(candidate.near, share)) - known
            known |= rarest[share]
        finest = reports.levels[-1]
        whole_rarest = set(prefix(candidate.keys, finest.share)) - reports.whole_rarest
        reports.whole_rarest |= whole_rarest
        for level in reports.levels:
            if self.looking[level.bucket] > 0:
                level.hold(number, reports, near, story, rarest[level.share], whole_rarest)
        if candidate.near not in reports.near.items:
            reports.near.add(candidate.near, candidate.near, self.weights)
            if candidate.near:
                reports.lightest_near = min(reports.lightest_near,
                                            self.weights.of(candidate.near))
        if candidate.keys not in reports.whole.items:
            reports.whole.add(candidate.keys, candidate.keys, self.weights)
            if candidate.keys:
                reports.lightest_whole = min(reports.lightest_whole,
                                             self.weights.of(candidate.keys))
