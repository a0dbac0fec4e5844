"""Where each story's work runs when it is not this process: a pool of Ray actors.

The driver (`pipeline.brief`) reads, cleans and groups the day, serves what the story cache
holds, and hands the other stories to an engine. `RayEngine` starts one actor per worker; each
builds its own `StoryContext` once (the model, the embedder, spaCy on first use) from a
`WorkerSetup` and runs `brief_story` on the stories it is given. Records stream back as they
finish, so the driver caches each at once; an actor that dies is restarted by Ray and its
story tried again (`engine.retries`), and a story whose tries all die gets the lead fallback
with the reason, like any story whose stages all fail.
"""

from __future__ import annotations

import importlib.util
import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from summarizer.abstractive import Backend, create_backend
from summarizer.config import AbstractiveConfig, Config, EngineConfig
from summarizer.errors import ConfigError, ModelLoadError
from summarizer.models import ModelInfo, Story, StorySummary
from summarizer.prompts import Prompt, load_prompt

log = logging.getLogger(__name__)

BackendFactory = Callable[[AbstractiveConfig], Backend]


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """What a worker needs to build its story context; it pickles (no loaded model in it). The
    worker loads the prompts the config names and checks they are the driver's (`prompt_hashes`).
    `backend` makes the model instead of the configured backend (a stand-in, in tests)."""

    config: Config
    prompt_hashes: tuple[str, str]
    backend: BackendFactory | None = None


@dataclass(frozen=True, slots=True)
class StoryDone:
    """One story's record, where it stands in the day, and the seconds its stages took."""

    index: int
    summary: StorySummary
    seconds: dict[str, float]


class StoryWorker:
    """Runs stories in a process of its own, with the models loaded once."""

    def __init__(self, setup: WorkerSetup) -> None:
        from summarizer.embeddings import Embedder
        from summarizer.pipeline import Timings, story_context

        config = setup.config
        prompts = (load_prompt(config.abstractive.prompt), load_prompt(config.abstractive.strict_prompt))
        if tuple(p.sha256 for p in prompts) != setup.prompt_hashes:
            raise ConfigError(
                "a ray worker's prompts differ from the driver's: install the same summarizer on every node"
            )
        backend = setup.backend(config.abstractive) if setup.backend else create_backend(config.abstractive)
        self._info = backend.info()
        self._timings = Timings()
        self._context = story_context(config, backend, Embedder(), self._timings, prompts)

    def info(self) -> ModelInfo:
        return self._info

    def brief(self, index: int, story: Story) -> StoryDone:
        from summarizer.pipeline import isolated

        before = dict(self._timings.seconds)
        summary = isolated(story, self._context)
        seconds = {k: round(v - before.get(k, 0.0), 3) for k, v in self._timings.seconds.items()}
        return StoryDone(index, summary, seconds)


def ray_missing() -> str | None:
    """Why the Ray engine cannot run here, or None."""
    if importlib.util.find_spec("ray") is None:
        return 'the ray engine needs Ray: pip install "summarizer[ray]"'
    return None


class RayEngine:
    """Stories briefed on a pool of Ray actors (`engine.name = "ray"`). Joins the cluster at
    `engine.address` (or $RAY_ADDRESS), else starts a local one for the run and stops it after."""

    def __init__(self, config: EngineConfig, backend: BackendFactory | None = None) -> None:
        missing = ray_missing()
        if missing:
            raise ConfigError(missing)
        self.config = config
        self.backend = backend
        self._actors: list[Any] = []
        self._started_ray = False

    @property
    def started(self) -> bool:
        return bool(self._actors)

    def start(self, config: Config, prompts: tuple[Prompt, Prompt]) -> ModelInfo:
        """Start the actors (each loads the model) and return the model they report."""
        import ray
        from ray.exceptions import RayError

        if not ray.is_initialized():
            address = self.config.address or os.environ.get("RAY_ADDRESS") or None
            ray.init(address=address, include_dashboard=False, log_to_driver=False, configure_logging=False)
            self._started_ray = True
        cpus = self.config.cpus_per_worker
        cluster_cpus = int(ray.cluster_resources().get("CPU", 1))  # type: ignore[no-untyped-call]
        workers = self.config.workers or max(1, cluster_cpus // cpus)
        worker_config = replace(config, abstractive=replace(config.abstractive, threads=cpus))
        setup = WorkerSetup(worker_config, (prompts[0].sha256, prompts[1].sha256), self.backend)
        actor = ray.remote(
            num_cpus=cpus, max_restarts=self.config.retries, max_task_retries=self.config.retries
        )(StoryWorker)
        self._actors = [actor.remote(setup) for _ in range(workers)]
        try:
            infos = ray.get([a.info.remote() for a in self._actors])
        except RayError as exc:  # a worker could not load the model (or its prompts differ)
            self.close()
            cause = str(getattr(exc, "cause", None) or exc).strip().splitlines()
            raise ModelLoadError(
                f"ray workers could not start: {cause[-1] if cause else type(exc).__name__}"
            ) from exc
        log.info("ray engine: %d workers of %d CPUs each", workers, cpus)
        return infos[0]  # type: ignore[no-any-return]

    def run(self, stories: Sequence[tuple[int, Story]]) -> Iterator[StoryDone]:
        """Each story's record as it finishes (not in day order). Each actor holds one story at a
        time (a story takes seconds, handing over the next one milliseconds), so a slow story holds
        no other back, and an actor that dies takes no other story down with it."""
        import ray
        from ray.exceptions import RayError

        from summarizer.pipeline import lead_fallback

        waiting = list(reversed(stories))
        running: dict[Any, tuple[Any, int, Story]] = {}
        actors = list(self._actors)

        def submit(actor: Any) -> None:
            index, story = waiting.pop()
            running[actor.brief.remote(index, story)] = (actor, index, story)

        for actor in actors[: len(waiting)]:
            submit(actor)
        while running:
            finished, _ = ray.wait(list(running), num_returns=1)
            actor, index, story = running.pop(finished[0])
            try:
                yield ray.get(finished[0])
            except RayError as exc:  # the actor died more often than engine.retries allows
                log.warning("story %s: lost on the ray engine: %s", story.id, exc)
                if actor in actors:
                    actors.remove(actor)
                reason = f"worker lost ({type(exc).__name__}) after {self.config.retries} retries"
                yield StoryDone(index, lead_fallback(story, reason), {})
                if not actors:  # no worker left: the rest get the fallback too
                    while waiting:
                        index, story = waiting.pop()
                        yield StoryDone(index, lead_fallback(story, "no ray worker left"), {})
                continue
            if waiting:
                submit(actor)

    def close(self) -> None:
        if not (self._actors or self._started_ray):
            return
        import ray

        for actor in self._actors:
            ray.kill(actor)
        self._actors = []
        if self._started_ray:
            ray.shutdown()
            self._started_ray = False
