"""Reading and analysing each article on its own, in parallel processes for a large corpus.

Everything the index extracts from an article (its passages' terms, date mentions, timeline
candidates, quotations and people) depends on that article alone, so articles are spread over
worker processes in chunks and their results gathered back in file order: the index comes out
the same as from one process, only sooner.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sized
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from bot.config import CorpusConfig
from bot.corpus.documents import read_document
from bot.corpus.files import SkippedFile
from bot.corpus.metadata import SourceMeta, load_metadata
from bot.extract.dates import DateMention, complete_publication_date, extract_date_mentions
from bot.extract.events import Candidate, candidate_events
from bot.extract.people import PersonMention
from bot.extract.quotes import Quote, extract_quotes_and_people
from bot.models import Document, Passage
from bot.text import tokenize

PARALLEL_FROM = 200  # files: below this, one process (small corpora, tests, the seeds)
CHUNK = 16  # files per task sent to a worker
IN_FLIGHT = 3  # chunks queued per worker, so that none waits while the next is sent


def passage_terms(passage: Passage) -> list[str]:
    """A passage's index terms; its section heading counts as context."""
    text = f"{passage.heading}\n{passage.text}" if passage.heading else passage.text
    return tokenize(text, passage.language)


def sentence_terms(passage: Passage) -> list[list[str]]:
    """Each sentence's distinct terms, in order (for `SentenceTerms`)."""
    return [list(dict.fromkeys(tokenize(s.text, passage.language))) for s in passage.sentences]


def terms_of(passage: Passage) -> tuple[list[str], list[list[str]]]:
    """`passage_terms` and `sentence_terms` together, each sentence tokenized once: where white
    space separates the sentences, the passage's terms are theirs in a row (no term spans
    white space); else (a sentence split inside "D-N.M.") the passage is tokenized whole."""
    language = passage.language
    tokens = [tokenize(s.text, language) for s in passage.sentences]
    distinct = [list(dict.fromkeys(found)) for found in tokens]
    text, offset, at = passage.text, passage.start, 0
    for number, sentence in enumerate(passage.sentences):
        start = sentence.start - offset
        gap = text[at:start]
        if (number and (not gap or not gap.isspace())) or (not number and gap.strip()) or \
                text[start:start + len(sentence.text)] != sentence.text:
            return passage_terms(passage), distinct
        at = start + len(sentence.text)
    if text[at:].strip():
        return passage_terms(passage), distinct
    joined = tokenize(passage.heading, language) if passage.heading else []
    for found in tokens:
        joined += found
    return joined, distinct


def quote_terms(quote: Quote, language: str = "") -> list[str]:
    """A quotation's terms: its speaker, role and sentence, in its passage's language."""
    return tokenize(f"{quote.speaker} {quote.role} {quote.sentence.text}", language)


@dataclass
class Article:
    """One file read and analysed: the document (or why it was skipped) and all found in it."""

    read: Document | SkippedFile
    passage_terms: list[list[str]] = field(default_factory=list)
    sentence_terms: list[list[list[str]]] = field(default_factory=list)  # per passage
    mentions: list[DateMention] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    quote_terms: list[list[str]] = field(default_factory=list)
    people: list[PersonMention] = field(default_factory=list)


def analyse(root: Path, path: Path, meta: SourceMeta | None, settings: CorpusConfig) -> Article:
    """Read one file and extract everything the index keeps from it. A file that fails in a way
    no rule foresaw is skipped with the error, not the end of the whole index."""
    try:
        return analyse_document(read_document(root, path, meta, settings))
    except Exception as error:  # any error: one odd file must not stop start-up
        where = path.relative_to(root) if path.is_relative_to(root) else path
        return Article(SkippedFile(str(where), f"could not be analysed "
                                                f"({type(error).__name__}: {error})"))


def analyse_document(read: Document | SkippedFile) -> Article:
    """Everything the index keeps from one article read (from a file, a page or the store)."""
    if isinstance(read, SkippedFile):
        return Article(read)
    complete_publication_date(read)
    mentions = extract_date_mentions(read)
    quotes, people = extract_quotes_and_people(read)
    languages = {p.passage_id: p.language for p in read.passages}
    terms = [terms_of(p) for p in read.passages]
    return Article(
        read,
        passage_terms=[passage for passage, _ in terms],
        sentence_terms=[sentences for _, sentences in terms],
        mentions=mentions,
        candidates=candidate_events(read, mentions),
        quotes=quotes,
        quote_terms=[quote_terms(q, languages.get(q.passage_id, "")) for q in quotes],
        people=people,
    )


def analyse_files(
    root: Path, settings: CorpusConfig, files: Iterable[Path], workers: int | None = None
) -> Iterator[Article]:
    """Each file analysed, in the order of `files`.

    `workers`: processes to use; None for one per CPU, or one process for a small corpus.
    `files` is consumed as the work is handed out, so a progress bar wrapped around it moves.
    """
    metadata = load_metadata(root / settings.metadata_file)
    if workers is None:
        many = not isinstance(files, Sized) or len(files) >= PARALLEL_FROM
        workers = (os.cpu_count() or 1) if many else 1
    if workers <= 1:
        for path in files:
            yield analyse(root, path, metadata.get(path.stem), settings)
        return
    remaining = iter(files)
    chunks = iter(lambda: list(islice(remaining, CHUNK)), [])
    # Spawned, not forked: a fork copies whatever threads and locks the caller holds.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: deque[Future[list[Article | _Record]]] = deque()
        for chunk in chunks:
            work = [(path, metadata.get(path.stem)) for path in chunk]
            pending.append(pool.submit(_analyse_chunk, root, work, settings))
            if len(pending) >= workers * IN_FLIGHT:
                yield from _logged(pending.popleft().result())
        while pending:
            yield from _logged(pending.popleft().result())


@dataclass
class _Record:
    """A log record a worker wrote, sent back to be logged where the caller configured it."""

    name: str
    level: int
    message: str


def _analyse_chunk(
    root: Path, work: list[tuple[Path, SourceMeta | None]], settings: CorpusConfig
) -> list[Article | _Record]:
    """In a worker: the chunk's articles, with what was logged before each."""
    handler = _Collect()
    logger = logging.getLogger()
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    out: list[Article | _Record] = []
    try:
        for path, meta in work:
            article = analyse(root, path, meta, settings)
            out += handler.take()
            out.append(article)
    finally:
        logger.removeHandler(handler)
    return out


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[_Record] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(_Record(record.name, record.levelno, record.getMessage()))

    def take(self) -> list[_Record]:
        taken, self.records = self.records, []
        return taken


def _logged(results: list[Article | _Record]) -> Iterator[Article]:
    for result in results:
        if isinstance(result, _Record):
            logging.getLogger(result.name).log(result.level, "%s", result.message)
        else:
            yield result
