"""Write one story up: ranked sentences in, headline and summary out, guarded for faithfulness.

Draft with the prompt and check every sentence of it. If the guard rejects a sentence (a name,
number, date, quote or attribution no source states), draft again once with the strict prompt
naming what was wrong (unless `retries` is 0). If that draft still has rejected sentences, the
draft with fewer of them is repaired: each rejected sentence is replaced by the ranked source
sentence that says most of the same, or left out when none does ("repaired"). With no sentence
left, the story gets the extractive summary ("extractive-fallback"). `GuardCounts` records each
step.

When the ranked sentences do not fit the model's context with the prompt and the answer, the
story is written map-reduce: each part that fits is summarized with the same prompt, and the
parts' summaries are summarized again (the guard still checks the result against the sources).
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from summarizer.abstractive import Backend, GenerationSettings, NoModel, count_tokens
from summarizer.errors import GenerationError, GenerationTimeout
from summarizer.faithfulness import SourceIndex, check
from summarizer.limits import Deadline
from summarizer.models import (
    Article,
    ArticleInfo,
    Citation,
    GuardCounts,
    GuardReport,
    Sentence,
    Story,
    StorySummary,
    SummarySentence,
)
from summarizer.prompts import Prompt
from summarizer.rank import word_count
from summarizer.sentences import split_text
from summarizer.text import content_words, word_tokens

log = logging.getLogger(__name__)
# How a story's notes say that the model did not finish it: such a story is tried again next run.
GENERATION_STOPPED = "generation stopped"
GENERATION_FAILED = "generation failed"

CHAT_OVERHEAD = 32  # tokens a chat template adds around the two messages

_HEADLINE = re.compile(r"^\W*headline\W*:\s*(.+)$", re.IGNORECASE | re.MULTILINE)
_SUMMARY = re.compile(r"^\W*summary\W*:\s*(.+)", re.IGNORECASE | re.MULTILINE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class Draft:
    headline: str
    summary: str


@dataclass
class _Checked:
    """One draft, sentence by sentence, with the guard's verdict on each."""

    headline: str
    headline_report: GuardReport
    sentences: list[str]
    reports: list[GuardReport] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return sum(1 for r in self.reports if not r.ok)


def parse_draft(text: str) -> Draft:
    """HEADLINE: and SUMMARY: sections; a reply without them is all summary."""
    headline_match = _HEADLINE.search(text)
    summary_match = _SUMMARY.search(text)
    headline = headline_match.group(1).strip() if headline_match else ""
    if summary_match:
        summary = summary_match.group(1)
    elif headline_match:
        summary = text[headline_match.end() :]
    else:
        summary = text
    summary = _tidy(summary)
    return Draft(_tidy(headline).strip(" *#\"'"), summary)


def _tidy(text: str) -> str:
    """Whitespace folded; initialisms the tokenizer spaced out put back together (U. S. -> U.S.)."""
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"\b([A-Z])\. (?=[A-Z]\.)", r"\1.", text)


def trim_words(text: str, limit: int) -> str:
    """The whole sentences that fit in `limit` words (the sentence splitter's ends, so "U.S." or
    "Mr." is no end); cut at `limit` words when those are under half of it."""
    words = text.split()
    if len(words) <= limit:
        return text
    kept: list[str] = []
    count = 0
    for sentence in split_text(text):
        size = len(sentence.split())
        if count + size > limit:
            break
        kept.append(sentence)
        count += size
    return " ".join(kept) if count >= limit // 2 else " ".join(words[:limit]).rstrip(",;:") + "…"


WORDS_OVER = 1.2  # a summary is cut (at a sentence end) past this many times `words`


