"""The LightGBM settings the training scripts share: small trees, bagged, repeatable."""

from __future__ import annotations

from typing import Any


def tree_params(objective: str, **changes: Any) -> dict[str, Any]:
    """Parameters for `lightgbm.train`: 15 leaves, learning rate 0.05, 80% of features and rows
    per tree, a fixed seed and deterministic threads, with `changes` on top."""
    return {
        "objective": objective,
        "learning_rate": 0.05,
        "num_leaves": 15,
        "min_data_in_leaf": 20,
        "feature_fraction": 0.8,
        "bagging_fraction": 0.8,
        "bagging_freq": 1,
        "seed": 1,
        "deterministic": True,
        "num_threads": 2,
        "verbose": -1,
    } | changes
