"""The searchable corpus: passages ranked by BM25, with dates, events and quotations extracted
up front.

Everything a command needs is computed when the index is built, so answering stays fast on a
large corpus. Building it is corpus → extract → postings; caching it is `cache.py`.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.config import CorpusConfig, IndexConfig
from bot.corpus.documents import Corpus
from bot.corpus.files import corpus_files
from bot.extract.dates import DateMention
from bot.extract.events import Candidate, Cluster, every_event, key_idf
from bot.extract.identities import Identities, identify
from bot.extract.people import PersonMention
from bot.extract.quote_groups import groups_without_topic
from bot.extract.quotes import Quote
from bot.models import Document, Passage, field_values
from bot.retrieval.bm25 import BM25Postings, TermNumbers
from bot.retrieval.examples import suggested_queries
from bot.retrieval.extraction import analyse_files
from bot.retrieval.extraction import passage_terms as passage_terms  # where the tests look
from bot.retrieval.query import Query, analyse_query
from bot.retrieval.sentence_terms import SentenceTerms, SentenceTermsBuilder
from bot.retrieval.store import subset

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
    documents: Sequence[Document]
    passages: int
    dates: list[str]  # its articles' publication dates, ISO, sorted and distinct
    languages: list[str] = field(default_factory=list)  # its articles' languages, most used first


def most_used(languages: Iterable[str]) -> list[str]:
    """Distinct known languages, the most used first (ties: first seen)."""
    counted = Counter(language for language in languages if language)
    return [language for language, _ in counted.most_common()]


def outlet_facts(documents: Sequence[Document]) -> dict[str, OutletFacts]:
    """Each outlet's facts, in the order its first article comes; read from the documents'
    fields, so that documents loaded from the cache are not made for it."""
    rows: dict[str, list[int]] = {}
    for row, outlet in enumerate(field_values(documents, "outlet")):
        rows.setdefault(outlet, []).append(row)
    slants = field_values(documents, "slant")
    dates = field_values(documents, "date")
    languages = field_values(documents, "language")
    sizes = [len(passages) for passages in field_values(documents, "passages")]
    return {
        outlet: OutletFacts(
            outlet,
            next((slants[r] for r in chosen if slants[r]), ""),
            subset(documents, chosen),
            sum(sizes[r] for r in chosen),
            sorted({dates[r].iso() for r in chosen if dates[r]}),
            most_used(languages[r] for r in chosen),
        )
        for outlet, chosen in rows.items()
    }


@dataclass
class NewsIndex:
    """Sequences, not lists: an index loaded from the cache makes its records when read."""

    corpus: Corpus
    passages: Sequence[Passage]
    postings: BM25Postings
    mentions: Sequence[DateMention]
    quotes: Sequence[Quote]
    quote_postings: BM25Postings
    key: str = ""
    people: Sequence[PersonMention] = field(default_factory=list)  # sentences naming a person
    candidates: Sequence[Candidate] = field(default_factory=list)  # dated sentences: /timeline
    # All the candidates merged, in date order: /timeline without a topic; None: not prepared.
    events: list[Cluster] | None = None
    # The quotations shown without a topic, the same words grouped (positions in `quotes`).
    quote_groups: list[list[int]] | None = None
    sentence_terms: SentenceTerms | None = None  # each sentence's terms, for /sources
    examples: dict[str, str] | None = None  # a working query per command; None: not prepared
    # The weights of the candidates' keys (`key_idf`): a chat's events' leads are chosen by them.
    event_idf: dict[str, float] | None = None
    # Other outlets that republished an article (a near-duplicate added later), by doc_id
    carriers: dict[str, list[str]] = field(default_factory=dict)
    # One identity per person across spellings; derived from quotes and people (when not given).
    identities: Identities = field(default_factory=Identities, repr=False)
    outlets: dict[str, OutletFacts] = field(default_factory=dict, init=False, repr=False)
    _first_passage: list[int] = field(default_factory=list, init=False, repr=False)
    _outlet_masks: dict[str, np.ndarray] = field(default_factory=dict, init=False, repr=False)
    # Masks of the sets of outlets asked for so far: a chat's outlets, one slant's outlets.
    _masks: dict[frozenset[str], np.ndarray] = field(default_factory=dict, init=False,
                                                     repr=False, compare=False)

    def __post_init__(self) -> None:
        """What is derived from the stored fields: from whole columns, never record by record."""
        self.outlets = outlet_facts(self.documents)
        sizes = [len(passages) for passages in field_values(self.documents, "passages")]
        self._first_passage = [0, *itertools.accumulate(sizes)]
        numbers = {outlet: number for number, outlet in enumerate(self.outlets)}
        per_document = [numbers[o] for o in field_values(self.documents, "outlet")]
        outlets = np.repeat(np.array(per_document, np.int32), sizes)
        self._outlet_masks = {o: outlets == n for o, n in numbers.items()}
        if not self.identities.labels:
            self.identities = identify([*(s for s in field_values(self.quotes, "speaker") if s),
                                        *field_values(self.people, "person")])

    @property
    def documents(self) -> Sequence[Document]:
        return self.corpus.documents

    def document(self, doc_id: str) -> Document:
        return self.corpus.document(doc_id)

    def passage(self, passage_id: str) -> Passage:
        return self.passages[self.position(passage_id)]

    def position(self, passage_id: str) -> int:
        """The passage's place in the corpus: what breaks ties between equal scores."""
        doc_id, _, number = passage_id.rpartition("#")  # as corpus/passages.py names them
        row = self.corpus.row(doc_id)
        start, stop = self._first_passage[row], self._first_passage[row + 1]
        if not number.isdigit() or start + int(number) >= stop:
            raise KeyError(passage_id)
        return start + int(number)

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

    def documents_holding(self, terms: Collection[str]) -> set[str]:
        """The ids of the documents whose passages hold every one of the terms between them:
        the articles about a topic, read from the postings."""
        rows: set[int] | None = None
        for term in terms:
            passages = self.postings.passages_with(term)
            found = set((np.searchsorted(self._first_passage, passages, side="right") - 1)
                        .tolist())
            rows = found if rows is None else rows & found
            if not rows:
                return set()
        doc_ids = field_values(self.documents, "doc_id")
        return {doc_ids[row] for row in rows or ()}

    def search(self, query: str | Query, k: int,
               outlets: Collection[str] | None = None) -> list[Hit]:
        """The k best passages for the query, best first, of `outlets` only (default all).

        The outlets restrict the ranking itself, so k passages come back whenever k exist.
        """
        ranked = self.postings.top(query_terms(query), k, allowed=self.mask(outlets))
        return [self._hit(self.passages[r.index], r.score) for r in ranked]

    def search_quotes(self, query: str | Query, k: int) -> list[tuple[Quote, float]]:
        ranked = self.quote_postings.top(query_terms(query), k)
        return [(self.quotes[r.index], r.score) for r in ranked]

    def _hit(self, passage: Passage, score: float) -> Hit:
        return Hit(passage, self.corpus.document(passage.doc_id), score)


