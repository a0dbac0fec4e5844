"""Group articles by story, without knowing how many stories there are.

Two articles are similar when their sentences align (each sentence's best match in the other
article, by embedding, averaged both ways) and when they share distinctive words (TF-IDF cosine,
which weighs the names, places and numbers a story is made of). Mutual nearest neighbours (each
among the other's closest articles) get a bonus: two reports of one event pick each other out
even when their wording differs, where two stories on one topic rarely do. Complete-linkage
clustering cuts
the tree at a distance threshold: every article of a story must be close to every other, so a
chain of loosely related articles does not become one story. Every article lands in one story.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from summarizer.config import GroupConfig
from summarizer.embeddings import Embedder
from summarizer.models import Article, Sentence, Story

ROW_CHUNK = 2048


def _article_texts(article: Article, sentences: list[Sentence], lead: int) -> list[str]:
    texts = [s.text for s in sentences[:lead]]
    if article.title:
        texts.append(article.title)
    return texts or [article.text[:500]]


def alignment_similarity(
    articles: Sequence[Article], sentences: dict[str, list[Sentence]], embedder: Embedder, lead: int
) -> np.ndarray:
    """(n, n): for each pair, the mean over each article's sentences of their best match in the
    other, averaged over both directions."""
    per_article = [_article_texts(a, sentences[a.id], lead) for a in articles]
    counts = np.array([len(t) for t in per_article])
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    vectors = embedder.encode([t for texts in per_article for t in texts])
    n = len(articles)
    directed = np.empty((n, n))  # article i's sentences vs article j
    first = 0
    while first < n:  # blocks of whole articles, about ROW_CHUNK sentences each
        last = first + 1
        while last < n and starts[last] - starts[first] + counts[last] <= ROW_CHUNK:
            last += 1
        lo, hi = starts[first], starts[last - 1] + counts[last - 1]
        best = np.maximum.reduceat(vectors[lo:hi] @ vectors.T, starts, axis=1)  # each sentence's best
        directed[first:last] = np.add.reduceat(best, starts[first:last] - lo, axis=0)
        directed[first:last] /= counts[first:last, None]
        first = last
    return np.asarray((directed + directed.T) / 2)


def word_similarity(articles: Sequence[Article]) -> np.ndarray:
    """(n, n) TF-IDF cosine over the day's articles (sublinear counts, English stop words out)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    documents = [f"{a.title}\n{a.text}" for a in articles]
    matrix = TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(documents)
    return np.asarray((matrix @ matrix.T).toarray(), dtype=np.float32)


def mutual_neighbours(similarity: np.ndarray, k: int, strong: float, duplicate: float = 0.9) -> np.ndarray:
    """(n, n) 0/1: i and j are each among the other's k closest, or at least `strong` alike
    (so that a story told by many outlets is not limited to k neighbours). Copies of one text
    (at least `duplicate` alike) take one place among the k, so that a wire story printed five
    times does not push every other report of the story out of an article's neighbours."""
    n = len(similarity)
    others = similarity.copy()
    np.fill_diagonal(others, -np.inf)
    near = others >= strong
    for i, row in enumerate(np.argsort(-others, axis=1)[:, : n - 1]):
        taken: list[int] = []
        for j in row:
            if len(taken) >= k:
                break
            near[i, j] = True
            if not taken or float(np.max(similarity[j, taken])) < duplicate:
                taken.append(int(j))
    return (near & near.T).astype(np.float32)


def article_similarity(
    articles: Sequence[Article], sentences: dict[str, list[Sentence]], embedder: Embedder, config: GroupConfig
) -> np.ndarray:
    aligned = alignment_similarity(articles, sentences, embedder, config.lead_sentences)
    weight = config.embedding_weight
    base = weight * aligned + (1.0 - weight) * word_similarity(articles)
    bonus = mutual_neighbours(base, config.neighbours, config.strong_similarity)
    return (1.0 - config.neighbour_weight) * base + config.neighbour_weight * bonus


def cluster(similarity: np.ndarray, threshold: float) -> list[int]:
    """A cluster label per article: complete linkage over 1 - similarity, cut at `threshold`."""
    n = len(similarity)
    if n < 2:
        return [0] * n
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    distances = np.clip(1.0 - similarity, 0.0, 2.0)
    distances = (distances + distances.T) / 2
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="complete")
    return [int(x) - 1 for x in fcluster(tree, t=threshold, criterion="distance")]


def group_stories(
    articles: Sequence[Article],
    sentences: dict[str, list[Sentence]],
    embedder: Embedder,
    config: GroupConfig,
) -> list[Story]:
    """Stories, largest first; articles keep their input order inside a story."""
    if not articles:
        return []
    labels = cluster(article_similarity(articles, sentences, embedder, config), config.distance_threshold)
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
