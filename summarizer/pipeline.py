"""The orchestrator. Stages, in order:

1. ingest    - read files and folders into `Article`s (`summarizer.ingest`)
2. clean     - drop boilerplate lines, find titles, outlets and dates; each article's quality
               signals (`summarizer.clean`, `summarizer.metadata`, `summarizer.sources`)
   language  - an article not in English translated by the model, or set aside (`summarizer.language`)
3. sentences - split with the shipped Punkt parameters (`summarizer.sentences`)
4. group     - cluster articles into stories by embedding (`summarizer.group`)
5. rank      - find copies among a story's articles, score sentences across its sources weighted by
               source quality, and select within a budget (`summarizer.sources`, `summarizer.rank`)
6. abstract  - headline and summary per story, every sentence guarded for faithfulness, repaired or
               written map-reduce when needed (`summarizer.abstractive`)
7. quotes    - attributed quotes per story, merged across outlets (`summarizer.quotes`)
8. sides     - the parties, their positions and common ground; each quote's side (`summarizer.sides`)
9. facts     - key facts with their sources, and discrepancies between outlets (`summarizer.facts`)
10. write    - render and write the run folder with its manifest (`summarizer.render`, `summarizer.runs`)

Each stage is a plain function of the data model; this module only wires them and keeps time.
Stages 5-9 run per story in `brief_story(story, context)`, which returns the story's whole record
(`StorySummary`): the unit a result cache or a worker pool takes.
"""

from __future__ import annotations

import logging
import platform
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from summarizer import __version__
from summarizer.abstractive import NO_MODEL, Backend, GenerationSettings, create_backend, model_identity
from summarizer.abstractive.writer import WORDS_OVER, StoryWriter, fallback_title
from summarizer.cache import StoryCache, keepable, run_digest, story_key
from summarizer.clean import clean_article
from summarizer.config import Config
from summarizer.embeddings import EMBEDDING_MODEL, Embedder
from summarizer.engines import RayEngine
from summarizer.errors import CacheError, InputError, SummarizerError
from summarizer.facts import discrepancies, key_facts
from summarizer.group import group_stories
from summarizer.ingest import read_articles
from summarizer.language import Languages, ModelTranslator, Translator, handle_languages
from summarizer.limits import bound_story, cut_article
from summarizer.metadata import news_period
from summarizer.models import (
    Article,
    ArticleInfo,
    Briefing,
    Discrepancy,
    Fact,
    ModelInfo,
    Quote,
    RunError,
    RunNote,
    Sentence,
    SourceQuality,
    Story,
    StorySummary,
)
from summarizer.progress import SILENT, Progress
from summarizer.prompts import Prompt, load_prompt
from summarizer.quotes import Parsed, parse, story_quotes
from summarizer.rank import Ranker, blend, make_ranker, select
from summarizer.runs import new_run_id, write_run
from summarizer.sentences import split_article
from summarizer.sides import SidesFound, find_sides
from summarizer.sources import find_copies, weigh
from summarizer.sources import signals as source_signals
from summarizer.text import BACKGROUND

log = logging.getLogger("summarizer")
T = TypeVar("T")


class NoUsableInput(SummarizerError):
    """None of the inputs gave an article."""


@dataclass
class Timings:
    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = round(self.seconds.get(name, 0.0) + time.perf_counter() - start, 3)


@dataclass(frozen=True, slots=True)
class RunResult:
    briefing: Briefing
    manifest: dict[str, Any]
    run_dir: Path | None


@dataclass(frozen=True, slots=True)
class Prepared:
    """Articles cleaned and split, ready for grouping, and what the limits cut on the way."""

    articles: list[Article]
    sentences: dict[str, list[Sentence]]
    quality: dict[str, SourceQuality] = field(default_factory=dict)
    notes: tuple[RunNote, ...] = ()
    languages: Languages | None = None


