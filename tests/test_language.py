"""Articles not in English: detected, then translated by the model or set aside, by config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.abstractive import GenerationSettings
from summarizer.config import Config, load_config
from summarizer.language import ModelTranslator, chunks, detect
from summarizer.models import ModelInfo
from summarizer.pipeline import brief
from tests.conftest import write_article

GERMAN = (
    "Der Stadtrat von Harwick hat am Dienstag beschlossen, das öffentliche Schwimmbad zu schließen. "
    "Die Reparatur hätte nach Angaben der Verwaltung 2,3 Millionen Dollar gekostet. "
    "„Wir haben keine andere Wahl“, sagte Bürgermeisterin Ana Reyes nach der Abstimmung. "
    "Etwa 200 Bürger protestierten vor dem Rathaus gegen die Entscheidung."
)
ENGLISH_VERSION = (
    "The Harwick town council decided on Tuesday to close the public swimming pool. "
    "According to the administration, the repair would have cost 2.3 million dollars. "
    '"We have no other choice," Mayor Ana Reyes said after the vote. '
    "About 200 residents protested outside the town hall against the decision."
)
ENGLISH = (
    "The Harwick council voted on Tuesday to close the town's public swimming pool for good. "
    "Officials said repairs would have cost 2.3 million dollars, more than the town could pay. "
    "Mayor Ana Reyes said the council had looked at every other option before the vote. "
    "Around 200 residents gathered outside the town hall to protest against the decision."
)


class Translating:
    """A stand-in model: translation prompts get the English version, summary prompts a summary."""

    def __init__(self) -> None:
        self.translations = 0

    def info(self) -> ModelInfo:
        return ModelInfo("fake", "translating", "1" * 64)

    def generate(self, system: str, user: str, settings: GenerationSettings) -> str:
        if user.startswith("Translate this German"):
            self.translations += 1
            return "Translation: " + (ENGLISH_VERSION if "Stadtrat" in user else "Pool to close")
        return "HEADLINE: Harwick council votes to close pool\nSUMMARY: The Harwick council voted on Tuesday to close the public swimming pool."


def test_languages_are_told_apart_and_short_texts_are_not_judged() -> None:
    assert detect(GERMAN, 200) == "de"
    assert detect(ENGLISH, 200) == "en"
    assert detect("Schwimmbad zu", 200) == ""


def day(folder: Path) -> Path:
    folder.mkdir()
    write_article(
        folder, "en.txt", ENGLISH, title="Harwick council votes to close pool", source="Valley Gazette"
    )
    write_article(folder, "de.txt", GERMAN, title="Schwimmbad wird geschlossen", source="Harwicker Zeitung")
    return folder


def test_a_german_article_is_set_aside_with_a_note_by_default(tmp_path: Path, config: Config) -> None:
    notes = []
    result = brief([day(tmp_path / "in")], config, backend=Translating(), on_note=notes.append)
    articles = [a for s in result.briefing.stories for a in s.articles]
    assert [a.source for a in articles] == ["Valley Gazette"]
    assert [n.path for n in notes] == [str(tmp_path / "in" / "de.txt")]
    assert "German (de): set aside" in notes[0].note
    assert result.manifest["input"] == {
        "translate": False,
        "languages": {"en": 1, "de": 1},
        "translated": 0,
        "set_aside": 1,
    }


def test_a_german_article_is_translated_when_configured(tmp_path: Path) -> None:
    settings = load_config(overrides={"input": {"translate": True}})
    backend = Translating()
    result = brief([day(tmp_path / "in")], settings, backend=backend)
    assert backend.translations == 2  # the title and the text (one piece)
    data = result.briefing.to_dict()
    articles = {a["source"]: a for s in data["stories"] for a in s["articles"]}
    assert articles["Harwicker Zeitung"]["translated_from"] == "de"
    assert articles["Valley Gazette"]["translated_from"] == ""
    assert result.manifest["input"]["translated"] == 1
    assert result.run_dir is not None
    originals = list((result.run_dir / "originals").iterdir())
    assert len(originals) == 1 and "Stadtrat" in originals[0].read_text()
    markdown = (result.run_dir / "briefing.md").read_text()
    assert "translated from German" in markdown
    quotes = [q for s in data["stories"] for q in s["quotes"]]
    only_translated = [q for q in quotes if set(q["sources"]) == {articles["Harwicker Zeitung"]["id"]}]
    assert all(q["translated_from"] == "de" for q in only_translated)
    assert not [
        q for q in quotes if q["translated_from"] and f'"{q["text"]}"' in markdown
    ]  # never as verbatim


def test_the_translator_works_in_pieces_and_drops_the_model_s_label() -> None:
    text = "\n".join(f"Absatz {n}: " + "Wort " * 120 for n in range(4))
    assert [len(p.split()) for p in chunks(text, 250)] == [244, 244]

    class Model:
        calls = 0

        def info(self) -> ModelInfo:
            return ModelInfo("fake", "m", "0" * 64)

        def generate(self, system: str, user: str, settings: GenerationSettings) -> str:
            Model.calls += 1
            return "```\nEnglish translation: Paragraph.\n```"

    translator = ModelTranslator(Model(), GenerationSettings(64, 0.0, 1.0, 0))
    assert translator.translate(text, "de") == "Paragraph.\nParagraph."
    assert Model.calls == 2


@pytest.mark.slow
def test_the_default_model_translates_a_german_article_in_a_briefing(tmp_path: Path) -> None:
    settings = load_config(overrides={"input": {"translate": True}})
    result = brief([day(tmp_path / "in")], settings)
    articles = {a.source: a for s in result.briefing.stories for a in s.articles}
    german = articles["Harwicker Zeitung"]
    assert german.translated_from == "de"
    assert result.run_dir is not None
    original = next((result.run_dir / "originals").iterdir()).read_text()
    assert "Stadtrat" in original
    data = json.loads((result.run_dir / "briefing.json").read_text())
    translated = [x for s in data["stories"] for x in s["extractive"] if x["article"] == german.id] + [
        q for s in data["stories"] for q in s["quotes"] if q["translated_from"]
    ]
    assert translated, "the translated article is read like the others"
    english = " ".join(x["text"] for x in translated)
    assert "Harwick" in english and detect(english * 3, 100) == "en"
