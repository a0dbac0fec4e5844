"""Build the list of common English words the faithfulness guard accepts in title case.

A word counts as common when the development corpora write it in lower case, in the middle of a
sentence, at least MIN_COUNT times and at least a quarter as often as capitalised there:
"surge", "deal", "ahead" are; "Tokyo" and "Fenn" are not.
A headline's "Surge" or "Deal" is then not mistaken for an invented name.

    python scripts/build_lexicon.py ../shared/dev/neus/train/articles.jsonl ../shared/dev/polnear/train.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from summarizer.words import LEXICON_FILE

MIN_COUNT = 3


def main(argv: list[str]) -> None:
    counts: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for path in argv:
        with Path(path).open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                text = record.get("text") or ""
                counts.update(re.findall(r"(?<=[a-z,;] )[a-z]+(?:'[a-z]+)?\b", text))
                capitalised.update(w.lower() for w in re.findall(r"(?<=[a-z,;] )[A-Z][a-z]+\b", text))
    # A word written capitalised mid-sentence far more often than not is a name ("Trump").
    words = sorted(w for w, n in counts.items() if n >= MIN_COUNT and len(w) > 1 and 4 * n >= capitalised[w])
    LEXICON_FILE.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {LEXICON_FILE} ({len(words)} words)")


if __name__ == "__main__":
    main(sys.argv[1:])
