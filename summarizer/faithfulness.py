"""The faithfulness guard: generated text may only name entities, numbers, dates and quotes that
the story's sources contain.

Checks, over the generated text against all source texts of the story:
- every capitalised word (names, places, weekdays, months) occurs in a source, in any case
  (a headline's title case and a sentence's first word may also be a common English word);
- two adjacent name words that the sources only ever write capitalised stand in one name in a
  source (one run of capitalised words such as "Secretary of Commerce Ann Lee"), so real names
  cannot be recombined ("Tomas Lee" from "Tomas Berg" and "Ann Lee");
- every number (digits, number words, fractions) has the same value somewhere in the sources;
- every ordinal word occurs in a source;
- every quoted passage occurs word for word in a source;
- no one's quoted words are given as the summary's own: a sentence without quotation marks or an
  attribution ("said", "according to") that repeats six words in a row of a passage a source
  quotes is rejected (an opinion would read as narration);
- no one's status changes: a name the sources give an office only as a former holder ("former
  Governor Ann Lee", "Lee, the former governor", "then-President Lee") is not given that office
  as a current one ("Governor Ann Lee"), nor the other way round;
- a headline says what one source sentence (or title) says: three in five of its content words
  at least stand in one of them (a headline fused from several sentences is where subjects,
  objects and causes get swapped);
- attributions are not swapped: a sentence that says someone said something ("Ann Lee said the
  plant will close", "according to the ministry, ...") names a speaker that the source
  sentences reporting those words name too (in that sentence or the two around it).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

from summarizer.models import GuardReport
from summarizer.sentences import split_text
from summarizer.text import content_words, is_anonymous, number_value, stem, word_tokens
from summarizer.words import ORDINALS, ROLES, STOPWORDS, TITLES, lexicon, verb_forms

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’.-]*[A-Za-z]|[A-Za-z]|\d[\d,]*(?:\.\d+)?[½¼¾⅓⅔]?|[½¼¾⅓⅔]")
_QUOTED = re.compile(r"[\"“]([^\"“”]{8,}?)[\"”]")


@dataclass(frozen=True, slots=True)
class SourceIndex:
    """What the sources contain, normalised for the guard's look-ups."""

    words: frozenset[str]
    word_stems: frozenset[str]
    lowercase_words: frozenset[str]
    lowercase_stems: frozenset[str]
    chains: dict[str, frozenset[int]]  # name word -> the capitalised runs it stands in
    numbers: frozenset[Fraction]
    text: str
    sentences: tuple[tuple[str, ...], ...] = ()  # each source's sentences, in order
    quoted_runs: frozenset[tuple[str, ...]] = frozenset()  # every QUOTED_RUN words quoted in a source
    # (family name, whether as a former holder) of each person named with an office
    offices: frozenset[tuple[str, bool]] = frozenset()

    @classmethod
    def build(cls, sources: Iterable[str]) -> SourceIndex:
        sources = list(sources)
        words: set[str] = set()
        lowercase: set[str] = set()
        chains: dict[str, set[int]] = {}
        runs = 0
        numbers: set[Fraction] = set()
        quoted_runs: set[tuple[str, ...]] = set()
        offices: set[tuple[str, bool]] = set()
        joined = []
        for source in sources:
            joined.append(_flat(source))
            tokens = _TOKEN.findall(source)
            keys = [_key(t) for t in tokens]
            words.update(keys)
            words.update(_key(part) for t in tokens if "-" in t for part in t.split("-") if part)
            lowercase.update(_key(t) for t in tokens if t[0].islower())
            for chain in _capitalised_runs([part for t in tokens for part in _split_compound(t)]):
                runs += 1
                for key in chain:
                    chains.setdefault(key, set()).add(runs)
            numbers.update(_numbers(tokens))
            for passage in _QUOTED.findall(source.replace("“", '"').replace("”", '"')):
                quoted_runs.update(_runs(word_tokens(passage)))
            offices.update((name[-1], former) for name, former in _office_holders(source))
        return cls(
            words=frozenset(words),
            word_stems=frozenset(stem(w) for w in words),
            lowercase_words=frozenset(lowercase),
            lowercase_stems=frozenset(stem(w) for w in lowercase),
            chains={key: frozenset(ids) for key, ids in chains.items()},
            numbers=frozenset(numbers),
            text="\n".join(joined),
            sentences=tuple(tuple(split_text(source)) for source in sources),
            quoted_runs=frozenset(quoted_runs),
            offices=frozenset(offices),
        )


