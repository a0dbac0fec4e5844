"""The sides of a story: who the parties are, what each holds, and where they meet.

Actors are the people and organisations the story quotes or reports as saying, demanding,
denying, accusing, promising or agreeing (the subject of such a verb), and the people it names
with an affiliation ("Brazilian Foreign Minister Ana Roux"). An actor's side is the affiliation
the text gives it: a country or nationality in its name or role ("Canada's finance minister",
"Brazilian foreign ministry"), else a party or organisation it belongs to, else the actor itself.

Positions are the actors' reported statements, cut to the attributed clause ("Shortly before
leaving, Ms Roux said ..." -> "Ms Roux said ..."), merged across outlets with their sources.

Common ground is where two sides meet, in three forms the text can show:
- parallel statements: one side and another making the same kind of non-adversarial statement
  about the same thing (both describing the talks with the same words, both pledging to keep
  talking); accusations, denials and rejections are never paired, even when they mirror each other;
- a sentence whose subject is both sides ("Both sides agreed ...", "The two sides said ...");
- a sentence whose subject joins actors of two sides ("Roux and Tamm agreed ...").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from summarizer.config import SidesConfig, packaged_defaults
from summarizer.models import (
    Citation,
    CommonGround,
    Position,
    Quote,
    Sentence,
    Side,
    SideStatement,
    Story,
)
from summarizer.quotes import (
    NameBook,
    Parsed,
    first_name_gender,
    mention,
    name_words,
    named_like_a_person,
    people_before,
    reads_as_person,
    reads_like_person,
    spokesperson_for,
    without_titles,
)
from summarizer.sentences import by_article, sentences_between
from summarizer.sources import reworded_copies
from summarizer.speakers import sentences_back
from summarizer.text import content_words, leader_clusters, strip_article
from summarizer.words import (
    AIDES,
    ANONYMOUS,
    BODIES,
    DEMONYMS,
    DOCUMENTS,
    QUANTIFIERS,
    ROLES,
    STANCE_VERBS,
    TITLES,
    lexicon,
    verbs,
)

# Verbs that put their subject on its object's side ("sided with the district").
ALLY = verbs("ally")
# Verbs that set one side against the other: their statements are positions, never common ground.
ADVERSARIAL = verbs("adversarial")
# Kinds of statement two sides can make alike; a pair must be of one kind.
DESCRIBING = verbs("describe")
NAMING = verbs("naming")  # describing only with "as ..." or a complement
AGREEING = verbs("agree")
SAYING = verbs("say")
# A verb's dependents that frame a statement rather than carry it.
LEAD_IN = frozenset("advcl advmod npadvmod prep punct cc mark aux auxpass neg".split())
CLOSING = ("”", '"', "»")
BOTH = re.compile(
    r"\b(both sides|the two sides|both countries|both governments|both parties|the two countries"
    r"|the two governments|the two parties|the two leaders|both leaders)\b",
    re.I,
)
Embed = Callable[[list[str]], np.ndarray]


@dataclass(frozen=True, slots=True)
class Statement:
    """One actor's reported statement in one article."""

    actor: str
    side: str
    text: str  # the attributed clause, verbatim from the source
    article_id: str
    kind: str  # describe, agree, say, or "" (see `_kind`)
    adversarial: bool
    said: str  # what was said: the verb's words without its subject, for pairing
    clause: str  # the subject, the verb and what it says, when they stand together; else `text`
    sentences: tuple[Sentence, ...] = ()  # the story's sentences that hold it


@dataclass
class _Party:
    """A side while it is being gathered."""

    name: str
    actors: Counter[str] = field(default_factory=Counter)
    statements: list[Statement] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SidesFound:
    """What `find_sides` found: the sides, their common ground, and each quote's side (by id)."""

    sides: tuple[Side, ...]
    common_ground: tuple[CommonGround, ...]
    quote_sides: dict[str, str]


def affiliation(text: str, doc_ents: Sequence[tuple[str, str]] = ()) -> str | None:
    """The country or group a mention or role names, if any."""
    lowered = text.lower().replace("’s", "").replace("'s", "")
    for phrase in sorted(DEMONYMS, key=len, reverse=True):
        if re.search(rf"(?<![\w.]){re.escape(phrase)}(?![\w])", lowered):
            return DEMONYMS[phrase]
    for ent_text, label in doc_ents:
        found = re.search(rf"(?<![\w.]){re.escape(ent_text.lower())}(?![\w])", lowered)
        if not found or label not in ("NORP", "GPE"):
            continue
        if label == "GPE" and re.match(r"\s+[A-Z]", text[found.end() :]):
            continue  # a town that begins an organisation's name: "Ravensport Teachers' Union"
        return ent_text
    return None


class _Reader:
    """What one story's parses say about actors: names, affiliations, organisations."""

    def __init__(self, parsed: Parsed, quotes: Sequence[Quote], docs: Sequence[Any]) -> None:
        """`docs`: the parses whose names count (a reworded copy's renamings do not)."""
        self.names = parsed.names
        self.orgs = organisations(docs)
        nations = self.countries = _nations(docs)
        self.nations = nations | _COUNTRIES
        self.known = named_affiliations(docs, self.orgs, nations)
        self.orgs |= role_nouns(docs, self.known, self.orgs)
        for key, ally in allies(docs, self.orgs).items():
            self.known.setdefault(key, ally)
        for quote in quotes:
            side = quote_side(quote)
            if side and quote.speaker:
                self.known.setdefault(quote.speaker.split()[-1].lower(), side)

    def actor(self, subject: Any, ents: Sequence[tuple[str, str]]) -> tuple[str, str | None]:
        """(the actor's name, its side) for the subject token of a stance verb."""
        written = mention(subject)
        name, role = self.names.resolve(written, subject)
        # "the company" the sentence before names ("Corvex said ... . The company said ..."): its side
        sentence = subject.sent
        before = subject.doc[sentence.start - 1].sent.text if sentence.start else ""
        named_body = (
            subject.lower_ in BODIES
            and name[:1].isupper()
            and name.lower() != strip_article(written).lower()
            and not reads_like_person(name, self.names)
            and name in f"{before} {sentence.text}"
        )
        side = (
            affiliation(written, ents)
            or affiliation(role)
            or self.known_side(name)
            or (self._short_side(name) if named_body else None)
            or _group(subject, self.orgs, self.own_side(strip_article(written)))
        )
        return name or written, side

    def _short_side(self, name: str) -> str:
        """The side an organisation's full name is known by when the story gives another actor a
        side named by its first words ("Orvane" for "Orvane Launch Systems"), else the name."""
        known = sorted({side for side in self.known.values() if side}, key=len)
        return next((side for side in known if name.startswith(f"{side} ")), name)

    def own_side(self, speaker: str) -> str:
        """`_own_side`, under the full name when the story names two people of that family name
        ("Irena Orlan" and "Mikel Orlan", judges on either side of a ruling)."""
        side = _own_side(speaker)
        words = name_words(speaker)
        if side and len(words) >= 2 and len(self.names.family.get(side.lower(), ())) > 1:
            return " ".join(words)
        return side

    def side_of(self, quote: Quote) -> str | None:
        side = quote_side(quote)
        if side or not quote.speaker:
            return side
        return self.known_side(quote.speaker)

    def known_side(self, name: str) -> str | None:
        """The side the story gives a person, under the first name when two people of the
        story share the family name ("Maren Vostrik" and "Emil Vostrik" on either side)."""
        words = without_titles(name).split()
        if not words:
            return None
        if len(words) >= 2 and len(self.names.family.get(words[-1].lower(), ())) > 1:
            return self.known.get(words[0].lower())  # the family name may be the other's
        side = self.known.get(words[-1].lower())
        if side and side != name and _in_own_name(side, name, self.nations):
            return None  # "Friends of Montbrel Ridge" is not the ridge's, nor "Brask Town Council" the town's
        return side


