from __future__ import annotations

import pytest

from summarizer.config import Config
from summarizer.embeddings import Embedder
from summarizer.group import group_stories, mutual_neighbours
from summarizer.sentences import split_article
from tests import fixtures
from tests.conftest import make_article


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder()


def _group(articles, config: Config, embedder: Embedder):  # type: ignore[no-untyped-def]
    sentences = {a.id: split_article(a) for a in articles}
    return group_stories(articles, sentences, embedder, config.group)


def test_outlets_of_one_story_group_together_and_a_lone_article_stays_alone(
    config: Config, embedder: Embedder
) -> None:
    articles = [
        make_article(fixtures.HARBOUR_A, "h1"),
        make_article(fixtures.VACCINE_A, "v1"),
        make_article(fixtures.LONE, "lone"),
        make_article(fixtures.HARBOUR_B, "h2"),
        make_article(fixtures.VACCINE_B, "v2"),
        make_article(fixtures.HARBOUR_C, "h3"),
    ]
    stories = _group(articles, config, embedder)
    assert [[a.id for a in s.articles] for s in stories] == [["h1", "h2", "h3"], ["v1", "v2"], ["lone"]]
    assert sorted(a.id for s in stories for a in s.articles) == sorted(a.id for a in articles)
    assert [s.key for s in stories[0].sentences][:2] == [("h1", 0), ("h1", 1)]


def test_syndicated_copy_joins_its_original(config: Config, embedder: Embedder) -> None:
    articles = [
        make_article(fixtures.VACCINE_A, "wire"),
        make_article(fixtures.HARBOUR_A, "h1"),
        make_article(fixtures.VACCINE_A, "reprint"),
    ]
    stories = _group(articles, config, embedder)
    assert sorted(sorted(a.id for a in s.articles) for s in stories) == [["h1"], ["reprint", "wire"]]


def test_story_ids_are_stable(config: Config, embedder: Embedder) -> None:
    articles = [make_article(fixtures.HARBOUR_A, "h1"), make_article(fixtures.HARBOUR_B, "h2")]
    first = _group(articles, config, embedder)
    again = _group(list(reversed(articles)), config, embedder)
    assert first[0].id == again[0].id


def test_mutual_neighbours_need_both_directions() -> None:
    import numpy as np

    similarity = np.array([[1.0, 0.9, 0.1], [0.9, 1.0, 0.2], [0.1, 0.3, 1.0]], dtype=np.float32)
    near = mutual_neighbours(similarity, k=1, strong=0.95)
    assert near.tolist() == [[0, 1, 0], [1, 0, 0], [0, 0, 0]]
