"""Each article's language, and what is done with one not in English.

The language is told by py3langid (a small naive-Bayes model over byte n-grams, shipped in its
wheel, 97 languages). An article not in English is, by `[input] translate`, either translated
into English by the local model (marked as translated; its original text is kept in the run
folder; its quotes are shown as translations) or set aside with a note. Texts shorter than
`input.language_min_chars`, or whose language the model is not sure of, are taken as they are.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any, Protocol

from summarizer.abstractive import Backend, GenerationSettings, count_tokens
from summarizer.config import InputConfig
from summarizer.errors import InputError, SummarizerError, TranslationError
from summarizer.models import Article, RunNote
from summarizer.prompts import Prompt, load_prompt
from summarizer.sentences import split_text

ENGLISH = "en"
_SURE = 0.9  # probability below which a language is not acted on
_CHUNK_WORDS = 250  # words of one translation call (the model's output is the cost)

LANGUAGES = {
    "ar": "Arabic",
    "ca": "Catalan",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "fa": "Persian",
    "fi": "Finnish",
    "fr": "French",
    "he": "Hebrew",
    "hi": "Hindi",
    "hu": "Hungarian",
    "id": "Indonesian",
    "it": "Italian",
    "ja": "Japanese",
    "ko": "Korean",
    "nl": "Dutch",
    "no": "Norwegian",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "ru": "Russian",
    "sv": "Swedish",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "vi": "Vietnamese",
    "zh": "Chinese",
}


def language_name(code: str) -> str:
    """ "German" for "de"; the code itself for a language not listed."""
    return LANGUAGES.get(code, code)


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str, min_chars: int = 0) -> str:
    """The ISO 639-1 code of `text`'s language, or "" when it is too short or the model unsure."""
    if len(text.strip()) < min_chars:
        return ""
    code, probability = _identifier().classify(text[:20_000])
    return str(code) if probability >= _SURE else ""


class Translator(Protocol):
    def translate(self, text: str, language: str) -> str: ...


@dataclass
class Languages:
    """What the language stage did with a day's articles."""

    articles: list[Article]
    originals: dict[str, str] = field(default_factory=dict)  # article id -> text as it came
    counts: Counter[str] = field(default_factory=Counter)  # language -> articles
    translated: int = 0
    set_aside: int = 0

    def manifest(self, translate: bool) -> dict[str, Any]:
        return {
            "translate": translate,
            "languages": dict(self.counts),
            "translated": self.translated,
            "set_aside": self.set_aside,
        }


def handle_languages(
    articles: list[Article],
    config: InputConfig,
    translator: Callable[[], Translator] | None,
    on_error: Callable[[InputError], None],
    on_note: Callable[[RunNote], None],
) -> Languages:
    """Articles in English (or undetermined) as they are; others translated when `translator`
    is given (it is built on first need), else set aside with a note."""
    result = Languages([])
    made: list[Translator] = []
    unavailable: list[SummarizerError] = []
    for article in articles:
        code = detect(article.text, config.language_min_chars) or ENGLISH
        result.counts[code] += 1
        if code == ENGLISH:
            result.articles.append(article)
            continue
        name = f"{language_name(code)} ({code})"
        if translator is None:
            on_note(RunNote(article.path, f"in {name}: set aside (input.translate = true translates it)"))
            result.set_aside += 1
            continue
        try:
            if unavailable:
                raise unavailable[0]
            if not made:
                try:
                    made.append(translator())
                except SummarizerError as exc:  # the model cannot load: said once per article, not retried
                    unavailable.append(exc)
                    raise
            title = made[0].translate(article.title, code) if article.title else ""
            text = made[0].translate(article.text, code)
        except SummarizerError as exc:
            on_error(InputError(article.path, f"in {name}: could not be translated ({exc}); set aside"))
            result.set_aside += 1
            continue
        result.originals[article.id] = article.text
        result.articles.append(
            replace(article, text=text, title=title or article.title, translated_from=code)
        )
        result.translated += 1
        on_note(RunNote(article.path, f"in {name}: translated into English by the local model"))
    return result


def chunks(text: str, words: int = _CHUNK_WORDS) -> list[str]:
    """`text` in pieces of whole paragraphs (a long paragraph by sentences) of about `words`."""
    units: list[tuple[str, str]] = []  # (text, what joins it to the unit before)
    for paragraph in (p.strip() for p in text.split("\n") if p.strip()):
        if len(paragraph.split()) <= words:
            units.append((paragraph, "\n"))
        else:
            sentences = split_text(paragraph)
            units.extend((sentence, " " if i else "\n") for i, sentence in enumerate(sentences))
    pieces: list[str] = []
    current, size = "", 0
    for unit, joiner in units:
        n = len(unit.split())
        if current and size + n > words:
            pieces.append(current)
            current, size = "", 0
        current = current + joiner + unit if current else unit
        size += n
    if current:
        pieces.append(current)
    return pieces


class ModelTranslator:
    """Translation by the abstractive backend, a piece at a time (`prompts/translate.j2`)."""

    def __init__(self, backend: Backend, settings: GenerationSettings, prompt: Prompt | None = None) -> None:
        self.backend = backend
        self.settings = settings
        self.prompt = prompt or load_prompt("translate")

    def translate(self, text: str, language: str) -> str:
        out = []
        for piece in chunks(text):
            system, user = self.prompt.render(text=piece, language=language_name(language))
            budget = max(64, 2 * count_tokens(self.backend, piece))
            answer = self.backend.generate(system, user, replace(self.settings, max_new_tokens=budget))
            cleaned = _answer(answer)
            if not cleaned:
                raise TranslationError("the model gave no translation")
            out.append(cleaned)
        return "\n".join(out)


def _answer(text: str) -> str:
    """The translation without a label or code fence the model may put around it."""
    text = re.sub(r"^\s*```\w*\s*|\s*```\s*$", "", text.strip())
    return re.sub(r"^(?:english )?(?:translation|english)\s*:\s*", "", text, flags=re.IGNORECASE).strip()
