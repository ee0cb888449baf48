"""The text of a PDF, with pypdf (the `pdf` extra): a PDF sent to the bot is read as a text file."""

from __future__ import annotations

import io
import logging

from bot.corpus.files import UnreadableFile
from bot.i18n import tr


def pdf_text(data: bytes) -> str:
    """The PDF's text, page after page; UnreadableFile if it has none or cannot be read."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError as error:
        raise UnreadableFile(tr("reading PDF needs the pdf extra (pip install "
                                "'newsbot[pdf]')")) from error
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise UnreadableFile(tr("not a readable PDF ({error})",
                                error=type(error).__name__)) from error
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise UnreadableFile(tr("the PDF has no text (a scan?)"))
    return text