def _capitalised_runs(tokens: list[str]) -> list[list[str]]:
    """Runs of capitalised tokens, joined by 'of', 'the', 'for', 'and' inside a run."""
    runs: list[list[str]] = []
    current: list[str] = []
    for token in tokens:
        if token[0].isupper():
            current.append(_key(token))
            current.extend(_key(part) for part in token.split("-") if part and "-" in token)
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
    """Case, dots and possessives folded: U.S. -> us, Lisbon's -> lisbon."""
    token = token.lower().replace("’", "'")
    token = re.sub(r"'s$|'$", "", token)
    return token.replace(".", "")


def _flat(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).lower()


def _numbers(tokens: list[str]) -> set[Fraction]:
    """Values written as digits, number words or fractions (single tokens; 'six' and '6' alike)."""
    values: set[Fraction] = set()
    for token in tokens:
        value = number_value(token)
        if value is not None:
            values.add(value)
    return values


def check(text: str, index: SourceIndex, headline: str = "") -> GuardReport:
    """Whether `text` (and its `headline`) state only what the indexed sources state, and what
    they do not support.

    In a headline (often title case) and at the start of a sentence, a capitalised common English
    word ("Surge", "Deal") is taken as a word, not a name.
    """
    unsupported: list[str] = []
    for part, title_case in ((headline, True), (text, False)):
        unsupported.extend(_unsupported_tokens(part, index, title_case))
        for quoted in _QUOTED.findall(part.replace("“", '"').replace("”", '"')):
            if _flat(quoted).strip(" ,.") not in index.text:
                unsupported.append(f'"{quoted}"')
    if headline:
        unsupported.extend(_uncarried_headline(headline, index))
    unsupported.extend(_changed_status(f"{headline}\n{text}", index))
    unsupported.extend(_swapped_attributions(text, index))
    unsupported.extend(_unmarked_quotes(text, index))
    return GuardReport(ok=not unsupported, unsupported=tuple(dict.fromkeys(unsupported)))


HEADLINE_CARRIED = 0.6  # share of a headline's content words one source sentence must hold


def _uncarried_headline(headline: str, index: SourceIndex) -> list[str]:
    """The headline, when no one source sentence or title holds `HEADLINE_CARRIED` of its content
    words (a headline of fewer than three content words is not judged)."""
    words = content_words(headline)
    if len(words) < 3:
        return []
    need = HEADLINE_CARRIED * len(words)
    if any(len(words & content_words(s)) >= need for sentences in index.sentences for s in sentences):
        return []
    return [f"headline not carried by one source sentence: {headline[:60]}"]


# Offices a person holds for a time; a courtesy title (Mr, Dr) is no office.
_OFFICES = "|".join(
    sorted((ROLES | TITLES) - {"mr", "mrs", "ms", "sir", "dr", "prof", "rev"}, key=len, reverse=True)
)
_FORMER = r"(?i:former|onetime|one-time|ex-|then-)"
_NAME = r"(?:(?:of|the)\s+){0,2}(?:[A-Z][\w'’-]*\s+(?:(?:of|the)\s+)?){0,4}[A-Z][\w'’-]*"
_OFFICE_BEFORE = re.compile(  # "former New York Gov. Ann Lee", "Governor Lee"
    rf"(?P<former>\b{_FORMER}\s*)?(?:[A-Z][\w'’.]*\s+){{0,3}}?\b(?i:{_OFFICES})\b\.?,?\s+(?P<name>{_NAME})(?![\w'’-])"
)
_OFFICE_AFTER = re.compile(  # "Ann Lee, the former governor"
    rf"(?P<name>[A-Z][\w'’-]*),\s+(?:the|a|an)\s+(?P<former>{_FORMER}\s*)?(?:[\w'’.-]+\s+){{0,3}}?(?i:{_OFFICES})\b"
)


