"""Who said a quote: a learned ranking of the candidate speakers around it.

The rule cascade of `summarizer.quotes` (`X said`, `said X`, `according to X`, a colon, the quote
before) proposes a speaker; this module reads every person, organisation, noun and pronoun near
the quote (`candidates`), describes each with features of the parse (its relation to a speech
verb, distance and direction from the quote, sentence and paragraph, mention type, the rule's
own pick: `FEATURES`), and lets gradient-boosted trees trained on PolNeAR train
(`scripts/train_speakers.py`, `data/speakers/`) choose. The chosen mention is then resolved to a
name by the story's book of names, as the rule's pick would be.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from summarizer.resources import TreeModel, load_trees, package_file
from summarizer.words import SPEECH_VERBS, TITLES

MODEL_DIR = package_file("data/speakers")

# How the rule cascade found its pick (the `stage` feature), in `quotes._rule_frame`'s order.
STAGES = ("", "after", "sentence", "colon", "clause", "continues", "previous", "dash")
DEPS = ("", "nsubj", "nsubjpass", "pobj", "dobj", "dative", "appos", "conj", "attr", "poss", "ROOT")
POS = ("", "PROPN", "NOUN", "PRON")
ENTS = ("", "PERSON", "ORG", "GPE", "NORP")
PRONOUN_KINDS = ("", "he", "she", "they", "i", "we", "who", "it", "you")
DASHES = "―—–-"
PLACES = ("GPE", "LOC", "FAC")

FEATURES = (
    "rule_pick",  # the rule cascade chose this token
    "stage",  # how the rule cascade found its pick (STAGES)
    "dep",  # the candidate's dependency label (DEPS)
    "pos",  # PROPN, NOUN or PRON (POS)
    "ent",  # its named-entity type (ENTS)
    "pronoun",  # which pronoun (PRONOUN_KINDS)
    "speech_subject",  # the subject (or agent) of a verb of saying
    "according_to",  # the object of "according to"
    "governs_quote",  # the candidate's verb has the quote's words in its subtree
    "token_distance",  # signed: before the opening mark < 0 < after the closing mark
    "sentence_distance",  # sentences between the candidate's and the quote's (signed)
    "paragraph_distance",  # paragraphs between them (candidate's paragraph - quote's)
    "between",  # other candidates between it and the quote
    "rank_before",  # how many candidates before the quote are nearer than it (0: nearest)
    "dash_before",  # it follows a dash right after the closing mark ("..." - Name)
    "colon_sentence",  # its sentence ends with the colon that opens the quote
    "name_count",  # times its last word is named in the article
    "quote_words",  # the quote's length in words
    "quote_opens_paragraph",  # the quote's mark opens its paragraph
    "quote_closes_paragraph",  # nothing but the attribution follows the quote in its paragraph
    "previous_speaker",  # its last word is the last word of the previous quote's speaker
    "titled",  # preceded by a title (Mr, Sen., Dr)
    "mention_words",  # words of its name phrase
    "verb_is_speech",  # its head is a verb of saying
)


@dataclass(frozen=True, slots=True)
class Quoted:
    """What the ranking needs of one quote: its marks, its paragraph, and the rule's pick."""

    open_at: int
    close_at: int
    paragraph: int
    words: int
    rule_head: Any  # token or None
    stage: str
    previous_speaker: str  # the previous quote's speaker, "" when none


def candidates(doc: Any, quoted: Quoted, inside: Sequence[bool], reach: int = 3) -> list[Any]:
    """Head tokens of the name phrases, nouns and pronouns outside quotation marks, from `reach`
    sentences before the quote to the sentence after it; the rule's pick always among them."""
    tokens, offsets = sentence_starts(doc)
    first = max(0, bisect_right(offsets, quoted.open_at) - 1)
    last = max(0, bisect_right(offsets, max(quoted.open_at, quoted.close_at - 1)) - 1)
    start = tokens[max(0, first - reach)]
    end = tokens[last + 2] if last + 2 < len(tokens) else len(doc)
    out = [
        t
        for t in doc[start:end]
        if t.pos_ in POS[1:]
        and t.dep_ not in ("compound", "flat")
        and t.lower_ not in ("this", "that", "there", "which", "what")
        and not (t.idx < len(inside) and inside[t.idx])
        and "\n" not in t.text
        and not _describes_place(t)
    ]
    if quoted.rule_head is not None and quoted.rule_head not in out:
        out.append(quoted.rule_head)
    return out


# Prepositions whose object is where something was said or done ("said in Merenz").
_AT_PLACE = frozenset("in at near outside".split())


def _describes_place(token: Any) -> bool:
    """A noun in apposition to a place: "Brennock, the province's largest", "said in Merenz, the
    capital" (not "a farmer near Orvane, Dina Fark")."""
    place = token.head
    return (
        token.dep_ == "appos"
        and token.pos_ == "NOUN"
        and (place.ent_type_ in PLACES or (place.dep_ == "pobj" and place.head.lower_ in _AT_PLACE))
    )


