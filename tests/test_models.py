"""The data model: briefings survive their JSON form exactly, and earlier schemas still read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.config import Config
from summarizer.models import SCHEMA, ArticleInfo, Briefing, Quote, SourceQuality
from summarizer.pipeline import brief
from tests.conftest import EXAMPLES, FakeBackend

_finite = st.floats(allow_nan=False, allow_infinity=False, width=32)
st.register_type_strategy(
    SourceQuality,
    st.builds(
        SourceQuality,
        score=_finite,
        boilerplate=_finite,
        english=_finite,
        slips_per_1000=_finite,
    ),
)
# An article's quality is written under the article, so it carries the article's id.
st.register_type_strategy(
    ArticleInfo,
    st.builds(ArticleInfo).flatmap(
        lambda a: (
            st.builds(ArticleInfo, id=st.just(a.id), path=st.just(a.path), quality=st.none())
            | st.builds(
                SourceQuality,
                article_id=st.just(a.id),
                score=_finite,
                boilerplate=_finite,
                english=_finite,
                slips_per_1000=_finite,
            ).map(lambda q: ArticleInfo(a.id, a.path, a.source, a.title, a.url, a.date, q))
        )
    ),
)
st.register_type_strategy(Quote, st.builds(Quote, id=st.text(min_size=1)))


def _through_json(briefing: Briefing) -> Briefing:
    return Briefing.from_dict(json.loads(json.dumps(briefing.to_dict(), ensure_ascii=False)))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(st.from_type(Briefing))
def test_any_briefing_survives_its_json(briefing: Briefing) -> None:
    assert _through_json(briefing) == briefing


def test_the_example_day_survives_its_json(config: Config) -> None:
    reply = "HEADLINE: Talks held\nSUMMARY: The two sides held talks."
    result = brief([EXAMPLES], config, backend=FakeBackend([reply] * 4), write=False)
    briefing = result.briefing
    assert briefing.stories and briefing.stories[0].quotes and briefing.stories[0].sides
    assert _through_json(briefing) == briefing
    data = briefing.to_dict()
    assert data["schema"] == SCHEMA
    story = data["stories"][0]
    assert all(f["sentences"] for f in story["key_facts"]), "every fact cites its sentences"
    assert all(q["sentences"] for q in story["quotes"] if q["sources"])
    ids = {q["id"] for q in story["quotes"]}
    assert all(set(p["quotes"]) <= ids for side in story["sides"] for p in side["positions"])


V1 = {
    "schema": "summarizer.briefing/1",
    "run_id": "20240501T100000Z-abc123",
    "generated_at": "2024-05-01T10:00:00+00:00",
    "model": {"backend": "fake", "name": "m", "sha256": ""},
    "stories": [
        {
            "id": "s1",
            "title": "Council votes",
            "summary": "The council voted.",
            "summary_method": "abstractive",
            "guard": {"checked": 1, "rejected": 0, "regenerated": 0, "replaced": 0, "dropped": 0},
            "articles": [
                {
                    "id": "a1",
                    "path": "a1.txt",
                    "source": "Post",
                    "title": "",
                    "url": "",
                    "date": "",
                    "quality": {
                        "score": 0.9,
                        "boilerplate": 0.0,
                        "english": 0.95,
                        "slips_per_1000": 0.0,
                        "words": 300,
                        "copy_of": "",
                        "copy_kind": "",
                    },
                },
            ],
            "key_facts": [
                {"text": "The vote was 7-2.", "sources": ["a1"], "outlets": 1, "single_source": True}
            ],
            "quotes": [
                {
                    "text": "We did it",
                    "speaker": "Ann Lee",
                    "speaker_mention": None,
                    "speaker_role": None,
                    "addressee": None,
                    "side": "Council",
                    "sources": ["a1"],
                    "variants": [],
                },
            ],
            "sides": [
                {
                    "name": "Council",
                    "actors": ["Ann Lee"],
                    "positions": [
                        {"text": "Lee said we did it.", "actor": "Ann Lee", "sources": ["a1"], "quotes": [0]}
                    ],
                }
            ],
            "common_ground": [],
            "discrepancies": [
                {
                    "about": "vote split (The vote was 7-2.)",
                    "versions": [{"text": "7-2", "value": "7-2", "sources": ["a1"]}],
                }
            ],
        }
    ],
    "guard": {"checked": 1, "rejected": 0, "regenerated": 0, "replaced": 0, "dropped": 0},
    "errors": [],
}


def test_a_version_1_briefing_reads() -> None:
    briefing = Briefing.from_dict(V1)
    (story,) = briefing.stories
    assert story.quotes[0].id == "q1" and story.quotes[0].speaker == "Ann Lee"
    assert story.sides[0].positions[0].quote_ids == ("q1",), "a /1 position named its quote by place"
    assert story.articles[0].quality is not None and story.articles[0].quality.article_id == "a1"
    assert story.key_facts[0].source_ids == ("a1",)
    assert story.discrepancies[0].versions[0].value == "7-2"
    assert Briefing.from_dict(briefing.to_dict()) == briefing


@pytest.mark.parametrize(
    "data",
    [{"schema": "other/1"}, {**V1, "stories": [{"id": "s"}]}, {**V1, "model": "m"}],
)
def test_what_is_not_a_briefing_is_refused(data: dict) -> None:  # type: ignore[type-arg]
    with pytest.raises(ValueError):
        Briefing.from_dict(data)


def test_a_run_folder_of_schema_1_still_lists(tmp_path: Path) -> None:
    from summarizer.runs import list_runs

    folder = tmp_path / "20240501T100000Z-abc123"
    folder.mkdir()
    (folder / "briefing.json").write_text(json.dumps(V1), encoding="utf-8")
    (row,) = list_runs(tmp_path)
    assert row["stories"] == 1 and "error" not in row
