"""Feeds and feed lists: RSS and Atom (by feedparser) into entries, OPML into feed URLs."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from summarizer.errors import FetchError


@dataclass(frozen=True, slots=True)
class Entry:
    """One feed item: where its page is, and what the feed itself says of it."""

    link: str
    title: str
    published: datetime | None  # UTC
    text: str  # the feed's own text (summary or content), tags removed
    feed_title: str
    feed_url: str


def is_opml(body: bytes) -> bool:
    return re.search(rb"<opml[\s>]", body[:2048], re.IGNORECASE) is not None


def opml_feeds(body: bytes, where: str) -> list[str]:
    """The feed URLs an OPML list names (`xmlUrl` of its outlines, nested or not)."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise FetchError(where, f"not a valid OPML list: {exc}") from None
    urls = [o.get("xmlUrl") or o.get("xmlurl") or "" for o in root.iter("outline")]
    found = [u.strip() for u in urls if u.strip()]
    if not found:
        raise FetchError(where, "the OPML list names no feed (no outline with xmlUrl)")
    return list(dict.fromkeys(found))


def parse_feed(body: bytes, where: str) -> list[Entry]:
    """The entries of an RSS or Atom feed; raises FetchError when it is neither."""
    import feedparser

    parsed: Any = feedparser.parse(body)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        problem = parsed.get("bozo_exception")
        detail = f": {str(problem).splitlines()[0]}" if problem else ""
        raise FetchError(where, f"not an RSS or Atom feed{detail}")
    feed_title = _plain(parsed.feed.get("title", ""))
    entries = []
    for item in parsed.entries:
        link = (item.get("link") or "").strip()
        content = item.get("content") or []
        text = _plain(content[0].get("value", "") if content else item.get("summary", ""))
        title = _plain(item.get("title", ""))
        if not (link or text or title):
            continue
        entries.append(Entry(link, title, _published(item), text, feed_title, where))
    return entries


def _published(item: Any) -> datetime | None:
    stamp = item.get("published_parsed") or item.get("updated_parsed")
    if not stamp:
        return None
    year, month, day, hour, minute, second = stamp[:6]
    return datetime(year, month, day, hour, minute, second, tzinfo=timezone.utc)


def _plain(html: str) -> str:
    """Feed HTML as text: paragraphs kept as lines, tags and entities gone."""
    if "<" not in html and "&" not in html:
        return html.strip()
    import lxml.html

    html = re.sub(r"(?i)<\s*(br|/p|/div|/li|/h\d)\b[^>]*>", "\n", html)
    try:
        text = lxml.html.fromstring(f"<div>{html}</div>").text_content()
    except (ValueError, lxml.etree.ParserError):
        return re.sub(r"<[^>]+>", " ", html).strip()
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())
