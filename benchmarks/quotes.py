"""Score the quotes stage on PolNeAR with the shared scorer.

    python benchmarks/quotes.py ../shared/dev/polnear/dev.jsonl ../shared/dev/polnear/score_quotes.py

Runs `summarizer quotes GOLD --format jsonl` (with timing per document) and prints the scorer's
figures: quote P/R/F1, speaker accuracy, end-to-end F1.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str]) -> None:
    if len(argv) < 2:
        sys.exit(__doc__)
    gold, scorer = Path(argv[0]), Path(argv[1])
    with tempfile.TemporaryDirectory() as folder:
        predictions = Path(folder) / "pred.jsonl"
        start = time.perf_counter()
        with predictions.open("w", encoding="utf-8") as out:
            subprocess.run(
                [sys.executable, "-m", "summarizer", "quotes", str(gold), "--format", "jsonl"],
                stdout=out,
                check=True,
            )
        seconds = time.perf_counter() - start
        subprocess.run([sys.executable, str(scorer), str(gold), str(predictions), *argv[2:]], check=True)
    print(f"wall: {seconds:.1f} s (model load included)")


if __name__ == "__main__":
    main(sys.argv[1:])
