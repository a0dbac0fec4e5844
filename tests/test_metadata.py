"""Outlets and dates: read from what an article carries, never invented."""

from __future__ import annotations

from dataclasses import replace

import pytest

from summarizer.clean import clean_article
from summarizer.config import Config
from summarizer.metadata import iso_date, label, news_period, outlet_in_byline
from tests.conftest import make_article


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("By Reuters", "Reuters"),
        ("By Agence France-Presse", "AFP"),
        ("By Maria Lopez, The Associated Press", "Associated Press"),
        ("By Tom Reed | Valley Gazette", "Valley Gazette"),
        ("By AFP staff", "AFP"),
        ("By Tom Reed and Ana Diaz", ""),  # people only
        ("By Tom Reed", ""),
    ],
)
def test_a_byline_names_an_outlet_only_when_it_holds_one(line: str, outlet: str) -> None:
    assert outlet_in_byline(line) == outlet


@pytest.mark.parametrize(
    ("value", "day"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T23:10:00Z", "2024-03-05"),
        ("Tue, 05 Mar 2024 09:00:00 GMT", "2024-03-05"),  # RSS
        ("March 5, 2024", "2024-03-05"),
        ("5 March 2024", "2024-03-05"),
        ("Updated: 03/05/2024 10:15 a.m.", "2024-03-05"),  # month first where both could be
        ("Published 25/03/2024", "2024-03-25"),  # a first number over 12 is the day
        ("05.03.2024", "2024-03-05"),  # dots: day.month
        ("2024-02-30", ""),
        ("yesterday", ""),
    ],
)
def test_dates_are_read_in_the_forms_news_prints(value: str, day: str) -> None:
    assert iso_date(value) == day


def test_the_news_period_is_the_busiest_day_and_its_neighbours() -> None:
    dates = ["2024-03-05", "2024-03-06", "2024-03-06", "2024-03-01", "", "not a date"]
    assert news_period(dates) == "2024-03-05/06"  # the preview of March 1 is not in the span
    assert news_period(["2024-03-31", "2024-04-01"]) == "2024-03-31/04-01"
    assert news_period(["2024-12-31", "2025-01-01"]) == "2024-12-31/2025-01-01"
    assert news_period(["2024-03-05"]) == "2024-03-05"
    assert news_period(["", "n/a"]) == ""


def test_an_unnamed_article_is_cited_by_its_title_not_its_file_name() -> None:
    assert label("Reuters", "Anything", "a1f3c9") == "Reuters"
    assert (
        label("", "Council votes to close the town pool for good", "a1f3c9")
        == "“Council votes to close the town…”"
    )
    assert label("", "", "a1f3c9") == "a1f3c9"


def test_cleaning_reads_the_outlet_and_date_from_dropped_lines(config: Config) -> None:
    text = "By Press Association\nUpdated: 14 May 2024 09:12\nThe council voted on Monday to close the pool."
    cleaned = clean_article(make_article(text), config.clean).article
    assert cleaned.text == "The council voted on Monday to close the pool."
    assert (cleaned.source, cleaned.date) == ("PA Media", "2024-05-14")


def test_the_input_s_own_source_and_date_win(config: Config) -> None:
    text = "By Reuters\nUpdated: 14 May 2024 09:12\nThe council voted on Monday to close the pool."
    article = make_article(text, source="Valley Gazette", date="Tue, 14 May 2024 18:00:00 +0000")
    cleaned = clean_article(article, config.clean).article
    assert (cleaned.source, cleaned.date) == ("Valley Gazette", "2024-05-14")


def test_the_url_host_names_an_article_nothing_else_names(config: Config) -> None:
    article = replace(
        make_article("The council voted on Monday to close the pool."), url="https://www.valley.example/a/1"
    )
    assert clean_article(article, config.clean).article.source == "valley.example"
    unnamed = clean_article(make_article("The council voted on Monday to close the pool."), config.clean)
    assert unnamed.article.source == ""


def test_a_dateline_agency_is_shown_under_its_one_name(config: Config) -> None:
    cleaned = clean_article(make_article("DENVER (AP) — The council voted to close the pool."), config.clean)
    assert cleaned.article.source == "Associated Press"
