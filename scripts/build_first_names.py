"""Build the first-name gender list the quote stage uses when a story gives no hint of its own.

Every person the development corpora name is read with the story's own hints (`quotes.
gender_votes`: "Mrs", "chairwoman", or "she" as the next subject); a first name is listed when
at least MIN_VOTES hints from at least MIN_DOCS articles agree, four to one or better. Nothing is
looked up elsewhere: the list is what these texts say.

    python scripts/build_first_names.py ../shared/dev/neus/train/articles.jsonl \
        ../shared/dev/polnear/train.jsonl
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from summarizer.quotes import gender_votes, load_nlp
from summarizer.words import WORDS_DIR

MIN_VOTES = 3
MIN_DOCS = 2
AGREEMENT = 4  # the winning gender's votes against the other's


def main(argv: list[str]) -> None:
    nlp = load_nlp()
    votes: dict[str, Counter[str]] = {}
    docs_of: dict[str, set[int]] = {}
    texts = [json.loads(line)["text"] for path in argv for line in Path(path).read_text("utf-8").splitlines()]
    for n, doc in enumerate(nlp.pipe(texts, batch_size=64)):
        for person, gender in gender_votes([doc]):
            words = person.split()
            if len(words) < 2 or not words[0].isalpha() or not words[0][:1].isupper():
                continue
            first = words[0].lower()
            votes.setdefault(first, Counter())[gender] += 1
            docs_of.setdefault(first, set()).add(n)
        if n % 1000 == 0:
            print(f"{n}/{len(texts)} articles", file=sys.stderr)
    lines = [
        "# First names and the gender the development corpora's texts give them",
        "# (scripts/build_first_names.py: name<TAB>gender<TAB>votes).",
    ]
    for first in sorted(votes):
        count = votes[first]
        (gender, top), *rest = count.most_common(2)
        other = rest[0][1] if rest else 0
        if top >= MIN_VOTES and len(docs_of[first]) >= MIN_DOCS and top >= AGREEMENT * other:
            lines.append(f"{first}\t{gender}\t{top}")
    (WORDS_DIR / "first_names.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 2} first names", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
