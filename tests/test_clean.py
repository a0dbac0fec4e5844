from __future__ import annotations

import re

import pytest

from summarizer.clean import clean_article
from summarizer.config import Config
from summarizer.ingest import read_articles
from tests.conftest import EXAMPLES, make_article

PAGE = """Menu An icon of three lines. Search An icon of a magnifying glass. Close An icon of an X shape. Share An icon of an arrow.
Harbour bridge reopens after three years

By Jane Porter
The rebuilt bridge in Port Elling carries traffic across the river (Sam Reed/Pool Photo via Wire)
The rebuilt harbour bridge opened to traffic on Tuesday, the city said.
Updated: 04/05/2024 10:31 a.m.
Bridge Port Elling Traffic
Mayor Dana Whitcombe said the crossing would cut commuting times.
Bridge Port Elling Traffic
Image default
Related posts
Leave a Comment
* By using this form you agree with the storage and handling of your data by this website.
___
Tom Hale in Port Elling contributed to this report.
Source: www.townpost.example"""


def test_boilerplate_lines_are_dropped_with_reasons(config: Config) -> None:
    result = clean_article(make_article(PAGE), config.clean)
    text = result.article.text
    assert text.splitlines() == [
        "The rebuilt harbour bridge opened to traffic on Tuesday, the city said.",
        "Mayor Dana Whitcombe said the crossing would cut commuting times.",
    ]
    reasons = {d.reason for d in result.dropped}
    assert {
        "UI or icon text",
        "byline",
        "photo caption or credit",
        "timestamp",
        "repeated tag line",
        "image placeholder",
        "related-posts line",
        "comment form",
        "consent notice",
        "contributor note",
        "source line",
        "title",
        "separator",
    } <= reasons
    assert result.article.title == "Harbour bridge reopens after three years"
    assert result.article.source == "townpost.example"


def test_dateline_is_removed_and_agency_becomes_source(config: Config) -> None:
    result = clean_article(make_article("LONDON (Reuters) - Prices rose in May, data showed."), config.clean)
    assert result.article.text == "Prices rose in May, data showed."
    assert result.article.source == "Reuters"


@pytest.mark.parametrize(
    ("opening", "kept"),
    [
        ("WASHINGTON—Lawmakers voted on Friday.", "Lawmakers voted on Friday."),
        ("PORT ELLIS, Maren—Lawmakers voted on Friday.", "Lawmakers voted on Friday."),
        ("SALTON, Ore. (AP) — Lawmakers voted on Friday.", "Lawmakers voted on Friday."),
        ("OSTRAVEN, March 19 (NW2) ― Lawmakers voted on Friday.", "Lawmakers voted on Friday."),
        ("US President Ada Korr said on Friday that talks would go on.", None),
        ("UK-EU talks resumed on Friday in Brussels.", None),
        ("US–China trade talks resumed on Friday.", None),
        ("LAKE ORVIN, Tessa, May 21 (NW2) - Lawmakers voted on Friday.", "Lawmakers voted on Friday."),
        ("CLAIM: The mayor said the bridge was safe. VERDICT: FALSE.", None),  # a label, no dateline
        ("TARNO/VELSK, 16 October (VIA) — Lawmakers voted on Friday.", "Lawmakers voted on Friday."),
        ("PORT ELLIS, Maren, 18 of February — Lawmakers voted.", "Lawmakers voted."),
        ("AC/DC played on Friday.", None),
    ],
)
def test_a_dateline_in_its_usual_forms_is_cut_and_nothing_else(
    config: Config, opening: str, kept: str | None
) -> None:
    result = clean_article(make_article(opening), config.clean)
    assert result.article.text == (kept or opening)


def test_article_without_title_gets_its_opening_words(config: Config) -> None:
    body = "U.S. officials said on Monday that talks with the union would resume next week in Chicago after a pause."
    result = clean_article(make_article(body), config.clean)
    assert result.article.title.startswith("U.S. officials said on Monday")
    assert result.article.title.endswith("…")


def test_a_brief_made_of_one_heading_keeps_its_text(config: Config) -> None:
    result = clean_article(make_article("Move follows school shooting", title="Ban announced"), config.clean)
    assert result.article.text == "Move follows school shooting"


def test_example_day_keeps_no_boilerplate(config: Config) -> None:
    """Behaviour on real pages: none of the kinds of non-news lines survive cleaning."""
    articles = read_articles([EXAMPLES], lambda e: None)
    assert len(articles) == 5
    patterns = [
        r"\bAn icon\b",
        r"\(.*Photo.*\)\s*$",
        r"^By [A-Z][a-z]+ [A-Z]",
        r"contributed to this report",
        r"article was contributed by",
        r"Leave a Comment",
        r"Related posts",
        r"agree with the storage",
        r"^Image default$",
        r"^Source:",
        r"^___$",
    ]
    for article in articles:
        cleaned = clean_article(article, config.clean).article
        assert cleaned.text.strip()
        for line in cleaned.text.splitlines():
            for pattern in patterns:
                assert not re.search(pattern, line), (article.id, pattern, line)
