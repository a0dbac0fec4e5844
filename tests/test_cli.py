from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from summarizer.cli import app
from tests import fixtures
from tests.conftest import EXAMPLES, write_article

runner = CliRunner()
REPLY = "HEADLINE: Harbour bridge opens\nSUMMARY: The harbour bridge in Port Elling opened on Tuesday."


def _day_with_bad_files(folder: Path) -> Path:
    folder.mkdir()
    write_article(folder, "h1.txt", fixtures.HARBOUR_A, title="Bridge opens")
    write_article(folder, "h2.txt", fixtures.HARBOUR_B)
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.txt").write_text("")
    rng = random.Random(5)
    (folder / "garbled.txt").write_bytes(bytes(rng.choice(range(0x80, 0x100)) for _ in range(500)))
    return folder


def test_brief_reports_each_bad_file_and_writes_the_rest(tmp_path: Path, fake_backend_registered) -> None:  # type: ignore[no-untyped-def]
    fake_backend_registered([REPLY])
    day = _day_with_bad_files(tmp_path / "day")
    result = runner.invoke(app, ["brief", str(day), "--backend", "fake", "-q"])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert sorted(errors) == sorted(
        [
            f"error: {day / 'binary.txt'}: binary file, not text",
            f"error: {day / 'empty.txt'}: empty file",
            f"error: {day / 'garbled.txt'}: unknown text encoding (not UTF-8, and no other encoding fits)",
        ]
    )
    run_dir = Path(result.stdout.strip())
    data = json.loads((run_dir / "briefing.json").read_text())
    assert [len(s["articles"]) for s in data["stories"]] == [2]
    assert len(data["errors"]) == 3
    assert "Traceback" not in result.output


def test_brief_with_no_usable_input_exits_2(tmp_path: Path, fake_backend_registered) -> None:  # type: ignore[no-untyped-def]
    fake_backend_registered([])
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["brief", str(tmp_path / "empty.txt"), "--backend", "fake"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "error: no usable articles in the inputs"
    assert not Path("outputs").exists()


def test_brief_flags_reach_the_config(tmp_path: Path, fake_backend_registered) -> None:  # type: ignore[no-untyped-def]
    backend = fake_backend_registered([REPLY])
    day = tmp_path / "day"
    day.mkdir()
    write_article(day, "h1.txt", fixtures.HARBOUR_A)
    result = runner.invoke(
        app,
        [
            "brief",
            str(day),
            "--backend",
            "fake",
            "--words",
            "45",
            "--format",
            "md",
            "--out",
            str(tmp_path / "runs"),
        ],
    )
    assert result.exit_code == 0, result.output
    run_dir = Path(result.stdout.strip())
    assert run_dir.parent == tmp_path / "runs"
    assert sorted(p.name for p in run_dir.iterdir()) == ["briefing.json", "briefing.md", "manifest.json"]
    assert "about 45 words" in backend.calls[0][1]


def test_bad_config_is_one_line_error(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[abstractive]\nwrods = 1\n")
    result = runner.invoke(app, ["brief", str(EXAMPLES), "--config", str(config)])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {config}: unknown key abstractive.wrods"


def test_clean_command_shows_dropped_lines_with_reasons() -> None:
    result = runner.invoke(app, ["clean", str(EXAMPLES / sorted(p.name for p in EXAMPLES.iterdir())[-1])])
    assert result.exit_code == 0
    assert "(comment form): Leave a Comment" in result.stdout
    assert "(consent notice)" in result.stdout


def test_models_lists_backends_and_packaged_models() -> None:
    result = runner.invoke(app, ["models"])
    assert result.exit_code == 0
    assert "llama-cpp" in result.stdout and "transformers" in result.stdout
    assert "qwen2.5-coder-1.5b-instruct-q4_k_m" in result.stdout


def test_every_command_has_help_with_an_example() -> None:
    for command in ("brief", "clean", "quotes", "models"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example: summarizer " in result.stdout


def test_installed_entry_point_answers_help() -> None:
    exe = shutil.which("summarizer") or str(Path(sys.executable).parent / "summarizer")
    completed = subprocess.run([exe, "--help"], capture_output=True, text=True, timeout=60, check=False)
    assert completed.returncode == 0
    assert "brief" in completed.stdout


def test_quotes_command_prints_one_json_line_per_document(tmp_path: Path) -> None:
    day = tmp_path / "day"
    day.mkdir()
    write_article(day, "q1.txt", "“We will rebuild the harbour within two years,” Mayor Dana Whitcombe said.")
    write_article(day, "q2.txt", "The council met on Monday and adjourned without a vote.")
    result = runner.invoke(app, ["quotes", str(day)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["doc_id"] for line in lines] == ["q1", "q2"]
    (quote,) = lines[0]["quotes"]
    assert quote["text"] == "We will rebuild the harbour within two years"
    assert quote["speaker"] == {"text": "Dana Whitcombe", "mention": "Mayor Dana Whitcombe"}
    assert lines[1]["quotes"] == []


def test_an_unexpected_error_is_one_line_without_traceback(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import summarizer.pipeline

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError("something nobody expected\nwith a second line")

    monkeypatch.setattr(summarizer.pipeline, "brief", broken)
    day = tmp_path / "day"
    day.mkdir()
    write_article(day, "h1.txt", fixtures.HARBOUR_A)
    result = runner.invoke(app, ["brief", str(day), "-q"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: unexpected ValueError: something nobody expected (run with -vv for the traceback)"
    )
