"""The command line behaves like the tools people know: one error style, the documented exit
codes, values checked, formats from extensions, a user config file, a no-model mode, stdin."""

from __future__ import annotations

import io
import json
import re
import smtplib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer import __version__
from summarizer.abstractive import GenerationSettings
from summarizer.abstractive.writer import StoryWriter
from summarizer.cli import app
from summarizer.config import load_config
from summarizer.pipeline import brief
from summarizer.progress import Progress
from summarizer.prompts import load_prompt
from tests import fixtures
from tests.conftest import EXAMPLES, FakeBackend, write_article

runner = CliRunner()
REPLY = "HEADLINE: Bridge reopens\nSUMMARY: The rebuilt harbour bridge in Port Elling opened on Tuesday."


def errors_of(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def test_version_and_short_help() -> None:
    assert runner.invoke(app, ["--version"]).stdout.strip() == f"summarizer {__version__}"
    helped = runner.invoke(app, ["-h"])
    assert helped.exit_code == 0 and "Exit codes: 0 done; 1" in helped.stdout
    assert runner.invoke(app, ["brief", "-h"]).exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["brief", "examples", "--max-stories", "-1"],
        ["brief", "examples", "--max-stories", "x"],
        ["nosuch"],
        ["compare", "a", "b", "--format", "pdf"],
        ["cache", "explode"],
        ["fetch", "feed.xml", "--out", "day", "--since", "soon"],
    ],
)
def test_usage_errors_are_one_error_line_and_exit_2(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    lines = errors_of(result.stderr)
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Error:" not in result.output


@pytest.fixture
def two_runs(fake_backend_registered) -> Path:  # type: ignore[no-untyped-def]
    fake_backend_registered([REPLY] * 4)
    day = Path("day")
    day.mkdir()
    write_article(day, "a.txt", fixtures.HARBOUR_A, title="Bridge reopens")
    for _ in range(2):
        assert runner.invoke(app, ["brief", str(day), "--backend", "fake", "-q", "--no-cache"]).exit_code == 0
    return Path("outputs")


def test_compare_takes_its_format_from_the_out_file(two_runs: Path) -> None:
    result = runner.invoke(app, ["compare", "previous", "latest", "--out", "changes.html"])
    assert result.exit_code == 0, result.output
    assert Path("changes.html").read_text().lstrip().startswith("<!DOCTYPE html>")
    mismatch = runner.invoke(app, ["compare", "previous", "latest", "--out", "x.md", "--format", "html"])
    assert mismatch.exit_code == 2 and "x.md names a .md file but --format is html" in mismatch.stderr
    assert not Path("x.md").exists()


def test_send_without_a_mail_server_says_what_to_set_at_once(
    two_runs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_connection(*args: object, **kwargs: object) -> None:
        raise AssertionError("no connection may be tried")

    monkeypatch.setattr(smtplib, "SMTP", no_connection)
    result = runner.invoke(app, ["send", "latest", "--to", "ann@example.org"])
    assert result.exit_code == 2
    (line,) = errors_of(result.stderr)
    assert (
        line.startswith("error: ")
        and ": no mail server set: set host" in line
        and "SUMMARIZER_EMAIL_HOST" in line
    )


@pytest.mark.parametrize(
    "address", ["ann", "ann@", "@example.org", "ann@@example.org", "a b@example.org", "a@x.org, b@y.org"]
)
def test_addresses_are_checked(two_runs: Path, address: str) -> None:
    result = runner.invoke(app, ["send", "latest", "--to", address, "--dry-run"])
    assert result.exit_code == 2 and "not one email address" in result.stderr
    assert (
        runner.invoke(app, ["send", "latest", "--to", "Ann Lee <ann@example.org>", "--dry-run"]).exit_code
        == 0
    )


def test_runs_says_when_there_is_nothing(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["runs", "--runs-dir", str(tmp_path / "missing")])
    assert missing.exit_code == 2 and "no such folder" in missing.stderr
    (tmp_path / "empty").mkdir()
    empty = runner.invoke(app, ["runs", "--runs-dir", str(tmp_path / "empty")])
    assert empty.exit_code == 0 and "no runs in" in empty.stderr


def test_the_user_config_file_is_read_and_shown(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    user = tmp_path / "conf" / "config.toml"
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(user))
    assert runner.invoke(app, ["config", "path"]).stdout.strip() == str(user)
    assert load_config().abstractive.words == 70
    user.parent.mkdir()
    user.write_text("[abstractive]\nwords = 55\n")
    assert load_config().abstractive.words == 55
    shown = runner.invoke(app, ["config", "show"])
    assert shown.exit_code == 0 and "words = 55" in shown.stdout
    assert load_config(overrides={"abstractive": {"words": 90}}).abstractive.words == 90  # flags win
    user.write_text("[abstractive]\nwordz = 55\n")
    broken = runner.invoke(app, ["config", "show"])
    assert broken.exit_code == 2 and f"error: {user}: unknown key abstractive.wordz" in broken.stderr


def test_config_edit_makes_the_file_and_opens_the_editor(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    user = tmp_path / "config.toml"
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(user))
    monkeypatch.setenv("EDITOR", "true")
    assert runner.invoke(app, ["config", "edit"]).exit_code == 0
    assert "summarizer config show" in user.read_text()


@pytest.mark.parametrize("words", [40, 70, 120])
def test_a_long_draft_is_cut_to_the_words_asked_for(words: int) -> None:
    sentence = (
        "The rebuilt harbour bridge in Port Elling opened to traffic on Tuesday after three years of work."
    )
    draft = f"HEADLINE: Bridge reopens\nSUMMARY: {' '.join([sentence] * 20)}"
    backend = FakeBackend([draft])
    settings = load_config()
    writer = StoryWriter(
        backend,
        load_prompt("summary"),
        load_prompt("summary_strict"),
        GenerationSettings(200, 0, 1, 0),
        words,
    )
    from summarizer.pipeline import story_context

    context = story_context(load_config(overrides={"abstractive": {"words": words}}), backend, None)  # type: ignore[arg-type]
    assert context.writer.settings.max_new_tokens >= int(words * 1.2 * 4 / 3)
    from summarizer.embeddings import Embedder
    from summarizer.pipeline import Timings, group, prepare

    day = Path("d")
    day.mkdir()
    write_article(day, "a.txt", " ".join([sentence] * 3) + " " + fixtures.HARBOUR_A, title="Bridge reopens")
    prepared = prepare([day], settings, lambda e: None, Timings())
    (story,) = group(prepared, Embedder(), settings)
    written = writer.write(story, list(story.sentences), list(story.sentences[:2]))
    assert written.summary_method in ("abstractive", "repaired")
    assert len(written.summary.split()) <= words * 1.2


def test_no_model_briefs_from_the_sources_alone(tmp_path: Path) -> None:
    result = runner.invoke(app, ["brief", str(EXAMPLES), "--no-model", "-q", "--no-cache"])
    assert result.exit_code == 0, result.output
    run = Path(result.stdout.strip().splitlines()[-1])
    data = json.loads((run / "briefing.json").read_text())
    assert data["model"]["backend"] == "none"
    assert {s["summary_method"] for s in data["stories"]} == {"extractive"}
    assert json.loads((run / "manifest.json").read_text())["counts"]["extractive"] == len(data["stories"])
    assert "no model was used" in (run / "briefing.md").read_text()


def test_standard_input_is_an_input() -> None:
    text = "title: Bridge reopens\n\n" + fixtures.HARBOUR_A
    result = runner.invoke(app, ["brief", "-", "--no-model", "-q", "--no-cache"], input=text)
    assert result.exit_code == 0, result.output
    run = Path(result.stdout.strip().splitlines()[-1])
    data = json.loads((run / "briefing.json").read_text())
    assert [a["title"] for s in data["stories"] for a in s["articles"]] == ["Bridge reopens"]
    records = "\n".join(
        json.dumps({"id": f"r{n}", "title": "Bridge", "text": fixtures.HARBOUR_A}) for n in (1, 2)
    )
    as_jsonl = runner.invoke(app, ["brief", "-", "--no-model", "-q", "--no-cache"], input=records)
    assert as_jsonl.exit_code == 0, as_jsonl.output


def test_progress_is_silent_off_a_terminal_and_shows_every_stage_on_one(config, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    day = tmp_path / "day"
    day.mkdir()
    write_article(day, "a.txt", fixtures.HARBOUR_A, title="Bridge reopens")
    quiet = io.StringIO()
    brief([day], config, backend=FakeBackend([REPLY]), progress=Progress(stream=quiet), write=False)
    assert quiet.getvalue() == ""
    shown = io.StringIO()
    stages: list[str] = []
    rates: list[str] = []
    progress = Progress(enabled=True, stream=shown)
    detail, rate = progress.detail, progress.rate
    progress.detail = lambda extra: (stages.append(extra), detail(extra))[1]  # type: ignore[method-assign]
    progress.rate = lambda text: (rates.append(text), rate(text))[1]  # type: ignore[method-assign]
    brief([day], config, backend=FakeBackend([REPLY]), progress=progress)
    text = shown.getvalue()
    for stage in ("reading", "grouping", "summarizing stories", "writing"):
        assert stage in text
    assert re.search(r"\d:\d\d:\d\d", text), "elapsed time and an estimate are shown"
    assert {"ranking", "writing", "quotes", "sides", "facts"} <= set(stages)
    assert rates and all(r.startswith("model ") and r.endswith(" tokens/s") for r in rates)
    progress.note("note: a line above")
    assert "note: a line above\n" in shown.getvalue()
