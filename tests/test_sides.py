from __future__ import annotations

import pytest

from summarizer.embeddings import Embedder
from summarizer.models import Story
from summarizer.quotes import load_nlp, parse, story_quotes
from summarizer.sentences import split_article
from summarizer.sides import affiliation, find_sides
from tests.conftest import make_article

DIPLOMACY = (
    "Norland's foreign minister Ada Vik met Estovian officials in the capital on Monday.\n"
    "The Norwegian-born minister said her country wanted open trade routes.\n"
    "The Norland embassy said the talks were useful and demanded the release of two detained sailors.\n"
    "Estovia's prime minister Ivo Tamm rejected the demand and accused Norland of spying.\n"
    "The Estovian foreign ministry said the sailors had broken the law.\n"
    "“We will not be lectured by anyone,” Tamm told reporters.\n"
    "Both sides agreed to keep talking next month."
)

DOMESTIC = (
    "Greenfield Energy said on Tuesday it would appeal the fine imposed by the Water Standards Board.\n"
    "The Water Standards Board said the company had polluted the river for three years.\n"
    "Greenfield Energy denied the charge and said its filters met every rule.\n"
    "The board urged the company to pay the fine within a month.\n"
    "“We followed the law at every step,” Greenfield Energy chief Mara Holt said.\n"
    "Both parties agreed to meet a mediator next week."
)


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder()


def _run(text: str, embedder: Embedder):  # type: ignore[no-untyped-def]
    article = make_article(text, id="a")
    story = Story("s", (article,), tuple(split_article(article)))
    docs = parse(story.articles, load_nlp())
    quotes = story_quotes(story.articles, docs=docs)
    return find_sides(story, quotes, docs, embedder.encode)


def test_affiliation_reads_countries_and_nationalities() -> None:
    assert affiliation("U.S. Secretary of State") == "United States"
    assert affiliation("the Chinese foreign ministry") == "China"
    assert affiliation("Mayor Dana Whitcombe") is None


def test_domestic_story_sides_without_country_names(embedder: Embedder) -> None:
    sides, ground, _ = _run(DOMESTIC, embedder)
    names = [s["name"] for s in sides]
    assert "Greenfield Energy" in names and any("Board" in n or "board" in n for n in names)
    company = next(s for s in sides if s["name"] == "Greenfield Energy")
    assert any("denied" in p["text"] for p in company["positions"])
    board = next(s for s in sides if s is not company)
    assert all("denied" not in p["text"] for p in board["positions"]), (
        "a statement must not go to the wrong side"
    )
    assert any("Both parties" in g["text"] for g in ground)
    assert all(p["sources"] == ["a"] for s in sides for p in s["positions"])


def test_reported_speech_is_a_position_and_quotes_carry_their_side(embedder: Embedder) -> None:
    sides, _, quotes = _run(DOMESTIC, embedder)
    company = next(s for s in sides if s["name"] == "Greenfield Energy")
    assert any("would appeal the fine" in p["text"] for p in company["positions"])
    (quote,) = quotes
    assert quote.speaker == "Mara Holt"
    assert quote.side == "Greenfield Energy"


def test_a_story_with_one_side(embedder: Embedder) -> None:
    text = (
        "The city council said on Monday it would build a new library.\n"
        "The city council announced that the library would open in two years.\n"
        "The city council also said it would hire twenty staff."
    )
    sides, ground, _ = _run(text, embedder)
    assert len(sides) == 1 and sides[0]["name"] == "city council"
    assert len(sides[0]["positions"]) == 3 and ground == []
