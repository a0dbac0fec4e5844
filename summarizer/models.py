"""The data model every stage takes and returns: frozen dataclasses, nothing else.

A story's record (`StorySummary`) composes typed parts: facts, quotes, sides with positions,
common ground and discrepancies, each cited by `Citation` (article ids and sentence keys).
`Briefing.to_dict()` writes the one JSON shape (`SCHEMA`); `Briefing.from_dict()` reads it back,
and reads the earlier `summarizer.briefing/1` too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from fractions import Fraction
from typing import Any, Literal

from summarizer import metadata

SCHEMA = "summarizer.briefing/2"
READABLE = (SCHEMA, "summarizer.briefing/1")  # schemas `Briefing.from_dict` reads

# abstractive: the model's draft as written; repaired: the draft with the sentences the guard
# rejected replaced by source sentences (or dropped); extractive-fallback: source sentences only.
SummaryMethod = Literal["abstractive", "repaired", "extractive-fallback", "extractive"]


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
    teaser: bool = False  # the feed's text only: the page could not be had
    translated_from: str = ""  # the language the text was translated from ("de"), "" if none


@dataclass(frozen=True, slots=True)
class DroppedLine:
    """A line the cleaner removed, with the rule that removed it."""

    article_id: str
    line_no: int
    text: str
    reason: str


SentenceKey = tuple[str, int]  # (article id, index of the sentence in its article)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article. Identity is (article_id, index), never the text alone; `start`
    and `end` bound it in the article's text (the text itself has its white space folded)."""

    article_id: str
    index: int
    text: str
    start: int = 0
    end: int = 0

    @property
    def key(self) -> SentenceKey:
        return (self.article_id, self.index)


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that report the same story, their sentences in source order, and each article's
    quality before copies are known (in article order)."""

    id: str
    articles: tuple[Article, ...]
    sentences: tuple[Sentence, ...]
    quality: tuple[SourceQuality, ...] = ()


@dataclass(frozen=True, slots=True)
class Citation:
    """Where something is said: the articles, and the sentences of them that say it."""

    article_ids: tuple[str, ...]
    sentences: tuple[SentenceKey, ...] = ()

    @classmethod
    def of(cls, sentences: Iterable[Sentence], article_ids: Iterable[str] = ()) -> Citation:
        """The citation of `sentences`: `article_ids` (articles that say it without a sentence
        of their own to point at), then the sentences' articles, and the sentences' keys, each
        once and in order."""
        sentences = list(sentences)
        articles = dict.fromkeys([*article_ids, *(s.article_id for s in sentences)])
        return cls(tuple(articles), tuple(dict.fromkeys(s.key for s in sentences)))


@dataclass(frozen=True, slots=True)
class Fact:
    """A key fact: one statement, where it is stated, and how many outlets state it."""

    text: str
    citation: Citation
    outlets: int = 1

    @property
    def source_ids(self) -> tuple[str, ...]:
        return self.citation.article_ids


@dataclass(frozen=True, slots=True)
class Quote:
    """A quote as the briefing shows it: verbatim text of a source, the speaker's fullest name
    (and the mention as written), the person spoken to, and every article that carried it;
    `variants` are other outlets' wordings as (text, article id). `id` is unique in its story."""

    id: str
    text: str
    speaker: str
    citation: Citation
    speaker_mention: str = ""
    speaker_role: str = ""
    addressee: str = ""
    side: str = ""
    variants: tuple[tuple[str, str], ...] = ()

    @property
    def source_ids(self) -> tuple[str, ...]:
        return self.citation.article_ids


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A sentence of the summary and the source sentences that say what it says."""

    text: str
    citation: Citation


@dataclass(frozen=True, slots=True)
class Position:
    """What an actor of a side holds, as the sources write it, with the quotes that say it."""

    text: str
    actor: str
    citation: Citation
    quote_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Side:
    """A party to the story: its name, its actors (most heard first) and its positions."""

    name: str
    actors: tuple[str, ...]
    positions: tuple[Position, ...] = ()


@dataclass(frozen=True, slots=True)
class SideStatement:
    """One side's words in a piece of common ground."""

    side: str
    text: str
    citation: Citation


@dataclass(frozen=True, slots=True)
class CommonGround:
    """Where sides meet: parallel statements of two sides (`statements`), or a sentence saying
    what both did."""

    text: str
    citation: Citation
    sides: tuple[str, ...]
    statements: tuple[SideStatement, ...] = ()


