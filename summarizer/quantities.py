"""Typed quantities in news sentences, and when two of them can be the same figure.

A quantity is a number with what it counts: a sum of money in a currency (`$1.8 million`,
`1,800,000 dollars` and `1.8m dollars` are one value), a percentage (`14%`, `14 percent`,
`14 per cent`), an earthquake's magnitude, a count or measure with its head noun (`320
workers`, `Three hundred and twenty workers`, `a five-hour meeting`), or a split (`a 7-2 vote`, `a 3-1 win`).
Each is a value with a margin (half the last digit written, `2.3 million` +/- 50,000; beside an
exact figure, a twentieth of the value for `about`, `nearly`, `roughly`), or a bound (`more than
350`, `up to 40`).

Two quantities of one unit agree when their ranges can hold one figure: `about 200` and `more
than 350` cannot; `nearly five` and `almost five` can; `at least 17` and `at least 21` (two
different confirmed counts) cannot, nor can `about 38,000` and `about 41,000` (two estimates).
"""

from __future__ import annotations

import re
from fractions import Fraction
from functools import lru_cache

from summarizer.models import Bound, Quantity
from summarizer.words import (
    KIN,
    NUMBER_WORDS,
    ORDINAL_VALUES,
    STOPWORDS,
    TITLES,
    lexicon,
    word_set,
    word_table,
)

SCALES = {
    "thousand": 10**3,
    "k": 10**3,
    "million": 10**6,
    "mn": 10**6,
    "mln": 10**6,
    "m": 10**6,
    "billion": 10**9,
    "bn": 10**9,
    "trillion": 10**12,
    "tn": 10**12,
}
_BOUNDS: dict[str, Bound] = {
    "more than": "at least",
    "over": "at least",
    "upwards of": "at least",
    "at least": "at least",
    "less than": "at most",
    "fewer than": "at most",
    "under": "at most",
    "up to": "at most",
    "as many as": "at most",
    "no more than": "at most",
    "at most": "at most",
}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_APPROXIMATE = ("nearly", "almost", "about", "around", "roughly", "some", "approximately", "an estimated")
_MODIFIERS = _alternation([*_BOUNDS, *_APPROXIMATE])
_MODIFIER = re.compile(
    rf"(?:^|(?<=\s))(?P<modifier>{_MODIFIERS})\s+(?P<a>a\s+)?$",  # "about a dozen"
    re.IGNORECASE,
)
_VERB_BEFORE = re.compile(rf"\b([a-z]{{3,}}ed)\s+(?:(?:{_MODIFIERS})\s+)?$", re.IGNORECASE)
# A number that names which one, not how many ("a category four storm", "the No. 14 bus").
_LABEL_BEFORE = re.compile(
    r"\b(?:category|level|grade|class|phase|stage|tier|type|no\.|number|article|section|chapter|"
    r"route|line|platform|gate|terminal|room|flight)\s+$",
    re.IGNORECASE,
)
_MARGIN_BEFORE = re.compile(rf"\b(?:margin|lead)\s+of\s+(?:just\s+|only\s+)?(?:(?:{_MODIFIERS})\s+)?$", re.I)
# People measures that say what a count measures only after it ("500 gathered", not "gathered
# 40,000 in donations").
_AFTER_ONLY = frozenset({"gathered"})
_LAST_WORD = re.compile(rf"\b([a-z]{{3,}})\s+(?:(?:{_MODIFIERS})\s+)?$", re.IGNORECASE)
_NOUN_BEFORE = re.compile(
    rf"\b([a-z]{{3,}})\s+(?:of|at|was|were|is|reached|numbered|stood\s+at)\s+(?:(?:{_MODIFIERS})\s+)?$", re.I
)
_NEXT_WORD = re.compile(r"\s+([a-z]{3,})\b")  # the lower-case word a figure's words run on to
_COMPOUND_HEAD = re.compile(r"\s+([a-z]{3,}[^s\W]s)\b")  # a plural noun after a singular one
_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade"}
# Spans "over" goes through, not past ("over two years", "over three seasons"); a season is no
# unit of time otherwise ("20,000 season tickets").
_PERIODS = _TIME_UNITS | {"season"}
# Durations written in other units are compared in one ("48 months" is "four years", "three
# weeks" "21 days"): weeks in days, years in months; hours stay apart from days, so a "two-day
# visit" is never one measure with "five hours" of talks, nor "a month" one figure with "30 days".
_DURATIONS = {
    "week": ("day", Fraction(7)),
    "year": ("month", Fraction(12)),
    "decade": ("month", Fraction(120)),
}
# Measures news writes in words or abbreviated, one unit each ("15 parts per billion" is "15 ppb").
_MEASURES = {
    "parts per billion": "ppb",
    "part per billion": "ppb",
    "ppb": "ppb",
    "parts per million": "ppm",
    "part per million": "ppm",
    "ppm": "ppm",
    "ng/ml": "nanograms per millilitre",
    "nanograms per millilitre": "nanograms per millilitre",
    "nanograms per milliliter": "nanograms per millilitre",
    "km": "kilometre",
    "kilometres": "kilometre",
    "kilometers": "kilometre",
    "kg": "kilogram",
    "kilograms": "kilogram",
}
_TEMPERATURE = re.compile(r"\s+(Fahrenheit|Celsius|centigrade)\b", re.IGNORECASE)
_CAPACITY = re.compile(
    r"(?:\b(?:licensed|designed|built|certified|permitted|big\s+enough)\s+to\s+"
    r"(?:carry|hold|seat|accommodate)|\bcapacity\s+(?:of|for))"
    r"\s+(?:up\s+to\s+)?$",
    re.IGNORECASE,
)
_AGE = re.compile(r"^(?:-|\s)old\b|^\s+of\s+age\b", re.IGNORECASE)  # "28-year-old", "28 years old"
APPROXIMATE_SHARE = Fraction(1, 20)  # how far "about 200" may be from the figure
# Words after a number that are not what it counts.
_NOT_UNITS = {
    "of",
    "and",
    "the",
    "to",
    "in",
    "on",
    "at",
    "for",
    "or",
    "a",
    "an",
    "per",
    "than",
    "from",
    "with",
    "are",  # "three are missing", "two were hurt": a verb, not what is counted
    "were",
    "was",
    "have",
    "has",
    "had",
    "remain",
    "remains",
    "remained",
    "who",
    "that",
    "which",
    "more",  # "five more kids": a difference, not a count
    "less",
    "fewer",
    "other",
}
_SPLIT = re.compile(r"\b(\d{1,3})\s*[-–]\s*(\d{1,3})\b")
_SPLIT_NOUNS = r"(?:votes?|judges|justices|members)"  # "seven votes to two", "six judges to three"
_VOTE_WORDS = re.compile(  # not "slow-motion replays", "set in motion"
    r"\b(vote|votes|voted|margin|tally)\b|(?<!slow-)(?<!slow )(?<!\bin )\bmotion\b", re.IGNORECASE
)
_BY_SPLIT = re.compile(  # "struck the law down by 7-2", "approved ... by 212 to 188"; not "by 3-4 percent"
    r"(?:\b(?:by|ruled|ruling)\s+\d{1,3}\s*[-–]\s*\d{1,3}\b"
    r"|\b(?:approved|passed|adopted|rejected|backed|endorsed|carried)\b"
    r"(?:(?!\band\b)[^.;,]){0,80}?\bby\s+\d{1,3}\s+to\s+\d{1,3}\b"
    r"(?![,.]\d|\s*(?:thousand|million|billion|trillion|bn|m\b|[ap]\.?m\.?)))"
    r"(?!\s*(?:%|percent|per\s?cent|percentage|basis|points?\b|[a-z]+s\b))",
    re.IGNORECASE,
)
_SCORE_WORDS = re.compile(
    r"\b(win|won|beat|defeat|defeated|score|scored|lost|lose|draw|drew)\b", re.IGNORECASE
)


