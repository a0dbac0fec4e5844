"""summarizer: one day's news articles from many outlets in, one briefing a reader can trust out.

The public API is `__all__`; everything else is internal. Names are imported on first use so
that `import summarizer` (and `summarizer --help`) stays instant.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "Article": "summarizer.models",
    "Briefing": "summarizer.models",
    "GuardCounts": "summarizer.models",
    "SourceQuality": "summarizer.models",
    "Sentence": "summarizer.models",
    "Story": "summarizer.models",
    "StorySummary": "summarizer.models",
    "ArticleInfo": "summarizer.models",
    "Citation": "summarizer.models",
    "CommonGround": "summarizer.models",
    "Discrepancy": "summarizer.models",
    "DiscrepancyVersion": "summarizer.models",
    "Fact": "summarizer.models",
    "Position": "summarizer.models",
    "Quantity": "summarizer.models",
    "Quote": "summarizer.models",
    "Side": "summarizer.models",
    "SideStatement": "summarizer.models",
    "SummarySentence": "summarizer.models",
    "Config": "summarizer.config",
    "load_config": "summarizer.config",
    "ConfigError": "summarizer.errors",
    "GenerationError": "summarizer.errors",
    "InputError": "summarizer.errors",
    "ModelLoadError": "summarizer.errors",
    "SummarizerError": "summarizer.errors",
    "NoUsableInput": "summarizer.pipeline",
    "RunResult": "summarizer.pipeline",
    "brief": "summarizer.pipeline",
    "brief_story": "summarizer.pipeline",
    "StoryContext": "summarizer.pipeline",
    "story_context": "summarizer.pipeline",
    "group": "summarizer.pipeline",
    "read_briefing": "summarizer.runs",
    "FetchError": "summarizer.errors",
    "FetchedDay": "summarizer.fetch",
    "fetch_day": "summarizer.fetch",
    "make_server": "summarizer.serve",
    "prepare": "summarizer.pipeline",
}

__all__ = [*sorted(_EXPORTS), "__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
