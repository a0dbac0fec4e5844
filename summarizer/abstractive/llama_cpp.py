"""The llama-cpp backend: GGUF models through llama-cpp-python, on the CPU.

`model` is a packaged model name (see `summarizer models`), a path to a .gguf file, or
`REPO_ID:FILENAME` of a GGUF on a Hugging Face hub (needs the hub to be reachable).
"""

from __future__ import annotations

import contextlib
import importlib.util
import logging
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from summarizer.abstractive import GenerationSettings, backend
from summarizer.abstractive.modelfiles import PACKAGED_MODELS, ensure_model_file, file_sha256
from summarizer.config import AbstractiveConfig
from summarizer.errors import GenerationError, GenerationTimeout, ModelLoadError
from summarizer.limits import Deadline
from summarizer.models import ModelInfo

log = logging.getLogger(__name__)
PROMPT_BATCH = 128


@contextlib.contextmanager
def _native_stderr_quiet() -> Iterator[None]:
    """llama.cpp prints load notes straight to file descriptor 2; hide them unless debugging."""
    if log.isEnabledFor(logging.DEBUG):
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with Path(os.devnull).open("w") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _available() -> str | None:
    return None if importlib.util.find_spec("llama_cpp") else "llama-cpp-python is not installed"


class LlamaCppBackend:
    def __init__(self, config: AbstractiveConfig, progress: Callable[[str], None]) -> None:
        if _available():
            raise ModelLoadError(
                "backend llama-cpp: llama-cpp-python is not installed (pip install llama-cpp-python)"
            )
        from llama_cpp import Llama

        threads = config.threads or os.cpu_count() or 1
        options: dict[str, Any] = {
            "n_ctx": config.context_tokens,
            "n_threads": threads,
            "n_threads_batch": threads,
            # Prompts are evaluated 128 tokens per call (about 1 s on 2 cores): as fast as 512
            # here, with the same output, and a signal is handled between calls.
            "n_batch": PROMPT_BATCH,
            "seed": config.seed,
            "verbose": False,
        }
        packaged = PACKAGED_MODELS.get(config.model)
        try:
            if packaged is not None:
                path = ensure_model_file(packaged, progress)
                with _native_stderr_quiet():
                    self._llm = Llama(model_path=str(path), **options)
                self._info = ModelInfo("llama-cpp", packaged.name, packaged.sha256)
            elif Path(config.model).is_file():
                path = Path(config.model)
                with _native_stderr_quiet():
                    self._llm = Llama(model_path=str(path), **options)
                self._info = ModelInfo("llama-cpp", str(path), file_sha256(path))
            elif ":" in config.model and config.model.lower().endswith(".gguf"):
                repo_id, filename = config.model.split(":", 1)
                self._llm = Llama.from_pretrained(repo_id=repo_id, filename=filename, **options)
                self._info = ModelInfo("llama-cpp", config.model, file_sha256(Path(self._llm.model_path)))
            else:
                known = ", ".join(PACKAGED_MODELS)
                raise ModelLoadError(
                    f"backend llama-cpp: {config.model!r} is neither a packaged model ({known}), "
                    "a .gguf file, nor REPO_ID:FILENAME.gguf"
                )
        except ModelLoadError:
            raise
        except Exception as exc:  # llama.cpp reports load failures as ValueError/RuntimeError
            raise ModelLoadError(f"backend llama-cpp: cannot load {config.model!r}: {exc}") from exc
        self._format = _chat_formatter(self._llm)
        self._prefixes: dict[tuple[str, str], list[int]] = {}
        self._evaluated: list[int] = []  # the prefix whose computation the context holds

    def info(self) -> ModelInfo:
        return self._info

    def count_tokens(self, text: str) -> int:
        return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def generate(self, system: str, user: str, settings: GenerationSettings) -> str:
        options: dict[str, Any] = {}
        if settings.deadline.at:
            options["logits_processor"] = [self._end_at(settings.deadline)]
        try:
            self._start_from_prefix(system, user)
            result = self._llm.create_chat_completion(
                messages=[{"role": "system", "content": system}, {"role": "user", "content": user}],
                max_tokens=settings.max_new_tokens,
                temperature=settings.temperature,
                top_p=settings.top_p,
                top_k=1 if settings.temperature <= 0 else 40,
                seed=settings.seed,
                **options,
            )
        except Exception as exc:  # a failed decode must not lose the run
            raise GenerationError(f"llama-cpp generation failed: {exc}") from exc
        finally:
            self._check_prefix_kept()
        if settings.deadline.passed:
            raise GenerationTimeout("generation ran past the story's time limit")
        return str(result["choices"][0]["message"]["content"] or "").strip()  # type: ignore[index]

    def _start_from_prefix(self, system: str, user: str) -> None:
        """Leave the context holding only the prompt's opening, computed on its own from
        position 0: the chat up to the user's message, and the user's message up to its last
        blank line (the instructions; the story's material follows it). Every prompt is then
        evaluated from a point that depends on it alone. llama-cpp-python would reuse the
        longest prefix shared with the previous prompt, and where a prompt's evaluation starts
        changes how its tokens are batched and so, now and then, a greedy answer: the same story
        would read differently after another story, or on another worker."""
        if self._format is None:
            # No template to find the opening by: every prompt is evaluated whole.
            self._llm.reset()  # type: ignore[no-untyped-call]
            return
        instructions = user[: user.rfind("\n\n") + 2] if "\n\n" in user else ""
        prefix = self._prefixes.get((system, instructions))
        if prefix is None:
            prefix = self._prefixes[(system, instructions)] = self._opening(system, instructions)
        if self._evaluated != prefix:
            self._llm.reset()  # type: ignore[no-untyped-call]
            self._llm.eval(prefix)
            self._evaluated = prefix
        self._llm.n_tokens = len(prefix)

    def _check_prefix_kept(self) -> None:
        """Forget the opening when the last prompt did not start with it (its evaluation then
        wrote over the opening's cells)."""
        held = list(self._llm._input_ids[: len(self._evaluated)])
        if held != self._evaluated:
            self._evaluated = []

    def _opening(self, system: str, instructions: str) -> list[int]:
        """The tokens every chat starts with whose system message is `system` and whose user
        message starts with `instructions`."""
        assert self._format is not None
        one, other = (
            self._llm.tokenize(
                self._format(
                    messages=[
                        {"role": "system", "content": system},
                        {"role": "user", "content": instructions + u},
                    ]
                ).prompt.encode("utf-8"),
                add_bos=True,
                special=True,
            )
            for u in ("A", "Z")
        )
        common = 0
        while common < min(len(one), len(other)) and one[common] == other[common]:
            common += 1
        return one[:common]

    def _end_at(self, deadline: Deadline) -> Callable[[Any, Any], Any]:
        """A logits processor that leaves the scores alone until `deadline`, then makes the
        end-of-text token the only choice, so decoding stops at the next token."""
        eos = self._llm.token_eos()

        def process(_tokens: Any, scores: Any) -> Any:
            if deadline.passed:
                scores[:] = -float("inf")
                scores[eos] = 0.0
            return scores

        return process


def _chat_formatter(llm: Any) -> Any:
    """The formatter llama-cpp-python builds from the model's own chat template, or None."""
    template = llm.metadata.get("tokenizer.chat_template")
    if not template or llm.chat_handler is not None or llm.chat_format != "chat_template.default":
        return None
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    def token(n: int) -> str:
        return str(llm._model.token_get_text(n)) if n != -1 else ""  # as Llama builds its own

    return Jinja2ChatFormatter(
        template=template,
        eos_token=token(llm.token_eos()),
        bos_token=token(llm.token_bos()),
        stop_token_ids=[llm.token_eos()],
    )


def _identity(config: AbstractiveConfig) -> ModelInfo | None:
    packaged = PACKAGED_MODELS.get(config.model)
    return ModelInfo("llama-cpp", packaged.name, packaged.sha256) if packaged else None


@backend("llama-cpp", "GGUF models with llama.cpp (llama-cpp-python), CPU", _available, _identity)
def _create(config: AbstractiveConfig, progress: Callable[[str], None]) -> LlamaCppBackend:
    return LlamaCppBackend(config, progress)
