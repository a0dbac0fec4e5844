"""A polite HTTP client for feeds and pages: it names itself, asks robots.txt, keeps to a
per-host pace, retries what may pass, caps sizes and redirects, and asks "changed since?" with
the validators a cache kept from the last fetch.

Every failure is a `FetchError(url, reason)` with one line of reason; nothing here raises
anything else for a bad server.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from summarizer import __version__
from summarizer.config import FetchConfig
from summarizer.errors import FetchError
from summarizer.resources import cache_file

USER_AGENT = f"summarizer/{__version__} (news briefing tool; +https://pypi.org/project/summarizer/)"
ENV_CACHE = "SUMMARIZER_FETCH_CACHE"
_RETRY_STATUS = {429, 500, 502, 503, 504}
_MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True, slots=True)
class Response:
    """What a fetch gave: the body, or `not_modified` with the record a cache kept for the URL."""

    url: str  # after redirects
    body: bytes
    content_type: str
    not_modified: bool = False
    kept: dict[str, Any] | None = None  # what the caller stored for this URL last time
    etag: str = ""
    modified: str = ""


class ValidatorCache:
    """URL -> (ETag, Last-Modified, what the caller made of the body), in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS pages (url TEXT PRIMARY KEY, etag TEXT, modified TEXT,"
                " kept TEXT, fetched_at TEXT)"
            )
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise FetchError(str(path), f"cannot open the fetch cache: {exc}") from None

    def get(self, url: str) -> tuple[str, str, dict[str, Any] | None]:
        with self._lock:
            row = self._db.execute("SELECT etag, modified, kept FROM pages WHERE url = ?", (url,)).fetchone()
        if not row:
            return "", "", None
        return row[0] or "", row[1] or "", json.loads(row[2]) if row[2] else None

    def put(self, url: str, etag: str, modified: str, kept: dict[str, Any]) -> None:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?)",
                (url, etag, modified, json.dumps(kept), now),
            )
            self._db.commit()

    def close(self) -> None:
        self._db.close()


def default_cache_path(config: FetchConfig) -> Path:
    """Where the validators live: `fetch.cache_path`, else `$SUMMARIZER_FETCH_CACHE`, else the
    user cache folder."""
    return cache_file(config.cache_path, ENV_CACHE, "fetch.sqlite3")


class _Host:
    """One host's pace: at most `per_host` requests at once, `interval` seconds apart."""

    def __init__(self, per_host: int, interval: float) -> None:
        self.slots = threading.Semaphore(per_host)
        self.interval = interval
        self.lock = threading.Lock()
        self.next_at = 0.0
        self.robots: Any = None  # protego.Protego, or False when the host has none
        self.robots_lock = threading.Lock()


class PoliteClient:
    """Shared by the threads of one fetch; `get(url)` is the one call."""

    def __init__(self, config: FetchConfig, cache: ValidatorCache | None) -> None:
        self.config = config
        self.cache = cache
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(config.timeout_seconds),
            follow_redirects=True,
            max_redirects=config.max_redirects,
        )
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, conditional: bool = True) -> Response:
        """The body of `url`, or a not-modified answer carrying what the cache kept; raises
        FetchError for robots.txt refusals, HTTP errors, timeouts, size and type limits."""
        try:
            scheme = urlsplit(url).scheme
        except ValueError:
            scheme = ""
        if scheme not in ("http", "https"):
            raise FetchError(url, "not an http(s) URL")
        if not self._allowed(url):
            raise FetchError(url, "disallowed by the site's robots.txt")
        etag, modified, kept = self.cache.get(url) if (self.cache and conditional) else ("", "", None)
        headers = {}
        if kept is not None:
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        response, body = self._request(url, headers)
        if response.status_code == 304 and kept is not None:
            return Response(
                str(response.url), b"", "", not_modified=True, kept=kept, etag=etag, modified=modified
            )
        return Response(
            str(response.url),
            body,
            response.headers.get("content-type", ""),
            etag=response.headers.get("etag", ""),
            modified=response.headers.get("last-modified", ""),
        )

    def keep(self, url: str, response: Response, record: dict[str, Any]) -> None:
        """Store what the caller made of `response` (under the URL asked for), with its
        validators, for a conditional fetch next time."""
        if self.cache is not None and (response.etag or response.modified):
            self.cache.put(url, response.etag, response.modified, record)

    # --- internals -------------------------------------------------------------------------

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            if key not in self._hosts:
                self._hosts[key] = _Host(self.config.per_host, self.config.host_interval_seconds)
            return self._hosts[key]

    @contextmanager
    def _paced(self, url: str) -> Iterator[None]:
        host = self._host(url)
        with host.slots:
            with host.lock:
                wait = host.next_at - time.monotonic()
                host.next_at = max(time.monotonic(), host.next_at) + host.interval
            if wait > 0:
                time.sleep(wait)
            yield

    def _allowed(self, url: str) -> bool:
        host = self._host(url)
        with host.robots_lock:  # one robots.txt request per host, whoever asks first
            if host.robots is None:
                host.robots = self._robots(url)
            robots = host.robots
        return robots is False or bool(robots.can_fetch(url, USER_AGENT))

    def _robots(self, url: str) -> Any:
        from protego import Protego

        parts = urlsplit(url)
        try:
            response, body = self._request(f"{parts.scheme}://{parts.netloc}/robots.txt", {}, retries=0)
        except FetchError:
            return False  # none to be had: everything is allowed
        if response.status_code != 200:
            return False
        return Protego.parse(body.decode("utf-8", "replace"))

    def _request(
        self, url: str, headers: dict[str, str], retries: int | None = None
    ) -> tuple[httpx.Response, bytes]:
        attempts = (self.config.retries if retries is None else retries) + 1
        delay = self.config.backoff_seconds
        for attempt in range(attempts):
            last = attempt == attempts - 1
            try:
                with self._paced(url):
                    response, body = self._stream(url, headers)
            except httpx.TooManyRedirects:
                raise FetchError(url, f"more than {self.config.max_redirects} redirects") from None
            except httpx.TimeoutException:
                if last:
                    raise FetchError(url, f"timed out after {self.config.timeout_seconds:g} s") from None
            except httpx.TransportError as exc:
                if last:
                    raise FetchError(url, f"cannot connect: {_reason(exc)}") from None
            except httpx.DecodingError as exc:
                raise FetchError(url, f"a body that cannot be decoded: {_reason(exc)}") from None
            except (httpx.HTTPError, httpx.InvalidURL, ValueError) as exc:  # a malformed URL or answer
                raise FetchError(url, f"cannot fetch: {_reason(exc)}") from None
            else:
                if response.status_code in _RETRY_STATUS and not last:
                    time.sleep(min(_retry_after(response) or delay, _MAX_RETRY_AFTER))
                    delay *= 2
                    continue
                if response.status_code >= 400:
                    raise FetchError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
                return response, body
            time.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")

    def _stream(self, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        cap = int(self.config.max_page_mb * 1_000_000)
        with self._client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > cap:
                raise self._too_big(url)
            chunks, size = [], 0
            for chunk in response.iter_bytes():  # decompressed: a gzip bomb stops at the cap too
                size += len(chunk)
                if size > cap:
                    raise self._too_big(url)
                chunks.append(chunk)
            return response, b"".join(chunks)

    def _too_big(self, url: str) -> FetchError:
        return FetchError(url, f"over the {self.config.max_page_mb:g} MB limit (fetch.max_page_mb)")


def _retry_after(response: httpx.Response) -> float:
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError, IndexError):
        return 0.0


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
