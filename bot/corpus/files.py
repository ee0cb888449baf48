"""Which files of a corpus folder are articles, and reading one as text.

A folder of scraped news holds what it holds: empty files, binaries, other encodings. A file
that is not usable text is skipped with the reason, never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass
class SkippedFile:
    path: str
    reason: str


def corpus_files(root: Path) -> list[Path]:
    return sorted(
        p for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith(".")
    )



class UnreadableFile(ValueError):
    """A corpus file that is not usable text."""


def decode(raw: bytes) -> str:
    if not raw.strip():
        raise UnreadableFile("empty file")
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile("binary file, not text")
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            break
        return text.replace("\r\n", "\n").replace("\r", "\n")
    raise UnreadableFile("not UTF-8 text (save it as UTF-8)")

