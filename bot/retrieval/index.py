"""The searchable corpus: passages ranked by BM25, with dates, events and quotations extracted
up front.

Everything a command needs is computed when the index is built, so answering stays fast on a
large corpus. Building it is corpus → extract → postings; caching it is `cache.py`.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.config import CorpusConfig, IndexConfig
from bot.corpus.documents import Corpus, load_corpus
from bot.extract.dates import DateMention, complete_publication_date, extract_date_mentions
from bot.extract.events import Candidate, Cluster, candidate_events, every_event
from bot.extract.identities import Identities, identify
from bot.extract.people import PersonMention
from bot.extract.quote_groups import groups_without_topic
from bot.extract.quotes import Quote, extract_quotes_and_people
from bot.models import Document, Passage
from bot.retrieval.bm25 import BM25Postings
from bot.retrieval.sentence_terms import SentenceTerms
from bot.text import tokenize

MASKS_KEPT = 256  # passage masks of sets of outlets kept for reuse (a bool per passage each)


def iso_date(document: Document) -> str | None:
    """The publication date as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', if known."""
    return document.date.iso() if document.date else None


@dataclass(frozen=True)
class Hit:
    passage: Passage
    document: Document
    score: float


@dataclass(frozen=True)
class OutletFacts:
    """What the corpus holds of one outlet: the one home of its slant, articles and dates."""

    name: str
    slant: str  # as the metadata records it: the first of its articles that has one; "" if none
    documents: list[Document]
    passages: int
    dates: list[str]  # its articles' publication dates, ISO, sorted and distinct


def outlet_facts(documents: list[Document]) -> dict[str, OutletFacts]:
    """Each outlet's facts, in the order its first article comes."""
    per_outlet: dict[str, list[Document]] = {}
    for document in documents:
        per_outlet.setdefault(document.outlet, []).append(document)
    return {
        outlet: OutletFacts(
            outlet,
            next((d.slant for d in docs if d.slant), ""),
            docs,
            sum(len(d.passages) for d in docs),
            sorted({d.date.iso() for d in docs if d.date}),
        )
        for outlet, docs in per_outlet.items()
    }


@dataclass
class NewsIndex:
    corpus: Corpus
    passages: list[Passage]
    postings: BM25Postings
    mentions: list[DateMention]
    quotes: list[Quote]
    quote_postings: BM25Postings
    key: str = ""
    people: list[PersonMention] = field(default_factory=list)  # sentences naming a person
    candidates: list[Candidate] = field(default_factory=list)  # dated sentences, for /timeline
    # All the candidates merged, in date order: /timeline without a topic; None: not prepared.
    events: list[Cluster] | None = None
    # The quotations shown without a topic, the same words grouped (positions in `quotes`).
    quote_groups: list[list[int]] | None = None
    sentence_terms: SentenceTerms | None = None  # each sentence's terms, for /sources
    # One identity per person across spellings; derived from quotes and people, kept with them.
    identities: Identities = field(default_factory=Identities, repr=False)
    outlets: dict[str, OutletFacts] = field(default_factory=dict, init=False, repr=False)
    _passage_index: dict[str, int] = field(default_factory=dict, repr=False)
    _outlet_masks: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    # Masks of the sets of outlets asked for so far: a chat's outlets, one slant's outlets.
    _masks: dict[frozenset[str], np.ndarray] = field(default_factory=dict, init=False,
                                                     repr=False, compare=False)

    def __post_init__(self) -> None:
        self._passage_index = {p.passage_id: i for i, p in enumerate(self.passages)}
        self.outlets = outlet_facts(self.documents)
        outlets = np.array([self.corpus.document(p.doc_id).outlet for p in self.passages])
        self._outlet_masks = {o: outlets == o for o in self.outlets}
        self.identities = identify([*(q.speaker for q in self.quotes if q.speaker),
                                    *(m.person for m in self.people)])

    @property
    def documents(self) -> list[Document]:
        return self.corpus.documents

    def document(self, doc_id: str) -> Document:
        return self.corpus.document(doc_id)

    def passage(self, passage_id: str) -> Passage:
        return self.passages[self._passage_index[passage_id]]

    def position(self, passage_id: str) -> int:
        """The passage's place in the corpus: what breaks ties between equal scores."""
        return self._passage_index[passage_id]

    def outlet_of(self, passage_id: str) -> str:
        return self.corpus.document(self.passage(passage_id).doc_id).outlet

    def mask(self, outlets: Collection[str] | None) -> np.ndarray | None:
        """A boolean mask of the passages of `outlets`; None (no restriction) for all of them."""
        if outlets is None:
            return None
        chosen = frozenset(o for o in outlets if o in self._outlet_masks)
        if len(chosen) == len(self._outlet_masks):
            return None
        mask = self._masks.get(chosen)
        if mask is None:
            mask = np.zeros(len(self.passages), bool)
            for outlet in chosen:
                mask |= self._outlet_masks[outlet]
            if len(self._masks) >= MASKS_KEPT:  # many chats, each its own outlets: start again
                self._masks.clear()
            self._masks[chosen] = mask
        return mask

    def search(self, query: str, k: int, outlets: Collection[str] | None = None) -> list[Hit]:
        """The k best passages for the query, best first, of `outlets` only (default all).

        The outlets restrict the ranking itself, so k passages come back whenever k exist.
        """
        ranked = self.postings.top(tokenize(query), k, allowed=self.mask(outlets))
        return [self._hit(self.passages[r.index], r.score) for r in ranked]

    def search_quotes(self, query: str, k: int) -> list[tuple[Quote, float]]:
        ranked = self.quote_postings.top(tokenize(query), k)
        return [(self.quotes[r.index], r.score) for r in ranked]

    def _hit(self, passage: Passage, score: float) -> Hit:
        return Hit(passage, self.corpus.document(passage.doc_id), score)


def passage_terms(passage: Passage) -> list[str]:
    """A passage's index terms; its section heading counts as context."""
    return tokenize(f"{passage.heading}\n{passage.text}" if passage.heading else passage.text)


def quote_terms(quote: Quote) -> list[str]:
    return tokenize(f"{quote.speaker} {quote.role} {quote.sentence.text}")


def build_index(
    root: Path,
    corpus_settings: CorpusConfig,
    index_settings: IndexConfig,
    files: Iterable[Path] | None = None,
    key: str = "",
) -> NewsIndex:
    corpus = load_corpus(root, corpus_settings, files=files)
    for document in corpus.documents:
        complete_publication_date(document)
    passages = corpus.passages
    k1, b = index_settings.k1, index_settings.b
    postings = BM25Postings.build([passage_terms(p) for p in passages], k1, b)
    dated = [(d, extract_date_mentions(d)) for d in corpus.documents]
    mentions = [m for _, found in dated for m in found]
    candidates = [c for d, found in dated for c in candidate_events(d, found)]
    analysed = [extract_quotes_and_people(d) for d in corpus.documents]
    quotes = [q for found, _ in analysed for q in found]
    people = [m for _, named in analysed for m in named]
    quote_postings = BM25Postings.build([quote_terms(q) for q in quotes], k1, b)
    index = NewsIndex(corpus, passages, postings, mentions, quotes, quote_postings, key, people,
                      candidates=candidates, events=every_event(candidates))
    index.quote_groups = groups_without_topic(index.quotes, index.identities.label)
    index.sentence_terms = SentenceTerms.build(index.passages)
    return index

