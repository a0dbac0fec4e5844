"""Fetch a day of news from feeds: RSS and Atom feeds, OPML lists of them, and each entry's page.

`fetch_day(sources, folder, config)`:
1. feeds   - each source is a feed or an OPML list, by URL or path; a list's feeds are read in turn
2. entries - entries older than `since` are left out; duplicates by canonical URL are one
3. pages   - each entry's page through the polite client (`fetch.http`), its main text and
             metadata by trafilatura; a page that cannot be had leaves the feed's own text,
             marked teaser-only, and one error line
4. write   - one JSON article per entry into the folder (duplicates by content dropped), which
             `summarizer brief FOLDER` reads like any other day, offline; `.fetch.json` lists
             what was fetched and what failed

The outlet is the page's site name, else the feed's title; the date the page's, else the feed's.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from summarizer.config import FetchConfig
from summarizer.errors import FetchError, InputError
from summarizer.fetch.feeds import Entry, is_opml, opml_feeds, parse_feed
from summarizer.fetch.http import PoliteClient, Response, ValidatorCache, default_cache_path
from summarizer.ingest import extract_page
from summarizer.progress import SILENT, Progress
from summarizer.runs import dump_json, write_atomic

OnError = Callable[[InputError], None]
_HTML_TYPES = ("text/html", "application/xhtml", "text/plain", "application/xml", "text/xml")


@dataclass(frozen=True, slots=True)
class FetchedDay:
    """What a fetch wrote and how it went."""

    folder: Path
    written: tuple[Path, ...]
    entries: int  # entries of the feeds within `since`, duplicates counted once
    downloaded: int  # pages downloaded (answered 200)
    not_modified: int  # pages unchanged since the last fetch (answered 304), nothing downloaded
    teaser_only: int  # entries written with the feed's text only
    duplicates: int  # entries dropped as another's copy (same canonical URL or text)
    failed: int  # entries with no text to write


@dataclass(frozen=True, slots=True)
class _Page:
    entry: Entry
    record: dict[str, Any] | None
    status: str  # "downloaded", "not_modified", "teaser" or "failed"


def fetch_day(
    sources: Sequence[str],
    folder: Path,
    config: FetchConfig,
    on_error: OnError,
    *,
    since: timedelta | None = None,
    progress: Progress = SILENT,
    now: datetime | None = None,
    cache: ValidatorCache | None = None,
) -> FetchedDay:
    """Fetch `sources` (feed or OPML URLs or paths) into `folder`; each failure goes to
    `on_error` as a one-line FetchError and the rest goes on. `since` defaults to
    `config.since_hours` (0: no limit)."""
    now = now or datetime.now(timezone.utc)
    window = since if since is not None else timedelta(hours=config.since_hours)
    own_cache = cache is None
    if cache is None:
        try:
            cache = ValidatorCache(default_cache_path(config))
        except FetchError as exc:
            on_error(exc)  # fetch without validators: everything is downloaded
    client = PoliteClient(config, cache)
    try:
        progress.stage("reading feeds")
        entries = _entries(sources, client, on_error)
        fresh = [e for e in entries if not window or e.published is None or e.published >= now - window]
        unique, duplicates = _unique_links(fresh)
        pages = _pages(unique, client, config, on_error, progress)
        written, copies = _write(pages, folder, now)
    finally:
        client.close()
        if own_cache and cache is not None:
            cache.close()
    counts = {
        s: sum(1 for p in pages if p.status == s) for s in ("downloaded", "not_modified", "teaser", "failed")
    }
    return FetchedDay(
        folder=folder,
        written=tuple(written),
        entries=len(unique),
        downloaded=counts["downloaded"],
        not_modified=counts["not_modified"],
        teaser_only=counts["teaser"],
        duplicates=duplicates + copies,
        failed=counts["failed"],
    )


# --- 1. feeds ---------------------------------------------------------------------------------


def _entries(sources: Sequence[str], client: PoliteClient, on_error: OnError) -> list[Entry]:
    entries: list[Entry] = []
    for source in sources:
        try:
            loaded = _load(source, client)
            feeds = _listed_feeds(source, loaded, client)
            if feeds is None:
                entries.extend(_feed_entries(source, loaded, client))
                continue
            for feed in feeds:
                try:
                    entries.extend(_feed_entries(feed, _load(feed, client), client))
                except FetchError as exc:
                    on_error(exc)
        except FetchError as exc:
            on_error(exc)
    return entries


def _load(source: str, client: PoliteClient) -> tuple[bytes, Response | None]:
    """A source's bytes and, for a URL, the response (which may say "not modified")."""
    if re.match(r"https?://", source, re.IGNORECASE):
        response = client.get(source)  # a malformed URL is the client's FetchError
        return response.body, response
    try:
        return Path(source).read_bytes(), None
    except OSError as exc:
        raise FetchError(source, f"cannot read: {exc.strerror or exc}") from None