def _office_holders(text: str) -> set[tuple[tuple[str, ...], bool]]:
    """(the words of the name, whether as a former holder) of every person `text` names with an
    office. A run after "of" ("Secretary of State Ann Lee") names a person only with three
    capitalised words or more ("Governor of New York" names a place)."""
    found = set()
    for pattern in (_OFFICE_BEFORE, _OFFICE_AFTER):
        for match in pattern.finditer(text):
            words = match.group("name").split()
            name = tuple(_key(w) for w in words if w[0].isupper() and _key(w) not in STOPWORDS)
            if name and (words[0] not in ("of", "the") or len(name) >= 3):
                found.add((name, bool(match.group("former"))))
    return found


def _changed_status(text: str, index: SourceIndex) -> list[str]:
    """Office holders `text` names as current where every source names them as former, or the
    other way round. A source's holder is known by the last word of the name; the text's by any
    word of it (a title-case headline runs the name on into its other words)."""
    changed = []
    for name, former in sorted(_office_holders(text)):
        for family in name:
            held = {was for holder, was in index.offices if holder == family}
            if held and former not in held:
                changed.append(f"status: {'former ' if former else ''}{family}")
    return changed


_SPEECH = "|".join(verb_forms("attribution"))
_SPEAKER_BEFORE = re.compile(
    rf"((?:[A-Z][\w.’'-]*\s+)*[A-Z][\w.’'-]*)(?:['’]s?)?\s+(?:\w+ly\s+|also\s+|has\s+|had\s+)?(?:{_SPEECH})\b"
)
_SPEAKER_AFTER = re.compile(
    r"\b(?:said|says|added|stated|according to)\s+(?:the\s+)?((?:[A-Z][\w.’'-]*\s+)*[A-Z][\w.’'-]*)"
)
_CONTENT_MIN = 3
_SUPPORT_SHARE = 0.5


def _swapped_attributions(text: str, index: SourceIndex) -> list[str]:
    """Speakers the summary gives to words whose source sentences name someone else.

    For each summary sentence with a named speaker, the source sentences that carry most of its
    content words are found; the speaker's name must stand in one of them or within one
    sentence of it. Sentences with too few content words to match are not judged."""
    unsupported: list[str] = []
    for sentence in split_text(text):
        speakers = [m.group(1) for m in _SPEAKER_BEFORE.finditer(sentence)]
        speakers += [m.group(1) for m in _SPEAKER_AFTER.finditer(sentence)]
        names = [_key(w) for speaker in speakers for w in speaker.split()[-1:]]
        names = [n for n in names if n and not _common_word(n, index) and not is_anonymous(n)]
        if not names:
            continue
        content = content_words(sentence) - set(names)
        if len(content) < _CONTENT_MIN:
            continue
        carriers = [
            (n, i)
            for n, sentences in enumerate(index.sentences)
            for i, source in enumerate(sentences)
            if len(content & content_words(source)) >= _SUPPORT_SHARE * len(content)
        ]
        if not carriers:
            continue  # fused from several sentences: nothing to compare attributions with
        windows = [_attribution_window(index.sentences[n], i) for n, i in carriers]
        for name in names:
            if not any(re.search(rf"\b{re.escape(name)}\b", window, re.I) for window in windows):
                unsupported.append(f"attribution: {name}")
    return unsupported


QUOTED_RUN = 6  # words in a row of a quoted passage that make a sentence someone's words


def _runs(words: list[str]) -> Iterable[tuple[str, ...]]:
    """Every `QUOTED_RUN` words in a row."""
    return zip(*(words[n:] for n in range(QUOTED_RUN)), strict=False)


