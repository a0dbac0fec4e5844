"""One story's failure is that story's error: the day goes on, the story keeps what succeeded."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import summarizer.pipeline as pipeline
from summarizer.abstractive import GenerationSettings
from summarizer.abstractive.llama_cpp import LlamaCppBackend
from summarizer.config import Config, load_config
from summarizer.limits import Deadline
from summarizer.models import ModelInfo, Story
from tests import fixtures
from tests.conftest import write_article

REPLY = "HEADLINE: Bridge opens\nSUMMARY: The harbour bridge in Port Elling opened on Tuesday."


class Replies:
    """Answers every prompt with REPLY, after `delay` seconds."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.calls = 0

    def info(self) -> ModelInfo:
        return ModelInfo("fake", "fake", "0" * 64)

    def generate(self, system: str, user: str, settings: GenerationSettings) -> str:
        self.calls += 1
        time.sleep(self.delay)
        return REPLY


def _day(folder: Path) -> Path:
    folder.mkdir()
    write_article(folder, "h1.txt", fixtures.HARBOUR_A, title="Bridge opens")
    write_article(folder, "h2.txt", fixtures.HARBOUR_B, title="Harbour bridge opens")
    write_article(folder, "v1.txt", fixtures.VACCINE_A, title="Malaria vaccine approved")
    write_article(folder, "v2.txt", fixtures.VACCINE_B, title="Vaccine cleared")
    return folder


def _failing_for_vaccine(real: Any) -> Any:
    def stage(story: Story, *args: Any, **kwargs: Any) -> Any:
        if any("malaria" in a.text for a in story.articles):
            raise RuntimeError("boom\nsecond line")
        return real(story, *args, **kwargs)

    return stage


@pytest.mark.parametrize("stage", ["story_quotes", "rank_story", "key_facts", "find_sides"])
def test_a_failing_stage_is_an_error_of_its_story_and_the_day_goes_on(
    stage: str, tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, stage, _failing_for_vaccine(getattr(pipeline, stage)))
    seen: list[str] = []
    result = pipeline.brief(
        [_day(tmp_path / "day")], config, backend=Replies(), on_error=lambda e: seen.append(str(e))
    )
    stories = {
        ("malaria" in s.summary.lower() or "vaccine" in s.title.lower()): s for s in result.briefing.stories
    }
    assert len(result.briefing.stories) == 2
    broken, fine = stories[True], stories[False]
    name = {"story_quotes": "quotes", "rank_story": "rank", "key_facts": "facts", "find_sides": "sides"}[
        stage
    ]
    assert broken.errors == (f"{name}: RuntimeError: boom",)
    assert fine.errors == ()
    assert broken.summary  # the story is still shown
    assert seen == [f"story {broken.id}: {name}: RuntimeError: boom"]
    (error,) = result.briefing.errors
    assert (error.story, error.path) == (broken.id, "")
    assert result.manifest["counts"]["story_errors"] == 1
    saved = json.loads((result.run_dir / "briefing.json").read_text())  # type: ignore[operator]
    assert saved["errors"] == [{"path": "", "reason": f"{name}: RuntimeError: boom", "story": broken.id}]


def test_a_failing_writer_leaves_the_extractive_summary(
    tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Any, story: Story, ranked: Any, extractive: Any) -> Any:
        raise MemoryError("out of memory")

    monkeypatch.setattr(pipeline.StoryWriter, "write", broken)
    result = pipeline.brief([_day(tmp_path / "day")], config, backend=Replies())
    for story in result.briefing.stories:
        assert story.summary_method == "extractive-fallback"
        assert story.summary == " ".join(s.text for s in story.extractive)
        assert story.errors == ("abstract: MemoryError: out of memory",)
        assert story.key_facts and story.quotes is not None


def test_generation_past_the_story_time_limit_falls_back_to_extraction(tmp_path: Path) -> None:
    config = load_config(overrides={"limits": {"story_seconds": 0.05}})
    backend = Replies(delay=0.2)
    result = pipeline.brief([_day(tmp_path / "day")], config, backend=backend)
    for story in result.briefing.stories:
        assert story.summary_method == "extractive-fallback"
        assert any("limits.story_seconds" in n for n in story.notes)
    assert backend.calls == 2  # one call a story: none started past the deadline
    assert {n.story for n in result.briefing.notes} == {s.id for s in result.briefing.stories}


def test_the_llama_backend_ends_decoding_at_the_deadline() -> None:
    class Model:
        def token_eos(self) -> int:
            return 2

    backend = LlamaCppBackend.__new__(LlamaCppBackend)
    backend._llm = Model()
    later = backend._end_at(Deadline.after(60))
    scores = np.array([0.5, 3.0, -1.0, 0.2], dtype=np.float32)
    assert later(None, scores.copy()).tolist() == scores.tolist()  # untouched before
    now = backend._end_at(Deadline(time.monotonic() - 1))
    forced = now(None, scores.copy())
    assert int(np.argmax(forced)) == 2 and np.isinf(forced[[0, 1, 3]]).all()


def test_a_story_over_the_sentence_bound_is_noted(tmp_path: Path) -> None:
    config = load_config(overrides={"limits": {"max_story_sentences": 4}})
    result = pipeline.brief([_day(tmp_path / "day")], config, backend=Replies())
    harbour = next(s for s in result.briefing.stories if "bridge" in s.summary.lower())
    assert any("limits.max_story_sentences" in n for n in harbour.notes)
    assert {f.citation.sentences[0][1] for f in harbour.key_facts if f.citation.sentences} <= {0, 1}


def test_a_limit_cut_article_is_noted_in_briefing_and_manifest(tmp_path: Path) -> None:
    config = load_config(overrides={"limits": {"max_article_chars": 200}})
    day = _day(tmp_path / "day")
    notes: list[str] = []
    result = pipeline.brief([day], config, backend=Replies(), on_note=lambda n: notes.append(str(n)))
    assert len(result.briefing.notes) == 4 and len(notes) == 4
    assert all(n.path.endswith(".txt") and "cut to its first" in n.note for n in result.briefing.notes)
    assert len(result.manifest["notes"]) == 4
    html = (result.run_dir / "briefing.html").read_text()  # type: ignore[operator]
    assert "cut to its first" in html


def test_errors_and_notes_read_back(tmp_path: Path, config: Config) -> None:
    from summarizer.models import Briefing, RunError, RunNote

    result = pipeline.brief([_day(tmp_path / "day")], config, backend=Replies())
    briefing = replace(
        result.briefing,
        errors=(RunError("a.txt", "empty file"), RunError("", "quotes: ValueError: x", story="s-1")),
        notes=(RunNote("b.txt", "cut"),),
        stories=tuple(replace(s, notes=("bounded",), errors=("facts: E",)) for s in result.briefing.stories),
    )
    assert Briefing.from_dict(json.loads(json.dumps(briefing.to_dict()))) == briefing


def test_a_story_whose_fallbacks_fail_too_is_shown_with_its_lead(
    tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("nothing works")

    monkeypatch.setattr(pipeline.StoryWriter, "write", broken)
    monkeypatch.setattr(pipeline.StoryWriter, "extractive", broken)
    result = pipeline.brief([_day(tmp_path / "day")], config, backend=Replies())
    assert len(result.briefing.stories) == 2
    for story in result.briefing.stories:
        assert story.errors == ("story: RuntimeError: nothing works",) and story.summary
    assert (result.run_dir / "briefing.html").is_file()  # type: ignore[operator]
