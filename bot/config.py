"""Settings: defaults, overlaid by config.yaml, then environment variables, then command-line flags.

The configuration has the sections of config.yaml, one dataclass each, so a setting is declared
once, with its default, and read from the file by its section and name. Relative paths in a
config file are resolved against the file's own folder, so `newsbot` behaves the same from any
working directory.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
import typing
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
class TelegramConfig:
    token: str = ""
    base_url: str = DEFAULT_BASE_URL
    persistence_file: Path | None = None  # None: chat-settings.sqlite3 in index.cache_dir
    forget_chats_after_days: float = 180.0  # a chat silent this long loses its settings
    request_timeout: float = 30.0  # seconds to send a request to the Bot API and read its answer

    @property
    def file_url(self) -> str:
        """Where the files users send are downloaded from: beside the methods' address, as
        Telegram and a local Bot API server have it (".../bot" -> ".../file/bot")."""
        if self.base_url.endswith("/bot"):
            return self.base_url.removesuffix("/bot") + "/file/bot"
        return DEFAULT_BASE_URL.removesuffix("/bot") + "/file/bot"


@dataclass(frozen=True)
class CorpusConfig:
    """What shapes the documents and passages: part of the index cache key."""

    dir: Path = PROJECT_ROOT / "seeds"
    metadata_file: str = "sources.yaml"
    passage_min_chars: int = 250
    passage_max_chars: int = 1000
    max_file_bytes: int = 5_000_000  # a larger file is read only up to this size
    max_article_chars: int = 300_000  # an article's text beyond this is left out


@dataclass(frozen=True)
class IndexConfig:
    cache_dir: Path | None = PROJECT_ROOT / ".newsbot-cache"  # None: no cache
    k1: float = 1.5
    b: float = 0.75


@dataclass(frozen=True)
class AnswersConfig:
    search_results: int = 5
    quotes: int = 10
    timeline_events: int = 60
    sources_sentences: int = 3
    coverage_min_share: float = 0.4
    max_query_chars: int = 1000
    items_per_page: int = 5
    # Wordings that mean one thing, across languages and spellings: "blockade ~ bloqueo ~ embargo"
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class IngestConfig:
    """Adding articles while the bot runs: by link, file or feed (bot/ingest/)."""

    store: Path | None = None  # the articles' SQLite file; None: articles.sqlite3 in cache_dir
    admins: tuple[int, ...] = ()  # Telegram user ids who may add articles and feeds
    allow_private_hosts: bool = False  # fetch from loopback, private and link-local addresses
    max_bytes: int = 5_000_000  # a page, file or feed larger than this is refused
    timeout: float = 20.0  # seconds for one fetch, redirects included
    max_redirects: int = 5
    feed_interval: float = 900.0  # seconds between two polls of the feeds
    host_delay: float = 1.0  # seconds between two requests to one host
    near_duplicate: float = 0.45  # estimated word-shingle Jaccard from which two texts are one


@dataclass
class LoggingConfig:
    level: str = "INFO"


@dataclass
class Config:
    telegram: TelegramConfig = field(default_factory=TelegramConfig)
    corpus: CorpusConfig = field(default_factory=CorpusConfig)
    index: IndexConfig = field(default_factory=IndexConfig)
    answers: AnswersConfig = field(default_factory=AnswersConfig)
    ingest: IngestConfig = field(default_factory=IngestConfig)
    logging: LoggingConfig = field(default_factory=LoggingConfig)
    source: str = "defaults"  # the file it was read from

    @property
    def persistence_path(self) -> Path:
        """Where per-chat settings are kept across restarts (SQLite, handlers/persistence.py)."""
        folder = self.index.cache_dir or PROJECT_ROOT / ".newsbot-cache"
        return self.telegram.persistence_file or folder / "chat-settings.sqlite3"

    @property
    def store_path(self) -> Path:
        """The SQLite file of the articles added by link, file or feed."""
        folder = self.index.cache_dir or PROJECT_ROOT / ".newsbot-cache"
        return self.ingest.store or folder / "articles.sqlite3"


# Environment variable -> (section, key).
_ENVIRONMENT = {
    "TELEGRAM_BOT_TOKEN": ("telegram", "token"),
    "NEWSBOT_TELEGRAM_BASE_URL": ("telegram", "base_url"),
    "NEWSBOT_CORPUS": ("corpus", "dir"),
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
    for variable, (section, key) in _ENVIRONMENT.items():
        if env.get(variable):
            _set(config, section, key, env[variable], Path.cwd())
    if corpus:
        _set(config, "corpus", "dir", str(corpus), Path.cwd())
    _set(config, "corpus", "dir", config.corpus.dir.resolve(), None)
    _validate(config)
    return config


def _apply_file(config: Config, path: Path) -> None:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise ConfigError(f"cannot read config file {path}: {error}") from error
    if not isinstance(data, dict):
        raise ConfigError(f"config file {path} must be a mapping of sections")
    for unknown in set(map(str, data)) - set(_sections()):
        log.warning("%s: unknown section %s ignored (sections: %s)", path, unknown,
                    ", ".join(_sections()))
    for section in _sections():
        values = data.get(section) or {}
        if not isinstance(values, dict):
            raise ConfigError(f"{path}: {section} must be a mapping of settings")
        for key, value in values.items():
            if value is None or value == "":
                continue
            try:
                _set(config, section, str(key), value, path.parent)
            except (TypeError, ValueError) as error:
                raise ConfigError(f"{path}: {section}.{key}: {error}") from error
    config.source = str(path)


def _sections() -> list[str]:
    return [f.name for f in dataclasses.fields(Config) if f.name != "source"]


def _set(config: Config, section: str, key: str, value: Any, base: Path | None) -> None:
    """Set section.key to `value` converted to the setting's type; paths relative to `base`."""
    current = getattr(config, section)
    kinds = typing.get_type_hints(type(current))
    if key not in kinds:
        log.warning("unknown setting %s.%s ignored", section, key)
        return
    kind = kinds[key]
    if kind in (Path, Path | None):
        converted: Any = Path(str(value)).expanduser()
        if base is not None:
            converted = (base / converted).resolve()
    elif kind == tuple[str, ...]:
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ValueError("should be a list of strings")
        converted = tuple(value)
    elif kind == tuple[int, ...]:
        if not isinstance(value, list | tuple) or not all(
                isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise ValueError("should be a list of numbers")
        converted = tuple(value)
    elif kind is bool:
        if not isinstance(value, bool):
            raise ValueError("should be true or false")
        converted = value
    elif kind is bool or not isinstance(value, kind):
        if isinstance(value, bool) or kind not in (int, float, str):
            raise ValueError(f"should be {getattr(kind, '__name__', kind)}")
        try:
            converted = kind(value)
        except (TypeError, ValueError, OverflowError) as error:
            raise ValueError(f"should be {kind.__name__}") from error
    else:
        converted = value
    setattr(config, section, dataclasses.replace(current, **{key: converted}))


def _validate(config: Config) -> None:
    answers, corpus = config.answers, config.corpus
    for name in ("search_results", "quotes", "timeline_events", "sources_sentences",
                 "items_per_page", "max_query_chars"):
        if getattr(answers, name) < 1:
            raise ConfigError(f"answers.{name} must be at least 1")
    for name in ("passage_min_chars", "passage_max_chars", "max_file_bytes",
                 "max_article_chars"):
        if getattr(corpus, name) < 1:
            raise ConfigError(f"corpus.{name} must be at least 1")
    if not 0 < answers.coverage_min_share <= 1:
        raise ConfigError("answers.coverage_min_share must be above 0 and at most 1")
    if corpus.passage_min_chars > corpus.passage_max_chars:
        raise ConfigError("corpus.passage_min_chars must not exceed passage_max_chars")
    if config.telegram.forget_chats_after_days <= 0:
        raise ConfigError("telegram.forget_chats_after_days must be above 0")
    ingest = config.ingest
    for name in ("max_bytes", "timeout", "feed_interval"):
        if getattr(ingest, name) <= 0:
            raise ConfigError(f"ingest.{name} must be above 0")
    if ingest.max_redirects < 0 or ingest.host_delay < 0:
        raise ConfigError("ingest.max_redirects and ingest.host_delay must not be negative")
    if not 0 < ingest.near_duplicate <= 1:
        raise ConfigError("ingest.near_duplicate must be above 0 and at most 1")
    if config.telegram.request_timeout <= 0:
        raise ConfigError("telegram.request_timeout must be above 0 seconds")
    if not math.isfinite(config.index.k1) or config.index.k1 < 0:
        raise ConfigError("index.k1 must be a number of at least 0")
    if not 0 <= config.index.b <= 1:
        raise ConfigError("index.b must be between 0 and 1")
    if Path(corpus.metadata_file).name != corpus.metadata_file or corpus.metadata_file in (
            "", ".", ".."):
        raise ConfigError("corpus.metadata_file must be a file name in the corpus folder")
    if config.logging.level.upper() not in logging.getLevelNamesMapping():
        raise ConfigError("logging.level must be one of DEBUG, INFO, WARNING, ERROR, CRITICAL")
    if not config.telegram.base_url.startswith(("http://", "https://")):
        raise ConfigError("telegram.base_url must start with http:// or https://")