@lru_cache(maxsize=1)
def people_measures() -> dict[str, str]:
    """Word beside a count of people -> what it counts (`people_measures.tsv`)."""
    return word_table("people_measures.tsv")


@lru_cache(maxsize=1)
def people_nouns() -> frozenset[str]:
    """Nouns that count people ("passenger", "miner"; `people_nouns.txt`), "people" too."""
    return word_set("people_nouns.txt") | {"people"}


def _counted(unit: str) -> str:
    """A people count's unit when no verb beside it says what it measures."""
    if unit in people_measures():
        return f"people {people_measures()[unit]}"
    return "people" if unit == "person" else unit


@lru_cache(maxsize=1)
def currencies() -> dict[str, str]:
    """Currency sign, word or ISO code ("EUR") -> the unit its sums are counted in
    (`data/words/currencies.tsv`)."""
    return word_table("currencies.tsv")


@lru_cache(maxsize=1)
def currency_units() -> frozenset[str]:
    """The units sums of money are counted in ("dollars", "euros", ...)."""
    return frozenset(currencies().values())


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = _alternation([w for w in NUMBER_WORDS if w.isalpha() and w != "half"])
    fractions = "".join(w for w in NUMBER_WORDS if not w.isalpha())
    signs = _alternation([c for c in currencies() if not c.isalpha()])
    codes = _alternation([c for c in currencies() if c.isalpha() and c.isupper()])  # "EUR 112m"
    number = re.compile(
        rf"(?<![\w.,$€£¥₹])(?P<sign>{signs}|(?:{codes})(?=\s?\d))?\s?(?P<number>\d(?:[\d,]*\d)?(?:\.\d+)?[{fractions}]?"
        rf"|(?:{words})(?:(?:\s+|-)(?:and\s+)?(?:{words}))*)(?:(?![\w])|(?=(?:bn|mn|mln|tn|m|k)\b))",
        re.IGNORECASE,
    )
    scale = re.compile(
        r"^(?:[\s-]?(?P<word>thousand|million|billion|trillion)\b|(?P<short>bn|mn|mln|tn|m|k)\b)", re.I
    )
    currency = _alternation([c for c in currencies() if c.isalpha()])
    after = re.compile(
        r"^(?:\s+and\s+a\s+half\b)?(?:"
        r"\s?(?P<percent>%|percent\b|per\s?cent\b|percentage\s+points?\b)"
        rf"|[\s-]+(?:US\s+)?(?P<currency>{currency})\b"
        rf"|\s?(?P<measure>{_alternation(list(_MEASURES))})(?![\w/])"
        r"|[\s-]+(?P<nationals>[A-Z][a-z]+(?:an|ian)s)\b"  # "16 Estravians": people
        r"|[\s-]+(?:(?P<qualifier>[A-Z][a-z]{2,})\s+)?(?P<unit>[a-z]{3,})\b)?",
    )
    return number, scale, after


def _value(written: str) -> tuple[Fraction, Fraction] | None:
    """The value of digits or number words, and the margin of the digits as written."""
    if written[0].isdigit():
        fraction = written[-1] if not written[-1].isdigit() else ""
        digits = written[: len(written) - len(fraction)].replace(",", "")
        try:
            value = Fraction(digits) + (NUMBER_WORDS[fraction] if fraction else 0)
        except (ValueError, KeyError):
            return None
        places = len(digits.split(".")[1]) if "." in digits else 0
        return value, (Fraction(1, 2 * 10**places) if places else Fraction(0))
    return _words_value(written), Fraction(0)


def _words_value(written: str) -> Fraction:
    """`three hundred and twenty` -> 320, `two million` -> 2,000,000."""
    total = current = Fraction(0)
    for word in re.split(r"[\s-]+", written.lower()):
        if word == "and":
            continue
        value = NUMBER_WORDS[word]
        if value == 100 or word == "dozen":  # "three hundred", "two dozen"
            current = (current or Fraction(1)) * value
        elif value >= 1000:
            total += (current or Fraction(1)) * value
            current = Fraction(0)
        else:
            current += value
    return total + current


_WHOLE = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)"
_PART = r"(?P<part>half|quarter|third|three[\s-]quarters)"
_SCALE_WORD = r"(?P<scale>thousand|million|billion)"
# A fraction of a scale written in words ("half a million", "a quarter of a million", "two and a
# half million", "a million and a half"), read before the digits are.
_SCALED_PARTS = (
    re.compile(rf"\b(?:an?\s+|one\s+)?{_PART}\s+(?:of\s+)?an?\s+{_SCALE_WORD}\b(?!-)", re.I),
    re.compile(rf"\b(?P<whole>{_WHOLE})\s+and\s+an?\s+{_PART}\s+{_SCALE_WORD}\b(?!-)", re.I),
    # not "$2 billion and a quarter of its market value"
    re.compile(
        rf"(?<![$€£¥])\b(?P<whole>an?|{_WHOLE})\s+{_SCALE_WORD}\s+and\s+an?\s+{_PART}\b(?!\s+of\b)", re.I
    ),
)
_PARTS = {"half": Fraction(1, 2), "quarter": Fraction(1, 4), "third": Fraction(1, 3)}


