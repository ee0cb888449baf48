"""The articles added while the bot runs (by link, file or feed), kept in SQLite.

Each article is kept as it was received (the page or the text, decoded) with what was read from
it and the other outlets that carried it, so that nothing added is lost on a restart and a
change to the extraction code can read it again. What the index extracted from each article is
kept too, keyed by the code that extracted it, so that a restart does not extract old articles
again. The standard library's sqlite3 in WAL mode: one writer, readers never blocked, a crash
mid-add leaves the last whole transaction.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    number INTEGER PRIMARY KEY AUTOINCREMENT,  -- the order articles were added in
    doc_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,                        -- how `body` is read: 'html' or 'text'
    body TEXT NOT NULL,                        -- the page or text as received, decoded
    url TEXT NOT NULL DEFAULT '',              -- where it was fetched from ('' for a file)
    canonical_url TEXT NOT NULL DEFAULT '',    -- the page's own canonical address, if given
    outlet TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    date TEXT NOT NULL DEFAULT '',             -- publication date, ISO, as precise as known
    language TEXT NOT NULL DEFAULT '',
    fetched_at TEXT NOT NULL,                  -- UTC, ISO
    content_hash TEXT NOT NULL UNIQUE,         -- of the article's cleaned text
    added_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS carriers (            -- other outlets that republished an article
    doc_id TEXT NOT NULL,                        -- an added article's or a corpus folder's
    outlet TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    PRIMARY KEY (doc_id, outlet, url)
);
CREATE INDEX IF NOT EXISTS articles_url ON articles (url);
CREATE INDEX IF NOT EXISTS articles_canonical ON articles (canonical_url);
CREATE TABLE IF NOT EXISTS analyses (
    doc_id TEXT NOT NULL,
    code TEXT NOT NULL,                        -- digest of the code and settings that made it
    data BLOB NOT NULL,
    PRIMARY KEY (doc_id, code)
);
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    title TEXT NOT NULL DEFAULT '',
    etag TEXT NOT NULL DEFAULT '',
    modified TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL,
    added_by TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS feed_items (
    feed_url TEXT NOT NULL,
    item TEXT NOT NULL,                        -- the item's link (or id)
    PRIMARY KEY (feed_url, item)
);
"""


@dataclass
class StoredArticle:
    doc_id: str
    kind: str
    body: str
    url: str = ""
    canonical_url: str = ""
    outlet: str = ""
    title: str = ""
    date: str = ""
    language: str = ""
    fetched_at: str = ""
    content_hash: str = ""
    added_by: str = ""


@dataclass
class Feed:
    url: str
    title: str = ""
    etag: str = ""
    modified: str = ""


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def content_hash(text: str) -> str:
    """The digest of an article's text, whatever its spacing and case: the same text twice is
    one article."""
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(folded.encode()).hexdigest()


