"""Each command's answer as plain data, computed once and rendered for Telegram, console or JSON.

The bot never writes about the news itself: every text field below that comes from the corpus is
a verbatim sentence or passage, and every such item names its outlet. The only words of the bot's
own are in `Notice` (usage, nothing found) and in headings the renderers add.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from bot.commands import BY_NAME, COMMANDS, parse_message
from bot.config import Config
from bot.index import Hit, NewsIndex
from bot.models import Document, PartialDate
from bot.text import STOPWORDS, fold, tokenize


@dataclass
class Source:
    outlet: str
    doc_id: str
    passage_id: str
    date: str | None = None
    url: str = ""
    sentence: str = ""


@dataclass
class SearchResult:
    rank: int
    score: float
    outlet: str
    doc_id: str
    date: str | None
    url: str
    passage_id: str
    text: str
    title: str = ""
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Event:
    date: str  # YYYY, YYYY-MM or YYYY-MM-DD
    date_display: str
    precision: str
    text: str
    sources: list[Source]


@dataclass
class QuoteItem:
    text: str
    speaker: str
    role: str
    outlet: str
    doc_id: str
    date: str | None
    passage_id: str
    sentence: str
    url: str = ""


@dataclass
class OutletSummary:
    outlet: str
    doc_ids: list[str]
    passages: int
    summary: list[str]
    dates: list[str]
    slant: str = ""
    summary_passage_ids: list[str] = field(default_factory=list)


@dataclass
class CorpusOutlet:
    outlet: str
    documents: int
    dates: list[str]
    slant: str


@dataclass
class Answer:
    command: str
    query: str
    notes: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        for result in data.get("results", []):
            result.pop("highlights", None)
        return data


@dataclass
class SearchAnswer(Answer):
    results: list[SearchResult] = field(default_factory=list)


@dataclass
class TimelineAnswer(Answer):
    events: list[Event] = field(default_factory=list)


@dataclass
class QuoteAnswer(Answer):
    quotes: list[QuoteItem] = field(default_factory=list)


@dataclass
class SourcesAnswer(Answer):
    outlets: list[OutletSummary] = field(default_factory=list)
    not_covered_by: list[str] = field(default_factory=list)


@dataclass
class HelpAnswer(Answer):
    corpus: list[CorpusOutlet] = field(default_factory=list)
    documents: int = 0
    passages: int = 0
    examples: dict[str, str] = field(default_factory=dict)


@dataclass
class Notice(Answer):
    """The bot's own words: usage, nothing found, an unknown command."""

    kind: str = "info"  # usage | not_found | unknown_command
    message: str = ""
    suggestions: list[str] = field(default_factory=list)


def _iso(document: Document) -> str | None:
    return document.date.iso() if document.date else None


