"""Quality gate: grouping and summaries on a NeuS split, beside baselines run the same way.

    python benchmarks/quality.py ../shared/dev/neus/val                      # whole split, runs the model
    python benchmarks/quality.py ../shared/dev/neus/val --briefing outputs/<run>/briefing.json
    python benchmarks/quality.py ../shared/dev/neus/val --clusters 12 --check # the CI subset

Scores:
- grouping: pair precision / recall / F1 against the gold `cluster` labels;
- summaries: for each gold story, the summary (headline, then text) of our story holding most of
  its articles, against the editors' reference: ROUGE-1/2/Lsum F1 (rouge-score, stemming, one
  sentence a line for Lsum);
- baselines on the same grouping: the first sentence of each article (lead), three random
  sentences (seed 13), and our extractive selection without the model.

`--check` compares with the floors pinned in benchmarks/floors.json for this data (by hash) and
exits 1 when a score falls below its floor; `--update-floors` raises floors to the scores
measured less a small margin (run-to-run noise of the runtime on another CPU must not fail the
gate); lowering a floor needs `--allow-lower` as well.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
FLOORS = HERE / "floors.json"
MARGIN = {"pair_f1": 0.01, "rouge1": 1.0, "rouge2": 1.0, "rougeLsum": 1.0}


def load_split(folder: Path, clusters: int | None) -> tuple[list[dict[str, Any]], dict[str, str], str]:
    articles = [json.loads(line) for line in (folder / "articles.jsonl").open(encoding="utf-8")]
    references = {r["cluster"]: r["reference"] for r in map(json.loads, (folder / "references.jsonl").open())}
    if clusters:
        keep = sorted({a["cluster"] for a in articles})[:clusters]
        articles = [a for a in articles if a["cluster"] in keep]
        references = {k: v for k, v in references.items() if k in keep}
    digest = hashlib.sha256(json.dumps([articles, references], sort_keys=True).encode()).hexdigest()
    return articles, references, digest


def rouge(pairs: list[tuple[str, str]]) -> dict[str, float]:
    """Mean ROUGE-1/2/Lsum F1 x 100 over (reference, candidate) pairs."""
    from rouge_score import rouge_scorer

    from summarizer.sentences import split_text

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    totals = {"rouge1": 0.0, "rouge2": 0.0, "rougeLsum": 0.0}
    for reference, candidate in pairs:
        scores = scorer.score("\n".join(split_text(reference)), "\n".join(split_text(candidate)))
        for key in totals:
            totals[key] += scores[key].fmeasure
    return {key: round(100 * value / max(len(pairs), 1), 2) for key, value in totals.items()}


def best_story(cluster_ids: set[str], stories: list[dict[str, Any]]) -> dict[str, Any] | None:
    scored = [(len(cluster_ids & {a["id"] for a in s["articles"]}), n) for n, s in enumerate(stories)]
    hits, index = max(scored, default=(0, -1))
    return stories[index] if hits else None


def evaluate(
    folder: Path, clusters: int | None, briefing_path: Path | None, config_path: Path | None = None
) -> dict[str, Any]:
    from grouping import pair_scores

    from summarizer import brief, load_config
    from summarizer.embeddings import Embedder
    from summarizer.pipeline import Timings, group, prepare, rank_story, story_vectors
    from summarizer.rank import RANKERS, load_rankers

    articles, references, digest = load_split(folder, clusters)
    gold: dict[str, set[str]] = {}
    for article in articles:
        gold.setdefault(article["cluster"], set()).add(article["id"])
    config = load_config(config_path)
    with tempfile.TemporaryDirectory() as tmp:
        day = Path(tmp) / "day.jsonl"
        day.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        if briefing_path is None:
            run_config = load_config(config_path, overrides={"output": {"dir": str(Path(tmp) / "runs")}})
            briefing = brief([day], run_config).briefing.to_dict()
        else:
            briefing = json.loads(briefing_path.read_text(encoding="utf-8"))
        prepared = prepare([day], config, lambda e: None, Timings())
    embedder = Embedder()
    stories = group(prepared, embedder, config)
    load_rankers()
    ranker = RANKERS["centrality"](config.rank)
    rng = random.Random(13)
    lead, randoms, extractive = {}, {}, {}
    for story in stories:
        key = story.id
        firsts = [prepared.sentences[a.id][0].text for a in story.articles if prepared.sentences[a.id]]
        lead[key] = " ".join(firsts)
        picked = sorted(rng.sample(range(len(story.sentences)), min(3, len(story.sentences))))
        randoms[key] = " ".join(story.sentences[i].text for i in picked)
        ranked = rank_story(story, story_vectors(story, embedder), ranker, config)
        extractive[key] = " ".join(s.text for s in ranked.extractive)  # what the pipeline falls back to
    baseline_stories = [{"id": s.id, "articles": [{"id": a.id} for a in s.articles]} for s in stories]

    def summaries(candidate: dict[str, str] | None) -> list[tuple[str, str]]:
        pairs = []
        for cluster, ids in gold.items():
            if candidate is None:
                story = best_story(ids, briefing["stories"])
                text = f"{story['title']}\n{story['summary']}" if story else ""
            else:
                found = best_story(ids, baseline_stories)
                text = candidate[found["id"]] if found else ""
            pairs.append((references[cluster], text))
        return pairs

    predicted = [[a["id"] for a in s["articles"]] for s in briefing["stories"]]
    methods = [
        ("summarizer", None),
        ("lead (first sentence of each article)", lead),
        ("random (3 sentences, seed 13)", randoms),
        ("extractive (ours, no model)", extractive),
    ]
    counts = briefing.get("stories", [])
    return {
        "data_sha256": digest,
        "clusters": len(gold),
        "articles": len(articles),
        "grouping": pair_scores(predicted, [sorted(v) for v in gold.values()]),
        "summaries": {name: rouge(summaries(candidate)) for name, candidate in methods},
        "abstractive_share": round(
            sum(1 for s in counts if s.get("summary_method") == "abstractive") / max(len(counts), 1), 3
        ),
        "methods": {m: sum(1 for s in counts if s.get("summary_method") == m) for m in METHODS},
        "guard": briefing.get("guard", {}),
        "unsupported_after_guard": unsupported_sentences(briefing, {a.id: a for a in prepared.articles}),
    }


def unsupported_sentences(briefing: dict[str, Any], articles: dict[str, Any]) -> dict[str, Any]:
    """The guard run again over every sentence of every final summary and headline, against the
    story's cleaned sources: an independent count of what got through (it should be zero)."""
    from summarizer.faithfulness import SourceIndex, check
    from summarizer.sentences import split_text

    checked, failed = 0, []
    for story in briefing["stories"]:
        sources = [articles[a["id"]] for a in story["articles"] if a["id"] in articles]
        index = SourceIndex.build([a.text for a in sources] + [a.title for a in sources])
        for sentence in split_text(story["summary"]):
            checked += 1
            report = check(sentence, index)
            if not report.ok:
                failed.append({"story": story["id"], "sentence": sentence, "unsupported": report.unsupported})
        if not check("", index, headline=story["title"]).ok:
            failed.append({"story": story["id"], "headline": story["title"]})
    return {"sentences": checked, "failed": len(failed), "examples": failed[:5]}


