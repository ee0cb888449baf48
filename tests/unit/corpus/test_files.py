"""What a corpus folder may hold without harm: links out of it, files too big, bytes not text."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bot.config import CorpusConfig
from bot.corpus.documents import load_corpus
from bot.corpus.files import UnreadableFile, decode

PROSE = "The harbour reopened after the storm, and the ferries ran on time again. "


def test_a_link_to_a_file_outside_the_folder_is_skipped_and_never_read(tmp_path: Path) -> None:
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("root:x:0:0:the secret line that must not be served\n")
    (corpus / "article.txt").write_text(PROSE * 5)
    (corpus / "passwd.txt").symlink_to(outside / "secret.txt")
    (corpus / "same.txt").symlink_to(corpus / "article.txt")  # a link inside is an article
    loaded = load_corpus(corpus)
    assert [d.doc_id for d in loaded.documents] == ["article", "same"]
    assert {s.path: s.reason for s in loaded.skipped} == {
        "passwd.txt": "a link to a file outside the corpus folder"}
    assert all("secret" not in d.text for d in loaded.documents)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file, whatever its permissions")
def test_a_file_without_read_permission_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "article.txt").write_text(PROSE * 5)
    locked = tmp_path / "locked.txt"
    locked.write_text(PROSE * 5)
    locked.chmod(0)
    loaded = load_corpus(tmp_path)
    assert [d.doc_id for d in loaded.documents] == ["article"]
    assert [s.path for s in loaded.skipped] == ["locked.txt"]


def test_a_file_over_the_size_limit_is_read_up_to_it_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    lines = [f"Paragraph {n}: {PROSE}" for n in range(400)]
    (tmp_path / "dump.txt").write_text("\n\n".join(lines))
    loaded = load_corpus(tmp_path, CorpusConfig(max_file_bytes=10_000))
    text = loaded.document("dump").text
    assert "Paragraph 0:" in text and "Paragraph 399:" not in text
    assert len(text.encode()) <= 10_000
    assert text.rstrip().endswith("again.")  # cut at a line, not mid-word
    assert "dump.txt is 35,888 bytes, over corpus.max_file_bytes (10,000)" in caplog.text


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_a_cut_through_a_character_is_still_text(encoding: str) -> None:
    raw = ("Año nuevo en Camagüey. " * 50).encode(encoding)
    for cut in range(len(raw) - 8, len(raw)):
        text = decode(raw[:cut], whole=False)
        assert text.startswith("Año nuevo en Camagüey.") and "\ufffd" not in text


def test_bytes_that_are_not_text_are_named_as_such() -> None:
    with pytest.raises(UnreadableFile, match="not UTF-8"):
        decode("Caf\xe9".encode("latin-1") * 10)
    with pytest.raises(UnreadableFile, match="binary"):
        decode(b"\x89PNG\x00\x00\x01")


def test_an_article_with_more_text_than_the_limit_is_cut_at_a_space_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "one-line.txt").write_text(PROSE * 700)  # a page saved as one line
    loaded = load_corpus(tmp_path, CorpusConfig(max_article_chars=5_000))
    text = loaded.document("one-line").text
    whole = PROSE * 700
    assert 4_000 < len(text) <= 5_000 and whole.startswith(text) and whole[len(text)] == " "
    assert "one-line.txt has 51,100 characters of text, over corpus.max_article_chars (5,000)" \
        in caplog.text
