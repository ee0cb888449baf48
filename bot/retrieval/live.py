"""The index growing while the bot runs: articles appended without rebuilding it.

An added article is extracted on its own (extraction.analyse_document), then a new index is
made from the current one: its records are the old ones followed by the new ones (`Chained`,
so that an index loaded from the cache stays on disk), and the BM25 postings and sentence terms
are extended (the very arrays a build over all articles gives, so the scores stay exactly
rank-bm25's over the whole current corpus). Questions go on being answered from the old index
until the new one is swapped in. What was extracted from each stored article is kept in the
store (keyed by `cache.code_key`), so a restart extracts none of them again.
"""

from __future__ import annotations

import io
import logging
import pickle
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar, TypeVar, overload
from urllib.parse import urlsplit

from bot.config import CorpusConfig, IndexConfig
from bot.corpus.articles import ArticleStore, StoredArticle, content_hash, normal_url
from bot.corpus.documents import Corpus, parse_document
from bot.corpus.files import SkippedFile, UnreadableFile, read_file
from bot.corpus.files import decode as decode_file
from bot.corpus.metadata import SourceMeta
from bot.extract.events import every_event, key_idf
from bot.extract.quote_groups import groups_without_topic
from bot.models import Document, PartialDate, field_values
from bot.retrieval.cache import code_key
from bot.retrieval.extraction import Article, analyse_document
from bot.retrieval.index import NewsIndex
from bot.retrieval.store import dataclasses_named, subset

log = logging.getLogger(__name__)

T = TypeVar("T")


