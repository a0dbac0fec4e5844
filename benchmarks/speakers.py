"""Speaker accuracy of the rule cascade against the learned ranking, paired, on PolNeAR.

    python benchmarks/speakers.py ../shared/dev/polnear/dev.jsonl ../shared/dev/polnear/score_quotes.py

Runs `summarizer quotes GOLD` with `[quotes] speakers = "rules"` and `"learned"`, scores both with
the shared scorer, and prints each one's quote F1, speaker accuracy and end-to-end F1 with the
difference in speaker accuracy and a 95% bootstrap interval over documents (2,000 resamples).
"""

from __future__ import annotations

import importlib.util
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

SETTINGS = ("rules", "learned")
RESAMPLES = 2000


def _scorer(path: Path) -> Any:
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _predict(gold: Path, setting: str, folder: Path) -> list[dict[str, Any]]:
    config = folder / f"{setting}.toml"
    config.write_text(f'[quotes]\nspeakers = "{setting}"\n', encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarizer",
            "quotes",
            str(gold),
            "--format",
            "jsonl",
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line) for line in run.stdout.splitlines() if line.strip()]


def main(argv: list[str]) -> None:
    if len(argv) != 2:
        sys.exit(__doc__)
    gold_path, scorer = Path(argv[0]), _scorer(Path(argv[1]))
    gold = scorer.load_jsonl(gold_path)
    per_doc: dict[str, list[tuple[int, int]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for setting in SETTINGS:
            predictions = _predict(gold_path, setting, Path(folder))
            whole, _ = scorer.score(gold, predictions)
            print(
                f"{setting}: quote F1 {whole['quote_f1']:.3f}  speaker accuracy {whole['speaker_acc']:.3f}"
                f"  end-to-end F1 {whole['e2e_f1']:.3f}"
            )
            by_id = {p["doc_id"]: p for p in predictions}
            for row in gold:
                one, _ = scorer.score([row], [by_id.get(row["doc_id"], {"doc_id": row["doc_id"]})])
                matched = round(one["quote_r"] * one["gold_quotes"])
                right = round(one["e2e_r"] * one["gold_quotes"])
                per_doc.setdefault(row["doc_id"], []).append((right, matched))
    docs = [v for v in per_doc.values() if v[0][1]]
    rng = random.Random(1)
    differences = []
    for _ in range(RESAMPLES):
        sample = [rng.choice(docs) for _ in docs]
        rules = sum(d[0][0] for d in sample) / sum(d[0][1] for d in sample)
        learned = sum(d[1][0] for d in sample) / sum(d[1][1] for d in sample)
        differences.append(learned - rules)
    differences.sort()
    rules = sum(d[0][0] for d in docs) / sum(d[0][1] for d in docs)
    learned = sum(d[1][0] for d in docs) / sum(d[1][1] for d in docs)
    low, high = differences[int(0.025 * RESAMPLES)], differences[int(0.975 * RESAMPLES) - 1]
    print(
        f"speaker accuracy learned - rules: {learned - rules:+.3f}"
        f" (95% {low:+.3f} to {high:+.3f}, {len(docs)} documents)"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
