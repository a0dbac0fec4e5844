from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from summarizer import runs
from summarizer.models import Briefing, ModelInfo
from summarizer.runs import new_run_id, write_atomic, write_run

BRIEFING = Briefing("r", "2024-05-01T00:00:00+00:00", ModelInfo("fake", "m"), ()).to_dict()


def test_run_ids_sort_by_time() -> None:
    early = new_run_id(datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc), "x")
    late = new_run_id(datetime(2024, 5, 1, 10, 0, tzinfo=timezone.utc), "x")
    assert early < late and early.startswith("20240501T090000Z-")


def test_write_run_writes_every_file(tmp_path: Path) -> None:
    folder = write_run(tmp_path / "outputs", "r1", BRIEFING, {"run_id": "r1"}, ("md", "html", "json"))
    assert sorted(p.name for p in folder.iterdir()) == [
        "briefing.html",
        "briefing.json",
        "briefing.md",
        "manifest.json",
    ]
    assert json.loads((folder / "briefing.json").read_text())["schema"] == "summarizer.briefing/2"


def test_a_failed_render_leaves_no_run_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: dict, fmt: str) -> str:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(runs, "render", broken)
    with pytest.raises(RuntimeError):
        write_run(tmp_path / "outputs", "r2", BRIEFING, {}, ("md",))
    assert list((tmp_path / "outputs").iterdir()) == []


def test_write_atomic_keeps_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    write_atomic(target, "old")

    class Boom(str):
        def encode(self, *args: object) -> bytes:
            raise OSError("no space")

    with pytest.raises(OSError):
        write_atomic(target, Boom("new"))
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.txt"]


def test_a_full_disk_is_one_error_and_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    real = runs.write_atomic

    def filling(path: Path, data: str | bytes) -> None:
        if path.name == "manifest.json":
            raise OSError(errno.ENOSPC, "No space left on device")
        real(path, data)

    monkeypatch.setattr(runs, "write_atomic", filling)
    with pytest.raises(runs.RunWriteError, match=r"r3: cannot write the run folder: No space left on device"):
        write_run(tmp_path / "outputs", "r3", BRIEFING, {}, ("md",))
    assert list((tmp_path / "outputs").iterdir()) == []


def test_a_finished_run_is_never_replaced(tmp_path: Path) -> None:
    first = write_run(tmp_path / "outputs", "r4", BRIEFING, {"n": 1}, ("md",))
    with pytest.raises(runs.RunWriteError, match="a run folder of this id exists"):
        write_run(tmp_path / "outputs", "r4", BRIEFING, {"n": 2}, ("md",))
    assert json.loads((first / "manifest.json").read_text()) == {"n": 1}
    assert [p.name for p in (tmp_path / "outputs").iterdir()] == ["r4"]


def test_run_ids_of_one_second_and_one_day_differ() -> None:
    now = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)
    assert len({new_run_id(now, "same inputs") for _ in range(50)}) == 50
