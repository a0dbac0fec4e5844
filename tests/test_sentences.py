from __future__ import annotations

from summarizer.sentences import sentence_at, sentences_between, split_article, split_text
from tests.conftest import make_article


def test_abbreviations_stay_inside_sentences() -> None:
    text = (
        "U.S. Secretary of State Ann Lee met Mr. Park in Seoul. Sen. Ruiz said the U.S. would respond. "
        "Gov. Hart, of Fla., agreed at 4 p.m. on Friday. The U.N. vote passed."
    )
    assert split_text(text) == [
        "U.S. Secretary of State Ann Lee met Mr. Park in Seoul.",
        "Sen. Ruiz said the U.S. would respond.",
        "Gov. Hart, of Fla., agreed at 4 p.m. on Friday.",
        "The U.N. vote passed.",
    ]


def test_paragraph_breaks_end_sentences_and_identity_is_article_and_index() -> None:
    article = make_article("A heading without a stop\nThe first sentence. The second one.", id="x")
    sentences = split_article(article)
    assert [s.text for s in sentences] == [
        "A heading without a stop",
        "The first sentence.",
        "The second one.",
    ]
    assert [s.key for s in sentences] == [("x", 0), ("x", 1), ("x", 2)]
    twin = split_article(make_article("The first sentence.", id="y"))[0]
    assert twin.text == sentences[1].text and twin != sentences[1]


def test_each_sentence_knows_its_span_in_the_article() -> None:
    text = "Opening   line of\tthe story.  A second one!\n\n  Third,\u00a0after a blank line.  "
    article = make_article(text, id="x")
    sentences = split_article(article)
    assert [s.text for s in sentences] == [
        "Opening line of the story.",
        "A second one!",
        "Third, after a blank line.",
    ]
    for sentence in sentences:
        assert " ".join(text[sentence.start : sentence.end].split()) == sentence.text
    assert sentence_at(sentences, text.index("second")) == sentences[1]
    assert sentences_between(sentences, text.index("story"), text.index("Third") + 2) == sentences
