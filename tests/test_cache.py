from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.abstractive import BACKENDS, BackendEntry
from summarizer.cache import StoryCache, default_path
from summarizer.cli import app
from summarizer.config import AbstractiveConfig, Config, load_config
from summarizer.errors import CacheError, GenerationError
from summarizer.pipeline import brief
from tests import fixtures
from tests.conftest import FakeBackend, write_article

HARBOUR = "HEADLINE: Harbour bridge opens\nSUMMARY: Port Elling opened its rebuilt harbour bridge on Tuesday."
VACCINE = (
    "HEADLINE: Malaria vaccine approved\nSUMMARY: Norland approved a malaria vaccine for children on Monday."
)


def _day(folder: Path, *extra: tuple[str, str]) -> Path:
    folder.mkdir(exist_ok=True)
    write_article(folder, "h1.txt", fixtures.HARBOUR_A, title="Bridge opens", source="Herald")
    write_article(folder, "h2.txt", fixtures.HARBOUR_B, title="New bridge open", source="Ledger")
    write_article(folder, "v1.txt", fixtures.VACCINE_A, title="Vaccine approved", source="Herald")
    write_article(folder, "v2.txt", fixtures.VACCINE_B, title="Vaccine cleared", source="Post")
    for name, text in extra:
        write_article(folder, name, text, source="Gazette")
    return folder


def _replies(prompts: list[str]) -> list[str]:
    return [HARBOUR if "harbour" in p.lower() else VACCINE for p in prompts]


class Replier(FakeBackend):
    """Answers each prompt with the summary of the story it is about."""

    def generate(self, system: str, user: str, settings: object) -> str:  # type: ignore[override]
        self.calls.append((system, user, settings))  # type: ignore[arg-type]
        return _replies([user])[0]


def test_a_rerun_of_an_unchanged_day_redoes_no_story(tmp_path: Path, config: Config) -> None:
    day = _day(tmp_path / "day")
    cache = StoryCache(tmp_path / "c.sqlite3")
    first = brief([day], config, backend=Replier(), cache=cache)
    assert cache.hits == 0 and cache.misses == 2 and first.manifest["counts"]["cached"] == 0

    again_backend = Replier()
    again = brief([day], config, backend=again_backend, cache=StoryCache(tmp_path / "c.sqlite3"))
    assert again_backend.calls == []  # nothing generated
    assert again.manifest["counts"]["cached"] == 2
    assert [s.to_dict() for s in again.briefing.stories] == [s.to_dict() for s in first.briefing.stories]


def test_only_the_story_that_changed_is_redone(tmp_path: Path, config: Config) -> None:
    day = _day(tmp_path / "day")
    brief([day], config, backend=Replier(), cache=StoryCache(tmp_path / "c.sqlite3"))
    _day(day, ("h3.txt", fixtures.HARBOUR_C))  # a third outlet reports the bridge
    backend = Replier()
    result = brief([day], config, backend=backend, cache=StoryCache(tmp_path / "c.sqlite3"))
    assert result.manifest["counts"]["cached"] == 1
    assert backend.calls and all("harbour" in user.lower() for _, user, _ in backend.calls)
    bridge = next(s for s in result.briefing.stories if len(s.articles) == 3)
    assert {a.path.rsplit("/", 1)[-1] for a in bridge.articles} == {"h1.txt", "h2.txt", "h3.txt"}


def test_settings_model_and_prompts_are_part_of_the_key(tmp_path: Path, config: Config) -> None:
    day = _day(tmp_path / "day")
    path = tmp_path / "c.sqlite3"
    brief([day], config, backend=Replier(), cache=StoryCache(path))
    shorter = replace(config, abstractive=replace(config.abstractive, words=40))
    cache = StoryCache(path)
    brief([day], shorter, backend=Replier(), cache=cache)
    assert cache.hits == 0

    class OtherModel(Replier):
        def info(self):  # type: ignore[no-untyped-def]
            return replace(super().info(), sha256="1" * 64)

    cache = StoryCache(path)
    brief([day], config, backend=OtherModel(), cache=cache)
    assert cache.hits == 0
    # the output settings only change how a run is written: still served
    cache = StoryCache(path)
    brief(
        [day],
        replace(config, output=replace(config.output, formats=("json",))),
        backend=Replier(),
        cache=cache,
    )
    assert cache.hits == 2


