from __future__ import annotations

import numpy as np
import pytest

from summarizer.config import Config, load_config
from summarizer.embeddings import Embedder
from summarizer.errors import ConfigError
from summarizer.models import Story
from summarizer.rank import RANKERS, load_rankers, select
from summarizer.sentences import split_article
from tests import fixtures
from tests.conftest import make_article


def _story(*articles) -> Story:  # type: ignore[no-untyped-def]
    sentences = tuple(s for a in articles for s in split_article(a))
    return Story("s", tuple(articles), sentences)


@pytest.fixture(scope="module")
def harbour() -> tuple[Story, np.ndarray]:
    story = _story(
        make_article(fixtures.HARBOUR_A, "a"),
        make_article(fixtures.HARBOUR_B, "b"),
        make_article(fixtures.HARBOUR_C, "c"),
    )
    return story, Embedder().encode([s.text for s in story.sentences])


def test_content_several_outlets_report_outranks_a_single_outlets_detail(
    config: Config, harbour: tuple[Story, np.ndarray]
) -> None:
    load_rankers()
    story, vectors = harbour
    scores = RANKERS["centrality"](config.rank).score(story, vectors)
    by_text = {s.text: v for s, v in scores.items()}
    shared = by_text[
        "Mayor Dana Whitcombe said the crossing would cut commuting times for thousands of residents."
    ]
    single = by_text["A ribbon was cut by schoolchildren at the eastern end of the bridge."]
    assert shared > single


def test_select_keeps_budget_and_source_order_and_drops_repeats(
    config: Config, harbour: tuple[Story, np.ndarray]
) -> None:
    load_rankers()
    story, vectors = harbour
    scores = RANKERS["centrality"](config.rank).score(story, vectors)
    chosen = select(scores, 60, story, vectors, mmr_lambda=0.5)
    assert sum(len(s.text.split()) for s in chosen) <= 60
    order = [story.sentences.index(s) for s in chosen]
    assert order == sorted(order)
    mayor = [s for s in chosen if "Whitcombe" in s.text]
    assert len(mayor) <= 1, "MMR should not pick the same statement from two outlets"


def test_baselines_are_registered_and_deterministic(
    config: Config, harbour: tuple[Story, np.ndarray]
) -> None:
    load_rankers()
    story, vectors = harbour
    lead = RANKERS["lead"](config.rank).score(story, vectors)
    assert max(lead, key=lead.get).index == 0
    first = RANKERS["random"](config.rank).score(story, vectors)
    assert first == RANKERS["random"](config.rank).score(story, vectors)


def test_weights_must_sum_to_one() -> None:
    with pytest.raises(ConfigError, match="sum to 1"):
        load_config(overrides={"rank": {"weight_centrality": 0.9}})
