"""Abstractive backends: a registry of classes that turn a prompt into text.

Built-in backends register through the same decorator and the same entry-point group
(`summarizer.backends`, see `summarizer.plugins`) an extension uses. Heavy libraries
(llama_cpp, torch, transformers) are imported inside the backend that needs them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from summarizer.config import AbstractiveConfig
from summarizer.errors import ConfigError, GenerationError
from summarizer.limits import Deadline
from summarizer.models import ModelInfo
from summarizer.plugins import load_group


@dataclass(frozen=True, slots=True)
class GenerationSettings:
    max_new_tokens: int
    temperature: float
    top_p: float
    seed: int
    # When generation must stop: a backend that can stops decoding then and raises
    # GenerationTimeout; the writer checks it between calls either way.
    deadline: Deadline = field(default_factory=Deadline)

    @classmethod
    def from_config(cls, config: AbstractiveConfig) -> GenerationSettings:
        return cls(config.max_new_tokens, config.temperature, config.top_p, config.seed)


class Backend(Protocol):
    def info(self) -> ModelInfo: ...

    def generate(self, system: str, user: str, settings: GenerationSettings) -> str: ...


def count_tokens(backend: Backend, text: str) -> int:
    """Tokens of `text` for `backend`: its tokenizer when it offers `count_tokens`, else an
    estimate for English news (about four tokens to three words, rounded up)."""
    counter = getattr(backend, "count_tokens", None)
    if callable(counter):
        return int(counter(text))
    return -(-len(text.split()) * 4 // 3)


BackendFactory = Callable[[AbstractiveConfig, Callable[[str], None]], Backend]


@dataclass(frozen=True, slots=True)
class BackendEntry:
    name: str
    factory: BackendFactory
    description: str
    available: Callable[[], str | None]  # None when usable here, else why not
    # The ModelInfo the backend would report, when it can be told without loading the model
    # (a packaged model's name and sha256), else None.
    identity: Callable[[AbstractiveConfig], ModelInfo | None] = lambda _: None


BACKENDS: dict[str, BackendEntry] = {}


def backend(
    name: str,
    description: str,
    available: Callable[[], str | None],
    identity: Callable[[AbstractiveConfig], ModelInfo | None] = lambda _: None,
) -> Callable[[BackendFactory], BackendFactory]:
    def register(factory: BackendFactory) -> BackendFactory:
        BACKENDS[name] = BackendEntry(name, factory, description, available, identity)
        return factory

    return register


BUILTIN_BACKENDS = ("summarizer.abstractive.llama_cpp", "summarizer.abstractive.hf_transformers")
NO_MODEL = "none"
NO_MODEL_INFO = ModelInfo(NO_MODEL, "no model (extractive summaries)", "")


class NoModel:
    """The backend `none` (`brief --no-model`): nothing is loaded; every story's summary is its
    extractive selection, for a fast look at a day."""

    def info(self) -> ModelInfo:
        return NO_MODEL_INFO

    def generate(self, system: str, user: str, settings: GenerationSettings) -> str:
        raise GenerationError("the `none` backend writes nothing")


@backend(NO_MODEL, "no model: extractive summaries only (--no-model)", lambda: None, lambda _: NO_MODEL_INFO)
def _no_model(config: AbstractiveConfig, progress: Callable[[str], None]) -> Backend:
    return NoModel()


def load_backends() -> None:
    """Import the backends installed packages declare (entry points `summarizer.backends`, the
    built-ins among them) so that they register themselves."""
    load_group("summarizer.backends", BUILTIN_BACKENDS)


def create_backend(config: AbstractiveConfig, progress: Callable[[str], None] = lambda _: None) -> Backend:
    load_backends()
    entry = BACKENDS.get(config.backend)
    if entry is None:
        raise ConfigError(f"unknown backend {config.backend!r} (known: {', '.join(sorted(BACKENDS))})")
    return entry.factory(config, progress)


def model_identity(config: AbstractiveConfig) -> ModelInfo | None:
    """What `create_backend(config).info()` would report, when it is known without loading the
    model; None otherwise (and for an unknown backend, which `create_backend` reports)."""
    load_backends()
    entry = BACKENDS.get(config.backend)
    if entry is None or entry.available() is not None:  # loading it will say what is wrong
        return None
    return entry.identity(config)
