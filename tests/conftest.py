"""Shared fixtures: isolated output folders, article builders and a fake abstractive backend."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from summarizer.abstractive import BACKENDS, BackendEntry, GenerationSettings
from summarizer.config import AbstractiveConfig, Config, load_config
from summarizer.ingest import fingerprint
from summarizer.models import Article, ModelInfo

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"


class FakeBackend:
    """Returns queued outputs in order and records every prompt it was given."""

    def __init__(self, outputs: list[str] | None = None) -> None:
        self.outputs = list(outputs or [])
        self.calls: list[tuple[str, str, GenerationSettings]] = []

    def info(self) -> ModelInfo:
        return ModelInfo("fake", "fake-model", "0" * 64)

    def generate(self, system: str, user: str, settings: GenerationSettings) -> str:
        self.calls.append((system, user, settings))
        if not self.outputs:
            raise AssertionError("FakeBackend: no queued output left")
        return self.outputs.pop(0)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test runs in its own working folder, so `outputs/` lands there, and has its own
    story and fetch caches and user config file."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SUMMARIZER_STORY_CACHE", str(tmp_path / "story-cache.sqlite3"))
    monkeypatch.setenv("SUMMARIZER_FETCH_CACHE", str(tmp_path / "fetch-cache.sqlite3"))
    monkeypatch.setenv(
        "SUMMARIZER_CONFIG", str(tmp_path / "user-config.toml")
    )  # none, unless a test writes it
    yield tmp_path


@pytest.fixture
def config() -> Config:
    return load_config()


@pytest.fixture
def fake_backend_registered(monkeypatch: pytest.MonkeyPatch) -> Callable[[list[str]], FakeBackend]:
    """Register a `fake` backend (as an extension would) that replies with the queued outputs."""
    created: list[FakeBackend] = []

    def install(outputs: list[str]) -> FakeBackend:
        backend = FakeBackend(outputs)
        created.append(backend)

        def factory(cfg: AbstractiveConfig, progress: Callable[[str], None]) -> FakeBackend:
            return backend

        monkeypatch.setitem(BACKENDS, "fake", BackendEntry("fake", factory, "test double", lambda: None))
        return backend

    return install


def make_article(
    text: str,
    id: str = "a1",
    title: str = "",
    source: str = "",
    path: str = "",
    date: str = "",
) -> Article:
    return Article(
        id=id,
        path=path or f"{id}.txt",
        text=text,
        fingerprint=fingerprint(id + text),
        title=title,
        source=source,
        date=date,
    )


def write_article(folder: Path, name: str, text: str, title: str = "", source: str = "") -> Path:
    header = "".join(f"{k}: {v}\n" for k, v in (("title", title), ("source", source)) if v)
    path = folder / name
    path.write_text(header + ("\n" if header else "") + text, encoding="utf-8")
    return path