def prepare(
    inputs: Iterable[str | Path],
    config: Config,
    on_error: Callable[[InputError], None],
    timings: Timings,
    translator: Callable[[], Translator] | None = None,
) -> Prepared:
    """Stages 1-3: ingest, clean (and languages: an article not in English translated by
    `translator`, or set aside without one), split (files and articles within `config.limits`)."""
    limits = config.limits
    with timings.stage("ingest"):
        raw = read_articles(inputs, on_error, limits.max_file_mb)
    articles: list[Article] = []
    sentences: dict[str, list[Sentence]] = {}
    quality: dict[str, SourceQuality] = {}
    notes: list[RunNote] = []
    raw_chars: dict[str, int] = {}  # each article's length before cleaning
    with timings.stage("clean"):
        for article in raw:
            article, cut = cut_article(article, limits.max_article_chars)
            if cut:
                notes.append(RunNote(article.path, cut))
            result = clean_article(article, config.clean)
            for line in result.dropped:
                log.debug("%s:%d: dropped (%s): %s", article.path, line.line_no, line.reason, line.text[:120])
            if not result.article.text.strip():
                on_error(InputError(article.path, f"article {article.id}: no news text left after cleaning"))
                continue
            articles.append(result.article)
            raw_chars[article.id] = len(article.text)
    with timings.stage("language"):
        languages = handle_languages(articles, config.input, translator, on_error, notes.append)
        articles = languages.articles
    for article in articles:
        quality[article.id] = source_signals(article, raw_chars[article.id])
    with timings.stage("sentences"):
        for article in articles:
            sentences[article.id] = split_article(article)
    return Prepared(articles, sentences, quality, tuple(notes), languages)


def group(prepared: Prepared, embedder: Embedder, config: Config) -> list[Story]:
    """Stage 4: the day's stories, each carrying its articles' quality."""
    stories = group_stories(prepared.articles, prepared.sentences, embedder, config.group)
    return [replace(s, quality=tuple(prepared.quality[a.id] for a in s.articles)) for s in stories]


def story_vectors(story: Story, embedder: Embedder) -> np.ndarray:
    """Embeddings of the story's sentences: row i is `story.sentences[i]`."""
    return embedder.encode([s.text for s in story.sentences])


@dataclass(frozen=True, slots=True)
class StoryContext:
    """What `brief_story` needs besides the story: the settings and the loaded models."""

    config: Config
    embedder: Embedder
    writer: StoryWriter
    ranker: Ranker
    salience: Ranker | None = None  # mixed into the key facts' ranking (`facts.salience_weight`)
    nlp: Any = None  # spaCy; loaded on first use when None
    timings: Timings = field(default_factory=Timings)
    on_stage: Callable[[str], None] = lambda _: None  # told each stage of a story as it starts


@dataclass(frozen=True, slots=True)
class Ranked:
    """A story's sentences ranked across its sources: the scores, the sentences fed to the
    model (best first), the extractive selection, each article's quality with copies known, and
    the salience the key facts are picked by."""

    scores: dict[Sentence, float]
    fed: list[Sentence]
    extractive: list[Sentence]
    quality: tuple[SourceQuality, ...]
    fact_scores: dict[Sentence, float]


def rank_story(
    story: Story, vectors: np.ndarray, ranker: Ranker, config: Config, salience: Ranker | None = None
) -> Ranked:
    """Stage 5 for one story: copies found, sentences scored and weighted by source quality,
    the model's input (best first) and the extractive summary selected; the key facts' salience
    is the scores mixed by rank with `salience`'s (the learned model's, `facts.salience_weight`)
    when it is given."""
    quality = find_copies(story, vectors)
    scores = weigh(ranker.score(story, vectors), quality)
    fed = select(scores, config.rank.budget_words, story, vectors, config.rank.mmr_lambda)
    fed.sort(key=lambda s: -scores[s])
    fed = _news_first(fed)
    extractive = select(scores, config.abstractive.words, story, vectors, config.rank.mmr_lambda)
    fact_scores = scores
    if salience is not None:  # the model's own scores: `scores` carry the sources' quality
        fact_scores = blend(scores, salience.score(story, vectors), config.facts.salience_weight)
    return Ranked(scores, fed, extractive, quality, fact_scores)


def fact_salience(config: Config) -> Ranker | None:
    """The ranker whose scores `rank_story` mixes into the key facts' (the learned salience
    model), or None when `facts.salience_weight` is 0."""
    return make_ranker(replace(config.rank, ranker="learned")) if config.facts.salience_weight else None


