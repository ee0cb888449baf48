"""Settings: defaults, overlaid by config.yaml, then environment variables, then command-line flags.

Relative paths in a config file are resolved against the file's own folder, so `newsbot` behaves
the same from any working directory.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

log = logging.getLogger(__name__)

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "config.yaml"
DEFAULT_BASE_URL = "https://api.telegram.org/bot"


class ConfigError(ValueError):
    """A configuration the bot cannot start with; the message says what to fix."""


@dataclass
class Config:
    token: str = ""
    base_url: str = DEFAULT_BASE_URL
    corpus_dir: Path = PROJECT_ROOT / "seeds"
    metadata_file: str = "sources.yaml"
    passage_min_chars: int = 250
    passage_max_chars: int = 1000
    cache_dir: Path = PROJECT_ROOT / ".newsbot-cache"
    k1: float = 1.5
    b: float = 0.75
    search_results: int = 5
    quotes: int = 10
    timeline_events: int = 60
    sources_sentences: int = 3
    coverage_min_share: float = 0.4
    max_query_chars: int = 1000
    items_per_page: int = 5
    log_level: str = "INFO"
    persistence_file: Path | None = None  # None: chat-settings.pickle in cache_dir
    source: str = field(default="defaults")

    @property
    def persistence_path(self) -> Path:
        """Where per-chat settings are kept across restarts (python-telegram-bot persistence)."""
        return self.persistence_file or self.cache_dir / "chat-settings.pickle"


# (section, key) in config.yaml -> attribute, and how to read it.
_FIELDS: dict[tuple[str, str], tuple[str, type]] = {
    ("telegram", "token"): ("token", str),
    ("telegram", "base_url"): ("base_url", str),
    ("corpus", "dir"): ("corpus_dir", Path),
    ("corpus", "metadata_file"): ("metadata_file", str),
    ("corpus", "passage_min_chars"): ("passage_min_chars", int),
    ("corpus", "passage_max_chars"): ("passage_max_chars", int),
    ("index", "cache_dir"): ("cache_dir", Path),
    ("index", "k1"): ("k1", float),
    ("index", "b"): ("b", float),
    ("answers", "search_results"): ("search_results", int),
    ("answers", "quotes"): ("quotes", int),
    ("answers", "timeline_events"): ("timeline_events", int),
    ("answers", "sources_sentences"): ("sources_sentences", int),
    ("answers", "coverage_min_share"): ("coverage_min_share", float),
    ("telegram", "persistence_file"): ("persistence_file", Path),
    ("answers", "max_query_chars"): ("max_query_chars", int),
    ("answers", "items_per_page"): ("items_per_page", int),
    ("logging", "level"): ("log_level", str),
}

_ENVIRONMENT = {
    "TELEGRAM_BOT_TOKEN": "token",
    "NEWSBOT_TELEGRAM_BASE_URL": "base_url",
    "NEWSBOT_CORPUS": "corpus_dir",
}


def load_config(
    path: str | Path | None = None,
    corpus: str | Path | None = None,
    environ: dict[str, str] | None = None,
) -> Config:
    """The effective configuration; `path` and `corpus` come from command-line flags."""
    env = dict(os.environ if environ is None else environ)
    config = Config()
    explicit = path or env.get("NEWSBOT_CONFIG")
    config_path = Path(explicit).expanduser() if explicit else DEFAULT_CONFIG
    if config_path.is_file():
        _apply_file(config, config_path)
    elif explicit:
        raise ConfigError(f"config file not found: {config_path}")
    for variable, attribute in _ENVIRONMENT.items():
        if env.get(variable):
            value: Any = env[variable]
            if attribute == "corpus_dir":
                value = Path(value).expanduser()
            setattr(config, attribute, value)
    if corpus:
        config.corpus_dir = Path(corpus).expanduser()
    config.corpus_dir = config.corpus_dir.resolve()
    _validate(config)
    return config


def _apply_file(config: Config, path: Path) -> None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConfigError(f"cannot read config file {path}: {error}") from error
    if not isinstance(data, dict):
        raise ConfigError(f"config file {path} must be a mapping of sections")
    for (section, key), (attribute, kind) in _FIELDS.items():
        value = (data.get(section) or {}).get(key)
        if value is None or value == "":
            continue
        try:
            converted: Any = kind(value)
        except (TypeError, ValueError) as error:
            raise ConfigError(f"{path}: {section}.{key} should be {kind.__name__}") from error
        if kind is Path:
            converted = (path.parent / Path(str(value)).expanduser()).resolve()
        setattr(config, attribute, converted)
    config.source = str(path)


def _validate(config: Config) -> None:
    for name in ("search_results", "quotes", "timeline_events", "sources_sentences",
                 "items_per_page", "max_query_chars", "passage_min_chars", "passage_max_chars"):
        if getattr(config, name) < 1:
            raise ConfigError(f"{name} must be at least 1")
    if not 0 < config.coverage_min_share <= 1:
        raise ConfigError("answers.coverage_min_share must be above 0 and at most 1")
    if config.passage_min_chars > config.passage_max_chars:
        raise ConfigError("corpus.passage_min_chars must not exceed passage_max_chars")
    if not config.base_url.startswith(("http://", "https://")):
        raise ConfigError("telegram.base_url must start with http:// or https://")
