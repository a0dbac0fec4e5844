"""Build the reference first-name list: names whose bearers are nearly all of one gender, from
the `nomquamgender` package's name data (MIT licence; Van Buskirk, Clauset and Larremore, "An
open-source cultural consensus approach to name-based gender classification", 2023: counts from
some 30 national and scientific name registers).

The quote stage asks it only when the story itself gives no hint (`quotes.gender_votes`) and
the development corpora's own list (`first_names.tsv`) does not know the name. A name is listed
when at least MIN_COUNT bearers are counted and at least SHARE of them have one gender.

    pip install nomquamgender==0.1.4   # the data only; the package is not a dependency
    python scripts/build_reference_names.py
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from pathlib import Path

from summarizer.words import WORDS_DIR

MIN_COUNT = 500
SHARE = 0.9
NAME = re.compile(r"[a-z]+(?:-[a-z]+)?")


def main() -> None:
    spec = importlib.util.find_spec("nomquamgender")  # found, not imported: it would import pandas
    if spec is None or not spec.submodule_search_locations:
        sys.exit("nomquamgender is not installed: pip install nomquamgender==0.1.4")
    folder = Path(next(iter(spec.submodule_search_locations)))
    data = json.loads((folder / "name_data.json").read_text("utf-8"))
    lines = [
        "# First names nearly all of whose bearers have one gender (scripts/build_reference_names.py:",
        "# name<TAB>gender<TAB>share of bearers). From nomquamgender 0.1.4, name_data.json,",
        "# Copyright (c) 2022 Ian Van Buskirk, MIT licence.",
    ]
    for name in sorted(data):
        _sources, count, female = data[name][:3]
        if count < MIN_COUNT or not NAME.fullmatch(name) or SHARE > female > 1 - SHARE:
            continue
        gender, share = ("f", female) if female >= SHARE else ("m", 1 - female)
        lines.append(f"{name}\t{gender}\t{share:.2f}")
    (WORDS_DIR / "first_names_reference.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines) - 3} first names", file=sys.stderr)


if __name__ == "__main__":
    main()
