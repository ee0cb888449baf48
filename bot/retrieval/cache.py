"""The index on disk: built once, loaded at start-up while the corpus and the code are unchanged.

The cache key is a digest of every input that shapes the index: the corpus files and their
metadata, the corpus and index settings, and the source of the packages that build it (corpus,
extract, retrieval and the modules they stand on), so an edited rule rebuilds the index without
anyone keeping a list of modules.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from bot.config import CorpusConfig, IndexConfig
from bot.corpus.files import corpus_files
from bot.retrieval.index import NewsIndex, build_index

log = logging.getLogger(__name__)

INDEX_FORMAT = "2"
_PACKAGE = Path(__file__).resolve().parent.parent
# What builds the index: these folders and modules of `bot/`, all of their Python source.
_INDEX_CODE = ("corpus", "extract", "retrieval", "models.py", "text.py", "config.py")


def code_digest() -> str:
    """A digest of the source of everything that builds the index."""
    digest = hashlib.sha256()
    for name in _INDEX_CODE:
        path = _PACKAGE / name
        for source in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(str(source.relative_to(_PACKAGE)).encode() + b"\0")
            digest.update(source.read_bytes())
    return digest.hexdigest()


def corpus_key(root: Path, corpus: CorpusConfig, index: IndexConfig) -> str:
    """A digest of every input that shapes the index: file contents, metadata, settings, code."""
    digest = hashlib.sha256()
    shaping = (corpus.metadata_file, corpus.passage_min_chars, corpus.passage_max_chars,
               index.k1, index.b)
    digest.update(f"{INDEX_FORMAT}|{shaping}|{code_digest()}".encode())
    metadata = root / corpus.metadata_file
    for path in [*corpus_files(root), *([metadata] if metadata.is_file() else [])]:
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError as error:
            digest.update(str(error).encode())
    return digest.hexdigest()


def load_or_build(
    root: Path,
    corpus: CorpusConfig,
    index_settings: IndexConfig,
    progress: Callable[[list[Path]], Iterable[Path]] | None = None,
) -> tuple[NewsIndex, bool]:
    """The index for `root`, from the cache when the corpus is unchanged; (index, from_cache)."""
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {root}")
    key = corpus_key(root, corpus, index_settings)
    cache_dir = index_settings.cache_dir
    cache_file = cache_dir / f"index-{key[:24]}.pickle" if cache_dir else None
    if cache_file and cache_file.is_file():
        try:
            with cache_file.open("rb") as handle:
                cached = pickle.load(handle)
            if isinstance(cached, NewsIndex) and cached.key == key:
                return cached, True
        except Exception as error:  # a stale or damaged cache is rebuilt, never fatal
            log.warning("ignoring unreadable index cache %s: %s", cache_file, error)
    files = corpus_files(root)
    index = build_index(root, corpus, index_settings, progress(files) if progress else files, key)
    if cache_file:
        _write_atomically(cache_file, index)
    return index, False


def _write_atomically(path: Path, index: NewsIndex) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".index-", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(index, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        for old in path.parent.glob("index-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError as error:
        log.warning("could not cache the index in %s: %s", path.parent, error)
