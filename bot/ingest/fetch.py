"""Fetching what a user or a feed names: async, capped in size and time, never a proxy into the
bot's own network.

A bot that fetches what strangers send must not reach its own machine or network: every address
a URL's host resolves to, at every redirect, must be public unless `ingest.allow_private_hosts`
says otherwise, and the connection goes to an address so checked (the host's name is looked up
once per request, so it cannot resolve to a public address when checked and a private one when
connected to). A redirect to another site is not followed (its address is told instead), the
body is read up to `ingest.max_bytes` and the whole fetch, redirects included, within
`ingest.timeout` seconds.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import charset_normalizer
import httpx

from bot.config import IngestConfig
from bot.i18n import tr

USER_AGENT = "newsbot/0.1 (a news-reading bot; fetches pages its users send)"
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain", "text/markdown", "text/x-markdown")
PDF_TYPES = ("application/pdf",)
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
              "application/rdf+xml", "application/feed+json")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)


class FetchError(Exception):
    """Why a URL could not be fetched, in words for the user."""


@dataclass
class Fetched:
    url: str  # where the body came from, after redirects
    status: int
    content_type: str  # the media type, lower case, without parameters
    body: bytes = b""
    charset: str = ""  # as the response declared it
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text: the declared charset, the page's own <meta>, UTF-8, or the most
        likely encoding."""
        return decode(self.body, self.charset)


def decode(body: bytes, declared: str = "") -> str:
    meta = _META_CHARSET.search(body[:4096])
    for encoding in (declared, meta.group(1).decode("ascii") if meta else "", "utf-8"):
        if not encoding:
            continue
        try:
            return body.decode(encoding).replace("\r\n", "\n")
        except (LookupError, UnicodeDecodeError):
            continue
    best = charset_normalizer.from_bytes(body).best()
    if best is None:
        raise FetchError(tr("its text is in an encoding that could not be recognised"))
    return str(best).replace("\r\n", "\n")


def same_site(first: str, second: str) -> bool:
    """Whether two hosts are one site (example.com and www.example.com are)."""
    return first.lower().removeprefix("www.") == second.lower().removeprefix("www.")


async def checked_addresses(url: str, allow_private: bool) -> list[str]:
    """The addresses `url`'s host resolves to, all of them public (unless allowed): the only
    addresses the fetch may connect to. Refuses what is not http(s), and hosts that resolve to a
    loopback, private, link-local or otherwise non-public address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(tr("only http:// and https:// addresses can be added"))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise FetchError(tr("the address has a bad port")) from error
    try:
        found = await asyncio.get_running_loop().getaddrinfo(
            parts.hostname, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(tr("could not find the host {host}", host=parts.hostname)) from error
    addresses = list(dict.fromkeys(str(address[0]).split("%")[0] for *_, address in found))
    for address in addresses:
        ip = ipaddress.ip_address(address)
        if not allow_private and (not ip.is_global or ip.is_multicast):
            raise FetchError(tr("{host} is a private or local address, which the bot does "
                                "not fetch", host=parts.hostname))
    if not addresses:
        raise FetchError(tr("could not find the host {host}", host=parts.hostname))
    return addresses


async def fetch(url: str, settings: IngestConfig, accept: tuple[str, ...] | None,
                headers: dict[str, str] | None = None) -> Fetched:
    """GET `url` (of one of the `accept` media types; None: any), following redirects within
    its site."""
    try:
        async with asyncio.timeout(settings.timeout):
            return await _fetch(url, settings, accept, headers or {})
    except TimeoutError as error:
        raise FetchError(tr("the site did not answer within {seconds} s",
                            seconds=f"{settings.timeout:g}")) from error


async def _fetch(url: str, settings: IngestConfig, accept: tuple[str, ...] | None,
                 headers: dict[str, str]) -> Fetched:
    limits = httpx.Timeout(settings.timeout)
    async with httpx.AsyncClient(follow_redirects=False, timeout=limits, trust_env=False,
                                 headers={"User-Agent": USER_AGENT, **headers}) as client:
        for _ in range(settings.max_redirects + 1):
            addresses = await checked_addresses(url, settings.allow_private_hosts)
            try:
                async with _pinned(client, url, addresses) as response:
                    if response.has_redirect_location:
                        target = urljoin(url, response.headers.get("location", ""))
                        if not same_site(urlsplit(target).hostname or "",
                                         urlsplit(url).hostname or ""):
                            raise FetchError(tr("it redirects to another site ({target}); "
                                                "send that address if you mean it",
                                                target=target))
                        url = target
                        continue
                    return await _read(response, url, settings, accept)
            except httpx.HTTPError as error:
                raise FetchError(tr("could not reach {host}: {error}",
                                    host=urlsplit(url).hostname,
                                    error=type(error).__name__)) from error
        raise FetchError(tr("more than {n} redirects", n=settings.max_redirects))


@asynccontextmanager
async def _pinned(client: httpx.AsyncClient, url: str, addresses: list[str]
                  ) -> AsyncIterator[httpx.Response]:
    """GET `url` connecting to one of the checked `addresses`, never to what the host's name
    resolves to by then (DNS rebinding: a name that is public when checked and private when
    connected to). The request names the host (Host header, TLS server name and certificate
    check), as a request by name would."""
    wanted = httpx.URL(url)
    host = wanted.netloc.decode("ascii")
    for number, address in enumerate(addresses):
        request = client.build_request(
            "GET", wanted.copy_with(host=address), headers={"Host": host},
            extensions={"sni_hostname": wanted.host})
        try:
            response = await client.send(request, stream=True)
        except httpx.ConnectError:
            if number == len(addresses) - 1:
                raise
            continue
        try:
            yield response
        finally:
            await response.aclose()
        return


async def _read(response: httpx.Response, url: str, settings: IngestConfig,
                accept: tuple[str, ...] | None) -> Fetched:
    kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
    fetched = Fetched(url, response.status_code, kind, charset=response.charset_encoding or "",
                      headers=dict(response.headers))
    if response.status_code == 304:
        return fetched
    if response.status_code >= 400:
        raise FetchError(tr("the site answered {status}", status=f"{response.status_code} "
                            f"{response.reason_phrase}".strip()))
    if accept is not None and kind and kind not in accept:
        raise FetchError(tr("it is not a page with an article ({kind})", kind=kind))
    cap = settings.max_bytes
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise FetchError(tr("it is larger than {size} MB", size=f"{cap / 1e6:g}"))
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > cap:
            raise FetchError(tr("it is larger than {size} MB", size=f"{cap / 1e6:g}"))
    fetched.body = bytes(body)
    return fetched
