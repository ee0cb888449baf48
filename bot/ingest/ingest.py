"""Adding one article while the bot runs: fetch or take the file, read it, check it is new,
extract it, keep it in the store and append it to the index; or say why not.

Adds run one at a time (an asyncio lock), their work in a thread, so answers go on from the
current index meanwhile; the new index is handed to `on_index` when it is whole. An article is
in the store (with what was extracted from it) before it is in the index, in one transaction:
nothing is ever half-added.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bot.commands import N_
from bot.config import Config
from bot.corpus.articles import ArticleStore, StoredArticle, content_hash, new_doc_id, normal_url
from bot.corpus.files import SkippedFile, UnreadableFile
from bot.corpus.files import decode as decode_file
from bot.corpus.pdf import pdf_text
from bot.i18n import display_date, tr, trn
from bot.ingest.duplicates import Duplicates
from bot.ingest.fetch import HTML_TYPES, PDF_TYPES, TEXT_TYPES, FetchError, decode, fetch
from bot.models import Document, PartialDate, field_values
from bot.retrieval.cache import code_key
from bot.retrieval.extraction import Article, analyse_document
from bot.retrieval.index import NewsIndex
from bot.retrieval.live import extend_index, pack_analysis, prepare, read_stored

log = logging.getLogger(__name__)

FILE_KINDS = {".html": "html", ".htm": "html", ".txt": "text", ".md": "text", ".pdf": "pdf"}
KINDS_ADDED = N_("only .html, .txt, .md and .pdf files can be added")


def has_kind(name: str) -> bool:
    """Whether a file of this name is of a kind that can be added."""
    return Path(name).suffix.lower() in FILE_KINDS


@dataclass
class Report:
    """What became of one link or file, for the user."""

    status: str  # "added", "duplicate" (already here), "carried" (a near-duplicate), "refused"
    source: str  # the URL or the file's name
    reason: str = ""  # why not added
    outlet: str = ""
    title: str = ""
    date: str = ""
    url: str = ""
    doc_id: str = ""
    passages: int = 0
    quotations: int = 0
    events: int = 0
    similarity: float = 0.0  # of a near-duplicate to the article kept

    @property
    def added(self) -> bool:
        return self.status == "added"

    def text(self) -> str:
        """The report in plain words, in the current language (bot/i18n.py)."""
        what = ", ".join(x for x in (self.outlet, self.date) if x)
        title = f" — “{self.title}”" if self.title else ""
        if self.status == "added":
            counts = ", ".join((trn("{n} passage", "{n} passages", self.passages),
                                trn("{n} quotation", "{n} quotations", self.quotations),
                                trn("{n} dated event", "{n} dated events", self.events)))
            added = tr("Added: {article}", article=what + title)
            return "\n".join(x for x in (added, self.url, counts) if x)
        if self.status == "duplicate":
            return tr("Already in the corpus ({reason}): {article}", reason=self.reason,
                      article=what + title)
        if self.status == "carried":
            return tr("The same story as {article} ({share} the same wording): kept once, "
                      "noting that {outlet} carried it too.", article=what + title,
                      share=f"{self.similarity:.0%}", outlet=self.reason)
        return tr("Not added: {source}: {reason}.", source=self.source, reason=self.reason)


class Ingestor:
    """Adds articles to the store and the index; `on_index` receives each new index."""

    def __init__(self, store: ArticleStore, config: Config, index: NewsIndex,
                 on_index: Callable[[NewsIndex], None] | None = None) -> None:
        self.store = store
        self.config = config
        self.index = index
        self.on_index = on_index
        self._lock = asyncio.Lock()
        self._duplicates: Duplicates | None = None
        self._duplicates_made = threading.Lock()
        self._last_fetch: dict[str, float] = {}
        self._to_prepare: NewsIndex | None = None
        self._preparing = threading.Lock()

    def warm_up(self) -> None:
        """Make every article's near-duplicate signature in the background (about 50 s for
        7,500 articles), so that the first link sent is not kept waiting for it."""
        threading.Thread(target=self.duplicates, daemon=True, name="duplicates").start()

    # -- ways in --------------------------------------------------------------------------

    async def add_url(self, url: str, added_by: str = "") -> Report:
        return (await self.add_urls([url], added_by))[0]

    async def add_urls(self, urls: list[str], added_by: str = "") -> list[Report]:
        """Each page fetched in turn (one host at a time), then all added to the index at once:
        a feed's new items cost one extension of the index, not one each."""
        reports: list[Report | None] = []
        fetched: list[tuple[StoredArticle, str]] = []
        for url in (u.strip() for u in urls):
            found = self.store.find(url=url)
            if found is not None:
                reports.append(_report("duplicate", url, found, tr("same address")))
                continue
            host = (urlsplit(url).hostname or "").lower()
            try:
                await self.polite(host)
                page = await fetch(url, self.config.ingest, HTML_TYPES + TEXT_TYPES + PDF_TYPES)
                kind, body = _readable(page.content_type or "text/html", page.body,
                                       page.charset)
            except (FetchError, UnreadableFile) as error:
                reports.append(Report("refused", url, str(error)))
                continue
            doc_id = new_doc_id(f"{host}{urlsplit(page.url).path}", _digest(body))
            fetched.append((StoredArticle(doc_id, kind, body, url=normal_url(page.url),
                                          added_by=added_by), url))
            reports.append(None)
        added = iter(await self._add(fetched))
        return [report or next(added) for report in reports]

    async def add_file(self, name: str, data: bytes, added_by: str = "",
                       outlet: str = "") -> Report:
        suffix = Path(name).suffix.lower()
        if not has_kind(name):
            return Report("refused", name, tr(KINDS_ADDED))
        if len(data) > self.config.ingest.max_bytes:
            return Report("refused", name, tr("it is larger than {size} MB",
                                              size=f"{self.config.ingest.max_bytes / 1e6:g}"))
        try:
            kind, body = _readable(FILE_KINDS[suffix], data, "")
        except (UnreadableFile, FetchError) as error:
            return Report("refused", name, str(error))
        article = StoredArticle(new_doc_id(Path(name).stem, _digest(body)), kind, body,
                                outlet=outlet, added_by=added_by)
        return (await self._add([(article, name)]))[0]

    async def polite(self, host: str) -> None:
        """Wait so that two requests to one host are `ingest.host_delay` seconds apart."""
        delay = self.config.ingest.host_delay
        wait = self._last_fetch.get(host, -delay) + delay - time.monotonic()
        self._last_fetch[host] = time.monotonic() + max(0.0, wait)
        if wait > 0:
            await asyncio.sleep(wait)

    # -- the work -------------------------------------------------------------------------

    async def _add(self, articles: list[tuple[StoredArticle, str]]) -> list[Report]:
        if not articles:
            return []
        async with self._lock:
            return await asyncio.to_thread(self._add_now, articles)

    def _add_now(self, articles: list[tuple[StoredArticle, str]]) -> list[Report]:
        """Each article checked, extracted and stored; then the index extended by all of them
        and handed on. One that fails in a way no rule foresaw is refused, not a traceback."""
        reports = []
        analyses: list[Article] = []
        pending: dict[str, Document] = {}
        for article, source in articles:
            try:
                report, analysis = self._check(article, source, pending)
            except Exception as error:
                log.exception("could not add %s", source)
                report = Report("refused", source, tr("it could not be read ({error})",
                                                      error=type(error).__name__))
                analysis = None
            reports.append(report)
            if analysis is not None:
                analyses.append(analysis)
        if analyses:
            self.index = extend_index(self.index, analyses, self.config.index)
            if self.on_index is not None:
                self.on_index(self.index)
            self._prepare_later(self.index)
        return reports

    def _check(self, article: StoredArticle, source: str, pending: dict[str, Document]
               ) -> tuple[Report, Article | None]:
        """Read the article; if it is new, extract and store it (its extraction returned)."""
        read = read_stored(article, self.config.corpus)
        if isinstance(read, SkippedFile):
            return Report("refused", source, tr("no article text found in it")), None
        digest = content_hash(read.text)
        found = self.store.find(url=read.url if read.url != article.url else "", digest=digest)
        if found is not None:
            reason = tr("same text") if found.content_hash == digest else tr("same address")
            return _report("duplicate", source, found, reason), None
        duplicates = self.duplicates()

        def document(doc_id: str) -> Document:
            return pending[doc_id] if doc_id in pending else self.index.document(doc_id)

        same = duplicates.same(read.text)
        if same is not None:
            return _document_report("duplicate", source, document(same), tr("same text")), None
        near = duplicates.near(read.text)
        if near is not None:
            kept = document(near[0])
            self.store.add_carrier(kept.doc_id, read.outlet, read.url or article.url)
            carriers = self.index.carriers.get(kept.doc_id, [])
            if read.outlet not in carriers and read.outlet != kept.outlet:
                # a new dict, assigned whole: an answer being made reads the old or the new
                self.index.carriers = {**self.index.carriers,
                                       kept.doc_id: [*carriers, read.outlet]}
            report = _document_report("carried", source, kept, read.outlet)
            report.similarity = near[1]
            return report, None
        analysis = analyse_document(read)
        _fill(article, read)
        code = code_key(self.config.corpus, self.config.index)
        self.store.add(article, pack_analysis(analysis), code)
        duplicates.insert(read.doc_id, read.text)
        pending[read.doc_id] = read
        log.info("added %s (%s) from %s", read.doc_id, read.outlet, source)
        return _added(source, read, analysis), analysis

    def duplicates(self) -> Duplicates:
        """The texts of every article: made at the first add, or by `warm_up`."""
        with self._duplicates_made:
            if self._duplicates is None:
                documents = self.index.documents
                self._duplicates = Duplicates(
                    self.config.ingest.near_duplicate,
                    zip(field_values(documents, "doc_id"), field_values(documents, "text"),
                        strict=True))
            return self._duplicates

    def _prepare_later(self, index: NewsIndex) -> None:
        """Prepare the newest index in one background thread: while it works, later adds only
        replace what it will prepare next (a feed of 50 items prepares a few times, not 50)."""
        self._to_prepare = index
        if self._preparing.acquire(blocking=False):
            threading.Thread(target=self._prepare_newest, daemon=True, name="prepare").start()

    def _prepare_newest(self) -> None:
        try:
            while self._to_prepare is not None:
                index, self._to_prepare = self._to_prepare, None
                prepare(index)
        finally:
            self._preparing.release()
        if self._to_prepare is not None:  # one came in as the thread was leaving
            self._prepare_later(self._to_prepare)


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode()).hexdigest()