def _scaled_parts_as_digits(sentence: str) -> str:
    """`sentence` with each fraction of a scale written in words as its digits, padded to the
    same length ("half a million homes" reads as "500000         homes"), so that every offset
    still points into the sentence as written."""
    for pattern in _SCALED_PARTS:
        for match in pattern.finditer(sentence):
            part = re.sub(r"[\s-]+", " ", match.group("part").lower())
            fraction = Fraction(3, 4) if part == "three quarters" else _PARTS[part]
            whole = match.groupdict().get("whole") or "0"
            value = (
                Fraction(1)
                if whole.lower() in ("a", "an")
                else _words_value(whole)
                if whole.isalpha()
                else Fraction(whole)
            )
            digits = str(int((value + fraction) * SCALES[match.group("scale").lower()]))
            sentence = sentence[: match.start()] + digits.ljust(len(match.group(0))) + sentence[match.end() :]
    return sentence


def quantities(sentence: str) -> list[Quantity]:
    """The typed quantities a sentence states, in order."""
    written, sentence = sentence, _scaled_parts_as_digits(sentence)
    number_re, scale_re, after_re = _patterns()
    found: list[Quantity] = []
    consumed = 0  # where the last quantity's text ended ("1.8 million dollars" is one)
    shares = {m.start(): m for m in _share().finditer(sentence) if _is_share(m)}
    times = list(_CLOCK.finditer(sentence))
    found.extend(
        _clock_time(sentence, m)
        for m in times
        if not _CLOCK_SPAN.search(sentence, 0, m.start())
        # "at 17:40", not a race's "in 2:09" nor a score "beat Rosk 21:17"
        and (not m.group("h24") or m.group("zone") or _CLOCK_AT.search(sentence, 0, m.start()))
    )
    for match in number_re.finditer(sentence):
        if (
            any(m.start() <= match.start() < m.end() for m in times)  # a clock time's digits
            or match.start() < consumed
            or _part_of_split(sentence, match)
            or _vague(sentence, match)
            or (_LABEL_BEFORE.search(sentence, 0, match.start()) and not _counts_next(sentence, match.end()))
        ):
            continue
        if match.start() in shares:  # "one in five of its staff": a share, 20 percent
            share = shares[match.start()]
            part, whole = _share_sides(share)
            found.append(Quantity((100 * part / whole,), "percent", False, share.group(0)))
            consumed = share.end()
            continue
        parsed = _value(match.group("number"))
        if parsed is None:
            continue
        value, margin = parsed
        end = match.end()
        scale_match = scale_re.match(sentence[end:])
        sign = match.group("sign")
        scale = 1
        if scale_match and (
            scale_match.group("word")
            or sign
            or _sum_follows(sentence, end + scale_match.end())
            or _scaled_count(match.group("number"), scale_match, sentence, end + scale_match.end())
        ):
            scale = SCALES[(scale_match.group("word") or scale_match.group("short")).lower()]
            end += scale_match.end()
            margin = margin * scale if margin else (Fraction(scale, 2) if scale > 1 else margin)
        rest = after_re.match(sentence[end:])
        assert rest is not None  # every group is optional
        if "and a half" in rest.group(0).lower():
            value += Fraction(1, 2)
        before = sentence[: match.start()]
        unit = _total(sentence, end)[0] or _unit(sign, rest, before, sentence[end + rest.end() :])
        aged = _age_of(before, sentence[end:], value, scale_match is not None and end > match.end())
        if aged:  # "Lucian Drevenko, 61, who ...": his age, not another man's
            unit = f"{AGE_OF}{aged.group('family')}"
        after = end + rest.end()  # where the words after the figure and its unit start
        # after one, a singular noun is the thing counted and an "-s" word its verb ("one home remains")
        head, head_end = (
            _compound_head(sentence, after, unit, rest.group("unit"))
            if rest.group("unit") and not sign and value != 1
            else ("", after)
        )
        if head:
            unit, after = head, head_end
        if unit == "year" and _AGE.match(sentence[after:]):
            unit = "years of age"  # an age, not a duration: "a 28-year-old sprinter"
        scale_named = _TEMPERATURE.match(sentence[after:]) if unit == "degree" else None
        if scale_named:  # 113 degrees Fahrenheit and 45 degrees Celsius are one heat
            scale_word = scale_named.group(1).lower().replace("centigrade", "celsius")
            unit, after = f"degree {scale_word}", after + scale_named.end()
        if _CAPACITY.search(sentence, 0, match.start()):
            unit = f"{unit} capacity"  # "licensed to carry 350 passengers": not those aboard
        unit, factor = _DURATIONS.get(unit, (unit, Fraction(1)))
        value, margin = value * factor, margin * factor
        thing = _thing_after(sentence[after:]) if unit in people_measures() and not head else None
        if thing:  # "9,000 dead fish" count fish
            head, after = thing[0], after + thing[1]
            unit = head
        elif unit in people_nouns() or unit in people_measures():
            # "11 passengers had been hurt" counts what "11 people were injured" does; "38
            # injured", "injured 54" and "23 arrests" count people too
            unit = _people_measure(before, sentence[after:]) or _counted(unit)
            if rest.group("nationals"):  # "16 Estravians released" are not "19 Halvorians released"
                unit = f"{_singular(rest.group('nationals'))} {unit}"
        change = _CHANGE_TO.search(before) if not unit and found else None
        bare = (
            change is not None
            and found[-1].text in change.group(0)
            and not _NOUN_NEXT.match(sentence, end)  # "to 12 other centres" counts centres
        )
        if bare:
            unit = found[-1].unit  # "from 15 months to 12": twelve months
        if not unit and _TOLL_BEFORE.search(before):
            unit = "people dead"  # "the death toll rose to 88", "the number killed has risen to 63"
        if not unit or (_year(match.group("number")) and unit not in currency_units()):
            continue
        if _MARGIN_BEFORE.search(before):  # "a margin of 23 votes" is a difference, not a count
            unit = f"{unit} margin"
        modifier = _MODIFIER.search(before)
        if modifier and modifier.group("a") and not _vague_scale(match.group("number")):
            modifier = None  # "under a 3-year contract" is no bound; "about a dozen" is
        word = modifier.group("modifier").lower() if modifier else ""
        if word == "over" and unit in _PERIODS:  # "over two years": during, not more than
            modifier, word = None, ""
        value *= scale
        consumed = (
            end + (0 if sign or bare else rest.end()) if not head else after
        )  # a sum's sign says its unit
        start = aged.start() if aged else modifier.start() if modifier else match.start()
        text = written[start:consumed].strip()  # an age with whose it is: "Lucian Drevenko, 61"
        found.append(Quantity((value,), unit, word in _APPROXIMATE, text, _BOUNDS.get(word, ""), margin))
    for match in _DATE.finditer(sentence):  # "from 15 March": a day, unless a span's end
        if not _DATE_SPAN.search(sentence, 0, match.start()) and not _DATE_RANGE.match(sentence, match.end()):
            month = MONTHS.index(match.group("month") or match.group("month2")) + 1
            day = int((match.group("day") or match.group("day2")).rstrip("stndrh"))  # "18th": 18
            found.append(
                Quantity((Fraction(100 * month + day),), DATE, False, written[match.start() : match.end()])
            )
    for match in _ordinals().finditer(sentence):  # "in the 87th minute": which one, not how many
        if match.group(2).lower() in _NOT_UNITS | _NOT_PLACES:  # "July 4th and after", "the third time"
            continue
        place = match.group(1).lower()
        if place in ORDINAL_VALUES and match.group(1)[0].isupper() and match.start() > 0:
            continue  # "the Fifth Amendment": a name
        number = ORDINAL_VALUES[place] if place in ORDINAL_VALUES else int(place.rstrip("stndrh"))
        found.append(
            Quantity((Fraction(number),), f"ordinal {match.group(2).lower()}", False, match.group(0))
        )
    kind = (
        "vote split"
        if _VOTE_WORDS.search(sentence)
        else "score"
        if _SCORE_WORDS.search(sentence)
        else "vote split"
        if _BY_SPLIT.search(sentence)
        else ""
    )
    for match in _SPLIT.finditer(sentence) if kind else ():
        split = (Fraction(int(match.group(1))), Fraction(int(match.group(2))))
        found.append(Quantity(split, kind, False, match.group(0)))
    for match in _words_split().finditer(sentence):  # "voted six to one", "by six judges to three"
        if kind != "vote split" and not re.search(rf"\s{_SPLIT_NOUNS}\s", match.group(0)):
            continue
        sides = tuple(_words_value(w) if w.isalpha() else Fraction(w) for w in match.group(1, 2))
        found = [q for q in found if q.text not in match.group(0)]  # its sides are no counts
        found.append(Quantity(sides, "vote split", False, match.group(0)))
    return found


