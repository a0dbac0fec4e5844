"""Train the same-story pair model on NeuS train and write it to summarizer/data/grouping/.

    python scripts/train_grouping.py ../shared/dev/neus/train/articles.jsonl

Stories are split into 8 folds. Each fold is briefed as days of several sizes: the whole fold
(about 300 stories, 900 articles: the density of the val day), and days of 100, 30, 10, 3 and 1
stories whose stories keep a random one to all of their articles (so that a story of one article,
a small day and a day of one story are seen too); in those days a share of the stories also
carries a copy of one of its articles, its opening with one sentence cut, as a wire report
reprinted by another outlet is. NeuS stories have three articles and no copies; a model that
never saw a larger story learns that an article has at most two siblings, and cut four- and
five-article stories apart on a day of many stories (these days reach four articles a story;
the threshold is still chosen on the whole-fold days, which hold no copies). Candidate pairs
and their features come from the package's own code (`summarizer.group`), so training and
use read the same features.

Stage one is trained on the other folds and predicts each fold (out of fold); stage two learns
from those out-of-fold probabilities. The threshold is the one with the best mean pair F1 over
the whole-fold days, with stage two also trained out of fold. The figures per threshold, the data's
SHA-256 and the parameters go to model.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
from trees import tree_params  # the scripts' shared tree settings

from summarizer.config import load_config
from summarizer.embeddings import EMBEDDING_MODEL, Embedder
from summarizer.group import cluster
from summarizer.group.pairs import GRAPH_FEATURES, MODEL_DIR, PAIR_FEATURES, graph_features, pair_features
from summarizer.group.profiles import (
    Profile,
    joined_opening,
    neighbours,
    opening,
    opening_text,
    profile_articles,
    word_vectors,
)
from summarizer.pipeline import Timings, prepare

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from grouping import pair_scores  # the benchmark's scorer: one definition

FOLDS = 8
DAY_SIZES = (100, 30, 10, 3, 1)  # stories per day, besides the whole fold
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
PARAMS = tree_params("binary")
ROUNDS = 300
COPY_SHARE = 0.3  # of the stories in the smaller days, those that also carry a copy of an article


@dataclass
class Day:
    fold: int
    whole: bool  # the whole fold as one day
    members: list[int]  # indices into the training articles
    labels: list[str]  # gold story of each member
    pairs: np.ndarray
    features: np.ndarray
    same: np.ndarray


def pair_f1(predicted: Sequence[int], gold: Sequence[str]) -> tuple[float, float, float]:
    """Pair precision, recall and F1 of one day's labels, scored as the grouping benchmark does."""

    def groups(labels: Sequence[object]) -> list[list[str]]:
        members: dict[object, list[str]] = {}
        for index, label in enumerate(labels):
            members.setdefault(label, []).append(str(index))
        return list(members.values())

    scores = pair_scores(groups(predicted), groups(gold))
    return scores["precision"], scores["recall"], scores["f1"]


def trimmed_copy(profile: Profile, texts: list[str], titled: bool, rng: random.Random) -> tuple[Profile, str]:
    """A reprint of an article: its sentence vectors and opening text with one opening sentence
    cut (its names, numbers, title and first-sentence vector stay the original's, as a reprint's
    mostly do). `texts` are the opening's sentences, then its title when `titled` (as `opening`
    gives them)."""
    sentences = len(texts) - int(titled)
    if sentences < 2:
        return profile, joined_opening(texts, titled)
    cut = rng.randrange(sentences)
    rows = np.delete(profile.vectors, cut, axis=0)
    mean = rows.mean(axis=0)
    copy = replace(profile, vectors=rows, mean=mean / max(float(np.linalg.norm(mean)), 1e-9))
    return copy, joined_opening(texts[:cut] + texts[cut + 1 :], titled)


def make_day(
    fold: int,
    whole: bool,
    members: list[int],
    openings: list[str],
    profiles: list[Profile],
    gold: list[str],
    k: int,
) -> Day:
    day_profiles = [profiles[m] for m in members]
    words = word_vectors([openings[m] for m in members])
    near = neighbours(day_profiles, words, k)
    pairs = near.pairs()
    labels = [gold[m] for m in members]
    same = np.array([labels[i] == labels[j] for i, j in pairs.tolist()], dtype=bool)
    return Day(fold, whole, members, labels, pairs, pair_features(day_profiles, words, pairs), same)


