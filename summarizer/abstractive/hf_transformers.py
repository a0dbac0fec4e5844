"""The transformers backend: any Hugging Face seq2seq or causal language model, by local path or
hub id. Offline, a hub id works when the model is already in the local Hugging Face cache."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from pathlib import Path
from typing import Any

from summarizer.abstractive import GenerationSettings, backend
from summarizer.config import AbstractiveConfig
from summarizer.errors import GenerationError, GenerationTimeout, ModelLoadError
from summarizer.models import ModelInfo


def _available() -> str | None:
    missing = [m for m in ("transformers", "torch") if importlib.util.find_spec(m) is None]
    return f"not installed: {', '.join(missing)}" if missing else None


class TransformersBackend:
    def __init__(self, config: AbstractiveConfig, progress: Callable[[str], None]) -> None:
        if reason := _available():
            raise ModelLoadError(f"backend transformers: {reason}")
        import torch
        from transformers import AutoConfig, AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

        self._torch = torch
        name = config.model
        progress(f"loading {name} with transformers")
        try:
            model_config = AutoConfig.from_pretrained(name)
            self.tokenizer = AutoTokenizer.from_pretrained(name)
            self.seq2seq = bool(getattr(model_config, "is_encoder_decoder", False))
            auto = AutoModelForSeq2SeqLM if self.seq2seq else AutoModelForCausalLM
            self.model = auto.from_pretrained(name)
        except Exception as exc:  # hub unreachable, bad path, unsupported architecture
            raise ModelLoadError(f"backend transformers: cannot load {name!r}: {exc}") from exc
        self.model.eval()
        if config.threads:
            torch.set_num_threads(config.threads)
        self.max_input = int(getattr(model_config, "max_position_embeddings", 0) or config.context_tokens)
        revision = getattr(model_config, "_commit_hash", None) or ""
        self._info = ModelInfo("transformers", str(Path(name)) if Path(name).exists() else name, revision)

    def info(self) -> ModelInfo:
        return self._info

    def _encode(self, system: str, user: str) -> Any:
        if not self.seq2seq and getattr(self.tokenizer, "chat_template", None):
            messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
            text = self.tokenizer.apply_chat_template(messages, tokenize=False, add_generation_prompt=True)
        else:
            text = f"{system}\n\n{user}\n\n"
        return self.tokenizer(text, return_tensors="pt", truncation=True, max_length=self.max_input)

    def count_tokens(self, text: str) -> int:
        return len(self.tokenizer(text)["input_ids"])

    def generate(self, system: str, user: str, settings: GenerationSettings) -> str:
        torch = self._torch
        inputs = self._encode(system, user)
        sample = settings.temperature > 0
        options: dict[str, Any] = {"max_new_tokens": settings.max_new_tokens, "do_sample": sample}
        if sample:
            torch.manual_seed(settings.seed)
            options.update(temperature=settings.temperature, top_p=settings.top_p)
        remaining = settings.deadline.remaining()
        if remaining is not None:
            options["max_time"] = remaining
        pad = self.tokenizer.pad_token_id
        options["pad_token_id"] = pad if pad is not None else self.tokenizer.eos_token_id
        try:
            with torch.no_grad():
                output = self.model.generate(**inputs, **options)
        except Exception as exc:  # a failed decode must not lose the run
            raise GenerationError(f"transformers generation failed: {exc}") from exc
        if settings.deadline.passed:
            raise GenerationTimeout("generation ran past the story's time limit")
        tokens = output[0] if self.seq2seq else output[0][inputs["input_ids"].shape[1] :]
        return str(self.tokenizer.decode(tokens, skip_special_tokens=True)).strip()


@backend(
    "transformers", "Hugging Face seq2seq or causal LMs by local path or hub id (torch, CPU)", _available
)
def _create(config: AbstractiveConfig, progress: Callable[[str], None]) -> TransformersBackend:
    return TransformersBackend(config, progress)
