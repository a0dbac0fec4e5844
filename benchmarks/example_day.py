"""Time the bundled example day end to end, cold and warm, per stage, with peak memory.

    python benchmarks/example_day.py            # warm runs (model file already assembled)
    python benchmarks/example_day.py --cold     # also a cold run: model assembled from its packages

Each run is a fresh process running `summarizer.brief` on `examples/` with the default model;
"cold" starts from an empty model cache (so it includes assembling the GGUF file), "warm" finds
the assembled file in place. Peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CHILD = """
import json, resource, sys, time
start = time.perf_counter()
from summarizer import brief, load_config
config = load_config(overrides={"output": {"dir": sys.argv[2]}})
result = brief([sys.argv[1]], config)
wall = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"wall_s": round(wall, 2), "peak_rss_gib": round(peak / 2**30, 2),
                  "stages_s": result.manifest["timings"], "counts": result.manifest["counts"],
                  "stories": [[s.title, s.summary_method, len(s.summary.split())]
                              for s in result.briefing.stories]}))
"""


def run_once(label: str, env: dict[str, str], out: Path) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-c", CHILD, str(REPO / "examples"), str(out)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(completed.stdout.strip().splitlines()[-1])
    return {"run": label, **data}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cold", action="store_true", help="include a run from an empty model cache")
    parser.add_argument("--warm-runs", type=int, default=2)
    args = parser.parse_args(argv)
    out = Path(tempfile.mkdtemp(prefix="summarizer-bench-"))
    env = dict(os.environ)
    if args.cold:
        cold_env = {**env, "SUMMARIZER_CACHE_DIR": str(out / "cold-cache")}
        print(json.dumps(run_once("cold", cold_env, out / "runs")))
    for n in range(args.warm_runs):
        print(json.dumps(run_once(f"warm-{n + 1}", env, out / "runs")))


if __name__ == "__main__":
    main(sys.argv[1:])
