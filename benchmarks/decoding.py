"""What decoding several stories at once, or prompt-lookup decoding, would buy on this machine.

    python benchmarks/decoding.py --steps                  # llama_decode cost per step
    python benchmarks/decoding.py --stories 8 --batch 4     # real prompts: one at a time vs batched

`--steps`: seconds per llama_decode call of n sequences with one new token each (what a batch
of n stories costs per generated token) and of one sequence with n tokens (prompt evaluation,
and what prompt-lookup decoding verifies per step), after a 300-token prompt per sequence.

`--stories N`: the prompts the pipeline sends for the first N NeuS val stories (recorded with a
stand-in model), answered by the default model (greedy) one at a time through llama-cpp-python's
chat API (`create_chat_completion`, with its prefix reuse), then by a batched greedy decoder
(`--batch K` sequences in one llama.cpp context, one token per sequence per step, each
sequence's prompt prefix reused as llama-cpp-python does), then with llama-cpp-python's
prompt-lookup decoding (`--lookup K` tokens drafted from the prompt). Reports wall time,
tokens/s and how many answers are identical to the one-at-a-time ones. The batched decoder here
is a measuring tool, not the pipeline's path.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from quality import load_split

from summarizer import brief, load_config
from summarizer.abstractive.modelfiles import PACKAGED_MODELS, ensure_model_file
from summarizer.models import ModelInfo

VAL = Path(__file__).resolve().parent.parent.parent / "shared" / "dev" / "neus" / "val"


def _llama(**options: Any) -> Any:
    from llama_cpp import Llama

    config = load_config().abstractive
    path = ensure_model_file(PACKAGED_MODELS[config.model], lambda _: None)
    return Llama(
        model_path=str(path), n_threads=2, n_threads_batch=2, n_batch=128, seed=0, verbose=False, **options
    )


def _context(llm: Any, sequences: int, per_sequence: int) -> Any:
    from llama_cpp import llama_cpp as C
    from llama_cpp._internals import LlamaContext

    params = C.llama_context_default_params()
    params.n_ctx = per_sequence * sequences
    params.n_batch = params.n_ubatch = 128
    params.n_seq_max = sequences
    params.n_threads = params.n_threads_batch = 2
    params.kv_unified = False  # each sequence attends to its own cells only, as when alone
    return LlamaContext(model=llm._model, params=params, verbose=False)


def _fill(
    batch: Any, tokens: list[int], positions: list[int], sequences: list[int], logits: list[bool]
) -> None:
    batch.n_tokens = len(tokens)
    for j, (token, pos, seq, wanted) in enumerate(zip(tokens, positions, sequences, logits, strict=True)):
        batch.token[j], batch.pos[j], batch.n_seq_id[j], batch.logits[j] = token, pos, 1, wanted
        batch.seq_id[j][0] = seq


def steps() -> None:
    from llama_cpp import llama_cpp as C
    from llama_cpp._internals import LlamaBatch

    llm = _llama(n_ctx=512)
    ctx = _context(llm, 8, 1024)
    batch = LlamaBatch(n_tokens=128, embd=0, n_seq_max=1, verbose=False)
    for seq in range(8):
        for start in range(0, 300, 100):
            _fill(
                batch.batch,
                [1000 + j for j in range(100)],
                [start + j for j in range(100)],
                [seq] * 100,
                [j == 99 for j in range(100)],
            )
            C.llama_decode(ctx.ctx, batch.batch)
    pos = [300] * 8

    def timed(n: int, sequences: list[int], repeat: int) -> float:
        started = time.monotonic()
        for _ in range(repeat):
            positions = [pos[s] + (j if len(set(sequences)) == 1 else 0) for j, s in enumerate(sequences)]
            _fill(batch.batch, [500] * n, positions, sequences, [True] * n)
            C.llama_decode(ctx.ctx, batch.batch)
            for s in set(sequences):
                pos[s] += sequences.count(s)
        return (time.monotonic() - started) / repeat

    for n in (1, 2, 4, 8):
        seconds = timed(n, list(range(n)), 20)
        print(f"{n} sequences x 1 token: {seconds * 1000:.1f} ms a step, {n / seconds:.1f} tokens/s")
    for n in (4, 16, 64):
        seconds = timed(n, [0] * n, 5)
        print(f"1 sequence x {n} tokens: {seconds * 1000:.1f} ms a step, {n / seconds:.1f} tokens/s")


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def info(self) -> ModelInfo:
        return ModelInfo("recorder", "recorder", "0" * 64)

    def generate(self, system: str, user: str, settings: object) -> str:
        self.calls.append((system, user))
        sentences = [line[2:].strip() for line in user.splitlines() if line.startswith("- ")]
        return f"HEADLINE: {sentences[0]}\nSUMMARY: {' '.join(sentences[:2])}"


def _prompts(stories: int) -> list[tuple[str, str]]:
    articles, _, _ = load_split(VAL, stories)
    recorder = _Recorder()
    with tempfile.TemporaryDirectory() as tmp:
        day = Path(tmp) / "day.jsonl"
        day.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        brief([day], load_config(overrides={"output": {"dir": tmp}}), backend=recorder, write=False)
    return recorder.calls


def _chat(system: str, user: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def _batched(
    llm: Any, prompts: list[list[int]], width: int, max_new: int
) -> tuple[list[list[int]], dict[str, float]]:
    """Greedy answers to `prompts`, `width` sequences decoded together."""
    from llama_cpp import llama_cpp as C
    from llama_cpp._internals import LlamaBatch

    ctx = _context(llm, width, 4096)
    vocab = C.llama_model_get_vocab(llm._model.model)
    n_vocab = C.llama_vocab_n_tokens(vocab)
    batch = LlamaBatch(n_tokens=128, embd=0, n_seq_max=1, verbose=False)
    seen: list[list[int]] = [[] for _ in range(width)]  # the tokens each sequence's cells hold
    queue = list(enumerate(prompts))
    answers: dict[int, list[int]] = {}
    active: dict[int, tuple[int, int]] = {}  # sequence -> (prompt index, next token)
    counts = {"prompt_s": 0.0, "prompt_tokens": 0.0, "decode_s": 0.0, "decoded": 0.0}

    def best(i: int) -> int:
        return int(np.argmax(np.ctypeslib.as_array(C.llama_get_logits_ith(ctx.ctx, i), shape=(n_vocab,))))

    while queue or active:
        for seq in range(width):
            if seq in active or not queue:
                continue
            index, tokens = queue.pop(0)
            common = 0
            for a, b in zip(seen[seq], tokens[:-1], strict=False):
                if a != b:
                    break
                common += 1
            C.llama_memory_seq_rm(ctx.memory, seq, common, -1)
            started = time.monotonic()
            rest = tokens[common:]
            for at in range(0, len(rest), 128):
                chunk = rest[at : at + 128]
                _fill(
                    batch.batch,
                    chunk,
                    [common + at + j for j in range(len(chunk))],
                    [seq] * len(chunk),
                    [j == len(chunk) - 1 for j in range(len(chunk))],
                )
                C.llama_decode(ctx.ctx, batch.batch)
            counts["prompt_s"] += time.monotonic() - started
            counts["prompt_tokens"] += len(rest)
            seen[seq] = list(tokens)
            answers[index] = []
            active[seq] = (index, best(len(chunk) - 1))
        for seq, (index, token) in list(active.items()):
            if C.llama_vocab_is_eog(vocab, token) or len(answers[index]) >= max_new:
                del active[seq]
        if not active:
            continue
        items = list(active.items())
        _fill(
            batch.batch,
            [t for _, (_, t) in items],
            [len(seen[s]) for s, _ in items],
            [s for s, _ in items],
            [True] * len(items),
        )
        for seq, (index, token) in items:
            seen[seq].append(token)
            answers[index].append(token)
        started = time.monotonic()
        C.llama_decode(ctx.ctx, batch.batch)
        counts["decode_s"] += time.monotonic() - started
        counts["decoded"] += len(items)
        for j, (seq, (index, _)) in enumerate(items):
            active[seq] = (index, best(j))
    ctx.close()
    return [answers[i] for i in range(len(prompts))], counts


def stories(count: int, width: int, lookup: int) -> None:
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter
    from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

    calls = _prompts(count)
    settings = load_config().abstractive
    max_new = settings.max_new_tokens
    llm = _llama(n_ctx=settings.context_tokens)
    formatter = Jinja2ChatFormatter(
        template=llm.metadata["tokenizer.chat_template"],
        eos_token=llm.detokenize([llm.token_eos()]).decode(),
        bos_token=llm.detokenize([llm.token_bos()]).decode(),
        stop_token_ids=[llm.token_eos()],
    )
    prompts = [
        llm.tokenize(formatter(messages=_chat(*c)).prompt.encode(), add_bos=True, special=True) for c in calls
    ]

    def one_at_a_time(model: Any) -> tuple[list[str], float, int]:
        started, generated, texts = time.monotonic(), 0, []
        for system, user in calls:
            reply = model.create_chat_completion(
                messages=_chat(system, user), max_tokens=max_new, temperature=0.0, top_p=1.0, top_k=1, seed=0
            )
            texts.append(reply["choices"][0]["message"]["content"].strip())
            generated += reply["usage"]["completion_tokens"]
        return texts, time.monotonic() - started, generated

    reference, seconds, generated = one_at_a_time(llm)
    print(f"{len(calls)} prompts, {sum(map(len, prompts))} prompt tokens")
    print(f"one at a time: {seconds:.1f} s, {generated} tokens generated")
    answers, counts = _batched(llm, prompts, width, max_new)
    texts = [llm.detokenize(a).decode("utf-8", "ignore").strip() for a in answers]
    same = sum(a == b for a, b in zip(reference, texts, strict=True))
    print(
        f"batched {width}: {counts['prompt_s'] + counts['decode_s']:.1f} s in llama_decode, "
        f"prompt {counts['prompt_tokens'] / counts['prompt_s']:.1f} tokens/s, "
        f"decoding {counts['decoded'] / counts['decode_s']:.1f} tokens/s, "
        f"{same}/{len(texts)} answers identical"
    )
    del llm
    if lookup:
        drafted = _llama(
            n_ctx=settings.context_tokens,
            logits_all=True,
            draft_model=LlamaPromptLookupDecoding(num_pred_tokens=lookup),
        )
        texts, seconds, generated = one_at_a_time(drafted)
        same = sum(a == b for a, b in zip(reference, texts, strict=True))
        print(
            f"prompt lookup {lookup}: {seconds:.1f} s, {generated} tokens, "
            f"{same}/{len(texts)} answers identical"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", action="store_true", help="time llama_decode per step")
    parser.add_argument("--stories", type=int, default=0, help="real prompts of the first N val stories")
    parser.add_argument("--batch", type=int, default=4, help="sequences decoded together")
    parser.add_argument("--lookup", type=int, default=2, help="prompt-lookup draft tokens (0: skip)")
    args = parser.parse_args()
    if args.steps:
        steps()
    if args.stories:
        stories(args.stories, args.batch, args.lookup)
    if not (args.steps or args.stories):
        parser.print_help(sys.stderr)


if __name__ == "__main__":
    main()