_COUNTRIES = frozenset(DEMONYMS.values())


def _in_own_name(side: str, name: str, nations: set[str]) -> bool:
    """A side that is a word or words of a name, and no nation (`nations`): a place the body
    or person is named after, not the side it is on."""
    return f" {side} " in f" {name} " and side not in nations


def find_sides(
    story: Story,
    quotes: Sequence[Quote],
    parsed: Parsed,
    vectors_for: Embed,
    config: SidesConfig | None = None,
) -> SidesFound:
    """The sides, their common ground and each quote's side for one story whose articles are
    parsed as `parsed` (spaCy, in article order); `vectors_for` embeds a list of texts."""
    config = config or packaged_defaults().sides
    derived = reworded_copies(story.quality)
    reader = _Reader(
        parsed,
        quotes,
        [doc for a, doc in zip(story.articles, parsed.docs, strict=True) if a.id not in derived],
    )
    statements: list[Statement] = []
    together: list[tuple[str, str, tuple[Sentence, ...]]] = []  # both sides as the subject
    own = by_article(story.sentences)
    for article, doc in zip(story.articles, parsed.docs, strict=True):

        def held(sentence: Any, article_id: str = article.id) -> tuple[Sentence, ...]:
            return tuple(sentences_between(own.get(article_id, []), sentence.start_char, sentence.end_char))

        people = {e.text for e in doc.ents if e.label_ in ("PERSON", "ORG")}
        ents = [  # spaCy may tag a name GPE, or a sentence's first word a place
            (e.text, e.label_) for e in doc.ents if e.text not in people and not _misread(e)
        ]
        for sentence in doc.sents:
            size = len(sentence.text.split())
            if size < 6 or size > 60:
                continue
            if _both_as_subject(sentence):
                together.append((_text(sentence), article.id, held(sentence)))
                continue
            for verb, subject, reported in _stances(sentence):
                actors = [reader.actor(s, ents) for s in [subject, *subject.conjuncts]]
                if len({side for _, side in actors if side}) >= 2:
                    together.append((_text(sentence), article.id, held(sentence)))
                    break
                actor, side = actors[0]
                if side and not reported:
                    found = _statement(sentence, verb, subject, actor, side, article.id)
                    statements.append(replace(found, sentences=held(sentence)))

    places = {e.text for doc in parsed.docs for e in doc.ents if e.label_ == "GPE"} | {
        s.side for s in statements
    }
    statements = [replace(s, side=_place_for(s.side, places)) for s in statements]
    statements += _quoted(story, quotes, reader, places)
    parties: dict[str, _Party] = {}
    person_sides = _person_sides([_spelled(s.side) for s in statements], reader.names)
    # the company's chief executive's side, their own when the story gives them no other
    firm = _firm_side(
        quotes, {q.id: reader.side_of(q) or reader.own_side(q.speaker) for q in quotes}, reader.names
    )

    def side_named(side: str) -> str:
        side = person_sides.get(side, side)
        return firm if firm and side.lower() in _FIRM_WORDS else side

    folded = _folded({side_named(_spelled(s.side)) for s in statements}, _home(statements, reader.countries))
    for statement in sorted(statements, key=lambda s: s.article_id in derived):
        side = side_named(_spelled(statement.side))
        statement = replace(statement, side=folded.get(side, side))
        if statement.article_id in derived and statement.side not in parties:
            continue  # a reworded copy joins the sides its original has; it makes none
        entry = parties.setdefault(statement.side, _Party(statement.side))
        entry.statements.append(statement)
        entry.actors[statement.actor] += 1
    _merge_own_names(parties)
    ranked = sorted(parties.values(), key=lambda s: -len(s.statements))
    kept = [s for s in ranked if len(s.statements) >= 2][: config.max_sides]
    kept += [s for s in ranked if s not in kept][: max(0, 2 - len(kept))]
    for quote in quotes:
        side = _spelled(reader.side_of(quote) or "") if quote.speaker else None
        for entry in kept:
            if entry.name == side:
                entry.actors[quote.speaker] += 1
    for name, written in named_people(parsed.docs, reader.names):
        side = _place_for(written, places)
        for entry in kept:
            if entry.name == side and not any(name in other.actors for other in kept):
                entry.actors[name] += 0  # named, not heard: listed after those who speak

    side_of = {key: s.name for s in kept for actor in s.actors if (key := _actor_key(actor))}
    side_of |= {key.split()[-1]: side for key, side in list(side_of.items())}  # "Tamm" too
    names = [s.name for s in kept]
    quote_sides = {
        q.id: _spelled(
            reader.side_of(q)
            or (firm if spokesperson_for(q.speaker)[1].lower() in _FIRM_WORDS else None)
            or side_of.get(_actor_key(q.speaker) or "-")
            or _body_side(q.speaker, names)
            or _named_in(q, names)
            or _acronym_side(q.speaker, kept)
            or titled_group(strip_article(q.speaker))
            or reader.own_side(q.speaker)
        )
        for q in quotes
    }
    quote_sides = {key: folded.get(side, side) if side else side for key, side in quote_sides.items()}
    sides = []
    for entry in kept:
        positions = [
            replace(
                p,
                quote_ids=tuple(
                    q.id
                    for q in quotes
                    if quote_sides[q.id] == entry.name
                    and set(q.citation.sentences) & set(p.citation.sentences)
                ),
            )
            for p in _merge(entry.statements, vectors_for, config, derived)
        ]
        shown = [
            a for a in _actors(entry.actors) if not _is_place(a, entry.name) and a.lower() not in _FIRM_WORDS
        ]
        sides.append(Side(entry.name, tuple(shown), tuple(positions[: config.max_positions])))
    kept_statements = [s for entry in kept for s in entry.statements]
    ground = _parallel(kept_statements, vectors_for, config) + _merge_sentences(
        together, vectors_for, names, config.same_ground
    )
    return SidesFound(tuple(sides), tuple(ground[: config.max_common_ground]), quote_sides)


def _merge_own_names(parties: dict[str, _Party]) -> None:
    """One side per person standing for themselves: a side under a family name alone ("Rourke")
    whose one actor is the person another side is named after ("Desmond Rourke") joins it."""
    for name, party in list(parties.items()):
        actors = set(party.actors)
        full = actors.pop() if len(actors) == 1 else ""
        if len(name.split()) == 1 and full != name and full.split()[-1:] == [name] and full in parties:
            parties[full].statements.extend(party.statements)
            parties[full].actors.update(party.actors)
            del parties[name]


# Bodies of a government that speak for it ("the ministry said").
_GOVERNMENT_BODIES = frozenset("ministry department cabinet administration government".split())


