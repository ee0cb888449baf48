"""Article text and metadata from an HTML page, with the standard library's parser.

Pages carry their furniture (navigation, scripts, share buttons) around the article: only block
text from the page body is kept, and the metadata that sites publish in <meta> tags is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div", "td"}
_SKIPPED = {"script", "style", "nav", "footer", "header", "aside", "figure", "figcaption",
            "noscript", "form", "button", "svg", "iframe", "template", "select"}
_META_KEYS = {
    "og:site_name": "outlet",
    "og:url": "url",
    "og:title": "title",
    "article:published_time": "date",
    "date": "date",
    "pubdate": "date",
    "author": "author",
    "article:author": "author",
}


@dataclass
class HtmlArticle:
    lines: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    title: str = ""


class _Extractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.article = HtmlArticle()
        self._skip_depth = 0
        self._buffer: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in _SKIPPED:
            self._skip_depth += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key in _META_KEYS and values.get("content"):
                self.article.meta.setdefault(_META_KEYS[key], values["content"].strip())
        elif tag == "link" and values.get("rel") == "canonical" and values.get("href"):
            self.article.meta.setdefault("url", values["href"])
        elif tag == "br":
            self._buffer.append("\n")
        if tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag == "title":
            self._in_title = False
        if tag in _BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.article.title += data
        elif not self._skip_depth:
            self._buffer.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        self._buffer.clear()
        if text:
            self.article.lines.append(text)
            self.article.lines.append("")

    def close(self) -> None:
        super().close()
        self._flush()


def extract_html(markup: str) -> HtmlArticle:
    """Block texts of the page, one per line with blank lines between, and its <meta> facts."""
    parser = _Extractor()
    parser.feed(markup)
    parser.close()
    parser.article.title = " ".join(parser.article.title.split())
    return parser.article
