"""Typed quantities: money, percentages, counts with their head noun, bounds and margins; and
the discrepancies they make between outlets, on a made-up local story told three ways."""

from __future__ import annotations

from fractions import Fraction

import pytest

from summarizer.config import Config
from summarizer.embeddings import Embedder
from summarizer.facts import discrepancies
from summarizer.models import Article, Discrepancy, Story
from summarizer.quantities import agree, parts_and_totals, quantities, same_measure
from summarizer.sentences import split_article
from tests.conftest import make_article


def _outlets(*texts: str) -> tuple[Article, ...]:
    """One article per text, from outlets "a", "b", ... in turn."""
    return tuple(make_article(text, id=aid, source=aid) for aid, text in zip("abcdefgh", texts, strict=False))


def _flags(config: Config, articles: tuple[Article, ...]) -> dict[str, Discrepancy]:
    """The discrepancies of one story told by `articles`, by unit."""
    story = Story("s", articles, tuple(s for a in articles for s in split_article(a)))
    vectors = Embedder().encode([s.text for s in story.sentences])
    return {flag.unit: flag for flag in discrepancies(story, vectors, config.facts)}


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("Repairs would cost $2.3 million.", 2_300_000, "dollars"),
        ("Repairs would cost 1.8 million dollars.", 1_800_000, "dollars"),
        ("Repairs would cost 1.8m dollars.", 1_800_000, "dollars"),
        ("The club paid \u20ac52m for the striker.", 52_000_000, "euros"),
        ("Costs of about EUR 112m are booked this year.", 112_000_000, "euros"),
        ("It was fined 5 million USD.", 5_000_000, "dollars"),
        ("Fares rise by 14 per cent in May.", 14, "percent"),
        ("Fares rise by 14% in May.", 14, "percent"),
        ("Three hundred and twenty workers were inside.", 320, "worker"),
        ("A magnitude 6.4 earthquake struck.", Fraction(32, 5), "magnitude"),
        ("The council voted 5-2 to close it.", 5, "vote split"),
        ("She was jailed for six years.", 72, "month"),  # durations in one unit: years in months
        ("a sentence of 72 months", 72, "month"),
        ("The appeal must come within three weeks.", 21, "day"),
        ("a 28-year-old sprinter", 28, "years of age"),  # an age, not a duration
        ("Samples held 24 parts per billion of lead.", 24, "ppb"),  # measures written two ways
        ("Samples held 24 ppb of lead.", 24, "ppb"),
        ("The sample held 1.4 ng/ml of the drug.", Fraction(7, 5), "nanograms per millilitre"),
        ("About 38 injured were taken to hospital.", 38, "people injured"),
        ("Police made about a dozen arrests.", 12, "people arrested"),  # the noun of the measure
        ("The attendance was 41,200.", 41_200, "people in the crowd"),  # the noun before a bare count
        ("Police estimated the crowd at some 6,000.", 6_000, "people in the crowd"),
        ("The penalty came in the 89th minute.", 89, "ordinal minute"),  # which one, not how many
        ("It took two dozen rounds of talks.", 24, "round"),  # a dozen scales what comes before
        (
            "The 16 Pellarians released on Friday flew home.",
            16,
            "Pellarian people rescued",
        ),  # nationals: people
        ("The panel ruled by five judges to two that the law stands.", 5, "vote split"),
        ("The panel struck the law down by 5-2 on Friday.", 5, "vote split"),
        ("The number of confirmed cases in the county rose to 112.", 112, "case"),  # named before
        ("The count of dead birds stood at about 600.", 600, "bird"),
        ("The ministry reported 200 confirmed cases.", 200, "confirmed case"),  # an adjective, no verb
        ("Volunteers counted more than 900 dead birds.", 900, "bird"),  # the dead counted are birds
        ("Nearly half a million homes lost power.", 500_000, "home"),  # a fraction of a scale in words
        ("A quarter of a million homes lost power.", 250_000, "home"),
        ("Two and a half million homes lost power.", 2_500_000, "home"),
        ("A million and a half homes lost power.", 1_500_000, "home"),
        ("The heat reached 113 degrees Fahrenheit.", 113, "degree fahrenheit"),  # not 45 Celsius
        ("The ferry was licensed to carry 350 passengers.", 350, "passenger capacity"),  # not aboard
        ("The strike kept 410 buses in the depots.", 410, "bus"),
        ("From 15 March a ride costs more.", 315, "date"),  # a day of a month
        ("The new fares take effect on March 1.", 301, "date"),
        ("The vote is set for the 18th of May.", 518, "date"),
    ],
)
def test_quantities_are_typed(text: str, value: Fraction, unit: str) -> None:
    (quantity,) = quantities(text)
    assert (quantity.value, quantity.unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("At least 11 people have died and three are missing.", ["people dead", "people missing"]),
        ("The flood has killed 14 people.", ["people dead"]),
        ("More than 7,000 people have been forced from their homes.", ["people evacuated"]),
        ("About 4,500 people were evacuated overnight.", ["people evacuated"]),
        ("About 200 people gathered outside.", ["people in the crowd"]),
        (
            "The roof fell in, killing two people and injuring 19, police said.",
            ["people dead", "people injured"],
        ),
        ("The number of people killed by the storm has risen to 17.", ["people dead"]),
        ("About 9,000 people had been moved to evacuation centres.", ["people evacuated"]),
        ("About 9,000 people live in the town, which has no shelter.", ["people"]),
        ("It will cut one in five of its 2,100 staff.", ["percent", "staff"]),  # a share: 20 percent
        ("The category three storm and the No. 9 bus.", []),  # which one, not how many
        ("It passed by a margin of eleven votes.", ["vote margin"]),  # a difference, not a count
        ("The chamber passed a motion of no confidence 88-71.", ["vote split"]),
        # what those rules must leave alone (a review's findings)
        ("Gunmen killed 12 in three attacks.", ["people dead", "attack"]),  # no share
        ("The storms killed 4 in 10 days.", ["people dead", "day"]),
        ("During the flight 14 passengers fell ill.", ["passenger"]),  # a label only before no count
        ("About 4,000 people sleep rough or in shelters.", ["people"]),  # no one evacuated
        ("A majority of 60 senators backed the bill.", ["senator"]),
        ("Slow-motion replays of the 2-1 win were shown.", ["score"]),
        ("The firm is releasing 1.2 million in new funding.", []),
        ("The appeal has gathered 40,000 in donations.", []),
        ("The firm recalled 23 of the 31 batches it released.", ["batch", "batch"]),  # a part and its total
        ("The fire burned on, forcing about 4,000 people from their homes.", ["people evacuated"]),
        # who the count is of: "14 Ostrian diplomats" are not "nine Velmar diplomats"
        (
            "It expelled 14 Ostrian diplomats and lost nine Velmar diplomats.",
            ["Ostrian diplomat", "Velmar diplomat"],
        ),
        # a noun of people with the verb of a measure counts what "people" with it would
        (
            "It said 175 passengers were on board and 11 passengers were hurt.",
            ["passenger", "people injured"],
        ),
        ("By the evening 47 people were under arrest.", ["people arrested"]),
        ("About 20,000 persons took part in the march.", ["people in the crowd"]),
        ("The board voted six to one for the rise.", ["vote split"]),  # not a count of six
        ("Rates rose from 5 to 6 percent after the vote.", ["percent"]),  # a range, no split
        # the head of a compound: school sites are no schools, active accounts no accounts
        ("Lunch is served at 20 school sites.", ["school site"]),
        ("The app has more than five million active accounts.", ["active account"]),
        ("Twelve police officers were hurt.", ["people injured"]),
        ("The talks took three days.", ["day"]),
        ("It aims to save five more children.", []),  # a difference, not a count
        ("One person remains in hospital.", ["people"]),  # after one, "remains" is a verb
        ("The state gave $500 million loan guarantees.", ["dollars"]),
        ("He signed under a 3-year contract.", ["month"]),
        ("His death at 87 was announced.", []),
        ("The gang of three stormed the depot.", []),  # a verb is not what a figure counts
        ("At least 14 dead after the blast.", ["people dead"]),
        ("About 30 injured overnight.", ["people injured"]),  # when, not what was counted
        ("The bank cut rates by 25-50 basis points.", []),  # a range, no vote
        ("The ruling party hopes for a win of 40 seats.", ["seat"]),
        ("It happened on July 4th and after.", ["date"]),  # a day, no count of "and"
        ("The summit runs 3-5 May, then from 10 to 12 June.", []),  # a range's ends are no day
        ("In June 20 people died; in May 1,500 were evacuated.", ["people dead", "people evacuated"]),
        # a verb between a count and its measure; a life lost is a death, a job lost none
        ("Twelve persons lost their lives and 63 remained wounded.", ["people dead", "people injured"]),
        ("The authority said 87 people had been treated for injuries.", ["people injured"]),
        ("Three are missing and two were hurt.", ["people missing", "people injured"]),
        ("In all, 300 workers lost their jobs.", ["worker"]),
        ("Some 300 people lost their life savings.", ["people"]),
        ("Ten officers were treated for minor injuries.", ["people injured"]),
        ("Of the 200 cattle on the farm, 40 were killed.", ["cattle"]),  # not 40 people dead
        ("The club sold 20,000 season tickets.", ["season ticket"]),
        ("It was the third time this year.", []),  # no place in one sequence
        ("He cited the Fifth Amendment.", []),
        ("Prices rose for the fourth consecutive month.", ["ordinal month"]),
        ("Police put the number of tractors outside the ports of Selm and Drevna at 1,800.", ["tractor"]),
        ("It lost $2 billion and a quarter of its value.", ["dollars"]),  # a quarter of the value
        ("Rescuers were able to take 30 people to hospital.", ["people"]),  # no capacity
        ("Monitors documented 1,200 abuses.", ["abuse"]),
        # hostages however written; a home left is an evacuation; an age set off after a name
        ("He held five hostages in the post office.", ["people hostages"]),
        ("He held six people hostage in the post office.", ["people hostages"]),
        ("Nearly 900 people had now left their homes.", ["people evacuated"]),
        ("Nearly 900 people had now left the hall.", ["people"]),
        ("Anna Pirell, 58, who chairs the board, resigned.", ["age of Pirell"]),
        ("On Friday, 58 people voted.", ["people"]),  # a day, no one's age
        ("Overall, 60, were hurt.", []),  # a common word, no name
        ("In Kenvale, 12, were hurt.", []),  # a place
        ("Arven, 61, the dead woman's husband, was held.", []),  # her husband, not "Arven" elsewhere
        ("The dead were Tom Hale, 40, and Anna Lind, 34.", ["age of Hale", "age of Lind"]),
    ],
)
def test_what_a_count_counts(text: str, counted: list[str]) -> None:
    assert [q.unit for q in quantities(text)] == counted


