"""Baseline rankers to measure against: the lead of each article, and random sentences."""

from __future__ import annotations

import random

import numpy as np

from summarizer.config import RankConfig
from summarizer.models import Story
from summarizer.rank import Scores, ranker


@ranker("lead")
class LeadRanker:
    """Earlier sentences first; article order breaks ties."""

    def __init__(self, config: RankConfig) -> None:
        self.config = config

    def score(self, story: Story, vectors: np.ndarray) -> Scores:
        return {s: 1.0 / (1.0 + s.index) for s in story.sentences}


@ranker("random")
class RandomRanker:
    """Random scores from a seed fixed per story, so runs repeat."""

    def __init__(self, config: RankConfig, seed: int = 13) -> None:
        self.config = config
        self.seed = seed

    def score(self, story: Story, vectors: np.ndarray) -> Scores:
        rng = random.Random(f"{self.seed}:{story.id}")
        return {s: rng.random() for s in story.sentences}