class StoryWriter:
    def __init__(
        self,
        backend: Backend,
        prompt: Prompt,
        strict_prompt: Prompt,
        settings: GenerationSettings,
        words: int,
        context_tokens: int = 4096,
        retries: int = 1,
        seconds: float = 0.0,
        on_generated: Callable[[int, float], None] | None = None,
    ) -> None:
        self.backend = backend
        self.prompt = prompt
        self.strict_prompt = strict_prompt
        self.settings = settings
        self.words = words
        self.context_tokens = context_tokens
        self.prompts = (prompt, strict_prompt)[: 1 + retries]
        self.seconds = seconds  # generation time per story (0: no limit)
        self.on_generated = on_generated  # told (tokens written, seconds) after each model call

    def write(self, story: Story, ranked: list[Sentence], extractive: list[Sentence]) -> StorySummary:
        """The story's record with its headline and summary written from its `ranked` sentences
        (best first); `extractive` is the selection shown when no draft can be used. Generation
        errors are logged and end in that fallback, and so does generation past `seconds`."""
        if isinstance(self.backend, NoModel):
            return self.extractive(story, extractive, summary_method="extractive")
        index = SourceIndex.build([a.text for a in story.articles] + [a.title for a in story.articles])
        settings = replace(self.settings, deadline=Deadline.after(self.seconds))
        notes: list[str] = []

        def written(summary: str, **fields: Any) -> StorySummary:
            summary = fill_to_length(without_repeats(summary), ranked, self.words)
            return story_record(story, summary, extractive, notes=tuple(notes), **fields)

        def failed(exc: GenerationError) -> None:
            log.warning("story %s: %s", story.id, exc)
            if isinstance(exc, GenerationTimeout):
                notes.append(
                    f"{GENERATION_STOPPED} after {self.seconds:g} s (limits.story_seconds); "
                    "the summary uses what was written before, or the extractive selection"
                )
            else:
                notes.append(f"{GENERATION_FAILED} ({exc}); the extractive selection is shown")

        try:
            sentences, parts = self._fit([s.text for s in ranked], len(story.articles), settings)
        except GenerationError as exc:
            failed(exc)
            return self.extractive(story, extractive, notes=tuple(notes))
        variables = {"sentences": sentences, "outlets": len(story.articles), "words": self.words}
        attempts: list[GuardReport] = []
        drafts: list[_Checked] = []
        counts = GuardCounts()
        for prompt in self.prompts:
            extra = {"unsupported": list(attempts[-1].unsupported)} if attempts else {}
            system, user = prompt.render(**variables, **extra)
            try:
                reply = self._generate(system, user, settings)
                log.debug("story %s, prompt %s: %s", story.id, prompt.name, reply)
                draft = parse_draft(reply)
            except GenerationError as exc:
                failed(exc)
                break
            checked = _check_draft(draft, trim_words(draft.summary, int(self.words * WORDS_OVER)), index)
            drafts.append(checked)
            unsupported = [u for r in checked.reports for u in r.unsupported]
            if not checked.sentences:
                unsupported.append("(empty summary)")
            else:
                unsupported.extend(checked.headline_report.unsupported)
            attempts.append(GuardReport(ok=not unsupported, unsupported=tuple(dict.fromkeys(unsupported))))
            counts += GuardCounts(checked=len(checked.sentences), rejected=checked.rejected)
            if checked.sentences and not checked.rejected:
                return written(
                    title=self._title(checked, story),
                    summary=" ".join(checked.sentences),
                    summary_method="abstractive",
                    attempts=tuple(attempts),
                    guard=counts,
                    parts=parts,
                )
            if prompt is not self.prompts[-1]:
                counts += GuardCounts(regenerated=checked.rejected)
        usable = [d for d in drafts if d.sentences and d.rejected < len(d.sentences)]
        if usable:
            best = min(reversed(usable), key=lambda d: d.rejected)  # the later draft on a tie
            summary, replaced, dropped = _repair(best, ranked, index)
            if summary:
                return written(
                    title=self._title(best, story),
                    summary=summary,
                    summary_method="repaired",
                    attempts=tuple(attempts),
                    guard=counts + GuardCounts(replaced=replaced, dropped=dropped),
                    parts=parts,
                )
        rejected_last = drafts[-1].rejected if drafts else 0
        return self.extractive(
            story,
            extractive,
            notes=tuple(notes),
            attempts=tuple(attempts),
            guard=counts + GuardCounts(replaced=rejected_last),
        )

    def extractive(self, story: Story, extractive: list[Sentence], **fields: Any) -> StorySummary:
        """The story's record with the extractive selection as its summary (no draft usable, or
        no model: `summary_method="extractive"`)."""
        fields.setdefault("summary_method", "extractive-fallback")
        return story_record(
            story, extractive_text(extractive, self.words), extractive, title=fallback_title(story), **fields
        )

    def _generate(self, system: str, user: str, settings: GenerationSettings) -> str:
        """One model call, not started once the story's deadline has passed."""
        if settings.deadline.passed:
            raise GenerationTimeout("generation ran past the story's time limit")
        started = time.monotonic()
        reply = self.backend.generate(system, user, settings)
        if self.on_generated is not None:
            self.on_generated(count_tokens(self.backend, reply), time.monotonic() - started)
        if settings.deadline.passed:  # a backend that cannot stop early still finished late
            raise GenerationTimeout("generation ran past the story's time limit")
        return reply

    def _fits(self, sentences: list[str], outlets: int) -> bool:
        system, user = self.prompt.render(sentences=sentences, outlets=outlets, words=self.words)
        needed = (
            count_tokens(self.backend, f"{system}\n{user}") + self.settings.max_new_tokens + CHAT_OVERHEAD
        )
        return needed <= self.context_tokens

    def _fit(self, sentences: list[str], outlets: int, settings: GenerationSettings) -> tuple[list[str], int]:
        """The sentences to write from, and how many parts they were first summarized in: the
        ranked sentences when they fit the context, else one summary per part that fits (map),
        in rank order, to be summarized together (reduce)."""
        if self._fits(sentences, outlets):
            return sentences, 1
        parts: list[list[str]] = [[]]
        for sentence in sentences:
            if parts[-1] and not self._fits([*parts[-1], sentence], outlets):
                parts.append([])
            parts[-1].append(sentence)
        summaries = []
        for part in parts:
            system, user = self.prompt.render(sentences=part, outlets=outlets, words=self.words)
            summaries.append(parse_draft(self._generate(system, user, settings)).summary)
        log.info("map-reduce: %d sentences summarized in %d parts", len(sentences), len(parts))
        if len(parts) > 1 and not self._fits(summaries, outlets):
            reduced, deeper = self._fit(summaries, outlets, settings)
            return reduced, len(parts) * deeper
        return summaries, len(parts)

    @staticmethod
    def _title(draft: _Checked, story: Story) -> str:
        return (
            draft.headline
            if draft.headline and draft.headline_report.ok
            else fallback_title(story, draft.headline)
        )


