from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summarizer.config import Config, load_config
from summarizer.pipeline import NoUsableInput, brief
from tests import fixtures
from tests.conftest import EXAMPLES, FakeBackend, write_article

GOOD = (
    "HEADLINE: Officials meet for talks\n"
    "SUMMARY: Officials from the United States and China met in Beijing on Sunday for talks."
)


def test_example_day_is_one_story_with_every_article(config: Config) -> None:
    backend = FakeBackend([GOOD])
    result = brief([EXAMPLES], config, backend=backend)
    data = result.briefing.to_dict()
    assert len(data["stories"]) == 1
    story = data["stories"][0]
    assert len(story["articles"]) == 5
    assert story["summary_method"] == "abstractive"
    assert {
        "id",
        "title",
        "summary",
        "summary_method",
        "articles",
        "key_facts",
        "quotes",
        "sides",
        "discrepancies",
    } <= set(story)
    assert all(
        set(a)
        == {
            "id",
            "path",
            "source",
            "label",
            "title",
            "url",
            "date",
            "quality",
            "teaser_only",
            "translated_from",
        }
        for a in story["articles"]
    )
    assert all(0 < a["quality"]["score"] <= 1 for a in story["articles"])
    assert sum(1 for a in story["articles"] if a["quality"]["copy_kind"] == "reworded") >= 1, (
        "the synonym-spun copy is found"
    )
    assert story["guard"]["checked"] >= 1 and data["guard"]["checked"] == story["guard"]["checked"]
    # The model saw ranked sentences, not page furniture.
    prompt = backend.calls[0][1]
    for junk in (
        "An icon of",
        "Leave a Comment",
        "contributed to this report",
        "Pool Photo",
        "Related posts",
    ):
        assert junk not in prompt


def test_example_day_is_dated_by_its_news_and_cites_no_file_hash(config: Config) -> None:
    result = brief([EXAMPLES], config, backend=FakeBackend([GOOD]))
    data = result.briefing.to_dict()
    assert data["news_date"] == "2023-06-18/19" and data["generated_at"][:4] != "2023"
    labels = [a["label"] for a in data["stories"][0]["articles"]]
    assert not [x for x in labels if re.search(r"[0-9a-f]{12}", x)], labels
    assert result.run_dir is not None
    markdown = (result.run_dir / "briefing.md").read_text()
    assert markdown.startswith("# Briefing 2023-06-18/19")
    assert not re.search(r"\b\d{3}\\?_[0-9a-f]{16}\b(?!\.txt)", markdown)  # stems only as paths


def test_run_folder_holds_briefing_and_manifest(config: Config) -> None:
    result = brief([EXAMPLES], config, backend=FakeBackend([GOOD]))
    folder = result.run_dir
    assert folder is not None and folder.parent == Path("outputs")
    assert sorted(p.name for p in folder.iterdir()) == [
        "briefing.html",
        "briefing.json",
        "briefing.md",
        "manifest.json",
    ]
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["model"]["name"] == "fake-model"
    assert [p["name"] for p in manifest["prompts"]] == ["summary", "summary_strict"]
    assert all(re.fullmatch(r"[0-9a-f]{64}", p["sha256"]) for p in manifest["prompts"])
    assert len(manifest["inputs"]) == 5 and all(i["fingerprint"] for i in manifest["inputs"])
    assert {"ingest", "clean", "sentences", "group", "rank", "abstract"} <= set(manifest["timings"])
    assert manifest["counts"]["stories"] == 1
    html = (folder / "briefing.html").read_text()
    md = (folder / "briefing.md").read_text()
    for junk in (
        "An icon of",
        "Leave a Comment",
        "contributed to this report",
        "Pool Photo",
        "By using this form",
    ):
        assert junk not in html and junk not in md


def test_stories_of_a_mixed_day_and_max_stories(tmp_path: Path) -> None:
    day = tmp_path / "day"
    day.mkdir()
    for name, text in [
        ("h1", fixtures.HARBOUR_A),
        ("h2", fixtures.HARBOUR_B),
        ("v1", fixtures.VACCINE_A),
        ("v2", fixtures.VACCINE_B),
        ("lone", fixtures.LONE),
    ]:
        write_article(day, f"{name}.txt", text)
    outputs = [
        "HEADLINE: Harbour bridge opens\nSUMMARY: The harbour bridge in Port Elling opened on Tuesday.",
        "HEADLINE: Malaria vaccine approved\nSUMMARY: Norland approved a malaria vaccine for children on Monday.",
    ]
    config = load_config(overrides={"output": {"max_stories": 2}})
    result = brief([day], config, backend=FakeBackend(outputs))
    titles = [s.title for s in result.briefing.stories]
    assert titles == ["Harbour bridge opens", "Malaria vaccine approved"]


def test_no_usable_input_raises_and_writes_nothing(tmp_path: Path, config: Config) -> None:
    (tmp_path / "empty.txt").write_text("")
    with pytest.raises(NoUsableInput):
        brief([tmp_path / "empty.txt"], config, backend=FakeBackend([]))
    assert not Path("outputs").exists()


def test_example_day_sides_positions_common_ground_and_quote_sides(config: Config) -> None:
    story = brief([EXAMPLES], config, backend=FakeBackend([GOOD]), write=False).briefing.to_dict()["stories"][
        0
    ]
    sides = story["sides"]
    assert len(sides) == 2
    for side in sides:
        assert len(side["actors"]) >= 3 and len(side["positions"]) >= 3
        assert all(p["sources"] for p in side["positions"])
    names = {s["name"] for s in sides}
    assert all(q["side"] in names for q in story["quotes"] if q["speaker"]), "every quote has its side"
    pairs = [g for g in story["common_ground"] if g["statements"]]
    assert pairs and set(pairs[0]["sides"]) == names, "parallel statements of the two sides"
