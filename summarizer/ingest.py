"""Read a day's articles from files and folders (and standard input, `-`): text, Markdown,
HTML, JSON and JSON Lines.

Every input that cannot be used raises `InputError(path, reason)` through the `on_error`
callback; the rest are returned. Nothing here judges content: cleaning is the next stage.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from summarizer.errors import InputError
from summarizer.models import Article

TEXT_SUFFIXES = {".txt", ".md", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES

HEADER_KEYS = ("title", "source", "date", "url")
_HEADER = re.compile(r"^\s*(title|source|date|url)\s*:\s*(.*\S)\s*$", re.IGNORECASE)
# Some exporters put a bare "date YYYY-MM-DD" before the text on the first line.
_LEADING_DATE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})(?:[T ][\d:.+Z-]+)?\s+", re.IGNORECASE)
_MAX_CHAOS = 0.2

OnError = Callable[[InputError], None]
STDIN = "-"  # an input of this name is standard input
STDIN_NAME = "stdin"


def expand_inputs(inputs: Iterable[str | Path], on_error: OnError) -> list[Path]:
    """Files named directly, and supported files found recursively in folders, in sorted order."""
    files: list[Path] = []
    for item in inputs:
        path = Path(item)
        if str(item) == STDIN:
            files.append(path)
        elif path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path))
            files.extend(p for p in found if p.suffix.lower() in SUPPORTED)
            for p in found:
                if p.suffix.lower() not in SUPPORTED:
                    on_error(InputError(p, f"unsupported file type {p.suffix or '(none)'!r}, skipped"))
        elif path.is_file():
            files.append(path)
        else:
            on_error(InputError(path, "no such file or folder"))
    return files


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_articles(inputs: Iterable[str | Path], on_error: OnError, max_file_mb: float = 0) -> list[Article]:
    """Read every article of `inputs`; report each unusable file through `on_error`. Files over
    `max_file_mb` megabytes (0: no limit) are refused unread."""
    articles: list[Article] = []
    seen_ids: set[str] = set()
    for path in expand_inputs(inputs, on_error):
        try:
            found = (
                read_stdin(on_error, max_file_mb=max_file_mb)
                if str(path) == STDIN
                else read_file(path, on_error, max_file_mb)
            )
            for article in found:
                articles.append(_unique_id(article, seen_ids))
        except InputError as exc:
            on_error(exc)
    return articles


def _unique_id(article: Article, seen: set[str]) -> Article:
    base, n, candidate = article.id, 1, article.id
    while candidate in seen:
        n += 1
        candidate = f"{base}~{n}"
    seen.add(candidate)
    if candidate == article.id:
        return article
    return Article(**{**_fields(article), "id": candidate})


def _fields(article: Article) -> dict[str, Any]:
    return {name: getattr(article, name) for name in Article.__slots__}


def read_stdin(
    on_error: OnError, stream: BinaryIO | None = None, max_file_mb: float = 0
) -> Iterator[Article]:
    """The articles on standard input (`-`): JSON (an object or a list), JSON Lines, or text
    with optional header lines, told apart by their first character; more than `max_file_mb`
    megabytes (0: no limit) is refused."""
    limit = int(max_file_mb * 1_000_000) if max_file_mb else -1
    raw = (stream or sys.stdin.buffer).read(limit + 1 if limit >= 0 else -1)
    if limit >= 0 and len(raw) > limit:
        raise InputError(
            STDIN_NAME, f"standard input is over the {max_file_mb:g} MB limit (limits.max_file_mb)"
        )
    text = decode(raw, Path(STDIN_NAME))
    head = text.lstrip()[:1]
    suffix = ".txt"
    if head == "[":
        suffix = ".json"
    elif head == "{":
        first = text.strip().split("\n", 1)[0]
        try:
            json.loads(first)
            suffix = ".jsonl"
        except json.JSONDecodeError:
            suffix = ".json"
    yield from _parse(text, Path(STDIN_NAME + suffix), on_error)


def read_file(path: Path, on_error: OnError, max_file_mb: float = 0) -> Iterator[Article]:
    """The articles of one file; raises InputError when the file cannot be used.

    A bad record of a JSON Lines file is reported through `on_error` and skipped.
    """
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise InputError(path, f"unsupported file type {suffix or '(none)'!r}")
    try:
        size = path.stat().st_size
        if max_file_mb and size > max_file_mb * 1_000_000:
            raise InputError(
                path,
                f"file of {size / 1e6:,.1f} MB is over the {max_file_mb:g} MB limit (limits.max_file_mb)",
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    yield from _parse(decode(raw, path), path, on_error)


def _parse(text: str, path: Path, on_error: OnError) -> Iterator[Article]:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        yield parse_text(text, path)
    elif suffix in HTML_SUFFIXES:
        yield parse_html(text, path)
    elif suffix in JSON_SUFFIXES:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                path, f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
            ) from None
        records = data if isinstance(data, list) else [data]
        for n, record in enumerate(records, 1):
            yield from_record(record, path, f"{path.stem}-{n}" if len(records) > 1 else path.stem)
    else:
        yield from _parse_jsonl(text, path, on_error)


def decode(raw: bytes, path: Path) -> str:
    """Bytes to text: UTF-16 with its byte-order mark, UTF-8 (with or without one), else the
    encoding charset-normalizer finds. Text whose first characters are more than 5% control
    characters is binary; stray ones (NUL, form feeds) in a text are dropped."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(path, "invalid UTF-16 text") from None
    else:
        text = _decode_bytes(raw, path)
    if not text.strip():
        raise InputError(path, "empty file")
    head = text[:8192]
    if len(head.translate(dict.fromkeys(_BINARY))) < 0.95 * len(head):
        raise InputError(path, "binary file, not text")
    text = text.translate(dict.fromkeys(_DROPPED))
    if not text.strip():
        raise InputError(path, "empty file")
    return text