def _news_first(fed: list[Sentence]) -> list[Sentence]:
    """The model's input led by news, not background: when the best-ranked sentence tells an
    earlier time ("The dam, completed in 1987, holds ..."), the best one that does not goes
    before it (the model opens its summary with what leads its input). Only the lead moves:
    the rest stays in rank order, where "months ago" can be the news."""
    lead = next((n for n, s in enumerate(fed) if not BACKGROUND.search(s.text)), 0)
    return [fed[lead], *fed[:lead], *fed[lead + 1 :]] if lead else fed


def lead_ranking(story: Story, config: Config) -> Ranked:
    """The ranking used when scoring fails: each article's opening sentences first."""
    scores = {s: 1.0 / (1.0 + s.index) for s in story.sentences}
    fed = sorted(select(scores, config.rank.budget_words, story), key=lambda s: -scores[s])
    return Ranked(scores, fed, select(scores, config.abstractive.words, story), story.quality, scores)


def brief_story(story: Story, context: StoryContext) -> StorySummary:
    """Stages 5-9 for one story: its whole record. The story (frozen records) and the result
    pickle; the context holds what is loaded once per process.

    The story is first bounded (`limits.max_story_sentences`). A stage that fails is recorded in
    the record's `errors` ("<stage>: <reason>") and the others go on with what it would have
    given: the opening sentences for ranking, the extractive summary for writing, nothing for
    quotes, sides or facts."""
    config = context.config
    story, bounded = bound_story(story, config.limits.max_story_sentences)
    failures: list[str] = []

    def run(stage: str, work: Callable[[], T], fallback: Callable[[], T]) -> T:
        context.on_stage(stage)
        with context.timings.stage(stage):
            try:
                return work()
            except Exception as exc:  # one story's failure must not take the day down
                log.debug("story %s: %s failed", story.id, stage, exc_info=True)
                failures.append(f"{stage}: {failure_reason(exc)}")
                return fallback()

    def ranking() -> tuple[np.ndarray | None, Ranked]:
        vectors = story_vectors(story, context.embedder)
        return vectors, rank_story(story, vectors, context.ranker, config, context.salience)

    vectors, ranked = run("rank", ranking, lambda: (None, lead_ranking(story, config)))
    copies_known = replace(story, quality=ranked.quality)  # facts and sides show no reworded copy
    written = run(
        "abstract",
        lambda: context.writer.write(story, ranked.fed, ranked.extractive),
        lambda: context.writer.extractive(story, ranked.extractive),
    )
    parsed: Parsed | None = run("quotes", lambda: parse(story.articles, context.nlp), lambda: None)
    quotes: list[Quote] = []
    found: SidesFound | None = None
    if parsed is not None:
        quotes = run("quotes", lambda: story_quotes(copies_known, parsed, config=config.quotes), lambda: [])
        found = run(
            "sides",
            lambda: find_sides(copies_known, quotes, parsed, context.embedder.encode, config.sides),
            lambda: None,
        )
    facts: list[Fact] = []
    flags: list[Discrepancy] = []
    if vectors is not None:
        facts = run(
            "facts",
            lambda: key_facts(
                copies_known, vectors, ranked.fact_scores, config.facts, written.summary_sentences
            ),
            lambda: [],
        )
        flags = run("facts", lambda: discrepancies(copies_known, vectors, config.facts), lambda: [])
    return replace(
        written,
        articles=tuple(
            ArticleInfo.of(a, next((q for q in ranked.quality if q.article_id == a.id), None))
            for a in story.articles
        ),
        key_facts=tuple(facts),
        quotes=tuple(replace(q, side=found.quote_sides.get(q.id, "") if found else "") for q in quotes),
        sides=found.sides if found else (),
        common_ground=found.common_ground if found else (),
        discrepancies=tuple(flags),
        notes=(*([bounded] if bounded else []), *written.notes),
        errors=tuple(failures),
    )