# Bodies a country's government speaks through ("the Orvalian disaster agency").
_STATE_BODIES = _GOVERNMENT_BODIES | {"agency"}


def _home(statements: Sequence[Statement], countries: set[str]) -> set[str]:
    """The story's one country (of `countries`) when its own national bodies speak for it ("the
    National Disaster Response Agency"): the country whose government the story's "Government"
    is (not a foreign embassy and ministry beside a home government that names no country)."""
    if len(countries) != 1:
        return set()
    (country,) = countries
    national = any(
        _of_country(s.side, country) and re.search(r"\bNational\b", f"{s.actor} {s.side}")
        for s in statements
        if s.side
    )
    return {country} if national else set()


def _of_country(side: str, country: str) -> bool:
    """A side named by the country or its people's word first ("Orvalia", "Orvalian National
    Disaster Response Agency")."""
    return _place_for(side.split()[0], {country}) == country


def _folded(sides: set[str], nations: Set[str] = frozenset()) -> dict[str, str]:
    """Sides that are a part of another side -> that side: a body of a side named before it
    ("Kestmark foreign ministry" of "Kestmark"; not "Kestmark workers"), and a government's body
    by its common noun ("ministry") when the story has a "Government" side; with that side, in a
    story of one country (`nations`), the country and its state bodies ("Orvalian National
    Disaster Response Agency") are its government too. One actor, one side."""
    folded = {}
    home = next(iter(nations)) if len(nations) == 1 and "Government" in sides else None
    for side in sides:
        of_home = home is not None and side != "Government" and _of_country(side, home)
        if of_home and (side == home or side.split()[-1].lower() in _STATE_BODIES):
            folded[side] = "Government"
            continue
        whole = min(
            (
                other
                for other in sides
                if side.startswith(f"{other} ")
                and side[len(other) :].strip().islower()
                and side.split()[-1] in BODIES
            ),
            key=len,
            default=None,
        )
        if (
            whole is None
            and side != "Government"
            and side.lower() in _GOVERNMENT_BODIES
            and "Government" in sides
        ):
            whole = "Government"
        if whole is not None:
            folded[side] = whole
    return folded


# What a story calls a business it has named ("the company said", "the firm said").
_FIRM_WORDS = frozenset({"company", "firm"})
# Offices that only a business has ("chief executive Sabine Orlecky", "its founder, X").
_BUSINESS_OFFICES = ("executive", "ceo", "founder")


def _firm_side(quotes: Sequence[Quote], sides: dict[str, str | None], names: NameBook) -> str | None:
    """The side of the one business the story quotes, known by its chief executive's or
    founder's words ("the company said" is Vantrel's when Vantrel's chief executive speaks);
    None when no business, or several, speak."""
    heads = {person for office in _BUSINESS_OFFICES for person in names.holders.get(office, ())}
    found = {side for q in quotes if q.speaker in heads and (side := sides.get(q.id))}
    return found.pop() if len(found) == 1 else None


def _body_side(speaker: str, names: Sequence[str]) -> str | None:
    """The one side whose organisation's name ends in the noun a speaker is written as ("the
    trust", "a trust spokeswoman" and "a spokesperson for the trust" of the Thessary Regional
    Health Trust); None when none or several do."""
    role, body = spokesperson_for(speaker)
    words = strip_article(body if role else speaker).split()
    if len(words) == 2 and words[1].lower().startswith("spokes"):
        words = words[:1]
    if len(words) != 1 or not words[0].islower():
        return None
    found = [n for n in names if len(n.split()) > 1 and n.lower().split()[-1] == words[0]]
    return found[0] if len(found) == 1 else None


def _quoted(story: Story, quotes: Sequence[Quote], reader: _Reader, places: set[str]) -> list[Statement]:
    """What each side says in its quotes, as statements: the sentence that holds the quote
    (verbatim, with its attribution), on the speaker's side. A quote makes a side heard even
    when no stance verb reports it; it is never paired as common ground (no kind)."""
    by_key = {s.key: s for s in story.sentences}
    out = []
    for quote in quotes:
        if not quote.speaker:
            continue
        side = reader.side_of(quote) or titled_group(quote.speaker) or reader.own_side(quote.speaker)
        held = tuple(by_key[k] for k in quote.citation.sentences if k in by_key)
        if side and held:
            first = held[0]
            side = _place_for(side, places)
            text = " ".join(s.text for s in held if s.article_id == first.article_id)  # the whole quote
            out.append(
                Statement(quote.speaker, side, text, first.article_id, "", False, quote.text, text, held)
            )
    return out


def _stances(sentence: Any) -> list[tuple[Any, Any, bool]]:
    """The sentence's stance verbs with a named subject: (verb, subject, reported). A verb may
    head the sentence, be joined to its head ("... and demanded"), or hang on it as a
    participle ("..., calling them ...") whose subject is the head's. A verb inside what
    someone else says ("officials said the two countries agreed ...") is `reported`: it can
    show two sides acting together, but is not its subject's own statement."""
    found = []
    for token in sentence:
        if token.pos_ != "VERB" or token.lemma_.lower() not in STANCE_VERBS:
            continue
        if token.dep_ not in ("ROOT", "conj", "advcl", "ccomp") or (
            token.dep_ == "advcl" and token.tag_ != "VBG"
        ):
            continue
        reported = token.dep_ == "ccomp" or (token.dep_ == "conj" and token.head.dep_ == "ccomp")
        if token.dep_ != "ROOT" and token.head.dep_ != "ROOT" and not reported:
            continue  # "to establish and maintain ...": not a stance
        subject = _subject(token)
        if subject is not None:  # "Critics of the union said", parsed with the union as subject
            subject = next(
                (c for c in subject.lefts if c.dep_ == "nmod" and any(g.lower_ == "of" for g in c.children)),
                subject,
            )
        if subject is not None and subject.pos_ == "NOUN" and not _named_owner(subject):
            # "The tribe's chairwoman, Rena Halloway, said": the name, not "Vescovi's agent"
            subject = next((c for c in subject.rights if c.dep_ == "appos" and c.ent_type_), subject)
        if subject is not None and subject.pos_ != "PRON":
            found.append((token, subject, reported))
    return found


def _named_owner(noun: Any) -> bool:
    """The noun belongs to someone named: "Vescovi's agent", "Norholt's director"."""
    return any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in noun.children)


def _subject(verb: Any) -> Any | None:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ in ("conj", "advcl") and verb.head is not verb:
        return _subject(verb.head)
    return subject


def _statement(sentence: Any, verb: Any, subject: Any, actor: str, side: str, article_id: str) -> Statement:
    """The statement as a short attributed clause: a lead-in before the subject ("Shortly
    before leaving Washington, ", "And, ") is cut when the subject opens the clause and
    everything the verb says follows it."""
    doc = sentence.doc
    subject_tokens = {t.i for t in subject.subtree}
    start = min(subject_tokens)
    text = _text(sentence)
    lead_in = {c.i for c in verb.children if c.i < verb.i and c.dep_ in LEAD_IN}
    said_before = any(c.i < start and c.i not in lead_in for c in verb.children)
    if sentence.start < start < verb.i and not said_before:
        before = doc[start - 1]
        if before.text == "," or before.dep_ == "cc":
            clause = _text(doc[start : sentence.end])
            text = clause[:1].upper() + clause[1:]
    said = " ".join(
        t.text
        for c in verb.children
        if c.i not in subject_tokens and c.i not in lead_in and c.dep_ != "conj"
        for t in c.subtree
        if not t.is_punct
    )
    negated = any(c.dep_ == "neg" for t in (verb, *verb.children) for c in t.children)
    adversarial = verb.lemma_.lower() in ADVERSARIAL or negated
    return Statement(
        actor, side, text, article_id, _kind(verb), adversarial, said, _clause(verb, subject, lead_in) or text
    )


