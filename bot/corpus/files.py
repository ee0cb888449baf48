"""Which files of a corpus folder are articles, and reading one as text.

A folder of scraped news holds what it holds: empty files, binaries, other encodings, a whole
site saved as one page, links to files elsewhere. A file that is not usable text is skipped
with the reason, never a crash; a file over the configured size is read only up to it; and
nothing outside the folder is read, whatever a link in it points at.
"""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

from bot.i18n import tr

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass
class SkippedFile:
    path: str
    reason: str


def corpus_files(root: Path) -> list[Path]:
    return [path for path, _ in corpus_entries(root)]


def corpus_entries(root: Path) -> list[tuple[Path, os.DirEntry[str]]]:
    """The article files under `root` in path order, each with its directory entry (whose
    `stat()` the index cache reads). Walked with `os.scandir`: on a corpus of thousands of
    files, `Path.rglob` and sorting `Path`s take a good part of a start."""
    found: list[tuple[tuple[str, ...], os.DirEntry[str]]] = []
    folders: list[tuple[tuple[str, ...], str]] = [((), str(root))]
    while folders:
        parts, folder = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = entry.name
                if entry.is_dir(follow_symlinks=False):  # as rglob: no symlinked folders
                    folders.append(((*parts, name), entry.path))
                elif (entry.is_file() and name.lower().endswith(DOCUMENT_SUFFIXES)
                      and not name.startswith(".")):
                    found.append(((*parts, name), entry))
    found.sort(key=lambda pair: pair[0])
    return [(root.joinpath(*parts), entry) for parts, entry in found]


class UnreadableFile(ValueError):
    """A corpus file that is not usable text."""


def inside(root: Path, path: Path) -> bool:
    """Whether `path`, its links followed, is in the folder `root` (a link out is not)."""
    return path.resolve().is_relative_to(root.resolve())


def read_file(root: Path, path: Path, limit: int) -> tuple[bytes, int]:
    """The file's first `limit` bytes (all of it when smaller) and its whole size.

    Raises UnreadableFile for a file outside `root` (a symbolic link pointing out of it).
    """
    if not inside(root, path):
        raise UnreadableFile(tr("a link to a file outside the corpus folder"))
    with path.open("rb") as handle:
        size = handle.seek(0, 2)
        handle.seek(0)
        return handle.read(limit), size


def decode(raw: bytes, whole: bool = True) -> str:
    """The text of a file's bytes; `whole=False` for a file's first part only (cut short, the
    last character may be incomplete: it is dropped, as is the last incomplete line)."""
    if not raw.strip():
        raise UnreadableFile(tr("empty file"))
    if b"\x00" in raw[:8192] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile(tr("binary file, not text"))
    encoding = "utf-16" if raw.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(raw, final=whole)
    except UnicodeError:
        pass
    else:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        return text if whole else _whole_lines(text)
    raise UnreadableFile(tr("not UTF-8 text (save it as UTF-8)"))


def _whole_lines(text: str) -> str:
    """A cut text without its last, cut line (or its last cut word, for one long line)."""
    for separator in ("\n", " "):
        at = text.rfind(separator, len(text) // 2)
        if at > 0:
            return text[:at]
    return text
