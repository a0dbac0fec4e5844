"""Quality gate: grouping and summaries on a NeuS split, beside baselines run the same way.

    python benchmarks/quality.py ../shared/dev/neus/val                      # whole split, runs the model
    python benchmarks/quality.py ../shared/dev/neus/val --briefing outputs/<run>/briefing.json
    python benchmarks/quality.py ../shared/dev/neus/val --clusters 12 --check # the CI subset
    python benchmarks/quality.py ../shared/dev/neus/val --no-model           # baselines only, under a minute
    python benchmarks/quality.py ../shared/dev/neus/val --briefing B.json --against A.json  # two runs, paired

Scores:
- grouping: pair precision / recall / F1 against the gold `cluster` labels;
- summaries: for each gold story, the summary (headline, then text) of our story holding most of
  its articles, against the editors' reference: ROUGE-1/2/Lsum F1 (rouge-score, stemming, one
  sentence a line for Lsum);
- key facts: ROUGE-1/2/Lsum recall of the reference by the story's key facts (`fact_coverage`),
  and by the first two of them (do they lead with the news?);
- baselines on the same grouping: the first sentence of each article (lead), three random
  sentences (seed 13), and our extractive selection without the model, under the learned and the
  hand-weighted (centrality) rankings;
- differences: each method's mean ROUGE difference from the first (the summarizer, or with
  `--no-model` the lead), and from the hand-weighted ranking's extractive selection, with a 95%
  bootstrap interval over the gold stories (paired); with `--against`, another run's briefing
  of the same stories is one more method, so two runs (two models, two settings) are compared
  story by story.

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
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Literal

import numpy as np

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


ROUGE = ("rouge1", "rouge2", "rougeLsum")


def rouge_rows(
    pairs: Sequence[tuple[str, str]], measure: Literal["fmeasure", "recall"] = "fmeasure"
) -> np.ndarray:
    """ROUGE-1/2/Lsum F1 (or `measure`: "recall") x 100 of each (reference, candidate) pair,
    one row a pair."""
    from rouge_score import rouge_scorer

    from summarizer.sentences import split_text

    scorer = rouge_scorer.RougeScorer(list(ROUGE), use_stemmer=True)
    rows = []
    for reference, candidate in pairs:
        scores = scorer.score("\n".join(split_text(reference)), "\n".join(split_text(candidate)))
        rows.append([100 * getattr(scores[key], measure) for key in ROUGE])
    return np.array(rows).reshape(-1, len(ROUGE))


def rouge(rows: np.ndarray) -> dict[str, float]:
    """Mean ROUGE-1/2/Lsum over `rouge_rows`."""
    means = rows.mean(axis=0) if len(rows) else np.zeros(len(ROUGE))
    return {key: round(float(v), 2) for key, v in zip(ROUGE, means, strict=True)}


def paired_interval(a: np.ndarray, b: np.ndarray, rounds: int = 2000) -> list[float]:
    """95% bootstrap interval of mean(a - b), resampling the paired items (stories)."""
    rng = np.random.default_rng(7)
    diff = np.asarray(a) - np.asarray(b)
    if not len(diff):
        return [0.0, 0.0]
    means = diff[rng.integers(0, len(diff), (rounds, len(diff)))].mean(axis=1)
    return [round(float(np.percentile(means, 2.5)), 2), round(float(np.percentile(means, 97.5)), 2)]


def differences(rows: dict[str, np.ndarray], against: str) -> dict[str, dict[str, Any]]:
    """Each method's mean ROUGE difference from `against`, with its paired 95% interval."""
    base = rows[against]
    return {
        f"{name} - {against}": {
            key: {
                "mean": round(float((r[:, k] - base[:, k]).mean()), 2),
                "95%": paired_interval(r[:, k], base[:, k]),
            }
            for k, key in enumerate(ROUGE)
        }
        for name, r in rows.items()
        if name != against
    }


def best_story(cluster_ids: set[str], stories: list[dict[str, Any]]) -> dict[str, Any] | None:
    scored = [(len(cluster_ids & {a["id"] for a in s["articles"]}), n) for n, s in enumerate(stories)]
    hits, index = max(scored, default=(0, -1))
    return stories[index] if hits else None


EXTRACTIVE = ("learned", "centrality")  # rankers whose extractive selection is scored