Bound = Literal["", "at least", "at most"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with the unit it counts, as one outlet writes it: `values` (one, or two for a
    split such as a 7-2 vote), whether it is approximate ("nearly", "about", "more than"), the
    bound the wording sets, and the text as written."""

    values: tuple[Fraction, ...]
    unit: str
    approximate: bool
    text: str
    bound: Bound = ""
    margin: Fraction = Fraction(0)  # how far the figure may be from the value as written

    @property
    def value(self) -> Fraction:
        return self.values[0]


@dataclass(frozen=True, slots=True)
class DiscrepancyVersion:
    """One outlet's (or several outlets') value of a detail, as shown (`value`) and as written."""

    quantity: Quantity
    value: str
    citation: Citation


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """One detail that outlets give different values for."""

    about: str
    unit: str
    versions: tuple[DiscrepancyVersion, ...]


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
class ArticleInfo:
    """An article as the briefing cites it (no text): where it came from and how clean it is."""

    id: str
    path: str
    source: str = ""
    title: str = ""
    url: str = ""
    date: str = ""
    quality: SourceQuality | None = None
    teaser: bool = False
    translated_from: str = ""

    @property
    def label(self) -> str:
        """How the briefing cites it: the outlet, else a short form of the title."""
        return metadata.label(self.source, self.title, self.id)

    @classmethod
    def of(cls, article: Article, quality: SourceQuality | None = None) -> ArticleInfo:
        return cls(
            article.id,
            article.path,
            article.source,
            article.title,
            article.url,
            article.date,
            quality,
            article.teaser,
            article.translated_from,
        )


@dataclass(frozen=True, slots=True)
class StorySummary:
    """The written-up story: everything the briefing shows for it, one record per story."""

    id: str
    title: str
    summary: str
    summary_method: SummaryMethod
    articles: tuple[ArticleInfo, ...]
    summary_sentences: tuple[SummarySentence, ...] = ()
    extractive: tuple[Sentence, ...] = ()
    attempts: tuple[GuardReport, ...] = ()
    guard: GuardCounts = field(default_factory=GuardCounts)
    parts: int = 1  # >1: the input was summarized in that many parts first (map-reduce)
    key_facts: tuple[Fact, ...] = ()
    quotes: tuple[Quote, ...] = ()
    sides: tuple[Side, ...] = ()
    common_ground: tuple[CommonGround, ...] = ()
    discrepancies: tuple[Discrepancy, ...] = ()
    notes: tuple[str, ...] = ()  # what a limit cut or stopped
    errors: tuple[str, ...] = ()  # "<stage>: <reason>" for each stage that failed

    def to_dict(self) -> dict[str, Any]:
        """The story as `Briefing.to_dict()` writes it."""
        return _story_dict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> StorySummary:
        """The story a `to_dict()` wrote. Raises KeyError, TypeError or ValueError for anything else."""
        return _story_from(data)


@dataclass(frozen=True, slots=True)
class ModelInfo:
    backend: str
    name: str
    sha256: str = ""


@dataclass(frozen=True, slots=True)
class RunError:
    """An input that could not be used (`path`), or a stage of one story that failed (`story`)."""

    path: str
    reason: str
    story: str = ""

    def __str__(self) -> str:
        return _located(self.path, self.story, self.reason)


@dataclass(frozen=True, slots=True)
class RunNote:
    """Something the run changed and the reader should know: an input cut, set aside or
    translated (`path`), or one story's work bounded (`story`)."""

    path: str
    note: str
    story: str = ""

    def __str__(self) -> str:
        return _located(self.path, self.story, self.note)


def _located(path: str, story: str, text: str) -> str:
    """`text` after where it happened: "story <id>: ..." or "<path>: ..." (one line)."""
    return f"story {story}: {text}" if story else f"{path}: {text}"


