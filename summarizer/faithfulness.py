"""The faithfulness guard: generated text may only name entities, numbers, dates and quotes that
the story's sources contain.

Checks, over the generated text against all source texts of the story:
- every capitalised word (names, places, weekdays, months) occurs in a source, in any case;
- two adjacent name words that the sources only ever write capitalised stand in one name in a
  source (one run of capitalised words such as "Secretary of Commerce Ann Lee"), so real names
  cannot be recombined ("Tomas Lee" from "Tomas Berg" and "Ann Lee");
- every number (digits, number words, fractions) has the same value somewhere in the sources;
- every ordinal word occurs in a source;
- every quoted passage occurs word for word in a source.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from summarizer.models import GuardReport

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]|\d[\d,]*(?:\.\d+)?[½¼¾⅓⅔]?|[½¼¾⅓⅔]")
_QUOTED = re.compile(r"[\"“]([^\"“”]{8,}?)[\"”]")

UNITS: dict[str, int | Fraction] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
    "dozen": 12,
    "half": Fraction(1, 2),
}
ORDINALS = {
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "twentieth",
    "hundredth",
}
VULGAR = {
    "½": Fraction(1, 2),
    "¼": Fraction(1, 4),
    "¾": Fraction(3, 4),
    "⅓": Fraction(1, 3),
    "⅔": Fraction(2, 3),
}

# English function words: capitalised at a sentence start, never an entity.
FUNCTION_WORDS = set(
    """a an the and or but nor so yet for of in on at to from by with without within into onto over under
    about above after against along among around as before behind below beneath beside besides between
    beyond during except inside near off out outside since through throughout till toward towards until
    upon via i me my we us our you your he him his she her it its they them their this that these those
    who whom whose which what when where why how all any both each either neither every few many more
    most much other others some such no not only own same than too very can could may might must shall
    should will would is are was were be been being am do does did has have had having also however
    meanwhile moreover furthermore nevertheless nonetheless still then there here thus therefore while
    although though because if unless whether despite instead overall yes today tonight""".split()  # noqa: SIM905 (a word list reads better as prose)
)


@dataclass(frozen=True, slots=True)
class SourceIndex:
    """What the sources contain, normalised for the guard's look-ups."""

    words: frozenset[str]
    lowercase_words: frozenset[str]
    lowercase_stems: frozenset[str]
    chains: dict[str, frozenset[int]]  # name word -> the capitalised runs it stands in
    numbers: frozenset[Fraction]
    text: str

    @classmethod
    def build(cls, sources: Iterable[str]) -> SourceIndex:
        words: set[str] = set()
        lowercase: set[str] = set()
        chains: dict[str, set[int]] = {}
        runs = 0
        numbers: set[Fraction] = set()
        joined = []
        for source in sources:
            joined.append(_flat(source))
            tokens = _TOKEN.findall(source)
            keys = [_key(t) for t in tokens]
            words.update(keys)
            lowercase.update(_key(t) for t in tokens if t[0].islower())
            for chain in _capitalised_runs(tokens):
                runs += 1
                for key in chain:
                    chains.setdefault(key, set()).add(runs)
            numbers.update(_numbers(tokens))
        stems = frozenset(_stem(w) for w in lowercase)
        frozen_chains = {key: frozenset(ids) for key, ids in chains.items()}
        return cls(
            frozenset(words),
            frozenset(lowercase),
            stems,
            frozen_chains,
            frozenset(numbers),
            "\n".join(joined),
        )


def _capitalised_runs(tokens: list[str]) -> list[list[str]]:
    """Runs of capitalised tokens, joined by 'of', 'the', 'for', 'and' inside a run."""
    runs: list[list[str]] = []
    current: list[str] = []
    for token in tokens:
        if token[0].isupper():
            current.append(_key(token))
        elif current and token in ("of", "the", "for", "and", "de"):
            continue
        else:
            if len(current) > 1:
                runs.append(current)
            current = []
    if len(current) > 1:
        runs.append(current)
    return runs


def _key(token: str) -> str:
    """Case, dots and possessives folded: U.S. -> us, Beijing's -> beijing."""
    token = token.lower().replace("’", "'")
    token = re.sub(r"'s$|'$", "", token)
    return token.replace(".", "")


def _stem(word: str) -> str:
    """A crude English stem, only to accept a title-cased common word (Visits ~ visit)."""
    return re.sub(r"(ies|es|s|ed|ing|ly)$", "", word) if len(word) > 4 else word


def _flat(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).lower()


def _numbers(tokens: list[str]) -> set[Fraction]:
    """Values written as digits, number words or fractions (single tokens; 'six' and '6' alike)."""
    values: set[Fraction] = set()
    for token in tokens:
        value = _value(token)
        if value is not None:
            values.add(value)
    return values


def _value(token: str) -> Fraction | None:
    lowered = token.lower().replace("’", "'")
    if lowered in UNITS:
        return Fraction(UNITS[lowered])
    if lowered in VULGAR:
        return VULGAR[lowered]
    match = re.fullmatch(r"(\d[\d,]*(?:\.\d+)?)([½¼¾⅓⅔]?)", lowered)
    if not match:
        return None
    number = Fraction(match.group(1).replace(",", ""))
    return number + (VULGAR[match.group(2)] if match.group(2) else 0)


def check(text: str, index: SourceIndex) -> GuardReport:
    """Whether `text` states only what the indexed sources state; what it does not support."""
    unsupported: list[str] = []
    tokens = [part for token in _TOKEN.findall(text) for part in _split_compound(token)]
    for position, token in enumerate(tokens):
        key = _key(token)
        value = _value(token)
        if value is not None:
            if value not in index.numbers:
                unsupported.append(token)
        elif key in ORDINALS:
            if key not in index.words:
                unsupported.append(token)
        elif token[0].isupper() and not _known_word(key, index):
            unsupported.append(token)
        elif position and _name_pair_unsupported(tokens[position - 1], token, index):
            unsupported.append(f"{tokens[position - 1]} {token}")
    for quoted in _QUOTED.findall(text.replace("“", '"').replace("”", '"')):
        if _flat(quoted).strip(" ,.") not in index.text:
            unsupported.append(f'"{quoted}"')
    return GuardReport(ok=not unsupported, unsupported=tuple(dict.fromkeys(unsupported)))


def _split_compound(token: str) -> list[str]:
    """U.S.-China -> U.S., China; high-stakes stays whole (lowercase compounds are words)."""
    parts = [p for p in token.split("-") if p]
    return parts if len(parts) > 1 and any(p[0].isupper() for p in parts) else [token]


def _known_word(key: str, index: SourceIndex) -> bool:
    """A capitalised word the sources support: a function word, a source word in any case, or a
    title-cased form of a common word the sources use in lower case."""
    return key in FUNCTION_WORDS or key in index.words or _common_word(key, index)


def _name_pair_unsupported(left: str, right: str, index: SourceIndex) -> bool:
    if not (left[0].isupper() and right[0].isupper()):
        return False
    a, b = _key(left), _key(right)
    if a in FUNCTION_WORDS or b in FUNCTION_WORDS:
        return False
    name_like = not _common_word(a, index) and not _common_word(b, index)
    return name_like and not index.chains.get(a, frozenset()) & index.chains.get(b, frozenset())


def _common_word(key: str, index: SourceIndex) -> bool:
    return key in index.lowercase_words or _stem(key) in index.lowercase_stems
