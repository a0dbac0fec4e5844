"""Text helpers every stage shares: content words, number values, names without their article,
and the one greedy clustering (each item joins the first group whose leader it matches).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from difflib import SequenceMatcher
from fractions import Fraction
from typing import TypeVar

from summarizer.words import ANONYMOUS, NUMBER_WORDS, STOPWORDS, verb_forms

T = TypeVar("T")

# Number words ("six", "dozen") and vulgar fractions ("½"), each with its value.
UNITS = {word: value for word, value in NUMBER_WORDS.items() if word.isalpha()}
VULGAR = {sign: value for sign, value in NUMBER_WORDS.items() if not sign.isalpha()}
_FRACTION_SIGNS = "".join(VULGAR)
_DIGITS = re.compile(rf"(\d[\d,]*(?:\.\d+)?)([{_FRACTION_SIGNS}]?)")
# Signs that a sentence tells what happened before the news: past perfect, "since", "last year",
# "earlier this month", "ago", "previously".
_PAST = (
    r"\bhad\s+(?:been\s+|not\s+)?\w+(?:ed|en|wn|un|ought|ught)\b|\bsince\b|\blast\s+(?:year|month|week|spring|"
    r"summer|fall|autumn|winter)\b|\bearlier\s+this\s+(?:year|month|week)\b|\bago\b|\bpreviously\b"
)
PAST = re.compile(_PAST, re.IGNORECASE)
# ... and, as the salience model counts them, a year or "former" too.
BACKGROUND = re.compile(_PAST + r"|\bin\s+(?:19|20)\d\d\b|\bformer\b", re.IGNORECASE)
# Forms of the attribution verbs ("said", "told"): they frame a statement, they are not its content.
_SAYING = frozenset(verb_forms("attribution"))


def without_accents(text: str) -> str:
    """`Lucía` -> `Lucia`: the letters without their combining marks."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def stem(word: str) -> str:
    """A crude English stem, only to accept another form of a word (Visits ~ visit,
    Democrat ~ Democrats)."""
    return re.sub(r"(ies|es|s|ed|ing|ly)$", "", word) if len(word) > 4 else word


_WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z0-9]+)*")


def word_tokens(text: str) -> list[str]:
    """A text's words, lowercased, in order (a contraction is one word, one apostrophe)."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def in_order(part: Sequence[str], whole: Sequence[str], share: float) -> bool:
    """At least `share` of `part`'s words stand, in order, in `whole` (a quote in a sentence,
    one outlet's wording of a quote in another's)."""
    if not part:
        return False
    needed = share * len(part)
    if sum((Counter(part) & Counter(whole)).values()) < needed:
        return False  # not even that many shared words, in any order
    blocks = SequenceMatcher(None, part, whole, autojunk=False).get_matching_blocks()
    return sum(block.size for block in blocks) >= needed


def content_words(text: str) -> set[str]:
    """A text's content words (longer than three letters, no function words, no verbs of
    saying), stemmed."""
    return {
        stem(w)
        for w in re.findall(r"[a-z][a-z'’-]+", text.lower())
        if len(w) > 3 and w not in STOPWORDS and w not in _SAYING
    }


def is_anonymous(word: str) -> bool:
    """A word for someone the text does not name (`officials`, `a spokesman`) or a function word."""
    lowered = word.lower()
    return lowered in STOPWORDS or lowered in ANONYMOUS or lowered.rstrip("s") in ANONYMOUS


def number_value(token: str) -> Fraction | None:
    """The value a token writes: digits, a number word, a fraction (`7½` -> 15/2), else None."""
    lowered = token.lower().replace("’", "'")
    if lowered in NUMBER_WORDS:
        return NUMBER_WORDS[lowered]
    match = _DIGITS.fullmatch(lowered)
    if not match:
        return None
    number = Fraction(match.group(1).replace(",", ""))
    return number + (VULGAR[match.group(2)] if match.group(2) else 0)


def strip_article(text: str, *, before_capital: bool = False, indefinite: bool = True) -> str:
    """`text` without a leading "The" (and "A" or "An" unless `indefinite` is false: "a
    senior official" is someone unnamed, and stays so); with `before_capital`, only before a
    capitalised word ("the Kremlin" -> "Kremlin", while "the ministry" stays)."""
    articles = r"[Tt]he|[Aa]n?" if indefinite else r"[Tt]he"
    return re.sub(rf"^(?:{articles})\s+" + ("(?=[A-Z])" if before_capital else ""), "", text)


def leader_clusters(items: Iterable[T], joins: Callable[[list[T], T], bool], limit: int = 0) -> list[list[T]]:
    """Greedy leader clustering: each item, in order, joins the first group that `joins(group,
    item)` accepts (a group's first item is its leader), else starts a group of its own. With
    `limit`, items that would start a group once `limit` groups exist are left out."""
    groups: list[list[T]] = []
    for item in items:
        group = next((g for g in groups if joins(g, item)), None)
        if group is not None:
            group.append(item)
        elif not limit or len(groups) < limit:
            groups.append([item])
    return groups


def greedy_pairs(scored: Iterable[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (i, j) taken best score first, each i and each j used once."""
    pairs: list[tuple[int, int]] = []
    used_i: set[int] = set()
    used_j: set[int] = set()
    for _, i, j in sorted(scored, reverse=True):
        if i not in used_i and j not in used_j:
            pairs.append((i, j))
            used_i.add(i)
            used_j.add(j)
    return pairs


def unique(values: Sequence[T]) -> list[T]:
    """`values` without repeats, in first-seen order."""
    return list(dict.fromkeys(values))