def query_terms(query: str | Query) -> list[str]:
    """The terms a query looks up, in every language (and its aliases, if it is a `Query`)."""
    return (query if isinstance(query, Query) else analyse_query(query)).terms


@dataclass
class Batch:
    """Some articles read, with the records found in them that no index-wide step needs: what a
    large build writes to disk a part at a time instead of holding it all (`cache.build_into`)."""

    corpus: Corpus
    mentions: list[DateMention] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)


@dataclass
class Gathered:
    """What the index-wide steps (postings, events, identities, quotation groups) need of every
    article, kept compact: terms as numbers, people as their names."""

    terms: TermNumbers = field(default_factory=TermNumbers)
    sentence_terms: SentenceTermsBuilder = field(default_factory=SentenceTermsBuilder)
    quote_terms: TermNumbers = field(default_factory=TermNumbers)
    # All of them, or with `slim` only what merging them into events reads (no terms)
    candidates: list[Candidate] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    persons: list[str] = field(default_factory=list)  # of the sentences naming a person

    def identities(self) -> Identities:
        """As `NewsIndex` derives them from its quotations and people."""
        return identify([*(s for s in field_values(self.quotes, "speaker") if s), *self.persons])


def gather(
    root: Path,
    corpus_settings: CorpusConfig,
    files: Iterable[Path],
    take: Callable[[Batch], None],
    workers: int | None = None,
    every: int = 0,
    slim: bool = False,
) -> Gathered:
    """Analyse the files (in `workers` processes); the index-wide steps' share is kept, the
    rest handed to `take` every `every` articles (0: once, at the end). `slim`: the
    candidates kept are `slimmed` (the batches have them whole)."""
    gathered = Gathered()
    batch, names = Batch(Corpus(root=str(root))), _Names()
    for article in analyse_files(root, corpus_settings, files, workers):
        batch.corpus.take(article.read)
        for its_terms, its_sentences in zip(article.passage_terms, article.sentence_terms,
                                            strict=True):
            gathered.terms.add(its_terms)
            gathered.sentence_terms.add(its_sentences)
        for terms in article.quote_terms:
            gathered.quote_terms.add(terms)
        batch.mentions += article.mentions
        batch.quotes += article.quotes
        batch.people += article.people
        batch.candidates += article.candidates
        gathered.candidates += map(names.slimmed, article.candidates) if slim else \
            article.candidates
        gathered.quotes += article.quotes
        gathered.persons += [names(p.person) for p in article.people]
        if every and len(batch.corpus.documents) + len(batch.corpus.skipped) >= every:
            take(batch)
            batch = Batch(Corpus(root=str(root)))
    take(batch)
    return gathered


