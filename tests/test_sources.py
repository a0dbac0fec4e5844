from __future__ import annotations

from dataclasses import replace

import pytest

from summarizer.embeddings import Embedder
from summarizer.models import SourceQuality, Story
from summarizer.pipeline import story_vectors
from summarizer.rank import select
from summarizer.sentences import split_article
from summarizer.sources import find_copies, signals, weigh
from tests import fixtures
from tests.conftest import make_article

ORIGINAL = """The city of Marlow Bay will close its oldest coal plant in April, the council said on Monday.
The plant has supplied power to the region for 60 years and employs 300 workers.
Council leader Ines Varga said every worker would be offered a job at the new solar farm.
The solar farm, built by Tellan Power, will open next to the plant in the same month.
Environmental groups welcomed the decision but said it came too late for the river.
Local shops fear the closure will hurt business in the town centre."""

# The same text, reworded by a synonym spinner (with the slips such tools leave).
SPUN = """The city of Marlow Bay will shut its eldest coal facility in April, the council stated on Monday.
The facility has equipped energy to the area for 60 years and employs 300 staff.
Council chief Ines Varga stated each employee could be supplied an job on the brand new photo voltaic farm.
The photo voltaic farm, constructed by Tellan Power, will open subsequent to the facility in the identical month.
Environmental teams welcomed the choice however stated it got here too late for the river.
Native retailers concern the closure will harm enterprise in the city centre."""


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder()


def _story(*texts: str) -> Story:
    articles = tuple(make_article(t, id=f"a{n}", source=f"Outlet {n}") for n, t in enumerate(texts))
    return Story("s", articles, tuple(s for a in articles for s in split_article(a)))


def _quality(story: Story, embedder: Embedder) -> dict[str, SourceQuality]:
    vectors = story_vectors(story, embedder)
    story = replace(story, quality=tuple(signals(a, len(a.text)) for a in story.articles))
    return {q.article_id: q for q in find_copies(story, vectors)}


def test_signals_boilerplate_language_and_slips() -> None:
    clean = signals(make_article(ORIGINAL), len(ORIGINAL))
    assert clean.boilerplate == 0 and clean.english > 0.9 and clean.slips_per_1000 == 0
    padded = signals(make_article(ORIGINAL), 3 * len(ORIGINAL))
    assert padded.boilerplate == pytest.approx(2 / 3, abs=0.01) and padded.score < clean.score
    german = "Die Stadt will das alte Kohlekraftwerk im April schließen, sagte der Rat am Montag. " * 4
    assert signals(make_article(german), len(german)).score < clean.score - 0.3
    assert signals(make_article(SPUN), len(SPUN)).slips_per_1000 > 0


def test_spun_copy_is_found_marked_and_loses_the_wording(embedder: Embedder) -> None:
    story = _story(SPUN, ORIGINAL, fixtures.HARBOUR_A)
    quality = _quality(story, embedder)
    assert quality["a0"].copy_of == "a1" and quality["a0"].copy_kind == "reworded"
    assert not quality["a1"].copy_of and not quality["a2"].copy_of
    assert quality["a0"].score < quality["a1"].score
    # Ranking with equal scores for every sentence: the clean copy's wording is chosen.
    vectors = story_vectors(story, embedder)
    flat = {s: 1.0 for s in story.sentences if s.article_id != "a2"}
    chosen = select(weigh(flat, quality.values()), 60, story, vectors, mmr_lambda=0.5)
    assert chosen and all(s.article_id == "a1" for s in chosen)


def test_syndicated_copy_is_credited_to_its_outlet(embedder: Embedder) -> None:
    reprint = "MARLOW BAY (Wire) " + ORIGINAL.replace("on Monday", "on Monday morning")
    quality = _quality(_story(ORIGINAL, reprint), embedder)
    assert quality["a1"].copy_of == "a0" and quality["a1"].copy_kind == "syndicated"
    assert quality["a1"].score == pytest.approx(quality["a0"].score, abs=0.05), "a reprint is not penalised"


def test_independent_reports_of_one_event_are_not_copies(embedder: Embedder) -> None:
    quality = _quality(_story(fixtures.HARBOUR_A, fixtures.HARBOUR_B, fixtures.HARBOUR_C), embedder)
    assert not any(q.copy_of for q in quality.values())


# ORIGINAL as a literal machine translation might give it back: plain, common words in an order
# no English writer would choose.
TRANSLATED = """The city of Marlow Bay will close its plant of coal more old in April, said the council the Monday.
The plant has given power to the region during 60 years and it employs 300 workers.
The leader of the council Ines Varga said that to every worker would be offered a job in the new farm solar.
The farm solar, built by Tellan Power, will open next to the plant in the same month.
The groups environmental welcomed the decision but said that it came too late for the river.
The shops local fear that the closure will hurt the business in the centre of the town."""

# An independent report of the same news, in its own words.
REPORT = """Environmental groups welcomed the decision but said it came too late for the river.
Tellan Power will build a solar farm on the land next to the plant, with 80 jobs at first.
Marlow Bay's oldest coal plant will close in April, the town council said on Monday.
Union officials asked for written guarantees for all 300 workers.
Council leader Ines Varga said every worker would be offered a job."""


def test_translated_copy_is_the_derived_one_though_its_words_are_plainer(embedder: Embedder) -> None:
    story = _story(TRANSLATED, ORIGINAL, REPORT)
    quality = _quality(story, embedder)
    assert quality["a0"].english >= quality["a1"].english, "the translation's words are as common"
    assert quality["a0"].copy_of == "a1" and quality["a0"].copy_kind == "reworded"
    assert not quality["a1"].copy_of and not quality["a2"].copy_of
    assert quality["a0"].score < quality["a1"].score


def test_a_reprint_of_the_translation_does_not_make_it_the_original(embedder: Embedder) -> None:
    story = _story(TRANSLATED, ORIGINAL, REPORT, TRANSLATED.replace("Monday", "Monday morning"))
    quality = _quality(story, embedder)
    assert quality["a0"].copy_of == "a1" and quality["a0"].copy_kind == "reworded"
    assert not quality["a1"].copy_of