METHODS = ("abstractive", "repaired", "extractive-fallback")


def flat_scores(result: dict[str, Any]) -> dict[str, float]:
    ours = result["summaries"]["summarizer"]
    return {
        "pair_f1": result["grouping"]["f1"],
        "rouge1": ours["rouge1"],
        "rouge2": ours["rouge2"],
        "rougeLsum": ours["rougeLsum"],
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", type=Path)
    parser.add_argument("--clusters", type=int, help="only the first N gold stories (sorted by id)")
    parser.add_argument("--briefing", type=Path, help="score this run's briefing.json instead of running")
    parser.add_argument("--config", type=Path, help="a summarizer config file (to try other settings)")
    parser.add_argument("--check", action="store_true", help="fail when a score is below its floor")
    parser.add_argument("--update-floors", action="store_true", help="raise the floors to these scores")
    parser.add_argument("--allow-lower", action="store_true", help="with --update-floors: also lower floors")
    args = parser.parse_args(argv)
    result = evaluate(args.split, args.clusters, args.briefing, args.config)
    print(json.dumps(result, indent=2))
    floors = json.loads(FLOORS.read_text()) if FLOORS.is_file() else {}
    key = f"{args.split.name}:{args.clusters or 'all'}"
    pinned = floors.get(key)
    scores = flat_scores(result)
    if pinned and pinned["data_sha256"] != result["data_sha256"]:
        print(f"floors for {key} were pinned on other data; not comparable", file=sys.stderr)
        return 1 if args.check else 0
    if args.check and pinned:
        below = {k: (v, pinned["floors"][k]) for k, v in scores.items() if v < pinned["floors"].get(k, 0)}
        if below:
            print(f"below floor: {below}", file=sys.stderr)
            return 1
        print(f"quality gate {key}: all scores at or above their floors", file=sys.stderr)
    if args.update_floors:
        old = pinned["floors"] if pinned else {}
        lowered = {
            k: (old[k], v - MARGIN[k]) for k, v in scores.items() if k in old and v - MARGIN[k] < old[k]
        }
        if lowered and not args.allow_lower:
            message = f"refusing to lower floors {lowered}: pass --allow-lower to do it on purpose"
            print(message, file=sys.stderr)
            return 1
        pinned_now = {k: round(v - MARGIN[k], 4) for k, v in scores.items()}
        new = {k: v if args.allow_lower else max(v, old.get(k, 0.0)) for k, v in pinned_now.items()}
        floors[key] = {"data_sha256": result["data_sha256"], "floors": new}
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"floors for {key}: {new}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
