"""Train the Punkt sentence splitter's parameters and write them into the package.

nltk's own `punkt` download is not available offline, so the package ships parameters learned
from the development corpora (news text) plus a list of common English abbreviations.

    python scripts/train_punkt.py ../shared/dev/neus/train/articles.jsonl ../shared/dev/polnear/train.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from nltk.tokenize.punkt import PunktTrainer

from summarizer.sentences import PARAMS_FILE, params_to_dict

# Abbreviations common in English news that a small corpus may not show often enough.
COMMON_ABBREVIATIONS = """
mr mrs ms dr prof sen rep gov lt gen col maj capt sgt cpl adm cmdr st ft mt jr sr rev hon pres
u.s u.k u.n e.u u.s.a d.c n.y l.a inc corp co ltd llc bros dept univ assn est approx no nos vs etc
jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m e.g i.e ave blvd rd calif fla mass penn
ariz colo conn ill ind kan ky la md mich minn miss mo mont neb nev okla ore pa tenn tex va vt wash
wis wyo ala ark del ga
""".split()


def corpus_texts(paths: list[Path]) -> list[str]:
    texts = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                texts.append(record.get("text") or record.get("body") or "")
    return texts


def main(argv: list[str]) -> None:
    trainer = PunktTrainer()
    trainer.INCLUDE_ALL_COLLOCS = True
    for text in corpus_texts([Path(p) for p in argv]):
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    params = trainer.get_params()
    params.abbrev_types.update(COMMON_ABBREVIATIONS)
    PARAMS_FILE.parent.mkdir(parents=True, exist_ok=True)
    PARAMS_FILE.write_text(json.dumps(params_to_dict(params), sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {PARAMS_FILE} ({len(params.abbrev_types)} abbreviations)")


if __name__ == "__main__":
    main(sys.argv[1:])
