from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest

from summarizer.abstractive.writer import cite_sentences
from summarizer.config import Config
from summarizer.embeddings import Embedder
from summarizer.facts import discrepancies, key_facts, quantities, stated_values
from summarizer.models import Citation, Sentence, SourceQuality, Story, SummarySentence
from summarizer.rank import RANKERS, load_rankers
from summarizer.sentences import split_article
from tests import fixtures
from tests.conftest import make_article


@pytest.fixture(scope="module")
def embedder() -> Embedder:
    return Embedder()


def _story(*texts: tuple[str, str, str]) -> Story:
    articles = tuple(make_article(text, id=aid, source=source) for aid, source, text in texts)
    return Story("s", articles, tuple(s for a in articles for s in split_article(a)))


def _vectors(story: Story, embedder: Embedder) -> np.ndarray:
    return embedder.encode([s.text for s in story.sentences])


def _ranked_in_order(text: str, embedder: Embedder) -> tuple[Story, np.ndarray, dict[Sentence, float]]:
    """One outlet's story whose sentences rank in the order they stand."""
    story = _story(("a", "Daily Post", text))
    return story, _vectors(story, embedder), {s: 1.0 - 0.1 * s.index for s in story.sentences}


def test_paraphrased_fact_is_supported_by_three_outlets_and_a_lone_detail_by_one(
    config: Config, embedder: Embedder
) -> None:
    story = _story(
        ("a", "Daily Post", fixtures.HARBOUR_A),
        ("b", "City Times", fixtures.HARBOUR_B),
        ("c", "Coast News", fixtures.HARBOUR_C),
    )
    vectors = _vectors(story, embedder)
    load_rankers()
    scores = RANKERS["centrality"](config.rank).score(story, vectors)
    facts = key_facts(story, vectors, scores, config.facts)
    assert 3 <= len(facts) <= config.facts.max_facts
    mayor = next(f for f in facts if "Whitcombe" in f.text)
    assert set(mayor.source_ids) == {"a", "b", "c"} and mayor.outlets == 3
    assert all(f.source_ids for f in facts)
    texts = [f.text for f in facts]
    assert len(texts) == len(set(texts))
    singles = [f for f in facts if f.outlets == 1]
    assert all(len(f.source_ids) == 1 for f in singles)


def test_a_fact_cites_only_articles_that_state_each_of_its_numbers(
    config: Config, embedder: Embedder
) -> None:
    story = _story(
        (
            "a",
            "Daily Post",
            "The council voted on Monday to close the town pool. Repairs would cost $1.8 million, one of the largest bills the town has faced, officials said.",
        ),
        (
            "b",
            "City Times",
            "The council voted on Monday to close the town pool. Repairs would cost 1.8 million dollars, one of the largest bills the town has faced, officials said.",
        ),
        (
            "c",
            "Coast News",
            "The council voted on Monday to close the town pool. Repairs would cost $1.8 million, among the largest bills the town has faced, officials said.",
        ),
    )
    vectors = _vectors(story, embedder)
    load_rankers()
    scores = RANKERS["centrality"](config.rank).score(story, vectors)
    facts = key_facts(story, vectors, scores, config.facts)
    cost = next(f for f in facts if "1.8 million" in f.text)
    assert "one of" in cost.text  # the wording of a and b (the medoid of three)
    assert set(cost.source_ids) == {"a", "b"}, "c does not say 'one'"
    assert stated_values("€48 million, or 48m, for one of a million fans") == {
        Fraction(48_000_000),
        Fraction(1),
        Fraction(1_000_000),
    }
    assert Fraction(48_000_000) in stated_values("a fee of forty-eight million euros")


def test_no_two_facts_say_the_same_thing_and_no_fact_is_a_quote(config: Config, embedder: Embedder) -> None:
    quoted = (
        "“We will open the bridge on time and on budget,” Mayor Dana Whitcombe said on Tuesday.\n"
        "“The harbour has waited for this crossing for three long years. It will carry the town,” she said."
    )
    story = _story(("a", "Post", fixtures.HARBOUR_A + "\n" + quoted), ("b", "Times", fixtures.HARBOUR_A))
    vectors = _vectors(story, embedder)
    load_rankers()
    facts = key_facts(story, vectors, RANKERS["centrality"](config.rank).score(story, vectors), config.facts)
    texts = [f.text for f in facts]
    assert len(texts) == len(set(texts)) and not any("“" in t or "”" in t for t in texts)
    rows = embedder.encode(texts)
    similarity = rows @ rows.T
    np.fill_diagonal(similarity, 0)
    assert similarity.max() < config.facts.duplicate_similarity


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The meeting lasted about three hours.", Fraction(3), "hour"),
        ("It ran for 4½ hours.", Fraction(9, 2), "hour"),
        ("a nearly six-hour meeting", Fraction(6), "hour"),
        ("talks of two and a half hours", Fraction(5, 2), "hour"),
        ("The bill passed 52-48 in a Senate vote.", (Fraction(52), Fraction(48)), "vote split"),
    ],
)
def test_quantities_are_normalised(text: str, value: Fraction | tuple[Fraction, ...], unit: str) -> None:
    (quantity,) = quantities(text)
    values = value if isinstance(value, tuple) else (value,)
    assert (quantity.values, quantity.unit) == (values, unit)