def test_years_and_lone_scales_are_not_quantities_and_a_clock_time_is_one() -> None:
    assert [q.unit for q in quantities("The pool opened in 1974 and closed at 3:42 a.m.")] == ["time of day"]
    assert quantities("a 5m wall") == []
    # "by 8 p.m." says how far things got, not when something happened; "2:1" is a score
    assert "time of day" not in [q.unit for q in quantities("By 8 p.m. nine men were out; they won 2:1.")]
    assert quantities("She won the marathon in 2:09. Velda beat Rosk 21:17.") == []  # a race, a score
    # "until 20 June" ends a span, and "may" is no month
    assert "date" not in [q.unit for q in quantities("Talks run until 20 June. It may 5 years.")]


@pytest.mark.parametrize(
    ("first", "second", "same"),
    [
        ("It gave way at 5.40pm.", "It gave way at 17:40.", True),
        ("It gave way at 5.40pm.", "It gave way at 5:55 p.m.", False),
        ("The jet landed shortly after 3 p.m.", "The jet landed at 15:10.", True),
        ("The jet landed at 11 p.m.", "The jet landed at 21:40.", False),
        ("Results at 1000 GMT.", "Results at 10:00 GMT.", True),
        ("Trading opened at 12 a.m.", "Trading opened at 00:00.", True),
    ],
)
def test_a_time_of_day_written_two_ways(first: str, second: str, same: bool) -> None:
    (a,), (b,) = quantities(first), quantities(second)
    assert a.unit == b.unit and agree(a, b) is same


