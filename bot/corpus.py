"""Loading a folder of articles into clean documents and passages.

Scraped news text arrives with site furniture ("Related videos:", "No comments: Post a Comment",
image captions ending in " |") and with paragraphs broken mid-sentence. Both are repaired here,
once, so that everything downstream sees article prose only. What a file says about itself (a
site name in its header, a byline, a date line) is read; the corpus's metadata file wins.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sentencex import segment

from bot.dates import publication_year
from bot.html_text import extract_html
from bot.metadata import SourceMeta, load_metadata, parse_header_date, parse_header_month_day
from bot.models import Document, PartialDate, Passage, Sentence

log = logging.getLogger(__name__)

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")
_TERMINAL = tuple('.!?:;"”’)')

_FURNITURE = re.compile(
    r"""^(?:related\ videos?:?|comments?|no\ comments?:?|post\ a\ comment|filed\ under:?.*
        |share\ this:?|advertisement|read\ more:?|\d+\ min\ read|images?\ via\ .*|photos?:?\ .*
        |.*\blicen[cs]e\ cc-by.*|tags?:.*|print|email|subscribe.*)$""",
    re.IGNORECASE | re.VERBOSE,
)
_CAPTION = re.compile(r".*\s\|$")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(\S(?:.*?\S)?)\1")
_LINK_ONLY = re.compile(r"^\s*(?:[-*]\s*)?\[[^\]]*\]\([^)]*\)\s*$")
_LEADING_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s+")
_BYLINE = re.compile(r"^(?:written\s+by|by)\s+(.+)$", re.IGNORECASE)
_SITE = re.compile(r"^(?:[\w-]+\.)+[a-z]{2,}$|^-\s+(?:The\s+)?[A-Z][\w'’ -]{2,40}$")


@dataclass
class SkippedFile:
    path: str
    reason: str


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


@dataclass
class PassageSizes:
    min_chars: int = 250
    max_chars: int = 1000


def corpus_files(root: Path) -> list[Path]:
    return sorted(
        p for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith(".")
    )


def load_corpus(
    root: Path,
    metadata_file: str = "sources.yaml",
    sizes: PassageSizes | None = None,
    files: Iterable[Path] | None = None,
) -> Corpus:
    """Every readable article under `root`; unreadable files are skipped with a warning."""
    sizes = sizes or PassageSizes()
    corpus = Corpus(root=str(root))
    metadata = load_metadata(root / metadata_file)
    for path in files if files is not None else corpus_files(root):
        relative = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        try:
            raw = path.read_bytes()
            text = decode(raw)
            document = parse_document(path, text, metadata.get(path.stem), sizes)
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


class UnreadableFile(ValueError):
    """A corpus file that is not usable text."""


def decode(raw: bytes) -> str:
    if not raw.strip():
        raise UnreadableFile("empty file")
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile("binary file, not text")
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            break
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise UnreadableFile("not UTF-8 text (save it as UTF-8)")


def parse_document(
    path: Path, text: str, meta: SourceMeta | None, sizes: PassageSizes
) -> Document:
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
    lines = [_strip_markdown(line) for line in lines if not _LINK_ONLY.match(line)]
    body = _read_header(lines, header)
    paragraphs = _paragraphs(body)
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
    )
    _build_passages(document, paragraphs, sizes)
    if document.date is None and merged.month_day is not None:
        document.date = _completed(document, *merged.month_day)
    return document


def _completed(document: Document, month: int, day: int) -> PartialDate | None:
    """'Sep 20' with the year the article's own text gives (its anniversaries); else None."""
    year = publication_year(document, month, day)
    try:
        return PartialDate.from_date(dt.date(year, month, day)) if year else None
    except ValueError:  # 29 February of a common year
        return None


def _strip_markdown(line: str) -> str:
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_EMPHASIS.sub(r"\2", line)
    return re.sub(r"^#{1,6}\s+", "", line).rstrip()


def _read_header(lines: list[str], header: SourceMeta) -> list[str]:
    """Consume header lines (title, site, byline, date) and return the body lines."""
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        match = _LEADING_DATE.match(line)
        if match:
            header.date = header.date or PartialDate.parse_iso(match.group(1))
            lines[index] = line[match.end():]
            break
        bare = _without_list_marker(line)
        if not line or _FURNITURE.match(bare):
            index += 1
            continue
        if len(line) > 90 or line.endswith(_TERMINAL[:3]):
            break
        byline = _BYLINE.match(bare)
        date = parse_header_date(bare)
        month_day = parse_header_month_day(bare) if date is None else None
        if date is not None:
            header.date = header.date or date
        elif month_day is not None:
            header.month_day = header.month_day or month_day
        elif byline:
            header.author = header.author or byline.group(1).split(",")[0].strip()
        elif _SITE.match(line):
            header.outlet = header.outlet or bare
        elif not header.title:
            header.title = bare
        else:
            break
        index += 1
    return lines[index:]