def _clause(verb: Any, subject: Any, lead_in: set[int]) -> str:
    """ "X described the talks as frank" out of "X described the talks as frank, and demanded
    ...": the subject, the verb and its own words, when they stand together in the text."""
    parts = [subject, verb] + [
        c
        for c in verb.children
        if c.dep_ not in ("conj", "cc", "punct") and c is not subject and c.i not in lead_in
    ]
    indexes = sorted({t.i for part in parts for t in (part.subtree if part is not verb else [verb])})
    if indexes != list(range(indexes[0], indexes[-1] + 1)):
        return ""
    span = verb.doc[indexes[0] : indexes[-1] + 1]
    text = _text(span)
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "”", '"')) else ".")


def _calls_it(child: Any) -> bool:
    """`called them "frank"`, `hailed it as a success`, `called the talks useful`."""
    if child.dep_ == "oprd" or (child.dep_ == "prep" and child.lower_ == "as"):
        return True
    return child.dep_ == "dobj" and any(c.dep_ == "amod" and c.i > child.i for c in child.children)


def _text(span: Any) -> str:
    """A sentence's text with the closing quotation mark the parser left to the next one."""
    text = str(span.text).strip()
    doc = span.doc
    unclosed = text.count('"') % 2 == 1 or text.count("“") > text.count("”")
    end = span.end
    while unclosed and end < len(doc) and end - span.end < 3 and doc[end].is_punct:
        text += doc[end].text  # the full stop, then the closing mark
        if doc[end].text in CLOSING:
            break
        end += 1
    return text


def _kind(verb: Any) -> str:
    """What kind of statement a verb makes, for pairing: a description ("described the talks as
    ...", "called them ..."; not "called his counterpart"), an agreement, a plain statement."""
    lemma = verb.lemma_.lower()
    if lemma in DESCRIBING:
        return "describe"
    if lemma in NAMING and any(_calls_it(c) for c in verb.children):
        return "describe"
    if lemma in AGREEING:
        return "agree"
    if lemma in SAYING:
        return "say"
    return ""


def _both_as_subject(sentence: Any) -> bool:
    """ "Both sides agreed ...", "The two sides both said ...": both sides do the verb (not
    "rhetoric from both sides", "talks between the two countries")."""
    for match in BOTH.finditer(sentence.text):
        start = sentence.start_char + match.start()
        head = next(
            (t for t in sentence if t.idx >= start + len(match.group()) - len(match.group().split()[-1])),
            None,
        )
        if head is not None and head.dep_ in ("nsubj", "nsubjpass"):
            return True
    return False


def _person_sides(sides: Iterable[str], names: NameBook) -> dict[str, str]:
    """One side per person however the outlets write them ("Superintendent Celia Marchetti" and
    "Marchetti" are one side; Tobias and Emil Lenhardt stay two): each side named by a person
    maps to the way most statements name them."""
    counts = Counter(sides)
    unadorned = {side: name_words(side) for side in counts}
    full_names = {
        " ".join(words)
        for words in unadorned.values()
        if 2 <= len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and (words[-1].lower() in names.full or named_like_a_person(" ".join(words)))
    }
    person: dict[str, list[str]] = {}
    for side, words in unadorned.items():
        name = " ".join(words)
        if len(words) == 1:  # a surname alone: the one full name that ends in it
            ending = [full for full in full_names if full.split()[-1] == name]
            name = ending[0] if len(ending) == 1 else ""
        if name in full_names:
            person.setdefault(name, []).append(side)
    return {
        side: max(written, key=lambda w: (counts[w], -len(w)))
        for written in person.values()
        for side in written
    }


def _spelled(side: str) -> str:
    """One spelling of a side's name however the outlet writes its apostrophes."""
    return side.replace("’", "'")


def _place_for(side: str, places: set[str]) -> str:
    """One name for a country however the text names it: "Ruritanian" is "Ruritania" when the
    story names that place (a people's name is its country's with an ending: -n, -ian, -ese)."""
    if side in DEMONYMS.values() or len(side.split()) > 1:
        return side  # a people's name is one word; "Ravensport Federation of Teachers" is no place
    for place in sorted(places, key=len):
        stem = place[:-1] if place[-1:].lower() in "aeiouy" else place
        if place != side and len(stem) >= 4 and side.startswith(stem) and len(side) > len(place) - 1:
            return place
    return side


def _nations(docs: Sequence[Any]) -> set[str]:
    """The places of a story that are countries: those it also names a people after
    ("Norvalia" beside "Norvalian"), not a province or town it names alone ("Ulmara")."""
    places = {e.text for doc in docs for e in doc.ents if e.label_ == "GPE" and len(e) == 1}
    words = {t.text for doc in docs for t in doc if t.text[:1].isupper() and t.text not in places}
    return {place for place in places if any(_place_for(w, {place}) == place for w in words)}


def _people_word(role: str, nations: set[str]) -> str | None:
    """The country a person's role names, by its name or a people's word the parser did not
    tag ("Belmoran Prime Minister", "Norvalia's trade minister"), of the story's `nations`."""
    for word in re.findall(r"\b[A-Z][a-z]{3,}\b", role):
        place = word if word in nations else _place_for(word, nations)
        if place in nations:
            return place
    return None


def _is_place(actor: str, side: str) -> bool:
    """The actor is the side's country itself ("Ruritania", "the Ruritanians")."""
    return actor == side or (len(actor.split()) == 1 and _place_for(actor, {side}) == side)


def _group(subject: Any, orgs: dict[str, str], own: str) -> str | None:
    """A side for an actor the text gives no country: its organisation or its own name (`own`,
    as their quotes have it); "the board" is the organisation the story names "... Board", "the
    city council" itself."""
    if subject.ent_type_ == "PERSON":
        return own or strip_article(mention(subject))
    if subject.ent_type_ in ("ORG", "NORP", "GPE") or subject.pos_ == "PROPN":
        return _entity(subject)
    member_of = next(  # "Volunteers from the Highland Rescue Collective", "members of the union"
        (
            g
            for c in subject.children
            if c.dep_ == "prep" and (c.lower_ == "from" or (c.lower_ == "of" and _member_word(subject)))
            for g in c.children
            if g.dep_ == "pobj" and (g.ent_type_ == "ORG" or g.lower_ in orgs)
        ),
        None,
    )  # not "critics of the union"
    if subject.pos_ == "NOUN" and member_of is not None:
        return _body(member_of, orgs)
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
    if subject.pos_ == "NOUN" and definite and subject.lemma_.lower() not in ANONYMOUS:
        return orgs.get(subject.lower_) or strip_article(mention(subject))
    return None


def _member_word(noun: Any) -> bool:
    """A word for someone who belongs to a body: "members", "staff", an office ("officials")."""
    lemma = noun.lemma_.lower()
    return lemma in ROLES or lemma in ("member", "staff", "volunteer", "employee", "worker")