class _Names(dict[str, str]):
    """One string object per distinct name or key, however many sentences hold it."""

    def __call__(self, name: str) -> str:
        return self.setdefault(name, name)

    def slimmed(self, candidate: Candidate) -> Candidate:
        """The candidate as merging reads it: without its terms (a third of its memory), its
        keys shared with the other candidates'."""
        return dataclasses.replace(candidate, terms=frozenset(),
                                   keys=frozenset(map(self, candidate.keys)),
                                   near=frozenset(map(self, candidate.near)))


def build_index(
    root: Path,
    corpus_settings: CorpusConfig,
    index_settings: IndexConfig,
    files: Iterable[Path] | None = None,
    key: str = "",
    workers: int | None = None,
) -> NewsIndex:
    """The index of the articles under `root` (`files`: which, by default all), extracted in
    `workers` processes (None: one per CPU for a large corpus), held in memory."""
    corpus = Corpus(root=str(root))
    mentions: list[DateMention] = []
    people: list[PersonMention] = []

    def take(batch: Batch) -> None:
        for document in batch.corpus.documents:
            corpus.add(document)
        corpus.skipped += batch.corpus.skipped
        mentions.extend(batch.mentions)
        people.extend(batch.people)

    chosen = corpus_files(root) if files is None else files
    gathered = gather(root, corpus_settings, chosen, take, workers)
    k1, b = index_settings.k1, index_settings.b
    postings = BM25Postings.from_numbers(gathered.terms, k1, b)
    quote_postings = BM25Postings.from_numbers(gathered.quote_terms, k1, b)
    candidates = gathered.candidates
    index = NewsIndex(corpus, corpus.passages, postings, mentions, gathered.quotes,
                      quote_postings, key, people, candidates=candidates,
                      events=every_event(candidates), identities=gathered.identities())
    index.quote_groups = groups_without_topic(index.quotes, index.identities.label)
    index.sentence_terms = gathered.sentence_terms.build()
    index.examples = suggested_queries(index)
    index.event_idf = key_idf(candidates)
    return index
