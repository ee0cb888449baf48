"""A small web server on 127.0.0.1 for the tests: pages and feeds written for them, redirects,
huge and slow answers, so that fetching is tested without the internet."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    stream_bytes: int = 0  # send this many bytes of filler instead of `body`, in chunks
    delay: float = 0.0  # seconds before answering


class Site:
    """Routes by path; `requests` counts what was asked, with the request headers."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.base = ""

    def page(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8",
             **more: object) -> str:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Route(data, content_type, **more)  # type: ignore[arg-type]
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # the name http.server calls
            site.requests.append((self.path, dict(self.headers)))
            route = site.routes.get(self.path)
            if route is None:
                self.send_error(404)
                return
            if route.delay:
                time.sleep(route.delay)
            etag = route.headers.get("ETag")
            if etag and self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            for name, value in route.headers.items():
                self.send_header(name, value)
            if route.stream_bytes:
                self.end_headers()  # no length: read until the server stops
                chunk = b"<p>" + b"x" * 65536 + b"</p>"
                try:
                    for _ in range(route.stream_bytes // len(chunk) + 1):
                        self.wfile.write(chunk)
                except OSError:
                    pass
                return
            self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            with contextlib.suppress(OSError):  # the client gave up (a timeout being tested)
                self.wfile.write(route.body)

    return Handler


@contextmanager
def serving() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()


def article_page(title: str, outlet: str, date: str, paragraphs: list[str],
                 canonical: str = "", lang: str = "en") -> str:
    """An article page with the furniture sites put around it."""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<html lang="{lang}"><head><title>{title} | {outlet}</title>'
            f'<meta property="og:site_name" content="{outlet}">{link}'
            f'<meta property="article:published_time" content="{date}"></head><body>'
            "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{body}"
            "<div class='share'>Share this: <a>Facebook</a> <a>Twitter</a></div></article>"
            "<footer>Copyright. All rights reserved.</footer></body></html>")


def rss(title: str, items: list[tuple[str, str]]) -> str:
    """An RSS 2.0 feed of (title, link) items."""
    entries = "".join(f"<item><title>{t}</title><link>{link}</link></item>" for t, link in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>http://example.invalid/</link>"
            f"<description>{title}</description>{entries}</channel></rss>")
