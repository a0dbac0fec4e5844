"""Split article text into sentences with nltk's Punkt, using parameters shipped in the package.

Paragraph breaks (newlines) always end a sentence; Punkt splits within paragraphs.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from summarizer.models import Article, Sentence
from summarizer.resources import package_file

PARAMS_FILE = package_file("data/punkt_english.json")


def params_to_dict(params: PunktParameters) -> dict[str, Any]:
    return {
        "abbrev_types": sorted(params.abbrev_types),
        "collocations": sorted([a, b] for a, b in params.collocations),
        "sent_starters": sorted(params.sent_starters),
        "ortho_context": dict(sorted(params.ortho_context.items())),
    }


@lru_cache(maxsize=1)
def _tokenizer() -> PunktSentenceTokenizer:
    data = json.loads(PARAMS_FILE.read_text(encoding="utf-8"))
    params = PunktParameters()
    params.abbrev_types = set(data["abbrev_types"])
    params.collocations = {(a, b) for a, b in data["collocations"]}
    params.sent_starters = set(data["sent_starters"])
    for token, flags in data["ortho_context"].items():
        params.ortho_context[token] = flags
    return PunktSentenceTokenizer(params)


def _paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, paragraph) for each line of `text`."""
    out = []
    offset = 0
    for paragraph in text.split("\n"):
        out.append((offset, paragraph))
        offset += len(paragraph) + 1
    return out


def _split_paragraph(paragraph: str) -> list[str]:
    folded = re.sub(r"\s+", " ", paragraph).strip()
    return [s.strip() for s in _tokenizer().tokenize(folded) if s.strip()] if folded else []


def split_text(text: str) -> list[str]:
    """The sentences of `text`, in order, whitespace-normalised."""
    return [sentence for _, paragraph in _paragraphs(text) for sentence in _split_paragraph(paragraph)]


def split_article(article: Article) -> list[Sentence]:
    """The article's sentences, each with its span in the article's text."""
    out: list[Sentence] = []
    for offset, paragraph in _paragraphs(article.text):
        cursor = 0
        for text in _split_paragraph(paragraph):
            found = re.compile(r"\s+".join(map(re.escape, text.split(" ")))).search(paragraph, cursor)
            start, end = (found.start(), found.end()) if found else (cursor, cursor)
            cursor = end
            out.append(Sentence(article.id, len(out), text, offset + start, offset + end))
    return out


def by_article(sentences: Iterable[Sentence]) -> dict[str, list[Sentence]]:
    """A story's sentences grouped per article id, each article's in order."""
    grouped: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        grouped.setdefault(sentence.article_id, []).append(sentence)
    return grouped


def sentence_at(sentences: Sequence[Sentence], offset: int) -> Sentence | None:
    """The sentence of `sentences` (one article's, in order) whose span holds the character at
    `offset`, or the last one starting before it."""
    starts = [s.start for s in sentences]
    at = bisect_right(starts, offset) - 1
    return sentences[at] if at >= 0 else None


def sentences_between(sentences: Sequence[Sentence], start: int, end: int) -> list[Sentence]:
    """The sentences of one article that overlap the characters from `start` to `end`."""
    return [s for s in sentences if s.start < end and s.end > start]
