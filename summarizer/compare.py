"""Compare briefings: two runs of a day (two models, two prompts) or two days.

`compare(a, b)` matches the stories of run A to those of run B (by shared articles first, then
by the meaning of title and summary), labels each new, dropped or continuing, and for a
continuing story gives the summary as a word-level diff, a ROUGE-L similarity, and the key facts,
quotes, positions and discrepancies added and removed. It also lists how the runs were made
differently (model, backend, generation settings, prompts, config, inputs).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict
from difflib import SequenceMatcher
from typing import Any

import numpy as np

from summarizer.models import StorySummary
from summarizer.runs import Run
from summarizer.text import greedy_pairs

MEANING_THRESHOLD = 0.6  # cosine similarity of title + summary for stories with no shared article


# --- how the runs were made ----------------------------------------------------------------


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            out.update(_flatten(value, f"{prefix}{key}."))
        return out
    return {prefix.rstrip("."): data}


def how_made(a: Run, b: Run) -> dict[str, Any]:
    """What differs in how the two runs were made."""
    ma, mb = a.manifest, b.manifest
    model_a, model_b = asdict(a.briefing.model), asdict(b.briefing.model)
    config_a, config_b = _flatten(ma.get("config", {})), _flatten(mb.get("config", {}))
    prompts_a = {p["name"]: p["sha256"] for p in ma.get("prompts", [])}
    prompts_b = {p["name"]: p["sha256"] for p in mb.get("prompts", [])}
    inputs_a = {i["id"]: i.get("fingerprint") for i in ma.get("inputs", [])}
    inputs_b = {i["id"]: i.get("fingerprint") for i in mb.get("inputs", [])}
    return {
        "model": {
            k: [model_a.get(k), model_b.get(k)]
            for k in ("backend", "name", "sha256")
            if model_a.get(k) != model_b.get(k)
        },
        "config": {
            k: [config_a.get(k), config_b.get(k)]
            for k in sorted(set(config_a) | set(config_b))
            if config_a.get(k) != config_b.get(k)
        },
        "prompts": {
            k: [prompts_a.get(k), prompts_b.get(k)]
            for k in sorted(set(prompts_a) | set(prompts_b))
            if prompts_a.get(k) != prompts_b.get(k)
        },
        "inputs": {
            "added": sorted(set(inputs_b) - set(inputs_a)),
            "removed": sorted(set(inputs_a) - set(inputs_b)),
            "changed": sorted(k for k in set(inputs_a) & set(inputs_b) if inputs_a[k] != inputs_b[k]),
        },
    }


# --- matching stories ----------------------------------------------------------------------


def match_stories(
    stories_a: Sequence[StorySummary],
    stories_b: Sequence[StorySummary],
    embed: Callable[[list[str]], np.ndarray] | None = None,
) -> list[tuple[int, int]]:
    """Pairs (index in A, index in B): by shared articles first (most shared first), then, for
    the rest, by the meaning of title and summary when `embed` is given."""
    in_b: dict[str, list[int]] = {}  # article id -> the stories of B that hold it
    for j, story in enumerate(stories_b):
        for article in story.articles:
            in_b.setdefault(article.id, []).append(j)
    shared: Counter[tuple[int, int]] = Counter()
    for i, story in enumerate(stories_a):
        for article_id in {x.id for x in story.articles}:
            shared.update((i, j) for j in set(in_b.get(article_id, ())))
    pairs = greedy_pairs((count, i, j) for (i, j), count in shared.items())
    rest_a = [i for i in range(len(stories_a)) if i not in {i for i, _ in pairs}]
    rest_b = [j for j in range(len(stories_b)) if j not in {j for _, j in pairs}]
    if embed and rest_a and rest_b:
        texts = [_story_text(stories_a[i]) for i in rest_a] + [_story_text(stories_b[j]) for j in rest_b]
        vectors = embed(texts)
        left, right = vectors[: len(rest_a)], vectors[len(rest_a) :]
        close: list[tuple[float, int, int]] = []
        for lo in range(0, len(rest_a), BLOCK):  # blocks of rows: memory grows with the block
            similarity = left[lo : lo + BLOCK] @ right.T
            for x, y in zip(*np.nonzero(similarity >= MEANING_THRESHOLD), strict=True):
                close.append((float(similarity[x, y]), lo + int(x), int(y)))
        pairs += [(rest_a[x], rest_b[y]) for x, y in greedy_pairs(close)]
    return sorted(pairs)


BLOCK = 1024


def _story_text(story: StorySummary) -> str:
    return f"{story.title}. {story.summary}"


# --- what changed in a story ---------------------------------------------------------------

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


def word_diff(old: str, new: str) -> list[dict[str, str]]:
    """The new text against the old as runs of equal, inserted and deleted words."""
    a, b = old.split(), new.split()
    ops: list[dict[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            ops.append({"op": "equal", "text": " ".join(a[i1:i2])})
            continue
        if tag in ("delete", "replace"):
            ops.append({"op": "delete", "text": " ".join(a[i1:i2])})
        if tag in ("insert", "replace"):
            ops.append({"op": "insert", "text": " ".join(b[j1:j2])})
    return ops


def rouge_l(reference: str, candidate: str) -> float:
    """ROUGE-L F1 over lower-cased word tokens (longest common subsequence)."""
    a = [t for t in _TOKEN.findall(reference.lower()) if t[0].isalnum()]
    b = [t for t in _TOKEN.findall(candidate.lower()) if t[0].isalnum()]
    if not a or not b:
        return 0.0
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for n, y in enumerate(b, 1):
            current.append(previous[n - 1] + 1 if x == y else max(previous[n], current[-1]))
        previous = current
    lcs = previous[-1]
    if not lcs:
        return 0.0
    precision, recall = lcs / len(b), lcs / len(a)
    return round(2 * precision * recall / (precision + recall), 4)


def _items(story: dict[str, Any], field: str) -> dict[str, dict[str, Any]]:
    """A story's list field keyed by its normalised text (positions are nested in sides)."""
    if field == "positions":
        entries = [p for side in story.get("sides", []) for p in side.get("positions", [])]
    else:
        entries = story.get(field, [])
    keyed = {}
    for entry in entries:
        text = entry.get("text") or entry.get("about") or ""
        keyed[" ".join(w.lower() for w in _TOKEN.findall(str(text)) if w[0].isalnum())] = entry
    return keyed