def isolated(story: Story, context: StoryContext) -> StorySummary:
    """`brief_story`, or, when even its fallbacks fail, the story's opening sentences with the
    error: the day goes on."""
    try:
        return brief_story(story, context)
    except Exception as exc:  # the last net under one story
        log.debug("story %s failed", story.id, exc_info=True)
        return lead_fallback(story, failure_reason(exc))


def lead_fallback(story: Story, reason: str) -> StorySummary:
    """The record of a story none of whose stages could run: its opening sentences, one of its
    articles' titles (`fallback_title`), and `reason` as the story's error."""
    lead = [s for s in story.sentences if s.index == 0] or list(story.sentences[:1])
    return StorySummary(
        id=story.id,
        title=fallback_title(story),
        summary=" ".join(s.text for s in lead[:2]),
        summary_method="extractive-fallback",
        articles=tuple(ArticleInfo.of(a) for a in story.articles),
        extractive=tuple(lead[:2]),
        errors=(f"story: {reason}",),
    )


def failure_reason(exc: BaseException) -> str:
    """One line naming what went wrong: the exception's type and its first line."""
    lines = str(exc).strip().splitlines()
    message = lines[0][:200] if lines else ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def brief(
    inputs: Sequence[str | Path],
    config: Config,
    *,
    backend: Backend | None = None,
    progress: Progress = SILENT,
    on_error: Callable[[RunError], None] | None = None,
    on_note: Callable[[RunNote], None] | None = None,
    embedder: Embedder | None = None,
    write: bool = True,
    now: datetime | None = None,
    cache: StoryCache | None = None,
    engine: RayEngine | None = None,
) -> RunResult:
    """Run every stage on `inputs` and write the run folder under `config.output.dir`.

    Each input that cannot be used, and each stage of a story that fails, is a `RunError`
    (passed to `on_error` as it happens, and kept in the briefing and manifest); each cut a
    limit made is a `RunNote` (`on_note`). Neither stops the run. With a `cache`, a story whose
    record it holds is not redone, and each finished story is kept in it. With an `engine` (or
    `engine.name = "ray"` in the config) the stories the cache lacks run on its workers."""
    timings = Timings()
    errors: list[RunError] = []
    notes: list[RunNote] = []

    def record(error: InputError | RunError) -> None:
        error = error if isinstance(error, RunError) else RunError(error.path, error.reason)
        errors.append(error)
        if on_error:
            on_error(error)

    def note(item: RunNote) -> None:
        notes.append(item)
        if on_note:
            on_note(item)

    def load_backend() -> Backend:
        nonlocal backend
        if backend is None:
            with timings.stage("load_model"):
                progress.stage("loading model", config.abstractive.model)
                backend = create_backend(config.abstractive, progress.note)
        return backend

    translating = config.input.translate and config.abstractive.backend != NO_MODEL  # none cannot
    translate_prompt = load_prompt("translate") if translating else None

    def translator() -> Translator:
        loaded = load_backend()
        progress.stage("translating")
        return ModelTranslator(loaded, GenerationSettings.from_config(config.abstractive), translate_prompt)

    progress.stage("reading", f"{len(inputs)} input(s)")
    prepared = prepare(inputs, config, record, timings, translator if translating else None)
    for item in prepared.notes:
        note(item)
    if not prepared.articles:
        raise NoUsableInput("no usable articles in the inputs")
    embedder = embedder or Embedder()

    progress.stage("grouping", f"{len(prepared.articles)} articles")
    with timings.stage("group"):
        stories = group(prepared, embedder, config)
    if config.output.max_stories:
        stories = stories[: config.output.max_stories]

    prompt = load_prompt(config.abstractive.prompt)
    strict = load_prompt(config.abstractive.strict_prompt)
    if engine is None and config.engine.name == "ray":
        engine = RayEngine(config.engine)
    # With a cache and a model known by name, the model is loaded only when a story needs it.
    if backend is not None:
        identity: ModelInfo | None = backend.info()
    else:
        identity = model_identity(config.abstractive) if cache else None

    def start_workers(engine: RayEngine) -> ModelInfo:
        with timings.stage("load_model"):
            progress.stage("starting workers", config.engine.address or "local ray cluster")
            return engine.start(config, (prompt, strict))

    if identity is None and engine is not None:
        identity = start_workers(engine)
    elif identity is None:
        backend = backend or load_backend()
        identity = backend.info()
    prompts = [prompt, strict, *([translate_prompt] if translate_prompt else [])]
    prompt_hashes = [p.sha256 for p in prompts]
    run = run_digest(config, identity, prompt_hashes) if cache else ""
    context: StoryContext | None = None
    summaries: list[StorySummary] = []
    served = 0

    def cache_off(exc: CacheError) -> None:
        nonlocal cache
        path = str(cache.path) if cache else ""
        note(RunNote(path, f"story cache off for this run: {str(exc).removeprefix(path + ': ')}"))
        cache = None

    def cached(key: str) -> StorySummary | None:
        if cache:
            try:
                return cache.get(key)
            except CacheError as exc:
                cache_off(exc)
        return None

    def finished(key: str, summary: StorySummary) -> None:
        if cache and keepable(summary):
            try:
                cache.put(key, summary)
            except CacheError as exc:
                cache_off(exc)
        for reason in summary.errors:
            record(RunError("", reason, story=summary.id))
        for text in summary.notes:
            note(RunNote("", text, story=summary.id))

    if engine is None:
        for n, story in enumerate(stories, 1):
            title = story.articles[0].title[:40]
            progress.step("summarizing stories", n - 1, len(stories), title)
            key = story_key(story, run) if cache else ""
            summary = cached(key)
            served += summary is not None
            if summary is None:
                if context is None:
                    if backend is None:
                        backend = load_backend()
                        if backend.info() != identity:  # the name did not tell the model: keys are wrong
                            identity = backend.info()
                            run = run_digest(config, identity, prompt_hashes)
                            key = story_key(story, run)
                    context = story_context(config, backend, embedder, timings, (prompt, strict), progress)
                summary = isolated(story, context)
                finished(key, summary)
            else:
                finished("", summary)
            summaries.append(summary)
    else:
        done: dict[int, StorySummary] = {}
        keys = [story_key(story, run) if cache else "" for story in stories]
        for n, key in enumerate(keys):
            hit = cached(key)
            if hit is not None:
                done[n] = hit
                finished("", hit)
        served = len(done)
        misses = [(n, story) for n, story in enumerate(stories) if n not in done]
        try:
            if misses and not engine.started:
                started = start_workers(engine)
                if started != identity:  # the name did not tell the model: keys are wrong
                    identity = started
                    run = run_digest(config, identity, prompt_hashes)
                    keys = [story_key(story, run) if cache else "" for story in stories]
            for result in engine.run(misses):
                title = stories[result.index].articles[0].title[:40]
                progress.step("summarizing stories", len(done) + 1, len(stories), title)
                for stage, seconds in result.seconds.items():
                    timings.seconds[stage] = round(timings.seconds.get(stage, 0.0) + seconds, 3)
                done[result.index] = result.summary
                finished(keys[result.index], result.summary)
        finally:
            engine.close()
        summaries = [done[n] for n in range(len(stories))]
    progress.step("summarizing stories", len(stories), len(stories))

    generated = now or datetime.now(timezone.utc)
    run_id = new_run_id(generated, "|".join(a.fingerprint for a in prepared.articles))
    briefing = Briefing(
        run_id=run_id,
        generated_at=generated.isoformat(timespec="seconds"),
        model=identity,
        stories=tuple(summaries),
        errors=tuple(errors),
        notes=tuple(notes),
        news_date=news_period([a.date for a in prepared.articles]),
    )
    manifest = _manifest(briefing, config, prepared.articles, prompts, summaries, timings, served)
    if prepared.languages:
        manifest["input"] = prepared.languages.manifest(config.input.translate)
    run_dir = None
    if write:
        progress.stage("writing")
        with timings.stage("write"):
            originals = prepared.languages.originals if prepared.languages else {}
            run_dir = write_run(
                Path(config.output.dir),
                run_id,
                briefing.to_dict(),
                manifest,
                config.output.formats,
                {f"originals/{_file_safe(key)}.txt": text for key, text in originals.items()},
            )
    progress.done()
    return RunResult(briefing, manifest, run_dir)


