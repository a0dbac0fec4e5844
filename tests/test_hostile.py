"""The command line on a hostile day, under signals, and with a folder it cannot write: one line
per problem, no traceback, nothing half-written. Each test runs `summarizer` in its own process
with a stand-in model registered (tests/echo_cli.py)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import hostile
from tests.conftest import EXAMPLES, REPO

ECHO_CLI = Path(__file__).with_name("echo_cli.py")


def _command(*args: str) -> list[str]:
    return [sys.executable, str(ECHO_CLI), "brief", *args, "--backend", "echo", "-q"]


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), **extra}


def test_a_hostile_day_gives_one_line_per_unusable_file_and_a_briefing(tmp_path: Path) -> None:
    day = tmp_path / "day"
    expected = hostile.build(day, sorted(EXAMPLES.glob("*.txt")), huge_mb=30)
    out = tmp_path / "out"
    done = subprocess.run(
        _command(str(day), "--out", str(out)), capture_output=True, text=True, env=_env(), timeout=600
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == len(done.stderr.splitlines()) - sum(
        line.startswith("note: ") for line in done.stderr.splitlines()
    )  # nothing but error and note lines
    for name, what in expected.items():
        lines = [line for line in errors if line.startswith(f"error: {day / name}: ")]
        if what == "error":
            assert len(lines) == 1, (name, errors)
        elif what == "partial":
            assert len(lines) == 3, (name, errors)  # three bad records, one good
        else:
            assert not lines, (name, errors)
    assert len(errors) == sum(v == "error" for v in expected.values()) + 3
    assert f"note: {day / 'one-line.txt'}: article one-line: cut to its first" in done.stderr
    run_dir = Path(done.stdout.strip().splitlines()[-1])
    briefing = json.loads((run_dir / "briefing.json").read_text(encoding="utf-8"))
    used = {a["id"] for s in briefing["stories"] for a in s["articles"]}
    assert {p.stem for p in EXAMPLES.glob("*.txt")} <= used
    assert {"latin-1", "utf-16", "nul-bytes", "page", "one-line", "jl-good"} <= used
    assert "german" not in used and f"note: {day / 'german.txt'}: in German (de): set aside" in done.stderr
    assert len(briefing["errors"]) == len(errors)
    html = (run_dir / "briefing.html").read_text(encoding="utf-8")
    assert hostile.live_markup(html) == []


def _start_and_signal(tmp_path: Path, signum: int) -> tuple[subprocess.CompletedProcess[str], Path]:
    day = tmp_path / "day"
    day.mkdir()
    for path in sorted(EXAMPLES.glob("*.txt"))[:2]:
        (day / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"
    started = tmp_path / "generating"
    process = subprocess.Popen(
        _command(str(day), "--out", str(out)),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(ECHO_DELAY="600", ECHO_STARTED=str(started)),
    )
    for _ in range(6000):  # the model stage has begun once the stand-in is asked for text (a
        # loaded machine may take minutes to read, parse and rank the day before it)
        if started.exists() or process.poll() is not None:
            break
        time.sleep(0.1)
    assert started.exists(), process.communicate()[1]
    process.send_signal(signum)
    stdout, stderr = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr), out


@pytest.mark.parametrize(
    ("signum", "code", "word"), [(signal.SIGINT, 130, "interrupted"), (signal.SIGTERM, 143, "terminated")]
)
def test_a_signal_during_the_model_stage_ends_the_run_with_nothing_written(
    tmp_path: Path, signum: int, code: int, word: str
) -> None:
    done, out = _start_and_signal(tmp_path, signum)
    assert done.returncode == code, done.stderr
    assert done.stderr.strip().splitlines() == [
        f"error: {word}: the briefing stopped, nothing of it was written"
    ]
    assert not out.exists() or not any(out.iterdir())


def test_a_folder_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the outputs folder should be")
    day = tmp_path / "day"
    day.mkdir()
    (day / "a.txt").write_bytes(sorted(EXAMPLES.glob("*.txt"))[0].read_bytes())
    done = subprocess.run(
        _command(str(day), "--out", str(blocker / "runs")),
        capture_output=True,
        text=True,
        env=_env(),
        timeout=600,
    )
    assert done.returncode == 2
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"error: {blocker / 'runs'}/") and "cannot write the run folder" in line
    assert blocker.read_text() == "a file where the outputs folder should be"


def test_two_runs_at_once_into_one_folder_both_land(tmp_path: Path) -> None:
    day = tmp_path / "day"
    day.mkdir()
    (day / "a.txt").write_bytes(sorted(EXAMPLES.glob("*.txt"))[0].read_bytes())
    out = tmp_path / "out"
    runs = [
        subprocess.Popen(
            _command(str(day), "--out", str(out)),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        for _ in range(2)
    ]
    results = [p.communicate(timeout=600) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], results
    folders = sorted(p.name for p in out.iterdir())
    assert len(folders) == 2 and not any(name.startswith(".") for name in folders)
    for folder in folders:
        assert json.loads((out / folder / "briefing.json").read_text())["run_id"] == folder
