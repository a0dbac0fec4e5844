"""The briefing content of a day with a deterministic stand-in model: to show that a change of
code leaves behaviour unchanged (run before and after, then diff the two files).

    python benchmarks/snapshot.py examples/ --out /tmp/before.json
    python benchmarks/snapshot.py ../shared/dev/neus/val --clusters 40 --out /tmp/before.json
    diff <(python -m json.tool /tmp/before.json) <(python -m json.tool /tmp/after.json)

The stand-in is not a model and says nothing of summary quality: it answers every prompt with a
headline of the first source sentence's first words and a summary of the first two source
sentences, and for every third story (by a hash of its input) adds a sentence naming a person no
source names, so the guard's retry and repair paths run too. Everything else (grouping, ranking,
guard, quotes, sides, facts, discrepancies) is the real pipeline. The file holds what a reader
sees, per story, in a shape independent of the briefing schema's version; run ids and times are
left out.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from summarizer import brief, load_config
from summarizer.abstractive import GenerationSettings
from summarizer.models import ModelInfo

INVENTED = "Zorbel Quaxley said the plan had been approved."


class EchoBackend:
    """Deterministic replies built from the prompt's source sentences."""

    def info(self) -> ModelInfo:
        return ModelInfo("echo", "echo", "0" * 64)

    def generate(self, system: str, user: str, settings: GenerationSettings) -> str:
        sentences = [line[2:].strip() for line in user.splitlines() if line.startswith("- ")]
        first = sentences[0] if sentences else "Nothing to report."
        summary = " ".join(sentences[:2])
        if int(hashlib.sha256(first.encode()).hexdigest(), 16) % 3 == 0:
            summary += " " + INVENTED
        return f"HEADLINE: {' '.join(first.split()[:8])}\nSUMMARY: {summary}"


def neus_day(folder: Path, clusters: int, tmp: Path) -> Path:
    articles = [json.loads(line) for line in (folder / "articles.jsonl").open(encoding="utf-8")]
    keep = sorted({a["cluster"] for a in articles})[:clusters]
    day = tmp / "day.jsonl"
    day.write_text("".join(json.dumps(a) + "\n" for a in articles if a["cluster"] in keep), encoding="utf-8")
    return day


def content(briefing: dict[str, Any]) -> list[dict[str, Any]]:
    """What a reader sees per story, independent of the schema's version."""
    out = []
    for story in briefing["stories"]:
        quotes = story.get("quotes", [])
        quote_text = {q.get("id", n): q["text"] for n, q in enumerate(quotes)}
        out.append(
            {
                "title": story["title"],
                "summary": story["summary"],
                "method": story["summary_method"],
                "guard": story.get("guard"),
                "articles": [[a["id"], a.get("source"), a.get("quality")] for a in story["articles"]],
                "facts": [[f["text"], f["sources"], f["outlets"]] for f in story["key_facts"]],
                "quotes": [
                    [
                        q["text"],
                        q.get("speaker"),
                        q.get("speaker_mention"),
                        q.get("speaker_role"),
                        q.get("addressee"),
                        q.get("side"),
                        q["sources"],
                        [[v["text"], v["source"]] for v in q.get("variants", [])],
                    ]
                    for q in quotes
                ],
                "sides": [
                    [
                        side["name"],
                        side["actors"],
                        [
                            [p["text"], p["actor"], p["sources"], [quote_text[k] for k in p["quotes"]]]
                            for p in side["positions"]
                        ],
                    ]
                    for side in story.get("sides", [])
                ],
                "common_ground": [
                    [
                        g["text"],
                        g["sources"],
                        g["sides"],
                        [[s["side"], s["text"], s["sources"]] for s in g.get("statements", [])],
                    ]
                    for g in story.get("common_ground", [])
                ],
                "discrepancies": [
                    [d["about"], [[v["text"], v["value"], v["sources"]] for v in d["versions"]]]
                    for d in story.get("discrepancies", [])
                ],
            }
        )
    return out


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", type=Path, help="a folder of articles, or a NeuS split folder")
    parser.add_argument("--clusters", type=int, default=0, help="NeuS split: the first N stories")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        inputs = [neus_day(args.input, args.clusters, Path(tmp))] if args.clusters else [args.input]
        config = load_config(overrides={"output": {"dir": str(Path(tmp) / "runs")}})
        result = brief(inputs, config, backend=EchoBackend(), write=False)
    data = content(result.briefing.to_dict())
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{len(data)} stories -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
