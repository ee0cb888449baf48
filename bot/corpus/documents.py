"""Loading a folder of articles into clean documents and passages.

Each file is decoded (files.py), cleaned of furniture with its header read (cleaning.py), its
facts overlaid by the corpus's metadata file (metadata.py), and cut into passages (passages.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.config import CorpusConfig
from bot.corpus.cleaning import article_lines, paragraphs, read_header
from bot.corpus.files import SkippedFile, UnreadableFile, corpus_files, decode
from bot.corpus.html import extract_html
from bot.corpus.metadata import SourceMeta, load_metadata, parse_header_date, parse_header_month_day
from bot.corpus.passages import build_passages
from bot.models import Document, Passage

log = logging.getLogger(__name__)


@dataclass
class Corpus:
    """The loaded documents and the files that could not be used, with why."""

    root: str
    documents: list[Document] = field(default_factory=list)
    skipped: list[SkippedFile] = field(default_factory=list)

    @property
    def passages(self) -> list[Passage]:
        return [p for d in self.documents for p in d.passages]

    def document(self, doc_id: str) -> Document:
        return self._by_id[doc_id]

    def __post_init__(self) -> None:
        self._by_id: dict[str, Document] = {}

    def add(self, document: Document) -> None:
        self.documents.append(document)
        self._by_id[document.doc_id] = document

    def outlets(self) -> list[str]:
        """Outlets in first-seen order (documents are sorted by file name)."""
        return list(dict.fromkeys(d.outlet for d in self.documents))


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
        relative = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        try:
            raw = path.read_bytes()
            text = decode(raw)
            document = parse_document(path, text, metadata.get(path.stem), settings)
        except (OSError, UnreadableFile) as error:
            log.warning("skipping %s: %s", relative, error)
            corpus.skipped.append(SkippedFile(relative, str(error)))
            continue
        if not document.passages:
            log.warning("skipping %s: no article text after cleaning", relative)
            corpus.skipped.append(SkippedFile(relative, "no article text after cleaning"))
            continue
        document.path = relative
        corpus.add(document)
    return corpus


def parse_document(
    path: Path, text: str, meta: SourceMeta | None, settings: CorpusConfig | None = None
) -> Document:
    """One article from its text; `meta` (the metadata file's entry) wins over its header."""
    settings = settings or CorpusConfig()
    header = SourceMeta()
    if path.suffix.lower() in (".html", ".htm"):
        page = extract_html(text)
        lines = page.lines
        header.outlet = page.meta.get("outlet", "")
        header.url = page.meta.get("url", "")
        header.author = page.meta.get("author", "")
        header.title = page.meta.get("title", "") or page.title
        if page.meta.get("date"):
            header.date = parse_header_date(page.meta["date"])
            header.month_day = parse_header_month_day(page.meta["date"])
    else:
        lines = text.split("\n")
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
    build_passages(document, paragraphs(body), settings.passage_min_chars,
                   settings.passage_max_chars)
    return document

