"""The searchable corpus: passages ranked by BM25, with dates, events and quotations extracted
up front.

Everything a command needs is computed when the index is built, so answering stays fast on a
large corpus. Building it is corpus → extract → postings; caching it is `cache.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.config import CorpusConfig, IndexConfig
from bot.corpus.documents import Corpus, load_corpus
from bot.extract.dates import DateMention, complete_publication_date, extract_date_mentions
from bot.extract.events import Candidate, candidate_events
from bot.extract.quotes import Identities, PersonMention, Quote, extract_quotes_and_people, identify
from bot.models import Document, Passage
from bot.retrieval.bm25 import BM25Postings
from bot.text import tokenize


def iso_date(document: Document) -> str | None:
    """The publication date as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', if known."""
    return document.date.iso() if document.date else None


@dataclass(frozen=True)
class Hit:
    passage: Passage
    document: Document
    score: float


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
    # One identity per person across spellings; derived from quotes and people, kept with them.
    identities: Identities = field(default_factory=Identities, repr=False)
    _passage_index: dict[str, int] = field(default_factory=dict, repr=False)
    _outlet_masks: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._passage_index = {p.passage_id: i for i, p in enumerate(self.passages)}
        outlets = np.array([self.corpus.document(p.doc_id).outlet for p in self.passages])
        self._outlet_masks = {o: outlets == o for o in self.corpus.outlets()}
        self.identities = identify([*(q.speaker for q in self.quotes if q.speaker),
                                    *(m.person for m in self.people)])

    @property
    def documents(self) -> list[Document]:
        return self.corpus.documents

    def document(self, doc_id: str) -> Document:
        return self.corpus.document(doc_id)

    def passage(self, passage_id: str) -> Passage:
        return self.passages[self._passage_index[passage_id]]

    def search(self, query: str, k: int, outlet: str | None = None) -> list[Hit]:
        """The k best passages for the query, best first (optionally of one outlet only)."""
        mask = self._outlet_masks.get(outlet) if outlet else None
        if outlet and mask is None:
            return []
        ranked = self.postings.top(tokenize(query), k, allowed=mask)
        return [self._hit(self.passages[r.index], r.score) for r in ranked]

    def search_quotes(self, query: str, k: int) -> list[tuple[Quote, float]]:
        ranked = self.quote_postings.top(tokenize(query), k)
        return [(self.quotes[r.index], r.score) for r in ranked]

    def _hit(self, passage: Passage, score: float) -> Hit:
        return Hit(passage, self.corpus.document(passage.doc_id), score)


def outlet_slants(index: NewsIndex) -> dict[str, str]:
    """Each outlet's slant as the metadata records it ("" when none does)."""
    slants: dict[str, str] = {}
    for document in index.documents:
        if not slants.get(document.outlet):
            slants[document.outlet] = document.slant
    return slants


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
    return NewsIndex(corpus, passages, postings, mentions, quotes, quote_postings, key, people,
                     candidates=candidates)

