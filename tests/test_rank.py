from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from summarizer.config import Config, load_config
from summarizer.embeddings import Embedder
from summarizer.errors import ConfigError, ModelLoadError
from summarizer.models import Story
from summarizer.pipeline import rank_story
from summarizer.rank import RANKERS, blend, load_rankers, make_ranker, salience, select
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


@pytest.mark.parametrize("name", ["centrality", "learned"])
def test_content_several_outlets_report_outranks_a_single_outlets_detail(
    config: Config, harbour: tuple[Story, np.ndarray], name: str
) -> None:
    story, vectors = harbour
    scores = make_ranker(replace(config.rank, ranker=name)).score(story, vectors)
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


def test_two_rankings_mix_by_rank_whatever_their_scales(harbour: tuple[Story, np.ndarray]) -> None:
    first, second, third, fourth = harbour[0].sentences[:4]
    small = {first: 0.03, second: 0.02, third: 0.01}
    large = {first: 10.0, second: 300.0, third: 20.0}
    mixed = blend(small, large, 0.5)
    assert mixed[second] > mixed[first] > mixed[third]  # places 2+3, 3+1 and 1+2 of 3
    assert blend(small, large, 0.0) == {first: 1.0, second: 2 / 3, third: 1 / 3}
    assert blend(small, large, 1.0) == {first: 1 / 3, second: 1.0, third: 2 / 3}
    tied = blend({first: 0.5, second: 0.5, third: 0.1, fourth: 0.9}, {}, 0.0)
    assert tied == {fourth: 1.0, first: 0.625, second: 0.625, third: 0.25}  # places 2 and 3 of 4 shared
    assert blend(small, {first: 1.0}, 1.0)[second] == 0.0  # not scored by the second ranking


def test_the_key_facts_rank_by_the_salience_model_too(
    config: Config, harbour: tuple[Story, np.ndarray]
) -> None:
    story, vectors = harbour
    load_rankers()
    centrality = make_ranker(config.rank)
    alone = rank_story(story, vectors, centrality, config)
    assert alone.fact_scores == alone.scores
    learned = make_ranker(replace(config.rank, ranker="learned"))
    mixed = rank_story(story, vectors, centrality, config, learned)
    assert mixed.scores == alone.scores
    assert mixed.fact_scores == blend(
        alone.scores, learned.score(story, vectors), config.facts.salience_weight
    )
    assert mixed.fact_scores != blend(alone.scores, {}, 0.0)


def test_the_learned_ranker_reads_titles_and_outlets(config: Config) -> None:
    """The same sentence scores higher when it carries the story's title words, and when other
    outlets carry it too."""
    lead = "Officials in Port Elling opened the rebuilt harbour bridge on Tuesday after three years of work."
    aside = "A ribbon was cut by schoolchildren at the eastern end of the bridge on a cold morning."
    articles = [make_article(f"{lead}\n{aside}", "a", title="Port Elling opens rebuilt harbour bridge")]
    alone = _story(*articles)
    told = _story(
        *articles, make_article(fixtures.HARBOUR_B, "b", title="Harbour bridge opens in Port Elling")
    )
    embedder = Embedder()
    rows = {
        name: salience.features(story, embedder.encode([s.text for s in story.sentences]), 0.72)
        for name, story in (("alone", alone), ("told", told))
    }
    column = {name: n for n, name in enumerate(salience.FEATURES)}
    assert rows["alone"].shape == (2, len(salience.FEATURES))
    assert rows["alone"][0, column["titles_overlap"]] > rows["alone"][1, column["titles_overlap"]]
    assert rows["told"][0, column["support"]] > rows["alone"][0, column["support"]] == 0.0
    ranker = make_ranker(replace(config.rank, ranker="learned"))
    scores = {
        s.text: v for s, v in ranker.score(alone, embedder.encode([s.text for s in alone.sentences])).items()
    }
    assert scores[lead] > scores[aside] > 0.0


def test_the_salience_model_is_the_one_its_features_describe() -> None:
    model = salience.load_salience_model()
    assert model.info["features"] == list(salience.FEATURES)
    figures = model.info["cross_validation"]
    assert (
        figures["extractive_rouge_learned_cv"]["rouge2"] >= figures["extractive_rouge_centrality"]["rouge2"]
    )


def test_a_salience_model_trained_on_other_features_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "model.json").write_text('{"features": ["index"]}', encoding="utf-8")
    (tmp_path / "model.txt").write_bytes((salience.MODEL_DIR / "model.txt").read_bytes())
    monkeypatch.setattr(salience, "MODEL_DIR", tmp_path)
    salience.load_salience_model.cache_clear()
    try:
        with pytest.raises(ModelLoadError, match="other features: retrain"):
            salience.load_salience_model()
    finally:
        salience.load_salience_model.cache_clear()


def test_an_unknown_ranker_is_named_with_the_known_ones(config: Config) -> None:
    with pytest.raises(ConfigError, match=r"rank.ranker: unknown ranker 'lexical'.*centrality.*learned"):
        make_ranker(replace(config.rank, ranker="lexical"))


def test_the_models_input_is_led_by_news_not_background(config: Config) -> None:

    background = "The Orrin Dam, completed in 1987, holds back 400 million cubic metres of water."
    story = _story(
        make_article(
            f"{background}\nWater released from the Orrin Dam flooded six villages on Saturday.", "a"
        ),
        make_article(f"{background}\nFloodwater from the dam forced 4,000 people from their homes.", "b"),
        make_article(f"{background}\nThe governor ordered an inquiry into the release on Sunday.", "c"),
    )
    vectors = Embedder().encode([s.text for s in story.sentences])
    ranked = rank_story(story, vectors, make_ranker(config.rank), config)
    assert max(ranked.scores, key=lambda s: ranked.scores[s]).text == background  # every outlet repeats it
    assert "1987" not in ranked.fed[0].text and any(s.text == background for s in ranked.fed)