def features(doc: Any, quoted: Quoted, found: Sequence[Any], paragraphs: Sequence[int]) -> np.ndarray:
    """One row of `FEATURES` per candidate in `found`; `paragraphs` are the paragraph start offsets
    of the text."""
    _, offsets = sentence_starts(doc)
    quote_sentence = max(0, bisect_right(offsets, quoted.open_at) - 1)
    quote_sentence_end = max(0, bisect_right(offsets, max(quoted.open_at, quoted.close_at - 1)) - 1)
    counts = _last_word_counts(doc)
    previous_last = quoted.previous_speaker.split()[-1].lower() if quoted.previous_speaker else ""
    text = doc.text
    tail = text[quoted.close_at : _paragraph_end(text, quoted.close_at)]
    closes_paragraph = len(tail.split()) <= 6
    opens_paragraph = quoted.open_at == 0 or text[quoted.open_at - 1] == "\n"
    before_mark = text[max(0, quoted.open_at - 3) : quoted.open_at]
    positions = [_signed_distance(t, quoted) for t in found]
    before = sorted(-d for d in positions if d < 0)
    rows = []
    for token, distance in zip(found, positions, strict=True):
        sentence = bisect_right(offsets, token.idx) - 1
        if sentence < quote_sentence:
            sentence_distance = sentence - quote_sentence
        elif sentence > quote_sentence_end:
            sentence_distance = sentence - quote_sentence_end
        else:
            sentence_distance = 0
        verb = token.head
        lemma = verb.lemma_.lower()
        speech_verb = verb.pos_ in ("VERB", "AUX") and lemma in SPEECH_VERBS
        subject = token.dep_ in ("nsubj", "nsubjpass") or (token.dep_ == "pobj" and verb.dep_ == "agent")
        according = token.dep_ == "pobj" and verb.lower_ == "to" and verb.head.lemma_.lower() == "accord"
        governs = verb.idx <= quoted.open_at < _subtree_end(verb) or (
            verb.left_edge.idx <= quoted.open_at <= _subtree_end(verb)
        )
        between = sum(1 for d in positions if (d < 0 and distance < d) or (d > 0 and 0 < d < distance))
        gap = text[quoted.close_at : token.idx]
        dash = distance > 0 and gap.strip()[:1] in DASHES and len(gap) <= 4
        sentence_text = doc[token.sent.start : token.sent.end].text.rstrip()
        colon = distance < 0 and (sentence_text.endswith(":") or before_mark.strip().endswith(":"))
        left = doc[token.i - 1] if token.i else None
        phrase = _phrase_words(token)
        rows.append(
            (
                float(quoted.rule_head is not None and token.i == quoted.rule_head.i),
                float(STAGES.index(quoted.stage) if quoted.stage in STAGES else 0),
                float(DEPS.index(token.dep_) if token.dep_ in DEPS else len(DEPS)),
                float(POS.index(token.pos_) if token.pos_ in POS else 0),
                float(ENTS.index(token.ent_type_) if token.ent_type_ in ENTS else len(ENTS)),
                float(PRONOUN_KINDS.index(token.lower_) if token.lower_ in PRONOUN_KINDS else 0),
                float(subject and speech_verb),
                float(according),
                float(governs),
                float(distance),
                float(sentence_distance),
                float(bisect_right(paragraphs, token.idx) - 1 - quoted.paragraph),
                float(between),
                float(before.index(-distance) if distance < 0 else -1),
                float(dash),
                float(colon),
                float(counts.get(token.lower_, 0)),
                float(quoted.words),
                float(opens_paragraph),
                float(closes_paragraph),
                float(bool(previous_last) and token.lower_ == previous_last),
                float(left is not None and left.lower_.rstrip(".") in TITLES),
                float(phrase),
                float(speech_verb),
            )
        )
    return np.array(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


def _signed_distance(token: Any, quoted: Quoted) -> int:
    """Characters from the candidate to the quote: negative before the opening mark, positive
    after the closing one (0 cannot happen: candidates are outside the marks)."""
    at = int(token.idx)
    return at - quoted.open_at if at < quoted.open_at else max(1, at - quoted.close_at + 1)


def _subtree_end(token: Any) -> int:
    edge = token.right_edge
    return int(edge.idx + len(edge.text))


def _phrase_words(token: Any) -> int:
    return (
        1
        + sum(1 for c in token.lefts if c.dep_ in ("compound", "flat", "amod", "det", "poss"))
        + sum(1 for c in token.rights if c.dep_ in ("compound", "flat"))
    )


def _paragraph_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end == -1 else end


def sentence_starts(doc: Any) -> tuple[list[int], list[int]]:
    """Token index and character offset of each sentence start (once per doc)."""
    cached = doc.user_data.get("summarizer.sentence_starts")
    if cached is None:
        tokens = [t.i for t in doc if t.is_sent_start]
        cached = doc.user_data["summarizer.sentence_starts"] = (tokens, [doc[i].idx for i in tokens])
    return cached  # type: ignore[no-any-return]


def sentences_back(token: Any, reach: int) -> int:
    """The token index where the sentence `reach` sentences before `token`'s own starts (the
    document's start when there are fewer)."""
    starts, _ = sentence_starts(token.doc)
    return int(starts[max(0, bisect_left(starts, token.sent.start) - reach)])


def _last_word_counts(doc: Any) -> dict[str, int]:
    cached = doc.user_data.get("summarizer.name_counts")
    if cached is None:
        cached = {}
        for ent in doc.ents:
            if ent.label_ in ("PERSON", "ORG"):
                key = ent[-1].lower_
                cached[key] = cached.get(key, 0) + 1
        doc.user_data["summarizer.name_counts"] = cached
    return cached  # type: ignore[no-any-return]


@dataclass(frozen=True)
class SpeakerModel(TreeModel):
    """The trained ranking (`data/speakers/model.txt`) and what it was trained with (`model.json`)."""

    @property
    def threshold(self) -> float:
        """Below this score, no candidate is taken when the rules found no speaker either."""
        return float(self.info["threshold"])


@lru_cache(maxsize=1)
def load_speaker_model() -> SpeakerModel:
    """The packaged speaker model, loaded once per process."""
    (booster,), info = load_trees(MODEL_DIR, ["model.txt"], "speaker", {"features": FEATURES})
    return SpeakerModel(booster, info)
