"""Train the salience model on NeuS train and write it to summarizer/data/salience/.

    python scripts/train_salience.py ../shared/dev/neus/train [--cache FILE]

Each gold story is read as the pipeline reads a day (`prepare`: cleaning, sentence splitting,
source signals), its sentences embedded, and each sentence labelled by how much of it the
editor's summary uses: the mean of its ROUGE-1 and ROUGE-2 F1 against the summary (rouge-score,
stemming). Decided on train cross-validation and the annotated long stories: recall labels gained
nothing over the hand-weighted ranking (longer sentences win); precision labels gained most on
NeuS (+0.4 ROUGE-2) but rank short generic sentences first in long reports, where NeuS's openings
teach nothing (key-fact recall on `../shared/dev/briefs` 0.55 against 0.70); F1 lies between.
Features come from the package's own code (`summarizer.rank.salience`), so training and use read
the same columns.

Stories are split into 5 folds; each fold is predicted by trees trained on the others, and both
rankings (the learned one and the hand-weighted `centrality`) go through the pipeline's own
`rank_story`, so the figures are those of the extractive selection (the summary's length in
words) against the editors' summaries: ROUGE-1/2/Lsum F1, with a paired bootstrap interval over
stories. The final model is trained on every story; the data's SHA-256, the parameters and the
figures go to model.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import random
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from trees import tree_params  # the scripts' shared tree settings

from summarizer.config import Config, load_config
from summarizer.embeddings import EMBEDDING_MODEL, Embedder
from summarizer.models import Story
from summarizer.pipeline import Timings, prepare, rank_story
from summarizer.rank import RANKERS, Ranker, load_rankers
from summarizer.rank.salience import FEATURES, MODEL_DIR, LearnedRanker, features
from summarizer.resources import TreeModel

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from quality import ROUGE, paired_interval, rouge_rows  # the quality gate's scorer: one definition

FOLDS = 5
PARAMS = tree_params("regression", min_data_in_leaf=40)
ROUNDS = 300


def load_stories(folder: Path, cache: Path | None) -> tuple[list[Story], list[np.ndarray], dict[str, str]]:
    """The split's gold stories as the pipeline reads them, with their sentence embeddings."""
    references = {
        r["cluster"]: r["reference"]
        for r in map(json.loads, (folder / "references.jsonl").open(encoding="utf-8"))
    }
    if cache and cache.exists():
        stories, vectors = pickle.loads(cache.read_bytes())
        return stories, vectors, references
    path = folder / "articles.jsonl"
    cluster_of = {r["id"]: r["cluster"] for r in map(json.loads, path.open(encoding="utf-8"))}
    config = load_config()
    prepared = prepare([path], config, lambda e: print(f"error: {e}", file=sys.stderr), Timings())
    members: dict[str, list[str]] = {}
    by_id = {a.id: a for a in prepared.articles}
    for article in prepared.articles:
        members.setdefault(cluster_of[article.id], []).append(article.id)
    stories = [
        Story(
            cluster,
            tuple(by_id[i] for i in ids),
            tuple(s for i in ids for s in prepared.sentences[i]),
            tuple(prepared.quality[i] for i in ids),
        )
        for cluster, ids in sorted(members.items())
    ]
    print(f"{len(stories)} stories; embedding their sentences ...", file=sys.stderr)
    embedder = Embedder()
    vectors = [embedder.encode([s.text for s in story.sentences]) for story in stories]
    if cache:
        cache.write_bytes(pickle.dumps((stories, vectors)))
    return stories, vectors, references


LABELS = ("precision", "fmeasure", "recall")


def labels(stories: Sequence[Story], references: dict[str, str], kind: str) -> list[np.ndarray]:
    """Per story, each sentence's mean ROUGE-1 and ROUGE-2 `kind` (precision, fmeasure or recall)
    against the editor's summary."""
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    out = []
    for story in stories:
        reference = references[story.id]
        scores = [scorer.score(reference, s.text) for s in story.sentences]
        out.append(np.array([(getattr(v["rouge1"], kind) + getattr(v["rouge2"], kind)) / 2 for v in scores]))
    return out