def test_conflicting_values_are_flagged_with_their_outlets(config: Config, embedder: Embedder) -> None:
    story = _story(
        ("a", "Post", "The summit between the two leaders lasted about three hours on Monday."),
        ("b", "Times", "The two leaders met at the summit on Monday for 4½ hours."),
        ("c", "News", "On Monday the leaders' summit lasted three hours, officials said."),
        ("d", "Wire", "The Senate passed the budget bill 52-48 in a late vote."),
        ("e", "Herald", "The budget bill passed the Senate 51-49 in a late vote."),
    )
    flags = discrepancies(story, _vectors(story, embedder), config.facts)
    by_unit = {flag.unit: flag for flag in flags}
    assert all(flag.about.startswith(f"{flag.unit} (") for flag in flags)
    assert set(by_unit) == {"hour", "vote split"}
    groups = sorted(sorted(v.citation.article_ids) for v in by_unit["hour"].versions)
    assert groups == [["a", "c"], ["b"]], "the outlets that agree are listed together"
    votes = {v.value for v in by_unit["vote split"].versions}
    assert all(v.citation.sentences for d in flags for v in d.versions), "each version cites its sentences"
    assert votes == {"52-48", "51-49"}


def test_equal_values_written_differently_and_unrelated_quantities_are_not_flagged(
    config: Config, embedder: Embedder
) -> None:
    story = _story(
        ("a", "Post", "The summit between the two leaders lasted about three hours on Monday."),
        ("b", "Times", "The two leaders' summit on Monday lasted 3 hours."),
        ("c", "News", "Separately, a cargo flight from the capital to the islands took 11 hours."),
    )
    assert discrepancies(story, _vectors(story, embedder), config.facts) == []


def test_a_reworded_copy_never_gives_a_fact_its_wording_nor_its_unmarked_quotes(
    config: Config, embedder: Embedder
) -> None:
    original = (
        "The city of Marlow Bay will close its oldest coal plant in April, the council said on Monday.\n"
        "The plant has supplied power to the region for 60 years and employs 300 workers.\n"
        '"Every worker will be offered a job at the new solar farm," said council leader Ines Varga.\n'
        "Environmental groups welcomed the decision but said it came too late for the river."
    )
    # The same text machine-translated back, its quotation marks lost on the way.
    copy = (
        "The city of Marlow Bay will close its plant of coal more old in April, said the council the Monday.\n"
        "The plant has given power to the region during 60 years and it employs 300 workers.\n"
        "Every worker will be offered a job in the new farm solar, said the leader of the council Ines Varga.\n"
        "The groups environmental welcomed the decision but said that it came too late for the river."
    )
    story = _story(("a", "Wire", original), ("b", "Copy", copy))
    story = replace(
        story,
        quality=(
            SourceQuality("a", 1.0, 0, 1, 0, 60),
            SourceQuality("b", 0.7, 0, 1, 0, 62, copy_of="a", copy_kind="reworded"),
        ),
    )
    vectors = _vectors(story, embedder)
    scores = {s: (2.0 if s.article_id == "b" else 1.0) for s in story.sentences}  # the copy ranked first
    facts = key_facts(story, vectors, scores, config.facts)
    assert facts
    copy_sentences = {s.text for s in story.sentences if s.article_id == "b"}
    assert not any(f.text in copy_sentences for f in facts), [f.text for f in facts]
    assert not any("offered a job" in f.text for f in facts), "the copy's unmarked quote is no fact"


def test_the_news_comes_before_the_background(config: Config, embedder: Embedder) -> None:
    text = (
        "The mayor is the first woman to lead the city since it was founded in 1850.\n"
        "The city council voted on Tuesday to close the Elm Street pool for two years.\n"
        "Repairs to the pool's roof will cost about $2 million, the council said.\n"
        "The pool had been closed twice before for leaks in its roof.\n"
        "Former mayor Ann Ruiz said in 2023 she would fight any closure."
    )
    story, vectors, scores = _ranked_in_order(text, embedder)  # the background ranked first
    facts = key_facts(story, vectors, scores, config.facts)
    texts = [f.text for f in facts]
    assert texts[0].startswith("The city council voted"), texts
    assert {texts[-1], texts[-2]} == {story.sentences[0].text, story.sentences[3].text}, texts
    assert any(t.startswith("Former mayor") for t in texts[:-2]), "a former office is no background"


