"""Split article text into sentences with nltk's Punkt, using parameters shipped in the package.

Paragraph breaks (newlines) always end a sentence; Punkt splits within paragraphs.
"""

from __future__ import annotations

import json
import re
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


def split_text(text: str) -> list[str]:
    """The sentences of `text`, in order, whitespace-normalised."""
    out: list[str] = []
    for paragraph in text.split("\n"):
        paragraph = re.sub(r"\s+", " ", paragraph).strip()
        if paragraph:
            out.extend(s.strip() for s in _tokenizer().tokenize(paragraph) if s.strip())
    return out


def split_article(article: Article) -> list[Sentence]:
    return [Sentence(article.id, i, text) for i, text in enumerate(split_text(article.text))]