CLOCK_A = """The bridge over the Orla gave way at 6.15pm on Tuesday, the fire service said.
By 9 p.m. divers had pulled two cars from the water."""

CLOCK_B = """A span of the Orla bridge gave way at 6:35 p.m. on Tuesday, police said.
Fans were asked to gather at the stadium at 7 p.m. for the match, which went ahead.
Divers worked under floodlights into the night.
The city said the bridge had passed an inspection in May.
Engineers were due to inspect the other bridges at 8 p.m."""


def test_the_leads_times_of_one_event_are_compared_not_every_time_a_story_tells(config: Config) -> None:
    flags = _flags(config, _outlets(CLOCK_A, CLOCK_B))
    assert {v.value for v in flags["time of day"].versions} == {"18:15", "18:35"}


MIDNIGHT_A = """The blast tore through the plant at 11:40 p.m. on Sunday, the company said.
The fire was put out shortly before 4 a.m., firefighters said."""

MIDNIGHT_B = """The explosion at the plant came at 00:20 on Monday, officials said."""


def test_times_either_side_of_midnight_disagree_and_an_event_hours_later_is_another(config: Config) -> None:
    flags = _flags(config, _outlets(MIDNIGHT_A, MIDNIGHT_B))
    assert {v.value for v in flags["time of day"].versions} == {"23:40", "00:20"}