def test_words_another_outlet_quotes_are_no_fact_and_what_the_summary_says_comes_last(
    config: Config, embedder: Embedder
) -> None:
    marked = (
        "A wildfire forced about 4,000 people from their homes near Selvar on Tuesday.\n"
        "Resident Piet Oland saw it start. “I watched the wires spark on the pole and then the grass "
        "was burning,” Oland said.\n"
        "The fire service said 1,200 firefighters were at work on Wednesday."
    )
    translated = (
        "A fire of forest has obliged about 4,000 persons to leave their houses near Selvar.\n"
        "I watched the wires spark on the pole and then the grass was burning, declared Oland.\n"
        "The power company cut electricity to 9,000 homes in the valley overnight."
    )
    story = _story(("a", "Courier", marked), ("b", "Novine", translated))
    vectors = _vectors(story, embedder)
    scores = {s: 1.0 - 0.05 * s.index for s in story.sentences}
    texts = [f.text for f in key_facts(story, vectors, scores, config.facts)]
    assert not any("declared Oland" in t for t in texts), "words quoted elsewhere are someone's words"
    summary = cite_sentences(story.sentences[0].text, story.sentences)  # the lead, as the summary
    texts = [f.text for f in key_facts(story, vectors, scores, config.facts, summary)]
    assert "4,000" in texts[-1] and not any("4,000" in t for t in texts[:-1]), "the summary tells it"
    assert any("9,000 homes" in t for t in texts)


def test_each_next_fact_is_the_one_that_adds_most_to_what_is_told(config: Config, embedder: Embedder) -> None:
    text = (
        "The Harlow Bridge reopened to traffic on Monday after eight months of repairs.\n"
        "The bridge reopened on Monday to cars and lorries after eight months of repair work, "
        "the county said.\n"
        "The repairs cost the county 4.2 million pounds, paid from its roads budget.\n"
        "Buses will return to the bridge from next week, the operator said."
    )
    story, vectors, scores = _ranked_in_order(text, embedder)  # the rewording of the lead ranks second
    summary = cite_sentences("Buses will return to the bridge from next week.", story.sentences[3:])
    texts = [f.text for f in key_facts(story, vectors, scores, config.facts, summary)]
    assert texts == [story.sentences[n].text for n in (0, 2, 1, 3)], "what adds most, then the repeats"
    uncited = [SummarySentence("The bridge reopened on Monday after eight months of repairs.", Citation(()))]
    texts = [f.text for f in key_facts(story, vectors, scores, config.facts, uncited)]
    assert texts[0] == story.sentences[2].text, "the summary's words count as told, cited or not"


def test_a_flag_is_told_in_the_originals_words_not_a_spun_copys(config: Config, embedder: Embedder) -> None:
    original = "The bid values the grocer at £3.1bn, the company said on Monday."
    spun = "The supply values the grocer at £3.4bn, the agency mentioned on Monday."
    other = "The offer values the grocer at £3.1bn, according to the bidder."
    story = _story(("b", "Spin", spun), ("a", "Wire", original), ("c", "Gazette", other))
    story = replace(
        story,
        quality=(
            SourceQuality("a", 1.0, 0, 1, 0, 60),
            SourceQuality("b", 0.7, 0, 1, 0, 60, copy_of="a", copy_kind="reworded"),
            SourceQuality("c", 1.0, 0, 1, 0, 60),
        ),
    )
    (flag,) = discrepancies(story, _vectors(story, embedder), config.facts)
    assert "supply" not in flag.about and "agency" not in flag.about, flag.about


def test_a_part_is_set_against_another_outlets_count_and_a_deadline_against_no_span(
    config: Config, embedder: Embedder
) -> None:
    story = _story(
        ("a", "Post", "Turnout was 61%, with 48,200 of the party's roughly 79,000 members casting ballots."),
        ("b", "Times", "About 45,900 members cast ballots in the party's vote, a turnout of 61%."),
    )
    (flag,) = discrepancies(story, _vectors(story, embedder), config.facts)
    assert (flag.unit, sorted(v.quantity.value for v in flag.versions)) == ("member", [45_900, 48_200])
    whole = _story(
        ("a", "Post", "Turnout was 61%, with 48,200 of the party's roughly 79,000 members casting ballots."),
        ("b", "Times", "Turnout was 61%, with ballots cast among the party's 81,000 members in the vote."),
    )
    flags = discrepancies(whole, _vectors(whole, embedder), config.facts)
    assert all(v.quantity.value != 48_200 for f in flags for v in f.versions)  # the whole against the whole
    delayed = _story(
        ("a", "Post", "The opening of the new bridge was delayed by two weeks after the storm."),
        ("b", "Times", "The opening of the new bridge was postponed for three weeks after the storm."),
    )
    assert len(discrepancies(delayed, _vectors(delayed, embedder), config.facts)) == 1  # "by" is a change
    closed = _story(
        ("a", "Post", "The railway said the line would stay closed for at least two weeks after the crash."),
        (
            "b",
            "Times",
            "The minister told the railway to publish its records within seven days of the crash.",
        ),
    )
    assert discrepancies(closed, _vectors(closed, embedder), config.facts) == []