def story_record(story: Story, summary: str, extractive: list[Sentence], **fields: Any) -> StorySummary:
    """The record of `story` with `summary` cited sentence by sentence."""
    return StorySummary(
        id=story.id,
        summary=summary,
        articles=tuple(ArticleInfo.of(a) for a in story.articles),
        summary_sentences=cite_sentences(summary, story.sentences),
        extractive=tuple(extractive),
        **fields,
    )


def _check_draft(draft: Draft, summary: str, index: SourceIndex) -> _Checked:
    sentences = [s for s in split_text(summary) if s.strip()] if summary else []
    headline = check("", index, headline=draft.headline) if draft.headline else GuardReport(ok=True)
    return _Checked(draft.headline, headline, sentences, [check(s, index) for s in sentences])


def _repair(draft: _Checked, ranked: list[Sentence], index: SourceIndex) -> tuple[str, int, int]:
    """The draft with each rejected sentence replaced by the ranked source sentence sharing
    most of its content words (at least a third), once each, or left out. Returns the text
    and how many sentences were replaced and dropped."""
    out: list[str] = []
    used: set[str] = set()
    replaced = dropped = 0
    for sentence, report in zip(draft.sentences, draft.reports, strict=True):
        if report.ok:
            out.append(sentence)
            continue
        words = content_words(sentence)
        candidates = [
            (len(words & content_words(s.text)) / max(1, len(words)), s.text)
            for s in ranked
            if s.text not in used and s.text not in out and stands_alone(s.text)
        ]
        share, best = max(candidates, default=(0.0, ""))
        if best and share >= 1 / 3:
            out.append(best)
            used.add(best)
            replaced += 1
        else:
            dropped += 1
    return " ".join(out), replaced, dropped


