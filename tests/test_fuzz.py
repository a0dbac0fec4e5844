"""Property-based tests of the stages that meet raw input: no exception but `InputError`, and
no live markup from article text in the HTML.

Examples per test: FUZZ_EXAMPLES (default 2000, what CI runs); a longer run, e.g.
`FUZZ_EXAMPLES=20000 pytest tests/test_fuzz.py`, is documented in the README.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.clean import clean_article
from summarizer.config import load_config
from summarizer.errors import InputError
from summarizer.ingest import SUPPORTED, decode, read_file
from summarizer.models import (
    ArticleInfo,
    Briefing,
    Citation,
    Fact,
    ModelInfo,
    Quote,
    RunError,
    RunNote,
    Sentence,
    Story,
    StorySummary,
)
from summarizer.quotes import JOINED, load_nlp, parse, story_quotes
from summarizer.render import render
from summarizer.sentences import split_article
from tests.conftest import make_article
from tests.hostile import live_markup

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "2000"))
fuzz = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Text that looks like news at times: words, sentence ends, quote marks of many kinds, markup,
# control characters and the odd emoji.
PIECES = st.sampled_from(
    [
        "said",
        "Smith",
        "the",
        "minister",
        "he",
        "she",
        "told",
        "reporters",
        "2.3",
        "$1.8 million",
        "\u201c",
        "\u201d",
        '"',
        "'",
        "\u00ab",
        "\u00bb",
        ",",
        ".",
        "!",
        "?",
        ":",
        "\n",
        "\n\n",
        " ",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "javascript:alert(3)",
        "[link](javascript:x)",
        "**",
        "#",
        "|",
        "\t",
        "\x00",
        "\u200b",
        "\U0001f600",
        "Mr.",
        "U.S.",
        "e.g.",
        "...",
        "\u2014",
        "-",
        "(AP)",
        "By Jane Doe",
        "Share",
        "Photo: Getty",
    ]
)
NEWSY = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=60).map(" ".join)
TEXT = st.one_of(NEWSY, st.text(max_size=400))


@fuzz
@given(raw=st.binary(max_size=3000), suffix=st.sampled_from(sorted(SUPPORTED)))
def test_ingest_takes_any_bytes(tmp_path: Path, raw: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(raw)
    errors: list[InputError] = []
    try:
        articles = list(read_file(path, errors.append))
    except InputError as exc:
        assert exc.path == str(path) and exc.reason and "\n" not in exc.reason
        return
    assert all(a.text.strip() for a in articles)
    assert all(e.reason and "\n" not in e.reason for e in errors)


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1252", "utf-16-le", "shift_jis"])


@fuzz
@given(text=TEXT, encoding=ENCODINGS)
def test_decode_takes_any_text_in_any_encoding(text: str, encoding: str) -> None:
    raw = text.encode(encoding, errors="replace")
    try:
        decoded = decode(raw, Path("x.txt"))
    except InputError as exc:
        assert exc.reason in (
            "empty file",
            "binary file, not text",
            "invalid UTF-16 text",
        ) or exc.reason.startswith("unknown text encoding")
        return
    assert isinstance(decoded, str) and "\x00" not in decoded


# JSON escapes can carry what no text file decodes to: unpaired surrogates, NULs.
JSON_TEXT = st.one_of(TEXT, st.sampled_from(["\ud83d", "a\udc00b", "\x00", "x\x00y"]))
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | JSON_TEXT,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(["text", "body", "title", "id", "doc_id", "source", "url", "date", "x"])
            | st.text(max_size=5),
            inner,
            max_size=6,
        )
    ),
    max_leaves=12,
)


@fuzz
@given(value=JSON, lines=st.booleans())
def test_ingest_takes_any_json_shape(tmp_path: Path, value: Any, lines: bool) -> None:
    path = tmp_path / ("input.jsonl" if lines else "input.json")
    records = value if lines and isinstance(value, list) else [value]
    path.write_text(
        "\n".join(json.dumps(r) for r in records) if lines else json.dumps(value), encoding="utf-8"
    )
    try:
        articles = list(read_file(path, lambda e: None))
    except InputError:
        return
    for a in articles:
        assert a.text.strip() and a.id
        for text in (a.text, a.id, a.title, a.source, a.url, a.date):
            assert isinstance(text, str) and "\x00" not in text
            text.encode("utf-8")  # no unpaired surrogate


CLEAN = load_config().clean


@fuzz
@given(text=TEXT, title=st.text(max_size=40))
def test_clean_takes_any_text(text: str, title: str) -> None:
    result = clean_article(make_article(text, title=title), CLEAN)
    lines = text.split("\n")
    for line in result.article.text.split("\n"):  # kept whole, or a dateline cut from its start
        assert any(line.strip() in original for original in lines)


@fuzz
@given(text=TEXT)
def test_sentences_hold_their_spans(text: str) -> None:
    article = make_article(text)
    sentences = split_article(article)
    previous_end = 0
    for n, sentence in enumerate(sentences):
        assert sentence.index == n and sentence.text == sentence.text.strip() and sentence.text
        assert previous_end <= sentence.start <= sentence.end <= len(text)
        if sentence.end > sentence.start:
            assert re.sub(r"\s+", " ", text[sentence.start : sentence.end]) == sentence.text
        previous_end = sentence.end


@pytest.fixture(scope="module")
def nlp() -> Any:
    return load_nlp()


@fuzz
@given(text=NEWSY)
def test_quotes_take_any_text_and_stay_verbatim(nlp: Any, text: str) -> None:
    article = make_article(text)
    story = Story("s", (article,), tuple(split_article(article)))
    for quote in story_quotes(story, parse(story.articles, nlp)):
        parts = quote.text.split(JOINED)  # a quote split by its attribution is joined
        assert all(part and part in text for part in parts)  # never a word the source lacks


def _story(texts: list[str], url: str) -> StorySummary:
    title, summary, fact, quote, speaker, source = texts
    citation = Citation(("a1",), (("a1", 0),))
    return StorySummary(
        id="s-1",
        title=title,
        summary=summary,
        summary_method="abstractive",
        articles=(ArticleInfo("a1", "a.txt", source, title, url, "2024-01-01", None),),
        extractive=(Sentence("a1", 0, summary, 0, len(summary)),),
        key_facts=(Fact(fact, citation, 1),),
        quotes=(Quote("q1", quote, speaker, citation, speaker, speaker, speaker),),
        notes=(fact,),
        errors=(quote,),
    )


URLS = st.one_of(
    st.sampled_from(
        ["javascript:alert(1)", " JaVaScRiPt:x", "data:text/html,<script>", "https://ok.example/a?b=<c>"]
    ),
    st.text(max_size=40),
)


@fuzz
@given(texts=st.lists(TEXT, min_size=6, max_size=6), url=URLS)
def test_render_never_lets_article_text_become_markup(texts: list[str], url: str) -> None:
    briefing = Briefing(
        run_id="r",
        generated_at="2024-01-01T00:00:00+00:00",
        model=ModelInfo("fake", "fake"),
        stories=(_story(texts, url),),
        errors=(RunError(texts[0], texts[1]), RunError("", texts[2], story="s-1")),
        notes=(RunNote(texts[3], texts[4]),),
    )
    data = briefing.to_dict()
    assert live_markup(render(data, "html")) == []
    render(data, "md")
