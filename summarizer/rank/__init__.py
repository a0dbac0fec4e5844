"""Sentence ranking: rankers score, one shared `select` cuts to a budget.

A ranker is a class registered with `@ranker("name")` whose `score(story, vectors)` returns a
score per sentence (higher is better). `vectors[i]` is the embedding of `story.sentences[i]`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

import numpy as np

from summarizer.config import RankConfig
from summarizer.models import Sentence, Story
from summarizer.plugins import load_group

Scores = dict[Sentence, float]


class Ranker(Protocol):
    def __init__(self, config: RankConfig) -> None: ...

    def score(self, story: Story, vectors: np.ndarray) -> Scores: ...


RANKERS: dict[str, type[Ranker]] = {}


def ranker(name: str) -> Callable[[type[Ranker]], type[Ranker]]:
    def register(cls: type[Ranker]) -> type[Ranker]:
        RANKERS[name] = cls
        return cls

    return register


def word_count(text: str) -> int:
    return len(text.split())


def select(
    scores: Scores,
    budget_words: int,
    story: Story,
    vectors: np.ndarray | None = None,
    mmr_lambda: float = 1.0,
) -> list[Sentence]:
    """The best sentences within `budget_words`, in source order (article order, then position).

    With `vectors` and `mmr_lambda < 1`, maximal marginal relevance trades score against
    similarity to what is already chosen, so the selection does not repeat itself.
    """
    order = {s.key: i for i, s in enumerate(story.sentences)}
    candidates = sorted(scores, key=lambda s: (-scores[s], order[s.key]))
    if not candidates:
        return []
    top = max(scores.values()) or 1.0
    chosen: list[Sentence] = []
    used = 0
    remaining = list(candidates)
    while remaining:
        if vectors is not None and chosen and mmr_lambda < 1.0:
            chosen_rows = vectors[[order[c.key] for c in chosen]]

            def mmr(s: Sentence, rows: np.ndarray = chosen_rows) -> float:
                redundancy = float(np.max(rows @ vectors[order[s.key]]))
                return mmr_lambda * scores[s] / top - (1.0 - mmr_lambda) * redundancy

            best = max(remaining, key=mmr)
        else:
            best = remaining[0]
        remaining.remove(best)
        cost = word_count(best.text)
        if used + cost > budget_words and chosen:
            continue
        chosen.append(best)
        used += cost
    return sorted(chosen, key=lambda s: order[s.key])


BUILTIN_RANKERS = ("summarizer.rank.centrality", "summarizer.rank.baselines")


def load_rankers() -> None:
    """Import the rankers installed packages declare (entry points `summarizer.rankers`, the
    built-ins among them) so that they register themselves."""
    load_group("summarizer.rankers", BUILTIN_RANKERS)
