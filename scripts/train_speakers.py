"""Train the speaker ranking on PolNeAR train and write it to summarizer/data/speakers/.

    python scripts/train_speakers.py ../shared/dev/polnear/train.jsonl ../shared/dev/polnear/score_quotes.py

Articles are read and cleaned as `summarizer quotes` reads them, parsed, and passed through the
package's own attribution (`quotes.attribute`, rules only) with a recorder: each quoted passage
that matches a gold quote (the shared scorer's lenient overlap) gives its candidates' feature rows
(`speakers.FEATURES`), each labelled by whether the shared scorer would take the candidate, once
resolved to a name, for the gold speaker. Gradient-boosted trees (LightGBM, binary) score the
candidates; a passage takes its best-scored one. Figures are cross-validated over articles (5
folds): the share of passages whose chosen speaker the scorer takes, against the rules' pick. The
threshold (below it, a passage the rules gave no speaker keeps none) is chosen on the same folds.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import random
import sys
from dataclasses import replace
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
from trees import tree_params  # the scripts' shared tree settings

from summarizer.config import load_config
from summarizer.models import Article
from summarizer.pipeline import Timings, prepare
from summarizer.quotes import NameBook, Parsed, Span, attribute, frame_of, load_nlp, mention, parse
from summarizer.speakers import FEATURES, MODEL_DIR, Quoted

FOLDS = 5
PARAMS = tree_params("binary")
ROUNDS = 300
THRESHOLDS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5)
CATEGORICAL = [FEATURES.index(name) for name in ("stage", "dep", "pos", "ent", "pronoun")]


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    if spec is None or spec.loader is None:
        sys.exit(f"error: {path}: not a Python file")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _parsed(articles: list[Article], cache: Path | None) -> Parsed:
    """The articles' parse, kept in `cache` (a spaCy DocBin) between runs of the script."""
    if cache is None:
        return parse(articles)
    from spacy.tokens import DocBin

    nlp = load_nlp()
    key = hashlib.sha256("\0".join(a.text for a in articles).encode()).hexdigest()[:16]
    path = cache / f"speakers-{key}.spacy"
    if path.exists():
        docs = tuple(DocBin().from_disk(path).get_docs(nlp.vocab))
        return Parsed(docs, NameBook.from_docs(docs))
    parsed = parse(articles, nlp)
    cache.mkdir(parents=True, exist_ok=True)
    DocBin(docs=parsed.docs, store_user_data=False).to_disk(path)
    return parsed


def passages(gold_path: Path, scorer: ModuleType, cache: Path | None = None) -> list[dict[str, Any]]:
    """One entry per matched passage: document, feature rows, candidate labels, the rule's pick,
    and whether the gold quote has a speaker."""
    gold = {row["doc_id"]: row for row in scorer.load_jsonl(gold_path)}
    config = load_config()
    config = replace(config, limits=replace(config.limits, max_file_mb=1000))  # a corpus, not a day
    articles = prepare(
        [gold_path], config, lambda e: print(f"error: {e}", file=sys.stderr), Timings()
    ).articles
    parsed = _parsed(articles, cache)
    out: list[dict[str, Any]] = []
    for article, doc in zip(articles, parsed.docs, strict=True):
        if article.id in gold:
            record = _recorder(article.id, gold[article.id]["quotes"], scorer, out)
            attribute(article, doc, parsed.names, record=record)
    return out


def _recorder(
    doc_id: str, gold_quotes: list[dict[str, Any]], scorer: ModuleType, out: list[dict[str, Any]]
) -> Any:
    """A `quotes.attribute` recorder adding each passage that matches a gold quote to `out`."""
    gold_tokens = [scorer.tokens(q["text"]) for q in gold_quotes]

    def record(span: Span, quoted: Quoted, found: list[Any], rows: Any, names: NameBook, recent: str) -> None:
        tokens = scorer.tokens(span.text)
        overlaps = [scorer.overlap(g, tokens) for g in gold_tokens]
        if not overlaps or max(overlaps) < scorer.THRESHOLD:
            return
        speaker = gold_quotes[int(np.argmax(overlaps))]["speaker"]
        labels = []
        for token in found:
            frame = frame_of(token)
            name = names.resolve(frame.mention, token, recent)[0]
            labels.append(scorer.person_ok({"text": name, "mention": frame.mention}, speaker))
        rule = [quoted.rule_head is not None and token.i == quoted.rule_head.i for token in found]
        out.append(
            {
                "doc": doc_id,
                "rows": rows,
                "labels": np.array(labels, dtype=bool),
                "rule": np.array(rule, dtype=bool),
                "has_rule": quoted.rule_head is not None,
                "has_speaker": speaker is not None,
                "shown": (span.text, speaker["text"] if speaker else "", [mention(t) for t in found]),
            }
        )

    return record


