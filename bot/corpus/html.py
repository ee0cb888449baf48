"""Article text and metadata from an HTML page, with trafilatura.

Pages carry their furniture (navigation, share buttons, related links, captions, comments) around
the article. trafilatura is the best-measured extractor for this (see eval/html_extraction.py); it
also reads the title, date, author and site name from the page's markup and metadata.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

# trafilatura logs every page it finds too short at WARNING: a page without an article is
# reported once by the caller, with the file's or the URL's name.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

# A line of prose: six words or more ending a sentence. A page whose text holds none (a front
# page, a list of links) has no article, whatever trafilatura's fallback kept of it.
_PROSE = re.compile(r"(?:\w+\W+){5,}\w+[.!?][\"'”’)]?(?:\s|$)")
_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3})\b", re.IGNORECASE)


@dataclass
class HtmlArticle:
    """The article's paragraphs, one per line with blank lines between, and its facts: outlet,
    url (canonical when the page gives one), title, date, author and language, when known."""

    lines: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)


def extract_html(markup: str, url: str = "") -> HtmlArticle:
    """The article of a page (no lines when the page holds none) and its metadata; `url`, where
    the page was fetched from, helps read relative links and dates in the address."""
    import trafilatura  # here: a start from the built index reads no page (0.2-0.5 s of import)

    try:
        found = trafilatura.bare_extraction(
            markup, url=url or None, with_metadata=True, include_comments=False,
            include_tables=False, include_images=False, deduplicate=False,
        )
    except (ValueError, TypeError) as error:  # markup lxml cannot read at all
        logging.getLogger(__name__).debug("no article read from the page: %s", error)
        found = None
    article = HtmlArticle()
    language = _LANG.search(markup[:4096])
    if language:
        article.meta["language"] = language.group(1).lower()
    if found is None:
        return article
    read = found if isinstance(found, dict) else found.as_dict()
    names = {"outlet": "sitename", "url": "url", "title": "title", "date": "date",
             "author": "author", "language": "language"}
    article.meta.update({key: " ".join(str(read[name]).split()) for key, name in names.items()
                         if read.get(name)})
    lines = [" ".join(line.split()) for line in (read.get("text") or "").split("\n")]
    lines = [line for line in lines if line]
    if not any(_PROSE.search(line) for line in lines):
        return article
    if lines and lines[0] == article.meta.get("title"):
        lines = lines[1:]  # the headline, already the title
    for line in lines:
        article.lines += [line, ""]
    return article