def _body(token: Any, orgs: dict[str, str]) -> str | None:
    """The organisation a noun names: its entity's name, or the organisation the story names
    with that last word ("the district": "Ravensport Unified School District")."""
    return _entity(token) if token.ent_type_ == "ORG" else orgs.get(token.lower_)


def _entity(token: Any) -> str:
    """The whole name of the entity a token stands in ("Ravensport Federation of Teachers",
    which `mention` would cut at "of"), without its article; else its mention."""
    ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
    if ent is not None and ent.label_ == "ORG":
        return strip_article(str(ent.text), before_capital=True)
    return strip_article(mention(token))


def quote_side(quote: Quote) -> str | None:
    """The country a quote's speaker, role or mention names."""
    return affiliation(f"{quote.speaker_role} {quote.speaker} {quote.speaker_mention}")


def _own_side(speaker: str) -> str:
    """A named person no side holds stands for themselves, under their family name (a lone
    capitalised word only when it is no common word or plural group: "Obi", not "Rescuers")."""
    words = speaker.split()
    if not words or not all(w[:1].isupper() for w in words):
        return ""
    if len(words) == 1 and (words[0].lower() in lexicon() or words[0].endswith("s") or words[0].isupper()):
        return ""  # a common word, a group, or an acronym (whose side `_acronym_side` finds)
    if words[-1].lower() in lexicon() and not first_name_gender(words[0]):
        return speaker  # an organisation by its name ("Orvane Civil Works"), not its last word
    return words[-1]


def _acronym_side(speaker: str, sides: Sequence[_Party]) -> str | None:
    """The side of the actor an acronym stands for: "CCTV" for "China Central Television"
    (the initials of its capitalised words begin the acronym, three letters at least)."""
    if not re.fullmatch(r"[A-Z]{3,6}", speaker):
        return None
    for side in sides:
        for actor in side.actors:
            initials = "".join(w[0] for w in actor.split() if w[:1].isupper() and "-" not in w)
            if len(initials) >= 3 and speaker.startswith(initials):
                return side.name
    return None


def _named_in(quote: Quote, sides: Sequence[str]) -> str | None:
    """The side whose name the speaker's role or mention contains ("Greenfield Energy chief")."""
    text = f"{quote.speaker_role} {quote.speaker_mention}".lower()
    return next((name for name in sides if name.lower() in text), None)


def organisations(docs: Sequence[Any]) -> dict[str, str]:
    """The noun of each organisation the story names (lower case) -> its name as written: its
    last word, and the head before "of" ("union" of "Union of Teachers and School Staff",
    "ministry" of "Ministry of Health")."""
    found: dict[str, str] = {}
    for doc in docs:
        for e in doc.ents:
            if e.label_ != "ORG" or _portfolio(e):
                continue
            name = strip_article(e.text, before_capital=True)
            if e.text.split()[-1].islower():
                continue  # "a Varden Premier League club": one of its clubs, not its name
            found[e.text.split()[-1].lower()] = name
            head = re.match(r"([A-Z][a-z]+) of ", name)
            if head:
                found.setdefault(head.group(1).lower(), name)
    return found


def allies(docs: Sequence[Any], orgs: dict[str, str]) -> dict[str, str]:
    """Last word of a person's name -> the organisation the story says they side with
    ("Mayor Gideon Ashby ... has sided with the district", "the governor backed the agency")."""
    out: dict[str, str] = {}
    for doc in docs:
        for verb in doc:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in ALLY:
                continue
            subject = _subject(verb)
            negated = any(c.dep_ == "neg" for c in verb.children)
            if subject is None or subject.ent_type_ != "PERSON" or negated:
                continue
            objects = [c for c in verb.children if c.dep_ == "dobj"] + [
                g for c in verb.children if c.dep_ == "prep" and c.lower_ == "with" for g in c.children
            ]
            for obj in objects:
                org = _body(obj, orgs)
                if org:
                    out.setdefault(mention(subject).split()[-1].lower(), org)
    return out


def role_nouns(docs: Sequence[Any], known: dict[str, str], orgs: dict[str, str]) -> dict[str, str]:
    """A common noun that qualifies the office of a person whose organisation is known, in
    the role before the name or the apposition after it, -> that organisation ("union president
    Renata Okoye" of the "Ravensport Federation of Teachers": "the union" is that federation;
    "Douglas Pryer, the company's chief executive"; not "a nurse at the town's clinic"), where it
    ends no organisation's name the story gives."""
    votes: dict[str, Counter[str]] = {}
    countries = set(DEMONYMS.values())
    for doc in docs:
        for ent in doc.ents:
            side = known.get(ent.text.split()[-1].lower()) if ent.label_ == "PERSON" else None
            if not side or side in countries:
                continue
            for token in [*doc[_role_start(ent) : ent.start], *_apposition(ent)]:
                noun = token.lower_
                office = token.dep_ in ("compound", "poss") and token.head.lower_ in ROLES | TITLES
                if token.pos_ == "NOUN" and office and noun not in ROLES | TITLES and noun not in orgs:
                    votes.setdefault(noun, Counter())[side] += 1
    return {noun: counter.most_common(1)[0][0] for noun, counter in votes.items()}


def named_affiliations(
    docs: Sequence[Any], orgs: dict[str, str] | None = None, nations: set[str] | None = None
) -> dict[str, str]:
    """Last word of a person's or organisation's name -> the country written next to it
    anywhere in the story ("French President Ana Roux", "Japan's trade minister Ken Sato",
    "Brazil's Foreign Ministry"), else, for a person, the organisation the text places them in
    ("Ashkaro Tribe chairwoman Rena Halloway", "Marta Jelinek, leader of the Korvel Textile
    Workers' Union", "union leader Marta Jelinek" when the story names "... Union"); `orgs`:
    the story's `organisations`, and `nations` its `_nations`, when the caller has them."""
    orgs = organisations(docs) if orgs is None else orgs
    votes: dict[str, Counter[str]] = {}
    serves: dict[str, str] = {}  # "Her coach, Dusan Helmer": helmer -> the person she is
    governing: set[str] = set()  # ministers and the leader of the one government, by family name
    countries = _nations(docs) if nations is None else nations
    any_nation = countries | _COUNTRIES
    towns = _towns(docs)
    for doc in docs:
        places = _places(doc)
        for ent in doc.ents:
            person = reads_as_person(ent)
            if ent.label_ not in ("PERSON", "ORG") and not person:
                continue
            office = _office_before(ent).text if person else ""
            side = affiliation(f"{role_window(ent)} {ent.text}", places) or (
                # a country tells actors apart where nations face each other, not in one
                # country's own election ("Orvania's outgoing prime minister, Jan Kolar")
                _people_word(f"{role_window(ent)} {office}", countries)
                if person and len(countries) >= 2
                else None
            )
            if (
                side
                and not person
                and _in_own_name(side, ent.text, any_nation)
                and (side, "NORP") not in places
            ):
                side = None  # "Friends of Montbrel Ridge" is its own side, not the ridge's
            if not side and person:
                side = organisation_of(ent, orgs, towns)
                principal = None if side else _principal(ent)
                if principal:
                    serves.setdefault(ent.text.split()[-1].lower(), principal)
                elif not side and len(countries) < 2:
                    held = f"{role_window(ent)} {office} {_apposition(ent).text}"
                    if _GOVERNMENT_OFFICE.search(held) and not _OUT_OF_OFFICE.search(held):
                        governing.add(ent.text.split()[-1].lower())
            if side:
                words = ent.text.replace("’s", "").replace("'s", "").split()
                for key in {words[-1].lower()} | ({w.lower() for w in words} if person else set()):
                    votes.setdefault(key, Counter())[side] += 1
    for key, org in _owned(docs):  # "Salm's People's Union has governed since 2013"
        votes.setdefault(key, Counter())[org] += 1
    found = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    for key, principal in serves.items():  # a coach or lawyer stands with the one they serve
        found.setdefault(key, found.get(principal.lower(), principal))
    for key in governing:  # the government's ministers and its leader together, unless a party
        found.setdefault(key, "Government")
    return found


