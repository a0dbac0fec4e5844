"""Cross-source ranking: LexRank centrality over embeddings, boosted by how many other outlets
carry the same content, with a mild preference for an article's opening sentences."""

from __future__ import annotations

import numpy as np

from summarizer.config import RankConfig
from summarizer.models import Story
from summarizer.rank import Scores, ranker

MIN_WORDS = 5


@ranker("centrality")
class CrossSourceRanker:
    def __init__(self, config: RankConfig) -> None:
        self.config = config

    def score(self, story: Story, vectors: np.ndarray) -> Scores:
        sentences = story.sentences
        if not sentences:
            return {}
        similarity = np.clip(vectors @ vectors.T, 0.0, 1.0)
        centrality = lexrank(similarity)
        support = outlet_support(story, similarity, self.config.same_content_similarity)
        positions = np.array([1.0 / np.sqrt(1.0 + s.index) for s in sentences])
        c = self.config
        combined = (
            c.weight_centrality * centrality + c.weight_support * support + c.weight_position * positions
        )
        return {
            s: float(score)
            for s, score in zip(sentences, combined, strict=True)
            if len(s.text.split()) >= MIN_WORDS
        }


def lexrank(similarity: np.ndarray, damping: float = 0.85, iterations: int = 50) -> np.ndarray:
    """Continuous LexRank: stationary distribution of the similarity graph, scaled to max 1."""
    n = len(similarity)
    if n == 1:
        return np.ones(1)
    weights = similarity.copy()
    np.fill_diagonal(weights, 0.0)
    rows = weights.sum(axis=1, keepdims=True)
    transition = np.divide(weights, rows, out=np.full_like(weights, 1.0 / n), where=rows > 0)
    rank = np.full(n, 1.0 / n)
    for _ in range(iterations):
        updated = (1 - damping) / n + damping * transition.T @ rank
        if np.abs(updated - rank).sum() < 1e-8:
            rank = updated
            break
        rank = updated
    return np.asarray(rank / rank.max())


def outlet_support(story: Story, similarity: np.ndarray, threshold: float) -> np.ndarray:
    """Per sentence, the share of the story's other articles that carry a sentence like it."""
    others = len(story.articles) - 1
    if others == 0:
        return np.zeros(len(story.sentences))
    article_of = np.array([s.article_id for s in story.sentences])
    support = np.zeros(len(story.sentences))
    for i, sentence in enumerate(story.sentences):
        similar = (similarity[i] >= threshold) & (article_of != sentence.article_id)
        support[i] = len(set(article_of[similar])) / others
    return support
