"""Time `compare` on two large runs.

    python benchmarks/compare.py outputs/<run-id>/briefing.json

Makes run B from run A (every third summary reworded, every tenth story dropped, a few new
ones), writes both as run folders in a temporary place, and times the comparison end to end in
one process (embedding model load included), as `summarizer compare` does it.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path


def main(argv: list[str]) -> None:
    source = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    stories = source["stories"]
    changed = []
    for n, story in enumerate(stories):
        if n % 10 == 9:
            continue
        story = dict(story)
        if n % 3 == 0:
            words = story["summary"].split()
            story["summary"] = " ".join([*words[: len(words) // 2], "meanwhile", *words[len(words) // 2 :]])
        changed.append(story)
    changed += [
        {
            **stories[n],
            "id": f"new-{n}",
            "articles": [{**a, "id": f"new-{a['id']}"} for a in stories[n]["articles"]],
            "title": f"Another event {n}",
            "summary": f"An unrelated event number {n} happened in a place far away.",
        }
        for n in range(0, len(stories), 25)
    ]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for name, data in (
            ("20000101T000000Z-aaaaaa", source),
            ("20000102T000000Z-bbbbbb", {**source, "stories": changed}),
        ):
            (root / name).mkdir()
            (root / name / "briefing.json").write_text(json.dumps(data), encoding="utf-8")
        start = time.perf_counter()
        from summarizer.compare import compare, load_run
        from summarizer.embeddings import Embedder
        from summarizer.render import render

        a, b = load_run("previous", root), load_run("latest", root)
        result = compare(a, b, Embedder().encode)
        render(result, "html", "comparison")
        seconds = time.perf_counter() - start
    print(
        json.dumps(
            {
                "stories_a": len(stories),
                "stories_b": len(changed),
                "overview": result["overview"],
                "seconds": round(seconds, 2),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1:])