def _owned(docs: Sequence[Any]) -> Iterable[tuple[str, str]]:
    """(a person's family name, lower case; an organisation) for each organisation the text
    writes as a person's ("Salm's People's Union"): a person leads or belongs to it."""
    people = {e.text.split()[-1].lower() for doc in docs for e in doc.ents if e.label_ == "PERSON"}
    for doc in docs:
        for e in doc.ents:
            if e.label_ != "ORG" or e.start < 2 or doc[e.start - 1].text not in ("'s", "’s"):
                continue
            owner = doc[e.start - 2]
            if owner.pos_ == "PROPN" and owner.lower_ in people:
                yield owner.lower_, strip_article(e.text, before_capital=True)


# An office in the government of the one country a story is set in ("Transport Minister X",
# "X, the prime minister"); not an opposition's shadow minister.
_GOVERNMENT_OFFICE = re.compile(
    r"\b(?:prime minister|minister|premier(?! league)|government spokes(?:man|woman|person))\b", re.IGNORECASE
)
# Words that put an office outside the government in office: "former prime minister", "shadow
# health minister", "the parish minister", "opposition", a province's or a league's premier.
_OUT_OF_OFFICE = re.compile(
    r"\b(?:former|ex|shadow|opposition|parish|church|provincial|state)\b", re.IGNORECASE
)


def _principal(person: Any) -> str | None:
    """Whom a person serves when the text names them by a role of someone's ("Her coach, Dusan
    Helmer", "his lawyer, Ada Pryce": the last person named before, in that sentence or the one
    before it; "Vescovi's agent, Henrik Mollberg", "Pavol Ruzic, Belavic's lawyer": the one
    named), as their family name."""
    head = person.root.head
    if person.root.dep_ != "appos" or head.pos_ != "NOUN" or head.lower_ not in AIDES:
        head = next(
            (c for c in person.root.children if c.dep_ == "appos" and c.pos_ == "NOUN" and c.lower_ in AIDES),
            None,
        )  # the role after the name
        if head is None:
            return None
    if any(c.lower_ in ("former", "ex") for c in head.children):
        return None  # "Michael Cohen, Trump's former lawyer": no longer on that side
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if owner is not None and owner.pos_ == "PROPN" and owner.i not in range(person.start, person.end):
        return str(owner.text)
    if owner is None or owner.lower_ not in ("her", "his") or head.i > person.start:
        return None
    before = people_before(head, since=sentences_back(person.root, 3))
    want = "m" if owner.lower_ == "his" else "f"  # "His lawyer" is not the woman quoted between
    fuller = {e.text.split()[-1]: e.text for e in head.doc.ents if e.label_ == "PERSON" and len(e) > 1}
    before = [  # "Fox" is the "Anne Fox" named before
        name for name in before if first_name_gender(fuller.get(name, name).split()[0]) in ("", want)
    ]
    return before[0].split()[-1] if before else None


