"""Word lists: the data every stage reads about English words, loaded from `data/words/`.

Each list is a plain file a linguist can edit without touching code; `#` starts a comment:
- `verbs.tsv`: verbs of saying and of taking a stance, one line each: lemma, tags, forms. One
  list serves the quotes (`speech`), the sides (`stance` and the kinds of statement) and the
  faithfulness guard (`attribution`, with the written forms it matches).
- `stopwords.txt`: function words, never a name and never content.
- `titles.txt`, `roles.txt` (words of office), `anonymous.txt`, `documents.txt`,
  `quantifiers.txt`, `kin.txt` (nouns of family): words around names.
- `numbers.tsv`, `ordinals.tsv`: number words and ordinal words, and their values.
- `currencies.tsv`: currency signs and words, and the unit their sums are counted in.
- `places.txt`: countries and the words that name them (demonyms, capitals, seats of government).
- `agencies.txt`: news agencies and wire services and the names that stand for them.
- `common_words.txt`: common English words (`scripts/build_lexicon.py`).
"""

from __future__ import annotations

from fractions import Fraction
from functools import lru_cache
from pathlib import Path

from summarizer.resources import package_file

WORDS_DIR = package_file("data/words")
LEXICON_FILE = WORDS_DIR / "common_words.txt"


def _lines(name: str) -> list[str]:
    path: Path = WORDS_DIR / name
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            out.append(line.rstrip())
    return out


def word_set(name: str) -> frozenset[str]:
    """A one-word-a-line list as a set."""
    return frozenset(line.strip() for line in _lines(name))


@lru_cache(maxsize=1)
def _verbs() -> dict[str, tuple[frozenset[str], tuple[str, ...]]]:
    table: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {}
    for line in _lines("verbs.tsv"):
        lemma, tags, *forms = [*line.split("\t"), ""][:3]
        table[lemma.strip()] = (frozenset(tags.split()), tuple(forms[0].split()) if forms else ())
    return table


def verbs(tag: str) -> frozenset[str]:
    """Lemmas of the verbs carrying `tag` (`speech`, `stance`, `adversarial`, `describe`, ...)."""
    return frozenset(lemma for lemma, (tags, _) in _verbs().items() if tag in tags)


def verb_forms(tag: str) -> tuple[str, ...]:
    """The written forms listed for the verbs carrying `tag`, in file order."""
    return tuple(form for tags, forms in _verbs().values() if tag in tags for form in forms)


def word_table(name: str) -> dict[str, str]:
    """A two-column (tab-separated) list as a dict from the first column to the second."""
    return dict(line.split("\t", 1) for line in _lines(name))


def _numbers() -> dict[str, Fraction]:
    return {word: Fraction(value) for word, value in (line.split("\t") for line in _lines("numbers.tsv"))}


def name_table(name: str) -> dict[str, str]:
    """A `Name: alias, alias` list as a dict from each lowercase alias to its name."""
    table: dict[str, str] = {}
    for line in _lines(name):
        canonical, aliases = line.split(":", 1)
        for alias in aliases.split(","):
            table[alias.strip()] = canonical.strip()
    return table


SPEECH_VERBS = verbs("speech")
STANCE_VERBS = verbs("stance")
STOPWORDS = word_set("stopwords.txt")
TITLES = word_set("titles.txt")
ROLES = word_set("roles.txt")
ANONYMOUS = word_set("anonymous.txt")
DOCUMENTS = word_set("documents.txt")
BODIES = word_set("bodies.txt")
AIDES = word_set("aides.txt")
KIN = word_set("kin.txt")
QUANTIFIERS = word_set("quantifiers.txt")
ORDINAL_VALUES = {word: int(value) for word, value in word_table("ordinals.tsv").items()}
ORDINALS = frozenset(ORDINAL_VALUES)
NUMBER_WORDS = _numbers()  # "six" -> 6, "dozen" -> 12, "½" -> 1/2
DEMONYMS = name_table("places.txt")  # "brazilian" -> "Brazil"


@lru_cache(maxsize=1)
def lexicon() -> frozenset[str]:
    """Common English words (scripts/build_lexicon.py, from American corpora), with their
    British spellings ("labour", "organisation", "centre", "travelled")."""
    words = LEXICON_FILE.read_text(encoding="utf-8").split()
    return frozenset(words) | {british for word in words for british in _british(word)}


# American endings and their British spellings.
_BRITISH_ENDINGS = (
    ("ization", "isation"),
    ("izations", "isations"),
    ("ize", "ise"),
    ("izes", "ises"),
    ("ized", "ised"),
    ("izing", "ising"),
    ("or", "our"),
    ("ors", "ours"),
    ("er", "re"),
    ("ers", "res"),
    ("ense", "ence"),
    ("eled", "elled"),
    ("eling", "elling"),
)


def _british(word: str) -> list[str]:
    return [
        word[: -len(us)] + uk for us, uk in _BRITISH_ENDINGS if word.endswith(us) and len(word) > len(us) + 2
    ]