def normal_url(url: str) -> str:
    """An address as compared for duplicates: no fragment, lower-case host, no default port or
    trailing slash, tracking parameters (utm_*) dropped."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and (parts.scheme, parts.port) not in (("http", 80), ("https", 443)):
        host = f"{host}:{parts.port}"
    query = "&".join(q for q in parts.query.split("&") if q and not q.startswith("utm_"))
    return urlunsplit((parts.scheme.lower(), host, parts.path.rstrip("/") or "/", query, ""))


def new_doc_id(name: str, digest: str) -> str:
    """A document id for an added article: its address's or file's words, and a digest."""
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:48].strip("-")
    return f"{slug or 'article'}-{digest[:8]}"


class ArticleStore:
    """The articles added, the extraction results, and the feeds followed; safe across threads
    (one connection, calls serialised by a lock)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- articles -------------------------------------------------------------------------

    def add(self, article: StoredArticle, analysis: bytes, code: str) -> None:
        """Keep the article and its extraction result, both or neither."""
        values = {name: getattr(article, name) for name in _COLUMNS}
        values["fetched_at"] = article.fetched_at or now()
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.execute(
                    f"INSERT INTO articles ({', '.join(_COLUMNS)}) "
                    f"VALUES ({', '.join(':' + c for c in _COLUMNS)})", values)
                self._db.execute("INSERT OR REPLACE INTO analyses VALUES (?, ?, ?)",
                                 (article.doc_id, code, analysis))
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def articles(self, skip: frozenset[str] = frozenset()) -> list[StoredArticle]:
        """Every article but those of the `skip` ids, in the order they were added."""
        with self._lock:
            wanted = [doc_id for (doc_id,) in self._db.execute(
                "SELECT doc_id FROM articles ORDER BY number") if doc_id not in skip]
            rows = []
            for start in range(0, len(wanted), 500):  # SQLite's bound on parameters
                chunk = wanted[start:start + 500]
                rows += self._db.execute(
                    f"SELECT {', '.join(_COLUMNS)} FROM articles WHERE doc_id IN "
                    f"({', '.join('?' * len(chunk))}) ORDER BY number", chunk).fetchall()
        return [_article(row) for row in rows]

    def doc_ids(self) -> set[str]:
        with self._lock:
            return {row[0] for row in self._db.execute("SELECT doc_id FROM articles")}

    def import_articles(self, articles: list[StoredArticle]) -> int:
        """Keep articles whose extraction is kept elsewhere (the corpus folder's, in the index
        cache), in one transaction; one already here (same id or text) is left as it is.
        Returns how many were new."""
        rows = [{**{name: getattr(a, name) for name in _COLUMNS},
                 "fetched_at": a.fetched_at or now()} for a in articles]
        with self._lock:
            before = self._db.total_changes
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany(
                    f"INSERT OR IGNORE INTO articles ({', '.join(_COLUMNS)}) "
                    f"VALUES ({', '.join(':' + c for c in _COLUMNS)})", rows)
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
            return self._db.total_changes - before

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def find(self, url: str = "", digest: str = "") -> StoredArticle | None:
        """The article fetched from or canonically at `url`, or with this text's digest."""
        wanted = normal_url(url)
        with self._lock:
            rows = self._db.execute(
                f"SELECT {', '.join(_COLUMNS)} FROM articles WHERE content_hash = ? "
                "OR (? != '' AND (url = ? OR canonical_url = ?))",
                (digest, wanted, wanted, wanted)).fetchall()
        return _article(rows[0]) if rows else None

    def add_carrier(self, doc_id: str, outlet: str, url: str) -> None:
        """Note another outlet that republished the article."""
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO carriers VALUES (?, ?, ?, ?)",
                             (doc_id, outlet, url, now()))

    def carriers(self) -> dict[str, list[str]]:
        """Each republished article's other outlets, in the order they were found."""
        with self._lock:
            rows = self._db.execute(
                "SELECT doc_id, outlet FROM carriers ORDER BY added_at, rowid").fetchall()
        found: dict[str, list[str]] = {}
        for doc_id, outlet in rows:
            if outlet not in found.setdefault(doc_id, []):
                found[doc_id].append(outlet)
        return found

    def analysis(self, doc_id: str, code: str) -> bytes | None:
        with self._lock:
            row = self._db.execute("SELECT data FROM analyses WHERE doc_id = ? AND code = ?",
                                   (doc_id, code)).fetchone()
        return bytes(row[0]) if row else None

    def keep_analysis(self, doc_id: str, code: str, data: bytes) -> None:
        """Keep what this code extracted from the article, dropping other codes' results."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            self._db.execute("DELETE FROM analyses WHERE doc_id = ? AND code != ?",
                             (doc_id, code))
            self._db.execute("INSERT OR REPLACE INTO analyses VALUES (?, ?, ?)",
                             (doc_id, code, data))
            self._db.execute("COMMIT")

    # -- feeds ----------------------------------------------------------------------------

    def add_feed(self, url: str, title: str, added_by: str = "") -> bool:
        """Follow a feed; False if it is already followed."""
        with self._lock:
            cursor = self._db.execute(
                "INSERT OR IGNORE INTO feeds (url, title, added_at, added_by) VALUES (?,?,?,?)",
                (url, title, now(), added_by))
        return cursor.rowcount == 1

    def remove_feed(self, url: str) -> bool:
        with self._lock:
            cursor = self._db.execute("DELETE FROM feeds WHERE url = ?", (url,))
            self._db.execute("DELETE FROM feed_items WHERE feed_url = ?", (url,))
        return cursor.rowcount == 1

    def feeds(self) -> list[Feed]:
        with self._lock:
            rows = self._db.execute(
                "SELECT url, title, etag, modified FROM feeds ORDER BY added_at, url").fetchall()
        return [Feed(*row) for row in rows]

    def feed_validators(self, url: str, etag: str, modified: str) -> None:
        """The feed's ETag and Last-Modified, for the next conditional request."""
        with self._lock:
            self._db.execute("UPDATE feeds SET etag = ?, modified = ? WHERE url = ?",
                             (etag, modified, url))

    def new_items(self, feed_url: str, items: list[str]) -> list[str]:
        """Of a feed's items, those not seen before, in the given order."""
        with self._lock:
            seen = {row[0] for row in self._db.execute(
                "SELECT item FROM feed_items WHERE feed_url = ?", (feed_url,))}
        return [item for item in dict.fromkeys(items) if item not in seen]

    def saw_item(self, feed_url: str, item: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR IGNORE INTO feed_items VALUES (?, ?)", (feed_url, item))


_COLUMNS = ("doc_id", "kind", "body", "url", "canonical_url", "outlet", "title", "date",
            "language", "fetched_at", "content_hash", "added_by")


def _article(row: tuple[object, ...]) -> StoredArticle:
    return StoredArticle(**dict(zip(_COLUMNS, row, strict=True)))  # type: ignore[arg-type]
