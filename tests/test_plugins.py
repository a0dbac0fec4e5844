"""Extensions are found through entry points, the way an installed package declares them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.abstractive import BACKENDS
from summarizer.cli import app

PLUGIN = """
from summarizer.abstractive import backend


@backend("echo-plugin", "a test extension", lambda: None)
def make(config, progress):
    raise NotImplementedError
"""


def _install(site: Path, body: str) -> None:
    """A distribution on `site` as pip would leave it: the module and its dist-info."""
    (site / "echo_plugin.py").write_text(body, encoding="utf-8")
    info = site / "echo_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: echo-plugin\nVersion: 0.1\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        "[summarizer.backends]\necho-plugin = echo_plugin\n", encoding="utf-8"
    )


def test_an_installed_backend_is_listed_by_models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install(tmp_path, PLUGIN)
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "echo_plugin", raising=False)
    monkeypatch.setattr("summarizer.abstractive.BACKENDS", dict(BACKENDS))
    result = CliRunner().invoke(app, ["models"])
    assert result.exit_code == 0, result.output
    assert "echo-plugin" in result.output and "a test extension" in result.output
    assert "llama-cpp" in result.output, "the built-ins come through the same group"


def test_a_broken_extension_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _install(tmp_path, "raise ImportError('missing dependency')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "echo_plugin", raising=False)
    result = CliRunner().invoke(app, ["models"])
    assert result.exit_code == 0 and "llama-cpp" in result.output
