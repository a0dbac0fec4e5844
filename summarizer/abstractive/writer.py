"""Write one story up: ranked sentences in, headline and summary out, guarded for faithfulness.

Draft with the prompt; if the guard finds a name, number, date or quote that no source of the
story states, retry once with the strict prompt naming what was wrong; if that fails too, fall
back to the extractive summary and mark the story "extractive-fallback".
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from summarizer.abstractive import Backend, GenerationSettings
from summarizer.errors import GenerationError
from summarizer.faithfulness import SourceIndex, check
from summarizer.models import GuardReport, Sentence, Story, SummaryMethod
from summarizer.prompts import Prompt
from summarizer.rank import word_count

log = logging.getLogger(__name__)

_HEADLINE = re.compile(r"^\W*headline\W*:\s*(.+)$", re.IGNORECASE | re.MULTILINE)
_SUMMARY = re.compile(r"^\W*summary\W*:\s*(.+)", re.IGNORECASE | re.MULTILINE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class Draft:
    headline: str
    summary: str


@dataclass(frozen=True, slots=True)
class Written:
    title: str
    summary: str
    method: SummaryMethod
    attempts: tuple[GuardReport, ...]
    errors: tuple[str, ...] = ()


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
    """Cut at the last sentence end within `limit` words (or at `limit` words if none)."""
    words = text.split()
    if len(words) <= limit:
        return text
    cut = " ".join(words[:limit])
    end = max(cut.rfind(". "), cut.rfind(".\u201d"), cut.rfind('."'))
    return cut[: end + 1] if end > len(cut) // 2 else cut.rstrip(",;:") + "…"


class StoryWriter:
    def __init__(
        self,
        backend: Backend,
        prompt: Prompt,
        strict_prompt: Prompt,
        settings: GenerationSettings,
        words: int,
    ) -> None:
        self.backend = backend
        self.prompt = prompt
        self.strict_prompt = strict_prompt
        self.settings = settings
        self.words = words

    def write(self, story: Story, ranked: list[Sentence], extractive: list[Sentence]) -> Written:
        """Headline and summary for `story` from its `ranked` sentences (best first)."""
        index = SourceIndex.build([a.text for a in story.articles] + [a.title for a in story.articles])
        variables = {
            "sentences": [s.text for s in ranked],
            "outlets": len(story.articles),
            "words": self.words,
        }
        attempts: list[GuardReport] = []
        errors: list[str] = []
        for prompt in (self.prompt, self.strict_prompt):
            extra = {"unsupported": list(attempts[-1].unsupported)} if attempts else {}
            system, user = prompt.render(**variables, **extra)
            try:
                reply = self.backend.generate(system, user, self.settings)
                log.debug("story %s, prompt %s: %s", story.id, prompt.name, reply)
                draft = parse_draft(reply)
            except GenerationError as exc:
                errors.append(str(exc))
                break
            summary = trim_words(draft.summary, int(self.words * 1.6))
            if summary:
                report = check(summary, index, headline=draft.headline)
            else:
                report = GuardReport(ok=False, unsupported=("(empty summary)",))
            attempts.append(report)
            if report.ok:
                title = draft.headline or fallback_title(story)
                return Written(title, summary, "abstractive", tuple(attempts))
        text = extractive_text(extractive, self.words)
        return Written(fallback_title(story), text, "extractive-fallback", tuple(attempts), tuple(errors))


def extractive_text(sentences: list[Sentence], words: int) -> str:
    """Selected sentences, in order, up to about `words` words (at least one sentence)."""
    out: list[str] = []
    used = 0
    for sentence in sentences:
        cost = word_count(sentence.text)
        if out and used + cost > words * 1.2:
            continue
        out.append(sentence.text)
        used += cost
    return " ".join(out)


def fallback_title(story: Story) -> str:
    """The title of the story's first article that has a real one."""
    titles = [a.title for a in story.articles if a.title and not a.title.endswith("…")]
    return titles[0] if titles else (story.articles[0].title if story.articles else "")
