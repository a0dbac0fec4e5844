"""Extensions: backends and rankers that installed packages add through entry points.

A package adds an abstractive backend by declaring, in its own `pyproject.toml`,

    [project.entry-points."summarizer.backends"]
    mybackend = "mypackage.backend"

where the module registers itself with `@summarizer.abstractive.backend(...)` on import; rankers
likewise under `summarizer.rankers` with `@summarizer.rank.ranker(...)`. The built-in ones are
declared the same way in summarizer's own `pyproject.toml`.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Sequence
from importlib.metadata import entry_points

log = logging.getLogger(__name__)


def load_group(group: str, builtins: Sequence[str]) -> None:
    """Import every module the installed packages name under the entry-point `group`; a
    module that fails to import is logged and skipped. The `builtins` are imported too, so a
    source checkout that was never installed still has them."""
    for point in entry_points(group=group):
        try:
            point.load()
        except Exception as exc:  # one broken extension must not take the tool down
            log.warning("extension %s (%s) not loaded: %s", point.name, point.value, exc)
    for module in builtins:
        importlib.import_module(module)
