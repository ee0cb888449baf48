"""The `newsbot` command as a user runs it: ask, --json, index, chat, and clear errors."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest

from handlers.main import main
from tests.conftest import SEEDS


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "config.yaml"
    path.write_text(f"corpus:\n  dir: {SEEDS}\nindex:\n  cache_dir: {tmp_path / 'cache'}\n")
    return path


@pytest.fixture(autouse=True)
def _no_token(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TELEGRAM_BOT_TOKEN", "NEWSBOT_CONFIG", "NEWSBOT_CORPUS",
                 "NEWSBOT_TELEGRAM_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


def test_ask_prints_the_answer_as_text(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "/quote Xi", "--config", str(config_file)]) == 0
    out = capsys.readouterr().out
    assert "Xi Jinping" in out and "carried by" in out and "<b>" not in out


def test_ask_in_spanish_gives_the_bots_words_in_spanish(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "/quote Xi", "--language", "es", "--config", str(config_file)]) == 0
    out = capsys.readouterr().out
    assert "Xi Jinping" in out and "publicada por" in out and "carried by" not in out


def test_ask_json_is_one_object_with_stable_fields(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "--json", "/timeline", "--config", str(config_file)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["command"] == "timeline" and data["query"] == ""
    assert data["events"][0]["date"] == "1847"
    assert data["events"][0]["sources"][0]["outlet"] == "Struggle-La-Lucha.org"


def test_index_reports_outlets_and_skipped_files(
    tmp_path: Path, config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "broken.txt").write_bytes(b"\xff\xfe\x00\x00garbage\x00")
    (corpus / "empty.md").write_text("")
    assert main(["index", "--config", str(config_file), "--corpus", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert "5 documents, 63 passages" in out
    assert "Notes from the Cuban Exile Quarter" in out
    assert "Skipped files: 2" in out and "empty.md: empty file" in out
    assert main(["index", "--config", str(config_file), "--corpus", str(corpus)]) == 0
    assert "loaded from cache" in capsys.readouterr().out


def test_no_token_opens_the_console_chat(
    config_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("/sources blockade\n\n"))
    assert main(["--config", str(config_file)]) == 0
    out = capsys.readouterr().out
    assert "No Telegram token configured" in out
    assert "Commands:" in out
    assert "outlets on “blockade”" in out and "Not covered by" in out


def test_run_without_token_explains_what_to_set(
    config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--config", str(config_file)]) == 2
    assert "TELEGRAM_BOT_TOKEN" in capsys.readouterr().err


def test_missing_corpus_folder_is_a_clear_error(
    tmp_path: Path, config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["ask", "x", "--config", str(config_file), "--corpus", str(tmp_path / "nope")])
    assert code == 2
    assert "corpus folder not found" in capsys.readouterr().err


def test_corpus_from_environment(
    tmp_path: Path, config_file: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus = tmp_path / "mine"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The harbour of Mariel was dredged in 2014 by a firm.\n")
    monkeypatch.setenv("NEWSBOT_CORPUS", str(corpus))
    assert main(["ask", "Mariel", "--config", str(config_file)]) == 0
    assert "harbour of Mariel" in capsys.readouterr().out


def test_index_of_a_hostile_corpus_folder_warns_and_serves_only_its_articles(
    tmp_path: Path, config_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, outside = tmp_path / "corpus", tmp_path / "outside.txt"
    shutil.copytree(SEEDS, corpus)
    outside.write_text("A line from outside the corpus folder that no user may see.\n" * 5)
    (corpus / "linked.txt").symlink_to(outside)
    (corpus / "huge.txt").write_text("The ferry ran late again that morning. " * 100_000)
    sources = (corpus / "sources.yaml").read_text()
    (corpus / "sources.yaml").write_text(
        sources + "  huge:\n    outlet: Harbour News\n    date: 2024-13-45\n    colour: red\n")
    config_file.write_text(config_file.read_text() + "corpus:\n  max_file_bytes: 100000\n")
    assert main(["index", "--config", str(config_file), "--corpus", str(corpus)]) == 0
    out, err = capsys.readouterr()
    assert "6 documents" in out and "Harbour News" in out
    assert "linked.txt: a link to a file outside the corpus folder" in out
    assert "huge.txt is 3,900,000 bytes, over corpus.max_file_bytes (100,000)" in err
    assert "line 35: huge.date: '2024-13-45' is not a date" in err
    assert "line 36: huge.colour: unknown key" in err
    assert "Traceback" not in out + err
    assert main(["ask", "/search outside the corpus folder", "--config", str(config_file),
                 "--corpus", str(corpus)]) == 0
    assert "no user may see" not in capsys.readouterr().out


def test_add_files_then_ask_about_them_after_a_restart(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "ferry.txt"
    article.write_text(
        "Ferry terminal opens\n2025-06-02\n\nThe harbour authority of Portsmouth opened its new "
        "ferry terminal on Monday, after three years of building work on the quay.\n\n"
        "\u201cIt will carry twice as many passengers,\u201d said Marta Quiroga, the port "
        "director.\n", encoding="utf-8")
    assert main(["add", str(article), "--outlet", "Harbour Post",
                 "--config", str(config_file)]) == 0
    assert capsys.readouterr().out.startswith(
        "Added: Harbour Post, 2 Jun 2025 — “Ferry terminal opens”\n")
    assert main(["add", str(article), str(tmp_path / "missing.txt"),
                 "--config", str(config_file)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "Already in the corpus (same text): Harbour Post, 2 Jun 2025 — “Ferry terminal opens”",
        "Not added: " + str(tmp_path / "missing.txt") + ": No such file or directory.",
    ]
    assert main(["ask", "/search ferry passengers", "--config", str(config_file)]) == 0
    assert "Harbour Post · 2 Jun 2025" in capsys.readouterr().out
    assert main(["add", "--config", str(config_file)]) == 2
