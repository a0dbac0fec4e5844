"""Compare briefings: two runs of a day (two models, two prompts) or two days.

`compare(a, b)` matches the stories of run A to those of run B (by shared articles first, then
by the meaning of title and summary), labels each new, dropped or continuing, and for a
continuing story gives the summary as a word-level diff, a ROUGE-L similarity, and the key facts,
quotes, positions and discrepancies added and removed. It also lists how the runs were made
differently (model, backend, generation settings, prompts, config, inputs).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import numpy as np

from summarizer.errors import SummarizerError
from summarizer.models import SCHEMA

MEANING_THRESHOLD = 0.6  # cosine similarity of title + summary for stories with no shared article


class RunNotFound(SummarizerError):
    """A run reference names no usable run."""


@dataclass(frozen=True, slots=True)
class Run:
    """A finished run: its briefing and, when present, its manifest."""

    ref: str
    folder: Path | None
    briefing: dict[str, Any]
    manifest: dict[str, Any]

    @property
    def run_id(self) -> str:
        return str(self.briefing.get("run_id", self.ref))


def run_folders(out_dir: Path) -> list[Path]:
    """Run folders under `out_dir`, oldest first (run ids sort by time)."""
    if not out_dir.is_dir():
        return []
    return sorted(
        p
        for p in out_dir.iterdir()
        if p.is_dir() and not p.name.startswith(".") and (p / "briefing.json").is_file()
    )


def resolve_run(ref: str, out_dir: Path) -> Path:
    """The briefing.json for `ref`: a run folder, a run id, `latest`, `previous`, or a file."""
    path = Path(ref)
    if path.is_file():
        return path
    if path.is_dir():
        return path / "briefing.json"
    folders = run_folders(out_dir)
    if ref in ("latest", "previous"):
        needed = 1 if ref == "latest" else 2
        if len(folders) < needed:
            raise RunNotFound(f"{ref}: fewer than {needed} run(s) in {out_dir}")
        return folders[-needed] / "briefing.json"
    if (out_dir / ref).is_dir():
        return out_dir / ref / "briefing.json"
    raise RunNotFound(f"{ref}: no such run folder, run id or briefing file (looked in {out_dir})")


def load_run(ref: str, out_dir: Path) -> Run:
    path = resolve_run(ref, out_dir)
    briefing = _read_json(path)
    if briefing.get("schema") != SCHEMA or not isinstance(briefing.get("stories"), list):
        raise RunNotFound(f"{path}: not a summarizer briefing (schema {briefing.get('schema')!r})")
    manifest_path = path.parent / "manifest.json"
    manifest = _read_json(manifest_path) if manifest_path.is_file() else {}
    return Run(ref, path.parent, briefing, manifest)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RunNotFound(f"{path}: missing") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RunNotFound(f"{path}: corrupt JSON ({exc})") from None
    if not isinstance(data, dict):
        raise RunNotFound(f"{path}: corrupt (expected a JSON object)")
    return data


def list_runs(out_dir: Path) -> list[dict[str, Any]]:
    """One row per run, newest first."""
    rows: list[dict[str, Any]] = []
    for folder in reversed(run_folders(out_dir)):
        try:
            run = load_run(str(folder), out_dir)
        except RunNotFound as exc:
            rows.append({"id": folder.name, "error": str(exc)})
            continue
        manifest = run.manifest
        rows.append(
            {
                "id": run.run_id,
                "time": run.briefing.get("generated_at", ""),
                "inputs": len(manifest.get("inputs", [])),
                "model": run.briefing.get("model", {}).get("name", ""),
                "prompts": [f"{p['name']}@{p['sha256'][:8]}" for p in manifest.get("prompts", [])],
                "stories": len(run.briefing["stories"]),
                "sent": any(d.get("status") == "sent" for d in manifest.get("deliveries", [])),
            }
        )
    return rows


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
    model_a, model_b = a.briefing.get("model", {}), b.briefing.get("model", {})
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
    stories_a: Sequence[dict[str, Any]],
    stories_b: Sequence[dict[str, Any]],
    embed: Callable[[list[str]], np.ndarray] | None = None,
) -> list[tuple[int, int]]:
    """Pairs (index in A, index in B): by shared articles first (most shared first), then, for
    the rest, by the meaning of title and summary when `embed` is given."""
    ids_a = [{x["id"] for x in s["articles"]} for s in stories_a]
    ids_b = [{x["id"] for x in s["articles"]} for s in stories_b]
    candidates = sorted(
        ((len(ia & ib), i, j) for i, ia in enumerate(ids_a) for j, ib in enumerate(ids_b) if ia & ib),
        reverse=True,
    )
    pairs: list[tuple[int, int]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, i, j in candidates:
        if i not in used_a and j not in used_b:
            pairs.append((i, j))
            used_a.add(i)
            used_b.add(j)
    rest_a = [i for i in range(len(stories_a)) if i not in used_a]
    rest_b = [j for j in range(len(stories_b)) if j not in used_b]
    if embed and rest_a and rest_b:
        texts = [_story_text(stories_a[i]) for i in rest_a] + [_story_text(stories_b[j]) for j in rest_b]
        vectors = embed(texts)
        similarity = vectors[: len(rest_a)] @ vectors[len(rest_a) :].T
        order = sorted(
            ((similarity[x, y], x, y) for x in range(len(rest_a)) for y in range(len(rest_b))), reverse=True
        )
        for score, x, y in order:
            if score < MEANING_THRESHOLD:
                break
            if rest_a[x] not in used_a and rest_b[y] not in used_b:
                pairs.append((rest_a[x], rest_b[y]))
                used_a.add(rest_a[x])
                used_b.add(rest_b[y])
    return sorted(pairs)


def _story_text(story: dict[str, Any]) -> str:
    return f"{story.get('title', '')}. {story.get('summary', '')}"


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


def story_changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {
        "summary_diff": word_diff(old.get("summary", ""), new.get("summary", "")),
        "similarity": rouge_l(old.get("summary", ""), new.get("summary", "")),
        "title": [old.get("title"), new.get("title")] if old.get("title") != new.get("title") else None,
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
    stories_a, stories_b = a.briefing["stories"], b.briefing["stories"]
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
        "a": {"ref": a.ref, "run_id": a.run_id, "generated_at": a.briefing.get("generated_at")},
        "b": {"ref": b.ref, "run_id": b.run_id, "generated_at": b.briefing.get("generated_at")},
        "overview": counts,
        "how_made": how_made(a, b),
        "stories": entries,
    }


def _brief(story: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": story.get("id"),
        "title": story.get("title"),
        "summary": story.get("summary"),
        "articles": [x["id"] for x in story.get("articles", [])],
    }


def timeline(
    runs: Sequence[Run], embed: Callable[[list[str]], np.ndarray] | None = None
) -> list[dict[str, Any]]:
    """Stories that continue across `runs` (oldest first): per story, the dated sequence of its
    summaries and the key facts each run newly reported. A story's lineage id is its id in the
    first run it appeared in."""
    chains: dict[tuple[int, int], str] = {}  # (run index, story index) -> lineage id
    lines: dict[str, list[dict[str, Any]]] = {}
    for r, run in enumerate(runs):
        stories = run.briefing["stories"]
        links = (
            dict((j, i) for i, j in match_stories(runs[r - 1].briefing["stories"], stories, embed))
            if r
            else {}
        )
        for j, story in enumerate(stories):
            lineage = chains.get((r - 1, links[j])) if j in links else None
            lineage = lineage or str(story.get("id"))
            chains[(r, j)] = lineage
            previous_facts = (
                set(_items(runs[r - 1].briefing["stories"][links[j]], "key_facts")) if j in links else set()
            )
            new_facts = [f["text"] for k, f in _items(story, "key_facts").items() if k not in previous_facts]
            lines.setdefault(lineage, []).append(
                {
                    "run_id": run.run_id,
                    "generated_at": run.briefing.get("generated_at"),
                    "title": story.get("title"),
                    "summary": story.get("summary"),
                    "new_facts": new_facts,
                }
            )
    return [{"lineage": k, "entries": v} for k, v in lines.items() if len(v) > 1]
