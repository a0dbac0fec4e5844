"""Limits that keep one input from taking the day down (`[limits]` in the config).

- Input files over `max_file_mb` are refused before they are read (`ingest`).
- Articles over `max_article_chars` are cut at the last sentence end before the limit and the
  cut is noted in the briefing and the manifest (`cut_article`).
- A story's sentences are bounded before any all-pairs stage (ranking, copies, quotes, sides,
  facts, discrepancies): over `max_story_sentences`, every article keeps its opening sentences,
  the same number from each as far as they go, and its text ends after the last one kept
  (`bound_story`). Memory and time of those stages then grow with the bound, not the input.
- Generation past `story_seconds` for one story stops, and the story gets its extractive
  summary (`Deadline`, read by the writer and the backends).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, replace

from summarizer.models import Article, Story
from summarizer.sentences import by_article

_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s)|\n")


def cut_article(article: Article, max_chars: int) -> tuple[Article, str]:
    """The article within `max_chars` characters, and a note saying what was cut ("" when
    nothing was): the text ends at the last sentence end (or line break) in the second half of
    the limit, else at the last space before it."""
    text = article.text
    if max_chars <= 0 or len(text) <= max_chars:
        return article, ""
    head = text[: max_chars + 1]
    ends = [m.end() for m in _SENTENCE_END.finditer(head) if m.end() <= max_chars]
    cut = ends[-1] if ends and ends[-1] > max_chars // 2 else head.rfind(" ", 0, max_chars)
    if cut <= 0:
        cut = max_chars
    kept = text[:cut].rstrip()
    note = (
        f"article {article.id}: cut to its first {len(kept):,} of {len(text):,} characters "
        f"(limits.max_article_chars = {max_chars:,})"
    )
    return replace(article, text=kept), note


def bound_story(story: Story, max_sentences: int) -> tuple[Story, str]:
    """The story with at most `max_sentences` sentences, and a note when it was cut: each
    article keeps its first k sentences, k as large as the bound allows (an article shorter
    than k keeps all of its own), and its text up to the end of the last one kept."""
    if max_sentences <= 0 or len(story.sentences) <= max_sentences:
        return story, ""
    own = by_article(story.sentences)
    lengths = sorted(len(s) for s in own.values())
    keep, left, remaining = 0, max_sentences, len(lengths)
    for length in lengths:  # water-filling: the largest k with sum(min(len, k)) <= bound
        share = left // remaining
        if length > share:
            keep = share
            break
        left -= length
        remaining -= 1
        keep = length
    keep = max(1, keep)  # every article keeps its lead, even past the bound
    kept = {aid: sentences[:keep] for aid, sentences in own.items()}
    articles = tuple(
        replace(a, text=a.text[: kept[a.id][-1].end]) if kept.get(a.id) else a for a in story.articles
    )
    sentences = tuple(s for a in story.articles for s in kept.get(a.id, ()))
    note = (
        f"story has {len(story.sentences):,} sentences; the first {keep} of each article "
        f"({len(sentences):,} in all) were used (limits.max_story_sentences = {max_sentences:,})"
    )
    return replace(story, articles=articles, sentences=sentences), note


@dataclass(frozen=True, slots=True)
class Deadline:
    """A point in time (monotonic clock) after which work for one story stops; 0: none."""

    at: float = 0.0

    @classmethod
    def after(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds if seconds > 0 else 0.0)

    @property
    def passed(self) -> bool:
        return bool(self.at) and time.monotonic() >= self.at

    def remaining(self) -> float | None:
        """Seconds left, or None when there is no deadline."""
        return max(0.0, self.at - time.monotonic()) if self.at else None