def _listed_feeds(
    source: str, loaded: tuple[bytes, Response | None], client: PoliteClient
) -> list[str] | None:
    """The feeds an OPML list names, or None when `source` is a feed itself."""
    body, response = loaded
    if response is not None and response.not_modified and response.kept is not None:
        feeds = response.kept.get("feeds")
        return list(feeds) if feeds is not None else None
    if not is_opml(body):
        return None
    feeds = opml_feeds(body, source)
    if response is not None:
        client.keep(source, response, {"feeds": feeds})
    return feeds


def _feed_entries(source: str, loaded: tuple[bytes, Response | None], client: PoliteClient) -> list[Entry]:
    body, response = loaded
    if response is not None and response.not_modified and response.kept is not None:
        return [_entry_from(e) for e in response.kept.get("entries", [])]
    entries = parse_feed(body, source)
    if response is not None:
        client.keep(source, response, {"entries": [_entry_to(e) for e in entries]})
    return entries


def _entry_to(entry: Entry) -> dict[str, Any]:
    return {
        "link": entry.link,
        "title": entry.title,
        "published": entry.published.isoformat() if entry.published else None,
        "text": entry.text,
        "feed_title": entry.feed_title,
        "feed_url": entry.feed_url,
    }


def _entry_from(data: dict[str, Any]) -> Entry:
    published = datetime.fromisoformat(data["published"]) if data.get("published") else None
    return Entry(data["link"], data["title"], published, data["text"], data["feed_title"], data["feed_url"])


# --- 2. entries -------------------------------------------------------------------------------


def canonical_url(url: str) -> str:
    """`url` with tracking parameters, fragments and case differences removed."""
    from courlan import normalize_url

    try:
        return str(normalize_url(url, strict=True))
    except ValueError:
        return url


def _unique_links(entries: list[Entry]) -> tuple[list[Entry], int]:
    seen: set[str] = set()
    unique = []
    for entry in entries:
        key = canonical_url(entry.link) if entry.link else f"text:{entry.title}|{entry.text}"
        if key not in seen:
            seen.add(key)
            unique.append(entry)
    return unique, len(entries) - len(unique)


# --- 3. pages ---------------------------------------------------------------------------------


def _pages(
    entries: list[Entry], client: PoliteClient, config: FetchConfig, on_error: OnError, progress: Progress
) -> list[_Page]:
    """Each entry's page, fetched by a pool of threads; progress is reported from this thread,
    and an interruption (Ctrl-C, SIGTERM) drops the pages not yet started."""
    pool = ThreadPoolExecutor(max_workers=config.concurrency)
    try:
        futures = {pool.submit(_page, entry, client, on_error): n for n, entry in enumerate(entries)}
        pages: list[_Page | None] = [None] * len(entries)
        for done, future in enumerate(as_completed(futures), 1):
            n = futures[future]
            pages[n] = future.result()
            progress.step("fetching pages", done, len(entries), _host(entries[n].link))
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [p for p in pages if p is not None]


