"""Time and peak memory of a hostile day next to the same day without the hostile files, and
how fast an interrupt ends a run during generation.

    python benchmarks/hostile_day.py                      # the stand-in model (pipeline cost)
    python benchmarks/hostile_day.py --real               # the default model
    python benchmarks/hostile_day.py --real --interrupt   # SIGINT during generation, 3 times

The hostile day is the example day plus the files `tests/hostile.py` makes (empty, binary,
broken JSON, odd encodings, a page with scripts, a 1 MB line, a 45 MB file, a duplicate, a
German report, a name with spaces). Each run is a whole `summarizer brief` process; the two
days alternate, `--runs` times each, and the figures are medians with the ratio of the two.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests import hostile  # noqa: E402

EXAMPLES = REPO / "examples"


def _command(day: Path, out: Path, real: bool) -> list[str]:
    if real:
        return [sys.executable, "-m", "summarizer", "brief", str(day), "--out", str(out), "-q"]
    echo = str(REPO / "tests" / "echo_cli.py")
    return [sys.executable, echo, "brief", str(day), "--out", str(out), "--backend", "echo", "-q"]


def _run(command: list[str], env: dict[str, str]) -> dict[str, float]:
    """Wall seconds, peak resident memory (GiB) and exit code of one whole process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    stderr = process.stderr.read().decode() if process.stderr else ""
    if "Traceback" in stderr:
        print(stderr, file=sys.stderr)
    return {
        "seconds": round(seconds, 2),
        "peak_gib": round(usage.ru_maxrss / 2**20, 3),
        "exit": os.waitstatus_to_exitcode(status),
        "error_lines": sum(line.startswith("error: ") for line in stderr.splitlines()),
    }


def _interrupt(day: Path, out: Path, after: float, env: dict[str, str]) -> dict[str, float]:
    process = subprocess.Popen(
        _command(day, out, real=True), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env
    )
    time.sleep(after)
    sent = time.perf_counter()
    process.send_signal(signal.SIGINT)
    process.wait()
    left = list(out.iterdir()) if out.exists() else []
    return {
        "signal_after_s": after,
        "exit": process.returncode,
        "seconds_to_exit": round(time.perf_counter() - sent, 2),
        "left_in_outputs": len(left),
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--real", action="store_true", help="the default model, not the stand-in")
    parser.add_argument("--runs", type=int, default=3, help="runs of each day")
    parser.add_argument("--huge-mb", type=int, default=45)
    parser.add_argument("--interrupt", action="store_true", help="measure SIGINT during generation")
    args = parser.parse_args(argv)

    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        good = sorted(EXAMPLES.glob("*.txt"))
        clean = root / "clean"
        clean.mkdir()
        for path in good:
            (clean / path.name).write_bytes(path.read_bytes())
        hostile_day = root / "hostile"
        hostile.build(hostile_day, good, huge_mb=args.huge_mb)
        if args.interrupt:
            results = [  # the hostile day writes four stories: about a minute of generation
                _interrupt(hostile_day, root / f"int-{n}", after, env)
                for n, after in enumerate((20.0, 30.0, 40.0))
            ]
            print(json.dumps({"interrupts": results}, indent=2))
            return
        runs: dict[str, list[dict[str, float]]] = {"clean": [], "hostile": []}
        for n in range(args.runs):
            for name, day in (("clean", clean), ("hostile", hostile_day)):
                result = _run(_command(day, root / f"out-{name}-{n}", args.real), env)
                runs[name].append(result)
                print(name, result, file=sys.stderr)
        summary = {
            name: {
                "median_seconds": statistics.median(r["seconds"] for r in rs),
                "peak_gib": max(r["peak_gib"] for r in rs),
                "exit": sorted({r["exit"] for r in rs}),
                "error_lines": sorted({r["error_lines"] for r in rs}),
            }
            for name, rs in runs.items()
        }
        ratios = [h["seconds"] / c["seconds"] for c, h in zip(runs["clean"], runs["hostile"], strict=True)]
        summary["time_ratio"] = {
            "median": round(statistics.median(ratios), 2),
            "min": round(min(ratios), 2),
            "max": round(max(ratios), 2),
        }
        summary["model"] = "default (llama-cpp)" if args.real else "stand-in (tests/echo_cli.py)"
        print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main(sys.argv[1:])