@lru_cache(maxsize=1)
def _ordinals() -> re.Pattern[str]:
    """ "87th minute", "fourth day": a place and what it is the place of; not "second", which is
    also a unit of time ("a 30 second delay")."""
    words = "|".join(w for w in ORDINAL_VALUES if w != "second")
    return re.compile(
        rf"\b(\d{{1,4}}(?:st|nd|rd|th)|{words})[\s-]+(?:(?:consecutive|straight|successive|running)\s+)?"
        r"([a-z]{3,})\b",
        re.IGNORECASE,
    )  # "the fourth consecutive month": the month


# Nouns after an ordinal that tell no place in one sequence ("for the third time", "third-quarter
# profit", "a fifth of"): things said of many events.
_NOT_PLACES = frozenset({"time", "times", "quarter", "half"})


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")  # fmt: skip
_DAY = r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
# A day of a month, "15 March", "March 1", "the 18th of May" (a capitalised month: not "may")
_DATE = re.compile(
    rf"(?<![\w.,:])(?:the\s+)?(?:(?P<day>{_DAY})\s+(?:of\s+)?(?P<month>{'|'.join(MONTHS)})"
    rf"|(?P<month2>{'|'.join(MONTHS)})\s+(?P<day2>{_DAY}))(?![\w:])"
)
# the end of a span ("until 20 June", "3-5 May", "from 10 to 12 June"), or a month before a count
# ("In May 1,500 people were evacuated", "In June 20 people died")
_DATE_SPAN = re.compile(
    r"(?:\b(?:by|since|until|till|before|after|through|between|and|to|in)|\d\s*[-–])\s*$", re.I
)
_DATE_RANGE = re.compile(r"\s*(?:[-–]\s*\d|,\d)")  # "May 3-5", "May 1,500"
DATE = "date"

# A time of day: "5.40pm", "9:40 p.m.", "11 p.m.", "17:40", "1000 GMT" (not "3-2", "2:1" scores).
_CLOCK = re.compile(
    r"(?<![\w.:])(?:(?P<h12>1[0-2]|0?[1-9])(?:[:.](?P<m12>[0-5]\d))?\s*(?P<half>[ap])\.?\s?m\b\.?"
    r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![:\d])"
    r"|(?P<hhmm>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?=\s*(?:GMT|UTC)\b))"
    r"(?:\s*(?P<zone>GMT|UTC|local\s+time))?",
    re.IGNORECASE,
)
_CLOCK_NEAR = re.compile(
    r"\b(?P<word>shortly\s+(?:after|before)|just\s+(?:after|before)|about|around|approximately)\s+(?:at\s+)?$",
    re.I,
)
_CLOCK_AT = re.compile(
    r"\b(?:at|until|till|around|about|before|after|shortly\s+(?:after|before))\s+$", re.IGNORECASE
)
# "By 8 p.m. nine men were out", "since 6 a.m.": how far things got, not when something happened.
_CLOCK_SPAN = re.compile(r"\b(?:by|since|from)\s+$", re.IGNORECASE)
TIME_OF_DAY = "time of day"
_NEAR_MINUTES = 30  # "shortly after 3 p.m." is within half an hour of three


