"""A local, read-only web view of a runs folder: the runs, any briefing, a compare of any two
runs, and the stories that continue across runs. Standard library only (`http.server`); GET
and HEAD only; bound to 127.0.0.1 unless told otherwise.

Routes: `/` (runs, newest first, and a form to compare two), `/runs/<id>/` (the briefing as
its HTML view renders it), `/compare?a=<id>&b=<id>`, `/timeline`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import numpy as np

from summarizer.errors import SummarizerError
from summarizer.render import environment, render
from summarizer.runs import list_runs, load_run, run_folders

log = logging.getLogger(__name__)
Embed = Callable[[list[str]], np.ndarray]


class _Handler(BaseHTTPRequestHandler):
    server_version = "summarizer-serve"

    def __init__(self, *args: Any, runs_dir: Path, embed: Embed | None, **kwargs: Any) -> None:
        self.runs_dir = runs_dir
        self.embed = embed
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def _refuse(self) -> None:
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, _page("Read only", "This view is read-only."), allow=True)

    do_POST = do_PUT = do_DELETE = do_PATCH = _refuse

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s %s", self.address_string(), format % args)

    def _answer(self, body: bool) -> None:
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        try:
            status, html = self._route(url.path, query)
        except SummarizerError as exc:
            status, html = HTTPStatus.NOT_FOUND, _page("Not found", str(exc))
        except Exception as exc:  # a bug answers one page, never a dropped connection
            log.exception("serving %s", url.path)
            status = HTTPStatus.INTERNAL_SERVER_ERROR
            html = _page("Error", f"{type(exc).__name__}: {exc}")
        self._send(status, html, body=body)

    def _route(self, path: str, query: dict[str, str]) -> tuple[HTTPStatus, str]:
        if path == "/":
            return HTTPStatus.OK, _runs_page(self.runs_dir)
        known = {folder.name: str(folder) for folder in run_folders(self.runs_dir)}  # nothing else is read
        match = re.fullmatch(r"/runs/([^/]+)/?", path)
        if match and match.group(1) in known:
            run = load_run(known[match.group(1)], self.runs_dir)
            return HTTPStatus.OK, render(run.briefing.to_dict(), "html")
        if path == "/compare" and query.get("a") in known and query.get("b") in known:
            from summarizer.compare import compare

            a, b = load_run(known[query["a"]], self.runs_dir), load_run(known[query["b"]], self.runs_dir)
            return HTTPStatus.OK, render(compare(a, b, self.embed), "html", "comparison")
        if path == "/timeline":
            return HTTPStatus.OK, _timeline_page(self.runs_dir, self.embed)
        return HTTPStatus.NOT_FOUND, _page("Not found", f"No page at {path}.")

    def _send(self, status: HTTPStatus, html: str, body: bool = True, allow: bool = False) -> None:
        data = html.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header(
            "Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'"
        )
        if allow:
            self.send_header("Allow", "GET, HEAD")
        self.end_headers()
        if body:
            self.wfile.write(data)


def _page(title: str, message: str) -> str:
    """A page of one message (escaped by the template)."""
    return str(environment(True).get_template("page.html.j2").render(title=title, message=message))


def _runs_page(runs_dir: Path) -> str:
    template = environment(True).get_template("runs.html.j2")
    return str(template.render(runs=list_runs(runs_dir), runs_dir=str(runs_dir)))


def _timeline_page(runs_dir: Path, embed: Embed | None) -> str:
    from summarizer.compare import by_news_day, timeline

    runs = by_news_day([load_run(str(f), runs_dir) for f in run_folders(runs_dir)])
    template = environment(True).get_template("timeline.html.j2")
    return str(template.render(lines=timeline(runs, embed)))


def make_server(
    runs_dir: Path, host: str = "127.0.0.1", port: int = 8765, embed: Embed | None = None
) -> ThreadingHTTPServer:
    """The server (not yet serving: call `serve_forever()`); port 0 picks a free one."""
    handler = partial(_Handler, runs_dir=runs_dir, embed=embed)
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server
