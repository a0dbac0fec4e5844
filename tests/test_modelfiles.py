from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from summarizer.abstractive.modelfiles import PackagedModel, ensure_model_file, is_assembled, parts_installed
from summarizer.errors import ModelLoadError


def _fake_parts(root: Path, prefix: str, chunks: list[bytes]) -> None:
    for i, chunk in enumerate(chunks, 1):
        package = root / f"{prefix}{i}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "data" / f"part{i:02d}.bin").write_bytes(chunk)


def _model(prefix: str, chunks: list[bytes], sha: str | None = None) -> PackagedModel:
    whole = b"".join(chunks)
    return PackagedModel(
        name=f"{prefix}-model",
        description="test",
        module_prefix=prefix,
        distribution_prefix=prefix.replace("_", "-"),
        version="1.0",
        parts=len(chunks),
        size=len(whole),
        sha256=sha or hashlib.sha256(whole).hexdigest(),
        licence="MIT",
        upstream="test",
    )


@pytest.fixture
def parts_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "site"
    root.mkdir()
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "cache"))
    return root


def test_parts_are_assembled_once_and_verified(parts_root: Path, tmp_path: Path) -> None:
    chunks = [b"GGUF" + b"a" * 100, b"b" * 50, b"c" * 7]
    _fake_parts(parts_root, "fakemodel_ok_part", chunks)
    model = _model("fakemodel_ok_part", chunks)
    assert parts_installed(model) and not is_assembled(model)
    messages: list[str] = []
    path = ensure_model_file(model, messages.append)
    assert path.read_bytes() == b"".join(chunks)
    assert is_assembled(model) and len(messages) == 1
    assert ensure_model_file(model, messages.append) == path and len(messages) == 1  # not again
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".")] == []


def test_a_corrupt_part_is_refused_and_leaves_nothing(parts_root: Path, tmp_path: Path) -> None:
    chunks = [b"x" * 10, b"y" * 10]
    _fake_parts(parts_root, "fakemodel_bad_part", chunks)
    model = _model("fakemodel_bad_part", chunks, sha="0" * 64)
    with pytest.raises(ModelLoadError, match="does not match"):
        ensure_model_file(model)
    assert list((tmp_path / "cache").iterdir()) == []


def test_missing_parts_name_the_packages(parts_root: Path) -> None:
    chunks = [b"x", b"y", b"z"]
    _fake_parts(parts_root, "fakemodel_gap_part", chunks[:2])
    model = _model("fakemodel_gap_part", chunks)
    with pytest.raises(ModelLoadError, match="fakemodel-gap-part3"):
        ensure_model_file(model)
