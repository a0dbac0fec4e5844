"""The Ray engine against the local one on the same day: wall time of each run and whether the
briefings' stories are the same (deterministic decoding), story by story.

    python benchmarks/engines.py examples
    python benchmarks/engines.py ../shared/dev/neus/val --clusters 40 [--workers 2]

A folder holding `articles.jsonl` (a NeuS split) is read as one day, cut to its first N gold
stories with `--clusters`; any other input is briefed as given. Both runs use the default model
and no story cache; the Ray run starts a local cluster of the machine's cores.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from quality import load_split

from summarizer import brief, load_config
from summarizer.config import Config


def _inputs(path: Path, clusters: int | None, tmp: Path) -> list[Path]:
    if not (path / "articles.jsonl").is_file():
        return [path]
    articles, _, _ = load_split(path, clusters)
    day = tmp / "day.jsonl"
    day.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    return [day]


def _timed(inputs: list[Path], config: Config) -> tuple[float, list[dict[str, Any]]]:
    started = time.monotonic()
    result = brief(inputs, config, write=False)
    return time.monotonic() - started, [s.to_dict() for s in result.briefing.stories]


def compare(path: Path, clusters: int | None, workers: int) -> dict[str, Any]:
    config = load_config()
    ray_config = replace(config, engine=replace(config.engine, name="ray", workers=workers))
    with tempfile.TemporaryDirectory() as tmp:
        inputs = _inputs(path, clusters, Path(tmp))
        local_s, local = _timed(inputs, config)
        ray_s, remote = _timed(inputs, ray_config)
    differ = [a["id"] for a, b in zip(local, remote, strict=False) if a != b]
    summaries_differ = [a["id"] for a, b in zip(local, remote, strict=False) if a["summary"] != b["summary"]]
    return {
        "stories": [len(local), len(remote)],
        "same_story_ids": [s["id"] for s in local] == [s["id"] for s in remote],
        "records_differ": differ,
        "summaries_differ": summaries_differ,
        "seconds": {"local": round(local_s, 1), "ray": round(ray_s, 1), "ratio": round(ray_s / local_s, 3)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--clusters", type=int, help="only the first N gold stories of a NeuS split")
    parser.add_argument("--workers", type=int, default=0, help="Ray actors (0: one per core)")
    args = parser.parse_args()
    print(json.dumps(compare(args.path, args.clusters, args.workers), indent=2))


if __name__ == "__main__":
    main()
