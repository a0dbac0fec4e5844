"""Ours against the naive way on one day: the same model summarizing each story's full texts.

    python benchmarks/naive.py                 # the bundled example day
    python benchmarks/naive.py DAY_FOLDER

Both ways use the default model, the same prompt and the same grouping. Ours: rank the story's
sentences across outlets and give the model the best ~450 words (`summarizer.brief`, timed per
stage). Naive: give the model every cleaned article of the story in full, concatenated (the
context is widened to hold them). Reported: the time spent writing summaries each way, each
whole run, and their ratios; the naive prompt's size in tokens; whether the naive summaries pass
the faithfulness guard.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("day", nargs="?", type=Path, default=REPO / "examples")
    args = parser.parse_args(argv)

    from summarizer import brief, load_config
    from summarizer.abstractive import GenerationSettings, count_tokens, create_backend
    from summarizer.abstractive.writer import parse_draft
    from summarizer.embeddings import Embedder
    from summarizer.faithfulness import SourceIndex, check
    from summarizer.group import group_stories
    from summarizer.pipeline import Timings, prepare
    from summarizer.prompts import load_prompt

    with tempfile.TemporaryDirectory() as tmp:
        config = load_config(overrides={"output": {"dir": tmp}})
        start = time.perf_counter()
        result = brief([args.day], config)
        ours_wall = time.perf_counter() - start
    stages = result.manifest["timings"]
    ours_writing = stages.get("rank", 0.0) + stages.get("abstract", 0.0)

    prepared = prepare([args.day], config, lambda e: None, Timings())
    stories = group_stories(prepared.articles, prepared.sentences, Embedder(), config.group)
    prompt = load_prompt(config.abstractive.prompt)
    texts = [[a.text for a in story.articles] for story in stories]
    probe = create_backend(config.abstractive)
    needed = max(count_tokens(probe, "\n".join(t)) for t in texts) + 512 + config.abstractive.max_new_tokens
    del probe
    naive_config = load_config(overrides={"abstractive": {"context_tokens": max(4096, needed)}})
    start = time.perf_counter()
    backend = create_backend(naive_config.abstractive)
    load_seconds = time.perf_counter() - start
    settings = GenerationSettings.from_config(naive_config.abstractive)
    naive_writing = 0.0
    rows = []
    for story, full in zip(stories, texts, strict=True):
        system, user = prompt.render(sentences=full, outlets=len(full), words=config.abstractive.words)
        start = time.perf_counter()
        draft = parse_draft(backend.generate(system, user, settings))
        seconds = time.perf_counter() - start
        naive_writing += seconds
        index = SourceIndex.build(full + [a.title for a in story.articles])
        report = check(draft.summary, index, headline=draft.headline)
        rows.append(
            {
                "articles": len(full),
                "prompt_tokens": count_tokens(backend, f"{system}\n{user}"),
                "seconds": round(seconds, 2),
                "guard_ok": report.ok,
                "unsupported": list(report.unsupported),
            }
        )
    naive_wall = stages.get("ingest", 0) + stages.get("clean", 0) + stages.get("sentences", 0)
    naive_wall += stages.get("group", 0) + load_seconds + naive_writing
    print(
        json.dumps(
            {
                "day": str(args.day),
                "stories": len(stories),
                "ours": {
                    "writing_s": round(ours_writing, 2),
                    "wall_s": round(ours_wall, 2),
                    "stages_s": stages,
                },
                "naive": {
                    "writing_s": round(naive_writing, 2),
                    "wall_s": round(naive_wall, 2),
                    "stories": rows,
                },
                "speedup_writing": round(naive_writing / max(ours_writing, 1e-9), 2),
                "speedup_wall": round(naive_wall / max(ours_wall, 1e-9), 2),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