def test_a_story_the_model_did_not_finish_is_not_kept(tmp_path: Path, config: Config) -> None:
    class Failing(Replier):
        def generate(self, system: str, user: str, settings: object) -> str:  # type: ignore[override]
            raise GenerationError("the model ran out of memory")

    day = _day(tmp_path / "day")
    cache = StoryCache(tmp_path / "c.sqlite3")
    result = brief([day], config, backend=Failing(), cache=cache)
    assert all(s.summary_method == "extractive-fallback" for s in result.briefing.stories)
    assert all(any("generation failed" in n for n in s.notes) for s in result.briefing.stories)
    assert cache.info()["stories"] == 0
    brief([day], config, backend=FakeBackend([]), cache=cache)  # a stage fails outright
    assert cache.info()["stories"] == 0
    brief([day], config, backend=Replier(), cache=cache)  # the next run tries them again
    assert cache.info()["stories"] == 2


def test_a_cache_that_fails_mid_run_is_turned_off_and_the_run_goes_on(tmp_path: Path, config: Config) -> None:
    class Broken(StoryCache):
        def get(self, key: str):  # type: ignore[no-untyped-def]
            raise CacheError(f"{self.path}: cannot read the story cache: database is locked")

    day = _day(tmp_path / "day")
    cache = Broken(tmp_path / "c.sqlite3")
    result = brief([day], config, backend=Replier(), cache=cache)
    assert len(result.briefing.stories) == 2 and not result.briefing.errors
    assert [str(n) for n in result.briefing.notes] == [
        f"{cache.path}: story cache off for this run: cannot read the story cache: database is locked"
    ]


def test_cli_cache_info_clear_and_no_cache(tmp_path: Path) -> None:
    runner = CliRunner()
    path = default_path(load_config())
    assert path == tmp_path / "story-cache.sqlite3"  # the test's own cache (conftest)
    cache = StoryCache(path)
    day = _day(tmp_path / "day")
    brief([day], load_config(), backend=Replier(), cache=cache)
    cache.close()
    info = runner.invoke(app, ["cache", "info"])
    assert info.exit_code == 0 and f"{path}: 2 stories" in info.output
    cleared = runner.invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0 and "removed 2 stories" in cleared.output
    assert StoryCache(path).info()["stories"] == 0
    bad = runner.invoke(app, ["cache", "wipe"])
    assert bad.exit_code != 0 and "unknown action 'wipe'" in bad.output


def test_an_unusable_cache_file_is_a_warning_and_the_run_goes_on(
    tmp_path: Path, fake_backend_registered
) -> None:  # type: ignore[no-untyped-def]
    fake_backend_registered([HARBOUR, VACCINE])
    path = tmp_path / "story-cache.sqlite3"
    path.write_bytes(b"not a database, just bytes " * 100)
    day = _day(tmp_path / "day")
    result = CliRunner().invoke(app, ["brief", str(day), "--backend", "fake"])
    assert result.exit_code == 0, result.output
    assert f"warning: {path}: cannot open the story cache" in result.stderr
    assert len(json.loads(next(Path("outputs").glob("*/briefing.json")).read_text())["stories"]) == 2


def test_no_cache_neither_reads_nor_fills_it(tmp_path: Path, fake_backend_registered) -> None:  # type: ignore[no-untyped-def]
    backend = fake_backend_registered([HARBOUR, VACCINE, HARBOUR, VACCINE])
    day = _day(tmp_path / "day")
    for _ in range(2):
        result = CliRunner().invoke(app, ["brief", str(day), "--backend", "fake", "--no-cache", "-q"])
        assert result.exit_code == 0, result.output
    assert len(backend.calls) == 4 and StoryCache(default_path(load_config())).info()["stories"] == 0


def test_a_model_known_by_name_is_loaded_only_when_a_story_needs_it(
    tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    loads: list[str] = []

    def factory(cfg: AbstractiveConfig, progress: Callable[[str], None]) -> Replier:
        loads.append(cfg.model)
        return Replier()

    identity = Replier().info()
    monkeypatch.setitem(
        BACKENDS, "named", BackendEntry("named", factory, "test", lambda: None, lambda _: identity)
    )
    named = replace(config, abstractive=replace(config.abstractive, backend="named"))
    day = _day(tmp_path / "day")
    path = tmp_path / "c.sqlite3"
    first = brief([day], named, cache=StoryCache(path))
    assert len(loads) == 1 and first.briefing.model == identity
    again = brief([day], named, cache=StoryCache(path))
    assert len(loads) == 1 and again.manifest["counts"]["cached"] == 2 and again.briefing.model == identity
    brief([day], named)  # without a cache the model is always loaded
    assert len(loads) == 2
