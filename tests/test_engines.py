"""The Ray engine: stories briefed on a pool of actors give the records the local engine gives,
and a story whose actor dies is tried again, or gets the lead fallback once its tries are spent.

A local Ray cluster of 2 CPUs is started once for the module. The stand-in model is defined
here, with nothing imported from the tests package, and pickled by value, so the actors need
no access to this folder."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from summarizer.config import AbstractiveConfig, Config, load_config
from summarizer.engines import RayEngine
from summarizer.errors import ConfigError, ModelLoadError
from summarizer.models import ModelInfo, StorySummary
from summarizer.pipeline import brief
from tests import fixtures
from tests.conftest import EXAMPLES, write_article

ray = pytest.importorskip("ray")
cloudpickle = pytest.importorskip("cloudpickle")
cloudpickle.register_pickle_by_value(sys.modules[__name__])


class Stand:
    """Answers with the prompt's first two source sentences. When the prompt mentions `dies_on`,
    it ends its process instead: every time, or only the first time when `once_flag` names a
    file (created before dying, so the retried story finds it)."""

    def __init__(self, dies_on: str = "", once_flag: str = "") -> None:
        self.dies_on = dies_on
        self.once_flag = once_flag

    def info(self) -> ModelInfo:
        return ModelInfo("stand", "stand-in", "1" * 64)

    def generate(self, system: str, user: str, settings: object) -> str:
        if self.dies_on and self.dies_on in user.lower():
            if not self.once_flag:
                os._exit(1)
            if not Path(self.once_flag).exists():
                Path(self.once_flag).touch()
                os._exit(1)
        sentences = [line[2:].strip() for line in user.splitlines() if line.startswith("- ")]
        return f"HEADLINE: {' '.join(sentences[0].split()[:6])}\nSUMMARY: {' '.join(sentences[:2])}"


def stand(config: AbstractiveConfig, dies_on: str = "", once_flag: str = "") -> Stand:
    return Stand(dies_on, once_flag)


@pytest.fixture(scope="module")
def cluster() -> Iterator[None]:
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def _day(folder: Path) -> Path:
    folder.mkdir()
    write_article(folder, "h1.txt", fixtures.HARBOUR_A, title="Bridge opens", source="Herald")
    write_article(folder, "h2.txt", fixtures.HARBOUR_B, title="New bridge open", source="Ledger")
    write_article(folder, "v1.txt", fixtures.VACCINE_A, title="Vaccine approved", source="Herald")
    write_article(folder, "v2.txt", fixtures.VACCINE_B, title="Vaccine cleared", source="Post")
    write_article(folder, "s1.txt", fixtures.LONE, title="Stork nests", source="Gazette")
    return folder


def _ray_config(config: Config, **engine: object) -> Config:
    return replace(config, engine=replace(config.engine, name="ray", workers=2, **engine))


def _records(stories: tuple[StorySummary, ...]) -> list[dict[str, object]]:
    return [s.to_dict() for s in stories]


def test_ray_actors_brief_the_stories_the_local_engine_does(
    cluster: None, tmp_path: Path, config: Config
) -> None:
    day = _day(tmp_path / "day")
    local = brief([day], config, backend=Stand(), write=False)
    ray_config = _ray_config(config)
    remote = brief([day], ray_config, engine=RayEngine(ray_config.engine, backend=stand), write=False)
    assert len(local.briefing.stories) == 3
    assert _records(remote.briefing.stories) == _records(local.briefing.stories)
    assert remote.briefing.model == ModelInfo("stand", "stand-in", "1" * 64)
    assert remote.manifest["timings"]["abstract"] > 0  # the workers' stage times come back
    assert not remote.briefing.errors


def test_a_story_whose_actor_dies_is_tried_again(cluster: None, tmp_path: Path, config: Config) -> None:
    day = _day(tmp_path / "day")
    flag = tmp_path / "died-once"
    local = brief([day], config, backend=Stand(), write=False)
    ray_config = _ray_config(config, retries=1)
    dies = partial(stand, dies_on="harbour", once_flag=str(flag))
    remote = brief([day], ray_config, engine=RayEngine(ray_config.engine, backend=dies), write=False)
    assert flag.exists()  # an actor did die on the bridge story
    assert _records(remote.briefing.stories) == _records(local.briefing.stories)
    assert not remote.briefing.errors


def test_a_story_that_kills_every_try_gets_the_lead_and_the_day_goes_on(
    cluster: None, tmp_path: Path, config: Config
) -> None:
    day = _day(tmp_path / "day")
    ray_config = _ray_config(config, retries=0)
    dies = partial(stand, dies_on="harbour")
    remote = brief([day], ray_config, engine=RayEngine(ray_config.engine, backend=dies), write=False)
    by_topic = {("bridge" if "bridge" in s.summary else "other"): s for s in remote.briefing.stories}
    lost = by_topic["bridge"]
    assert lost.summary_method == "extractive-fallback"
    assert lost.errors and "worker lost" in lost.errors[0]
    assert [e.story for e in remote.briefing.errors] == [lost.id]
    others = [s for s in remote.briefing.stories if s is not lost]
    assert len(others) == 2 and all(s.summary_method == "abstractive" for s in others)


def broken(config: AbstractiveConfig) -> Stand:
    raise ModelLoadError("backend stand: no such model file /nowhere/model.gguf")


def test_workers_that_cannot_load_the_model_say_why(cluster: None, tmp_path: Path, config: Config) -> None:
    day = _day(tmp_path / "day")
    ray_config = _ray_config(config)
    with pytest.raises(ModelLoadError, match=r"ray workers could not start: .*no such model file /nowhere"):
        brief([day], ray_config, engine=RayEngine(ray_config.engine, backend=broken), write=False)


def test_an_unknown_engine_is_a_config_error(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[engine]\nname = "spark"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"engine\.name must be one of local, ray"):
        load_config(path)


@pytest.mark.slow
def test_the_real_model_on_two_actors_writes_the_local_briefing(cluster: None, config: Config) -> None:
    local = brief([EXAMPLES], config, write=False)
    ray_config = _ray_config(config, cpus_per_worker=1)
    remote = brief([EXAMPLES], ray_config, write=False)
    assert remote.briefing.model == local.briefing.model
    assert _records(remote.briefing.stories) == _records(local.briefing.stories)
