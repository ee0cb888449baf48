"""Fetching by name: the connection goes to the very address that was checked, whatever the
name resolves to a moment later (DNS rebinding), at every redirect."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bot.config import IngestConfig
from bot.ingest.fetch import FetchError, fetch
from tests.support.web import Site, serving

Lookup = Callable[..., list[Any]]


@pytest.fixture
def site() -> Iterator[Site]:
    with serving() as served:
        yield served


def _resolver(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> list[str]:
    """The system resolver made to answer `answers[name]` in turn (the last one for ever after),
    as a name server under an attacker's control can; returns the names looked up."""
    asked: list[str] = []
    real: Lookup = socket.getaddrinfo

    def lookup(host: str, port: Any, *args: Any, **kwargs: Any) -> list[Any]:
        if host not in answers:
            return real(host, port, *args, **kwargs)
        asked.append(host)
        queue = answers[host]
        address = queue.pop(0) if len(queue) > 1 else queue[0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port or 80)))]

    monkeypatch.setattr(socket, "getaddrinfo", lookup)
    return asked


def _settings(allow_private: bool) -> IngestConfig:
    return IngestConfig(allow_private_hosts=allow_private, timeout=5, host_delay=0)


def test_the_address_checked_is_the_one_connected_to_at_every_redirect(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = site.base.rsplit(":", 1)[1]
    site.page("/story", b"", status=301,
              headers={"Location": f"http://www.news.test:{port}/final"})
    site.page("/final", "<html><body><p>The page.</p></body></html>")
    # the first answer is the test server; any later lookup points where nothing listens
    asked = _resolver(monkeypatch, {"news.test": ["127.0.0.1", "127.0.0.2"],
                                    "www.news.test": ["127.0.0.1", "127.0.0.2"]})
    fetched = asyncio.run(fetch(f"http://news.test:{port}/story", _settings(True), None))
    assert fetched.url == f"http://www.news.test:{port}/final"
    assert b"The page." in fetched.body
    assert asked == ["news.test", "www.news.test"]  # each name looked up once, and used
    # the server was asked by name, as a browser asks
    assert [r[1].get("Host") for r in site.requests] == [f"news.test:{port}",
                                                         f"www.news.test:{port}"]


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.7", "169.254.169.254", "192.168.1.1"])
def test_a_name_resolving_to_a_private_address_is_refused_unless_allowed(
    site: Site, monkeypatch: pytest.MonkeyPatch, address: str
) -> None:
    port = site.base.rsplit(":", 1)[1]
    site.page("/inside", "<html><body><p>Inside.</p></body></html>")
    _resolver(monkeypatch, {"intranet.test": [address]})
    with pytest.raises(FetchError, match=r"intranet\.test is a private or local address"):
        asyncio.run(fetch(f"http://intranet.test:{port}/inside", _settings(False), None))
    assert site.requests == []
    if address == "127.0.0.1":
        allowed = asyncio.run(fetch(f"http://intranet.test:{port}/inside", _settings(True), None))
        assert b"Inside." in allowed.body


def test_an_unknown_host_is_told(monkeypatch: pytest.MonkeyPatch) -> None:
    def nowhere(*args: Any, **kwargs: Any) -> list[Any]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", nowhere)
    with pytest.raises(FetchError, match=r"could not find the host nowhere\.test"):
        asyncio.run(fetch("http://nowhere.test/", _settings(False), None))
