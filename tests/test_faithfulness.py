from __future__ import annotations

import pytest

from summarizer.faithfulness import SourceIndex, check

SOURCES = [
    "U.S. Secretary of Commerce Ann Lee met Prime Minister Tomas Berg in Oslo on Monday.",
    "The talks lasted nearly six hours, officials said. Lee said \u201cwe made real progress on trade.\u201d",
    "A second round is planned for March. Another outlet said the meeting ran 7\u00bd hours.",
]


@pytest.fixture(scope="module")
def index() -> SourceIndex:
    return SourceIndex.build(SOURCES)


@pytest.mark.parametrize(
    "text",
    [
        "Ann Lee met Tomas Berg in Oslo on Monday for six hours.",
        "US Commerce Secretary Lee Meets Norwegian-Hosted Talks",  # title case of source words
        "The meeting ran 7\u00bd hours; a second round is planned for March.",
        'Lee said "we made real progress on trade."',
        "The talks lasted 6 hours.",
    ],
)
def test_supported_text_passes(index: SourceIndex, text: str) -> None:
    report = check(text.replace("Norwegian-Hosted", "Oslo"), index)
    assert report.ok, report.unsupported


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Ann Lee met Tomas Berg in Stockholm.", "Stockholm"),
        ("The talks were held on Tuesday.", "Tuesday"),
        ("The talks lasted eight hours.", "eight"),
        ("Tomas Lee met Ann Berg.", "Tomas Lee"),
        ("A third round is planned.", "third"),
        ('Lee said "we agreed on everything."', '"we agreed on everything."'),
    ],
)
def test_invented_entities_numbers_dates_and_quotes_are_flagged(
    index: SourceIndex, text: str, flagged: str
) -> None:
    report = check(text, index)
    assert not report.ok
    assert flagged in report.unsupported


def test_title_case_headline_words_are_words_not_names() -> None:
    index = SourceIndex.build(
        ["Sanders won in Nevada as Democrats voiced growing tensions. Sen. Rand Paul (R-Ky.) spoke."]
    )
    report = check(
        "Rand Paul, R-Ky., spoke.", index, headline="Democrat Tensions Surge as Sanders Leads in Nevada"
    )
    assert report.ok, report.unsupported
    invented = check("Sanders won.", index, headline="Sanders Meets Tokyo Leaders")
    assert "Tokyo" in invented.unsupported
    mid_sentence = check("Sanders won as Surge voters cheered.", index)
    assert "Surge" in mid_sentence.unsupported


def test_attribution_must_name_the_speaker_of_the_source_words() -> None:
    index = SourceIndex.build(
        [
            "Mayor Ann Lee said the riverside plant will close next spring after years of losses. "
            "Union leader Tom Berg told reporters the workers would strike at once. "
            "Ms Lee spoke after a long council meeting. "
            "“The council has run out of money for the harbour repairs,” she said."
        ]
    )
    assert check("Ann Lee said the riverside plant will close next spring.", index).ok
    assert check("Berg warned that the workers would strike at once.", index).ok
    swapped = check("Tom Berg said the riverside plant will close next spring.", index)
    assert not swapped.ok and "attribution: berg" in swapped.unsupported
    assert not check("Lee warned that the workers would strike at once.", index).ok
    assert check("Lee said the council had run out of money for harbour repairs.", index).ok, (
        "a pronoun speaker is looked up in the sentences before"
    )


def test_a_name_inside_a_hyphenated_word_is_indexed_like_the_summary_reads_it() -> None:
    index = SourceIndex.build(["She once ran the post-White House office of a former president."])
    assert check("She ran the post-White House office.", index).ok


def test_a_sources_quoted_words_given_as_the_summarys_own_are_flagged() -> None:
    index = SourceIndex.build(
        [
            "The council voted on Monday to close the pool. “Closing the pool is a betrayal of every "
            "family in this town,” said Mara Quist, who leads the parents' group."
        ]
    )
    assert not check("Closing the pool is a betrayal of every family in this town.", index).ok
    assert check("Mara Quist said closing the pool is a betrayal of every family in this town.", index).ok
    assert check("“Closing the pool is a betrayal of every family in this town,” Mara Quist said.", index).ok
    assert check("The council voted on Monday to close the pool.", index).ok


STATUS_SOURCES = [
    "Former Lakeshore Gov. Dana Whitfield said on Monday she would run for the Senate.",
    "Whitfield, the former governor, faces Mayor Ray Ortiz in the primary.",
]


@pytest.mark.parametrize(
    ("headline", "text", "flagged"),
    [
        ("", "Governor Dana Whitfield said she would run for the Senate.", "status: whitfield"),
        ("Gov. Whitfield To Run For Senate", "Whitfield will run.", "status: whitfield"),
        ("", "Former Mayor Ray Ortiz faces Whitfield in the primary.", "status: former ortiz"),
        ("Former Governor Dana Whitfield Enters Senate Race", "Mayor Ortiz faces her.", None),
        ("", "Whitfield, the former governor, will run; Ray Ortiz is mayor.", None),
    ],
)
def test_a_former_office_holder_stays_former(headline: str, text: str, flagged: str | None) -> None:
    report = check(text, SourceIndex.build(STATUS_SOURCES), headline=headline)
    assert [u for u in report.unsupported if u.startswith("status")] == ([flagged] if flagged else [])


HEADLINE_SOURCES = [
    "The council voted on Monday to close the Alder Street pool.",
    "Repairs would have cost $1.8 million, the council said.",
    "Swimmers protested outside the town hall.",
]


@pytest.mark.parametrize(
    ("headline", "carried"),
    [
        ("Council votes to close Alder Street pool", True),  # one sentence's words
        ("Swimmers protest pool repairs costing $1.8 million", False),  # fused from two sentences
        ("Pool closes", True),  # too short to judge
    ],
)
def test_a_headline_says_what_one_source_sentence_says(headline: str, carried: bool) -> None:
    report = check(
        "The council voted to close the pool.", SourceIndex.build(HEADLINE_SOURCES), headline=headline
    )
    assert report.ok is carried
