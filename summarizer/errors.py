"""Errors the library raises. The CLI maps them to one-line messages and exit codes."""

from __future__ import annotations

from pathlib import Path


class SummarizerError(Exception):
    """Base class for every expected error: the CLI prints it without a traceback."""


class InputError(SummarizerError):
    """One input file could not be used; the run skips it and goes on."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class FetchError(InputError):
    """A feed or page (named by its URL) could not be had; the fetch goes on without it."""


class TranslationError(SummarizerError):
    """A text could not be translated into English."""


class ConfigError(SummarizerError):
    """The configuration (file or flags) is invalid."""


class ModelLoadError(SummarizerError):
    """A model or backend could not be loaded."""


class GenerationError(SummarizerError):
    """A backend failed while generating text."""


class GenerationTimeout(GenerationError):
    """Generation for one story ran past its time limit (`limits.story_seconds`)."""


class CacheError(SummarizerError):
    """The story cache cannot be opened or written."""
