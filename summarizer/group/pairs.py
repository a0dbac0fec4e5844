"""The same-story pair model: the probability that two articles report one story.

Two stages of gradient-boosted trees (LightGBM), trained on NeuS train by
`scripts/train_grouping.py`; the model files and what they were trained on are in
`summarizer/data/grouping/`. The first stage reads a pair's own evidence: how well their
sentences align (all of them, and the best two), TF-IDF and embedding cosines of the whole, the
titles and the first sentences (and each title against the other's first), the titles' words,
the names of each kind both give (weighted by how rare they are in the day), shared numbers,
months, weekdays and years, how close each is to the other against its own nearest article (its
copies left out), and how many articles the day has (a crowded day holds more stories on one
topic). The second stage adds what the day's other pairs say: a third article close to both,
each article's likeliest other pair. Every feature is symmetric in the two articles. No feature
counts or ranks an article's neighbours: the training stories have three articles each, and a
model that learned "an article has two siblings" would cut every larger story apart.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from scipy import sparse

from summarizer.group.profiles import ENTITY_KINDS, Profile
from summarizer.resources import load_trees, package_file

MODEL_DIR = package_file("data/grouping")

PAIR_FEATURES = (
    "aligned_mean",
    "aligned_min",
    "aligned_max",
    "best_sentence",
    "best_two_sentences",
    "words",
    "mean_vector",
    "title_vector",
    "first_vector",
    "title_first",
    "title_words",
    "cheap",
    "ratio_min",
    "ratio_max",
    "gap_min",
    "gap_max",
    *(f"entities_{kind}" for kind in ENTITY_KINDS),
    "entities_shared",
    "numbers_weight",
    "numbers_shared",
    "months",
    "weekdays",
    "years",
    "numbers",
    "day_articles",
)
GRAPH_FEATURES = (
    "probability",
    "third_best",
    "third_sum",
    "other_best_min",
    "other_best_max",
)


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard overlap of two sets; -1 when either is empty (nothing to compare)."""
    if not a or not b:
        return -1.0
    return len(a & b) / len(a | b)


def _rarity(counts: Counter[Any], n: int) -> dict[Any, float]:
    """Smoothed inverse document frequency: a name every article gives still counts a little."""
    return {key: math.log((n + 1) / (count + 1)) + 1.0 for key, count in counts.items()}


COPY_ALIGNED = 0.8  # a pair whose sentences align this well on average is a copy


def _nearest_report(pairs: np.ndarray, cheap: np.ndarray, aligned: np.ndarray, n: int) -> np.ndarray:
    """Each article's closest other by the cheap similarity, its copies left out (a translation,
    a reworded copy): a copy is no other report, and against it every real report looks far."""
    best = np.zeros(n)
    for (i, j), similarity, copy in zip(
        pairs.tolist(), cheap.tolist(), (aligned >= COPY_ALIGNED).tolist(), strict=True
    ):
        if not copy:
            best[i] = max(best[i], similarity)
            best[j] = max(best[j], similarity)
    return best


