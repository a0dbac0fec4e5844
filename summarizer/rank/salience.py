"""A learned salience ranking: gradient-boosted trees that predict how much a sentence shares
with an editor's summary of its story, from what the pipeline knows at run time.

Trained on NeuS train by `scripts/train_salience.py` (labels: the sentence's ROUGE-1/2 F1
against the editor's summary); the model and what it was trained with live in `data/salience/`.
`FEATURES` names the columns `features` computes, and loading refuses a model trained on others.
The articles it learned from are openings (about three sentences each), so position features
stop at the opening: a sentence deep in a long report is scored like the last one of an opening.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import numpy as np

from summarizer.config import RankConfig
from summarizer.models import Story
from summarizer.rank import Scores, ranker
from summarizer.rank.centrality import MIN_WORDS, lexrank, outlet_support
from summarizer.resources import TreeModel, load_trees, package_file
from summarizer.text import BACKGROUND

MODEL_DIR = package_file("data/salience")

FEATURES = (
    "index",  # the sentence's place in its article (0 = first)
    "index_share",  # index / sentences in the article
    "article_sentences",
    "words",
    "centrality",  # LexRank over the story's sentence embeddings
    "support",  # share of the other outlets that carry a sentence like it
    "best_other",  # closest sentence of another article
    "mean_similarity",  # to the story's other sentences
    "centroid",  # similarity to the mean of the story's sentences
    "titles_overlap",  # share of its content words found in the story's titles
    "own_title_overlap",  # the same, in its own article's title
    "title_coverage",  # share of the titles' content words it carries
    "numbers",
    "capitalised",  # share of capitalised words after the first
    "quoted",  # share of its characters inside quotation marks
    "background",  # signs of background: past perfect, "since", "last year", "ago"
    "opinion",  # first and second person, questions
    "saying",  # a verb of saying
    "articles",  # articles in the story
    "story_sentences",
    "centrality_rank",  # its rank by centrality in the story, 0 = most central, as a share
)

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*")
_STOP = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been being has have had "
    "it its this that these those he she they we you i his her their our your not no will would can "
    "could should may might said says say after before over into about than then there here who what "
    "which when where why how also more most new".split()
)
_OPINION = re.compile(r"\b(?:I|we|We|you|You|my|My|our|Our)\b|\?")
_SAYING = re.compile(
    r"\b(?:said|says|told|announced|stated|added|according to|tweeted|wrote)\b", re.IGNORECASE
)
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 1}


def features(story: Story, vectors: np.ndarray, same_content_similarity: float) -> np.ndarray:
    """One row of `FEATURES` per sentence of `story` (row i is `story.sentences[i]`)."""
    sentences = story.sentences
    n = len(sentences)
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    similarity = np.clip(vectors @ vectors.T, 0.0, 1.0)
    centrality = lexrank(similarity)
    support = outlet_support(story, similarity, same_content_similarity)
    article_of = np.array([s.article_id for s in sentences])
    others = article_of[:, None] != article_of[None, :]
    best_other = np.where(others, similarity, 0.0).max(axis=1)
    off_diagonal = similarity.sum(axis=1) - np.diag(similarity)
    mean_similarity = off_diagonal / max(n - 1, 1)
    centre = vectors.mean(axis=0)
    centre = centre / (np.linalg.norm(centre) or 1.0)
    centroid = vectors @ centre
    counts = Counter(s.article_id for s in sentences)
    titles = {a.id: _content_words(a.title) for a in story.articles}
    all_titles = set().union(*titles.values()) if titles else set()
    ranks = np.empty(n)
    ranks[np.argsort(-centrality, kind="stable")] = np.arange(n) / max(n - 1, 1)
    rows = np.zeros((n, len(FEATURES)))
    for i, s in enumerate(sentences):
        words = s.text.split()
        content = _content_words(s.text)
        share = len(content) or 1
        own = titles.get(s.article_id, set())
        rows[i] = (
            s.index,
            s.index / max(counts[s.article_id], 1),
            counts[s.article_id],
            len(words),
            centrality[i],
            support[i],
            best_other[i],
            mean_similarity[i],
            centroid[i],
            len(content & all_titles) / share,
            len(content & own) / share,
            len(content & all_titles) / (len(all_titles) or 1),
            len(re.findall(r"\d[\d,.]*", s.text)),
            sum(1 for w in words[1:] if w[:1].isupper()) / max(len(words) - 1, 1),
            sum(len(m) for m in _QUOTED.findall(s.text)) / max(len(s.text), 1),
            len(BACKGROUND.findall(s.text)),
            len(_OPINION.findall(s.text)),
            bool(_SAYING.search(s.text)),
            len(story.articles),
            n,
            ranks[i],
        )
    return rows


@lru_cache(maxsize=1)
def load_salience_model() -> TreeModel:
    """The packaged salience model (`data/salience/model.txt`, `model.json`), loaded once per process."""
    (booster,), info = load_trees(MODEL_DIR, ["model.txt"], "salience", {"features": FEATURES})
    return TreeModel(booster, info)


@ranker("learned")
class LearnedRanker:
    """Sentences scored by the packaged salience model (a predicted share of an editor's summary,
    kept positive so that source-quality weights and relevance trade-offs read it as a score)."""

    def __init__(self, config: RankConfig, model: TreeModel | None = None) -> None:
        self.config = config
        self.model = model or load_salience_model()

    def score(self, story: Story, vectors: np.ndarray) -> Scores:
        rows = features(story, vectors, self.config.same_content_similarity)
        predicted = np.clip(self.model.predict(rows), 1e-4, None)
        return {
            s: float(p)
            for s, p in zip(story.sentences, predicted, strict=True)
            if len(s.text.split()) >= MIN_WORDS
        }
