"""Turning a message into its answer: the one place where commands are dispatched.

Telegram handlers, the console chat and `newsbot ask` all call `Answerer`, so the three
front ends cannot drift apart.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from collections import defaultdict

from bot.answers.compare import compare_answer
from bot.answers.quote import quote_answer
from bot.answers.scope import EVERYTHING, Scope
from bot.answers.sources import sources_answer
from bot.answers.timeline import build_timeline, most_reported, parse_timeline_query
from bot.answers.types import (
    Answer,
    CorpusOutlet,
    HelpAnswer,
    Notice,
    QuoteAnswer,
    SearchAnswer,
    SearchResult,
    TimelineAnswer,
)
from bot.commands import BY_NAME, COMMANDS, parse_message, split_chart_word
from bot.config import Config
from bot.models import Document
from bot.retrieval.coverage import Coverage, find_coverage
from bot.retrieval.index import NewsIndex, iso_date, outlet_slants
from bot.settings import ChatSettings, restrict, widened_limits
from bot.text import STOPWORDS, fold, tokenize


class Answerer:
    """Turns a parsed command into its answer, against one index and one configuration."""

    def __init__(self, index: NewsIndex, config: Config) -> None:
        self.index = index
        self.config = config
        self.examples = suggested_queries(index)
        self.slants = outlet_slants(index)
        self._chat_outlets: list[str] | None = None  # those a chat's settings include; None: all

    def outlets(self) -> list[str]:
        """The corpus's outlets, in corpus order: what a chat's settings choose from."""
        return self.index.corpus.outlets()

    def answer_text(self, text: str, scope: Scope = EVERYTHING) -> Answer:
        """Answer a message as typed in a chat ("/quote Xi", or plain words meaning a search)."""
        parsed = parse_message(text)
        if not parsed.command:
            return Notice(
                "unknown", parsed.raw_command, kind="unknown_command",
                message=f"I don't know /{parsed.raw_command}. Try /help for what I can do.",
            )
        return self.answer(parsed.command, parsed.args, scope)

    def answer(self, command: str, args: str, scope: Scope = EVERYTHING) -> Answer:
        if not scope.is_everything:
            settings = ChatSettings(sorted(scope.excluded), scope.results, scope.balance)
            return self._answer_for_chat(command, args, settings)
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
            "compare": self.compare,
            "settings": self.settings,
        }[command]
        answer = handler(query)
        answer.notes[:0] = notes
        return answer

    def _answer_for_chat(self, command: str, args: str, settings: ChatSettings) -> Answer:
        """The answer computed over the chat's outlets with room to spare, then cut to size."""
        view = copy.copy(self)
        results, quotes = widened_limits(settings, self.config.answers.search_results,
                                         self.config.answers.quotes)
        view.config = dataclasses.replace(self.config, answers=dataclasses.replace(
            self.config.answers, search_results=results, quotes=quotes))
        view._chat_outlets = settings.included(self.index.corpus.outlets())
        answer = view.answer(command, args)
        limits = self.config.answers
        default = limits.quotes if command == "quote" else limits.search_results
        slants = list(dict.fromkeys(self.slants.get(o, "") for o in view._chat_outlets))
        answer = restrict(answer, settings, settings.results or default,
                          lambda outlet: self.slants.get(outlet, ""), slants)
        emptied = ((isinstance(answer, SearchAnswer) and not answer.results)
                   or (isinstance(answer, QuoteAnswer) and not answer.quotes)
                   or (isinstance(answer, TimelineAnswer) and not answer.events))
        if emptied:
            return Notice(command, answer.query, kind="not_found",
                          message=f"Nothing from the outlets this chat includes on "
                                  f"“{answer.query}”. /settings changes which outlets.")
        return answer

    def _clean_query(self, args: str) -> tuple[str, list[str]]:
        query = " ".join(args.split())
        limit = self.config.answers.max_query_chars
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
        picks = (list(self.examples.values()) if command in ("search", "sources", "compare")
                 else [])
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
        hits = self.index.search(query, self.config.answers.search_results)
        if not hits:
            return self.not_found("search", query, "passages")
        terms = set(tokenize(query))
        results = [
            SearchResult(
                rank=rank,
                score=round(hit.score, 4),
                outlet=hit.document.outlet,
                doc_id=hit.document.doc_id,
                date=iso_date(hit.document),
                url=hit.document.url,
                passage_id=hit.passage.passage_id,
                text=hit.passage.text,
                title=hit.document.title,
                highlights=highlight_spans(hit.passage.text, terms),
            )
            for rank, hit in enumerate(hits, start=1)
        ]
        notes = []
        coverage = find_coverage(self.index, query, self.config.answers.coverage_min_share,
                                 self._chat_outlets)
        if not coverage.hits:  # what /sources would call weak evidence: say so before showing it
            notes.append(f"The corpus hardly covers “{query}”: {self._weakness(query, coverage)}"
                         ". These passages come closest.")
        return SearchAnswer("search", query, notes=notes, results=results)

    def timeline(self, query: str) -> Answer:
        asked = parse_timeline_query(query)
        grouped = build_timeline(self.index, set(tokenize(asked.topic)), asked.period)
        if not grouped:
            what = "dated events" if query else "dated events at all"
            return self.not_found("timeline", query, what)
        events = most_reported(grouped, self.config.answers.timeline_events)
        notes = []
        if len(grouped) > len(events):
            notes.append(f"Showing the {len(events)} most widely reported of {len(grouped)} "
                         "events.")
        return TimelineAnswer("timeline", query, notes=notes, events=events, topic=asked.topic,
                              period=asked.period.describe() if asked.period else "",
                              chart=asked.chart, total_events=len(grouped))

    def quote(self, query: str) -> Answer:
        answer = quote_answer(self.index, query, self.config.answers.quotes)
        return answer if answer is not None else self.not_found("quote", query, "quotations")

    def sources(self, query: str) -> Answer:
        query, chart = split_chart_word(query)
        answer = sources_answer(self.index, query, self.config.answers.sources_sentences,
                                self.config.answers.coverage_min_share, self._chat_outlets)
        if isinstance(answer, Coverage):
            return self.weak_evidence("sources", query, answer)
        answer.chart = chart
        return answer

    def compare(self, query: str) -> Answer:
        coverage = find_coverage(self.index, query, self.config.answers.coverage_min_share,
                                 self._chat_outlets)
        if not coverage.hits:
            return self.weak_evidence("compare", query, coverage)
        return compare_answer(coverage, self.index, query)

    def weak_evidence(self, command: str, query: str, coverage: Coverage) -> Notice:
        """Say plainly that the corpus hardly covers a topic, rather than summarize noise."""
        if not coverage.touched:
            return self.not_found(command, query, "coverage")
        notice = self.not_found(command, query, "coverage")
        notice.kind = "weak_evidence"
        notice.message = (f"The corpus hardly covers “{query}”: "
                          f"{self._weakness(query, coverage)}, so I won't summarize passing "
                          "mentions.")
        return notice

    @staticmethod
    def _weakness(query: str, coverage: Coverage) -> str:
        """Why no passage covers the query: the words no article has, or that never meet."""
        absent = [w for w in dict.fromkeys(query.split())
                  if (t := tokenize(w)) and not set(t) & coverage.found_terms]
        return (f"no article mentions {', '.join(f'“{w}”' for w in absent)}" if absent
                else "its words hardly ever come together in one passage")

    def settings(self, query: str) -> Notice:
        return Notice(
            "settings", query, kind="info",
            message="Settings belong to a Telegram chat: send /settings there to choose the "
                    "outlets, how many results and the balance mode. Here every outlet counts.",
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
        "compare": common or topic,
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