def _readable(kind: str, data: bytes, charset: str) -> tuple[str, str]:
    """('html' or 'text', the text) of a page or file of a media type or file kind."""
    if kind in ("pdf", *PDF_TYPES):
        return "text", pdf_text(data)
    if kind in ("html", *HTML_TYPES):
        return "html", decode(data, charset)
    if kind == "text":  # a file: UTF-8 (or UTF-16 with its mark), as in the corpus folder
        return "text", decode_file(data)
    return "text", decode(data, charset)


def _fill(article: StoredArticle, document: Document) -> None:
    """The facts read from the article, kept beside it."""
    article.outlet = document.outlet
    article.title = document.title
    article.date = document.date.iso() if document.date else ""
    article.language = document.language
    article.canonical_url = normal_url(document.url) if document.url != article.url else ""
    article.content_hash = content_hash(document.text)


def _added(source: str, document: Document, analysis: Article) -> Report:
    report = _document_report("added", source, document, "")
    report.passages = len(document.passages)
    report.quotations = len(analysis.quotes)
    report.events = len(analysis.candidates)
    return report


def _document_report(status: str, source: str, document: Document, reason: str) -> Report:
    return Report(status, source, reason, document.outlet, document.title,
                  display_date(document.date) if document.date else "", document.url,
                  document.doc_id)


def _report(status: str, source: str, article: StoredArticle, reason: str) -> Report:
    try:
        date = display_date(PartialDate.parse_iso(article.date)) if article.date else ""
    except ValueError:
        date = article.date
    return Report(status, source, reason, article.outlet, article.title, date,
                  article.canonical_url or article.url, article.doc_id)
