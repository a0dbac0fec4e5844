"""Who published an article and on which day, from whatever the input tells.

An outlet comes, best first, from the input's own `source` (a header line, a JSON field, the page's
metadata, the feed's title), a `Source:` line, a dateline's agency (`CITY (AP)`), a byline naming
an outlet (`By Reuters`, `By Jane Roe, The Daily Herald`), or the host of the article's URL.
Known agencies are shown under one name (`agencies.txt`: AP, The Associated Press -> Associated
Press). An article none of these name is cited by a short form of its title (`label`).

A date is normalised to ISO (`YYYY-MM-DD`) from ISO stamps, RFC 2822 feed dates and the written
forms news pages print (`June 18, 2023`, `18 June 2023`, `06/18/2023`). The briefing is dated by
the news (`news_period`), not by the run.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from summarizer.words import name_table

AGENCIES = name_table("agencies.txt")  # "ap" -> "Associated Press"

# Words a publication's name ends with ("The Daily Herald", "Metro News").
_OUTLET_WORDS = (
    "times|post|herald|news|press|journal|tribune|guardian|telegraph|gazette|daily|media|agency|"
    "chronicle|observer|independent|standard|mail|star|sun|review|report|wire|radio|television|tv"
)
_OUTLET_NAME = re.compile(rf"(?:the\s+)?(?:[A-Z][\w.&'’-]*\s+){{0,4}}(?:{_OUTLET_WORDS})", re.IGNORECASE)
_BYLINE_SPLIT = re.compile(r"\s*(?:,|\||/|;|\s-\s|\s–\s|\s—\s|\band\b|&)\s*")
_STAFF = re.compile(r"\s+(?:staff|staff writers?|reporters?|correspondents?|journalists?)\s*$", re.IGNORECASE)


def agency(name: str) -> str:
    """A known agency's one name for `name` ("the associated press" -> "Associated Press"), or ""."""
    return AGENCIES.get(_STAFF.sub("", name).strip(" .").lower(), "")


def outlet_in_byline(line: str) -> str:
    """The outlet a byline names: an agency anywhere in it ("By Press Association", "By Jane Roe,
    Reuters"), or a part after the first that reads as a publication's name. A byline of people
    only names none."""
    body = re.sub(r"^\s*by\s+", "", line, flags=re.IGNORECASE)
    parts = [p for p in _BYLINE_SPLIT.split(body) if p]
    for part in parts:
        if agency(part):
            return agency(part)
    for part in parts[1:]:
        cleaned = _STAFF.sub("", part).strip(" .")
        if _OUTLET_NAME.fullmatch(cleaned) and cleaned[:1].isupper():
            return cleaned
    return ""


def outlet_in_source_line(value: str) -> str:
    """What a `Source: ...` line names: an agency's one name, a bare host, or the text given."""
    value = value.strip().strip(".")
    if agency(value):
        return agency(value)
    if re.fullmatch(r"(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:/\S*)?", value):
        return host_outlet(value if "//" in value else f"//{value}")
    return value


def outlet_in_dateline(name: str) -> str:
    """A dateline's bracketed agency ("AP" of "BEIJING (AP)") under its one name, or as written."""
    return agency(name) or name.strip()


def host_outlet(url: str) -> str:
    """The host of an http(s) URL without a leading `www.` ("https://www.bbc.co.uk/x" -> "bbc.co.uk")."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


def label(source: str, title: str, fallback: str, words: int = 6) -> str:
    """How a briefing cites an article: its outlet, else the opening words of its title in
    quotation marks, else `fallback` (the file's stem)."""
    if source:
        return source
    cut = title.rstrip("…").split()
    if cut:
        return "“" + " ".join(cut[:words]) + ("…" if len(cut) > words or title.endswith("…") else "") + "”"
    return fallback


_MONTHS = {name: n for n, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATE_FORMS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    re.compile(r"\b(?P<a>\d{1,2})([./])(?P<b>\d{1,2})\2(?P<year>\d{4})\b"),
)


def date_in_text(text: str) -> str:
    """The first calendar date written in `text`, as ISO, or "". A numeric `a/b/yyyy` is read as
    month/day unless the first number cannot be a month (`14/06/2023`); dots mean day.month."""
    matches = sorted((m for form in _DATE_FORMS for m in form.finditer(text)), key=lambda m: m.start())
    found = next((d for d in map(_from_match, matches) if d), None)
    return found.isoformat() if found else ""


def _from_match(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("month"):
        month, day = _MONTHS[groups["month"].lower()[:3]], int(groups["day"])
    elif groups.get("mon"):
        month, day = int(groups["mon"]), int(groups["day"])
    else:
        a, b = int(groups["a"]), int(groups["b"])
        day_first = match.group(2) == "." or a > 12
        month, day = (b, a) if day_first else (a, b)
    try:
        return date(year, month, day)
    except ValueError:
        return None


def iso_date(value: str) -> str:
    """`value` (an ISO stamp, an RFC 2822 date as feeds write them, or a written date) as
    `YYYY-MM-DD`; "" when it holds no date."""
    value = value.strip()
    if not value:
        return ""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    return date_in_text(value)


def news_period(dates: list[str], max_days: int = 7) -> str:
    """The days the news is from: the most common article date (the latest of a tie), widened to
    the neighbouring days that also have articles, at most `max_days` in all. One day is
    `2023-06-19`; a span is `2023-06-18/19` (ISO 8601's short interval form). A preview published
    days before is left out of the span. "" when no article is dated."""
    days = Counter(d for d in (iso_date(x) for x in dates) if d)
    if not days:
        return ""
    mode = max(days, key=lambda d: (days[d], d))
    first = last = date.fromisoformat(mode)
    while (last - first).days + 1 < max_days:
        before, after = first - timedelta(days=1), last + timedelta(days=1)
        if days.get(after.isoformat()):
            last = after
        elif days.get(before.isoformat()):
            first = before
        else:
            break
    return period_text(first, last)


def period_text(first: date, last: date) -> str:
    """`2023-06-19`, `2023-06-18/19`, `2023-06-30/07-01` or `2023-12-31/2024-01-01`."""
    if first == last:
        return first.isoformat()
    if first.year != last.year:
        return f"{first.isoformat()}/{last.isoformat()}"
    if first.month != last.month:
        return f"{first.isoformat()}/{last.strftime('%m-%d')}"
    return f"{first.isoformat()}/{last.strftime('%d')}"