def _unmarked_quotes(text: str, index: SourceIndex) -> list[str]:
    """Sentences that give a source's quoted words as the summary's own: no quotation mark, no
    attribution, and `QUOTED_RUN` words in a row of a passage some source quotes."""
    found = []
    for sentence in split_text(text):
        if any(mark in sentence for mark in '"“”«»') or _SPEECH_VERB.search(sentence):
            continue
        if any(run in index.quoted_runs for run in _runs(word_tokens(sentence))):
            found.append(f"unattributed quote: {sentence[:60]}")
    return found


def _attribution_window(sentences: tuple[str, ...], i: int) -> str:
    """Where a source sentence's speaker is named: in it when it names one; else (a pronoun,
    or a quote whose attribution is elsewhere) also the two sentences before and one after."""
    sentence = sentences[i]
    verbs = list(_SPEECH_VERB.finditer(sentence))
    if verbs and not any(
        _PRONOUN_SPEAKER.search(sentence[max(0, v.start() - 12) : v.end() + 8]) for v in verbs
    ):
        return sentence
    return " ".join(sentences[max(0, i - 2) : i + 2])


_SPEECH_VERB = re.compile(rf"\b(?:{_SPEECH}|according to)\b")
_PRONOUN_SPEAKER = re.compile(
    r"\b(?:he|she|they|we|it)\s+(?:\w+\s+)?(?:said|says|added|told|stated)\b|\b(?:said|says|added)\s+(?:he|she|they)\b",
    re.I,
)


def _unsupported_tokens(text: str, index: SourceIndex, title_case: bool) -> list[str]:
    unsupported: list[str] = []
    tokens: list[tuple[str, bool]] = []  # (token, may be a common word in title case)
    for match in _TOKEN.finditer(text):
        initial = title_case or _sentence_start(text, match.start())
        parts = _split_compound(match.group(0))
        tokens.extend((part, initial and n == 0) for n, part in enumerate(parts))
    for position, (token, lenient) in enumerate(tokens):
        key = _key(token)
        value = number_value(token)
        if value is not None:
            if value not in index.numbers:
                unsupported.append(token)
        elif key in ORDINALS:
            if key not in index.words:
                unsupported.append(token)
        elif token[0].isupper() and not _known_word(key, index, lenient):
            unsupported.append(token)
        elif position and _name_pair_unsupported(tokens[position - 1][0], token, index, title_case):
            unsupported.append(f"{tokens[position - 1][0]} {token}")
    return unsupported


def _sentence_start(text: str, offset: int) -> bool:
    before = text[:offset].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?:;\n"


def _split_compound(token: str) -> list[str]:
    """U.S.-China -> U.S., China; high-stakes stays whole (lowercase compounds are words)."""
    parts = [p for p in token.split("-") if p]
    return parts if len(parts) > 1 and any(p[0].isupper() for p in parts) else [token]


def _known_word(key: str, index: SourceIndex, lenient: bool) -> bool:
    """A capitalised word the sources support: a function word, a source word in any case, a
    title-cased form of a word the sources use in lower case, or (where `lenient`) a common
    English word."""
    if key in STOPWORDS or key in index.words or stem(key) in index.word_stems:
        return True
    if _common_word(key, index):
        return True
    return lenient and key in lexicon()


def _name_pair_unsupported(left: str, right: str, index: SourceIndex, title_case: bool) -> bool:
    if not (left[0].isupper() and right[0].isupper()):
        return False
    a, b = _key(left), _key(right)
    if a in STOPWORDS or b in STOPWORDS:
        return False
    if title_case and (a in lexicon() or b in lexicon()):
        return False
    name_like = not _common_word(a, index) and not _common_word(b, index)
    return name_like and not index.chains.get(a, frozenset()) & index.chains.get(b, frozenset())


def _common_word(key: str, index: SourceIndex) -> bool:
    return key in index.lowercase_words or stem(key) in index.lowercase_stems