def extractive(story: Story, vectors: np.ndarray, ranker: Ranker, config: Config) -> str:
    return " ".join(s.text for s in rank_story(story, vectors, ranker, config).extractive)


def main(argv: list[str]) -> None:
    import lightgbm

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("split", type=Path, help="a NeuS folder: articles.jsonl and references.jsonl")
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--label", choices=LABELS, default="fmeasure", help="the ROUGE figure learned")
    parser.add_argument("--cache", type=Path, help="keep the read stories and embeddings in this file")
    args = parser.parse_args(argv)

    stories, vectors, references = load_stories(args.split, args.cache)
    config = load_config()
    threshold = config.rank.same_content_similarity
    rows = [features(story, v, threshold) for story, v in zip(stories, vectors, strict=True)]
    gains = labels(stories, references, args.label)
    order = list(range(len(stories)))
    random.Random(1).shuffle(order)
    fold_of = np.empty(len(stories), dtype=int)
    for position, index in enumerate(order):
        fold_of[index] = position % FOLDS

    load_rankers()
    centrality = RANKERS["centrality"](config.rank)
    learned_text: dict[int, str] = {}
    for fold in range(FOLDS):
        train = [i for i in range(len(stories)) if fold_of[i] != fold]
        booster = lightgbm.train(
            PARAMS,
            lightgbm.Dataset(np.vstack([rows[i] for i in train]), np.concatenate([gains[i] for i in train])),
            num_boost_round=ROUNDS,
        )
        ranker = LearnedRanker(config.rank, TreeModel(booster, {}))
        for i in np.flatnonzero(fold_of == fold):
            learned_text[int(i)] = extractive(stories[i], vectors[i], ranker, config)
        print(f"fold {fold + 1}/{FOLDS} done", file=sys.stderr)
    refs = [references[s.id] for s in stories]
    learned = rouge_rows(list(zip(refs, [learned_text[i] for i in range(len(stories))], strict=True)))
    hand = rouge_rows(
        list(
            zip(
                refs,
                [extractive(s, v, centrality, config) for s, v in zip(stories, vectors, strict=True)],
                strict=True,
            )
        )
    )
    figures = {
        "stories": len(stories),
        "sentences": int(sum(len(r) for r in rows)),
        "extractive_rouge_learned_cv": dict(
            zip(ROUGE, np.round(learned.mean(axis=0), 2).tolist(), strict=True)
        ),
        "extractive_rouge_centrality": dict(zip(ROUGE, np.round(hand.mean(axis=0), 2).tolist(), strict=True)),
        "learned_minus_centrality_95": {
            name: paired_interval(learned[:, k], hand[:, k]) for k, name in enumerate(ROUGE)
        },
    }
    print(json.dumps(figures, indent=1))

    booster = lightgbm.train(
        PARAMS, lightgbm.Dataset(np.vstack(rows), np.concatenate(gains)), num_boost_round=ROUNDS
    )
    data = (args.split / "articles.jsonl").read_bytes() + (args.split / "references.jsonl").read_bytes()
    args.out.mkdir(parents=True, exist_ok=True)
    booster.save_model(str(args.out / "model.txt"))
    info = {
        "trained_on": f"NeuS {args.split.name} ({len(stories)} stories)",
        "data_sha256": hashlib.sha256(data).hexdigest(),
        "embedding_model": EMBEDDING_MODEL,
        "label": f"mean of the sentence's ROUGE-1 and ROUGE-2 {args.label} against the editor's summary",
        "features": list(FEATURES),
        "params": PARAMS,
        "rounds": ROUNDS,
        "folds": FOLDS,
        "cross_validation": figures,
        "importance_gain": dict(
            zip(FEATURES, np.round(booster.feature_importance("gain"), 1).tolist(), strict=True)
        ),
    }
    (args.out / "model.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out / 'model.txt'} and model.json", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
