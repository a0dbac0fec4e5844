"""Limits: files refused unread, articles cut at a sentence end, stories bounded, deadlines."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.ingest import read_file
from summarizer.limits import Deadline, bound_story, cut_article
from summarizer.models import Story
from summarizer.sentences import split_article
from tests.conftest import make_article

SENTENCE = "The council met on Tuesday and voted on the budget for the year."


def test_a_long_article_is_cut_after_its_last_whole_sentence() -> None:
    article = make_article(" ".join([SENTENCE] * 100))
    cut, note = cut_article(article, 1000)
    assert len(cut.text) <= 1000
    assert cut.text.endswith("year.")
    assert article.text.startswith(cut.text)
    assert "cut to its first" in note and "limits.max_article_chars" in note


def test_text_without_sentence_ends_is_cut_at_a_space() -> None:
    article = make_article(" ".join(["word"] * 1000))
    cut, note = cut_article(article, 101)
    assert cut.text == " ".join(["word"] * 20)
    assert note


def test_a_short_article_or_no_limit_is_left_alone() -> None:
    article = make_article(SENTENCE)
    assert cut_article(article, 1000) == (article, "")
    assert cut_article(make_article(SENTENCE * 50), 0)[1] == ""


def _story(lengths: list[int]) -> Story:
    articles = [make_article(" ".join([SENTENCE] * n), id=f"a{i}") for i, n in enumerate(lengths)]
    sentences = tuple(s for a in articles for s in split_article(a))
    return Story("s", tuple(articles), sentences)


def test_a_story_over_the_bound_keeps_the_same_lead_of_each_article() -> None:
    story = _story([3, 40, 100])
    bounded, note = bound_story(story, 30)
    per_article = {a.id: sum(s.article_id == a.id for s in bounded.sentences) for a in bounded.articles}
    assert per_article == {"a0": 3, "a1": 13, "a2": 13}  # 3 + 13 + 13 <= 30 < 3 + 14 + 14
    for article in bounded.articles:
        kept = [s for s in bounded.sentences if s.article_id == article.id]
        assert article.text == article.text[: kept[-1].end]  # the text ends with the last kept
        assert all(article.text[s.start : s.end] == s.text for s in kept)
    assert "limits.max_story_sentences" in note and "143" in note


def test_a_story_within_the_bound_is_unchanged() -> None:
    story = _story([3, 4])
    assert bound_story(story, 7) == (story, "")
    assert bound_story(story, 0) == (story, "")


def test_every_article_keeps_its_first_sentence_even_past_the_bound() -> None:
    bounded, _ = bound_story(_story([5, 5, 5]), 2)
    assert sorted(s.article_id for s in bounded.sentences) == ["a0", "a1", "a2"]


def test_deadline() -> None:
    assert not Deadline().passed and Deadline().remaining() is None
    assert Deadline.after(0).at == 0.0  # no limit
    soon = Deadline.after(60)
    assert not soon.passed and 0 < (soon.remaining() or 0) <= 60
    assert Deadline(time.monotonic() - 1).passed


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(SENTENCE * 20_000)  # 1.3 MB
    with pytest.raises(InputError, match=r"1\.3 MB is over the 1 MB limit \(limits\.max_file_mb\)"):
        list(read_file(path, lambda e: None, max_file_mb=1))
    assert len(list(read_file(path, lambda e: None, max_file_mb=2))) == 1


def test_stray_nul_bytes_are_dropped_and_binary_data_refused(tmp_path: Path) -> None:
    text = tmp_path / "nul.txt"
    text.write_bytes(SENTENCE.encode() + b"\x00" + SENTENCE.encode())
    (article,) = read_file(text, lambda e: None)
    assert "\x00" not in article.text and article.text.count("year.") == 2
    binary = tmp_path / "data.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match="binary file"):
        list(read_file(binary, lambda e: None))