VOTE_A = """Lawmakers approved the surveillance bill by 212 to 188 on Wednesday afternoon.
The opposition promised to repeal the law after the next election."""

VOTE_B = """Police will be able to read encrypted messages after the assembly voted 214-186 to pass
the government's bill, ending months of argument over privacy."""


def test_each_outlets_one_vote_on_the_bill_disagrees(config: Config) -> None:
    flags = _flags(config, _outlets(VOTE_A, VOTE_B))
    assert {v.value for v in flags["vote split"].versions} == {"212-188", "214-186"}


COSTS_A = (
    "The closure will lead to restructuring costs of about EUR 112m, most of it booked in the fourth "
    "quarter, the supplier told investors."
)
COSTS_B = (
    "Union officials said on Thursday the company had set aside restructuring costs of 130 million euros."
)


def test_two_sums_said_of_one_noun_are_compared_in_sentences_less_alike(config: Config) -> None:
    flags = _flags(config, _outlets(COSTS_A, COSTS_B))
    assert {v.value for v in flags["euros"].versions} == {"about 112 million euros", "130 million euros"}


def test_the_same_figure_written_differently_agrees() -> None:
    def one(text: str):  # type: ignore[no-untyped-def]
        (quantity,) = quantities(text)
        return quantity

    assert agree(one("It cost $1.8 million."), one("It cost $1,800,000."))
    assert agree(one("It cost $2.3 million."), one("It cost $2,312,000."))  # 2.3 million is rounded
    assert agree(one("nearly five hours of talks"), one("almost five hours of talks"))
    assert agree(one("more than 350 people came"), one("400 people came"))
    assert agree(one("14 percent fell"), one("14% fell"))


def test_figures_that_cannot_be_one_disagree() -> None:
    def one(text: str):  # type: ignore[no-untyped-def]
        (quantity,) = quantities(text)
        return quantity

    assert not agree(one("It cost $2.3 million."), one("It cost $1.8 million."))
    assert not agree(one("about 200 people came"), one("more than 350 people came"))
    assert not agree(one("at least 17 people died"), one("at least 21 people died"))
    assert not agree(one("about 38,000 students"), one("about 41,000 students"))
    assert not agree(one("a 12 percent rise"), one("a 10 percent rise"))


POOL_A = """The town council voted on Monday to close the Riverside public pool.
The council said repairs to the pool would cost $2.3 million.
About 200 residents protested outside the town hall before the vote.
Of the 40 lifeguards and staff, 12 work full time."""

