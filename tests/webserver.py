"""A local HTTP server for the fetch tests: routes of fixed answers, conditional GET by ETag,
gzip, slow answers, redirect loops, and a log of every request."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    etag: str = ""  # answer 304 when the request's If-None-Match holds it
    gzip: bool = False
    delay: float = 0.0  # seconds before answering (a timeout test)
    redirect: str = ""  # a Location to send with a 302
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Hit:
    path: str
    status: int
    user_agent: str
    conditional: bool


class Site:
    """One server on 127.0.0.1 with its own port (so its own host for per-host limits)."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: list[Hit] = []
        self.in_flight = 0
        self.most_in_flight = 0  # the most requests this server answered at once
        self._lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site._answer(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(self, path: str, route: Route) -> str:
        self.routes[path] = route
        return self.url + path

    def downloads(self, prefix: str = "/") -> list[str]:
        """Paths answered with a body (200) under `prefix`."""
        return [h.path for h in self.hits if h.status == 200 and h.path.startswith(prefix)]

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        answered = False

        def done() -> None:  # before the answer goes out: the client may ask again the moment it has it
            nonlocal answered
            if not answered:
                answered = True
                with self._lock:
                    self.in_flight -= 1

        try:
            self._reply(handler, done)
        finally:
            done()

    def _reply(self, handler: BaseHTTPRequestHandler, done: Callable[[], None]) -> None:
        route = self.routes.get(handler.path)
        if route is None:
            status, body, headers = 404, b"not found", {"Content-Type": "text/plain"}
        elif route.delay:
            time.sleep(route.delay)
            status, body, headers = route.status, route.body, {"Content-Type": route.content_type}
        elif route.redirect:
            status, body, headers = 302, b"", {"Location": route.redirect}
        elif route.etag and handler.headers.get("If-None-Match") == route.etag:
            status, body, headers = 304, b"", {"ETag": route.etag}
        else:
            status, body = route.status, route.body
            headers = {"Content-Type": route.content_type, **route.headers}
            if route.etag:
                headers["ETag"] = route.etag
            if route.gzip:
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
        with self._lock:
            self.hits.append(
                Hit(
                    handler.path,
                    status,
                    handler.headers.get("User-Agent", ""),
                    "If-None-Match" in handler.headers,
                )
            )
        done()
        try:
            handler.send_response(status)
            for key, value in headers.items():
                handler.send_header(key, value)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@contextmanager
def serving(count: int = 1) -> Iterator[list[Site]]:
    sites = [Site() for _ in range(count)]
    threads = [threading.Thread(target=s.server.serve_forever, daemon=True) for s in sites]
    for thread in threads:
        thread.start()
    try:
        yield sites
    finally:
        for site in sites:
            site.server.shutdown()
            site.server.server_close()


def rss(title: str, items: list[tuple[str, str, str, str]]) -> bytes:
    """An RSS 2.0 feed; items are (title, link, RFC 2822 date, description)."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate>"
        f"<description><![CDATA[{desc}]]></description></item>"
        for t, link, d, desc in items
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{body}</channel></rss>'
    ).encode()


def page(title: str, site_name: str, published: str, paragraphs: list[str]) -> bytes:
    """A news page with navigation around the article and its metadata in the head."""
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        "<!doctype html><html><head>"
        f"<title>{title}</title><meta property='og:site_name' content='{site_name}'>"
        f"<meta property='article:published_time' content='{published}'>"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{text}</article><footer>Cookie settings</footer></body></html>"
    ).encode()