def main(argv: list[str]) -> None:
    import lightgbm

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=Path)
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--profiles", type=Path, help="keep the articles' profiles in this file, reuse them")
    args = parser.parse_args(argv)

    config = load_config()
    records = [json.loads(line) for line in args.articles.open(encoding="utf-8") if line.strip()]
    cluster_of = {r["id"]: r["cluster"] for r in records}
    prepared = prepare([args.articles], config, lambda e: print(f"error: {e}", file=sys.stderr), Timings())
    articles = prepared.articles
    gold = [cluster_of[a.id] for a in articles]
    print(f"{len(articles)} articles; profiling (embeddings, entities) ...", file=sys.stderr)
    lead = config.group.lead_sentences
    if args.profiles and args.profiles.exists():
        profiles = pickle.loads(args.profiles.read_bytes())
    else:
        profiles = profile_articles(articles, prepared.sentences, Embedder(), lead)
        if args.profiles:
            args.profiles.write_bytes(pickle.dumps(profiles))
    openings = [opening_text(a, prepared.sentences[a.id], lead) for a in articles]
    texts = [opening(a, prepared.sentences[a.id], lead) for a in articles]

    def add_copy(index: int) -> int:
        """Append a trimmed copy of article `index` (same story) and return its index."""
        profile, text = trimmed_copy(profiles[index], texts[index], bool(articles[index].title), rng)
        profiles.append(profile)
        openings.append(text)
        gold.append(gold[index])
        return len(profiles) - 1

    stories: dict[str, list[int]] = {}
    for index, label in enumerate(gold):
        stories.setdefault(label, []).append(index)
    names = sorted(stories)
    rng = random.Random(1)
    days: list[Day] = []
    k = config.group.neighbours
    for fold in range(FOLDS):
        fold_stories = names[fold::FOLDS]
        days.append(
            make_day(fold, True, [m for s in fold_stories for m in stories[s]], openings, profiles, gold, k)
        )
        for size in DAY_SIZES:
            shuffled = fold_stories[:]
            rng.shuffle(shuffled)
            for start in range(0, len(shuffled), size):
                members = []
                for story in shuffled[start : start + size]:
                    kept = stories[story][:]
                    rng.shuffle(kept)
                    chosen = sorted(kept[: rng.randint(1, len(kept))])
                    if rng.random() < COPY_SHARE:
                        chosen.append(add_copy(rng.choice(chosen)))
                    members += chosen
                if len(members) > 1:
                    days.append(make_day(fold, False, members, openings, profiles, gold, k))
        candidates = sum(len(d.pairs) for d in days if d.fold == fold)
        print(f"fold {fold}: {candidates} candidate pairs", file=sys.stderr)

    def fit(chosen: list[Day], features: dict[int, np.ndarray] | None = None) -> lightgbm.Booster:
        x = np.vstack([features[id(d)] if features else d.features for d in chosen])
        y = np.concatenate([d.same for d in chosen])
        return lightgbm.train(PARAMS, lightgbm.Dataset(x, y.astype(np.float32)), num_boost_round=ROUNDS)

    stacked: dict[int, np.ndarray] = {}
    for fold in range(FOLDS):
        stage_one = fit([d for d in days if d.fold != fold])
        for day in (d for d in days if d.fold == fold):
            first = stage_one.predict(day.features)
            stacked[id(day)] = np.hstack([day.features, graph_features(len(day.members), day.pairs, first)])
    scores: dict[float, list[tuple[float, float, float]]] = {t: [] for t in THRESHOLDS}
    stories_found: dict[float, list[float]] = {t: [] for t in THRESHOLDS}
    for fold in range(FOLDS):
        stage_two = fit([d for d in days if d.fold != fold], stacked)
        whole = next(d for d in days if d.fold == fold and d.whole)
        probability = stage_two.predict(stacked[id(whole)])
        for threshold in THRESHOLDS:
            labels = cluster(len(whole.members), whole.pairs, probability, threshold)
            scores[threshold].append(pair_f1(labels, whole.labels))
            stories_found[threshold].append(len(set(labels)) / len(set(whole.labels)))
    table = {
        str(t): {
            "precision": round(float(np.mean([s[0] for s in scores[t]])), 4),
            "recall": round(float(np.mean([s[1] for s in scores[t]])), 4),
            "f1": round(float(np.mean([s[2] for s in scores[t]])), 4),
            "f1_min": round(float(min(s[2] for s in scores[t])), 4),
            "f1_max": round(float(max(s[2] for s in scores[t])), 4),
            "stories_per_gold": round(float(np.mean(stories_found[t])), 4),
        }
        for t in THRESHOLDS
    }
    best = max(THRESHOLDS, key=lambda t: table[str(t)]["f1"])
    for t in THRESHOLDS:
        print(json.dumps({"threshold": t, **table[str(t)]}), file=sys.stderr)

    args.out.mkdir(parents=True, exist_ok=True)
    fit(days).save_model(str(args.out / "pairs.txt"))
    fit(days, stacked).save_model(str(args.out / "graph.txt"))
    info = {
        "trained_on": args.articles.name,
        "data_sha256": hashlib.sha256(args.articles.read_bytes()).hexdigest(),
        "articles": len(articles),
        "stories": len(names),
        "embedding_model": EMBEDDING_MODEL,
        "lead_sentences": config.group.lead_sentences,
        "neighbours": k,
        "lightgbm": lightgbm.__version__,
        "params": PARAMS,
        "rounds": ROUNDS,
        "folds": FOLDS,
        "day_sizes": ["whole fold", *DAY_SIZES],
        "copy_share": COPY_SHARE,
        "min_probability": best,
        "cross_validated": table,
        "pair_features": list(PAIR_FEATURES),
        "graph_features": list(GRAPH_FEATURES),
    }
    (args.out / "model.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    print(f"threshold {best}: cross-validated {table[str(best)]}; written to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