@dataclass(frozen=True, slots=True)
class Briefing:
    run_id: str
    generated_at: str
    model: ModelInfo
    stories: tuple[StorySummary, ...]
    errors: tuple[RunError, ...] = field(default=())
    notes: tuple[RunNote, ...] = field(default=())
    news_date: str = ""  # the days the news is from (`metadata.news_period`), "" when undated

    @property
    def day(self) -> str:
        """The date the briefing is titled with: the news's, else the run's."""
        return self.news_date or self.generated_at[:10]

    def to_dict(self) -> dict[str, Any]:
        """The one JSON shape used for rendering, saving and comparing (`SCHEMA`)."""
        return {
            "schema": SCHEMA,
            "run_id": self.run_id,
            "generated_at": self.generated_at,
            "news_date": self.news_date,
            "day": self.day,
            "model": asdict(self.model),
            "stories": [_story_dict(s) for s in self.stories],
            "guard": asdict(sum((s.guard for s in self.stories), GuardCounts())),
            "errors": [asdict(e) for e in self.errors],
            "notes": [asdict(n) for n in self.notes],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Briefing:
        """The briefing a `to_dict()` of this schema or of `summarizer.briefing/1` wrote.
        Raises ValueError for anything else."""
        schema = data.get("schema")
        if schema not in READABLE:
            raise ValueError(f"not a summarizer briefing (schema {schema!r})")
        try:
            return cls(
                run_id=str(data["run_id"]),
                generated_at=str(data.get("generated_at", "")),
                model=ModelInfo(**data["model"]),
                stories=tuple(_story_from(s) for s in data["stories"]),
                errors=tuple(RunError(**e) for e in data.get("errors", [])),
                notes=tuple(RunNote(**n) for n in data.get("notes", [])),
                news_date=str(data.get("news_date", "")),
            )
        except (KeyError, TypeError, AttributeError, ValueError, ZeroDivisionError) as exc:
            raise ValueError(f"malformed {schema} briefing ({type(exc).__name__}: {exc})") from None


# --- JSON ----------------------------------------------------------------------------------
# Empty strings of a quote are written as null, tuples as lists, fractions as "7/2" strings;
# every list of sources is written with the sentences that say it.


def _marks(citation: Citation, articles: Sequence[ArticleInfo]) -> list[int]:
    """The numbers (1-based, in the story's list of sources) of the articles that state it."""
    return [n for n, a in enumerate(articles, 1) if a.id in citation.article_ids]


def _translated_from(citation: Citation, articles: Iterable[ArticleInfo]) -> str:
    """The language a quote was translated from when every article carrying it is a
    translation (a quote also printed in English is verbatim), else ""."""
    languages = {a.translated_from for a in articles if a.id in citation.article_ids}
    return min(languages) if languages and "" not in languages else ""


def _none(text: str) -> str | None:
    return text or None


def _citation_dict(c: Citation) -> dict[str, Any]:
    return {"sources": list(c.article_ids), "sentences": [list(k) for k in c.sentences]}


def _citation_from(d: Mapping[str, Any]) -> Citation:
    return Citation(tuple(d.get("sources", ())), tuple((str(a), int(i)) for a, i in d.get("sentences", ())))


def _quality_dict(q: SourceQuality | None) -> dict[str, Any] | None:
    return {k: v for k, v in asdict(q).items() if k != "article_id"} if q else None


def _sentence_dict(s: Sentence) -> dict[str, Any]:
    return {"article": s.article_id, "index": s.index, "text": s.text, "start": s.start, "end": s.end}


def _quantity_dict(q: Quantity) -> dict[str, Any]:
    return {
        "values": [str(v) for v in q.values],
        "unit": q.unit,
        "approximate": q.approximate,
        "bound": q.bound,
        "margin": str(q.margin),
    }


def _story_dict(s: StorySummary) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "summary": s.summary,
        "summary_method": s.summary_method,
        "summary_sentences": [
            {"text": x.text, **_citation_dict(x.citation), "marks": _marks(x.citation, s.articles)}
            for x in s.summary_sentences
        ],
        "guard": asdict(s.guard),
        "parts": s.parts,
        "attempts": [{"ok": a.ok, "unsupported": list(a.unsupported)} for a in s.attempts],
        "extractive": [_sentence_dict(x) for x in s.extractive],
        "articles": [
            {
                "id": a.id,
                "path": a.path,
                "source": a.source,
                "label": a.label,
                "title": a.title,
                "url": a.url,
                "date": a.date,
                "quality": _quality_dict(a.quality),
                "teaser_only": a.teaser,
                "translated_from": a.translated_from,
            }
            for a in s.articles
        ],
        "key_facts": [
            {
                "text": f.text,
                **_citation_dict(f.citation),
                "outlets": f.outlets,
                "single_source": f.outlets == 1,
            }
            for f in s.key_facts
        ],
        "quotes": [
            {
                "id": q.id,
                "text": q.text,
                "speaker": _none(q.speaker),
                "speaker_mention": _none(q.speaker_mention),
                "speaker_role": _none(q.speaker_role),
                "addressee": _none(q.addressee),
                "side": _none(q.side),
                **_citation_dict(q.citation),
                "variants": [{"text": t, "source": src} for t, src in q.variants],
                "translated_from": _translated_from(q.citation, s.articles),
            }
            for q in s.quotes
        ],
        "sides": [
            {
                "name": side.name,
                "actors": list(side.actors),
                "positions": [
                    {
                        "text": p.text,
                        "actor": p.actor,
                        **_citation_dict(p.citation),
                        "quotes": list(p.quote_ids),
                    }
                    for p in side.positions
                ],
            }
            for side in s.sides
        ],
        "common_ground": [
            {
                "text": g.text,
                **_citation_dict(g.citation),
                "sides": list(g.sides),
                "statements": [
                    {"side": st.side, "text": st.text, **_citation_dict(st.citation)} for st in g.statements
                ],
            }
            for g in s.common_ground
        ],
        "discrepancies": [
            {
                "about": d.about,
                "unit": d.unit,
                "versions": [
                    {
                        "text": v.quantity.text,
                        "value": v.value,
                        **_citation_dict(v.citation),
                        "quantity": _quantity_dict(v.quantity),
                    }
                    for v in d.versions
                ],
            }
            for d in s.discrepancies
        ],
        "notes": list(s.notes),
        "errors": list(s.errors),
    }