def _apposition(person: Any) -> Any:
    """The words after a name set off by a comma, up to the next punctuation or verb ("Marta
    Jelinek, head of the Korvel Workers' Union, said" gives "head of the Korvel Workers' Union")."""
    doc = person.doc
    end = person.end
    if end + 1 >= len(doc) or doc[end].text != "," or doc[end + 1].pos_ == "CCONJ":
        return doc[end:end]  # ", and the union's negotiators in Dunmere": a list goes on
    if doc[end + 1].tag_ in ("WDT", "WP", "WP$"):
        return doc[end:end]  # "to Mayor Erlund, which the association published": no apposition
    stop = next(
        (
            t.i
            for t in doc[end + 1 : end + 14]
            if (t.is_punct and t.text not in ("’s", "'s", "-", "'", "’"))
            or (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound"))  # "managing director"
        ),
        min(len(doc), end + 14),
    )
    if stop + 1 < len(doc) and doc[stop].text == "," and _names_someone(doc, stop + 1):
        return doc[end:end]  # "to Keble, the agency's chief executive, Helen Osei, ...": hers
    return doc[end + 1 : stop]


def _office_before(person: Any) -> Any:
    """The office a name stands in apposition to, before it ("Norvalia's trade minister" of
    "Norvalia's trade minister, Maren Vostrik"), or an empty span."""
    head = person.root.head
    if person.root.dep_ == "appos" and head.lower_ in ROLES and head.i < person.start:
        return person.doc[head.left_edge.i : head.i]
    return person.doc[0:0]


def _names_someone(doc: Any, at: int) -> bool:
    """A person's name starts at token `at`, after any titles ("Dr Helen Osei"), or a name the
    parser gave another label that reads as a person's ("Marika Hollis" as an organisation)."""
    while at < len(doc) and doc[at].lower_.rstrip(".") in TITLES:
        at += 1
    if at >= len(doc):
        return False
    ent = next((e for e in doc.ents if e.start == at), None)
    return doc[at].ent_type_ == "PERSON" or (ent is not None and reads_as_person(ent))


def organisation_of(person: Any, orgs: dict[str, str], towns: frozenset[str] = frozenset()) -> str | None:
    """The organisation a person's role or an apposition names: an organisation (or place)
    entity in the role before the name or in the apposition after it ("Marta Jelinek, head of
    the Korvel Workers' Union", "Kasia Wendt, Norholt's sporting director"), capitalised words
    before a title inside the name spaCy found ("Ashkaro Tribe Chairwoman Rena Halloway"), or
    a noun of the role that ends an organisation's name the story gives ("president of the
    union" for "... Workers' Union"); the role may stand before the name as an office the
    name is in apposition to ("Halvern's chief executive, Martin Keble")."""
    doc = person.doc
    start = _role_start(person)
    apposition = _apposition(person)
    end = apposition.end if len(apposition) else person.end
    around = [
        e
        for e in doc.ents
        if e.label_ in ("ORG", "GPE", "NORP")
        and not _misread(e)
        and not _portfolio(e)
        and not _located(e)
        and not _hometown(e, towns)
        and ((start <= e.start and e.end <= person.start) or (person.end < e.start and e.end <= end))
    ]
    office_before = _office_before(person)
    if not around:
        # "Halvern's chief executive, Martin Keble": the office the name stands in apposition to
        around = [
            e
            for e in doc.ents
            if (
                e.label_ == "ORG"
                or (
                    e.label_ not in ("GPE", "LOC", "NORP")
                    and any(n.split()[0] == e.text for n in orgs.values())
                )
            )  # "Tandrel's chief executive" when the story names "Tandrel Technologies"
            and (
                office_before.start <= e.start <= e.end <= office_before.end
                or person.end < e.start <= e.end <= end  # "X, Harbourlight's country director"
            )
            and not _people_of(e)
            and not _located(e)
            and not _portfolio(e)
            and not _hometown(e, towns)
        ]
    in_office = any(
        t.lower_ in ROLES for t in [*doc[start : person.start], *doc[person.end : end], *office_before]
    )
    # "a teacher at the Selvick school", "the Veldoran runner", "the mayor of the western
    # Velarian city": a place or a people, no side (a people is a side by `affiliation`)
    around = [
        e
        for e in around
        if (e.label_ == "ORG" and not _adjective(e)) or (in_office and not _before_place_noun(e))
    ]
    named = {strip_article(str(e.text), before_capital=True) for e in doc.ents if e.label_ == "ORG"}
    office = _office(str(doc[start : person.start].text), named | set(orgs.values()))
    if office:  # "Health Minister Irena Molvani" heads the "Health Ministry", not "Health"
        return office
    if around:
        first = around[0]
        country = affiliation(first.text) if first.label_ != "ORG" else None
        whole = (
            None
            if first.label_ == "ORG"
            else min((n for n in orgs.values() if n.split()[0] == first.text), key=len, default=None)
        )  # "Harbourlight's country director", the parser's person: the "Harbourlight International" named
        return country or whole or strip_article(_without_possessive(first), before_capital=True)
    titled = titled_group(person.text)
    if titled:
        return titled
    for token in [*doc[start : person.start], *doc[person.end : end], *office_before]:
        if token.pos_ == "NOUN" and token.lower_ in orgs:
            return orgs[token.lower_]
    return None


# Nouns of places that a people's word qualifies ("the western Velarian city of Dremmen").
_PLACE_NOUNS = frozenset("city town village region province district county capital island port".split())


def _before_place_noun(ent: Any) -> bool:
    return _adjective(ent) and ent.doc[ent.end].lower_ in _PLACE_NOUNS


def _adjective(ent: Any) -> bool:
    """A people's word the parser took for an organisation: one word in "-an" before a noun in
    lower case ("the Veldoran runner")."""
    doc = ent.doc
    return bool(
        len(ent) == 1
        and ent.text.endswith("an")
        and ent.end < len(doc)
        and doc[ent.end].is_lower
        and doc[ent.end].pos_ == "NOUN"
    )


def _without_possessive(ent: Any) -> str:
    """An entity's words without the possessive mark the parser left in it ("Ardent Labs'")."""
    end = ent.end
    while end > ent.start + 1 and ent.doc[end - 1].text in ("'", "’", "'s", "’s"):
        end -= 1
    return str(ent.doc[ent.start : end].text)


def _people_of(ent: Any) -> bool:
    """An "organisation" the text also names a people after (the parser's ORG "Saldonia" beside
    the NORP "Saldonians"): a country, which is no side where its own parties compete."""
    stem = ent.text.lower()[: max(4, len(ent.text) - 2)]
    return any(e.label_ == "NORP" and e.text.lower().startswith(stem) for e in ent.doc.ents)


def _office(role: str, bodies: Iterable[str]) -> str | None:
    """The organisation an office heads, when the story names it with the office's own words:
    "Interior Minister" heads the "Interior Ministry", "Health Minister" the "Health Ministry"."""
    words = [w for w in role.split() if w[:1].isupper()]
    if len(words) < 2:
        return None
    key = {w.lower()[:6] for w in words}
    for name in sorted(bodies):
        if {w.lower()[:6] for w in name.split() if w[:1].isupper()} == key:
            return name
    return None


def titled_group(name: str) -> str:
    """The capitalised words before a word of office inside a name ("Ashkaro Tribe" of "Ashkaro Tribe
    Chairwoman Rena Halloway"), or ""."""
    words = name.split()
    titled = next((n for n, w in enumerate(words) if n and w.lower() in ROLES), 0)
    return " ".join(words[:titled]) if titled and all(w[:1].isupper() for w in words[:titled]) else ""


def _located(ent: Any) -> bool:
    """A place that only says where something is: "the Dovrek-based group", "country director
    in Maruvia"."""
    doc = ent.doc
    based = ent.end + 1 < len(doc) and doc[ent.end].text == "-" and doc[ent.end + 1].lower_ == "based"
    possessive = ent.end < len(doc) and doc[ent.end].text in ("'s", "’s")  # "in Norvalia's ministry"
    return based or (
        ent.label_ == "GPE" and ent.start > 0 and doc[ent.start - 1].lower_ in ("in", "at") and not possessive
    )


def _hometown(ent: Any, towns: frozenset[str]) -> bool:
    """A one-word name a person is "from" that the story writes as a place elsewhere (`towns`):
    where they live ("a forklift driver from Ostby" beside "a warehouse in Ostby"), not whom
    they work for ("an engineer from Corvex")."""
    root = ent.root
    return len(ent) == 1 and root.dep_ == "pobj" and root.head.lower_ == "from" and ent.text in towns


# Words a company's name follows "in" after, as no place does ("a stake in Corvex").
_HELD_IN = frozenset("stake stakes share shares investment investments interest holding holdings".split())


def _towns(docs: Sequence[Any]) -> frozenset[str]:
    """One-word names the story writes as places: typed as one, or where something is ("a
    warehouse in Ostby"), not "a stake in Corvex"."""
    return frozenset(
        t.text
        for doc in docs
        for t in doc
        if t.pos_ in ("PROPN", "NOUN")
        and t.text[:1].isupper()
        and (
            t.ent_type_ in ("GPE", "LOC")
            or (t.dep_ == "pobj" and t.head.lower_ in ("in", "near") and t.head.head.lower_ not in _HELD_IN)
        )
    )


def _places(doc: Any) -> list[tuple[str, str]]:
    """The countries, places and peoples a parse names, not a person's family name it called a
    place in one sentence ("Brandvold" of "Annika Brandvold")."""
    surnames = {e[-1].text for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2}
    return [
        (e.text, e.label_)
        for e in doc.ents
        if e.label_ in ("NORP", "GPE") and not _misread(e) and e.text not in surnames
    ]


_PORTFOLIO_OFFICES = frozenset("minister ministry secretary department commissioner".split())


def _portfolio(ent: Any) -> bool:
    """Common words the parser took for an organisation that are an office's portfolio: "Trade"
    of "Trade Minister Aurel Denesc", "Foreign Affairs" of "Foreign Affairs Minister"."""
    doc = ent.doc
    words = [t for t in ent if t.dep_ != "det"]  # "the Data Protection" of "..., the ... Commissioner"
    return bool(
        len(words) <= 2
        and ent.end < len(doc)
        and doc[ent.end].lower_ in _PORTFOLIO_OFFICES  # not "Labour leader Fiona Kerr"
        and all(t.lower_ in lexicon() for t in words)
    )


def _misread(ent: Any) -> bool:
    """A sentence's first word that spaCy took for a name though it is a common word written
    in lower case elsewhere ("Sporting director Kasia Wendt", "Union leaders said"), unless
    the text capitalises it inside a sentence too ("... said Labour would win"), not counting
    a longer name it is part of ("Landlords have ..." beside "the Landlords' Association")."""
    return bool(
        len(ent) == 1
        and ent[0].is_sent_start
        and ent.text.lower() in lexicon()
        and not any(t.text == ent.text and not t.is_sent_start and not _in_longer_name(t) for t in ent.doc)
    )


def _in_longer_name(token: Any) -> bool:
    """The token is one word of an entity of several."""
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return token.ent_iob_ == "I" or (
        token.ent_iob_ == "B" and following is not None and following.ent_iob_ == "I"
    )


def role_window(ent: Any, reach: int = 4) -> str:
    """The few words right before a name that can say whose it is ("Brazil's top diplomat",
    "Canadian Defence Minister"); it stops at punctuation, a verb, a conjunction or another person
    ("Brazilian leader Tomas Berg and Ana Roux" gives Ana Roux nothing)."""
    return str(ent.doc[_role_start(ent, reach) : ent.start].text)


def _role_start(ent: Any, reach: int = 4) -> int:
    doc = ent.doc
    i: int = ent.start
    while i > max(0, ent.start - reach):
        token = doc[i - 1]
        if token.ent_type_ == "PERSON" or token.pos_ in ("VERB", "AUX", "CCONJ", "PRON", "SCONJ"):
            break
        if token.is_punct and token.text not in ("’s", "'s"):
            break
        if token.pos_ == "ADP" and token.lower_ != "of":
            break
        i -= 1
    return i


def named_people(docs: Sequence[Any], names: NameBook) -> list[tuple[str, str]]:
    """(full name, side) of the people the story names with a country in their role
    ("Brazilian Foreign Minister Ana Roux"), most named first."""
    seen: Counter[tuple[str, str]] = Counter()
    for doc in docs:
        places = _places(doc)
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            side = affiliation(role_window(ent), places)
            if side and not affiliation(ent.text, places):
                name, _ = names.resolve(ent.text, ent.root)
                if len(name.split()) >= 2:
                    seen[(name, side)] += 1
    return [pair for pair, _ in seen.most_common()]


def _actors(counts: Counter[str]) -> list[str]:
    """The side's actors, most heard first: one entry per actor however it was written
    ("Brazilian Foreign Ministry", "Foreign Ministry"), and not the side's own name or a document
    that carried its words."""
    forms: dict[str, Counter[str]] = {}
    for name, count in counts.items():
        key = _actor_key(name)
        if key:
            forms.setdefault(key, Counter())[name] += count + 1
    for key in [k for k in forms if " " not in k]:  # "Roux" is "Ana Roux"
        fuller = next((k for k in forms if k != key and k.split()[-1] == key), None)
        if fuller:
            forms[fuller].update(forms.pop(key))
    chosen = [
        (max(c, key=lambda n: (len(_actor_key(n)), c[n], -len(n))), sum(c.values())) for c in forms.values()
    ]  # the fullest name ("Ivo Tamm", not "Tamm"), else the most written, else the shortest
    return [name for name, _ in sorted(chosen, key=lambda pair: -pair[1])]


def _actor_key(name: str) -> str:
    """An actor's name without the country, titles and counts ("two US officials" ->
    "officials"); empty for the side's own name and for documents."""
    lowered = re.sub(r"['’]s\b", "", name.lower())
    for phrase in sorted((p for p in DEMONYMS if " " in p), key=len, reverse=True):
        lowered = lowered.replace(phrase, " ")
    skip = set(DEMONYMS) | TITLES | QUANTIFIERS | {"the", "a", "an"}
    kept = [w for w in lowered.split() if w not in skip]
    if not kept or any(w in DOCUMENTS for w in kept):
        return ""
    return " ".join(kept)


def _merge(
    statements: Sequence[Statement],
    vectors_for: Embed,
    config: SidesConfig,
    derived: frozenset[str] = frozenset(),
) -> list[Position]:
    """One position per thing said: the same statement from several outlets (copied, spun or
    translated) merges its sources, shown in the words of an article that is no reworded copy
    (`derived`; what only such copies say is left out); most-carried first."""
    if not statements:
        return []
    vectors = vectors_for([s.text for s in statements])

    def same(group: list[int], n: int) -> bool:
        similarity = float(vectors[n] @ vectors[group[0]])
        leader = statements[group[0]]
        return similarity >= config.same_position or (
            similarity >= config.same_position_same_actor
            and _actor_key(leader.actor) == _actor_key(statements[n].actor)
        )

    merged = []
    for group in leader_clusters(range(len(statements)), same):
        shown = next((statements[n] for n in group if statements[n].article_id not in derived), None)
        if shown is None:
            continue  # a reworded copy's words alone: its original says it, or the parse missed it
        merged.append(Position(shown.text, shown.actor, _cite([statements[n] for n in group])))
    merged.sort(key=lambda p: -len(p.citation.article_ids))
    return merged


def _cite(statements: Sequence[Statement]) -> Citation:
    return Citation.of([x for s in statements for x in s.sentences], [s.article_id for s in statements])


def _parallel(statements: Sequence[Statement], vectors_for: Embed, config: SidesConfig) -> list[CommonGround]:
    """Pairs of statements by two sides that say the same kind of thing about the same matter:
    both non-adversarial, of one kind (describing, agreeing, saying), with at least two content
    words in common and close meaning (a description sharing its words is enough)."""
    calm = [s for s in statements if not s.adversarial and s.kind]
    if len(calm) < 2:
        return []
    vectors = vectors_for([s.said for s in calm])
    floors = {"describe": config.pair_describe, "agree": config.pair_agree, "say": config.pair_say}
    pairs: list[tuple[float, int, int]] = []
    for i, a in enumerate(calm):
        for j in range(i + 1, len(calm)):
            b = calm[j]
            if a.side == b.side or a.kind != b.kind:
                continue
            similarity = float(vectors[i] @ vectors[j])
            shared = content_words(a.said) & content_words(b.said)
            floor = floors[a.kind]
            if similarity >= floor and len(shared) >= 2:
                pairs.append((similarity, i, j))
    ground: list[CommonGround] = []
    used: set[tuple[str, str]] = set()
    for _, i, j in sorted(pairs, reverse=True):
        a, b = calm[i], calm[j]
        if (a.side, a.text) in used or (b.side, b.text) in used:
            continue
        used |= {(a.side, a.text), (b.side, b.text)}
        ground.append(
            CommonGround(
                f"{a.clause} {b.clause}",
                _cite([a, b]),
                (a.side, b.side),
                tuple(SideStatement(s.side, s.clause, _cite([s])) for s in (a, b)),
            )
        )
    return ground


def _merge_sentences(
    found: list[tuple[str, str, tuple[Sentence, ...]]], vectors_for: Embed, sides: list[str], same: float
) -> list[CommonGround]:
    """Sentences saying what both sides did, merged across outlets."""
    if not found:
        return []
    vectors = vectors_for([t for t, _, _ in found])
    groups = leader_clusters(range(len(found)), lambda g, n: float(vectors[n] @ vectors[g[0]]) >= same)
    return [
        CommonGround(
            found[g[0]][0],
            Citation.of([x for n in g for x in found[n][2]], [found[n][1] for n in g]),
            tuple(sides),
        )
        for g in groups
    ]
