"""Sentence ranking: rankers score, one shared `select` cuts to a budget.

A ranker is a class registered with `@ranker("name")` whose `score(story, vectors)` returns a
score per sentence (higher is better). `vectors[i]` is the embedding of `story.sentences[i]`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import Protocol

import numpy as np

from summarizer.config import RankConfig
from summarizer.errors import ConfigError
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
    remaining = sorted(scores, key=lambda s: (-scores[s], order[s.key]))
    if not remaining:
        return []
    top = max(scores.values()) or 1.0
    candidates = (  # the rows of `remaining`, when redundancy counts
        vectors[[order[s.key] for s in remaining]] if vectors is not None and mmr_lambda < 1.0 else None
    )
    relevance = np.array([mmr_lambda * scores[s] / top for s in remaining])
    redundancy = np.full(len(remaining), -np.inf)  # each candidate's closest chosen sentence
    costs = np.array([word_count(s.text) for s in remaining])
    open_ = np.ones(len(remaining), dtype=bool)
    chosen: list[Sentence] = []
    used = 0
    while open_.any():
        if candidates is not None and chosen:
            value = np.where(open_, relevance - (1.0 - mmr_lambda) * redundancy, -np.inf)
            best = int(np.argmax(value))
        else:
            best = int(np.argmax(open_))
        open_[best] = False
        chosen.append(remaining[best])
        used += int(costs[best])
        open_ &= costs <= budget_words - used  # what no longer fits never will
        if candidates is not None:
            redundancy = np.maximum(redundancy, candidates @ candidates[best])
    return sorted(chosen, key=lambda s: order[s.key])


def blend(first: Scores, second: Scores, weight: float) -> Scores:
    """Two rankings of the same sentences mixed by rank, `weight` on `second`: each score is
    replaced by its place in its own ranking as a share in (0, 1] (the best 1, tied scores
    their mean place), so rankers whose scores run on scales of their own combine. A sentence
    `second` does not score has no share of it (0)."""
    a, b = _rank_shares(first), _rank_shares(second)
    return {s: (1.0 - weight) * a[s] + weight * b.get(s, 0.0) for s in first}


def _rank_shares(scores: Scores) -> dict[Sentence, float]:
    values = sorted(scores.values())
    n = len(values)
    # places lo+1 .. hi hold the value: their mean, as a share of n
    place = {v: (bisect_left(values, v) + 1 + bisect_right(values, v)) / (2 * n) for v in values}
    return {s: place[v] for s, v in scores.items()}


BUILTIN_RANKERS = ("summarizer.rank.centrality", "summarizer.rank.salience", "summarizer.rank.baselines")


def load_rankers() -> None:
    """Import the rankers installed packages declare (entry points `summarizer.rankers`, the
    built-ins among them) so that they register themselves."""
    load_group("summarizer.rankers", BUILTIN_RANKERS)


def make_ranker(config: RankConfig) -> Ranker:
    """The ranker `config.ranker` names, built from `config`."""
    load_rankers()
    if config.ranker not in RANKERS:
        known = ", ".join(sorted(RANKERS))
        raise ConfigError(f"rank.ranker: unknown ranker {config.ranker!r} (known: {known})")
    return RANKERS[config.ranker](config)