def right(passage: dict[str, Any], scores: np.ndarray | None, threshold: float) -> bool:
    """Whether the scorer takes the passage's chosen speaker (the rule's pick when `scores` is None)."""
    if scores is None:
        if not passage["has_rule"]:
            return not passage["has_speaker"]
        return bool(passage["labels"][passage["rule"]].any())
    if not len(scores) or (not passage["has_rule"] and scores.max() < threshold):
        return not passage["has_speaker"] if not passage["has_rule"] or not len(scores) else False
    return bool(passage["labels"][int(scores.argmax())])


def train(items: list[dict[str, Any]]) -> Any:
    import lightgbm

    rows = np.vstack([p["rows"] for p in items if len(p["rows"])])
    labels = np.concatenate([p["labels"] for p in items if len(p["rows"])]).astype(float)
    data = lightgbm.Dataset(rows, labels, categorical_feature=CATEGORICAL, free_raw_data=False)
    return lightgbm.train(PARAMS, data, num_boost_round=ROUNDS)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("gold", type=Path)
    parser.add_argument("scorer", type=Path)
    parser.add_argument("--cache", type=Path, help="a folder to keep the articles' parse in between runs")
    args = parser.parse_args()
    scorer = load_scorer(args.scorer)
    items = passages(args.gold, scorer, args.cache)
    docs = sorted({p["doc"] for p in items})
    random.Random(1).shuffle(docs)
    fold_of = {doc: k % FOLDS for k, doc in enumerate(docs)}
    folds: list[dict[str, Any]] = []
    oof: list[np.ndarray] = [np.zeros(0)] * len(items)
    for k in range(FOLDS):
        model = train([p for p in items if fold_of[p["doc"]] != k])
        for n, p in enumerate(items):
            if fold_of[p["doc"]] == k and len(p["rows"]):
                oof[n] = np.asarray(model.predict(p["rows"]))
    by_threshold = {t: float(np.mean([right(p, oof[n], t) for n, p in enumerate(items)])) for t in THRESHOLDS}
    threshold = max(THRESHOLDS, key=lambda t: (by_threshold[t], -t))
    for k in range(FOLDS):
        chosen = [n for n, p in enumerate(items) if fold_of[p["doc"]] == k]
        folds.append(
            {
                "passages": len(chosen),
                "rules": float(np.mean([right(items[n], None, 0) for n in chosen])),
                "learned": float(np.mean([right(items[n], oof[n], threshold) for n in chosen])),
            }
        )
    reachable = float(np.mean([p["labels"].any() or not p["has_speaker"] for p in items]))
    summary = {
        "passages": len(items),
        "articles": len(docs),
        "rules": float(np.mean([right(p, None, 0) for p in items])),
        "learned": by_threshold[threshold],
        "reachable": reachable,
        "by_threshold": by_threshold,
        "folds": folds,
    }
    print(json.dumps(summary, indent=1))
    import lightgbm

    model = train(items)
    MODEL_DIR.mkdir(parents=True, exist_ok=True)
    model.save_model(str(MODEL_DIR / "model.txt"))
    info = {
        "trained_on": args.gold.name,
        "data_sha256": hashlib.sha256(args.gold.read_bytes()).hexdigest(),
        "lightgbm": lightgbm.__version__,
        "params": PARAMS,
        "rounds": ROUNDS,
        "categorical": [FEATURES[k] for k in CATEGORICAL],
        "features": list(FEATURES),
        "threshold": threshold,
        "cross_validated": summary,
    }
    (MODEL_DIR / "model.json").write_text(json.dumps(info, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {MODEL_DIR / 'model.txt'} and model.json")


if __name__ == "__main__":
    main()