class Chained(Sequence[T]):
    """The records of an index followed by those added since; the base may be stored columns."""

    def __init__(self, base: Sequence[T], extra: Sequence[T]) -> None:
        self.base: Sequence[T] = base
        self.extra: list[T] = list(extra)
        if isinstance(base, Chained):  # one level only, however many adds
            self.base, self.extra = base.base, [*base.extra, *extra]
        self._split = len(self.base)

    def __len__(self) -> int:
        return self._split + len(self.extra)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[T]: ...

    def __getitem__(self, index: int | slice) -> T | Sequence[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self.base[index] if index < self._split else self.extra[index - self._split]

    def __iter__(self) -> Iterator[T]:
        yield from self.base
        yield from self.extra

    def column(self, name: str) -> list[Any]:
        """One field of every record (see models.field_values)."""
        return [*field_values(self.base, name), *(getattr(r, name) for r in self.extra)]

    def subset(self, indices: list[int]) -> Sequence[T]:
        """The records at `indices` (see store.subset)."""
        if all(i < self._split for i in indices):
            return subset(self.base, indices)
        return [self[i] for i in indices]


def extend_index(index: NewsIndex, articles: Sequence[Article], settings: IndexConfig
                 ) -> NewsIndex:
    """A new index: `index` with the articles (analysed, not skipped) appended."""
    read = [a for a in articles if isinstance(a.read, Document)]
    if not read:
        return index
    documents: list[Document] = [a.read for a in read]  # type: ignore[misc]
    corpus = Corpus(index.corpus.root, Chained(index.corpus.documents, documents),
                    list(index.corpus.skipped))
    passages = [p for d in documents for p in d.passages]
    sentence_terms = [s for a in read for s in a.sentence_terms]
    grown = NewsIndex(
        corpus,
        Chained(index.passages, passages),
        index.postings.extended([t for a in read for t in a.passage_terms], settings.b),
        Chained(index.mentions, [m for a in read for m in a.mentions]),
        Chained(index.quotes, [q for a in read for q in a.quotes]),
        index.quote_postings.extended([t for a in read for t in a.quote_terms], settings.b),
        index.key,
        Chained(index.people, [p for a in read for p in a.people]),
        candidates=Chained(index.candidates, [c for a in read for c in a.candidates]),
        events=None,  # merged again when first asked for (answers.library)
        quote_groups=None,
        examples=index.examples,  # queries that found answers still do
        carriers=index.carriers,
    )
    grown.sentence_terms = (index.sentence_terms.extended(sentence_terms)
                            if index.sentence_terms is not None else None)
    return grown


def prepare(index: NewsIndex) -> None:
    """Merge the events and group the quotations shown without a topic, as a build does: after
    an add, in the background, so the first /timeline or /quote without a topic need not."""
    if index.event_idf is None:
        index.event_idf = key_idf(index.candidates)
    if index.events is None:
        index.events = every_event(list(index.candidates))
    if index.quote_groups is None:
        index.quote_groups = groups_without_topic(index.quotes, index.identities.label)


def read_stored(article: StoredArticle, settings: CorpusConfig) -> Document | SkippedFile:
    """A stored article as a document: read as it was when added (its facts from the store)."""
    date = None
    if article.date:
        try:
            date = PartialDate.parse_iso(article.date)
        except ValueError:
            date = None
    meta = SourceMeta(outlet=article.outlet, url=article.canonical_url, date=date,
                      title=article.title, language=article.language)
    suffix = ".html" if article.kind == "html" else ".txt"
    document = parse_document(Path(article.doc_id + suffix), article.body, meta, settings)
    document.path = article.url or article.doc_id
    document.url = document.url or article.url  # the page's canonical address, else where
    if not document.passages:
        return SkippedFile(article.url or article.doc_id, "no article text after cleaning")
    if document.outlet.startswith("unknown outlet") and article.url:
        document.outlet = outlet_of_url(article.url)
    return document


def outlet_of_url(url: str) -> str:
    """The site's name as its address gives it, when the page names no outlet."""
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or url


def analysed(article: StoredArticle, store: ArticleStore, code: str,
             settings: CorpusConfig) -> Article:
    """What the index keeps from a stored article: kept in the store, else extracted again
    (the code changed) and kept."""
    data = store.analysis(article.doc_id, code)
    if data is not None:
        try:
            kept = unpack_analysis(data)
        except Exception as error:  # a damaged or foreign record: extract again
            log.warning("extracting %s again: %s", article.doc_id, error)
        else:
            return kept
    result = analyse_document(read_stored(article, settings))
    store.keep_analysis(article.doc_id, code, pack_analysis(result))
    return result


class _AnalysisReader(pickle.Unpickler):
    """Reads a kept analysis making only the dataclasses an `Article` holds: a planted or
    damaged record can name no other callable, so reading it runs no code (the pickle
    documentation's "restricting globals")."""

    allowed: ClassVar[dict[tuple[str, str], type]] = {
        (c.__module__, c.__qualname__): c for c in dataclasses_named(Article).values()}

    def find_class(self, module: str, name: str) -> Any:
        found = self.allowed.get((module, name))
        if found is None:
            raise pickle.UnpicklingError(f"{module}.{name} is not part of an analysis")
        return found


def pack_analysis(result: Article) -> bytes:
    """An article's analysis as the store keeps it."""
    return pickle.dumps(result, pickle.HIGHEST_PROTOCOL)


def unpack_analysis(data: bytes) -> Article:
    """A kept analysis read back; anything but an `Article` of known parts is refused."""
    kept = _AnalysisReader(io.BytesIO(data)).load()
    if not isinstance(kept, Article):
        raise pickle.UnpicklingError(f"a {type(kept).__name__}, not an analysis")
    return kept


def with_stored(index: NewsIndex, store: ArticleStore, corpus: CorpusConfig,
                settings: IndexConfig) -> NewsIndex:
    """The index of the corpus folder with every stored article appended (at start-up); the
    folder's new articles are imported into the store first."""
    import_folder(index, store)
    code = code_key(corpus, settings)
    known = frozenset(field_values(index.documents, "doc_id"))
    articles = [analysed(a, store, code, corpus) for a in store.articles(skip=known)]
    grown = extend_index(index, articles, settings)
    carriers = store.carriers()
    if carriers:
        grown.carriers = {**grown.carriers, **carriers}
    return grown


FOLDER = "corpus folder"  # who added the articles imported from it


def import_folder(index: NewsIndex, store: ArticleStore) -> int:
    """The corpus folder's articles not yet in the store, kept in it as they were read: one
    place holds every article, so a link or file already in the folder is found as such, and
    an article taken out of the folder stays. Their extraction is not stored again (the index
    cache holds it); an article no longer in the folder is extracted from the store once, at
    the next start. Returns how many were imported."""
    stored = store.doc_ids()
    new = [i for i, doc_id in enumerate(field_values(index.documents, "doc_id"))
           if doc_id not in stored]
    root = Path(index.corpus.root)
    articles = []
    for number in new:
        document = index.documents[number]
        path = root / document.path
        try:
            body = decode_file(read_file(root, path, path.stat().st_size)[0])
            modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except (OSError, UnreadableFile):
            continue  # read when the index was built, gone or changed since: kept as built
        articles.append(StoredArticle(
            document.doc_id, "html" if path.suffix.lower() in (".html", ".htm") else "text",
            body, url=normal_url(document.url), outlet=document.outlet, title=document.title,
            date=document.date.iso() if document.date else "", language=document.language,
            fetched_at=modified.isoformat(timespec="seconds"),
            content_hash=content_hash(document.text), added_by=FOLDER))
    imported = store.import_articles(articles) if articles else 0
    if imported:
        log.info("imported %d articles of the corpus folder into %s", imported, store.path)
    return imported
