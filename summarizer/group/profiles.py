"""What grouping knows of each article, and which pairs of articles are worth comparing.

A profile holds an article's sentence embeddings (its opening sentences and title), the names it
gives by kind (people, organisations, places, groups, events: spaCy's entity recogniser on the
same opening), and the numbers, months, weekdays and years it prints there. Candidate pairs are each
article's nearest articles by a cheap similarity (mean embedding and TF-IDF cosine), computed in
row blocks, so a large day costs memory in proportion to its articles, not their square.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from summarizer.embeddings import Embedder
from summarizer.models import Article, Sentence
from summarizer.text import content_words

ENTITY_KINDS = ("person", "organisation", "place", "group", "event")
_KIND_OF_LABEL = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
    "EVENT": "event",
    "LAW": "event",
    "WORK_OF_ART": "event",
    "PRODUCT": "event",
}
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_MONTH = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december)\b"
)
_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")
_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
_BLOCK_CELLS = 1 << 24  # similarities held at once while finding neighbours (128 MB of float64)


@dataclass(frozen=True, slots=True)
class Profile:
    """One article as grouping sees it."""

    vectors: np.ndarray  # normalised rows: the opening sentences, then the title
    mean: np.ndarray  # their normalised mean
    title: np.ndarray  # the title's vector (the first sentence's when there is no title)
    first: np.ndarray  # the first sentence's vector (the title's when there is none)
    entities: Mapping[str, frozenset[str]]  # kind -> lowercased names (a person's surname too)
    numbers: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    years: frozenset[str]
    title_words: frozenset[str]  # the title's content words (the first sentence's without a title)


def opening(article: Article, sentences: Sequence[Sentence], lead: int) -> list[str]:
    """The texts that stand for an article: its first `lead` sentences, then its title. Every
    feature reads only these, so a long report and a short one are compared on equal terms."""
    texts = [s.text for s in sentences[:lead]]
    if article.title:
        texts.append(article.title)
    return texts or [article.text[:500]]


def opening_text(article: Article, sentences: Sequence[Sentence], lead: int) -> str:
    """The opening as one text: the title, then the first `lead` sentences."""
    return joined_opening(opening(article, sentences, lead), bool(article.title))


def joined_opening(texts: Sequence[str], titled: bool) -> str:
    """`opening`'s texts (sentences, then the title when `titled`) as one text, title first."""
    return "\n".join([texts[-1], *texts[:-1]] if titled else texts)


def _entities(doc: object) -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for entity in doc.ents:  # type: ignore[attr-defined]
        kind = _KIND_OF_LABEL.get(entity.label_)
        if kind is None:
            continue
        name = " ".join(entity.text.lower().split()).removeprefix("the ")
        names = found.setdefault(kind, set())
        names.add(name)
        if kind == "person" and " " in name:
            names.add(name.rsplit(" ", 1)[1])
    return {kind: frozenset(names) for kind, names in found.items()}


def profile_articles(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]], embedder: Embedder, lead: int
) -> list[Profile]:
    from summarizer.quotes import load_nlp

    texts = [opening(a, sentences[a.id], lead) for a in articles]
    vectors = embedder.encode([t for group in texts for t in group])
    nlp = load_nlp()
    heads = [opening_text(a, sentences[a.id], lead) for a in articles]
    docs = nlp.pipe(heads, disable=["tagger", "parser", "attribute_ruler", "lemmatizer"], batch_size=64)
    profiles = []
    start = 0
    for article, group, head, doc in zip(articles, texts, heads, docs, strict=True):
        rows = vectors[start : start + len(group)]
        start += len(group)
        first = rows[0]  # the title's vector too when the article has no sentence
        title = rows[-1] if article.title else first
        mean = rows.mean(axis=0)
        lowered = head.lower()
        profiles.append(
            Profile(
                vectors=rows,
                mean=mean / max(float(np.linalg.norm(mean)), 1e-9),
                title=title,
                first=first,
                entities=_entities(doc),
                numbers=frozenset(_NUMBER.findall(head)),
                months=frozenset(_MONTH.findall(lowered)),
                weekdays=frozenset(_WEEKDAY.findall(lowered)),
                years=frozenset(_YEAR.findall(head)),
                title_words=frozenset(content_words(article.title or group[0])),
            )
        )
    return profiles


def word_vectors(openings: Sequence[str]) -> sparse.csr_matrix:
    """TF-IDF rows (sublinear counts, English stop words out, L2-normalised) of the day's
    article openings."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(sublinear_tf=True, stop_words="english")
    try:
        return sparse.csr_matrix(vectorizer.fit_transform(openings))
    except ValueError:  # no word left in any opening (numbers or stop words only)
        return sparse.csr_matrix((len(openings), 1))


@dataclass(frozen=True, slots=True)
class Neighbours:
    """Each article's nearest others by the cheap similarity, best first."""

    index: np.ndarray  # (n, k) article indices
    similarity: np.ndarray  # (n, k)

    def pairs(self) -> np.ndarray:
        """(m, 2) candidate pairs i < j: j among i's neighbours or i among j's."""
        n, k = self.index.shape
        rows = np.repeat(np.arange(n), k)
        cols = self.index.ravel()
        keep = rows != cols
        pairs = np.stack([np.minimum(rows, cols)[keep], np.maximum(rows, cols)[keep]], axis=1)
        return np.unique(pairs, axis=0) if len(pairs) else np.zeros((0, 2), dtype=np.int64)


def neighbours(profiles: Sequence[Profile], words: sparse.csr_matrix, k: int) -> Neighbours:
    """The `k` nearest others of every article by the mean of embedding and TF-IDF cosine."""
    n = len(profiles)
    k = max(min(k, n - 1), 0)
    means = np.stack([p.mean for p in profiles]) if profiles else np.zeros((0, 1))
    index = np.zeros((n, k), dtype=np.int64)
    similarity = np.zeros((n, k), dtype=np.float32)
    rows = max(1, _BLOCK_CELLS // max(n, 1))
    for lo in range(0, n, rows):
        hi = min(lo + rows, n)
        block = 0.5 * (means[lo:hi] @ means.T) + 0.5 * (words[lo:hi] @ words.T).toarray()
        block[np.arange(hi - lo), np.arange(lo, hi)] = -np.inf
        if k:
            top = np.argpartition(-block, k - 1, axis=1)[:, :k]
            top_sim = np.take_along_axis(block, top, axis=1)
            order = np.argsort(-top_sim, axis=1, kind="stable")
            index[lo:hi] = np.take_along_axis(top, order, axis=1)
            similarity[lo:hi] = np.take_along_axis(top_sim, order, axis=1)
    return Neighbours(index, similarity)
