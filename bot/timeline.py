"""/timeline: dated sentences grouped into events in date order, with the outlets of each."""

from __future__ import annotations

from collections import defaultdict

from bot.answers import Event, Source
from bot.index import NewsIndex, iso_date
from bot.models import PartialDate
from bot.text import jaccard, tokenize


def build_timeline(index: NewsIndex, terms: set[str]) -> list[Event]:
    """Dated sentences as events in date order; one event per date and story, with all outlets.

    Two sentences with the same date are the same event when the date is exact to the day or
    when they share enough words; each outlet's own sentence is kept under the event.
    """
    groups: dict[str, list[list[tuple[Source, set[str], str]]]] = defaultdict(list)
    dates: dict[str, PartialDate] = {}
    seen: set[tuple[str, str, int]] = set()
    for mention in index.mentions:
        sentence_terms = set(tokenize(mention.sentence.text))
        if terms and not sentence_terms & terms:
            continue
        document = index.document(index.passage(mention.passage_id).doc_id)
        iso = mention.date.iso()
        if (iso, document.doc_id, mention.sentence.start) in seen:
            continue
        seen.add((iso, document.doc_id, mention.sentence.start))
        dates[iso] = mention.date
        source = Source(document.outlet, document.doc_id, mention.passage_id, iso_date(document),
                        document.url, mention.sentence.text)
        clusters = groups[iso]
        for cluster in clusters:
            same_day = mention.date.precision == "day"
            if same_day or any(jaccard(sentence_terms, t) >= 0.25 for _, t, _ in cluster):
                cluster.append((source, sentence_terms, mention.sentence.text))
                break
        else:
            clusters.append([(source, sentence_terms, mention.sentence.text)])
    events = []
    for iso in sorted(groups, key=lambda d: dates[d].sort_key()):
        for cluster in groups[iso]:
            sources = _one_per_outlet([source for source, _, _ in cluster])
            events.append(Event(iso, dates[iso].display(), dates[iso].precision,
                                cluster[0][2], sources))
    return events


def _one_per_outlet(sources: list[Source]) -> list[Source]:
    first: dict[str, Source] = {}
    for source in sources:
        first.setdefault(source.outlet, source)
    return list(first.values())