def pair_features(profiles: Sequence[Profile], words: sparse.csr_matrix, pairs: np.ndarray) -> np.ndarray:
    """(m, len(PAIR_FEATURES)) first-stage features of the candidate `pairs` (among them each
    article's nearest others, as `Neighbours.pairs` gives)."""
    n = len(profiles)
    alignments = [profiles[i].vectors @ profiles[j].vectors.T for i, j in pairs.tolist()]
    directions = np.array(
        [(a.max(axis=1).mean(), a.max(axis=0).mean()) for a in alignments], dtype=np.float64
    ).reshape(-1, 2)
    means = np.array([float(profiles[i].mean @ profiles[j].mean) for i, j in pairs.tolist()])
    word_sims = np.array([float(words[i].multiply(words[j]).sum()) for i, j in pairs.tolist()])
    cheap_all = 0.5 * means + 0.5 * word_sims
    best = _nearest_report(pairs, cheap_all, directions.mean(axis=1), n)
    entity_rarity = _rarity(
        Counter((kind, name) for p in profiles for kind, names in p.entities.items() for name in names), n
    )
    number_rarity = _rarity(Counter(x for p in profiles for x in p.numbers), n)
    rows = np.zeros((len(pairs), len(PAIR_FEATURES)), dtype=np.float32)
    for row, (i, j) in enumerate(pairs.tolist()):
        a, b = profiles[i], profiles[j]
        aligned = alignments[row]
        forward, backward = (float(x) for x in directions[row])
        best_two = (np.sort(aligned.max(axis=1))[-2:].mean() + np.sort(aligned.max(axis=0))[-2:].mean()) / 2
        word, mean, cheap = float(word_sims[row]), float(means[row]), float(cheap_all[row])
        ratios = (cheap / max(float(best[i]), 1e-6), cheap / max(float(best[j]), 1e-6))
        gaps = (float(best[i]) - cheap, float(best[j]) - cheap)
        entity_values = []
        shared_total = 0.0
        for kind in ENTITY_KINDS:
            ea, eb = a.entities.get(kind, frozenset()), b.entities.get(kind, frozenset())
            shared = sum(entity_rarity[(kind, e)] for e in ea & eb)
            total_a = sum(entity_rarity[(kind, e)] for e in ea)
            total_b = sum(entity_rarity[(kind, e)] for e in eb)
            entity_values.append(shared / math.sqrt(total_a * total_b) if total_a and total_b else -1.0)
            shared_total += shared
        numbers = a.numbers & b.numbers
        rows[row] = (
            (forward + backward) / 2,
            min(forward, backward),
            max(forward, backward),
            float(aligned.max()),
            float(best_two),
            word,
            mean,
            float(a.title @ b.title),
            float(a.first @ b.first),
            max(float(a.title @ b.first), float(a.first @ b.title)),
            _overlap(a.title_words, b.title_words),
            cheap,
            min(ratios),
            max(ratios),
            min(gaps),
            max(gaps),
            *entity_values,
            shared_total,
            sum(number_rarity[x] for x in numbers),
            len(numbers),
            _overlap(a.months, b.months),
            _overlap(a.weekdays, b.weekdays),
            _overlap(a.years, b.years),
            _overlap(a.numbers, b.numbers),
            math.log(n),
        )
    return rows


def graph_features(n: int, pairs: np.ndarray, probability: np.ndarray) -> np.ndarray:
    """(m, len(GRAPH_FEATURES)) second-stage features: each pair's first-stage probability and
    what the other pairs of its two articles say."""
    linked: list[dict[int, float]] = [{} for _ in range(n)]
    for (i, j), p in zip(pairs.tolist(), probability.tolist(), strict=True):
        linked[i][j] = p
        linked[j][i] = p
    rows = np.zeros((len(pairs), len(GRAPH_FEATURES)), dtype=np.float32)
    for row, ((i, j), p) in enumerate(zip(pairs.tolist(), probability.tolist(), strict=True)):
        thirds = (linked[i].keys() & linked[j].keys()) - {i, j}
        others_i = [v for key, v in linked[i].items() if key != j]
        others_j = [v for key, v in linked[j].items() if key != i]
        best = (max(others_i, default=0.0), max(others_j, default=0.0))
        rows[row] = (
            p,
            max((min(linked[i][t], linked[j][t]) for t in thirds), default=0.0),
            sum(linked[i][t] * linked[j][t] for t in thirds),
            min(best),
            max(best),
        )
    return rows


@dataclass(frozen=True)
class PairModel:
    """The two trained stages and what they were trained with (`model.json`)."""

    pair: Any  # lightgbm.Booster
    graph: Any  # lightgbm.Booster
    info: dict[str, Any]

    def probabilities(
        self, profiles: Sequence[Profile], words: sparse.csr_matrix, pairs: np.ndarray
    ) -> np.ndarray:
        """The same-story probability of each candidate pair."""
        if not len(pairs):
            return np.zeros(0)
        features = pair_features(profiles, words, pairs)
        first = np.asarray(self.pair.predict(features))
        second = np.hstack([features, graph_features(len(profiles), pairs, first)])
        return np.asarray(self.graph.predict(second))


@lru_cache(maxsize=1)
def load_pair_model() -> PairModel:
    """The packaged model, loaded once per process."""
    (pair, graph), info = load_trees(
        MODEL_DIR,
        ["pairs.txt", "graph.txt"],
        "same-story",
        {"pair_features": PAIR_FEATURES, "graph_features": GRAPH_FEATURES},
    )
    return PairModel(pair, graph, info)