def evaluate(
    folder: Path,
    clusters: int | None,
    briefing_path: Path | None,
    config_path: Path | None = None,
    model: bool = True,
    against: Path | None = None,
) -> dict[str, Any]:
    """The scores of one split; `model=False` scores the baselines only (no summaries written)."""
    from grouping import pair_scores

    from summarizer import brief, load_config
    from summarizer.embeddings import Embedder
    from summarizer.facts import key_facts
    from summarizer.pipeline import Timings, fact_salience, group, prepare, rank_story, story_vectors
    from summarizer.rank import make_ranker

    articles, references, digest = load_split(folder, clusters)
    gold: dict[str, set[str]] = {}
    for article in articles:
        gold.setdefault(article["cluster"], set()).add(article["id"])
    config = load_config(config_path)
    with tempfile.TemporaryDirectory() as tmp:
        day = Path(tmp) / "day.jsonl"
        day.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
        if not model:
            briefing = {"stories": []}
        elif briefing_path is None:
            run_config = load_config(config_path, overrides={"output": {"dir": str(Path(tmp) / "runs")}})
            briefing = brief([day], run_config).briefing.to_dict()
        else:
            briefing = json.loads(briefing_path.read_text(encoding="utf-8"))
        prepared = prepare([day], config, lambda e: None, Timings())
    embedder = Embedder()
    stories = group(prepared, embedder, config)
    rankers = {  # the scored extractive selections, and the configured ranker for the key facts
        name: make_ranker(replace(config.rank, ranker=name))
        for name in dict.fromkeys([*EXTRACTIVE, config.rank.ranker])
    }
    salience = fact_salience(config)
    rng = random.Random(13)
    lead: dict[str, str] = {}
    randoms: dict[str, str] = {}
    extractive: dict[str, dict[str, str]] = {name: {} for name in rankers}
    facts: dict[str, str] = {}
    first_facts: dict[str, str] = {}  # the two facts a reader sees first: the news, if they lead with it
    fact_counts: list[int] = []
    for story in stories:
        key = story.id
        firsts = [prepared.sentences[a.id][0].text for a in story.articles if prepared.sentences[a.id]]
        lead[key] = " ".join(firsts)
        picked = sorted(rng.sample(range(len(story.sentences)), min(3, len(story.sentences))))
        randoms[key] = " ".join(story.sentences[i].text for i in picked)
        vectors = story_vectors(story, embedder)
        for name, ranker in rankers.items():  # what the pipeline falls back to, by ranker
            ranked = rank_story(story, vectors, ranker, config, salience)
            extractive[name][key] = " ".join(s.text for s in ranked.extractive)
            if name == config.rank.ranker:  # the key facts the briefing would show
                found = key_facts(
                    replace(story, quality=ranked.quality), vectors, ranked.fact_scores, config.facts
                )
                facts[key] = "\n".join(f.text for f in found)
                first_facts[key] = "\n".join(f.text for f in found[:2])
                fact_counts.append(len(found))
    baseline_stories = [{"id": s.id, "articles": [{"id": a.id} for a in s.articles]} for s in stories]

    other = json.loads(against.read_text(encoding="utf-8")) if against else None

    def summaries(candidate: Any) -> list[tuple[str, str]]:  # texts by story id, or a briefing
        pairs = []
        for cluster, ids in gold.items():
            if candidate is None or "stories" in candidate:  # a briefing: ours, or the other run's
                story = best_story(ids, (candidate or briefing)["stories"])
                text = f"{story['title']}\n{story['summary']}" if story else ""
            else:
                found = best_story(ids, baseline_stories)
                text = candidate[found["id"]] if found else ""
            pairs.append((references[cluster], text))
        return pairs

    predicted = [
        [a["id"] for a in s["articles"]] for s in (briefing["stories"] if model else baseline_stories)
    ]
    methods: list[tuple[str, Any]] = [
        *([("summarizer", None)] if model else []),
        ("lead (first sentence of each article)", lead),
        ("random (3 sentences, seed 13)", randoms),
        *((f"extractive ({name} ranker, no model)", extractive[name]) for name in EXTRACTIVE),
        *([(f"other run ({against})", other)] if other else []),
    ]
    rows = {name: rouge_rows(summaries(candidate)) for name, candidate in methods}
    covered = rouge_rows(summaries(facts), measure="recall")
    counts = briefing.get("stories", [])
    return {
        "data_sha256": digest,
        "clusters": len(gold),
        "articles": len(articles),
        "grouping": pair_scores(predicted, [sorted(v) for v in gold.values()]),
        "summaries": {name: rouge(r) for name, r in rows.items()},
        "fact_coverage": {  # how much of the editors' summary the key facts carry
            "recall": rouge(covered),
            "first_two_recall": rouge(rouge_rows(summaries(first_facts), measure="recall")),
            "facts_per_story": round(float(np.mean(fact_counts)), 2) if fact_counts else 0.0,
            "words_per_story": round(float(np.mean([len(t.split()) for t in facts.values()])), 1)
            if facts
            else 0.0,
        },
        "differences": differences(rows, methods[0][0]),
        "against_centrality": differences(rows, f"extractive ({EXTRACTIVE[1]} ranker, no model)"),
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
    parser.add_argument("--against", type=Path, help="with --briefing: another run's briefing.json, paired")
    parser.add_argument("--no-model", action="store_true", help="score the baselines only, without the model")
    parser.add_argument("--check", action="store_true", help="fail when a score is below its floor")
    parser.add_argument("--update-floors", action="store_true", help="raise the floors to these scores")
    parser.add_argument("--allow-lower", action="store_true", help="with --update-floors: also lower floors")
    args = parser.parse_args(argv)
    if args.no_model and (args.check or args.update_floors or args.briefing):
        parser.error("--no-model scores no summaries: it cannot --check, --update-floors or read --briefing")
    if args.against and not args.briefing:
        parser.error("--against compares two finished runs: give --briefing as well")
    result = evaluate(
        args.split, args.clusters, args.briefing, args.config, model=not args.no_model, against=args.against
    )
    print(json.dumps(result, indent=2))
    if args.no_model:
        return 0
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
