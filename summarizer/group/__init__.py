"""Group articles by story, without knowing how many stories there are.

1. Profile each article (`profiles.py`): its opening sentences' embeddings, the names of each
   kind it gives, the numbers and dates it prints.
2. Propose candidate pairs: each article's `neighbours` nearest others by a cheap similarity,
   in row blocks, so the day's cost grows with its articles, not their square.
3. Score each candidate pair with the same-story model (`pairs.py`, trained on NeuS train).
4. Cluster by average linkage over those probabilities (a pair never proposed counts as 0): two
   stories join while their articles' mean probability is at least `min_probability`, so a chain
   of loosely related articles does not become one story. Every article lands in one story.
"""

from __future__ import annotations

import hashlib
import heapq
import logging
from collections.abc import Mapping, Sequence

import numpy as np

from summarizer.config import GroupConfig
from summarizer.embeddings import Embedder
from summarizer.group.pairs import load_pair_model
from summarizer.group.profiles import neighbours, opening_text, profile_articles, word_vectors
from summarizer.models import Article, Sentence, Story

__all__ = ["cluster", "group_stories", "same_story_probabilities", "story_id"]

log = logging.getLogger(__name__)


def same_story_probabilities(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    embedder: Embedder,
    config: GroupConfig,
) -> tuple[np.ndarray, np.ndarray]:
    """The candidate pairs (m, 2), i < j, and the probability that each pair reports one story."""
    model = load_pair_model()
    if config.lead_sentences != model.info.get("lead_sentences"):
        log.warning(
            "group.lead_sentences is %d; the same-story model was trained with %s: grouping may be worse",
            config.lead_sentences,
            model.info.get("lead_sentences"),
        )
    profiles = profile_articles(articles, sentences, embedder, config.lead_sentences)
    words = word_vectors([opening_text(a, sentences[a.id], config.lead_sentences) for a in articles])
    near = neighbours(profiles, words, config.neighbours)
    pairs = near.pairs()
    return pairs, model.probabilities(profiles, words, pairs)


def cluster(n: int, pairs: np.ndarray, probability: np.ndarray, threshold: float) -> list[int]:
    """A cluster label per item: average linkage over the pairs' probabilities (pairs not given
    count as 0), merging while the best mean probability between two clusters is >= threshold."""
    label = list(range(n))
    size = [1] * n
    totals: list[dict[int, float]] = [{} for _ in range(n)]  # cluster -> cluster -> summed probability
    for (i, j), p in zip(pairs.tolist(), probability.tolist(), strict=True):
        totals[i][j] = totals[i].get(j, 0.0) + p
        totals[j][i] = totals[j].get(i, 0.0) + p
    scored = zip(pairs.tolist(), probability.tolist(), strict=True)
    heap = [(-p, i, j) for (i, j), p in scored if p >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if label[a] != a or label[b] != b or b not in totals[a]:
            continue
        if abs(totals[a][b] / (size[a] * size[b]) + negative) > 1e-12:
            continue  # an entry from before one of the two grew
        label[b] = a
        size[a] += size[b]
        del totals[a][b]
        for other, total in totals[b].items():
            if other == a:
                continue
            del totals[other][b]
            totals[a][other] = totals[other][a] = totals[a].get(other, 0.0) + total
        totals[b] = {}
        for other, total in totals[a].items():
            mean = total / (size[a] * size[other])
            if mean >= threshold:
                heapq.heappush(heap, (-mean, min(a, other), max(a, other)))
    for item in range(n):  # follow each merge to the cluster that survived
        root = item
        while label[root] != root:
            root = label[root]
        label[item] = root
    return label


def group_stories(
    articles: Sequence[Article],
    sentences: Mapping[str, Sequence[Sentence]],
    embedder: Embedder,
    config: GroupConfig,
) -> list[Story]:
    """Stories, largest first; articles keep their input order inside a story."""
    if not articles:
        return []
    pairs, probability = same_story_probabilities(articles, sentences, embedder, config)
    labels = cluster(len(articles), pairs, probability, config.min_probability)
    members: dict[int, list[Article]] = {}
    for article, label in zip(articles, labels, strict=True):
        members.setdefault(label, []).append(article)
    groups = sorted(members.values(), key=len, reverse=True)  # stable: input order breaks ties
    return [
        Story(
            id=story_id(group),
            articles=tuple(group),
            sentences=tuple(s for a in group for s in sentences[a.id]),
        )
        for group in groups
    ]


def story_id(articles: Sequence[Article]) -> str:
    """A stable id from the story's articles: the same articles give the same id in every run."""
    digest = hashlib.sha256("\n".join(sorted(a.fingerprint for a in articles)).encode()).hexdigest()
    return f"s-{digest[:10]}"