def story_changes(old_story: StorySummary, new_story: StorySummary) -> dict[str, Any]:
    old, new = old_story.to_dict(), new_story.to_dict()
    changes: dict[str, Any] = {
        "summary_diff": word_diff(old["summary"], new["summary"]),
        "similarity": rouge_l(old["summary"], new["summary"]),
        "title": [old["title"], new["title"]] if old["title"] != new["title"] else None,
    }
    for field, added, removed in (
        ("key_facts", "facts_added", "facts_removed"),
        ("quotes", "quotes_added", "quotes_removed"),
        ("positions", "positions_added", "positions_removed"),
        ("discrepancies", "discrepancies_opened", "discrepancies_resolved"),
    ):
        before, after = _items(old, field), _items(new, field)
        changes[added] = [after[k] for k in after if k not in before]
        changes[removed] = [before[k] for k in before if k not in after]
    return changes


def _unchanged(changes: dict[str, Any]) -> bool:
    lists = [v for k, v in changes.items() if isinstance(v, list) and k != "summary_diff"]
    return (
        all(op["op"] == "equal" for op in changes["summary_diff"]) and not changes["title"] and not any(lists)
    )


def compare(a: Run, b: Run, embed: Callable[[list[str]], np.ndarray] | None = None) -> dict[str, Any]:
    """The comparison of run A (before) with run B (after), as one JSON-ready dict."""
    stories_a, stories_b = a.briefing.stories, b.briefing.stories
    pairs = match_stories(stories_a, stories_b, embed)
    matched_a = {i for i, _ in pairs}
    matched_b = {j for _, j in pairs}
    entries: list[dict[str, Any]] = []
    for i, j in pairs:
        changes = story_changes(stories_a[i], stories_b[j])
        status = "unchanged" if _unchanged(changes) else "changed"
        entries.append(
            {
                "status": status,
                "label": "continuing",
                "a": _brief(stories_a[i]),
                "b": _brief(stories_b[j]),
                **changes,
            }
        )
    entries += [
        {"status": "new", "label": "new", "a": None, "b": _brief(s)}
        for j, s in enumerate(stories_b)
        if j not in matched_b
    ]
    entries += [
        {"status": "dropped", "label": "dropped", "a": _brief(s), "b": None}
        for i, s in enumerate(stories_a)
        if i not in matched_a
    ]
    counts = {
        k: sum(1 for e in entries if e["status"] == k) for k in ("new", "dropped", "changed", "unchanged")
    }
    return {
        "schema": "summarizer.compare/1",
        "a": {
            "ref": a.ref,
            "run_id": a.run_id,
            "generated_at": a.briefing.generated_at,
            "day": a.briefing.day,
        },
        "b": {
            "ref": b.ref,
            "run_id": b.run_id,
            "generated_at": b.briefing.generated_at,
            "day": b.briefing.day,
        },
        "overview": counts,
        "how_made": how_made(a, b),
        "stories": entries,
    }


def _brief(story: StorySummary) -> dict[str, Any]:
    return {
        "id": story.id,
        "title": story.title,
        "summary": story.summary,
        "articles": [x.id for x in story.articles],
    }


def by_news_day(runs: Sequence[Run]) -> list[Run]:
    """Runs in the order of the days their news is from, then of running."""
    return sorted(runs, key=lambda run: (run.briefing.day, run.briefing.generated_at, run.run_id))


def timeline(
    runs: Sequence[Run], embed: Callable[[list[str]], np.ndarray] | None = None
) -> list[dict[str, Any]]:
    """Stories that continue across `runs` (in the order given; `by_news_day` sorts them): per
    story, the dated sequence of its summaries and the key facts each run newly reported. A
    story's lineage id is its id in the first run it appeared in."""
    chains: dict[tuple[int, int], str] = {}  # (run index, story index) -> lineage id
    lines: dict[str, list[dict[str, Any]]] = {}
    for r, run in enumerate(runs):
        stories = run.briefing.stories
        links = (
            dict((j, i) for i, j in match_stories(runs[r - 1].briefing.stories, stories, embed)) if r else {}
        )
        for j, story in enumerate(stories):
            lineage = chains.get((r - 1, links[j])) if j in links else None
            lineage = lineage or story.id
            chains[(r, j)] = lineage
            previous = runs[r - 1].briefing.stories[links[j]].to_dict() if j in links else None
            previous_facts = set(_items(previous, "key_facts")) if previous else set()
            new_facts = [
                f["text"] for k, f in _items(story.to_dict(), "key_facts").items() if k not in previous_facts
            ]
            lines.setdefault(lineage, []).append(
                {
                    "run_id": run.run_id,
                    "generated_at": run.briefing.generated_at,
                    "day": run.briefing.day,
                    "title": story.title,
                    "summary": story.summary,
                    "new_facts": new_facts,
                }
            )
    return [{"lineage": k, "entries": v} for k, v in lines.items() if len(v) > 1]