def _clock_value(match: re.Match[str]) -> int:
    """Minutes after midnight of a time of day as written."""
    if match.group("h12"):
        hour = int(match.group("h12")) % 12 + (12 if match.group("half").lower() == "p" else 0)
        return hour * 60 + int(match.group("m12") or 0)
    if match.group("h24"):
        return int(match.group("h24")) * 60 + int(match.group("m24"))
    return int(match.group("hhmm")) * 60 + int(match.group("mm"))


def _clock_time(sentence: str, match: re.Match[str]) -> Quantity:
    """A time of day as a quantity in minutes after midnight, in the zone it names ("GMT" is
    not local time); "shortly after", "about" give it room."""
    zone = (match.group("zone") or "").upper()
    unit = f"{TIME_OF_DAY} {zone}" if zone in ("GMT", "UTC") else TIME_OF_DAY
    near = _CLOCK_NEAR.search(sentence, 0, match.start())
    word = near.group("word").lower().split()[-1] if near else ""
    value, margin = Fraction(_clock_value(match)), Fraction(_NEAR_MINUTES if word else 0)
    if word in ("after", "before"):  # "shortly after three": between three and half past
        margin = Fraction(_NEAR_MINUTES, 2)
        value += margin if word == "after" else -margin
    start = near.start() if near else match.start()
    return Quantity((value,), unit, bool(word), sentence[start : match.end()].strip(), "", margin)


def _small_number() -> str:
    """Digits or words of a number under 1,000 ("six", "21")."""
    return (
        rf"(?:{_alternation([w for w in NUMBER_WORDS if w.isalpha() and NUMBER_WORDS[w] < 100])}|\d{{1,3}})"
    )


@lru_cache(maxsize=1)
def _share() -> re.Pattern[str]:
    """A share written "one in five", "3 in 10 voters" (not "one in 1990")."""
    number = _small_number()
    return re.compile(rf"(?<![\w.,-])({number})\s+in\s+(?:every\s+)?({number})\b(?![.,]?\d)", re.I)


def _counts_next(sentence: str, end: int) -> bool:
    """A plural noun follows a number ("At that stage 12 people", not "the No. 14 bus")."""
    word = _NEXT_WORD.match(sentence, end)
    noun = word.group(1).lower() if word else ""
    return noun in people_nouns() or (_singular(noun) != noun and noun not in STOPWORDS)


def _share_sides(share: re.Match[str]) -> tuple[Fraction, Fraction]:
    part, whole = (_words_value(w) if w.isalpha() else Fraction(w) for w in share.group(1, 2))
    return part, whole


def _is_share(share: re.Match[str]) -> bool:
    """ "one in five (of its staff)", not "killed 12 in three attacks" nor "two in five minutes"."""
    part, whole = _share_sides(share)
    following = _NEXT_WORD.match(share.string, share.end())
    over_time = following is not None and _singular(following.group(1).lower()) in _TIME_UNITS
    return 0 < part < whole and not over_time


@lru_cache(maxsize=1)
def _words_split() -> re.Pattern[str]:
    """A split written with "to" ("voted six to one", "by 7 to 2"), not a range ("from 5 to 6")."""
    number = _small_number()
    return re.compile(
        rf"(?<!\bfrom )(?<![\w-])({number})\s+(?:{_SPLIT_NOUNS}\s+)?to\s+({number})\b"
        r"(?!\s+[a-z]+s\b)",
        re.IGNORECASE,
    )  # "in two to three weeks" is a span of time


# A change from one figure to another just before a bare figure ("from 15 months to 12").
_NOUN_NEXT = re.compile(r"\s+(?:[a-z]+\s+)?[a-z]{3,}s\b")
# A death toll's figure written bare after what it counts rose to ("the death toll rose to 88").
# (the toll's own verb: no clause of another subject between, "as temperatures hit 47").
_TOLL_BEFORE = re.compile(
    r"\b(?:death\s+toll|number\s+of\s+(?:people\s+)?(?:dead|killed|deaths|fatalities))\b"
    r"(?:\s+(?!as\b|when\b|while\b|and\b|but\b|after\b|before\b)[\w'’-]+){0,10}?"
    r"\s+(?:has\s+|had\s+|have\s+)?(?:rose|risen|rises|climbed|jumped|reached|reaches|stands|stood|increased)\s+"
    rf"(?:at\s+|to\s+)?(?:(?:{_MODIFIERS})\s+)?$",
    re.IGNORECASE,
)
_CHANGE_TO = re.compile(r"\bfrom\s+(?:\S+\s+){1,3}?to\s+$", re.IGNORECASE)


def _compound_head(sentence: str, at: int, unit: str, written: str) -> tuple[str, int]:
    """The unit a figure above one counts when its unit word (`unit`, `written` as the text has
    it) is the first of a compound whose plural noun follows at `at`: "20 school sites" count
    school sites, "five million active accounts" active ones, "12 police officers" officers; ""
    when nothing follows, the word is plural already, a duration ("three-day talks"), or a
    people word stands first ("12 injured passengers"); with where the compound ends."""
    head = _COMPOUND_HEAD.match(sentence, at)
    if (
        not head
        or not unit
        or written.lower().endswith("s")
        or unit in _TIME_UNITS
        or unit in people_measures()
    ):
        return "", at
    noun = _singular(head.group(1).lower())
    if noun in _NOT_UNITS or (unit in people_nouns() and noun not in people_nouns()):
        return "", at
    return (noun if noun in people_nouns() else f"{unit} {noun}"), head.end()


def _part_of_split(sentence: str, match: re.Match[str]) -> bool:
    """A side of `52-48`: the split is read whole, below."""
    return bool(
        re.match(r"\s*[-–]\s*\d", sentence[match.end() :])
        or re.search(r"\d\s*[-–]\s*$", sentence[: match.start()])
    )


def _vague_scale(number: str) -> bool:
    """A number written as a scale word ("dozen", "hundred", "thousand")."""
    return re.split(r"[\s-]+", number.lower())[0] in (
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "dozen",
    )


def _vague(sentence: str, match: re.Match[str]) -> bool:
    """`several hundred`, `hundreds of`, `dozens`: a scale word with no number to scale."""
    if not _vague_scale(match.group("number")):
        return False
    return not re.search(r"\b(?:a|an|one)\s+$", sentence[: match.start()], re.IGNORECASE)