POOL_B = """Riverside's public pool will close after a council vote on Monday.
Officials said repairs to the pool would cost $1.8 million.
More than 350 residents protested outside the town hall before the vote.
The pool has 12 full-time staff."""

POOL_C = """Councillors voted on Monday to shut the Riverside pool.
Repairs to the pool would cost $1,800,000, the council said.
Residents protested outside the town hall before the vote."""


def test_a_local_story_flags_the_cost_and_the_crowd_but_not_a_part_beside_its_total(
    config: Config,
) -> None:
    articles = tuple(
        make_article(text, id=aid, source=source)
        for aid, source, text in (("a", "Gazette", POOL_A), ("b", "Courier", POOL_B), ("c", "Radio", POOL_C))
    )
    flags = _flags(config, articles)
    assert set(flags) == {"dollars", "resident"}
    cost = {v.value: set(v.citation.article_ids) for v in flags["dollars"].versions}
    assert cost == {"2.3 million dollars": {"a"}, "1.8 million dollars": {"b", "c"}}
    crowd = {v.value: set(v.citation.article_ids) for v in flags["resident"].versions}
    assert crowd == {"about 200 resident": {"a"}, "at least 350 resident": {"b"}}


TRIAL_A = """The former finance director was jailed for six years on Friday.
The jury deliberated for 11 hours before convicting her.
She faces a further hearing on costs in May, when the hospital will seek £90,000."""

TRIAL_B = """A judge sentenced the former finance director to seven years in prison on Friday.
The jury deliberated for nine hours before convicting her.
The hospital's own losses from the fraud reached £2.4 million, its chief said."""

TRIAL_C = """The former finance director was given 72 months in prison on Friday.
Lights were shut at 14 of the 40 clinics the hospital runs.
The hospital says the case cost £2.4 million."""

TRIAL_D = """Jurors heard that lights were shut at 14 clinics.
The hospital runs 40 clinics, and the case cost £2.4 million, its chief said."""


def test_a_duration_written_two_ways_is_one_version_and_a_part_elsewhere_no_flag(config: Config) -> None:
    flags = _flags(config, _outlets(TRIAL_A, TRIAL_B, TRIAL_C, TRIAL_D))
    sentence = {v.quantity.text: set(v.citation.article_ids) for v in flags["month"].versions}
    assert sentence == {"six years": {"a", "c"}, "seven years": {"b"}}  # 72 months is six years
    assert {v.value for v in flags["hour"].versions} == {"11 hour", "9 hour"}
    assert "clinic" not in flags  # 14 of the 40 clinics: the part and the whole
    assert "pounds" not in flags  # £90,000 of costs is another measure than the £2.4 million


BID_A = """The grocer rejected the bid on Monday.
The 265p-a-share proposal, made up of cash and new shares, represents a 41% premium to the grocer's closing price on Friday.
About 40% of the grocer's stores are in towns where both chains trade."""

BID_B = """The grocer rejected the bid on Monday.
The offer represents a premium of 34% to the grocer's closing price of 198p on Friday.
About 40% of its stores are in towns where both chains trade."""


def test_an_estimate_of_something_else_does_not_settle_a_figure_and_the_flag_says_what(
    config: Config,
) -> None:
    flags = _flags(config, _outlets(BID_A, BID_B))
    assert {v.quantity.text for v in flags["percent"].versions} == {"41%", "34%"}  # "about 40%" is no 41%
    assert "premium" in flags["percent"].about  # the words around the figure, not the sentence's first


MATCH_A = """The referee awarded the opening goal in the 34th minute after a video review.
The referee awarded the penalty in the 87th minute after a video review."""

MATCH_B = """The referee awarded the penalty in the 89th minute after a video review."""

MATCH_C = """The penalty was awarded in the 87th minute after the referee's video review."""