def cite_sentences(summary: str, sources: Sequence[Sentence]) -> tuple[SummarySentence, ...]:
    """Each summary sentence with the source sentences that say what it says: the one it copies,
    else those sharing the most of its content words (at least half of them; up to three, one per
    article). A sentence fused from several sources may cite none: the guard still checked it."""
    out = []
    by_text = {s.text: s for s in reversed(sources)}
    source_words = [(content_words(s.text), s) for s in sources]
    for sentence in split_text(summary):
        if sentence in by_text:
            found = [by_text[sentence]]
        else:
            words = content_words(sentence)
            shares = [(len(words & theirs) / max(1, len(words)), s) for theirs, s in source_words]
            found = []
            for share, source in sorted(shares, key=lambda pair: -pair[0]):
                if share < _CITE_SHARE or len(found) == 3:
                    break
                if all(f.article_id != source.article_id for f in found):
                    found.append(source)
        out.append(SummarySentence(sentence, Citation.of(found)))
    return tuple(out)


_CITE_SHARE = 0.5


WORDS_UNDER = 0.8  # a summary shorter than this many times `words` is filled up


_POINTS_BACK = frozenset(
    "he she it they this that these those his her its their him them there such both".split()
)


def stands_alone(sentence: str) -> bool:
    """Whether a source sentence can be read out of its place: it does not open with a word
    pointing back ("It is an arm of ...", "There's no evidence of that", "This ...") and says
    something (three content words at least). A copied sentence that points back points at
    whatever the summary said before it."""
    first = re.match(r"[A-Za-z']+", sentence.lstrip(" \"“'‘("))
    opening = first.group().lower().split("'")[0] if first else ""
    return opening not in _POINTS_BACK and len(content_words(sentence)) >= 3


def _word_run(text: str) -> str:
    return " " + " ".join(word_tokens(text)) + " "


def without_repeats(summary: str) -> str:
    """`summary` without a sentence whose words all stand, in order, in an earlier one (a small
    model sometimes writes one sentence twice, or again cut short)."""
    kept: list[str] = []
    said: list[str] = []
    for sentence in split_text(summary):
        words = _word_run(sentence)
        if words.strip() and any(words in earlier for earlier in said):
            continue
        kept.append(sentence)
        said.append(words)
    return " ".join(kept) if kept else summary


def fill_to_length(summary: str, ranked: Sequence[Sentence], words: int) -> str:
    """`summary`, and when it is shorter than `WORDS_UNDER * words`, the best-ranked source
    sentences it does not already say (verbatim, so the guard's checks hold), while the whole
    stays within `WORDS_OVER * words`. The model writes shorter than asked for long summaries."""
    used = word_count(summary)
    if used >= words * WORDS_UNDER:
        return summary
    said = content_words(summary)
    added: list[str] = []
    for sentence in ranked:
        new = content_words(sentence.text)
        cost = word_count(sentence.text)
        quoted = any(mark in sentence.text for mark in '"“”«»')  # the summary quotes no one
        if (
            quoted
            or not stands_alone(sentence.text)
            or not new
            or len(new & said) / len(new) > 0.5
            or used + cost > words * WORDS_OVER
        ):
            continue
        added.append(sentence.text)
        said |= new
        used += cost
        if used >= words * WORDS_UNDER:
            break
    return " ".join([summary, *added]) if added else summary


def extractive_text(sentences: list[Sentence], words: int) -> str:
    """Selected sentences, in order, up to about `words` words (at least one sentence)."""
    out: list[str] = []
    used = 0
    for sentence in sentences:
        cost = word_count(sentence.text)
        if out and used + cost > words * WORDS_OVER:
            continue
        out.append(sentence.text)
        used += cost
    return " ".join(out)


def fallback_title(story: Story, near: str = "") -> str:
    """The title of one of the story's articles that has a real one: the one whose content words
    the other articles use most (the story's common framing, not one outlet's), then the one
    sharing most content words with `near` (a rejected headline: what the model meant), then
    the first."""
    titled = [a for a in story.articles if a.title and not a.title.endswith("…")]
    if not titled:
        return story.articles[0].title if story.articles else ""
    wanted = content_words(near)
    texts = {a.id: content_words(a.text) for a in story.articles}

    def shared(article: Article) -> tuple[float, int]:
        words = content_words(article.title)
        others = set().union(*(t for key, t in texts.items() if key != article.id))
        return len(words & others) / max(len(words), 1), len(wanted & words)

    return max(titled, key=shared).title  # the first on a tie