def _scaled_count(number: str, scale: re.Match[str], sentence: str, at: int) -> bool:
    """A count in millions or billions written short before what it counts ("1.9m customers",
    "2bn users"); not a bare "400m" (metres: "the 400m hurdles")."""
    short = (scale.group("short") or "").lower()
    return (short in ("bn", "mn", "mln") or (short == "m" and "." in number)) and _counts_next(sentence, at)


def _sum_follows(sentence: str, at: int) -> bool:
    """A currency word follows `at`: "1.8m dollars" (a bare "5m" may be metres)."""
    rest = _patterns()[2].match(sentence[at:])
    return bool(rest and rest.group("currency"))


def _year(written: str) -> bool:
    """Four digits from 1800 to 2100: a year, not a count ("in 2021 inspectors found")."""
    return bool(re.fullmatch(r"1[89]\d\d|20\d\d|2100", written))


# A name and the comma an age set off after it follows: "Lucian Drevenko, " of "Lucian Drevenko,
# 61, who", "Mrs Arven, aged 70, " (the word before the family name, when there is one).
_NAME_BEFORE = re.compile(
    r"(?:\b(?P<given>[A-Z][a-z]+\.?)\s+)?\b(?P<family>[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?),\s+(?:aged\s+)?$"
)
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_OLDEST = 120
AGE_OF = "age of "  # the unit of one person's age: "age of Drevenko"


# Words that put a name where something is ("in Kenvale, 12 were hurt"): a place, no one's age.
_PLACING = frozenset("in at on from to near of for by".split())
# An apposition after an age that makes the person someone's kin ("Arven, 61, the dead woman's
# husband"): another person than one of that family name written alone elsewhere.
_KIN_AFTER = re.compile(rf"^,\s+(?:the|her|his|their)\s+(?:[\w'’-]+\s+){{0,3}}?(?:{'|'.join(sorted(KIN))})\b")


def _age_of(before: str, after: str, value: Fraction, scaled: bool) -> re.Match[str] | None:
    """The name an age is set off after ("Lucian Drevenko, 61, who", "Ilse Marr, aged 70,", "...
    and Anna Lind, 34."), as `_NAME_BEFORE` matches it at the end of `before`; None for any other
    figure: a common word ("Overall, 60,"), a place ("in Kenvale, 12,"), a relative ("Arven, 61,
    the dead woman's husband")."""
    name = _NAME_BEFORE.search(before)
    if not name or scaled or not after.startswith((",", ".")) or _KIN_AFTER.match(after):
        return None
    family, given = name.group("family"), _given(name)
    previous = re.findall(r"[A-Za-z]+", before[: name.start()])[-1:]
    placed = any(word.lower() in _PLACING for word in [*previous, name.group("given") or ""])
    common = family.lower() in lexicon() and not given
    if family in MONTHS or family in _WEEKDAYS or placed or common:
        return None
    return name if value.denominator == 1 and 0 < value <= _OLDEST else None


def _given(name: re.Match[str]) -> str:
    """The first name or title before a family name, not a common word ("Minister", "But")."""
    word = name.group("given") or ""
    return word if word.lower().rstrip(".") in TITLES or word.lower() not in lexicon() else ""


def _one_person(a: Quantity, b: Quantity) -> bool:
    """Two ages of one family name are one person's unless each is written with another first
    name or title ("Mirko Arven, 27" and "Mrs Arven, 58": a son and his mother)."""
    given = [_NAME_BEFORE.match(q.text.rsplit(",", 1)[0] + ", ") for q in (a, b)]
    words = {_given(m) for m in given if m} - {""}
    return len(words) < 2


def _unit(sign: str | None, rest: re.Match[str], before: str, after: str = "") -> str:
    if sign:
        return currencies()[sign if sign in currencies() else sign.upper()]
    if rest.group("percent"):
        return "percentage points" if "point" in rest.group("percent").lower() else "percent"
    if rest.group("currency"):
        written = rest.group("currency")
        return currencies().get(written) or currencies()[written.lower()]
    if rest.group("measure"):
        return _MEASURES[rest.group("measure").lower()]
    if re.search(r"\bmagnitude[\s-]*$", before, re.IGNORECASE):
        return "magnitude"
    if rest.group("nationals"):
        return "people"
    unit = (rest.group("unit") or "").lower()
    noun_next = _NEXT_WORD.match(after)
    # "the gang of three stormed the", "the S&P 500 dropped 5.8%": a verb ("200 confirmed cases" stay)
    if (
        unit.endswith("ed")
        and not unit.endswith("eed")
        and len(unit) > 4
        and unit not in people_measures()
        and not (noun_next and noun_next.group(1) not in STOPWORDS)
    ):
        unit = ""
    if not unit or unit in _NOT_UNITS or unit in NUMBER_WORDS or unit in SCALES:
        auxiliary = re.fullmatch(_AUXILIARY, unit)
        measure = re.match(rf"{_AUXILIARIES}([a-z]+)", after, re.I) if auxiliary else None
        whole = list(_OUT_OF.finditer(before))  # "Of the 200 cattle, 40 were killed": not people
        of_people = not whole or _singular(whole[-1].group(1).lower()) in people_nouns()
        if measure and measure.group(1).lower() in people_measures() and of_people:
            return measure.group(1).lower()  # "two were hurt", "63 remained wounded"
        counted = _counted_before(before)  # "the number of confirmed cases rose to 112"
        if counted:
            return counted
        verb = _VERB_BEFORE.search(before)  # "injured 54" counts what "38 injured" counts
        noun = _NOUN_BEFORE.search(before)  # "a crowd of 41,200", "the attendance was 41,200"
        if noun and people_measures().get(_singular(noun.group(1).lower())) == "in the crowd":
            return _singular(noun.group(1).lower())  # not "his death at 87"
        if verb:  # "injured 54", not "gathered 40,000 in donations"
            word = verb.group(1).lower()
            return "" if word in _AFTER_ONLY else word
        last = _LAST_WORD.search(before)  # "killing three people and injuring 19", not "missing 3 of"
        word = last.group(1).lower() if last else ""
        own = word in people_measures() and not re.match(r"\s+(?:of|in)\b", after)
        return word if own else ""
    qualifier = rest.group("qualifier")  # "14 Kendran diplomats" are not "nine Velorian diplomats"
    return f"{qualifier} {_singular(unit)}" if qualifier else _singular(unit)


