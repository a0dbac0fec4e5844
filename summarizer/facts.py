"""Key facts with the articles behind each, and flags where outlets disagree.

Key facts are the story's most salient statements that tell the reader something the summary
and the facts before them have not: each next fact is the candidate whose salience (the
ranking's scores, `summarizer.pipeline.Ranked.fact_scores`) times the share of its content
words and figures not yet told is highest, one idea each (near-duplicates removed), never a
quote nor one sentence of a quote that runs over several, nor a copy's sentence that its
original prints as a quote. Each fact's text is the
version of it most like the other outlets' versions (the medoid), so a rewording is outvoted by
the copies that agree, and never a version from a copy marked as reworded (`summarizer.sources`)
when another article has the fact. An article supports a fact when one of its sentences says the
same thing by meaning (embedding similarity) and carries the same numbers, and it is cited only
when its text states every number of the fact's wording, in digits or words. The news comes
first: facts that tell what happened before it ("since", "had been", "last year", "ago") follow
the rest, each part in the order picked.

A discrepancy is the same detail of the same statement given different values by two outlets:
two aligned sentences (alike in meaning) with quantities of one unit (a currency, percent, a
head noun such as "hours" or "people"; `summarizer.quantities`) that cannot be the same figure.
A sentence that states a part and the total ("12 of the 40 workers") does not disagree with one
that states only the part: a flag needs a figure on each side that matches nothing on the other.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

import numpy as np

from summarizer.config import FactsConfig
from summarizer.models import (
    Citation,
    Discrepancy,
    DiscrepancyVersion,
    Fact,
    Quantity,
    Sentence,
    SentenceKey,
    Story,
    SummarySentence,
)
from summarizer.quantities import (
    SCALES,
    agree,
    currency_units,
    is_duration,
    is_generic,
    is_time_of_day,
    parts_and_totals,
    quantities,
    same_measure,
    show,
)
from summarizer.sources import reworded_copies
from summarizer.text import PAST, content_words, in_order, number_value, stem, word_tokens
from summarizer.words import STOPWORDS

_LEAD = 3  # the sentences of an article (its title first) that tell what happened
_QUOTE = re.compile(r"[\"“”«»„][^\"“”«»„]{12,}[\"“”«»„]")


def _numbers(sentence: str) -> set[tuple[Fraction, ...]]:
    """The values a sentence states: each quantity's (a split's pair), and every number in it."""
    return {q.values for q in quantities(sentence)} | {
        (v,) for v in (number_value(t) for t in re.findall(r"\d[\d,]*(?:\.\d+)?", sentence)) if v is not None
    }


_SCALE_WORDS = frozenset({"thousand", "million", "billion", "trillion", "m", "bn", "mln", "k", "tn"})


def stated_values(text: str) -> set[Fraction]:
    """Every number `text` writes: each figure as `quantities` reads it (scale, spelled-out
    numbers: "forty-eight million euros" is 48e6, as is "€48m"), and every other number, in
    digits or words: what an article must state for a fact with those numbers to cite it."""
    values = {v for q in quantities(text) for v in q.values}
    tokens = re.findall(r"\d[\d,]*(?:\.\d+)?|[A-Za-z]+(?:-[A-Za-z]+)*", text)
    for n, token in enumerate(tokens):
        value = number_value(token)
        scaled = n + 1 < len(tokens) and tokens[n + 1].lower() in _SCALE_WORDS
        after_number = n > 0 and number_value(tokens[n - 1]) is not None
        if value is None or scaled or (token.lower() in _SCALE_WORDS and after_number):
            continue  # not a number, a figure `quantities` read with its scale, or that scale
        values.add(value)
    return values


def _is_candidate(sentence: Sentence) -> bool:
    words = len(sentence.text.split())
    text = sentence.text
    return (
        6 <= words <= 45
        and not _QUOTE.search(text)
        and not _part_of_quote(text)
        and not text.rstrip().endswith("?")
    )


def _part_of_quote(text: str) -> bool:
    """A sentence a quotation opens or closes without the other mark: one sentence of a quote
    that runs over several (`“The river is not a resource to us.`)."""
    return (
        text.count('"') % 2 == 1 or text.count("“") != text.count("”") or text.count("«") != text.count("»")
    )


def key_facts(
    story: Story,
    vectors: np.ndarray,
    scores: dict[Sentence, float],
    config: FactsConfig,
    summary: Sequence[SummarySentence] = (),
) -> list[Fact]:
    """Up to `config.max_facts` facts, the news first, each with its supporting articles: those
    that add most to what the story's `summary` and the facts before them say (`_most_telling`),
    then, only when the story has too little else, the best of what merely repeats it."""
    index = {s.key: n for n, s in enumerate(story.sentences)}
    quoted = _quoted_elsewhere(story, vectors, config.support_similarity)
    salience = {index[s.key]: v for s, v in scores.items() if _is_candidate(s) and index[s.key] not in quoted}
    told = _told(story, index, vectors, summary, config.duplicate_similarity)
    said = set().union(*(_told_units(s.text) for s in summary))
    chosen = _most_telling(story, vectors, {r: v for r, v in salience.items() if r not in told}, said, config)
    for row in _best_first(salience):  # too little else: what repeats the summary fills the list
        if len(chosen) >= config.max_facts:
            break
        if row not in chosen and not _alike_any(vectors, row, chosen, config.duplicate_similarity):
            chosen.append(row)
    outlets = {a.id: (a.source or a.id) for a in story.articles}
    stated = {a.id: stated_values(a.text) for a in story.articles}
    facts = []
    derived = reworded_copies(story.quality)
    for row in chosen:
        versions = _versions(story, vectors, row, config.support_similarity)
        plain = [r for r in versions if story.sentences[r].article_id not in derived]
        text_row = _medoid(plain or versions, vectors)
        if _QUOTE.search(story.sentences[text_row].text):  # a version that quotes: the first that does not
            text_row = next((r for r in plain or versions if not _QUOTE.search(story.sentences[r].text)), row)
        shown = stated_values(story.sentences[text_row].text)
        versions = [r for r in versions if r == text_row or shown <= stated[story.sentences[r].article_id]]
        citation = Citation.of(story.sentences[r] for r in versions)
        facts.append(
            Fact(
                text=story.sentences[text_row].text,
                citation=citation,
                outlets=len({outlets[s] for s in citation.article_ids}),
            )
        )
    facts.sort(key=lambda fact: bool(PAST.search(fact.text)))  # the news first
    return facts


def _most_telling(
    story: Story, vectors: np.ndarray, salience: dict[int, float], said: set[str], config: FactsConfig
) -> list[int]:
    """Rows of up to `config.max_facts` facts, picked greedily: each next one the candidate
    (`salience`: row -> score) with the highest salience times the share of its units
    (`_told_units`) that neither `said` (the summary's) nor an earlier pick holds, and not as
    alike as `config.duplicate_similarity` to an earlier pick. A sentence that only repeats
    what is said is never picked, however salient."""
    units = {row: _told_units(story.sentences[row].text) for row in salience}
    said = set(said)
    open_ = _best_first(salience)
    chosen: list[int] = []
    while open_ and len(chosen) < config.max_facts:
        gain = {row: len(units[row] - said) / max(len(units[row]), 1) for row in open_}
        best = max(open_, key=lambda row: salience[row] * gain[row])
        if not gain[best]:
            break
        chosen.append(best)
        said |= units[best]
        open_ = [row for row in open_ if not _alike_any(vectors, row, [best], config.duplicate_similarity)]
    return chosen


def _best_first(salience: dict[int, float]) -> list[int]:
    return sorted(salience, key=lambda row: -salience[row])


def _alike_any(vectors: np.ndarray, row: int, rows: list[int], threshold: float) -> bool:
    """`row` is one of `rows` or says the same as one of them (embeddings this alike)."""
    return row in rows or any(float(vectors[row] @ vectors[other]) >= threshold for other in rows)


def _told_units(text: str) -> set[str]:
    """What a sentence tells, as units to compare: its content words but those that write a
    number ("eight", "million"), and the values it states ("8", "4200000"). A value is
    compared without its unit: "$2 million" and "2 million people" are one unit."""
    words = {w for w in content_words(text) if number_value(w) is None and w not in SCALES}
    return words | {str(value) for value in stated_values(text)}


def _told(
    story: Story,
    index: dict[SentenceKey, int],
    vectors: np.ndarray,
    summary: Sequence[SummarySentence],
    threshold: float,
) -> set[int]:
    """Rows the summary already tells the reader: alike (`threshold`) to a source sentence a
    summary sentence is cited to (`index`: a sentence's row), with no number the summary does
    not state."""
    cited = [index[key] for sentence in summary for key in sentence.citation.sentences if key in index]
    if not cited:
        return set()
    said = stated_values(" ".join(sentence.text for sentence in summary))
    alike = np.max(vectors @ vectors[cited].T, axis=1) >= threshold
    return {
        n for n, sentence in enumerate(story.sentences) if alike[n] and stated_values(sentence.text) <= said
    }


def _quoted_elsewhere(story: Story, vectors: np.ndarray, threshold: float) -> set[int]:
    """Rows that give someone's words without quotation marks: a copy's sentence that says what
    its original prints as a quote (`summarizer.sources`), and any sentence that carries most of
    the words, in order, of a quote another outlet marks (a machine translation often drops the
    marks: `I watched the wires spark ..., declared Olander`)."""
    originals = {q.article_id: q.copy_of for q in story.quality if q.copy_of}
    quotes = [n for n, s in enumerate(story.sentences) if _QUOTE.search(s.text)]
    marked = [
        (story.sentences[n].article_id, words)
        for n in quotes
        for match in _QUOTE.finditer(story.sentences[n].text)
        if len(words := word_tokens(match.group(0))) >= _QUOTED_WORDS
    ]
    out = set()
    for n, sentence in enumerate(story.sentences):
        original = originals.get(sentence.article_id)
        theirs = [q for q in quotes if story.sentences[q].article_id == original]
        copied = bool(theirs) and float(np.max(vectors[theirs] @ vectors[n])) >= threshold
        own = word_tokens(sentence.text)
        unmarked = not _QUOTE.search(sentence.text) and any(
            article != sentence.article_id and in_order(words, own, _CARRIED) for article, words in marked
        )
        if copied or unmarked:
            out.add(n)
    return out


_QUOTED_WORDS = 6  # a quote this long or longer is someone's words wherever it stands
_CARRIED = 0.8  # the share of a quote's words, in order, that a sentence carrying it holds


def _versions(story: Story, vectors: np.ndarray, row: int, threshold: float) -> list[int]:
    """The fact's sentence and, per other article, its most similar sentence when that says the
    same thing (similar enough, and no number of the fact missing)."""
    fact = story.sentences[row]
    numbers = _numbers(fact.text)
    similarity = vectors @ vectors[row]
    versions = [row]
    for article in story.articles:
        if article.id == fact.article_id:
            continue
        rows = [n for n, s in enumerate(story.sentences) if s.article_id == article.id]
        if not rows:
            continue
        best = max(rows, key=lambda n: similarity[n])
        if similarity[best] >= threshold and numbers <= _numbers(story.sentences[best].text) | _loose(
            numbers
        ):
            versions.append(best)
    return versions


def _loose(numbers: set[tuple[Fraction, ...]]) -> set[tuple[Fraction, ...]]:
    """Numbers a rewording may drop without changing the fact (small counts like 'one', 'two')."""
    return {n for n in numbers if len(n) == 1 and n[0] <= 2}


def _medoid(rows: list[int], vectors: np.ndarray) -> int:
    if len(rows) < 3:
        return rows[0]
    block = vectors[rows] @ vectors[rows].T
    return rows[int(np.argmax(block.sum(axis=1)))]


def discrepancies(story: Story, vectors: np.ndarray, config: FactsConfig) -> list[Discrepancy]:
    """Details that outlets give figures for that cannot agree, with each version and its
    articles: one flag per unit, from sentences of different articles alike enough to report
    the same thing."""
    measured = {n: quantities(s.text) for n, s in enumerate(story.sentences)}
    rows = [n for n in measured if measured[n]]
    totals = {n: parts_and_totals(story.sentences[n].text) for n in rows}
    wholes = {
        (unit, frozenset((part, total))) for n in rows for unit, part, total in totals[n]
    }  # "14 of the 40 schools" in one outlet: "14 schools" and "40 schools" elsewhere agree
    flags: dict[str, dict[tuple[Fraction, ...], tuple[Quantity, list[int]]]] = {}
    stated: dict[str, list[Quantity]] = {}  # per article, every figure it gives
    for n, found in measured.items():
        stated.setdefault(story.sentences[n].article_id, []).extend(found)

    figures: dict[tuple[str, str], set[tuple[Fraction, ...]]] = {}  # (article, unit) -> its values
    for article, found in stated.items():
        for q in found:
            figures.setdefault((article, q.unit), set()).add(q.values)

    background: dict[str, set[tuple[Fraction, ...]]] = {}  # per unit, the values every outlet gives
    for (_, unit), values in figures.items():
        background[unit] = background[unit] & values if unit in background else set(values)

    def lone(quantity: Quantity, row: int) -> bool:  # the outlet's one figure of that unit
        own = figures[(story.sentences[row].article_id, quantity.unit)] - background[quantity.unit]
        return own == {quantity.values}  # the background all repeat ("41 dead in 2009") aside

    floor = min(config.lone_discrepancy_similarity, config.discrepancy_similarity)
    for x, a in enumerate(rows):
        for b in rows[x + 1 :]:
            if story.sentences[a].article_id == story.sentences[b].article_id:
                continue
            similarity = float(vectors[a] @ vectors[b])
            if similarity < floor:
                continue
            pair = (measured[a], measured[b])
            if similarity >= config.discrepancy_similarity:  # alike enough to report one thing
                pair = (
                    _nearer(measured[a], totals[a], measured[b]),
                    _nearer(measured[b], totals[b], measured[a]),
                )
            for qa, qb in _disagreeing(*pair):
                if (
                    is_generic(qa.unit)
                    and similarity < config.generic_discrepancy_similarity
                    and not _same_measured(story, a, qa, b, qb)
                ):
                    continue  # a sum or a share says what it measures only in the words before it
                if is_duration(qa.unit) and _span_kinds_differ(story, a, qa, b, qb):
                    continue  # "closed for two weeks" and "records within seven days": two things
                if is_time_of_day(qa.unit) and max(story.sentences[r].index for r in (a, b)) > _LEAD:
                    continue  # a story tells many times; the leads tell the one of what happened
                if similarity < config.discrepancy_similarity and not (
                    (_telling(qa) or (is_duration(qa.unit) and _same_measured(story, a, qa, b, qb)))
                    and lone(qa, a)
                    and lone(qb, b)
                ):  # each outlet's one figure of a unit that says what it counts, or its one
                    # duration said of one noun ("refused food for 24 days"): the same thing
                    continue
                if (qa.unit, frozenset((qa.value, qb.value))) in wholes:
                    continue
                versions = flags.setdefault(qa.unit, {})
                for quantity, row in ((qa, a), (qb, b)):
                    _, found_rows = versions.setdefault(quantity.values, (quantity, []))
                    found_rows.append(row)
    derived = reworded_copies(story.quality)

    def outlets_of(rows_: list[int]) -> int:  # how many outlets give a figure, copies not counted
        return len({story.sentences[r].article_id for r in rows_} - derived)

    out = []
    for unit, versions in flags.items():
        outlets = {story.sentences[r].article_id for _, rows_ in versions.values() for r in rows_}
        disputed = [
            (quantity, found_rows)
            for quantity, found_rows in versions.values()
            if not _all_give(quantity, outlets, stated)
        ]  # a figure every outlet of the flag gives is not in dispute
        while disputed:  # one flag per measure of the unit: "1,200 tonnes" spilled, "38,000" aboard
            # the figure most outlets give; one of another measure is not in dispute with it
            main, main_rows = max(disputed, key=lambda version: outlets_of(version[1]))
            measure = [
                (q, found_rows)
                for q, found_rows in disputed
                if q is main
                or (
                    same_measure(q, main)
                    # its outlets give the main figure too: two things of one unit ("the 34th
                    # minute" of a goal beside "the 87th" of the penalty), no dispute
                    and not _all_give(main, {story.sentences[r].article_id for r in found_rows}, stated)
                )
            ]
            # a second measure of a sum or a share is too often another thing in alike words
            # ("cutting £90m of costs", "£180m of savings"): one flag for those
            disputed = [] if is_generic(unit) else [(q, r) for q, r in disputed if not same_measure(q, main)]
            if len(measure) >= 2:
                shown = [(_most_written(q, found_rows, measured), found_rows) for q, found_rows in measure]
                # told in a sentence of that figure, as most of its outlets write it
                main = _most_written(main, main_rows, measured)
                written = [r for r in main_rows if any(q.text == main.text for q in measured[r])]
                out.append(
                    Discrepancy(
                        _about(unit, _plain_first(story, written or main_rows, derived)),
                        unit,
                        tuple(_version(story, quantity, found_rows) for quantity, found_rows in shown),
                    )
                )
    return out


# What the word before a duration makes of it: a time limit ("within a year") or a span ("for two
# weeks"); not "after", which says either ("after three hours of talks", "after two days"), nor
# "by", a change ("delayed by two weeks").
_SPAN_KINDS = {"within": "limit", "for": "span", "over": "span"}
# Words between such a word and the figure ("for at least two weeks", "within about a year").
_SPAN_HEDGES = frozenset("at least about around some nearly almost more than up to a an the".split())


def _span_kinds_differ(story: Story, a: int, qa: Quantity, b: int, qb: Quantity) -> bool:
    """Whether two durations are of two kinds by the word before each ("for", "within")."""
    kinds = {_span_kind(story.sentences[r].text, q) for r, q in ((a, qa), (b, qb))}
    return len(kinds - {""}) == 2


def _span_kind(sentence: str, quantity: Quantity) -> str:
    for word in _words_before(sentence, quantity, 4):
        if word.lower() in _SPAN_KINDS:
            return _SPAN_KINDS[word.lower()]
        if word.lower() not in _SPAN_HEDGES:
            return ""
    return ""


def _words_before(sentence: str, quantity: Quantity, count: int) -> list[str]:
    """The last `count` words of `sentence` before the figure, nearest first."""
    at = sentence.find(quantity.text)
    return list(reversed(re.findall(r"[A-Za-z]+", sentence[: max(at, 0)])[-count:]))


def _same_measured(story: Story, a: int, qa: Quantity, b: int, qb: Quantity) -> bool:
    """Whether two sums, shares or durations are said of one noun: the content word just before
    each ("restructuring costs of about EUR 112m" and "set aside restructuring costs of 130
    million euros", "has refused food for 24 days" and "had been refusing food for 21 days")."""
    shares = ("percent", "percentage points")
    if not (is_duration(qa.unit) or qa.unit in currency_units() or qa.unit in shares):
        return False  # before a date or a count of people the words say what happened
    # a duration of a verb is said of what the word before it names: "the jury deliberated for
    # nine hours", not "the bridge has been closed for 12 days" and "the school ... closed"
    first, second = (_measured(story.sentences[r].text, q, 2).split() for r, q in ((a, qa), (b, qb)))
    count = 2 if is_duration(qa.unit) and first and first[0].endswith(("ed", "ing")) else 1
    return bool(first) and [stem(w) for w in first[:count]] == [stem(w) for w in second[:count]]


def _measured(sentence: str, quantity: Quantity, count: int = 1) -> str:
    """The lower-case content word within the three words before a figure, nearest first
    ("costs" of "costs of about EUR 112m", "rate" of "the rate rose to 17.4%"), or "" (a name,
    or none); with `count`, that many content words from there back ("deliberated jury" of
    "the jury deliberated for nine hours")."""
    words = [
        (n, w) for n, w in enumerate(_words_before(sentence, quantity, 8)) if w.lower() not in _NOT_MEASURED
    ]
    if not words or words[0][0] >= 3 or not words[0][1].islower():
        return ""
    return " ".join(w.lower() for _, w in words[:count])


# Words between a figure and what it measures, besides stop words ("the rate rose to nearly 7%").
_BETWEEN = frozenset(
    "roughly nearly almost approximately estimated less least up rose risen fell fallen hit reached "
    "stood climbed jumped dropped grew increased decreased totalled totaled".split()
)
_NOT_MEASURED = STOPWORDS | _BETWEEN


def _telling(quantity: Quantity) -> bool:
    """A single count of a thing the unit names, or a vote ("212 to 188": a story's outlets
    that each give one vote give the one vote of the story): no sum, percentage, people, age,
    duration, ordinal or score (two matches' scores, two rounds' numbers are common)."""
    unit = quantity.unit
    if unit == "vote split":
        return True
    return len(quantity.values) == 1 and not (
        is_generic(unit) or is_duration(unit) or unit.startswith("ordinal ")
    )


def _all_give(figure: Quantity, outlets: Iterable[str], stated: Mapping[str, list[Quantity]]) -> bool:
    """Every one of `outlets` gives `figure` among the figures it states (`stated`)."""
    return all(any(q.unit == figure.unit and _gives(q, figure) for q in stated[a]) for a in outlets)


def _gives(stated: Quantity, figure: Quantity) -> bool:
    """An outlet's figure gives `figure` when it can be that figure and is as exact: "about 40%"
    of something else is no second outlet's "41%"; a bound is given by that bound only ("up to
    8,000" gives no "about 6,500", "41 dead" no "at least 12")."""
    if stated.bound or figure.bound:
        return stated.values == figure.values and stated.bound in ("", figure.bound)
    return agree(stated, figure) and (figure.approximate or not stated.approximate)


def _most_written(quantity: Quantity, rows: list[int], measured: dict[int, list[Quantity]]) -> Quantity:
    """The figure as most of its sentences write it ("six years" beside one "72 months")."""
    written = [
        q
        for r in dict.fromkeys(rows)
        for q in measured[r]
        if q.unit == quantity.unit and q.values == quantity.values
    ]
    texts = [q.text.lower() for q in written]
    return max(written, key=lambda q: texts.count(q.text.lower()), default=quantity)


def _nearer(
    first: list[Quantity], totals: set[tuple[str, Fraction, Fraction]], second: list[Quantity]
) -> list[Quantity]:
    """`first`'s figures to set against `second`'s: where `first` writes a part of a total
    (`totals`: "48,200 of the party's 79,000 members") and `second` gives that unit once, the
    one of the part and the whole nearer to it ("about 45,900 members took part": the part;
    "the party's 81,000 members": the whole)."""
    out = list(first)
    for unit, part, total in totals:
        theirs = [q.value for q in second if q.unit == unit]
        if len(theirs) == 1 and theirs[0] > 0 and part > 0:
            off = {v: max(v, theirs[0]) / min(v, theirs[0]) for v in (part, total)}
            farther = total if off[part] <= off[total] else part
            out = [q for q in out if not (q.unit == unit and q.value == farther)]
    return out


def _disagreeing(first: list[Quantity], second: list[Quantity]) -> list[tuple[Quantity, Quantity]]:
    """Per unit both sentences give, the one figure of each that agrees with none of the other's
    (none when either side has no such figure: a part beside its total is no disagreement, nor
    when either has several: which pairs with which is not known)."""
    pairs = []
    for unit in dict.fromkeys(q.unit for q in first):
        mine = [q for q in first if q.unit == unit]
        theirs = [q for q in second if q.unit == unit]
        lone_mine = [q for q in mine if not any(agree(q, t) for t in theirs)]
        lone_theirs = [t for t in theirs if not any(agree(q, t) for q in mine)]
        if len(lone_mine) == 1 and len(lone_theirs) == 1 and same_measure(lone_mine[0], lone_theirs[0]):
            pairs.append((lone_mine[0], lone_theirs[0]))
    return pairs


def _version(story: Story, quantity: Quantity, rows: list[int]) -> DiscrepancyVersion:
    return DiscrepancyVersion(quantity, show(quantity), Citation.of(story.sentences[r] for r in rows))


def _plain_first(story: Story, rows: list[int], derived: frozenset[str]) -> Sentence:
    """The first of the sentences that is no reworded copy's (`derived`; a spun copy's wording
    is never shown when an original's says the same)."""
    return next(
        (story.sentences[r] for r in rows if story.sentences[r].article_id not in derived),
        story.sentences[rows[0]],
    )


def _about(unit: str, sentence: Sentence, shown: int = 22) -> str:
    """What the values measure: the unit and the sentence's words around its figure ("percent
    (…represents a 41% premium to Kestrel & Lyle's closing price…)", "guest (…after 64 guests
    at a wedding reception there fell ill overnight…)")."""
    text = sentence.text
    words = text.split()
    figure = next((q.text for q in quantities(text) if q.unit == unit), "")
    at = len(text[: text.find(figure)].split()) if figure and figure in text else 0
    start = max(0, min(at - shown // 2, len(words) - shown))
    before, after = ("…" if start else ""), ("…" if start + shown < len(words) else "")
    return f"{unit} ({before}{' '.join(words[start : start + shown])}{after})"
