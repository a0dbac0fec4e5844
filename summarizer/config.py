"""Layered configuration: packaged defaults < user TOML file < flags. Unknown keys are errors.

The packaged `defaults.toml` is the one place defaults are written; the dataclasses below only
give them types.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import tomllib

from summarizer.errors import ConfigError
from summarizer.resources import package_file

FORMATS = ("md", "html", "json")
ENGINES = ("local", "ray")


@dataclass(frozen=True, slots=True)
class CleanConfig:
    max_heading_words: int


@dataclass(frozen=True, slots=True)
class GroupConfig:
    min_probability: float
    lead_sentences: int
    neighbours: int


@dataclass(frozen=True, slots=True)
class RankConfig:
    ranker: str
    budget_words: int
    same_content_similarity: float
    weight_centrality: float
    weight_support: float
    weight_position: float
    mmr_lambda: float


@dataclass(frozen=True, slots=True)
class AbstractiveConfig:
    backend: str
    model: str
    prompt: str
    strict_prompt: str
    words: int
    max_new_tokens: int
    temperature: float
    top_p: float
    seed: int
    context_tokens: int
    threads: int
    retries: int


@dataclass(frozen=True, slots=True)
class OutputConfig:
    dir: str
    formats: tuple[str, ...]
    max_stories: int


@dataclass(frozen=True, slots=True)
class FactsConfig:
    max_facts: int
    salience_weight: float
    duplicate_similarity: float
    support_similarity: float
    discrepancy_similarity: float
    generic_discrepancy_similarity: float
    lone_discrepancy_similarity: float


@dataclass(frozen=True, slots=True)
class QuotesConfig:
    min_words: int
    same_quote: float
    unmarked_share: float
    speakers: str  # "learned" (the trained ranking) or "rules" (the rule cascade alone)


@dataclass(frozen=True, slots=True)
class SidesConfig:
    max_sides: int
    max_positions: int
    max_common_ground: int
    same_position: float
    same_position_same_actor: float
    same_ground: float
    pair_describe: float
    pair_agree: float
    pair_say: float


@dataclass(frozen=True, slots=True)
class EmailConfig:
    sender: str
    host: str
    port: int
    security: str
    username: str
    timeout_seconds: float
    retries: int
    backoff_seconds: float
    list_unsubscribe: str
    attachment_name: str
    ca_file: str


@dataclass(frozen=True, slots=True)
class LimitsConfig:
    max_file_mb: float
    max_article_chars: int
    max_story_sentences: int
    story_seconds: float


@dataclass(frozen=True, slots=True)
class CacheConfig:
    enabled: bool
    path: str


@dataclass(frozen=True, slots=True)
class FetchConfig:
    since_hours: float
    timeout_seconds: float
    retries: int
    backoff_seconds: float
    concurrency: int
    per_host: int
    host_interval_seconds: float
    max_page_mb: float
    max_redirects: int
    cache_path: str


@dataclass(frozen=True, slots=True)
class EngineConfig:
    name: str  # "local" (this process) or "ray" (a pool of Ray actors)
    address: str
    workers: int
    cpus_per_worker: int
    retries: int


@dataclass(frozen=True, slots=True)
class InputConfig:
    translate: bool
    language_min_chars: int


@dataclass(frozen=True, slots=True)
class Config:
    clean: CleanConfig
    group: GroupConfig
    rank: RankConfig
    abstractive: AbstractiveConfig
    output: OutputConfig
    email: EmailConfig
    facts: FactsConfig
    quotes: QuotesConfig
    sides: SidesConfig
    limits: LimitsConfig
    cache: CacheConfig
    fetch: FetchConfig
    input: InputConfig
    engine: EngineConfig

    def to_dict(self) -> dict[str, dict[str, Any]]:
        return {
            section.name: {
                key.name: _plain(getattr(getattr(self, section.name), key.name))
                for key in fields(getattr(self, section.name))
            }
            for section in fields(self)
        }


Overrides = dict[str, dict[str, Any]]


ENV_PREFIX = "SUMMARIZER_EMAIL_"
ENV_USER_CONFIG = "SUMMARIZER_CONFIG"


def user_config_path() -> Path:
    """The user's config file: $SUMMARIZER_CONFIG, else `config.toml` in the platform's config
    folder (~/.config/summarizer/ on Linux). Read when it exists."""
    if os.environ.get(ENV_USER_CONFIG):
        return Path(os.environ[ENV_USER_CONFIG]).expanduser()
    from platformdirs import user_config_dir

    return Path(user_config_dir("summarizer")) / "config.toml"


def to_toml(config: Config) -> str:
    """The config as TOML (every section and key), as `summarizer config show` prints it."""
    lines: list[str] = []
    for section, values in config.to_dict().items():
        lines.append(f"[{section}]")
        lines.extend(f"{key} = {_toml_value(value)}" for key, value in values.items())
        lines.append("")
    return "\n".join(lines)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    import json

    return json.dumps(str(value), ensure_ascii=False)  # a TOML basic string has JSON's escapes


@lru_cache(maxsize=1)
def packaged_defaults() -> Config:
    """The packaged defaults alone (no user file, environment or flags), read once."""
    return _build(_read_toml(package_file("defaults.toml")))


def load_config(path: str | Path | None = None, overrides: Overrides | None = None) -> Config:
    """Build the config from the packaged defaults, the user's own file when there is one
    (`user_config_path()`), a file named by `path`, the environment (SUMMARIZER_EMAIL_<KEY> for
    the [email] section) and flag overrides, in that order.

    `overrides` holds only what the user set, e.g. {"abstractive": {"words": 60}}.
    """
    defaults = _read_toml(package_file("defaults.toml"))
    merged = {section: dict(values) for section, values in defaults.items()}
    layers: list[tuple[str, Overrides]] = []
    user = user_config_path()
    if user.is_file():
        layers.append((str(user), _read_toml(user)))
    if path is not None:
        layers.append((str(path), _read_toml(Path(path))))
    environment = _environment(defaults["email"])
    if environment:
        layers.append(("environment", {"email": environment}))
    if overrides:
        layers.append(("flags", overrides))
    for origin, layer in layers:
        for section, values in layer.items():
            if section not in defaults:
                known = ", ".join(sorted(defaults))
                raise ConfigError(f"{origin}: unknown section [{section}] (known: {known})")
            if not isinstance(values, dict):
                raise ConfigError(f"{origin}: [{section}] must be a table")
            for key, value in values.items():
                if key not in defaults[section]:
                    raise ConfigError(f"{origin}: unknown key {section}.{key}")
                where = f"{origin}: {section}.{key}"
                merged[section][key] = _coerce(value, defaults[section][key], where)
    config = _build(merged)
    _validate(config)
    return config


def _environment(email_defaults: dict[str, Any]) -> dict[str, Any]:
    """[email] values from SUMMARIZER_EMAIL_<KEY> variables, typed like their defaults."""
    values: dict[str, Any] = {}
    for key, default in email_defaults.items():
        raw = os.environ.get(ENV_PREFIX + key.upper())
        if raw is None:
            continue
        try:
            values[key] = type(default)(raw) if not isinstance(default, str) else raw
        except ValueError:
            raise ConfigError(
                f"environment: {ENV_PREFIX}{key.upper()}={raw!r} is not a {type(default).__name__}"
            ) from None
    return values


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such config file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None


def _build(merged: dict[str, dict[str, Any]]) -> Config:
    sections: dict[str, Any] = {}
    for section in fields(Config):
        cls = section.type if isinstance(section.type, type) else globals()[str(section.type)]
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in merged[section.name].items()}
        sections[section.name] = cls(**values)
    return Config(**sections)


def _coerce(value: Any, default: Any, where: str) -> Any:
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise ConfigError(f"{where}: expected true or false, got {value!r}")
        return value
    if isinstance(default, int):
        if isinstance(value, bool) or not isinstance(value, int):
            raise ConfigError(f"{where}: expected a whole number, got {value!r}")
        return value
    if isinstance(default, float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ConfigError(f"{where}: expected a number, got {value!r}")
        return float(value)
    if isinstance(default, list):
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: expected a list of strings, got {value!r}")
        return list(value)
    if not isinstance(value, str):
        raise ConfigError(f"{where}: expected a string, got {value!r}")
    return value


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _validate(config: Config) -> None:
    rank = config.rank
    weights = (rank.weight_centrality, rank.weight_support, rank.weight_position)
    if any(w < 0 for w in weights) or abs(sum(weights) - 1.0) > 1e-6:
        raise ConfigError(f"rank weights must be non-negative and sum to 1, got {weights}")
    if not 0.0 <= rank.mmr_lambda <= 1.0:
        raise ConfigError(f"rank.mmr_lambda must lie in [0, 1], got {rank.mmr_lambda}")
    if not 0.0 <= config.facts.salience_weight <= 1.0:
        raise ConfigError(f"facts.salience_weight must lie in [0, 1], got {config.facts.salience_weight}")
    unknown = [f for f in config.output.formats if f not in FORMATS]
    if unknown or not config.output.formats:
        raise ConfigError(f"output.formats: unknown format(s) {unknown} (known: {', '.join(FORMATS)})")
    if config.abstractive.retries not in (0, 1):
        raise ConfigError(f"abstractive.retries must be 0 or 1, got {config.abstractive.retries}")
    if config.abstractive.words < 10:
        raise ConfigError(f"abstractive.words must be at least 10, got {config.abstractive.words}")
    if config.email.security not in ("starttls", "ssl", "none"):
        raise ConfigError(f"email.security must be starttls, ssl or none, got {config.email.security!r}")
    if config.quotes.speakers not in ("learned", "rules"):
        raise ConfigError(f"quotes.speakers must be learned or rules, got {config.quotes.speakers!r}")
    if config.email.retries < 0:
        raise ConfigError(f"email.retries must not be negative, got {config.email.retries}")
    limits = config.limits
    for key in ("max_file_mb", "max_article_chars", "max_story_sentences", "story_seconds"):
        if getattr(limits, key) < 0:
            raise ConfigError(f"limits.{key} must not be negative (0: no limit), got {getattr(limits, key)}")
    threshold = config.group.min_probability
    if not 0.0 < threshold < 1.0:
        raise ConfigError(f"group.min_probability must lie in (0, 1), got {threshold}")
    if config.group.neighbours < 1 or config.group.lead_sentences < 1:
        raise ConfigError("group.neighbours and group.lead_sentences must be at least 1")
    engine = config.engine
    if engine.name not in ENGINES:
        raise ConfigError(f"engine.name must be one of {', '.join(ENGINES)}, got {engine.name!r}")
    if engine.workers < 0 or engine.cpus_per_worker < 1 or engine.retries < 0:
        raise ConfigError(
            "engine.workers and engine.retries must not be negative, engine.cpus_per_worker at least 1"
        )
    fetch = config.fetch
    if min(fetch.concurrency, fetch.per_host) < 1 or fetch.max_redirects < 0 or fetch.retries < 0:
        raise ConfigError(
            "fetch.concurrency and fetch.per_host must be at least 1; retries, max_redirects not negative"
        )
    if (
        min(fetch.timeout_seconds, fetch.max_page_mb) <= 0
        or min(fetch.since_hours, fetch.backoff_seconds) < 0
    ):
        raise ConfigError(
            "fetch.timeout_seconds and fetch.max_page_mb must be positive;"
            " fetch.since_hours and fetch.backoff_seconds not negative"
        )