_COUNT_OF = re.compile(
    r"\b(?:number|count|tally|total)\s+of\s+((?:[a-z]+\s+){1,7}?)"  # what is counted, and where
    r"(?:rose|risen|climbed|jumped|grew|fell|fallen|reached|hit|passed|stood|stands|was|is|now)"
    rf"\s+(?:(?:to|at)\s+)?(?:(?:{_MODIFIERS})\s+)?$",
    re.IGNORECASE,
)
# "put the number of tractors outside the ports of Sellvik, Halmstrand and Drevna at 1,800"
_PUT_AT = re.compile(
    r"\b(?:put|puts|putting|estimated|estimates|estimating)\s+the\s+(?:number|count|total)\s+of\s+"
    rf"([a-z]+(?:\s+[a-z]+)?)\b[^.;:]{{0,80}}?\s+at\s+(?:(?:{_MODIFIERS})\s+)?$",
    re.IGNORECASE,
)


def _counted_before(before: str) -> str:
    """What a bare figure counts when the clause before it names it: "the number of confirmed
    cases in the region rose to 112" counts cases, "the count of dead fish stood at 2,300" fish,
    "police put the number of tractors outside the ports at 1,800" tractors."""
    match = _COUNT_OF.search(before) or _PUT_AT.search(before)
    if not match:
        return ""
    words = match.group(1).lower().split()
    ends = [n for n, w in enumerate(words) if w in STOPWORDS or w in _NOT_UNITS]
    words = words[: ends[0]] if ends else words  # "cases in the region": cases
    return _singular(words[-1]) if words else ""


# Words after "30 injured" that say when or how, not what was counted.
_NOT_THINGS = frozenset(
    "overnight yesterday today tonight tomorrow alive inside outside nationwide worldwide statewide "
    "there here now since last this".split()
)


def _thing_after(text: str) -> tuple[str, int] | None:
    """The noun a people measure's word qualifies when it is no people's ("dead fish", "missing
    files"), with where it ends in `text`; None for people ("injured passengers") or no noun
    ("14 dead after", "38 injured, police said")."""
    word = _NEXT_WORD.match(text)
    if not word:
        return None
    noun = word.group(1).lower()
    if (
        noun in STOPWORDS
        or noun in _NOT_UNITS
        or noun in _NOT_THINGS
        or noun.endswith(("ing", "ly", "ed"))
        or noun in people_measures()
    ):
        return None
    noun = _singular(noun)
    return (noun, word.end()) if noun not in people_nouns() else None


def _singular(word: str) -> str:
    if word.endswith(("ches", "shes", "xes", "sses")) or word == "buses":
        return word[:-2]  # batches, boxes, classes, buses
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _total(sentence: str, end: int) -> tuple[str, Fraction | None]:
    """The unit and value of the total a part is written against: "23 of the 31 batches" counts
    batches, of 31 ("Eighteen of the trust's 36 scanners" too); ("", None) when the figure
    ending at `end` is no part of a total."""
    of = re.match(
        r"\s+of\s+(?:(?:the\s+)?[\w-]+['’]s\s+|(?:the|its|their|all)\s+)"
        rf"(?:(?:{_MODIFIERS})\s+)?",  # "of the party's roughly 79,000"
        sentence[end:],
    )
    number_re, _, after_re = _patterns()
    total = number_re.match(sentence, end + of.end()) if of else None
    rest = after_re.match(sentence[total.end() :]) if total else None
    if total is None or rest is None or not rest.group("unit") or _year(total.group("number")):
        return "", None  # "Four of the club's 2023 signings": a year, no total
    value = _value(total.group("number"))
    unit = _unit(None, rest, "")
    compound, _ = _compound_head(sentence, total.end() + rest.end(), unit, rest.group("unit"))
    return compound or unit, value[0] if value else None  # "of the 40 school sites" too


def parts_and_totals(sentence: str) -> set[tuple[str, Fraction, Fraction]]:
    """(unit, part, total) for each "14 of the 40 schools" a sentence writes: an outlet that
    gives 14 schools and one that gives 40 then give the part and the whole, not two figures."""
    found = set()
    for match in _patterns()[0].finditer(sentence):
        unit, total = _total(sentence, match.end())
        part = _value(match.group("number")) if unit else None
        if part and total is not None:
            found.add((unit, part[0], total))
    return found


def _people_measure(before: str, after: str) -> str:
    """What a count of people measures, from the word before it ("killed 14 people") or the
    verb after it ("11 people have died", "were evacuated"), as `people_measures.tsv` says."""
    last = re.search(rf"([a-z]+)\s+(?:(?:{_MODIFIERS})\s+)?$", before, re.I)
    following = re.match(rf"{_AUXILIARIES}(([a-z]+)(?:\s+[a-z]+)?)", after, re.I)
    words = [following.group(1), following.group(2)] if following else []  # "took part", "under arrest"
    if _LIVES_OF.search(before) or _LOST_LIVES.match(after):  # "claimed the lives of 212 people"
        return "people dead"
    if _TREATED.match(after):  # "87 people had been treated for injuries"
        return "people injured"
    for word in [*words, last.group(1) if last else ""]:
        measure = people_measures().get(word.lower(), "")
        if measure:
            return f"people {measure}"
    # "40,000 people had been moved to evacuation centres", "were crammed into shelters", "had
    # left their homes"
    return "people evacuated" if _REFUGE.match(after) or _LEFT_HOMES.match(after) else ""


