"""The quality gate on a fixed subset of the NeuS val split, with the real default model."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO

VAL = REPO.parent / "shared" / "dev" / "neus" / "val"


@pytest.mark.slow
@pytest.mark.skipif(not VAL.is_dir(), reason="the NeuS dev data is not beside the checkout")
def test_scores_stay_at_or_above_their_pinned_floors() -> None:
    completed = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "quality.py"), str(VAL), "--clusters", "40", "--check"],
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "at or above their floors" in completed.stderr
