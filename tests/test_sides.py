from __future__ import annotations

from dataclasses import replace

import pytest

from summarizer.embeddings import Embedder
from summarizer.models import SourceQuality, Story
from summarizer.quotes import load_nlp, parse, story_quotes
from summarizer.sentences import split_article
from summarizer.sides import affiliation, find_sides, named_affiliations
from summarizer.words import lexicon
from tests.conftest import make_article

# Two made-up countries: sides must come from what the text says, not from a table of names.
DIPLOMACY = (
    "Ruritanian foreign minister Ada Vik met officials of Estovia in the capital on Monday.\n"
    "After the meeting, the Ruritanian embassy described the talks as frank and useful, and demanded "
    "the release of two detained sailors.\n"
    "Estovia's prime minister Ivo Tamm rejected the demand and accused Ruritania of spying.\n"
    "The Estovian foreign ministry called the talks useful and frank, and said the sailors had broken "
    "the law.\n"
    "Ruritania accused Estovia of spying on its ships.\n"
    "“We will not be lectured by anyone,” Tamm told reporters.\n"
    "Vik and Tamm agreed to meet again in May.\n"
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
    parsed = parse(story.articles, load_nlp())
    quotes = story_quotes(story, parsed)
    found = find_sides(story, quotes, parsed, embedder.encode)
    linked = [replace(q, side=found.quote_sides[q.id]) for q in quotes]
    return found.sides, found.common_ground, linked


def _known(text: str) -> dict[str, str]:
    """`named_affiliations` of one article's parse."""
    return named_affiliations(parse([make_article(text)], load_nlp()).docs)


def test_affiliation_reads_countries_and_nationalities() -> None:
    assert affiliation("U.S. Secretary of State") == "United States"
    assert affiliation("the Chinese foreign ministry") == "China"
    assert affiliation("Mayor Dana Whitcombe") is None


def test_domestic_story_sides_without_country_names(embedder: Embedder) -> None:
    sides, ground, _ = _run(DOMESTIC, embedder)
    names = [s.name for s in sides]
    assert "Greenfield Energy" in names and any("Board" in n or "board" in n for n in names)
    company = next(s for s in sides if s.name == "Greenfield Energy")
    assert any("denied" in p.text for p in company.positions)
    board = next(s for s in sides if s is not company)
    assert all("denied" not in p.text for p in board.positions), "a statement must not go to the wrong side"
    assert any("Both parties" in g.text for g in ground)
    assert all(p.citation.article_ids == ("a",) for s in sides for p in s.positions)


def test_reported_speech_is_a_position_and_quotes_carry_their_side(embedder: Embedder) -> None:
    sides, _, quotes = _run(DOMESTIC, embedder)
    company = next(s for s in sides if s.name == "Greenfield Energy")
    assert any("would appeal the fine" in p.text for p in company.positions)
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
    assert len(sides) == 1 and sides[0].name == "city council"
    assert len(sides[0].positions) == 3 and ground == ()


def test_actors_grouped_by_the_country_the_text_gives_them(embedder: Embedder) -> None:
    sides, _, quotes = _run(DIPLOMACY, embedder)
    by_name = {s.name: s for s in sides}
    assert set(by_name) == {"Ruritania", "Estovia"}, "the people's name joins its country's"
    assert {"Ruritanian embassy", "Ada Vik"} <= set(by_name["Ruritania"].actors)
    assert {"Ivo Tamm", "Estovian foreign ministry"} <= set(by_name["Estovia"].actors)
    assert "Ruritania" not in by_name["Ruritania"].actors, "a side is not its own actor"
    (quote,) = quotes
    assert quote.side == "Estovia"


def test_positions_are_attributed_clauses_without_lead_in(embedder: Embedder) -> None:
    sides, _, _ = _run(DIPLOMACY, embedder)
    texts = [p.text for s in sides for p in s.positions]
    assert any(t.startswith("The Ruritanian embassy described") for t in texts)
    assert not any(t.startswith("After the meeting") for t in texts)
    assert all(p.actor for s in sides for p in s.positions)


def test_parallel_descriptions_are_common_ground_but_mirrored_accusations_are_not(
    embedder: Embedder,
) -> None:
    _, ground, _ = _run(DIPLOMACY, embedder)
    pairs = [g for g in ground if g.statements]
    assert len(pairs) == 1
    (pair,) = pairs
    assert set(pair.sides) == {"Ruritania", "Estovia"}
    assert all("frank" in s.text and "useful" in s.text for s in pair.statements)
    assert all("demanded" not in s.text for s in pair.statements), "only the describing clause"
    joined = " ".join(g.text for g in ground)
    assert "accused" not in joined and "rejected" not in joined
    assert any(g.text.startswith("Vik and Tamm agreed") for g in ground), (
        "a subject joining both sides is common ground"
    )


def test_both_sides_must_be_the_subject(embedder: Embedder) -> None:
    text = (
        "The Ruritanian embassy said the ships would sail on Friday.\n"
        "The Ruritanian embassy said the port would stay open.\n"
        "Estovia's navy said its patrols would continue.\n"
        "Estovia's navy warned against any landing.\n"
        "Angry rhetoric from both sides has grown louder since the spring.\n"
    )
    _, ground, _ = _run(text, embedder)
    assert ground == ()


def test_an_acronym_speaker_joins_the_side_of_the_name_it_stands_for(embedder: Embedder) -> None:
    text = DIPLOMACY + (
        "The Ruritanian Broadcasting Corporation said the talks had been useful and calm.\n"
        "The Ruritanian Broadcasting Corporation called the meeting a first step.\n"
        "“Both delegations listened,” RBC said.\n"
    )
    _, _, quotes = _run(text, embedder)
    assert next(q for q in quotes if q.speaker == "RBC").side == "Ruritania"


def test_people_belong_to_the_organisation_their_role_or_apposition_names() -> None:
    from summarizer.sides import titled_group

    text = (
        "The Millbrook Nurses Association called a strike on Monday.\n"
        "“We will not accept this,” said Lena Dorsey, president of the association.\n"
        "Hospital director Aaron Pike said the strike was unnecessary, and Halden Council "
        "spokesman Omar Reyes said talks would resume."
    )
    known = _known(text)
    assert known["dorsey"] == "Millbrook Nurses Association"
    assert known.get("reyes") == "Halden Council"
    assert titled_group("Ashkaro Tribe Chairwoman Rena Halloway") == "Ashkaro Tribe"
    assert titled_group("Rena Halloway") == ""


def test_an_apposition_between_two_names_and_an_office_before_a_name() -> None:
    text = (
        "The Drug Safety Board ordered a recall of Cardiol on Thursday.\n"
        "In a letter to Ardent Pharmaceuticals' chief executive, Tomas Vick, seen by the Ledger, the board "
        "criticised the company.\n"
        "In a letter to Vick, the board's chief executive, Dr Alma Reyes, said the firm had waited.\n"
        "Orvania's outgoing prime minister, Jan Kolar, said voters had spoken, and Orvanians "
        "celebrated.\n"
        "The minister met the airline's chief executive, Jon Hallberg, and the union's negotiators in "
        "Dunmere on Tuesday afternoon."
    )
    known = _known(text)
    assert known.get("vick") == "Ardent Pharmaceuticals"  # not the board: that apposition is Reyes's
    assert known.get("reyes") == "Drug Safety Board"
    assert "kolar" not in known or known["kolar"] != "Orvania"  # a country is no organisation
    assert known.get("hallberg") != "Dunmere"  # ", and ..." goes on with a list, it says nothing of him


def test_names_the_parser_misreads_still_find_their_organisation() -> None:
    """A person's name the parser labels an organisation or a building, an organisation it labels
    a person before "'s chief executive", a family name it calls a place in one sentence: each
    person still stands with the organisation the text gives them; a people's word before an
    occupation ("the Pellarian sprinter") and a place of work ("a nurse at the Dunmere clinic")
    give no side."""
    text = (
        "Morvik Systems restored its payment service on Friday. In a video posted on Friday evening, "
        "Morvik's chief executive, Annika Solberg, apologised.\n"
        "Later, on a call with journalists, Solberg said updates would stop.\n"
        "Tomas Ekhart, director-general of the Payments Oversight Authority, wrote to the firm.\n"
        "Liesel Marrow, director of the Consumer Alliance of Pellaria, said the offer fell short.\n"
        "Ilona Vesk, the Pellarian sprinter who finished second, said she was relieved.\n"
        "Nadia Korvel, a nurse at the Dunmere clinic, said patients had waited for hours.\n"
        "The order, signed on Monday by Health Minister Irena Molvek, applies to every school. The "
        "Health Ministry said it would review it."
    )
    known = _known(text)
    assert known.get("solberg") == "Morvik"
    assert known.get("ekhart") == "Payments Oversight Authority"
    assert known.get("marrow") == "Consumer Alliance of Pellaria"
    assert "vesk" not in known
    assert "korvel" not in known
    assert known.get("molvek") == "Health Ministry"  # the office's own body, not "Health"


def test_a_common_word_opening_a_sentence_is_not_a_place_or_a_side() -> None:
    text = (
        "The Brackley Rovers signed a new goalkeeper on Friday.\n"
        "Sporting director Hanna Leclerc said the club had watched him for a year.\n"
        "Hanna Leclerc, Brackley's sporting director, said the fee was fair."
    )
    assert _known(text).get("leclerc") != "Sporting"


def test_a_side_heard_only_in_quotes_holds_what_it_said(embedder: Embedder) -> None:
    text = (
        "The Halden council voted on Monday to close the Riverside pool.\n"
        "The council said repairs would cost too much and urged residents to use the new leisure centre.\n"
        "The council also promised to keep the pool's summer lessons running until August.\n"
        "Rena Obi chairs the Riverside Swimmers Club.\n"
        "“Nobody asked the families who swim here every week,” according to Obi.\n"
        "“We will take this to the county,” according to Rena Obi."
    )
    sides, _, quotes = _run(text, embedder)
    heard = next(s for s in sides if s.name == "Obi")  # no stance verb reports her: only quotes
    assert any("Nobody asked the families" in p.text for p in heard.positions)
    assert {q.side for q in quotes} == {"Obi"}


# A local story: the town names both parties, and one man says whose side he is on.
TOWN = (
    "Members of the Dorwick Nurses’ Association walked out of Dorwick General Hospital on Monday.\n"
    "The Dorwick Health Authority said it could not raise pay by more than 3 percent this year.\n"
    "“We are exhausted and underpaid,” said association chair Lena Morrow, a nurse for 20 years.\n"
    "The association demanded a 9 percent raise and more staff on night shifts.\n"
    "The Dorwick Nurses' Association said the strike would last until Friday.\n"
    "Councillor Piet Vandam, who chairs the town's budget committee, has sided with the Dorwick Health "
    "Authority, saying the town cannot afford more.\n"
    "“The money is simply not there,” Vandam said.\n"
    "The authority said it had offered the nurses two extra days of leave.\n"
)


def test_a_town_is_no_side_and_a_role_noun_and_an_ally_find_their_organisation(embedder: Embedder) -> None:
    sides, _, quotes = _run(TOWN, embedder)
    names = [s.name for s in sides]
    assert "Dorwick" not in names, "the town that begins both names is not a party"
    assert len([n for n in names if "Nurses" in n]) == 1, (
        "one organisation, however its apostrophe is written"
    )
    nurses = next(s for s in sides if "Nurses" in s.name)
    assert any("association demanded" in p.text for p in nurses.positions), "'the association' is the nurses'"
    by_speaker = {q.speaker.split()[-1]: q.side for q in quotes}
    assert "Nurses" in by_speaker["Morrow"]
    assert by_speaker["Vandam"] == "Dorwick Health Authority", "he sided with the authority"


def test_a_person_named_in_apposition_is_one_side_with_their_quotes(embedder: Embedder) -> None:
    text = (
        "A court in Velmar halted the Orlen Dam project on Friday.\n"
        "“The river feeds our fields and our families,” said Tomas Reyka, a farmer from the valley.\n"
        "The valley's oldest farmer, Tomas Reyka, said nobody had asked the villages before the work began.\n"
        "Orlen Power said it would appeal the ruling and demanded a new hearing.\n"
        "Orlen Power said the dam would supply power to 200,000 homes.\n"
    )
    sides, _, _ = _run(text, embedder)
    reyka = [s for s in sides if "Reyka" in s.name]
    assert len(reyka) == 1, [s.name for s in sides]
    assert any("nobody had asked" in p.text for p in reyka[0].positions)
    assert any("feeds our fields" in p.text for p in reyka[0].positions)


# A national story: a minister and her ministry, a volunteer group, a governor.
FLOOD = (
    "Floods in the Marrow valley have killed at least 30 people, the Water Ministry said on Sunday.\n"
    "Water Minister Ilse Brandt said 800 soldiers had been sent to the valley and that roads would reopen "
    "within two days.\n"
    "The ministry said foreign help was not needed at this stage.\n"
    "Volunteers from the Valley Relief Foundation said boats had still not reached several villages.\n"
    "Pia Sandor, the head of the Norwood-based group, said it had asked the ministry for pumps twice.\n"
    "“We are bailing water with buckets,” said Pia Sandor, the head of the Valley Relief Foundation.\n"
    "Governor Anton Reel demanded a state of emergency for the whole valley.\n"
    "Reel said the official toll did not yet count the missing.\n"
)


def test_a_minister_heads_her_ministry_and_volunteers_belong_to_their_group(embedder: Embedder) -> None:
    sides, _, quotes = _run(FLOOD, embedder)
    names = [s.name for s in sides]
    assert "Water Ministry" in names and "Norwood" not in names, names
    ministry = next(s for s in sides if s.name == "Water Ministry")
    assert any("800 soldiers" in p.text for p in ministry.positions), "the minister speaks for the ministry"
    assert any("foreign help" in p.text for p in ministry.positions)
    network = next(s for s in sides if s.name == "Valley Relief Foundation")
    assert any(p.text.startswith("Volunteers from") for p in network.positions)
    assert {q.speaker.split()[-1]: q.side for q in quotes}["Sandor"] == "Valley Relief Foundation"


def test_a_reworded_copy_renames_nothing(embedder: Embedder) -> None:
    spun = (
        FLOOD.replace("Water Ministry", "Aqua Ministry")
        .replace("Water Minister", "Aqua Minister")
        .replace("Valley Relief Foundation", "Vale Aid Basis")
    )
    articles = (make_article(spun, id="b"), make_article(FLOOD, id="a"))  # the copy first
    story = Story(
        "s",
        articles,
        tuple(s for a in articles for s in split_article(a)),
        quality=(
            SourceQuality("b", 0.6, 0, 1, 0, 120, copy_of="a", copy_kind="reworded"),
            SourceQuality("a", 1.0, 0, 1, 0, 120),
        ),
    )
    parsed = parse(story.articles, load_nlp())
    quotes = story_quotes(story, parsed)
    found = find_sides(story, quotes, parsed, embedder.encode)
    shown = " ".join(f"{s.name} {' '.join(p.text for p in s.positions)}" for s in found.sides)
    assert "Water Ministry" in shown
    assert "Aqua" not in shown and "Vale Aid" not in shown, shown


def test_what_makes_no_one_a_member_or_an_ally(embedder: Embedder) -> None:
    text = (
        TOWN.replace("'", "’")  # an outlet that prints curly apostrophes throughout
        .replace("a nurse for 20 years", "a nurse at the town’s clinic for 20 years")
        .replace("has sided with", "has not sided with")
        + "Critics of the Dorwick Nurses’ Association said the strike would hurt patients.\n"
        + "The clinic said it would keep every ward open during the strike.\n"
    )
    sides, _, quotes = _run(text, embedder)
    nurses = next(s for s in sides if "Nurses" in s.name)
    said = " ".join(p.text for p in nurses.positions)
    assert "Critics of" not in said and "The clinic said" not in said, said
    morrow = next(q for q in quotes if q.speaker.endswith("Morrow"))
    assert morrow.side == nurses.name, "one spelling for the side and its quotes"
    assert any(morrow.id in p.quote_ids for p in nurses.positions)
    vandam = next(q for q in quotes if q.speaker.endswith("Vandam"))
    assert vandam.side != "Dorwick Health Authority", "he has not sided with it"


def test_a_reworded_copy_makes_no_side_of_its_own(embedder: Embedder) -> None:
    original = "".join(line for line in FLOOD.splitlines(keepends=True) if "Reel" not in line)
    spun = (
        original.replace("The ministry said", "The Aqua Ministry said")
        + "The Aqua Ministry said it would report again.\n"
    )
    articles = (make_article(original, id="a"), make_article(spun, id="b"))
    story = Story(
        "s",
        articles,
        tuple(s for a in articles for s in split_article(a)),
        quality=(
            SourceQuality("a", 1.0, 0, 1, 0, 120),
            SourceQuality("b", 0.6, 0, 1, 0, 120, copy_of="a", copy_kind="reworded"),
        ),
    )
    parsed = parse(story.articles, load_nlp())
    found = find_sides(story, story_quotes(story, parsed), parsed, embedder.encode)
    assert not any("Aqua" in s.name for s in found.sides), [s.name for s in found.sides]
    assert all(s.positions for s in found.sides)


def test_a_coach_or_lawyer_stands_with_the_one_they_serve_a_counterpart_does_not() -> None:
    text = (
        "The federation banned the sprinter Maren Tasko for four years on Wednesday.\n"
        "Tasko and her long-time coach, Dusan Helm, faced reporters a few hours later.\n"
        "Premier Ilse Varga met her counterpart, Jon Mauer, at the border on Monday."
    )
    known = _known(text)
    assert known.get("helm") == "Tasko"
    assert known.get("mauer") != "Varga"


def test_the_one_served_is_named_before_or_after_and_never_inside_a_quote() -> None:
    text = (
        "The club sold its striker Dario Velk on Monday. Velk's agent, Henrik Moll, said the "
        "move was overdue.\n"
        "Officer Jan Brek was cleared. Brek left by a side door. “I think about Pavel Orr every "
        "day,” he told reporters.\n"
        "His lawyer, Ida Rusk, said the officer was relieved.\n"
        "“It was a tragedy,” said Tom Sava, Brek's barrister."
    )
    known = _known(text)
    assert known.get("moll") == "Velk"
    assert known.get("rusk") == "Brek"  # not Orr, named inside the quote
    assert known.get("sava") == "Brek"


def test_one_governments_ministers_and_leader_are_one_side_unless_a_party_is_theirs() -> None:
    known = _known(
        "A ferry sank off Cape Lorn on Monday. Transport Minister Anna Vell suspended the "
        "operator's licence. Prime Minister Otto Brand ordered an inquiry. Ruben Lask, a "
        "spokesman for Lorn Ferries, said the ship was certified.\n"
        "Brand's Civic Party has governed since 2015."
    )
    assert known.get("vell") == "Government"
    assert known.get("brand") == "Civic Party"  # his party, not the government
    two_nations = _known(
        "Norvalia raised tariffs on steel from Velmora on Monday. In Velmora, the trade minister, "
        "Ada Denesc, called it unfair. Norvalian officials said the tariff was legal and that "
        "Norvalia would not back down. Velmoran steelmakers fear job losses. Trade Minister Ivo "
        "Kast said talks with Velmora would go on."
    )
    assert two_nations.get("kast") != "Government"  # which government is not known


def test_an_organisations_name_keeps_its_last_body_noun_and_a_plural_possessive() -> None:
    known = _known(
        "Demand hit a record on Tuesday. Lukas Fenwright, operations director of the Serentan "
        "Transmission System Operator, blamed the heat.\n"
        "“People were stuck in lifts,” said Oskar Meyland, director of the Household Consumers' League."
    )
    assert known.get("fenwright") == "Serentan Transmission System Operator"
    assert known.get("meyland") == "Household Consumers' League"


def test_no_side_from_a_former_office_or_a_former_principal_and_his_lawyer_is_a_mans() -> None:
    known = _known(
        "Former prime minister Boris Jansen attacked the plan. Shadow health minister Wes Street "
        "agreed.\n"
        "Michael Cohn, Donald Tramp's former lawyer, testified against him.\n"
        "Prosecutors charged Mark Steel on Monday, said regulator Anne Fox. “It is fraud,” Fox "
        "said. His lawyer, Rita Chen, said he would fight."
    )
    assert "jansen" not in known and "street" not in known
    assert known.get("cohn") != "Tramp"
    assert known.get("chen") == "Steel"  # not Anne Fox, quoted in between


def test_a_person_written_with_and_without_an_office_is_one_side(embedder: Embedder) -> None:
    text = (
        "Teachers in Ravel walked out on Monday after talks with the district failed.\n"
        "Superintendent Celia Marchal said the district had put its best offer on the table.\n"
        "Superintendent Celia Marchal said more money would mean laying off teachers.\n"
        "Marchal said the schools would stay open with substitute staff.\n"
        "Marchal said she would meet the union again on Thursday.\n"
        "The Ravel Teachers Union said its members would not return without a raise.\n"
        "The Ravel Teachers Union said the offer ignored the cost of living.\n"
    )
    sides, _, _ = _run(text, embedder)
    assert len([s for s in sides if "Marchal" in s.name]) == 1, [s.name for s in sides]


def test_two_people_of_one_family_name_are_two_sides(embedder: Embedder) -> None:
    text = (
        "The Supreme Court of Ostrava struck down the data law on Tuesday.\n"
        "Judge Irena Valk wrote for the majority.\n"
        "“Privacy is not a privilege,” Irena Valk said.\n"
        "Judge Mikel Valk, no relation, dissented.\n"
        "“The court has taken a tool the state needs,” Mikel Valk wrote.\n"
        "“Parliament, not this court, must decide,” Mikel Valk added.\n"
    )
    sides, _, quotes = _run(text, embedder)
    by_speaker = {q.speaker: q.side for q in quotes}
    assert by_speaker["Irena Valk"] != by_speaker["Mikel Valk"], by_speaker
    assert not any({"Irena Valk", "Mikel Valk"} <= set(side.actors) for side in sides)


def test_the_noun_before_of_names_its_organisation(embedder: Embedder) -> None:
    text = (
        "The Ministry of Health ordered schools to keep unvaccinated pupils at home on Monday.\n"
        "The Union of Teachers and School Staff said its members would not check records.\n"
        "The union said in a statement that teachers were not health inspectors.\n"
        "The union urged the ministry to send nurses to every school.\n"
        "The ministry said the order would stay for three weeks.\n"
    )
    sides, _, _ = _run(text, embedder)
    names = [s.name for s in sides]
    assert "Union of Teachers and School Staff" in names and "union" not in names, names


TARIFF = (
    "Kestria imposed a 25 per cent tariff on Dovanian timber on Monday.\n"
    "Trade Minister Oskar Lemberg said Dovanian mills had sold below cost for two years.\n"
    "“We are asking for a fair price,” Lemberg told reporters.\n"
    "Tomas Rusk, who runs Halden Timber, welcomed the tariff on behalf of the millers.\n"
    "Rusk said the millers had asked for 40 per cent. He said they would keep asking.\n"
    "Rusk said orders were already rising. He said his mills would add shifts.\n"
    "Dovania's trade minister, Ida Rusk, protested in a phone call with her Kestrian counterpart, "
    "Oskar Lemberg, on Tuesday.\n"
    "“This is not how neighbours behave,” she told him.\n"
    "Dovania will take the case to the regional trade court, the Dovanian government said.\n"
)


def test_two_ministers_of_one_portfolio_and_a_shared_family_name_keep_their_countries(
    embedder: Embedder,
) -> None:
    sides, _, quotes = _run(TARIFF, embedder)
    names = [s.name for s in sides]
    assert "Trade" not in names, names  # the portfolio of "Trade Minister" is no organisation
    said = {q.text: q for q in quotes}
    protest = said["This is not how neighbours behave"]
    # "He" after the bare "Rusk" of Tomas does not make Ida Rusk a man: "she" is her
    assert (protest.speaker, protest.addressee) == ("Ida Rusk", "Oskar Lemberg")
    assert protest.side == "Dovania"  # "Dovania's trade minister, Ida Rusk"
    assert said["We are asking for a fair price"].side == "Kestria"  # "her Kestrian counterpart"


def test_an_office_held_in_a_place_and_an_organisation_the_parser_calls_a_person() -> None:
    text = (
        "The aid group Brightwater International appealed for help on Sunday.\n"
        "“Whole villages are gone,” said Nina Castel, Brightwater's country director in Solvania.\n"
        "Pavel Omer, the coordinator of the Dovrek-based Rescue Collective, said machinery was late."
    )
    known = _known(text)
    assert known.get("castel", "").startswith("Brightwater")  # where she works is no side
    assert known.get("omer") != "Dovrek"
    text = "Lena Holt, a spokeswoman in Norvalia's interior ministry, said the talks had failed."
    assert _known(text).get("holt") == "Norvalia"


def test_an_organisation_stands_under_its_name_a_person_under_the_family_name() -> None:
    from summarizer.sides import _own_side

    assert _own_side("Orvane Civil Works") == "Orvane Civil Works"  # not "Works"
    assert _own_side("Tom Black") == "Black"  # a first name: a person, a common word or not


def test_the_company_is_the_one_business_whose_chief_speaks_and_a_spokesperson_is_their_group(
    embedder: Embedder,
) -> None:
    text = (
        "Kelvar Software said on Tuesday it would cut a fifth of its staff.\n"
        "Kelvar's chief executive, Sabine Orlen, wrote to staff on Tuesday morning.\n"
        "“We grew too fast,” Orlen wrote.\n"
        "The Digital Workers' Union said it would challenge the cuts in court.\n"
        "“Affected colleagues will be offered support,” the firm said.\n"
        "“The board will decide on her membership,” a Civic League spokesperson said.\n"
        "The union said the company had not consulted its members.\n"
    )
    sides, _, quotes = _run(text, embedder)
    said = {q.text: q.side for q in quotes}
    assert said["Affected colleagues will be offered support"] == said["We grew too fast"]
    assert said["The board will decide on her membership"] == "Civic League"
    assert not any(s.name.lower() in ("company", "firm") for s in sides), [s.name for s in sides]


def test_a_body_noun_speaks_for_the_one_side_whose_name_ends_in_it_and_a_portfolio_is_no_party(
    embedder: Embedder,
) -> None:
    text = (
        "The Varsk Regional Health Trust postponed 300 operations after the attack.\n"
        "Helga Marn, the trust's chief executive, said the trust would not pay. “We will not "
        "pay criminals,” Marn said.\n"
        "“Emergency departments remain open,” a trust spokeswoman said.\n"
        "Labour Minister Ola Brandt said the government would help. “No patient will be "
        "abandoned,” Brandt told parliament.\n"
    )
    sides, _, quotes = _run(text, embedder)
    said = {q.text: q.side for q in quotes}
    assert said["Emergency departments remain open"] == said["We will not pay criminals"]
    assert said["No patient will be abandoned"] != "Labour", [s.name for s in sides]


def test_british_spellings_are_common_words() -> None:
    words = lexicon()
    assert {"labour", "organisation", "centre", "travelled", "defence"} <= words
    assert "vasquel" not in words


def test_a_peoples_word_before_a_noun_in_an_office_is_no_side() -> None:
    known = _known(
        "Police arrested Tomas Brel, the mayor of the western Kavarian city of Osk, on Monday.\n"
        "Brel denied the charges.\n"
    )
    assert known.get("brel") != "Kavarian"


def test_a_family_name_two_people_share_gives_neither_the_others_side(embedder: Embedder) -> None:
    text = (
        "Madame Claire Osser, president of the Friends of Orla Valley, wept after the ruling.\n"
        "“We are not against the wind, we are against this project,” Claire Osser said.\n"
        "Thomas Osser, her brother, is a regional councillor who backs the wind farm.\n"
        "“The region will not reach its targets if every project ends in court,” Thomas Osser "
        "told reporters.\n"
    )
    _, _, quotes = _run(text, embedder)
    said = {q.text.split(",")[0]: q.side for q in quotes}
    assert said["We are not against the wind"] == "Friends of Orla Valley"
    assert (
        said["The region will not reach its targets if every project ends in court"]
        != "Friends of Orla Valley"
    )


def test_a_party_before_its_leader_is_no_portfolio() -> None:
    text = "Labour leader Fiona Kerr said the plan would fail. Polls put Labour ahead.\n"
    assert _known(text).get("kerr") == "Labour"
    assert _known("Labour Minister Ola Brandt said the plan would work.\n").get("brandt") != "Labour"


def test_an_office_between_two_names_is_the_second_ones() -> None:
    # "Marisch, the party's general secretary, Marika Hollis, announced": hers, not his, though
    # the parser calls her name an organisation
    text = (
        "Orlan won 52.1% of the vote to 47.9% for Vasko, the United Reform Party's general "
        "secretary, Marika Hollis, announced at 3 p.m. at the Kessel Hall.\n"
    )
    assert _known(text).get("vasko") is None


def test_a_portfolio_set_off_after_a_name_is_no_organisation() -> None:
    # "the Data Protection" of "..., the Data Protection Commissioner": an office's portfolio
    text = "Irma Holst, the Data Protection Commissioner, had asked for a review panel.\n"
    assert _known(text).get("holst") is None


def test_a_body_of_a_side_is_that_side() -> None:
    from summarizer.sides import _folded

    sides = {
        "Norvalia",
        "Norvalia foreign ministry",
        "Government",
        "ministry",
        "Ministry of Health",
        "Norvalian",
    }
    assert _folded(sides) == {"Norvalia foreign ministry": "Norvalia", "ministry": "Government"}
    assert _folded({"ministry", "Farmers' Union"}) == {}  # no government side to join
    assert _folded({"Orvane", "Orvane workers", "Orvane opposition"}) == {}  # no body of it
    # in a story of one country, the country and its state bodies speak for its government
    home = {"Orvalia", "Orvalian National Disaster Agency", "Government", "Orvalian Farmers' League"}
    assert _folded(home, {"Orvalia"}) == {
        "Orvalia": "Government",
        "Orvalian National Disaster Agency": "Government",
    }
    assert _folded(home - {"Government"}, {"Orvalia"}) == {}  # no government side to join
    assert _folded(home, {"Orvalia", "Severa"}) == {}  # nations face each other


def test_the_company_stands_with_its_chief_executive_whom_no_organisation_names(embedder: Embedder) -> None:
    text = (
        "Chief executive Helena Varsk apologised to customers on Monday and said the leak was limited.\n"
        "“No passwords and no card numbers were taken,” Varsk said.\n"
        "The company said the attackers had copied names and addresses from a contractor's database.\n"
        "The company said it would offer every customer free identity monitoring for a year.\n"
        "The data protection authority said it had opened an investigation into the breach.\n"
        "The authority said the company had waited too long to report the leak."
    )
    sides, _, _ = _run(text, embedder)
    assert not any(s.name.lower() == "company" for s in sides), [s.name for s in sides]


def test_a_common_word_opening_a_sentence_is_no_people_and_a_relative_clause_no_apposition(
    embedder: Embedder,
) -> None:
    text = (
        "Landlords have taken their objections to the top.\n"
        "“This law punishes the small owner,” said Greta Olsund, president of the Veldor Landlords' "
        "Association.\n"
        "The Veldor Landlords' Association said it would go to court.\n"
        "“For two years we have warned you,” Olsund wrote in a letter to Mayor Tobias Brenning, "
        "which the association published on Sunday.\n"
        "“This city will hold no more concerts,” Brenning told reporters.\n"
        "Brenning said the city would pay for an inquiry.\n"
    )
    sides, _, quotes = _run(text, embedder)
    said = {q.text: q.side for q in quotes}
    assert said["This law punishes the small owner"] == "Veldor Landlords' Association"
    assert said["This city will hold no more concerts"] != said["This law punishes the small owner"]
    assert "Landlords" not in [s.name for s in sides]


def test_a_managing_director_and_a_spokeswoman_for_the_company_are_the_firms_side(
    embedder: Embedder,
) -> None:
    text = (
        "Corvane Events said it had sold 41,500 tickets.\n"
        "Anton Weisser, Corvane's managing director, rejected the police figure. “Every ticket we "
        "sold was within the licence,” Weisser said.\n"
        "Corvane's chief executive, Ida Lunn, said the company would cooperate. “We will hand over "
        "every record,” Lunn said.\n"
        "“We are cooperating fully,” a spokeswoman for the company said.\n"
        "Police chief Konrad Ystad said the fence had been opened. “We will find who opened it,” "
        "Ystad said.\n"
    )
    _, _, quotes = _run(text, embedder)
    said = {q.text: q.side for q in quotes}
    assert said["Every ticket we sold was within the licence"] == "Corvane Events"
    assert said["We are cooperating fully"] == said["We will hand over every record"]


def test_one_of_a_leagues_clubs_is_not_the_club() -> None:
    from spacy.tokens import Doc

    from summarizer.sides import organisations

    words = ["Port", "Aldby", "is", "a", "Varden", "Premier", "League", "club", "."]
    ents = ["B-ORG", "I-ORG", "O", "O", "B-ORG", "I-ORG", "I-ORG", "I-ORG", "O"]
    doc = Doc(load_nlp().vocab, words=words, ents=ents)
    assert organisations([doc]) == {"aldby": "Port Aldby"}  # "the club" is not the league


def test_a_side_under_a_family_name_alone_joins_the_person_it_is() -> None:
    from collections import Counter

    from summarizer.sides import _merge_own_names, _Party

    parties = {
        "Rourley": _Party("Rourley", Counter({"Desmond Rourley": 2})),
        "Desmond Rourley": _Party("Desmond Rourley", Counter({"Desmond Rourley": 1})),
        "Ostby": _Party("Ostby", Counter({"Helena Ostby": 1})),
    }
    _merge_own_names(parties)
    assert sorted(parties) == ["Desmond Rourley", "Ostby"]
    assert parties["Desmond Rourley"].actors["Desmond Rourley"] == 3


def test_the_company_the_sentence_before_names_is_the_side_of_what_the_company_says(
    embedder: Embedder,
) -> None:
    text = (
        "Chief executive Mara Quill of the Benefits Agency apologised. “We got this badly wrong,” "
        "Quill said.\n"
        "The agency said everyone would be repaid within six weeks.\n"
        "Tarvex said the fault lay in the instructions it had been given.\n"
        "The company said its software had applied the rules it was given.\n"
    )
    sides, _, _ = _run(text, embedder)
    said = {p.text: s.name for s in sides for p in s.positions}
    assert said["The company said its software had applied the rules it was given."] == "Tarvex"


def test_the_town_a_person_is_from_is_no_organisation_of_theirs() -> None:
    from spacy.tokens import Doc

    from summarizer.sides import _hometown, _towns

    words = ["Darren", "Hollis", ",", "a", "driver", "from", "Ostby", ",", "was", "refused", "."]
    heads = [1, 9, 1, 4, 1, 4, 5, 1, 9, 9, 9]
    deps = [
        "compound",
        "nsubjpass",
        "punct",
        "det",
        "appos",
        "prep",
        "pobj",
        "punct",
        "auxpass",
        "ROOT",
        "punct",
    ]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "B-ORG", "O", "O", "O", "O"]
    doc = Doc(load_nlp().vocab, words=words, heads=heads, deps=deps, ents=ents)
    town = doc.ents[1]
    assert _hometown(town, frozenset({"Ostby"}))  # the story writes it as a place elsewhere
    assert not _hometown(town, frozenset())  # "an engineer from Corvex": whom he works for
    written = load_nlp()("Hollis has worked at a warehouse in Ostby for years.")
    assert "Ostby" in _towns([written])


def test_a_spokesperson_for_the_body_speaks_for_the_one_side_of_that_noun() -> None:
    from summarizer.sides import _body_side

    names = ["Household Welfare Agency", "Government", "Tarvex"]
    assert _body_side("A spokesperson for the agency", names) == "Household Welfare Agency"
    assert _body_side("an agency spokeswoman", names) == "Household Welfare Agency"
    assert _body_side("A spokesperson for the union", names) is None
