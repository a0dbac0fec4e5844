"""The data model every stage takes and returns: frozen dataclasses, nothing else."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA = "summarizer.briefing/1"

# abstractive: the model's draft as written; repaired: the draft with the sentences the guard
# rejected replaced by source sentences (or dropped); extractive-fallback: source sentences only.
SummaryMethod = Literal["abstractive", "repaired", "extractive-fallback"]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from an input, before or after cleaning."""

    id: str
    path: str
    text: str
    fingerprint: str
    title: str = ""
    source: str = ""
    url: str = ""
    date: str = ""


@dataclass(frozen=True, slots=True)
class DroppedLine:
    """A line the cleaner removed, with the rule that removed it."""

    article_id: str
    line_no: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article. Identity is (article_id, index), never the text alone."""

    article_id: str
    index: int
    text: str

    @property
    def key(self) -> tuple[str, int]:
        return (self.article_id, self.index)


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that report the same story, and their sentences in source order."""

    id: str
    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Fact:
    """A key fact: one statement, the articles that state it and how many outlets they are."""

    text: str
    source_ids: tuple[str, ...]
    outlets: int = 1


@dataclass(frozen=True, slots=True)
class Quote:
    """A quote as the briefing shows it: verbatim text of a source, the speaker's fullest name
    (and the mention as written), the person spoken to, and every article that carried it;
    `variants` are other outlets' wordings as (text, article id)."""

    text: str
    speaker: str
    speaker_mention: str = ""
    speaker_role: str = ""
    addressee: str = ""
    side: str = ""
    source_ids: tuple[str, ...] = ()
    variants: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class GuardReport:
    """What the faithfulness guard found in one generated text."""

    ok: bool
    unsupported: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SourceQuality:
    """How clean one article's text is, and what it is a copy of."""

    article_id: str
    score: float
    boilerplate: float
    english: float
    slips_per_1000: float
    words: int
    copy_of: str = ""
    copy_kind: str = ""  # "syndicated" or "reworded"


@dataclass(frozen=True, slots=True)
class GuardCounts:
    """What the faithfulness guard did to one story's summary sentences (or a run's, summed)."""

    checked: int = 0  # summary sentences checked, over every draft
    rejected: int = 0  # of those, the ones naming something no source states
    regenerated: int = 0  # rejected sentences sent back to the model with what was wrong
    replaced: int = 0  # rejected sentences replaced by a source sentence in the final summary
    dropped: int = 0  # rejected sentences left out, no source sentence saying the like

    def __add__(self, other: GuardCounts) -> GuardCounts:
        return GuardCounts(
            *(
                getattr(self, f) + getattr(other, f)
                for f in ("checked", "rejected", "regenerated", "replaced", "dropped")
            )
        )


@dataclass(frozen=True, slots=True)
class StorySummary:
    """The written-up story: what the briefing shows for it."""

    story: Story
    title: str
    summary: str
    summary_method: SummaryMethod
    extractive: tuple[Sentence, ...]
    attempts: tuple[GuardReport, ...] = ()
    guard: GuardCounts = field(default_factory=GuardCounts)
    parts: int = 1  # >1: the input was summarized in that many parts first (map-reduce)
    sources: tuple[SourceQuality, ...] = ()  # per article, in article order
    key_facts: tuple[Fact, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sides: tuple[dict[str, Any], ...] = ()
    common_ground: tuple[dict[str, Any], ...] = ()
    discrepancies: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class ModelInfo:
    backend: str
    name: str
    sha256: str = ""


@dataclass(frozen=True, slots=True)
class RunError:
    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class Briefing:
    run_id: str
    generated_at: str
    model: ModelInfo
    stories: tuple[StorySummary, ...]
    errors: tuple[RunError, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The one JSON shape used for rendering, saving and comparing."""
        return {
            "schema": SCHEMA,
            "run_id": self.run_id,
            "generated_at": self.generated_at,
            "model": asdict(self.model),
            "stories": [_story_dict(s) for s in self.stories],
            "guard": asdict(sum((s.guard for s in self.stories), GuardCounts())),
            "errors": [asdict(e) for e in self.errors],
        }


def _quality(s: StorySummary, article_id: str) -> dict[str, Any] | None:
    found = next((q for q in s.sources if q.article_id == article_id), None)
    return {k: v for k, v in asdict(found).items() if k != "article_id"} if found else None


def _story_dict(s: StorySummary) -> dict[str, Any]:
    return {
        "id": s.story.id,
        "title": s.title,
        "summary": s.summary,
        "summary_method": s.summary_method,
        "guard": asdict(s.guard),
        "articles": [
            {
                "id": a.id,
                "path": a.path,
                "source": a.source,
                "title": a.title,
                "url": a.url,
                "date": a.date,
                "quality": _quality(s, a.id),
            }
            for a in s.story.articles
        ],
        "key_facts": [
            {
                "text": f.text,
                "sources": list(f.source_ids),
                "outlets": f.outlets,
                "single_source": f.outlets == 1,
            }
            for f in s.key_facts
        ],
        "quotes": [
            {
                "text": q.text,
                "speaker": q.speaker or None,
                "speaker_mention": q.speaker_mention or None,
                "speaker_role": q.speaker_role or None,
                "addressee": q.addressee or None,
                "side": q.side or None,
                "sources": list(q.source_ids),
                "variants": [{"text": t, "source": src} for t, src in q.variants],
            }
            for q in s.quotes
        ],
        "sides": list(s.sides),
        "common_ground": list(s.common_ground),
        "discrepancies": list(s.discrepancies),
    }
