"""Run folders: `outputs/<run-id>/` with the briefing in each format and `manifest.json`.

A run folder is built under a temporary name and renamed into place, so a reader never sees a
half-written run; single files are written to a temporary file and renamed (atomic writes).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from summarizer.render import render

BRIEFING_FILES = {"md": "briefing.md", "html": "briefing.html", "json": "briefing.json"}


def new_run_id(now: datetime, seed: str) -> str:
    """Sortable: UTC time, then a short hash of what the run was made from."""
    digest = hashlib.sha256(f"{now.isoformat()}|{seed}".encode()).hexdigest()[:6]
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
) -> Path:
    """Write the run folder `out_dir/run_id` whole, or not at all; returns its path.

    `briefing.json` and `manifest.json` are always written (they are the run's record, read by
    later commands); `formats` chooses which of the rendered views are written besides.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / run_id
    staging = Path(tempfile.mkdtemp(prefix=f".{run_id}.", dir=out_dir))
    try:
        write_atomic(staging / BRIEFING_FILES["json"], dump_json(briefing))
        for fmt in formats:
            if fmt != "json":
                write_atomic(staging / BRIEFING_FILES[fmt], render(dict(briefing), fmt))
        write_atomic(staging / "manifest.json", dump_json(manifest))
        os.replace(staging, final)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return final
