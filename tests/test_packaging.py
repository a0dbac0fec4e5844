"""A plain (non-editable) install must carry prompts, templates and the sentence model."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (built,) = out.glob("summarizer-*.whl")
    return built


def test_wheel_carries_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "summarizer/prompts/summary.j2",
        "summarizer/prompts/summary_strict.j2",
        "summarizer/templates/briefing.md.j2",
        "summarizer/templates/briefing.html.j2",
        "summarizer/data/punkt_english.json",
        "summarizer/defaults.toml",
    ):
        assert required in names


def test_installed_layout_reads_its_own_resources(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import summarizer.resources as r, summarizer.prompts as p, summarizer.render as t;"
        "assert r.resource_dir('prompts').is_relative_to(r.PACKAGE_DIR), r.resource_dir('prompts');"
        "p.load_prompt('summary'); t.environment(True).get_template('briefing.html.j2');"
        "from summarizer.sentences import split_text; assert len(split_text('Mr. Lee met the mayor. Then he left.')) == 2"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert completed.returncode == 0, completed.stderr
