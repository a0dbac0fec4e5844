"""Source quality and copies: which articles of a story give the cleanest wording.

Per article, a quality score in [0, 1] from signals a reader would notice:
- boilerplate: the share of the raw text the cleaner removed (menus, captions, forms);
- English: the share of its lower-case words that are common English words (a report left in
  another language, or badly machine-translated, scores low);
- slips: article agreement errors ("an prolonged", "a assembly") per thousand words, a trace of
  synonym spinning and machine translation;
- length: very short texts say little;
- copy: the article is a reworded copy of another in the story (spun or translated; see below).

Copies: two articles whose sentences say the same, one for one and in order, in mostly the
same word sequence, are one text. Nearly the same words: "syndicated" (a wire story printed by
several outlets). Different words: "reworded"; the derived one is the copy whose own
wording the story's independent reports (no copy of either) do not share (a rewording's new
word pairs are its own, while an original's are the ones independent reports use too: "went on
strike" against "entered in strike"), or, with no such report or no clear difference, the one
with rarer wording (more slips, fewer common words); its score drops. When neither is clearly
the original, the two are "parallel" rewrites and neither loses. Every outlet still counts as
support: ranking only prefers the cleaner copy's wording (`weigh`), and the briefing credits
each copy to its outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from difflib import SequenceMatcher
from itertools import pairwise

import numpy as np

from summarizer.models import Article, Sentence, SourceQuality, Story
from summarizer.words import lexicon

SAME_SENTENCE = 0.7  # embedding cosine of two sentences that say the same
COPY_SHARE = 0.8  # of the shorter article's sentences, matched in order
SAME_SHAPE = 0.6  # mean shared word sequence of matched sentences in a copy
SAME_TEXT = 0.9  # ... in a syndicated copy
SHORT_WORDS = 120
_MID_WORD = re.compile(r"(?<=[a-z,;] )[a-z]+(?:'[a-z]+)?\b")
_SLIP = re.compile(
    r"\b(?:[Aa]n (?!hour|honest|honou?r|heir)[bcdfgjklmnpqrstvwxz][a-z]+"
    r"|[Aa] (?!one|uni|use|usu|eu)[aeiou][a-z]+)\b"
)
CLEAR = 0.01  # least difference in plainness that tells a reworded copy from its original
ECHO_CLEAR = 0.05  # least difference in wording shared with other outlets that tells the same
_WORD = re.compile(r"\w+(?:['’]\w+)?")


def signals(article: Article, raw_length: int) -> SourceQuality:
    """The article's quality before copies are known (`raw_length`: characters before cleaning)."""
    text = article.text
    words = len(text.split())
    boilerplate = max(0.0, 1.0 - len(text) / raw_length) if raw_length else 0.0
    mid = _MID_WORD.findall(text)
    common = lexicon()
    english = sum(w in common for w in mid) / len(mid) if mid else 0.0
    slips = 1000 * len(_SLIP.findall(text)) / max(words, 1)
    return _scored(
        SourceQuality(article.id, 0.0, round(boilerplate, 3), round(english, 3), round(slips, 2), words)
    )


def _scored(q: SourceQuality) -> SourceQuality:
    penalty = (
        0.3 * q.boilerplate
        + min(0.4, max(0.0, 0.9 - q.english) * 4)
        + min(0.2, 0.1 * q.slips_per_1000)
        + 0.2 * max(0.0, 1 - q.words / SHORT_WORDS)
        + (0.3 if q.copy_kind == "reworded" else 0.0)
    )
    return SourceQuality(
        q.article_id,
        round(max(0.05, 1.0 - penalty), 3),
        q.boilerplate,
        q.english,
        q.slips_per_1000,
        q.words,
        q.copy_of,
        q.copy_kind,
    )