def _page(entry: Entry, client: PoliteClient, on_error: OnError) -> _Page:
    teaser = _teaser(entry)
    if not entry.link:
        return _Page(entry, teaser, "teaser" if teaser else "failed")
    try:
        response = client.get(entry.link)
        if response.not_modified and response.kept is not None:
            if "error" in response.kept:  # unchanged, and no more readable than last time
                raise FetchError(entry.link, response.kept["error"])
            return _Page(entry, response.kept, "not_modified")
        try:
            record = _extract(response, entry)
        except FetchError as exc:
            client.keep(entry.link, response, {"error": exc.reason})
            raise
        client.keep(entry.link, response, record)
        return _Page(entry, record, "downloaded")
    except FetchError as exc:
        kept = "; kept the feed's text (teaser only)" if teaser else "; the feed has no text for it either"
        on_error(FetchError(exc.path, exc.reason + kept))
        return _Page(entry, teaser, "teaser" if teaser else "failed")


def _extract(response: Response, entry: Entry) -> dict[str, Any]:
    kind = response.content_type.split(";")[0].strip().lower()
    if kind and not kind.startswith(_HTML_TYPES):
        raise FetchError(entry.link, f"not a web page ({kind})")
    data = extract_page(response.body, response.url)
    text = data["text"]
    if not text:
        raise FetchError(entry.link, "no article text found on the page")
    return {
        "url": data.get("url") or response.url,
        "title": data.get("title") or entry.title,
        "source": data.get("sitename") or entry.feed_title,
        "date": data.get("date") or _feed_date(entry),
        "text": text,
        "teaser_only": False,
    }


def _teaser(entry: Entry) -> dict[str, Any] | None:
    if not (entry.text or entry.title):
        return None
    return {
        "url": entry.link,
        "title": entry.title,
        "source": entry.feed_title,
        "date": _feed_date(entry),
        "text": entry.text or entry.title,
        "teaser_only": True,
    }


def _feed_date(entry: Entry) -> str:
    return entry.published.date().isoformat() if entry.published else ""


# --- 4. write ---------------------------------------------------------------------------------


def _write(pages: list[_Page], folder: Path, now: datetime) -> tuple[list[Path], int]:
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    seen_urls: set[str] = set()
    seen_texts: set[str] = set()
    copies = 0
    log = []
    for page in pages:
        if page.record is None:
            log.append({"link": page.entry.link, "status": page.status})
            continue
        record = {**page.record, "feed": page.entry.feed_url, "entry_link": page.entry.link}
        url_key = canonical_url(record["url"]) if record.get("url") else ""
        text_key = hashlib.sha256(" ".join(record["text"].lower().split()).encode()).hexdigest()
        if (url_key and url_key in seen_urls) or text_key in seen_texts:
            copies += 1
            log.append({"link": page.entry.link, "status": "duplicate"})
            continue
        seen_urls.add(url_key)
        seen_texts.add(text_key)
        name = _file_name(page.entry)
        record["id"] = name
        path = folder / f"{name}.json"
        write_atomic(path, dump_json(record))
        written.append(path)
        log.append({"link": page.entry.link, "status": page.status, "file": path.name})
    summary = {"fetched_at": now.isoformat(timespec="seconds"), "entries": log}
    write_atomic(folder / ".fetch.json", dump_json(summary))
    return written, copies


def _host(url: str) -> str:
    try:
        return urlsplit(url).hostname or ""
    except ValueError:  # a malformed URL names no host
        return ""


def _file_name(entry: Entry) -> str:
    host = (_host(entry.link) or _host(entry.feed_url) or "feed").removeprefix("www.")
    digest = hashlib.sha256((entry.link or entry.title + entry.text).encode()).hexdigest()[:10]
    return f"{host}-{digest}"


__all__ = ["FetchedDay", "canonical_url", "fetch_day"]
