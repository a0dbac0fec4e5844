from __future__ import annotations

import json

import numpy as np
import pytest

from summarizer.config import Config
from summarizer.embeddings import Embedder
from summarizer.group import cluster, group_stories
from summarizer.group import profiles as profiles_module
from summarizer.group.pairs import MODEL_DIR, PAIR_FEATURES, pair_features
from summarizer.group.profiles import neighbours, opening_text, profile_articles, word_vectors
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


HARBOUR_D = """Drivers crossed Port Elling's new harbour bridge for the first time on Tuesday.
The 240 million dollar bridge replaces a span closed in 2021 over corroded cables.
Whitcombe, the mayor, called the opening a new start for the waterfront."""

HARBOUR_E = """Port Elling celebrated the opening of its harbour bridge on Tuesday.
Three years of building work ended with a ceremony led by Mayor Dana Whitcombe.
Shop owners near the river mouth hope customers will now return."""


def test_a_story_told_by_five_outlets_stays_one_story(config: Config, embedder: Embedder) -> None:
    # the training stories have three articles each: a larger story must not be cut apart
    texts = [fixtures.HARBOUR_A, fixtures.VACCINE_A, HARBOUR_D, fixtures.HARBOUR_B, HARBOUR_E]
    articles = [
        make_article(text, f"a{i}") for i, text in enumerate([*texts, fixtures.HARBOUR_C, fixtures.VACCINE_B])
    ]
    stories = _group(articles, config, embedder)
    assert sorted(sorted(a.id for a in s.articles) for s in stories) == [
        ["a0", "a2", "a3", "a4", "a5"],
        ["a1", "a6"],
    ]


def test_average_linkage_does_not_chain_loosely_related_articles() -> None:
    # a-b and b-c are likely, a-c was never proposed (counts as 0): a and b join, c stays out
    pairs = np.array([[0, 1], [1, 2]])
    assert cluster(3, pairs, np.array([0.9, 0.8]), 0.5) == [0, 0, 2]
    # with a-c likely too, all three are one story
    pairs = np.array([[0, 1], [1, 2], [0, 2]])
    assert cluster(3, pairs, np.array([0.9, 0.8, 0.7]), 0.5) == [0, 0, 0]
    assert cluster(3, pairs, np.array([0.4, 0.3, 0.2]), 0.5) == [0, 1, 2]


def test_average_linkage_merges_a_cluster_with_a_third_close_to_both() -> None:
    pairs = np.array([[1, 2], [0, 1], [0, 2]])
    assert cluster(3, pairs, np.array([0.95, 0.9, 0.9]), 0.5) == [0, 0, 0]
    assert cluster(1, np.zeros((0, 2), dtype=np.int64), np.zeros(0), 0.5) == [0]


def test_a_day_of_one_article_is_one_story(config: Config, embedder: Embedder) -> None:
    stories = _group([make_article(fixtures.LONE, "lone", title="A stork returns")], config, embedder)
    assert [[a.id for a in s.articles] for s in stories] == [["lone"]]


def test_average_linkage_merges_the_likeliest_pair_first() -> None:
    # b is likelier with c than with a; once b-c join, a's mean with them is (0.6 + 0.0) / 2
    pairs = np.array([[0, 1], [1, 2]])
    labels = cluster(3, pairs, np.array([0.6, 0.95]), 0.5)
    assert labels[1] == labels[2] != labels[0]


def test_neighbours_in_blocks_match_the_whole_matrix(config: Config, embedder: Embedder, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    texts = [
        fixtures.HARBOUR_A,
        fixtures.HARBOUR_B,
        fixtures.HARBOUR_C,
        fixtures.VACCINE_A,
        fixtures.VACCINE_B,
    ]
    articles = [make_article(text, f"a{i}") for i, text in enumerate(texts)]
    sentences = {a.id: split_article(a) for a in articles}
    profiles = profile_articles(articles, sentences, embedder, 6)
    words = word_vectors([opening_text(a, sentences[a.id], 6) for a in articles])
    whole = neighbours(profiles, words, 2)
    monkeypatch.setattr(profiles_module, "_BLOCK_CELLS", 10)  # blocks of 2 rows
    blocked = neighbours(profiles, words, 2)
    assert blocked.index.tolist() == whole.index.tolist()
    assert np.allclose(blocked.similarity, whole.similarity)
    assert whole.index[0].tolist() != [0, 0] and 0 not in whole.index[0]  # never its own neighbour
    # every feature is the same whichever article of the pair comes first
    forward = pair_features(profiles, words, np.array([[0, 3], [1, 2]]))
    words_back = word_vectors([opening_text(a, sentences[a.id], 6) for a in articles[::-1]])
    backward = pair_features(profiles[::-1], words_back, np.array([[1, 4], [2, 3]]))
    assert np.allclose(forward, backward, atol=1e-5)


def test_the_packaged_model_matches_the_code_and_the_defaults(config: Config) -> None:
    info = json.loads((MODEL_DIR / "model.json").read_text(encoding="utf-8"))
    assert info["pair_features"] == list(PAIR_FEATURES)
    assert info["min_probability"] == config.group.min_probability
    assert info["lead_sentences"] == config.group.lead_sentences
    assert info["neighbours"] == config.group.neighbours


def test_a_copy_does_not_make_the_other_reports_look_far(embedder: Embedder) -> None:
    # h1 and h2 report one story; a copy of h1 (its text with one word changed) joins the day.
    # Against the copy every other report is far, so "how close is h2 against h1's nearest"
    # must be measured against h1's nearest report, not its copy.
    copy = fixtures.HARBOUR_A.replace("the", "this", 1)
    texts = [fixtures.HARBOUR_A, fixtures.HARBOUR_B, fixtures.VACCINE_A]
    articles = [make_article(text, f"a{i}") for i, text in enumerate([*texts, copy])]
    sentences = {a.id: split_article(a) for a in articles}
    profiles = profile_articles(articles, sentences, embedder, 6)
    words = word_vectors([opening_text(a, sentences[a.id], 6) for a in articles])
    with_copy = pair_features(profiles, words, neighbours(profiles, words, 3).pairs())
    alone = pair_features(profiles[:3], words[:3], neighbours(profiles[:3], words[:3], 2).pairs())
    ratio = [PAIR_FEATURES.index(name) for name in ("ratio_min", "ratio_max", "gap_min", "gap_max")]
    # pair (0, 1) is the first row of both: the same closeness with or without the copy
    assert np.allclose(with_copy[0, ratio], alone[0, ratio], atol=1e-5)