def _story_from(d: Mapping[str, Any]) -> StorySummary:
    quotes = tuple(_quote_from(q, n) for n, q in enumerate(d.get("quotes", [])))
    ids = [q.id for q in quotes]
    return StorySummary(
        id=str(d["id"]),
        title=str(d["title"]),
        summary=str(d["summary"]),
        summary_method=d["summary_method"],
        articles=tuple(
            ArticleInfo(
                id=a["id"],
                path=a.get("path", ""),
                source=a.get("source", ""),
                title=a.get("title", ""),
                url=a.get("url", ""),
                date=a.get("date", ""),
                quality=SourceQuality(article_id=a["id"], **a["quality"]) if a.get("quality") else None,
                teaser=bool(a.get("teaser_only", False)),
                translated_from=str(a.get("translated_from", "")),
            )
            for a in d.get("articles", [])
        ),
        summary_sentences=tuple(
            SummarySentence(x["text"], _citation_from(x)) for x in d.get("summary_sentences", [])
        ),
        extractive=tuple(
            Sentence(x["article"], int(x["index"]), x["text"], int(x.get("start", 0)), int(x.get("end", 0)))
            for x in d.get("extractive", [])
        ),
        attempts=tuple(
            GuardReport(bool(a["ok"]), tuple(a.get("unsupported", ()))) for a in d.get("attempts", [])
        ),
        guard=GuardCounts(**d.get("guard", {})),
        parts=int(d.get("parts", 1)),
        notes=tuple(str(n) for n in d.get("notes", ())),
        errors=tuple(str(e) for e in d.get("errors", ())),
        key_facts=tuple(
            Fact(f["text"], _citation_from(f), int(f.get("outlets", 1))) for f in d.get("key_facts", [])
        ),
        quotes=quotes,
        sides=tuple(
            Side(
                side["name"],
                tuple(side.get("actors", ())),
                tuple(
                    Position(
                        p["text"],
                        p.get("actor", ""),
                        _citation_from(p),
                        tuple(ids[q] if isinstance(q, int) else str(q) for q in p.get("quotes", ())),
                    )
                    for p in side.get("positions", [])
                ),
            )
            for side in d.get("sides", [])
        ),
        common_ground=tuple(
            CommonGround(
                g["text"],
                _citation_from(g),
                tuple(g.get("sides", ())),
                tuple(
                    SideStatement(st["side"], st["text"], _citation_from(st))
                    for st in g.get("statements", [])
                ),
            )
            for g in d.get("common_ground", [])
        ),
        discrepancies=tuple(
            Discrepancy(
                x["about"],
                x.get("unit", ""),
                tuple(
                    DiscrepancyVersion(_quantity_from(v), str(v["value"]), _citation_from(v))
                    for v in x["versions"]
                ),
            )
            for x in d.get("discrepancies", [])
        ),
    )


def _quote_from(q: Mapping[str, Any], n: int) -> Quote:
    return Quote(
        id=str(q.get("id") or f"q{n + 1}"),  # a /1 briefing numbered its quotes by position
        text=q["text"],
        speaker=q.get("speaker") or "",
        citation=_citation_from(q),
        speaker_mention=q.get("speaker_mention") or "",
        speaker_role=q.get("speaker_role") or "",
        addressee=q.get("addressee") or "",
        side=q.get("side") or "",
        variants=tuple((v["text"], v["source"]) for v in q.get("variants", [])),
    )


def _quantity_from(v: Mapping[str, Any]) -> Quantity:
    q = v.get("quantity") or {}  # a /1 briefing kept only the text and the value shown
    return Quantity(
        values=tuple(Fraction(x) for x in q.get("values", ())),
        unit=q.get("unit", ""),
        approximate=bool(q.get("approximate", False)),
        text=v["text"],
        bound=q.get("bound", ""),
        margin=Fraction(q.get("margin", "0")),
    )
