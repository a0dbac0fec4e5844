"""Where packaged files live: inside the installed package, or beside it in a source checkout;
and where the tool's cache files go.

A wheel carries `prompts/` and `templates/` inside the `summarizer` package; an editable install
reads them from the repository's top-level folders.
"""

from __future__ import annotations

import os
from pathlib import Path

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
