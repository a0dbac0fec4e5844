from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.config import load_config
from summarizer.errors import ConfigError


def test_layers_defaults_file_then_flags(tmp_path: Path) -> None:
    user = tmp_path / "my.toml"
    user.write_text('[abstractive]\nwords = 60\nmodel = "other"\n[output]\nformats = ["md"]\n')
    config = load_config(user, {"abstractive": {"words": 90}})
    assert config.abstractive.words == 90
    assert config.abstractive.model == "other"
    assert config.output.formats == ("md",)
    assert config.abstractive.backend == "llama-cpp"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[abstractive]\nwrods = 3\n", "unknown key abstractive.wrods"),
        ("[nope]\nx = 1\n", "unknown section \\[nope\\]"),
        ("[abstractive]\nwords = 'many'\n", "abstractive.words: expected a whole number"),
        ("[output]\nformats = ['pdf']\n", "unknown format"),
        ("[abstractive\n", "not valid TOML"),
        ("[quotes]\nspeakers = 'guess'\n", "quotes.speakers must be learned or rules"),
        ("[facts]\nsalience_weight = 1.5\n", "facts.salience_weight must lie in \\[0, 1\\]"),
    ],
)
def test_bad_config_files_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    user = tmp_path / "bad.toml"
    user.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_config(user)


def test_formats_flag_accepts_a_comma_list_and_missing_file_is_an_error(tmp_path: Path) -> None:
    assert load_config(overrides={"output": {"formats": "md,html"}}).output.formats == ("md", "html")
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "missing.toml")