def find_copies(story: Story, vectors: np.ndarray) -> tuple[SourceQuality, ...]:
    """The story's articles' quality (`story.quality`) with copies marked, in article order:
    each copy points at its original (for a syndicated text, the earliest article; for a
    reworded one, the one whose own wording the story's independent reports share, else the one
    with plainer wording)."""
    rows: dict[str, list[int]] = {}
    for i, sentence in enumerate(story.sentences):
        rows.setdefault(sentence.article_id, []).append(i)
    out = {q.article_id: q for q in story.quality}
    ids = [a.id for a in story.articles if rows.get(a.id) and a.id in out]
    for n, first in enumerate(ids):
        for second in ids[n + 1 :]:
            if out[second].copy_of:
                continue
            kind = _copy_kind(story, vectors, rows[first], rows[second])
            if not kind:
                continue
            original, copy = first, second
            if kind == "reworded":
                others = [  # independent reports only: a reprint of either would echo it
                    a
                    for a in ids
                    if a not in (first, second)
                    and not _copy_kind(story, vectors, rows[a], rows[first])
                    and not _copy_kind(story, vectors, rows[a], rows[second])
                ]
                echo = _echo(story, rows, second, first, others) - _echo(story, rows, first, second, others)
                gap = _plainness(out[second]) - _plainness(out[first])
                if abs(echo) >= ECHO_CLEAR:
                    gap = echo
                elif abs(gap) < CLEAR:
                    gap = 0.0
                if gap > 0:
                    original, copy = second, first
                kind = "reworded" if gap else "parallel"
            if out[copy].copy_of:
                continue
            root = out[original].copy_of or original
            q = out[copy]
            out[copy] = _scored(
                SourceQuality(
                    q.article_id, 0.0, q.boilerplate, q.english, q.slips_per_1000, q.words, root, kind
                )
            )
    return tuple(out[a.id] for a in story.articles if a.id in out)


def _word_pairs(story: Story, rows: list[int]) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for row in rows:
        words = _WORD.findall(story.sentences[row].text.lower().replace("’", "'"))
        pairs.update(pairwise(words))
    return pairs


def _echo(story: Story, rows: Mapping[str, list[int]], article: str, copy: str, others: list[str]) -> float:
    """The share of `article`'s word pairs that its copy lacks and that the story's other
    articles print: high for an original, whose wording independent reports share."""
    own = _word_pairs(story, rows[article]) - _word_pairs(story, rows[copy])
    if not own or not others:
        return 0.0
    elsewhere = set().union(*(_word_pairs(story, rows[a]) for a in others))
    return len(own & elsewhere) / len(own)


def _plainness(q: SourceQuality) -> float:
    return q.english - 0.01 * q.slips_per_1000


def _copy_kind(story: Story, vectors: np.ndarray, a: list[int], b: list[int]) -> str:
    """ "syndicated", "reworded" or "" for two articles given their sentence rows: a copy has
    (nearly) every sentence of the shorter article matched, in order, by a sentence of the
    other that says the same (`SAME_SENTENCE`) in mostly the same word sequence (`SAME_SHAPE`)."""
    short, other = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < 2:  # a shortened reprint is a copy too: the longer text may run on
        return ""
    similarity = vectors[short] @ vectors[other].T
    partners = similarity.argmax(axis=1)
    matched = similarity.max(axis=1) >= SAME_SENTENCE
    in_order = all(x < y for x, y in zip(partners[matched], partners[matched][1:], strict=False))
    if matched.mean() < COPY_SHARE or not in_order:
        return ""
    shapes = [
        _shape(story.sentences[short[i]].text, story.sentences[other[partners[i]]].text)
        for i in np.flatnonzero(matched)
    ]
    if float(np.mean(shapes)) < SAME_SHAPE:
        return ""
    return "syndicated" if float(np.mean(shapes)) >= SAME_TEXT else "reworded"


def _shape(x: str, y: str) -> float:
    """How much of the word sequence two sentences share (1.0: the same words in order)."""
    tokens = re.compile(r"\w+|[^\w\s]")
    return SequenceMatcher(None, tokens.findall(x.lower()), tokens.findall(y.lower()), autojunk=False).ratio()


def reworded_copies(qualities: Iterable[SourceQuality]) -> frozenset[str]:
    """The articles found to be reworded copies of another (spun or translated): their words
    are never shown where the original has the same."""
    return frozenset(q.article_id for q in qualities if q.copy_kind == "reworded")


def weigh(scores: Mapping[Sentence, float], qualities: Iterable[SourceQuality]) -> dict[Sentence, float]:
    """Sentence scores scaled by their article's quality (half the score rides on it), so that
    of two outlets saying the same, the cleaner wording is chosen."""
    quality = {q.article_id: q for q in qualities}
    return {
        s: v * (0.5 + 0.5 * (quality[s.article_id].score if s.article_id in quality else 1.0))
        for s, v in scores.items()
    }