_STAGE_WORDS = {
    "rank": "ranking",
    "abstract": "writing",
    "quotes": "quotes",
    "sides": "sides",
    "facts": "facts",
}


def _file_safe(name: str) -> str:
    return re.sub(r"[^\w.~-]+", "_", name)[:120]


def story_context(
    config: Config,
    backend: Backend,
    embedder: Embedder,
    timings: Timings | None = None,
    prompts: tuple[Prompt, Prompt] | None = None,
    progress: Progress = SILENT,
) -> StoryContext:
    """The context `brief_story` runs in: the writer with its prompts, the ranker, the models;
    each story's sub-stages and the model's speed go to `progress`."""
    prompt, strict = prompts or (
        load_prompt(config.abstractive.prompt),
        load_prompt(config.abstractive.strict_prompt),
    )
    settings = GenerationSettings.from_config(config.abstractive)
    # Room for a summary of `words` (about 4 tokens to 3 words, cut at 1.2 times) and its headline.
    room = int(config.abstractive.words * WORDS_OVER * 4 / 3) + 40
    writer = StoryWriter(
        backend,
        prompt,
        strict,
        replace(settings, max_new_tokens=max(settings.max_new_tokens, room)),
        config.abstractive.words,
        config.abstractive.context_tokens,
        config.abstractive.retries,
        config.limits.story_seconds,
        on_generated=lambda tokens, seconds: progress.rate(
            f"model {tokens / max(seconds, 1e-9):.1f} tokens/s"
        ),
    )
    return StoryContext(
        config,
        embedder,
        writer,
        make_ranker(config.rank),
        fact_salience(config),
        timings=timings or Timings(),
        on_stage=lambda stage: progress.detail(_STAGE_WORDS[stage]),
    )