class Answerer:
    """Turns a parsed command into its answer, against one index and one configuration."""

    def __init__(self, index: NewsIndex, config: Config) -> None:
        self.index = index
        self.config = config
        self.examples = suggested_queries(index)

    def answer_text(self, text: str) -> Answer:
        """Answer a message as typed in a chat ("/quote Xi", or plain words meaning a search)."""
        parsed = parse_message(text)
        if not parsed.command:
            return Notice(
                "unknown", parsed.raw_command, kind="unknown_command",
                message=f"I don't know /{parsed.raw_command}. Try /help for what I can do.",
            )
        return self.answer(parsed.command, parsed.args)

    def answer(self, command: str, args: str) -> Answer:
        query, notes = self._clean_query(args)
        spec = BY_NAME[command]
        if spec.needs_topic and not query:
            return self.usage(command)
        handler = {
            "start": self.help,
            "help": self.help,
            "search": self.search,
            "timeline": self.timeline,
            "quote": self.quote,
            "sources": self.sources,
        }[command]
        answer = handler(query)
        answer.notes[:0] = notes
        return answer

    def _clean_query(self, args: str) -> tuple[str, list[str]]:
        query = " ".join(args.split())
        limit = self.config.max_query_chars
        if len(query) > limit:
            cut = query[:limit].rsplit(" ", 1)[0] or query[:limit]
            note = (f"Your message was long ({len(query):,} characters); "
                    f"I used its first {len(cut):,}.")
            return cut, [note]
        return query, []

    def usage(self, command: str) -> Notice:
        spec = BY_NAME[command]
        example = self.examples.get(command) or spec.example
        return Notice(
            command, "", kind="usage",
            message=f"{spec.summary}. Usage: {spec.usage}",
            suggestions=[f"/{command} {example}"],
        )

    def not_found(self, command: str, query: str, what: str) -> Notice:
        # Any corpus word finds passages; timelines and quotes need a topic known to work.
        picks = list(self.examples.values()) if command in ("search", "sources") else []
        picks.insert(0, self.examples.get(command, ""))
        picks = [q for q in dict.fromkeys(picks) if q and fold(q) != fold(query)]
        return Notice(
            command, query, kind="not_found",
            message=f"No {what} in the corpus for “{query}”.",
            suggestions=[f"/{command} {q}" for q in picks][:3],
        )

    # -- the commands ---------------------------------------------------------------------------

    def help(self, query: str) -> HelpAnswer:
        per_outlet: dict[str, list[Document]] = defaultdict(list)
        for document in self.index.documents:
            per_outlet[document.outlet].append(document)
        outlets = [
            CorpusOutlet(
                outlet,
                len(docs),
                sorted({d.date.iso() for d in docs if d.date}),
                next((d.slant for d in docs if d.slant), ""),
            )
            for outlet, docs in per_outlet.items()
        ]
        examples = {spec.name: self.examples.get(spec.name) or spec.example for spec in COMMANDS}
        return HelpAnswer(
            "help", query, corpus=outlets, documents=len(self.index.documents),
            passages=len(self.index.passages), examples=examples,
        )

    def search(self, query: str) -> Answer:
        hits = self.index.search(query, self.config.search_results)
        if not hits:
            return self.not_found("search", query, "passages")
        terms = set(tokenize(query))
        results = [
            SearchResult(
                rank=rank,
                score=round(hit.score, 4),
                outlet=hit.document.outlet,
                doc_id=hit.document.doc_id,
                date=_iso(hit.document),
                url=hit.document.url,
                passage_id=hit.passage.passage_id,
                text=hit.passage.text,
                title=hit.document.title,
                highlights=highlight_spans(hit.passage.text, terms),
            )
            for rank, hit in enumerate(hits, start=1)
        ]
        return SearchAnswer("search", query, results=results)

    def timeline(self, query: str) -> Answer:
        terms = set(tokenize(query))
        grouped = group_events(self.index, terms)
        if not grouped:
            what = "dated events" if query else "dated events at all"
            return self.not_found("timeline", query, what)
        events = grouped[: self.config.timeline_events]
        notes = []
        if len(grouped) > len(events):
            notes.append(f"Showing the first {len(events)} of {len(grouped)} events.")
        return TimelineAnswer("timeline", query, notes=notes, events=events)

    def quote(self, query: str) -> Answer:
        limit = self.config.quotes
        if query:
            ranked = [q for q, _ in self.index.search_quotes(query, limit)]
        else:
            ranked = self.index.quotes[:limit]
        if not ranked:
            return self.not_found("quote", query, "quotations")
        items = []
        for quote in ranked:
            document = self.index.document(self.index.passage(quote.passage_id).doc_id)
            items.append(
                QuoteItem(
                    text=quote.text,
                    speaker=quote.speaker,
                    role=quote.role,
                    outlet=document.outlet,
                    doc_id=document.doc_id,
                    date=_iso(document),
                    passage_id=quote.passage_id,
                    sentence=quote.sentence.text,
                    url=document.url,
                )
            )
        return QuoteAnswer("quote", query, quotes=items)

    def sources(self, query: str) -> Answer:
        all_outlets = self.index.corpus.outlets()
        if not query:
            outlets = [self._outlet_overview(o) for o in all_outlets]
            return SourcesAnswer("sources", query, outlets=outlets)
        terms = tokenize(query)
        hits = self.index.search(query, max(50, 10 * len(all_outlets)))
        if not hits:
            return self.not_found("sources", query, "coverage")
        by_outlet: dict[str, list[Hit]] = defaultdict(list)
        for hit in hits:
            by_outlet[hit.document.outlet].append(hit)
        summaries = []
        for outlet, outlet_hits in sorted(by_outlet.items(), key=lambda kv: -len(kv[1])):
            docs = list(dict.fromkeys(h.document.doc_id for h in outlet_hits))
            sentences, passage_ids = best_sentences(outlet_hits, set(terms),
                                                    self.config.sources_sentences)
            summaries.append(
                OutletSummary(
                    outlet=outlet,
                    doc_ids=docs,
                    passages=len(outlet_hits),
                    summary=sentences,
                    dates=sorted({d for h in outlet_hits if (d := _iso(h.document))}),
                    slant=next((h.document.slant for h in outlet_hits if h.document.slant), ""),
                    summary_passage_ids=passage_ids,
                )
            )
        missing = [o for o in all_outlets if o not in by_outlet]
        return SourcesAnswer("sources", query, outlets=summaries, not_covered_by=missing)

    def _outlet_overview(self, outlet: str) -> OutletSummary:
        docs = [d for d in self.index.documents if d.outlet == outlet]
        lead: list[tuple[str, str]] = []
        for position in range(3):  # the lead sentences of each article, in turn
            for document in docs:
                sentences = [(s.text, p.passage_id) for p in document.passages[:2]
                             for s in p.sentences]
                if position < len(sentences):
                    lead.append(sentences[position])
        lead = lead[: self.config.sources_sentences]
        return OutletSummary(
            outlet=outlet,
            doc_ids=[d.doc_id for d in docs],
            passages=sum(len(d.passages) for d in docs),
            summary=[text for text, _ in lead],
            dates=sorted({d.date.iso() for d in docs if d.date}),
            slant=next((d.slant for d in docs if d.slant), ""),
            summary_passage_ids=[pid for _, pid in lead],
        )


