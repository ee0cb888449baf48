"""Following feeds: RSS and Atom read with feedparser, polled with conditional requests (ETag,
Last-Modified) so an unchanged feed costs one short answer, and each new item's page fetched
and added like a link (one host at a time, `ingest.host_delay` apart).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import feedparser

from bot.corpus.articles import Feed
from bot.i18n import tr, trn
from bot.ingest.fetch import FetchError, fetch
from bot.ingest.ingest import Ingestor, Report

log = logging.getLogger(__name__)


@dataclass
class FeedReport:
    """What a feed gave: its new items' reports, or why it could not be read."""

    url: str
    title: str = ""
    status: str = "polled"  # "followed", "polled", "unchanged", "refused"
    reason: str = ""
    reports: list[Report] = field(default_factory=list)

    def text(self) -> str:
        name = f"{self.title} ({self.url})" if self.title else self.url
        if self.status == "refused":
            return tr("Not followed: {url}: {reason}.", url=self.url, reason=self.reason)
        if self.status == "unchanged":
            return tr("{feed}: unchanged since the last poll.", feed=name)
        items = trn("{n} new item", "{n} new items", len(self.reports))
        added = trn("{n} added", "{n} added", sum(r.added for r in self.reports))
        if self.status == "followed":
            return tr("Following {feed}: {items}, {added}.", feed=name, items=items, added=added)
        return tr("Polled {feed}: {items}, {added}.", feed=name, items=items, added=added)


class NotAFeed(Exception):
    pass


def parse_feed(body: bytes) -> Any:
    """The feed, or NotAFeed when the body is no RSS or Atom feed."""
    parsed = feedparser.parse(body)
    if not parsed.get("version") or (parsed.get("bozo") and not parsed.entries):
        raise NotAFeed(tr("it is not an RSS or Atom feed"))
    return parsed


async def follow_feed(ingestor: Ingestor, url: str, added_by: str = "") -> FeedReport:
    """Read the feed once (it must be one), follow it, and add its items."""
    try:
        fetched = await fetch(url, ingestor.config.ingest, None)
        parsed = parse_feed(fetched.body)
    except (FetchError, NotAFeed) as error:
        return FeedReport(url, status="refused", reason=str(error))
    title = " ".join(str(parsed.feed.get("title", "")).split())
    ingestor.store.add_feed(url, title, added_by)
    report = await _add_items(ingestor, Feed(url, title), parsed, fetched.headers)
    report.status = "followed"
    return report


async def poll_feed(ingestor: Ingestor, feed: Feed) -> FeedReport:
    """The feed's new items added; a conditional request, so unchanged feeds send nothing."""
    conditional = {name: value for name, value in (("If-None-Match", feed.etag),
                                                   ("If-Modified-Since", feed.modified)) if value}
    try:
        await ingestor.polite(_host(feed.url))
        fetched = await fetch(feed.url, ingestor.config.ingest, None, conditional)
        if fetched.not_modified:
            return FeedReport(feed.url, feed.title, "unchanged")
        parsed = parse_feed(fetched.body)
    except (FetchError, NotAFeed) as error:
        log.warning("feed %s: %s", feed.url, error)
        return FeedReport(feed.url, feed.title, "refused", str(error))
    return await _add_items(ingestor, feed, parsed, fetched.headers)


async def poll_feeds(ingestor: Ingestor) -> list[FeedReport]:
    """Every followed feed polled, one after the other."""
    return [await poll_feed(ingestor, feed) for feed in ingestor.store.feeds()]


async def _add_items(ingestor: Ingestor, feed: Feed, parsed: Any,
                     headers: dict[str, str]) -> FeedReport:
    links = [str(entry.get("link", "")).strip() for entry in parsed.entries]
    report = FeedReport(feed.url, feed.title)
    new = ingestor.store.new_items(feed.url, [link for link in links if link])
    report.reports = await ingestor.add_urls(new, f"feed {feed.url}")
    for link in new:
        ingestor.store.saw_item(feed.url, link)
    ingestor.store.feed_validators(feed.url, headers.get("etag", ""),
                                   headers.get("last-modified", ""))
    return report


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()
