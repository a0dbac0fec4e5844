from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.compare import compare, rouge_l, timeline, word_diff
from summarizer.config import load_config
from summarizer.embeddings import Embedder
from summarizer.models import ModelInfo
from summarizer.pipeline import brief
from summarizer.runs import RunNotFound, load_run, resolve_run
from tests import fixtures
from tests.conftest import FakeBackend, write_article

T0 = datetime(2024, 5, 1, 9, 0, tzinfo=timezone.utc)
FIRST = "HEADLINE: Harbour bridge opens\nSUMMARY: The harbour bridge in Port Elling opened on Tuesday after three years."
SECOND = (
    "HEADLINE: Harbour bridge opens\nSUMMARY: The rebuilt harbour bridge in Port Elling opened on Tuesday."
)
VACCINE = (
    "HEADLINE: Malaria vaccine approved\nSUMMARY: Norland approved a malaria vaccine for children on Monday."
)


class OtherModel(FakeBackend):
    def info(self) -> ModelInfo:
        return ModelInfo("fake", "other-model", "1" * 64)


def _day(folder: Path, *names: str) -> Path:
    folder.mkdir(exist_ok=True)
    texts = {
        "h1": fixtures.HARBOUR_A,
        "h2": fixtures.HARBOUR_B,
        "v1": fixtures.VACCINE_A,
        "v2": fixtures.VACCINE_B,
    }
    for name in names:
        write_article(folder, f"{name}.txt", texts[name])
    return folder


@pytest.fixture
def two_runs(tmp_path: Path) -> tuple[Path, Path]:
    day = _day(tmp_path / "day", "h1", "h2")
    config = load_config()
    first = brief([day], config, backend=FakeBackend([FIRST]), now=T0).run_dir
    changed = load_config(overrides={"abstractive": {"words": 50}})
    second = brief([day], changed, backend=OtherModel([SECOND]), now=T0 + timedelta(minutes=5)).run_dir
    assert first and second
    return first, second


def test_same_input_two_outputs_is_one_continuing_story_with_a_diff(two_runs: tuple[Path, Path]) -> None:
    a, b = (load_run(str(p), Path("outputs")) for p in two_runs)
    result = compare(a, b)
    assert result["overview"] == {"new": 0, "dropped": 0, "changed": 1, "unchanged": 0}
    (story,) = result["stories"]
    assert story["label"] == "continuing"
    assert {"op": "insert", "text": "rebuilt"} in story["summary_diff"]
    assert {"op": "delete", "text": "after three years."} in story["summary_diff"] or any(
        op["op"] == "delete" and "three years" in op["text"] for op in story["summary_diff"]
    )
    assert 0.5 < story["similarity"] < 1.0
    made = result["how_made"]
    assert made["model"]["name"] == ["fake-model", "other-model"]
    assert made["config"]["abstractive.words"] == [70, 50]


def test_an_extra_articles_story_is_new(tmp_path: Path) -> None:
    day = _day(tmp_path / "day", "h1", "h2")
    config = load_config()
    first = brief([day], config, backend=FakeBackend([FIRST]), now=T0).run_dir
    _day(day, "v1", "v2")
    second = brief([day], config, backend=FakeBackend([FIRST, VACCINE]), now=T0 + timedelta(hours=1)).run_dir
    result = compare(load_run(str(first), Path("outputs")), load_run(str(second), Path("outputs")))
    assert result["overview"] == {"new": 1, "dropped": 0, "changed": 0, "unchanged": 1}
    assert [s["b"]["title"] for s in result["stories"] if s["label"] == "new"] == ["Malaria vaccine approved"]
    assert sorted(result["how_made"]["inputs"]["added"]) == ["v1", "v2"]


def test_latest_and_previous_resolve_by_time(two_runs: tuple[Path, Path]) -> None:
    first, second = two_runs
    assert resolve_run("latest", Path("outputs")) == second / "briefing.json"
    assert resolve_run("previous", Path("outputs")) == first / "briefing.json"
    assert resolve_run(first.name, Path("outputs")) == first / "briefing.json"


def test_missing_and_corrupt_briefings_are_one_clear_error(
    two_runs: tuple[Path, Path], tmp_path: Path
) -> None:
    first, second = two_runs
    (second / "briefing.json").write_text("{not json")
    with pytest.raises(RunNotFound, match="corrupt JSON"):
        load_run(str(second), Path("outputs"))
    result = CliRunner().invoke(app, ["compare", str(first), str(second)])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1
    result = CliRunner().invoke(app, ["compare", "nope", "latest"])
    assert "nope: no such run folder" in result.stderr


def test_cli_html_report_marks_insertions_and_deletions(two_runs: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["compare", "previous", "latest", "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text()
    assert "<ins>rebuilt</ins>" in html and "<del>" in html
    assert "model name: fake-model → other-model" in html
    data = json.loads(CliRunner().invoke(app, ["compare", "previous", "latest", "--format", "json"]).stdout)
    assert data["overview"]["changed"] == 1


def test_runs_lists_newest_first(two_runs: tuple[Path, Path]) -> None:
    result = CliRunner().invoke(app, ["runs", "--json"])
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in rows] == [two_runs[1].name, two_runs[0].name]
    assert rows[0]["model"] == "other-model" and rows[0]["stories"] == 1 and rows[0]["sent"] is False


def test_timeline_links_a_story_across_days_by_meaning(tmp_path: Path) -> None:
    config = load_config()
    day1 = brief([_day(tmp_path / "d1", "h1")], config, backend=FakeBackend([FIRST]), now=T0).run_dir
    day2 = brief(
        [_day(tmp_path / "d2", "h2")], config, backend=FakeBackend([SECOND]), now=T0 + timedelta(days=1)
    ).run_dir
    runs = [load_run(str(day1), Path("outputs")), load_run(str(day2), Path("outputs"))]
    (line,) = timeline(runs, Embedder().encode)
    written = [  # each run's model summary opens its entry (then source sentences fill it to length)
        "The harbour bridge in Port Elling opened on Tuesday after three years.",
        "The rebuilt harbour bridge in Port Elling opened on Tuesday.",
    ]
    assert [e["summary"][: len(w)] for e, w in zip(line["entries"], written, strict=True)] == written


def test_diff_and_rouge_helpers() -> None:
    assert word_diff("a b c", "a x c") == [
        {"op": "equal", "text": "a"},
        {"op": "delete", "text": "b"},
        {"op": "insert", "text": "x"},
        {"op": "equal", "text": "c"},
    ]
    assert rouge_l("the cat sat", "the cat sat") == 1.0
    assert rouge_l("the cat sat", "a dog ran") == 0.0