def highlight_spans(text: str, terms: set[str]) -> list[tuple[int, int]]:
    """Character spans of the words in `text` whose index term is one of `terms`."""
    if not terms:
        return []
    spans = []
    for match in re.finditer(r"[^\W_]+", text):
        token = tokenize(match.group())
        if token and token[0] in terms:
            spans.append((match.start(), match.end()))
    return spans


def best_sentences(hits: list[Hit], terms: set[str], limit: int) -> tuple[list[str], list[str]]:
    """The sentences of the hits that share most query terms, without near-repeats."""
    scored = []
    for rank, hit in enumerate(hits):
        for sentence in hit.passage.sentences:
            sentence_terms = set(tokenize(sentence.text))
            overlap = len(sentence_terms & terms)
            if overlap:
                scored.append((-overlap, rank, sentence.start, sentence.text,
                               hit.passage.passage_id, sentence_terms))
    scored.sort()
    chosen: list[tuple[str, str, set[str]]] = []
    for *_, text, passage_id, sentence_terms in scored:
        if any(_jaccard(sentence_terms, seen) > 0.5 for _, _, seen in chosen):
            continue
        chosen.append((text, passage_id, sentence_terms))
        if len(chosen) == limit:
            break
    return [c[0] for c in chosen], [c[1] for c in chosen]


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def group_events(index: NewsIndex, terms: set[str]) -> list[Event]:
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
        source = Source(document.outlet, document.doc_id, mention.passage_id, _iso(document),
                        document.url, mention.sentence.text)
        clusters = groups[iso]
        for cluster in clusters:
            same_day = mention.date.precision == "day"
            if same_day or any(_jaccard(sentence_terms, t) >= 0.25 for _, t, _ in cluster):
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


def suggested_queries(index: NewsIndex) -> dict[str, str]:
    """Queries that work on this corpus, for /help examples and "nothing found" suggestions.

    The most frequent capitalized two-word names make good topics on any corpus.
    """
    counts: dict[str, int] = defaultdict(int)
    for passage in index.passages[:5000]:
        for match in re.finditer(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)\b", passage.text):
            if fold(match.group(1)) in STOPWORDS or fold(match.group(2)) in STOPWORDS:
                continue
            counts[match.group(0)] += 1
    names = sorted(counts, key=lambda n: (-counts[n], n))
    person = next((n for n in names if any(n.split()[0] == q.speaker.split()[0]
                                           for q in index.quotes if q.speaker)), "")
    dated = {t for m in index.mentions for t in tokenize(m.sentence.text)}
    topic = next((n for n in names if set(tokenize(n)) <= dated), "")
    common = _common_content_word(index)
    return {
        "search": common or topic,
        "timeline": topic,
        "quote": person or topic,
        "sources": common or topic,
    }


def _common_content_word(index: NewsIndex) -> str:
    """A common noun that several outlets use but not all, e.g. "blockade"; "" if none.

    Such a topic shows what the bot is for: who covers it, and who leaves it out.
    """
    outlets_per_word: dict[str, set[str]] = defaultdict(set)
    for document in index.documents[:500]:
        for word in set(re.findall(r"\b[a-z]{7,}\b", document.text)):
            outlets_per_word[word].add(document.outlet)
    outlets = len(index.corpus.outlets())
    wanted = max(2, outlets // 2)
    candidates = [w for w, o in outlets_per_word.items() if wanted <= len(o) < max(outlets, 3)]
    candidates.sort(key=lambda w: (-len(outlets_per_word[w]), w))
    return candidates[0] if candidates else ""
