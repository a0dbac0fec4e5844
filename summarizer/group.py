"""Group articles by story: average-linkage clustering of article embeddings under a distance
threshold, so the number of stories need not be known. Every article lands in exactly one story.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from summarizer.config import GroupConfig
from summarizer.embeddings import Embedder
from summarizer.models import Article, Sentence, Story


def article_vectors(
    articles: Sequence[Article], sentences: dict[str, list[Sentence]], embedder: Embedder, lead: int
) -> np.ndarray:
    """One normalised vector per article: the mean of its title's and first sentences' embeddings."""
    rows = []
    for article in articles:
        texts = [s.text for s in sentences[article.id][:lead]]
        if article.title:
            texts.append(article.title)
        vectors = embedder.encode(texts or [article.text[:500]])
        mean = vectors.mean(axis=0)
        rows.append(mean / (np.linalg.norm(mean) or 1.0))
    return np.vstack(rows) if rows else np.zeros((0, 384), dtype=np.float32)


def cluster(vectors: np.ndarray, threshold: float) -> list[int]:
    """A cluster label per row: average linkage over cosine distance, cut at `threshold`."""
    n = len(vectors)
    if n < 2:
        return [0] * n
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import pdist

    distances = np.clip(pdist(vectors, metric="cosine"), 0.0, 2.0)
    tree = linkage(distances, method="average")
    return [int(x) - 1 for x in fcluster(tree, t=threshold, criterion="distance")]


def group_stories(
    articles: Sequence[Article],
    sentences: dict[str, list[Sentence]],
    embedder: Embedder,
    config: GroupConfig,
) -> list[Story]:
    """Stories, largest first; articles keep their input order inside a story."""
    labels = cluster(article_vectors(articles, sentences, embedder, config.lead_sentences), config.distance_threshold)
    members: dict[int, list[Article]] = {}
    for article, label in zip(articles, labels, strict=True):
        members.setdefault(label, []).append(article)
    groups = sorted(members.values(), key=lambda group: (-len(group), articles.index(group[0])))
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
