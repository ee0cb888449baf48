"""Loading a folder of articles into clean documents and passages.

Each file is decoded (files.py), cleaned of furniture with its header read (cleaning.py), its
facts overlaid by the corpus's metadata file (metadata.py), and cut into passages (passages.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import CorpusConfig
from bot.corpus.cleaning import article_lines, paragraphs, read_header
from bot.corpus.files import SkippedFile, UnreadableFile, corpus_files, decode, read_file
from bot.corpus.html import extract_html
from bot.corpus.language import article_language, set_passage_languages
from bot.corpus.metadata import SourceMeta, load_metadata, parse_header_date, parse_header_month_day
from bot.corpus.passages import build_passages
from bot.models import Document, Passage, field_values

log = logging.getLogger(__name__)


@dataclass
class Corpus:
    """The loaded documents and the files that could not be used, with why."""

    root: str
    documents: Sequence[Document] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._rows = {doc_id: row for row, doc_id in
                      enumerate(field_values(self.documents, "doc_id"))}

    @property
    def passages(self) -> list[Passage]:
        return [p for d in self.documents for p in d.passages]

    def document(self, doc_id: str) -> Document:
        return self.documents[self._rows[doc_id]]

    def row(self, doc_id: str) -> int:
        """The document's place among the documents."""
        return self._rows[doc_id]

    def add(self, document: Document) -> None:
        if not isinstance(self.documents, list):
            raise TypeError("documents loaded from the index cache are read-only")
        self._rows[document.doc_id] = len(self.documents)
        self.documents.append(document)

    def take(self, read: Document | SkippedFile) -> None:
        """Add a document read, or note (and log) a file skipped."""
        if isinstance(read, SkippedFile):
            log.warning("skipping %s: %s", read.path, read.reason)
            self.skipped.append(read)
        else:
            self.add(read)

    def outlets(self) -> list[str]:
        """Outlets in first-seen order (documents are sorted by file name)."""
        return list(dict.fromkeys(field_values(self.documents, "outlet")))


def load_corpus(
    root: Path,
    settings: CorpusConfig | None = None,
    files: Iterable[Path] | None = None,
) -> Corpus:
    """Every readable article under `root`; unreadable files are skipped with a warning."""
    settings = settings or CorpusConfig()
    corpus = Corpus(root=str(root))
    metadata = load_metadata(root / settings.metadata_file)
    for path in files if files is not None else corpus_files(root):
        corpus.take(read_document(root, path, metadata.get(path.stem), settings))
    return corpus


def read_document(
    root: Path, path: Path, meta: SourceMeta | None, settings: CorpusConfig
) -> Document | SkippedFile:
    """One article file as a document, or why it is skipped: a pure function of the file, so
    that files can be read in parallel processes."""
    relative = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
    limit = settings.max_file_bytes
    try:
        raw, size = read_file(root, path, limit)
        if size > limit:
            log.warning("%s is %s bytes, over corpus.max_file_bytes (%s): only the first "
                        "%s are read", relative, f"{size:,}", f"{limit:,}", f"{limit:,}")
        document = parse_document(path, decode(raw, whole=size <= limit), meta, settings)
    except (OSError, UnreadableFile) as error:
        return SkippedFile(relative, str(error))
    if not document.passages:
        return SkippedFile(relative, "no article text after cleaning")
    document.path = relative
    return document


def _at_most(lines: list[str], limit: int, name: str) -> list[str]:
    """The first lines of an article up to `limit` characters in all (the last one cut at a
    space if need be), with a warning when some are left out."""
    total = 0
    for index, line in enumerate(lines):
        if total + len(line) > limit:
            size = total + sum(len(rest) for rest in lines[index:])
            log.warning("%s has %s characters of text, over corpus.max_article_chars (%s): "
                        "only the first %s are indexed", name, f"{size:,}", f"{limit:,}",
                        f"{limit:,}")
            room = limit - total
            cut = line.rfind(" ", 0, room + 1)
            return [*lines[:index], line[:cut if cut > room // 2 else room]]
        total += len(line)
    return lines


def parse_document(
    path: Path, text: str, meta: SourceMeta | None, settings: CorpusConfig | None = None
) -> Document:
    """One article from its text; `meta` (the metadata file's entry) wins over its header."""
    settings = settings or CorpusConfig()
    header = SourceMeta()
    declared = ""  # the language a web page says it is in
    if path.suffix.lower() in (".html", ".htm"):
        page = extract_html(text)
        declared = page.meta.get("language", "")
        lines = page.lines
        header.outlet = page.meta.get("outlet", "")
        header.url = page.meta.get("url", "")
        header.author = page.meta.get("author", "")
        header.title = page.meta.get("title", "")
        if page.meta.get("date"):
            header.date = parse_header_date(page.meta["date"])
            header.month_day = parse_header_month_day(page.meta["date"])
    else:
        lines = text.split("\n")
    lines = _at_most(lines, settings.max_article_chars, path.name)
    body = read_header(article_lines(lines), header)
    merged = header.overlaid_by(meta)
    doc_id = path.stem
    if not merged.outlet:
        log.warning("%s names no outlet: add it to the corpus's sources.yaml", path.name)
    document = Document(
        doc_id=doc_id,
        path=str(path),
        outlet=merged.outlet or f"unknown outlet ({doc_id})",
        text="",
        title=merged.title,
        url=merged.url,
        date=merged.date,
        author=merged.author,
        slant=merged.slant,
        month_day=merged.month_day if merged.date is None else None,
    )
    parts = paragraphs(body)
    document.language = article_language([text for text, _ in parts], merged.language, declared)
    build_passages(document, parts, settings.passage_min_chars, settings.passage_max_chars)
    set_passage_languages(document, merged.language)
    return document

