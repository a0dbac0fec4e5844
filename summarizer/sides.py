"""The sides of a story: who the parties are, what each holds, and where they meet.

Actors are the people and organisations the story quotes or reports as saying, demanding,
denying, accusing, promising or agreeing (the subject of such a verb). An actor's side is the
affiliation the text gives it: a country or nationality in its name or role ("U.S. Secretary of
State", "Chinese foreign ministry"), else a party or organisation it belongs to, else the actor
itself. Positions are the actors' own reported statements, with the articles that carry them;
common ground is what two sides both said, or what the text says "both sides" did.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from summarizer.models import Quote, Story

STANCE_VERBS = frozenset(
    """say tell add state announce urge demand call ask deny reject accuse blame warn insist promise
    pledge vow agree accept refuse criticize criticise condemn praise welcome describe hope want
    stress emphasize emphasise press raise repeat counter complain argue claim confirm express""".split()
)
# Nationality words to the country they stand for (a small, general table; anything else keeps
# its own name as its side).
DEMONYMS = {
    "american": "United States",
    "u.s.": "United States",
    "us": "United States",
    "usa": "United States",
    "united states": "United States",
    "washington": "United States",
    "chinese": "China",
    "china": "China",
    "beijing": "China",
    "russian": "Russia",
    "russia": "Russia",
    "moscow": "Russia",
    "ukrainian": "Ukraine",
    "ukraine": "Ukraine",
    "kyiv": "Ukraine",
    "british": "United Kingdom",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "london": "United Kingdom",
    "french": "France",
    "paris": "France",
    "german": "Germany",
    "berlin": "Germany",
    "japanese": "Japan",
    "tokyo": "Japan",
    "indian": "India",
    "israeli": "Israel",
    "palestinian": "Palestinians",
    "iranian": "Iran",
    "tehran": "Iran",
    "taiwanese": "Taiwan",
    "korean": "Korea",
    "european": "European Union",
    "eu": "European Union",
}
MAX_POSITIONS = 8
# People the text does not tie to anyone: no side of their own.
ANONYMOUS = frozenset(
    """official spokesperson spokesman spokeswoman source person people analyst expert observer
    reporter critic resident aide diplomat witness""".split()
)
BOTH = re.compile(
    r"\b(both sides|the two sides|both countries|both governments|both parties|the two countries)\b", re.I
)


@dataclass
class Side:
    name: str
    actors: list[str] = field(default_factory=list)
    positions: list[dict[str, Any]] = field(default_factory=list)


def affiliation(text: str, doc_ents: Sequence[tuple[str, str]] = ()) -> str | None:
    """The country or group a mention or role names, if any."""
    lowered = text.lower().replace("’s", "").replace("'s", "")
    for phrase in sorted(DEMONYMS, key=len, reverse=True):
        if re.search(rf"(?<![\w.]){re.escape(phrase)}(?![\w])", lowered):
            return DEMONYMS[phrase]
    for ent_text, label in doc_ents:
        if label in ("NORP", "GPE") and ent_text.lower() in lowered:
            return ent_text
    return None


def find_sides(
    story: Story, quotes: Sequence[Quote], docs: Sequence[Any], vectors_for: Any
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Quote]]:
    """(sides, common ground, quotes with their speaker's side) for one story whose articles
    are parsed as `docs` (spaCy, in article order); `vectors_for` embeds a list of texts."""
    parsed = {a.id: doc for a, doc in zip(story.articles, docs, strict=True)}
    known = named_affiliations(docs)
    orgs = {e.text.split()[-1].lower(): e.text for doc in docs for e in doc.ents if e.label_ == "ORG"}
    for quote in quotes:
        side = _quote_side(quote)
        if side and quote.speaker:
            known.setdefault(quote.speaker.split()[-1].lower(), side)
    statements: list[tuple[str, str, str]] = []  # (actor, side, sentence text) per article
    sources: list[str] = []
    common: list[tuple[str, str]] = []
    for article_id, doc in parsed.items():
        people = {e.text for e in doc.ents if e.label_ in ("PERSON", "ORG")}
        ents = [(e.text, e.label_) for e in doc.ents if e.text not in people]  # spaCy may tag a name GPE
        for sentence in doc.sents:
            text = sentence.text.strip()
            if len(text.split()) < 6 or len(text.split()) > 60:
                continue
            if BOTH.search(text):
                common.append((text, article_id))
                continue
            for token in sentence:
                if (
                    token.pos_ != "VERB"
                    or token.lemma_.lower() not in STANCE_VERBS
                    or token.dep_ not in ("ROOT", "conj")
                ):
                    continue
                subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is None or subject.pos_ == "PRON":
                    continue
                span = story_mention(subject)
                side = affiliation(span, ents) or known.get(span.split()[-1].lower()) or _group(subject, orgs)
                if side:
                    statements.append((span, side, text))
                    sources.append(article_id)
                break
    sides: dict[str, Side] = {}
    for (actor, side, text), source in zip(statements, sources, strict=True):
        entry = sides.setdefault(side, Side(side))
        if actor not in entry.actors:
            entry.actors.append(actor)
        entry.positions.append({"text": text, "sources": [source], "quotes": []})
    for quote in quotes:
        side = _quote_side(quote, known) if quote.speaker else None
        if side and side in sides and quote.speaker not in sides[side].actors:
            sides[side].actors.append(quote.speaker)
    ranked = sorted(sides.values(), key=lambda s: -len(s.positions))
    kept = [s for s in ranked if len(s.positions) >= 2][:3]
    kept += [s for s in ranked if s not in kept][: max(0, 2 - len(kept))]
    merged = [_merge_positions(s, vectors_for) for s in kept]
    side_of = {actor: s["name"] for s in merged for actor in s["actors"]}
    names = [m["name"] for m in merged]
    linked = [
        replace(q, side=side_of.get(q.speaker) or _quote_side(q, known) or _named_in(q, names) or "")
        for q in quotes
    ]
    for found in merged:
        for position in found["positions"]:
            position["quotes"] = [
                n
                for n, q in enumerate(linked)
                if q.side == found["name"] and _overlaps(position["text"], q.text)
            ]
    ground = _common_ground(common, vectors_for)
    for found in merged:
        found["positions"] = found["positions"][:MAX_POSITIONS]
    return merged, ground, linked


def story_mention(token: Any) -> str:
    """The subject's name phrase: compounds and modifiers to its left, the head itself."""
    left = min(
        [token.i]
        + [c.i for c in token.lefts if c.dep_ in ("compound", "amod", "det", "poss", "nmod", "case")]
    )
    words = token.doc[left : token.i + 1].text
    return re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", words)


def _group(subject: Any, orgs: dict[str, str]) -> str | None:
    """A side for an actor the text gives no country: its organisation or its own name; "the
    board" is the organisation the story names "... Board", "the city council" itself."""
    if subject.ent_type_ in ("ORG", "NORP", "GPE", "PERSON") or subject.pos_ == "PROPN":
        return str(story_mention(subject))
    definite = any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
    if subject.pos_ == "NOUN" and definite and subject.lemma_.lower() not in ANONYMOUS:
        return orgs.get(subject.lower_) or str(story_mention(subject))
    return None


def _quote_side(quote: Quote, known: dict[str, str] | None = None) -> str | None:
    side = affiliation(f"{quote.speaker_role} {quote.speaker} {quote.speaker_mention}")
    if side or not known or not quote.speaker:
        return side
    return known.get(quote.speaker.split()[-1].lower())


def _named_in(quote: Quote, sides: Sequence[str]) -> str | None:
    """The side whose name the speaker's role or mention contains ("Greenfield Energy chief")."""
    text = f"{quote.speaker_role} {quote.speaker_mention}".lower()
    return next((name for name in sides if name.lower() in text), None)


def named_affiliations(docs: Sequence[Any]) -> dict[str, str]:
    """Last word of a person's or organisation's name -> the country written next to it
    anywhere in the story ("French President Ana Roux", "Japan's trade minister Ken Sato",
    "US State Department")."""
    votes: dict[str, Counter[str]] = {}
    for doc in docs:
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG"):
                continue
            side = affiliation(doc[max(0, ent.start - 4) : ent.end].text)
            if side:
                words = ent.text.replace("’s", "").replace("'s", "").split()
                for key in {words[-1].lower()} | (
                    {w.lower() for w in words} if ent.label_ == "PERSON" else set()
                ):
                    votes.setdefault(key, Counter())[side] += 1
    return {key: counter.most_common(1)[0][0] for key, counter in votes.items()}


def _overlaps(sentence: str, quote: str) -> bool:
    return quote[:40].lower() in sentence.lower()


def _merge_positions(side: Side, vectors_for: Any, threshold: float = 0.8) -> dict[str, Any]:
    """One position per statement: the same sentence from several outlets merges its sources."""
    texts = [p["text"] for p in side.positions]
    vectors = vectors_for(texts) if texts else np.zeros((0, 1))
    merged: list[dict[str, Any]] = []
    rows: list[int] = []
    for n, position in enumerate(side.positions):
        match = next((m for m, r in enumerate(rows) if float(vectors[n] @ vectors[r]) >= threshold), None)
        if match is None:
            merged.append({"text": position["text"], "sources": list(position["sources"]), "quotes": []})
            rows.append(n)
        else:
            for source in position["sources"]:
                if source not in merged[match]["sources"]:
                    merged[match]["sources"].append(source)
    merged.sort(key=lambda p: -len(p["sources"]))
    return {"name": side.name, "actors": side.actors, "positions": merged}


def _common_ground(both: list[tuple[str, str]], vectors_for: Any) -> list[dict[str, Any]]:
    """Sentences saying what both sides did, merged across outlets."""
    ground: list[dict[str, Any]] = []
    if not both:
        return ground
    vectors = vectors_for([t for t, _ in both])
    rows: list[int] = []
    for n, (text, source) in enumerate(both):
        match = next((m for m, r in enumerate(rows) if float(vectors[n] @ vectors[r]) >= 0.8), None)
        if match is None:
            ground.append({"text": text, "sources": [source]})
            rows.append(n)
        elif source not in ground[match]["sources"]:
            ground[match]["sources"].append(source)
    return ground[:5]