def test_an_outlet_giving_both_figures_of_a_unit_disputes_neither(config: Config) -> None:
    flags = _flags(config, _outlets(MATCH_A, MATCH_B, MATCH_C))
    # the goal's minute is another event of the outlet that also gives the penalty's
    assert {v.value for v in flags["ordinal minute"].versions} == {"87th minute", "89th minute"}


JET_A = """The airline said the jet was fully airworthy and that the 14-year-old aircraft had passed a check.
Flight 208 was carrying 162 passengers and six crew when the engine caught fire."""

JET_B = """Veterans of the fleet remember when the airframe arrived new in 2006, making it an 18-year-old.
Shares in the carrier, which grounded its other jets of the type for checks the regulator ordered on Thursday, fell 4 percent; it said 175 passengers had been on board."""


def test_each_outlets_one_figure_of_a_unit_is_compared_though_the_sentences_differ(config: Config) -> None:
    flags = _flags(config, _outlets(JET_A, JET_B))
    assert {v.value for v in flags["passenger"].versions} == {"162 passenger", "175 passenger"}


STORM_A = """The storm tore across the islands overnight, killing at least 9 people and flattening villages.
The islands' worst storm on record, in 1987, killed 63 people.
About 5,000 jobs at the port depend on the ferries, according to industry estimates."""

STORM_B = """At least 14 people were killed, police said on Sunday evening, most struck by falling trees.
The islands' worst storm on record, in 1987, killed 63 people.
The ministry puts up to 7,500 jobs at risk.
Its estimate of 7,500 jobs includes workers at suppliers that depend on the ferries."""


def test_background_every_outlet_repeats_and_a_bound_leave_the_news_figures_in_dispute(
    config: Config,
) -> None:
    flags = _flags(config, _outlets(STORM_A, STORM_B))
    # the 63 of 1987 both give is background: each outlet's own toll is still its one figure
    assert {v.value for v in flags["people dead"].versions} == {
        "at least 9 people dead",
        "at least 14 people dead",
    }
    # "up to 7,500" is a bound: it does not give "about 5,000", so the two estimates differ
    assert {v.value for v in flags["job"].versions} == {"about 5,000 job", "7,500 job"}


def test_two_outlets_days_for_one_event_are_flagged(config: Config) -> None:
    flags = _flags(
        config,
        _outlets(
            "The early election will be held on 11 May, the prime minister announced on Friday.",
            "The early election will be held on May 18, the prime minister announced on Friday.",
        ),
    )
    assert {v.value for v in flags["date"].versions} == {"11 May", "18 May"}


def test_a_bare_figure_a_change_ends_on_takes_the_unit_it_starts_from() -> None:
    found = quantities("The plan cuts the longest benefit period from 15 months to 12 from January.")
    assert [(q.text, q.unit, q.value) for q in found] == [("15 months", "month", 15), ("12", "month", 12)]
    assert [q.unit for q in quantities("The rate fell from 5 percent to 4.")] == ["percent", "percent"]
    assert quantities("He has moved from Paris to 12 other cities.") == []  # no unit, no count


def test_a_part_of_a_total_an_owner_holds() -> None:
    assert parts_and_totals("Eighteen of the trust's 36 scanners cannot send images.") == {
        ("scanner", Fraction(18), Fraction(36))
    }
    assert parts_and_totals("Six of the 40 schools closed.") == {("school", Fraction(6), Fraction(40))}


def test_a_year_is_no_total_and_a_change_to_another_noun_keeps_it() -> None:
    assert parts_and_totals("Four of the club's 2023 signings have already left.") == set()
    found = quantities("Emergency calls were moved from 3 stations to 12 other centres.")
    assert all(not (q.value == 12 and q.unit == "station") for q in found)