def _decode_bytes(raw: bytes, path: Path) -> str:
    if not raw.strip() or _binary(raw[:8192]):
        return raw.decode("latin-1")  # judged as text by the caller: empty, or binary
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None or best.chaos > _MAX_CHAOS:
        raise InputError(path, "unknown text encoding (not UTF-8, and no other encoding fits)")
    return str(best)


# Control characters that text files do not hold (NUL among them), and those dropped from text.
_BINARY = bytes(c for c in range(32) if c not in b"\t\n\r\f\v\x1b")
_DROPPED = bytes(c for c in range(32) if c not in b"\t\n\r")


def _binary(head: bytes) -> bool:
    """Control bytes are more than 5% of the file's first bytes."""
    return len(head.translate(None, _BINARY)) < 0.95 * len(head)


def fingerprint(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def parse_text(text: str, path: Path) -> Article:
    """Plain text or Markdown: optional `key: value` header lines, then the body."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta: dict[str, str] = {}
    start = 0
    for i, line in enumerate(lines):
        match = _HEADER.match(line)
        if match and match.group(1).lower() not in meta:
            meta[match.group(1).lower()] = match.group(2)
            start = i + 1
            continue
        if not line.strip() and meta:
            start = i + 1
        break
    body_lines = lines[start:]
    if body_lines:
        leading = _LEADING_DATE.match(body_lines[0])
        if leading:
            meta.setdefault("date", leading.group(1))
            body_lines[0] = body_lines[0][leading.end() :]
    body = "\n".join(body_lines).strip()
    if path.suffix.lower() == ".md":
        body = re.sub(r"^#{1,6}\s+", "", body, flags=re.MULTILINE)
    if not body:
        raise InputError(path, "no article text")
    return Article(
        id=path.stem,
        path=str(path),
        text=body,
        fingerprint=fingerprint(text),
        title=meta.get("title", ""),
        source=meta.get("source", ""),
        url=meta.get("url", ""),
        date=meta.get("date", ""),
    )


def extract_page(html: str | bytes, url: str = "") -> dict[str, Any]:
    """A web page's main text (`text`, "" when none) and metadata (`title`, `sitename`,
    `hostname`, `url`, `date`) by trafilatura; bytes are decoded by its own charset detection."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False)
    data: dict[str, Any] = (doc if isinstance(doc, dict) else doc.as_dict()) if doc is not None else {}
    data["text"] = (data.get("text") or "").strip()
    return data


def parse_html(html: str, path: Path) -> Article:
    """A web page: main text and metadata by trafilatura."""
    data = extract_page(html)
    body = data["text"]
    if not body:
        raise InputError(path, "no article text found in the HTML")
    return Article(
        id=path.stem,
        path=str(path),
        text=body,
        fingerprint=fingerprint(html),
        title=data.get("title") or "",
        source=data.get("sitename") or data.get("hostname") or "",
        url=data.get("url") or "",
        date=data.get("date") or "",
    )


def _parse_jsonl(text: str, path: Path, on_error: OnError) -> Iterator[Article]:
    good = 0
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            article = from_record(record, path, f"{path.stem}-{n}", where=f"line {n}: ")
        except json.JSONDecodeError as exc:
            on_error(InputError(path, f"line {n}: not valid JSON: {exc.msg} (column {exc.colno})"))
            continue
        except InputError as exc:
            on_error(exc)
            continue
        good += 1
        yield article
    if not good:
        raise InputError(path, "no usable records")


def from_record(record: Any, path: Path, default_id: str, where: str = "") -> Article:
    """One JSON object with `text` or `body`, and optional id, title, url, source, date and
    `teaser_only` (true: the text is a feed's teaser, as `summarizer fetch` writes it)."""
    if not isinstance(record, dict):
        raise InputError(path, f"{where}expected a JSON object, got {type(record).__name__}")
    body = record.get("text") or record.get("body") or ""
    if not isinstance(body, str):
        raise InputError(path, f"{where}'text' must be a string")
    fields = {k: _string(record.get(k)) for k in ("title", "source", "url", "date")}
    body = _string(body).strip() or fields["title"].strip()  # a headline alone is still an article
    if not body:
        raise InputError(path, f"{where}no 'text', 'body' or 'title' field")
    return Article(
        id=_string(record.get("id")) or _string(record.get("doc_id")) or default_id,
        path=str(path),
        text=body,
        fingerprint=fingerprint(json.dumps(record, sort_keys=True)),
        teaser=record.get("teaser_only") is True,
        **fields,
    )


def _string(value: Any) -> str:
    """A JSON field as text: a string without control characters or unpaired surrogates (JSON
    escapes can hold both), a number written out, anything else empty."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return ""
    text = str(value).translate(dict.fromkeys(_DROPPED))
    return text.encode("utf-8", "replace").decode("utf-8")