# Verbs (and adverbs) between a count and what it measures ("63 remained wounded", "had been
# treated", "had already been evacuated").
_AUXILIARY = r"have|has|had|were|was|are|is|been|being|reported|remain|remains|remained|now|already|also"
_AUXILIARIES = rf"\s*(?:(?:{_AUXILIARY})\s+)*"
# The whole a bare count is a part of ("Of the 200 cattle on the farm, 40 were killed").
_OUT_OF = re.compile(r"\b[Oo]f\s+(?:the\s+|its\s+|their\s+)?[\d,.]+\s+([a-z]+)")
_LIVES_OF = re.compile(rf"\blives\s+of\s+(?:(?:{_MODIFIERS})\s+)?$", re.I)
_LOST_LIVES = re.compile(
    rf"{_AUXILIARIES}lost\s+(?:their|the|his|her)\s+li(?:fe|ves)\b(?!['’-]|\s+savings)", re.I
)
_TREATED = re.compile(
    rf"{_AUXILIARIES}treated\s+for\s+(?:their\s+)?(?:(?:minor|serious|light|severe)\s+)?(?:injuries|wounds)\b",
    re.I,
)
_REFUGE = re.compile(
    rf"{_AUXILIARIES}(?:moved|taken|fled|crammed|crowded|packed|housed|"
    r"sent|bused|bussed|gone|went|sought\s+refuge)\b[^.;:]{0,40}?\b(?:to|into|in|at)\s+"
    r"(?:[\w,]+\s+){0,4}?(?:evacuation|emergency\s+shelters?|shelters)\b",
    re.IGNORECASE,
)
_LEFT_HOMES = re.compile(rf"{_AUXILIARIES}(?:left|fled|abandoned)\s+(?:their|the)\s+homes\b", re.I)


GENERIC_UNITS = {"percent", "percentage points", "people", "person", "years of age", DATE}


def is_generic(unit: str) -> bool:
    """Whether a unit says little of what its figures measure: a sum of money, a percentage,
    people, an age, a date (a fine and a sum spent, a pay rise and a turnout, the dead and a
    town's people, a defender's age and his captain's, the day of a vote and of a summit)."""
    return unit in GENERIC_UNITS or unit in currency_units()


def is_time_of_day(unit: str) -> bool:
    """Whether a unit is a clock time ("5.40pm", "17:40 GMT")."""
    return unit.startswith(TIME_OF_DAY)


def is_duration(unit: str) -> bool:
    """Whether a unit measures time (hours of talks, of a flight, of a jury's deliberation)."""
    return unit in _TIME_UNITS


def agree(a: Quantity, b: Quantity) -> bool:
    """Whether two quantities of one unit can be the same figure (see the module's note)."""
    if len(a.values) > 1 or len(b.values) > 1:
        return a.values == b.values
    a_margin, b_margin = _margin(a, b), _margin(b, a)
    low_a, high_a = a.value - a_margin, a.value + a_margin
    low_b, high_b = b.value - b_margin, b.value + b_margin
    if a.bound == b.bound or (not a.bound and not b.bound):  # two figures, or two of one kind
        return low_a <= high_b and low_b <= high_a
    if a.bound and b.bound:  # at least one, at most the other
        return low_a <= high_b if a.bound == "at least" else low_b <= high_a
    if a.bound == "at least" or b.bound == "at least":
        return high_b >= low_a if a.bound else high_a >= low_b
    return low_b <= high_a if a.bound else low_a <= high_b


# Two outlets' figures for one measure differ by less than this factor (17 and 21 dead, $2.1m
# and $2.4m); "£90m" of cost cuts beside a "£3.1bn" bid is another measure of the same unit.
SAME_MEASURE_RATIO = 5
SAME_TIME_HOURS = 3  # two outlets' times of one event are hours apart at most


def same_measure(a: Quantity, b: Quantity) -> bool:
    """Whether two figures of one unit can be two outlets' versions of one measure: within a
    factor of `SAME_MEASURE_RATIO`, and clock times within `SAME_TIME_HOURS` of each other
    across midnight ("11:40 p.m." and "00:20", not the blast and the fire put out at 4 a.m.)."""
    if is_time_of_day(a.unit):
        apart = abs(a.value - b.value) % (24 * 60)
        return min(apart, 24 * 60 - apart) <= SAME_TIME_HOURS * 60
    if a.unit.startswith(AGE_OF):
        return _one_person(a, b)
    if len(a.values) > 1 or len(b.values) > 1 or a.value <= 0 or b.value <= 0:
        return True
    return max(a.value, b.value) / min(a.value, b.value) <= SAME_MEASURE_RATIO


def _margin(q: Quantity, other: Quantity) -> Fraction:
    """How far `q`'s figure may lie from its value when set beside `other`: the last digit it
    writes, and for an estimate beside a figure a twentieth of the value (two estimates that
    differ are two figures: "about 38,000" is not "about 41,000")."""
    if q.approximate and not other.approximate:
        return max(q.margin, q.value * APPROXIMATE_SHARE)
    return q.margin


def show(quantity: Quantity) -> str:
    """The quantity in plain words: `about 48 million euros`, `12 percent`, `7-2`."""
    if len(quantity.values) > 1:
        return "-".join(str(v.numerator) for v in quantity.values)
    value = quantity.value
    number = _number(value)
    prefix = (
        "about "
        if quantity.approximate
        else {"at least": "at least ", "at most": "at most "}.get(quantity.bound, "")
    )
    unit = {"percent": "percent", "magnitude": ""}.get(quantity.unit, quantity.unit)
    if quantity.unit == DATE:
        return f"{int(value) % 100} {MONTHS[int(value) // 100 - 1]}"
    if quantity.unit.startswith("ordinal "):
        return f"{_ordinal(int(value))} {quantity.unit.removeprefix('ordinal ')}"
    if quantity.unit == "magnitude":
        return f"{prefix}magnitude {number}"
    if quantity.unit.startswith(AGE_OF):
        return f"aged {number}"
    if is_time_of_day(quantity.unit):
        if quantity.approximate:
            return quantity.text  # "shortly after 3 p.m.": as the outlet puts it
        minutes = int(value) % (24 * 60)
        zone = quantity.unit.removeprefix(TIME_OF_DAY)
        return f"{prefix}{minutes // 60:02d}:{minutes % 60:02d}{zone}"
    if quantity.unit in ("month", "day"):  # a duration in the unit a reader would write
        value, unit = _duration(value, quantity.unit)
        return f"{prefix}{_number(value)} {unit}{'' if value == 1 else 's'}"
    return f"{prefix}{number} {unit}".strip()


def _duration(value: Fraction, unit: str) -> tuple[Fraction, str]:
    if unit == "month" and value % 12 == 0:
        return value / 12, "year"
    return value, unit


def _number(value: Fraction) -> str:
    for scale, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if value >= scale:
            return f"{float(value / scale):g} {word}"
    return f"{int(value):,}" if value.denominator == 1 else f"{float(value):g}"


def _ordinal(number: int) -> str:
    """87 -> "87th", 21 -> "21st"."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
