"""Score story grouping against gold story labels as pair precision / recall / F1.

    python benchmarks/grouping.py ../shared/dev/neus/val/articles.jsonl
    python benchmarks/grouping.py ../shared/dev/briefs --folders
    python benchmarks/grouping.py examples --one-story
    python benchmarks/grouping.py ../shared/dev/neus/val/articles.jsonl --sweep 0.3,0.35,0.4

Input: JSON Lines with `id` and `cluster` (the gold label) besides the article fields; with
--folders, a folder whose subfolders are one story each (a `gold.json` in them is not an
article); with --one-story, a folder that is one story. Prints the story count against gold,
the seconds grouping took (embeddings, entities, the pair model and clustering; reading and
splitting not counted) and the process's peak memory. The train split's cross-validated figures
are in summarizer/data/grouping/model.json (scripts/train_grouping.py). With --briefing, score
the grouping of a finished run (its briefing.json) instead of grouping anew.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from collections.abc import Iterable
from dataclasses import replace
from itertools import combinations
from pathlib import Path

import numpy as np

from summarizer.config import Config, load_config
from summarizer.embeddings import Embedder
from summarizer.group import group_stories
from summarizer.pipeline import Prepared, Timings, prepare


def pairs(groups: Iterable[Iterable[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for group in groups for p in combinations(sorted(group), 2)}  # type: ignore[misc]


def pair_scores(predicted: Iterable[Iterable[str]], gold: Iterable[Iterable[str]]) -> dict[str, float]:
    p, g = pairs(predicted), pairs(gold)
    tp = len(p & g)
    precision = tp / len(p) if p else 1.0
    recall = tp / len(g) if g else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def story_interval(
    predicted: Iterable[Iterable[str]], gold: Iterable[Iterable[str]], rounds: int = 1000
) -> tuple[float, float]:
    """A 95% bootstrap interval of pair F1 over gold stories: each story carries its gold pairs,
    the ones predicted together, and half of each wrongly joined pair it is part of."""
    import random

    story_of = {a: index for index, group in enumerate(gold) for a in group}
    stories = max(story_of.values(), default=-1) + 1
    gold_pairs = np.zeros(stories)
    hits = np.zeros(stories)
    wrong = np.zeros(stories)
    for a, _ in pairs(gold):
        gold_pairs[story_of[a]] += 1
    for a, b in pairs(predicted):
        if story_of[a] == story_of[b]:
            hits[story_of[a]] += 1
        else:
            wrong[story_of[a]] += 0.5
            wrong[story_of[b]] += 0.5
    rng = random.Random(1)
    scores = []
    for _ in range(rounds):
        chosen = [rng.randrange(stories) for _ in range(stories)]
        tp, g, fp = hits[chosen].sum(), gold_pairs[chosen].sum(), wrong[chosen].sum()
        scores.append(2 * tp / (2 * tp + fp + (g - tp)) if g else 1.0)
    low, high = np.percentile(scores, [2.5, 97.5])
    return round(float(low), 4), round(float(high), 4)


def gold_groups(path: Path, limit: int | None) -> tuple[dict[str, list[str]], list[dict[str, str]]]:
    records = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    if limit:
        records = records[:limit]
    groups: dict[str, list[str]] = {}
    for record in records:
        groups.setdefault(record["cluster"], []).append(record["id"])
    return groups, records


ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json")


def story_files(root: Path, folders: bool) -> dict[Path, str]:
    """Each article file under `root` and its gold story: its subfolder, or `root` itself."""
    files = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.name != "gold.json" and path.suffix in ARTICLE_SUFFIXES:
            if folders and path.parent == root:
                continue  # the folder's own notes and scripts
            files[path] = path.parent.name if folders else root.name
    return files


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--sweep", help="comma-separated same-story probabilities to try")
    parser.add_argument("--briefing", type=Path, help="score this run's briefing.json instead")
    parser.add_argument("--folders", action="store_true", help="ARTICLES is a folder of story folders")
    parser.add_argument("--one-story", action="store_true", help="ARTICLES is a folder of one story")
    args = parser.parse_args(argv)

    config = load_config()
    on_error = lambda e: print(f"error: {e}", file=sys.stderr)  # noqa: E731
    if args.folders or args.one_story:
        files = story_files(args.articles, args.folders)
        prepared = prepare(list(files), config, on_error, Timings())
        gold_of = {str(path): story for path, story in files.items()}
        gold: dict[str, list[str]] = {}
        for article in prepared.articles:
            gold.setdefault(gold_of[article.path], []).append(article.id)
        report(prepared, gold, config, [config.group.min_probability])
        return
    gold, records = gold_groups(args.articles, args.limit)
    if args.briefing:
        data = json.loads(args.briefing.read_text(encoding="utf-8"))
        predicted = [[a["id"] for a in s["articles"]] for s in data["stories"]]
        print(json.dumps({"source": str(args.briefing), **pair_scores(predicted, gold.values())}))
        return

    tmp = Path(".grouping-input.jsonl")
    tmp.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    try:
        prepared = prepare([tmp], config, on_error, Timings())
    finally:
        tmp.unlink()
    thresholds = [float(t) for t in args.sweep.split(",")] if args.sweep else [config.group.min_probability]
    report(prepared, gold, config, thresholds)


def report(prepared: Prepared, gold: dict[str, list[str]], config: Config, thresholds: list[float]) -> None:
    embedder = Embedder()
    for threshold in thresholds:
        group_config = replace(config.group, min_probability=threshold)
        start = time.perf_counter()
        stories = group_stories(prepared.articles, prepared.sentences, embedder, group_config)
        seconds = time.perf_counter() - start
        predicted = [[a.id for a in s.articles] for s in stories]
        scores = pair_scores(predicted, gold.values())
        low, high = story_interval(predicted, list(gold.values()))
        print(
            json.dumps(
                {
                    "threshold": threshold,
                    "articles": len(prepared.articles),
                    "stories": len(stories),
                    "gold_stories": len(gold),
                    **scores,
                    "f1_interval": [low, high],
                    "seconds": round(seconds, 1),
                    "peak_memory_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                }
            )
        )


if __name__ == "__main__":
    main(sys.argv[1:])