def _without_list_marker(line: str) -> str:
    return line.lstrip("-•* ").strip()


def _continues(previous: str, line: str) -> bool:
    """Whether `line` carries on a sentence that a line break cut.

    A short line without final punctuation followed by a capitalized one is a heading; a line of
    prose (it already holds a sentence end) that stops mid-sentence is a wrapped line.
    """
    if previous.endswith(_TERMINAL):
        return False
    return line[0].islower() or bool(re.search(r"[.!?][\"”’]?\s+[A-Z]", previous))


def _paragraphs(lines: list[str]) -> list[tuple[str, bool]]:
    """(text, is_heading) blocks; lines broken mid-sentence are joined back together."""
    blocks: list[str] = []
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            continue
        if _FURNITURE.match(_without_list_marker(line)) or _CAPTION.match(line):
            continue
        if blocks and _continues(blocks[-1], line):
            blocks[-1] = f"{blocks[-1]} {line}"
        else:
            blocks.append(line)
    result: list[tuple[str, bool]] = []
    for position, block in enumerate(blocks):
        is_heading = (
            len(block) <= 90
            and not block.endswith(_TERMINAL)
            and position + 1 < len(blocks)
        )
        result.append((block, is_heading))
    return result


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """Sentences of a paragraph with their offsets (paragraph start = `offset`)."""
    sentences: list[Sentence] = []
    cursor = 0
    for piece in segment("en", text):
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0:  # the segmenter altered the text: fall back to the whole remainder
            piece, start = text[cursor:].strip(), text.find(text[cursor:].strip(), cursor)
        end = start + len(piece)
        sentences.append(Sentence(piece, offset + start, offset + end))
        cursor = end
    return sentences


def _build_passages(
    document: Document, paragraphs: list[tuple[str, bool]], sizes: PassageSizes
) -> None:
    """Group paragraphs into passages of roughly min..max characters, never cutting a sentence."""
    parts: list[str] = []
    position = 0
    heading = ""
    group: list[tuple[int, str]] = []  # (start offset, paragraph text)

    def emit(chunk: list[tuple[int, str]]) -> None:
        nonlocal heading
        if not chunk:
            return
        start, end = chunk[0][0], chunk[-1][0] + len(chunk[-1][1])
        sentences = [s for off, para in chunk for s in split_sentences(para, off)]
        document.passages.append(
            Passage(
                passage_id=f"{document.doc_id}#{len(document.passages)}",
                doc_id=document.doc_id,
                position=len(document.passages),
                text="",  # filled in once the document's text is assembled
                start=start,
                end=end,
                sentences=sentences,
                heading=heading,
            )
        )
        heading = ""

    for text, is_heading in paragraphs:
        start = position
        parts.append(text)
        position += len(text) + 2
        if is_heading:
            emit(group)
            group = []
            heading = text
            continue
        if len(text) > sizes.max_chars:
            emit(group)
            group = []
            for chunk in _sentence_chunks(text, start, sizes.max_chars):
                emit([chunk])
            continue
        if group and sum(len(t) for _, t in group) + len(text) > sizes.max_chars:
            emit(group)
            group = []
        group.append((start, text))
        if sum(len(t) for _, t in group) >= sizes.min_chars:
            emit(group)
            group = []
    emit(group)
    document.text = "\n\n".join(parts)
    for passage in document.passages:
        passage.text = document.text[passage.start:passage.end]


def _sentence_chunks(text: str, offset: int, max_chars: int) -> Iterator[tuple[int, str]]:
    """Consecutive runs of whole sentences of at most max_chars (a longer sentence stands alone)."""
    sentences = split_sentences(text, offset)
    run: list[Sentence] = []
    for sentence in sentences:
        if run and sentence.end - run[0].start > max_chars:
            yield run[0].start, text[run[0].start - offset:run[-1].end - offset]
            run = []
        run.append(sentence)
    if run:
        yield run[0].start, text[run[0].start - offset:run[-1].end - offset]
