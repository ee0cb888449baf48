"""The searchable corpus: passages ranked by BM25, with dates and quotations extracted up front.

Everything a command needs is computed when the index is built, so answering stays fast on a
large corpus; the whole index is cached on disk under a key made from the corpus content and the
settings that shape it, so a restart does not rebuild it and an edited article does.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.bm25 import BM25Postings
from bot.corpus import Corpus, PassageSizes, corpus_files, load_corpus
from bot.dates import DateMention, extract_date_mentions
from bot.models import Document, Passage, Sentence
from bot.quotes import Identities, PersonMention, Quote, extract_quotes_and_people, identify
from bot.text import TOKENIZER_VERSION, tokenize
from bot.timeline import Candidate, candidate_events

log = logging.getLogger(__name__)

INDEX_FORMAT = "1"
# The modules whose code shapes the index: a change to any of them invalidates cached indexes.
_INDEX_CODE = ("bm25", "corpus", "dates", "html_text", "index", "metadata", "models", "quotes",
               "text", "timeline")


@dataclass(frozen=True)
class IndexSettings:
    metadata_file: str = "sources.yaml"
    passage_min_chars: int = 250
    passage_max_chars: int = 1000
    k1: float = 1.5
    b: float = 0.75


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

    def sentence_passage(self, sentence: Sentence, doc_id: str) -> Passage:
        """The passage of a document that holds a sentence."""
        for passage in self.corpus.document(doc_id).passages:
            if passage.start <= sentence.start < passage.end:
                return passage
        raise KeyError(f"no passage of {doc_id} holds offset {sentence.start}")


def passage_terms(passage: Passage) -> list[str]:
    """A passage's index terms; its section heading counts as context."""
    return tokenize(f"{passage.heading}\n{passage.text}" if passage.heading else passage.text)


def quote_terms(quote: Quote) -> list[str]:
    return tokenize(f"{quote.speaker} {quote.role} {quote.sentence.text}")


def build_index(
    root: Path,
    settings: IndexSettings,
    files: Iterable[Path] | None = None,
    key: str = "",
) -> NewsIndex:
    corpus = load_corpus(
        root,
        settings.metadata_file,
        PassageSizes(settings.passage_min_chars, settings.passage_max_chars),
        files=files,
    )
    passages = corpus.passages
    postings = BM25Postings.build([passage_terms(p) for p in passages], settings.k1, settings.b)
    dated = [(d, extract_date_mentions(d)) for d in corpus.documents]
    mentions = [m for _, found in dated for m in found]
    candidates = [c for d, found in dated for c in candidate_events(d, found)]
    analysed = [extract_quotes_and_people(d) for d in corpus.documents]
    quotes = [q for found, _ in analysed for q in found]
    people = [m for _, named in analysed for m in named]
    quote_postings = BM25Postings.build([quote_terms(q) for q in quotes], settings.k1, settings.b)
    return NewsIndex(corpus, passages, postings, mentions, quotes, quote_postings, key, people,
                     candidates=candidates)


def corpus_key(root: Path, settings: IndexSettings) -> str:
    """A digest of every input that shapes the index: file contents, metadata, settings, code."""
    digest = hashlib.sha256()
    digest.update(f"{INDEX_FORMAT}|{TOKENIZER_VERSION}|{settings}".encode())
    package = Path(__file__).parent
    for module in _INDEX_CODE:
        digest.update((package / f"{module}.py").read_bytes())
    metadata = root / settings.metadata_file
    for path in [*corpus_files(root), *([metadata] if metadata.is_file() else [])]:
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError as error:
            digest.update(str(error).encode())
    return digest.hexdigest()


def load_or_build(
    root: Path,
    settings: IndexSettings,
    cache_dir: Path | None,
    progress: Callable[[list[Path]], Iterable[Path]] | None = None,
) -> tuple[NewsIndex, bool]:
    """The index for `root`, from the cache when the corpus is unchanged; (index, from_cache)."""
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {root}")
    key = corpus_key(root, settings)
    cache_file = cache_dir / f"index-{key[:24]}.pickle" if cache_dir else None
    if cache_file and cache_file.is_file():
        try:
            with cache_file.open("rb") as handle:
                cached = pickle.load(handle)
            if isinstance(cached, NewsIndex) and cached.key == key:
                return cached, True
        except Exception as error:  # a stale or damaged cache is rebuilt, never fatal
            log.warning("ignoring unreadable index cache %s: %s", cache_file, error)
    files = corpus_files(root)
    index = build_index(root, settings, progress(files) if progress else files, key)
    if cache_file:
        _write_atomically(cache_file, index)
    return index, False


def _write_atomically(path: Path, index: NewsIndex) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".index-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        for old in path.parent.glob("index-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as error:
        log.warning("could not cache the index in %s: %s", path.parent, error)
