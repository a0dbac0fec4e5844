"""Cost against the size of the day: reading and grouping N articles, per stage, with peak memory.

    python benchmarks/scale.py ../shared/dev/neus/train/articles.jsonl --sizes 1000,7356
    python benchmarks/scale.py ../shared/dev/neus/train/articles.jsonl --sizes 50000 --shuffled

Each size runs in a process of its own (so its peak memory is its own): the day is the first N
articles of the file; past the file's length, its stories are repeated with their sentences'
words shuffled within each sentence (new texts, the same vocabulary and entities), so the day
keeps growing without copies. Stages: prepare (read, clean, split), profiles (embeddings of
the openings, spaCy entities), neighbours (TF-IDF and the blocked top-k search), pairs (the
same-story model), cluster. Prints one line per size and a JSON record.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any


def build_day(source: Path, size: int, target: Path, seed: int = 7) -> None:
    rows = [json.loads(line) for line in source.open(encoding="utf-8")]
    rng = random.Random(seed)
    with target.open("w", encoding="utf-8") as out:
        for n in range(size):
            row = dict(rows[n % len(rows)])
            lap = n // len(rows)
            if lap:
                row["id"] = f"{row['id']}~{lap}"
                row["cluster"] = f"{row.get('cluster', '')}~{lap}"
                row["text"] = "\n".join(_shuffled(line, rng) for line in (row.get("text") or "").split("\n"))
            out.write(json.dumps(row) + "\n")


def _shuffled(line: str, rng: random.Random) -> str:
    words = line.split()
    rng.shuffle(words)
    return " ".join(words)


def measure(day: Path) -> dict[str, Any]:
    from summarizer.config import load_config
    from summarizer.embeddings import Embedder
    from summarizer.group import cluster
    from summarizer.group.pairs import load_pair_model
    from summarizer.group.profiles import neighbours, opening_text, profile_articles, word_vectors
    from summarizer.pipeline import Timings, prepare

    config = load_config()
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    prepared = prepare([day], config, lambda error: None, Timings())
    seconds["prepare"] = time.perf_counter() - started
    articles, sentences, group = prepared.articles, prepared.sentences, config.group
    embedder = Embedder()
    model = load_pair_model()

    def timed(stage: str, work: Any) -> Any:
        begin = time.perf_counter()
        result = work()
        seconds[stage] = time.perf_counter() - begin
        return result

    lead = group.lead_sentences
    profiles = timed("profiles", lambda: profile_articles(articles, sentences, embedder, lead))
    words = word_vectors([opening_text(a, sentences[a.id], lead) for a in articles])
    near = timed("neighbours", lambda: neighbours(profiles, words, group.neighbours))
    pairs = near.pairs()
    probability = timed("pairs", lambda: model.probabilities(profiles, words, pairs))
    labels = timed("cluster", lambda: cluster(len(articles), pairs, probability, group.min_probability))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    return {
        "articles": len(articles),
        "stories": len(set(labels)),
        "candidate_pairs": len(pairs),
        "seconds": {k: round(v, 1) for k, v in seconds.items()},
        "grouping_seconds": round(sum(v for k, v in seconds.items() if k != "prepare"), 1),
        "peak_mib": round(peak),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--sizes", default="1000,7356")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # a day file, measured here
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            day = Path(tmp) / f"day-{size}.jsonl"
            build_day(args.source, size, day)
            done = subprocess.run(
                [sys.executable, __file__, str(args.source), "--one", str(day)],
                capture_output=True,
                text=True,
                check=True,
            )
            record = json.loads(done.stdout.strip().splitlines()[-1])
            stages = ", ".join(f"{k} {v} s" for k, v in record["seconds"].items())
            print(
                f"{size} articles: {record['stories']} stories, {record['candidate_pairs']} candidate pairs;"
                f" {stages}; grouping {record['grouping_seconds']} s; peak {record['peak_mib']} MiB",
                flush=True,
            )
            print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
