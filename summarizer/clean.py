"""Drop what is not news text: UI and icon strings, captions and credits, bylines, timestamps,
related-posts lines, comment forms and consent notices, contributor notes, tag lines. What the
dropped source lines, datelines, bylines and timestamps say of the article's outlet and date is
kept (`summarizer.metadata`).

Rules are generic (shapes of lines, not strings from particular sites). Each removed line is kept
with its reason so that `summarizer clean FILE` and `-vv` can show it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace

from summarizer.config import CleanConfig
from summarizer.metadata import (
    date_in_text,
    host_outlet,
    iso_date,
    outlet_in_byline,
    outlet_in_dateline,
    outlet_in_source_line,
)
from summarizer.models import Article, DroppedLine
from summarizer.sentences import split_text

_TERMINAL = re.compile(r"[.!?…]['\"”’)\]]*$|[:;]$")
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")

_CREDIT_WORDS = r"photo|photos|pool|getty|reuters|afp|ap|epa|image|images|credit|file|shutterstock|xinhua"
_RULES: list[tuple[str, Callable[[str], bool]]] = []


def _rule(reason: str) -> Callable[[Callable[[str], bool]], Callable[[str], bool]]:
    def register(test: Callable[[str], bool]) -> Callable[[str], bool]:
        _RULES.append((reason, test))
        return test

    return register


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _short(line: str, limit: int = 12) -> bool:
    return len(_words(line)) <= limit


@_rule("separator")
def _separator(line: str) -> bool:
    return re.fullmatch(r"[\W_]{3,}", line) is not None


@_rule("UI or icon text")
def _ui_text(line: str) -> bool:
    icons = len(re.findall(r"\bicons?\b", line, re.IGNORECASE))
    if icons >= 3 and len(_words(line)) <= 12 * icons:  # a legend of icons, not prose naming one
        return True
    ui = (
        r"(share|share this( article| story)?|print|email|tweet|copy link|sign up|sign in|log ?in|subscribe|"
        r"advertisement|skip to (main )?content|click here|menu|search|close|back to top|"
        r"listen to (this )?article)"
    )
    return re.fullmatch(ui + r"[\s:.!]*", line, re.IGNORECASE) is not None


@_rule("image placeholder")
def _image_placeholder(line: str) -> bool:
    pattern = r"(image|photo|picture|video|gallery|graphic|illustration)\b[\w ]{0,24}"
    return _short(line, 4) and re.fullmatch(pattern, line, re.IGNORECASE) is not None


@_rule("photo caption or credit")
def _caption(line: str) -> bool:
    credit = rf"\((?=[^()]*\b(?:{_CREDIT_WORDS})\b)[^()]*\)\s*$"
    if re.search(credit, line, re.IGNORECASE) and re.search(
        r"/|\bvia\b|photo|getty|images", line, re.IGNORECASE
    ):
        return True
    return re.match(r"(photo|image|picture|credit|caption)s?\s*(:|by\b)", line, re.IGNORECASE) is not None


@_rule("byline")
def _byline(line: str) -> bool:
    name = r"[A-Z][\w.'’-]*"
    pattern = rf"by\s+{name}(?:\s+(?:{name}|and|&|de|van|von|al))*\s*(?:[,|].{{0,60}})?"
    return (
        _short(line, 12)
        and re.fullmatch(pattern, line, re.IGNORECASE) is not None
        and line[:2] in ("By", "BY")
    )


@_rule("timestamp")
def _timestamp(line: str) -> bool:
    if not _short(line, 12) or not re.search(r"\d", line):
        return False
    if re.match(
        r"(as of|updated|published|posted|last (updated|modified)|first published)\b", line, re.IGNORECASE
    ):
        return True
    months = r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
    numeric = r"\d{1,4}[./-]\d{1,2}[./-]\d{2,4}"
    written = rf"({months})[a-z]*\.? \d{{1,2}},? \d{{4}}"
    date_only = rf"[\w ,./:-]*\b({numeric}|{written})[\w ,./:-]*"
    return re.fullmatch(date_only, line, re.IGNORECASE) is not None and not _TERMINAL.search(line)


@_rule("related-posts line")
def _related(line: str) -> bool:
    pattern = (
        r"(related( posts| articles| stories| coverage| content| news)?|read more|more from\b.*|see also|"
        r"recommended( for you)?|you may also like|most read|most popular|trending( now)?|more on this story)"
    )
    return _short(line, 8) and re.fullmatch(pattern + r"[\s:.]*", line, re.IGNORECASE) is not None


@_rule("comment form")
def _comment_form(line: str) -> bool:
    pattern = (
        r"(leave a (comment|reply)|post a comment|add a comment|comments?|\d+ comments?|"
        r"join the (conversation|discussion)|show comments|view comments|cancel reply)"
    )
    return (
        _short(line, 6) and re.fullmatch(r"[*\s]*" + pattern + r"[\s:.!]*", line, re.IGNORECASE) is not None
    )


@_rule("consent notice")
def _consent(line: str) -> bool:
    lowered = line.lower()
    agrees = re.search(
        r"\b(you agree|agree (to|with)|consent|accept (all|the)|by (using|continuing|submitting))\b", lowered
    )
    subject = re.search(
        r"\b(cookies?|privacy|your data|personal data|terms( of (use|service))?|this (form|website|site))\b",
        lowered,
    )
    return bool(agrees and subject)


@_rule("contributor note")
def _contributor(line: str) -> bool:
    pattern = (
        r"(contributed to this (report|story|article)|contributed reporting|"
        r"information for this article was contributed|^(additional )?reporting by\b|^(writing|editing) by\b|"
        r"^(compiled|edited) by\b)"
    )
    return re.search(pattern, line, re.IGNORECASE) is not None


@_rule("source line")
def _source_line(line: str) -> bool:
    return re.fullmatch(r"(source|via|origin)\s*:\s*\S+(\s+\S+){0,3}", line, re.IGNORECASE) is not None


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DAY = rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+(?:of\s+)?{_MONTH})"  # May 21, 21 May, 21 of May
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?:(?:[ ,]+|/)[A-Z][A-Z.'’-]+){0,3})"  # CITY, CITY, STATE or CITY/CITY
    rf"(?:,\s*[A-Z][A-Za-z.'’-]*(?:\s[A-Z][A-Za-z.'’-]*)?(?=\s*[(—–―-]|,?\s+{_DAY}))?"  # , Region
    rf"(?:,?\s+{_DAY})?"  # , May 21
    r"(?:\s*\((?P<agency>[A-Za-z0-9.&' ]{1,24})\))?"  # (AP), (Reuters)
    # a dash (spaced, or unspaced after a name of four letters or more: not "US–China"), or the
    # agency's bracket
    r"(?:\s+(?:--|—|–|―|-)\s+|(?<=[A-Za-z.)]{4})(?:--|—|–|―)\s*|\s*(?:--|—|–|―)\s+|(?<=\))\s+)"
    r"(?=[A-Z\"“])"
)


_HEADING_REASONS = {"heading, caption or tag line", "title"}


@dataclass(frozen=True, slots=True)
class CleanResult:
    article: Article
    dropped: tuple[DroppedLine, ...]


def clean_article(article: Article, config: CleanConfig) -> CleanResult:
    """The article with non-news lines removed, a title where it had none, and what was dropped."""
    lines = [line.strip() for line in article.text.split("\n")]
    counts = Counter(line for line in lines if line)
    kept: list[str] = []
    dropped: list[DroppedLine] = []
    title = article.title
    found = _Found()

    def drop(n: int, text: str, reason: str) -> None:
        dropped.append(DroppedLine(article.id, n, text, reason))

    for n, line in enumerate(lines, 1):
        if not line:
            continue
        reason = next((r for r, test in _RULES if test(line)), None)
        found.read(reason, line)
        if (
            reason is None
            and counts[line] > 1
            and _short(line, config.max_heading_words)
            and not _TERMINAL.search(line)
        ):
            reason = "repeated tag line"
        if (
            reason is None
            and not _TERMINAL.search(line)
            and _heading_like(line, config.max_heading_words + 10)
        ):
            if not title and not kept:
                title = line
                reason = "title"
            elif _short(line, config.max_heading_words):
                reason = "heading, caption or tag line"
        if reason:
            drop(n, line, reason)
            continue
        if not kept:
            match = _DATELINE.match(line)
            if match and len(_words(match.group(0))) <= 6:
                drop(n, match.group(0).strip(), "dateline")
                line = line[match.end() :]
                if match.group("agency"):
                    found.outlets.setdefault("dateline", outlet_in_dateline(match.group("agency")))
        kept.append(line)

    if not kept:
        # A text made only of heading-like lines (a standfirst, a brief) is its own news text.
        kept = [d.text for d in dropped if d.reason in _HEADING_REASONS]
    text = "\n".join(kept)
    cleaned = replace(
        article,
        text=text,
        title=title or _fallback_title(text),
        source=article.source or found.outlet() or host_outlet(article.url),
        date=iso_date(article.date) or article.date or found.date,
    )
    return CleanResult(cleaned, tuple(dropped))


class _Found:
    """What the dropped lines of one article say of its outlet and date."""

    _ORDER = ("source line", "dateline", "byline")  # best evidence first

    def __init__(self) -> None:
        self.outlets: dict[str, str] = {}
        self.date = ""

    def read(self, reason: str | None, line: str) -> None:
        if reason == "source line":
            self.outlets.setdefault(reason, outlet_in_source_line(line.split(":", 1)[1]))
        elif reason == "byline" and outlet_in_byline(line):
            self.outlets.setdefault(reason, outlet_in_byline(line))
        elif reason == "timestamp" and not self.date:
            self.date = date_in_text(line)

    def outlet(self) -> str:
        return next((self.outlets[k] for k in self._ORDER if self.outlets.get(k)), "")


def _heading_like(line: str, max_words: int) -> bool:
    words = _words(line)
    return 0 < len(words) <= max_words and not line.startswith(("“", '"', "'", "‘"))


def _fallback_title(text: str, max_words: int = 14) -> str:
    """The opening words of the text, for an article that names no title."""
    sentences = split_text(text)
    words = sentences[0].split() if sentences else []
    return " ".join(words[:max_words]) + ("…" if len(words) > max_words else "")
