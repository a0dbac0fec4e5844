"""Score story grouping against gold story labels as pair precision / recall / F1.

    python benchmarks/grouping.py ../shared/dev/neus/val/articles.jsonl
    python benchmarks/grouping.py ../shared/dev/neus/train/articles.jsonl --limit 900 --sweep 0.4,0.5,0.6

Input: JSON Lines with `id` and `cluster` (the gold label) besides the article fields. With
--briefing, score the grouping of a finished run (its briefing.json) instead of grouping anew.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from dataclasses import replace
from itertools import combinations
from pathlib import Path

from summarizer.config import load_config
from summarizer.embeddings import Embedder
from summarizer.group import group_stories
from summarizer.pipeline import Timings, prepare


def pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for group in groups for p in combinations(sorted(group), 2)}  # type: ignore[misc]


def pair_scores(predicted: Iterable[Iterable[str]], gold: Iterable[Iterable[str]]) -> dict[str, float]:
    p, g = pairs(predicted), pairs(gold)
    tp = len(p & g)
    precision = tp / len(p) if p else 1.0
    recall = tp / len(g) if g else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def gold_groups(path: Path, limit: int | None) -> tuple[dict[str, list[str]], list[dict[str, str]]]:
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    if limit:
        records = records[:limit]
    groups: dict[str, list[str]] = {}
    for record in records:
        groups.setdefault(record["cluster"], []).append(record["id"])
    return groups, records


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--sweep", help="comma-separated distance thresholds to try")
    parser.add_argument("--briefing", type=Path, help="score this run's briefing.json instead")
    args = parser.parse_args(argv)

    gold, records = gold_groups(args.articles, args.limit)
    if args.briefing:
        data = json.loads(args.briefing.read_text(encoding="utf-8"))
        predicted = [[a["id"] for a in s["articles"]] for s in data["stories"]]
        print(json.dumps({"source": str(args.briefing), **pair_scores(predicted, gold.values())}))
        return

    config = load_config()
    tmp = Path(".grouping-input.jsonl")
    tmp.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    try:
        timings = Timings()
        prepared = prepare([tmp], config, lambda e: print(f"error: {e}", file=sys.stderr), timings)
    finally:
        tmp.unlink()
    embedder = Embedder()
    thresholds = (
        [float(t) for t in args.sweep.split(",")] if args.sweep else [config.group.distance_threshold]
    )
    for threshold in thresholds:
        group_config = replace(config.group, distance_threshold=threshold)
        start = time.perf_counter()
        stories = group_stories(prepared.articles, prepared.sentences, embedder, group_config)
        seconds = time.perf_counter() - start
        predicted = [[a.id for a in s.articles] for s in stories]
        scores = pair_scores(predicted, gold.values())
        print(
            json.dumps(
                {
                    "threshold": threshold,
                    "articles": len(prepared.articles),
                    "stories": len(stories),
                    "gold_stories": len(gold),
                    **scores,
                    "seconds": round(seconds, 1),
                }
            )
        )


if __name__ == "__main__":
    main(sys.argv[1:])
