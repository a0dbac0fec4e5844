"""How closely summaries keep to `--words`: the first N val stories briefed at several lengths.

    python benchmarks/words.py ../shared/dev/neus/val --clusters 12 --words 40,70,120

Each length is one run of the day made of the N stories (default model, no story cache); for
every summary the ratio of its words to the words asked for, by how it was made. The target is
every summary within 20% of the length asked for; a draft longer than 1.2 times is cut at a
sentence end, one that is shorter is kept as the model wrote it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from quality import load_split  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", type=Path)
    parser.add_argument("--clusters", type=int, default=12)
    parser.add_argument("--words", default="40,70,120")
    args = parser.parse_args()

    from summarizer.config import load_config
    from summarizer.pipeline import brief

    articles, _, _ = load_split(args.split, args.clusters)
    with tempfile.TemporaryDirectory() as tmp:
        day = Path(tmp) / "day.jsonl"
        day.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        for words in (int(w) for w in args.words.split(",")):
            config = load_config(overrides={"abstractive": {"words": words}})
            started = time.perf_counter()
            result = brief([day], config, write=False)
            seconds = time.perf_counter() - started
            ratios = [len(s.summary.split()) / words for s in result.briefing.stories]
            methods = [s.summary_method for s in result.briefing.stories]
            within = sum(0.8 <= r <= 1.2 for r in ratios)
            print(
                f"words={words}: {len(ratios)} summaries, ratio mean {statistics.mean(ratios):.2f}"
                f" median {statistics.median(ratios):.2f} min {min(ratios):.2f} max {max(ratios):.2f};"
                f" within 20%: {within}/{len(ratios)}; over 1.2: {sum(r > 1.2 for r in ratios)};"
                f" methods {dict((m, methods.count(m)) for m in sorted(set(methods)))}; {seconds:.0f} s",
                flush=True,
            )


if __name__ == "__main__":
    main()