def _manifest(
    briefing: Briefing,
    config: Config,
    articles: list[Article],
    prompts: list[Any],
    summaries: list[StorySummary],
    timings: Timings,
    cached: int = 0,
) -> dict[str, Any]:
    rejected = sum(1 for s in summaries for a in s.attempts if not a.ok)
    return {
        "schema": "summarizer.manifest/1",
        "version": __version__,
        "run_id": briefing.run_id,
        "generated_at": briefing.generated_at,
        "python": platform.python_version(),
        "config": config.to_dict(),
        "model": {
            "backend": briefing.model.backend,
            "name": briefing.model.name,
            "sha256": briefing.model.sha256,
            "generation": config.to_dict()["abstractive"],
        },
        "embedding_model": EMBEDDING_MODEL,
        "prompts": [{"name": p.name, "sha256": p.sha256} for p in prompts],
        "inputs": [{"id": a.id, "path": a.path, "fingerprint": a.fingerprint} for a in articles],
        "timings": dict(timings.seconds),
        "counts": {
            "articles": len(articles),
            "stories": len(summaries),
            "cached": cached,  # stories served from the story cache, not redone
            "abstractive": sum(1 for s in summaries if s.summary_method == "abstractive"),
            "extractive_fallback": sum(1 for s in summaries if s.summary_method == "extractive-fallback"),
            "extractive": sum(1 for s in summaries if s.summary_method == "extractive"),  # --no-model
            "guard_rejections": rejected,
            "repaired": sum(1 for s in summaries if s.summary_method == "repaired"),
            "quotes": sum(len(s.quotes) for s in summaries),
            "key_facts": sum(len(s.key_facts) for s in summaries),
            "sides": sum(len(s.sides) for s in summaries),
            "discrepancies": sum(len(s.discrepancies) for s in summaries),
            "errors": len(briefing.errors),
            "story_errors": sum(1 for e in briefing.errors if e.story),
            "notes": len(briefing.notes),
        },
        "guard_sentences": briefing.to_dict()["guard"],
        "guard": [
            {
                "story": s.id,
                "sentences": asdict(s.guard),
                "parts": s.parts,
                "attempts": [{"ok": a.ok, "unsupported": list(a.unsupported)} for a in s.attempts],
            }
            for s in summaries
        ],
        "errors": [asdict(e) for e in briefing.errors],
        "notes": [asdict(n) for n in briefing.notes],
    }
