"""Run folders: `outputs/<run-id>/` with the briefing in each format and `manifest.json`.

A run folder is built under a temporary name and renamed into place, so a reader never sees a
half-written run; single files are written to a temporary file and renamed (atomic writes).
Finished runs are listed, resolved from a reference (`latest`, `previous`, an id, a folder) and
read back as typed `Briefing`s here.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from summarizer.errors import SummarizerError
from summarizer.models import Briefing
from summarizer.render import render

BRIEFING_FILES = {"md": "briefing.md", "html": "briefing.html", "json": "briefing.json"}


def new_run_id(now: datetime, seed: str) -> str:
    """Sortable: UTC time, then a short hash of what the run was made from and of a random
    token, so that two runs started in the same second (of the same inputs) differ."""
    token = secrets.token_hex(8)
    digest = hashlib.sha256(f"{now.isoformat()}|{seed}|{token}".encode()).hexdigest()[:6]
    return f"{now.astimezone(timezone.utc):%Y%m%dT%H%M%SZ}-{digest}"


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` via a temporary file in the same folder and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def dump_json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def write_run(
    out_dir: Path,
    run_id: str,
    briefing: Mapping[str, Any],
    manifest: Mapping[str, Any],
    formats: tuple[str, ...],
    extra: Mapping[str, str] | None = None,
) -> Path:
    """Write the run folder `out_dir/run_id` whole, or not at all; returns its path.

    `briefing.json` and `manifest.json` are always written (they are the run's record, read by
    later commands); `formats` chooses which of the rendered views are written besides, and
    `extra` maps more files (paths inside the folder) to their text. A
    failure to write (a full disk, a read-only folder, a run folder of that id already there)
    raises `RunWriteError` and leaves nothing behind.
    """
    final = out_dir / run_id
    staging: Path | None = None
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{run_id}.", dir=out_dir))
        write_atomic(staging / BRIEFING_FILES["json"], dump_json(briefing))
        for fmt in formats:
            if fmt != "json":
                write_atomic(staging / BRIEFING_FILES[fmt], render(dict(briefing), fmt))
        write_atomic(staging / "manifest.json", dump_json(manifest))
        for name, text in (extra or {}).items():
            write_atomic(staging / name, text)
        if final.exists():  # never replace a finished run
            raise FileExistsError(errno.EEXIST, "a run folder of this id exists", str(final))
        staging.rename(final)
    except OSError as exc:
        raise RunWriteError(f"{final}: cannot write the run folder: {exc.strerror or exc}") from None
    finally:
        if staging is not None and staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return final


class RunWriteError(SummarizerError):
    """The run folder could not be written; nothing of it was left behind."""


# --- finished runs -------------------------------------------------------------------------


class RunNotFound(SummarizerError):
    """A run reference names no usable run."""


@dataclass(frozen=True, slots=True)
class Run:
    """A finished run: its briefing and, when present, its manifest."""

    ref: str
    folder: Path | None
    briefing: Briefing
    manifest: dict[str, Any]

    @property
    def run_id(self) -> str:
        return self.briefing.run_id


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
    briefing = read_briefing(path)
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


def read_briefing(path: Path) -> Briefing:
    """The briefing a `briefing.json` holds, of this schema or an earlier one it reads."""
    try:
        return Briefing.from_dict(_read_json(path))
    except ValueError as exc:
        raise RunNotFound(f"{path}: {exc}") from None


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
                "time": run.briefing.generated_at,
                "day": run.briefing.day,
                "inputs": len(manifest.get("inputs", [])),
                "model": run.briefing.model.name,
                "prompts": [f"{p['name']}@{p['sha256'][:8]}" for p in manifest.get("prompts", [])],
                "stories": len(run.briefing.stories),
                "sent": any(d.get("status") == "sent" for d in manifest.get("deliveries", [])),
            }
        )
    return rows