def test_a_count_in_millions_written_short_a_bare_toll_and_a_hedged_total() -> None:
    def found(text: str) -> list[tuple[str, str, Fraction]]:
        return [(q.text, q.unit, q.value) for q in quantities(text)]

    assert found("Hackers copied the records of 1.9m customers.") == [
        ("1.9m customers", "customer", Fraction(1_900_000))
    ]
    assert found("She won the 400m hurdles.") == []  # metres, not millions
    assert found("The death toll from the storm rose to 88 on Tuesday.") == [
        ("88", "people dead", Fraction(88))
    ]
    assert found("The flood of 1953 took the lives of 212 persons.")[-1][1:] == ("people dead", Fraction(212))
    assert found("By evening 63 persons had perished.") == [("63 persons", "people dead", Fraction(63))]
    assert found("The heatwave's death toll climbed as temperatures hit 47 on Tuesday.") == []
    assert found("The toll rose to 12 for lorries.") == []
    assert parts_and_totals(
        "Turnout was high, with 48,200 of the party's roughly 79,000 members voting."
    ) == {("member", Fraction(48_200), Fraction(79_000))}


def test_an_ordinal_word_is_a_place_and_a_season_a_span_of_time() -> None:
    assert [(q.unit, q.value) for q in quantities("The blockade went into its fourth day.")] == [
        ("ordinal day", 4)
    ]
    assert [q.unit for q in quantities("A 30 second delay.")] == ["second"]  # a unit, not a place
    over = quantities("The club broke the rules over three seasons.")
    assert [(q.unit, q.value, q.bound) for q in over] == [("season", 3, "")]  # during, not more than


def test_two_measures_of_one_unit_are_two_flags(config: Config) -> None:
    first = (
        "The tanker spilled about 1,200 tonnes of crude oil on Tuesday, the coast guard said. "
        "It was carrying 38,000 tonnes of crude to the refinery at Port Selm."
    )
    second = (
        "The tanker spilled about 1,600 tonnes of crude oil on Tuesday, the coast guard said. "
        "It was carrying 45,000 tonnes of crude to the refinery at Port Selm."
    )
    articles = _outlets(first, second)
    story = Story("s", articles, tuple(s for a in articles for s in split_article(a)))
    vectors = Embedder().encode([s.text for s in story.sentences])
    shown = [" / ".join(v.value for v in f.versions) for f in discrepancies(story, vectors, config.facts)]
    assert len(shown) == 2, shown  # what spilled, and what it carried
    assert any("1,200" in s and "1,600" in s for s in shown) and any(
        "38,000" in s and "45,000" in s for s in shown
    )


def test_a_duration_said_of_one_noun_and_an_age_are_compared_in_sentences_less_alike(
    config: Config,
) -> None:
    flags = _flags(
        config,
        _outlets(
            "HARLSBY (Wire) — The harbour authority suspended night shifts at the container terminal "
            "on Monday as the dockers' leader Petra Loman, who has refused food for 19 days in a "
            "police cell, was moved to hospital.",
            "Ministers will not reopen the dockers' pay talks, the transport secretary said, as "
            "police confirmed that Loman had been refusing food for 16 days. Loman, 44, was "
            "arrested at a picket in March.",
            "Petra Loman, 47, a crane driver, has led the dockers' union since the strike of 2019.",
        ),
    )
    assert {v.value for v in flags["day"].versions} == {"19 days", "16 days"}
    assert {v.value for v in flags["age of Loman"].versions} == {"aged 44", "aged 47"}


def test_two_ages_of_one_family_name_are_one_persons_unless_named_apart() -> None:
    son, mother, bare = (
        quantities(text)[0]
        for text in ("Tomas Vell, 27, was shot.", "Mrs Vell, 58, spoke briefly.", "Vell, 26, died.")
    )
    assert (son.unit, son.text) == ("age of Vell", "Tomas Vell, 27")
    assert not same_measure(son, mother)  # a son and his mother
    assert same_measure(son, bare)
    titled = quantities("Minister Vell, 29, spoke.")[0]
    assert same_measure(son, titled)  # "Minister" is no first name


def test_durations_of_one_verb_are_not_one_thing(config: Config) -> None:
    flags = _flags(
        config,
        _outlets(
            "HARLSBY (Wire) — The Kenvale bridge has been closed for 12 days since the flood damaged "
            "its piers, the roads agency said on Monday.",
            "The mayor said the primary school on Mill Lane would stay closed for 3 days while "
            "engineers checked its roof.",
        ),
    )
    assert "day" not in flags
