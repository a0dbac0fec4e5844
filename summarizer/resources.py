"""Where packaged files live: inside the installed package, or beside it in a source checkout;
and where the tool's cache files go.

A wheel carries `prompts/` and `templates/` inside the `summarizer` package; an editable install
reads them from the repository's top-level folders.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from summarizer.errors import ModelLoadError

PACKAGE_DIR = Path(__file__).resolve().parent


def package_file(name: str) -> Path:
    return PACKAGE_DIR / name


def resource_dir(name: str) -> Path:
    """The folder `name` (`prompts` or `templates`) of the installed package or the checkout."""
    for candidate in (PACKAGE_DIR / name, PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"resource folder {name!r} is missing from the installation")


def cache_file(configured: str, env: str, name: str) -> Path:
    """A cache file's path: `configured` (a config value), else `$env`, else `name` in the
    user cache folder (~/.cache/summarizer/ on Linux)."""
    if configured:
        return Path(configured).expanduser()
    if os.environ.get(env):
        return Path(os.environ[env])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("summarizer")) / name


def load_trees(
    folder: Path, files: Sequence[str], what: str, features: Mapping[str, Sequence[str]]
) -> tuple[list[Any], dict[str, Any]]:
    """The LightGBM models `files` in `folder` and what they were trained with (`model.json`).
    `features` maps each key of model.json that lists feature names to the names the code
    computes: a model trained on other features is refused, never read with shifted columns."""
    try:
        import lightgbm

        info = json.loads((folder / "model.json").read_text(encoding="utf-8"))
        boosters = [lightgbm.Booster(model_file=str(folder / name)) for name in files]
    except Exception as exc:  # any failure here means the model cannot be used
        raise ModelLoadError(f"cannot load the {what} model in {folder}: {exc}") from exc
    if any(list(info.get(key, [])) != list(names) for key, names in features.items()):
        raise ModelLoadError(f"the {what} model in {folder} was trained on other features: retrain it")
    return boosters, info


@dataclass(frozen=True)
class TreeModel:
    """One packaged LightGBM model (`load_trees`) and what it was trained with."""

    booster: Any  # lightgbm.Booster
    info: dict[str, Any]

    def predict(self, rows: np.ndarray) -> np.ndarray:
        if not len(rows):
            return np.zeros(0)
        return np.asarray(self.booster.predict(rows))
