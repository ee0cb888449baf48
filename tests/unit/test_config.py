from pathlib import Path

import pytest

from bot.config import ConfigError, TelegramConfig, load_config


def test_environment_overrides_file_and_flags_override_environment(tmp_path: Path) -> None:
    config_file = tmp_path / "c.yaml"
    config_file.write_text("telegram:\n  token: from-file\ncorpus:\n  dir: articles\n")
    env = {"TELEGRAM_BOT_TOKEN": "from-env", "NEWSBOT_TELEGRAM_BASE_URL": "http://127.0.0.1:9/bot"}
    config = load_config(config_file, environ=env)
    assert config.telegram.token == "from-env"
    assert config.telegram.base_url == "http://127.0.0.1:9/bot"
    assert config.corpus.dir == (tmp_path / "articles").resolve()  # relative to the file
    assert load_config(config_file, corpus=tmp_path, environ=env).corpus.dir == tmp_path


def test_config_named_by_environment(tmp_path: Path) -> None:
    config_file = tmp_path / "c.yaml"
    config_file.write_text("answers:\n  search_results: 3\n")
    assert load_config(environ={"NEWSBOT_CONFIG": str(config_file)}).answers.search_results == 3


@pytest.mark.parametrize(
    "content, message",
    [
        ("answers:\n  search_results: many\n", "answers.search_results: should be int"),
        ("answers:\n  quotes: 0\n", "quotes must be at least 1"),
        ("telegram:\n  base_url: ftp://x\n", "base_url"),
        ("[unclosed", "cannot read config file"),
        ("- a list\n", "must be a mapping of sections"),
        ("corpus: [1, 2]\n", "corpus must be a mapping"),
        ("answers:\n  quotes: .inf\n", "answers.quotes: should be int"),
        ("index:\n  k1: .nan\n", "index.k1 must be"),
        ("index:\n  b: 2\n", "index.b must be between 0 and 1"),
        ("logging:\n  level: LOUD\n", "logging.level must be one of"),
        ("corpus:\n  max_file_bytes: 0\n", "max_file_bytes must be at least 1"),
        ("corpus:\n  metadata_file: ../../etc/passwd\n", "a file name in the corpus folder"),
        ("telegram: !!python/object/apply:os.system [echo hi]\n", "cannot read config file"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    config_file = tmp_path / "c.yaml"
    config_file.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_config(config_file, environ={})


def test_missing_named_config_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_config(tmp_path / "nope.yaml", environ={})


def test_unknown_sections_and_settings_are_named_in_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config_file = tmp_path / "c.yaml"
    config_file.write_text("colour: red\ncorpus:\n  shape: round\n  max_file_bytes: 5000\n")
    config = load_config(config_file, environ={})
    assert config.corpus.max_file_bytes == 5000
    assert "unknown section colour" in caplog.text
    assert "unknown setting corpus.shape" in caplog.text


def test_files_are_downloaded_from_beside_the_bot_api() -> None:
    assert TelegramConfig().file_url == "https://api.telegram.org/file/bot"
    assert TelegramConfig(base_url="http://127.0.0.1:8081/bot").file_url == (
        "http://127.0.0.1:8081/file/bot")
