"""The index on disk: built once, loaded at start-up while the corpus and the code are unchanged.

The cache key is a digest of every input that shapes the index: the corpus files and their
metadata, the corpus and index settings, and the source of the packages that build it (corpus,
extract, retrieval and the modules they stand on), so an edited rule rebuilds the index without
anyone keeping a list of modules.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from bot.config import CorpusConfig, IndexConfig
from bot.corpus.documents import Corpus
from bot.corpus.files import UnreadableFile, corpus_entries, corpus_files, read_file
from bot.extract.events import every_event, key_idf
from bot.extract.quote_groups import groups_without_topic
from bot.retrieval.bm25 import BM25Postings, TermNumbers
from bot.retrieval.examples import suggested_queries
from bot.retrieval.index import Batch, NewsIndex, build_index, gather
from bot.retrieval.sentence_terms import SentenceTermsBuilder
from bot.retrieval.store import (
    FORMAT,
    Reader,
    StoreError,
    Writer,
    add_value,
    dataclasses_named,
    open_folder,
    write_folder,
)

log = logging.getLogger(__name__)

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


def code_key(corpus: CorpusConfig, index: IndexConfig) -> str:
    """What shapes what is extracted from any one article: the format, the settings and the
    code. Articles added to the store keep their extraction results under it."""
    shaping = (corpus.metadata_file, corpus.passage_min_chars, corpus.passage_max_chars,
               corpus.max_file_bytes, corpus.max_article_chars, index.k1, index.b)
    return f"{FORMAT}|{shaping}|{code_digest()}"


def corpus_key(root: Path, corpus: CorpusConfig, index: IndexConfig,
               stamp_dir: Path | None = None) -> str:
    """A digest of every input that shapes the index: file contents, metadata, settings, code.

    Hashing every file's content takes most of a start on a large corpus, so with `stamp_dir`
    the last key is kept beside the files' names, sizes and modification times it was computed
    for: while none of those changed, it is the key; else the contents are hashed again."""
    prefix = code_key(corpus, index).encode()
    entries = corpus_entries(root)
    metadata = root / corpus.metadata_file
    paths = [*(path for path, _ in entries), *([metadata] if metadata.is_file() else [])]
    stamp = _stamp(prefix, [(str(path.relative_to(root)), entry.stat) for path, entry in entries]
                   + [(corpus.metadata_file, metadata.stat)] * (len(paths) > len(entries)))
    stamp_file = stamp_dir / STAMP if stamp_dir else None
    if stamp_file is not None:
        kept = _read_stamp(stamp_file)
        if kept.get("stamp") == stamp and isinstance(kept.get("key"), str):
            return str(kept["key"])
    digest = hashlib.sha256(prefix)
    for path in paths:
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        try:  # what is read of it: no more than the size limit, nothing outside the folder
            head, size = read_file(root, path, corpus.max_file_bytes if path != metadata else -1)
            digest.update(hashlib.sha256(head).digest() + str(size).encode())
        except (OSError, UnreadableFile) as error:
            digest.update(str(error).encode())
    key = digest.hexdigest()
    if stamp_file is not None:
        try:
            stamp_file.parent.mkdir(parents=True, exist_ok=True)
            written = stamp_file.with_name(f".{STAMP}.{os.getpid()}")
            written.write_text(json.dumps({"stamp": stamp, "key": key}), encoding="utf-8")
            os.replace(written, stamp_file)  # whole, even with two starts at once
        except OSError as error:
            log.warning("could not keep the corpus stamp in %s: %s", stamp_file.parent, error)
    return key


STAMP = "corpus-stamp.json"  # the last corpus key, and the files' names, sizes and times


def _stamp(head: bytes, files: Sequence[tuple[str, Callable[[], os.stat_result]]]) -> str:
    """A digest of the files' names, sizes and modification times (and of `head`)."""
    digest = hashlib.sha256(head)
    for name, stat in files:
        try:
            seen = stat()
            said = f"{seen.st_size}:{seen.st_mtime_ns}:{seen.st_ino}"
        except OSError as error:
            said = str(error)
        digest.update(f"{name}\0{said}\0".encode())
    return digest.hexdigest()


def _read_stamp(path: Path) -> dict[str, Any]:
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return kept if isinstance(kept, dict) else {}


def load_or_build(
    root: Path,
    corpus: CorpusConfig,
    index_settings: IndexConfig,
    progress: Callable[[list[Path]], Iterable[Path]] | None = None,
) -> tuple[NewsIndex, bool]:
    """The index for `root`, from the cache when the corpus is unchanged; (index, from_cache)."""
    if not root.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {root}")
    cache_dir = index_settings.cache_dir
    key = corpus_key(root, corpus, index_settings, cache_dir)
    folder = cache_dir / f"index-{key[:24]}" if cache_dir else None
    if folder and folder.is_dir():
        try:
            index = load_index(folder, key)
        except Exception as error:  # a stale or damaged cache is rebuilt, never fatal
            log.warning("ignoring unreadable index cache %s: %s", folder, error)
        else:
            _settle()
            return index, True
    files = corpus_files(root)
    chosen = progress(files) if progress else files
    if folder:
        index = build_into(folder, root, corpus, index_settings, chosen, key)
    else:
        index = build_index(root, corpus, index_settings, chosen, key)
    _settle()
    return index, False


BATCH = 1000  # articles held in memory at once by a build written to disk as it goes


def build_into(folder: Path, root: Path, corpus: CorpusConfig, index_settings: IndexConfig,
               files: Iterable[Path], key: str, workers: int | None = None,
               batch: int = BATCH) -> NewsIndex:
    """Build the index straight into the cache `folder` and load it from there: the articles'
    records (documents, passages, sentences, dates, quotations, people) are written a batch
    at a time and joined at the end, so that a million passages are never all in memory; only
    what the index-wide steps need is (`Gathered`). Where the folder cannot be written, the
    index is built in memory instead."""
    try:
        write_folder(folder, functools.partial(_fill, root, corpus, index_settings, files, key,
                                               workers, batch), _classes())
        index = load_index(folder, key)
        index.examples = suggested_queries(index)
        add_value(folder, "examples", index.examples, _classes())
    except (OSError, StoreError) as error:
        log.warning("could not cache the index in %s: %s", folder.parent, error)
        return build_index(root, corpus, index_settings, corpus_files(root), key, workers)
    _forget_others(folder)
    return index


def _fill(root: Path, corpus: CorpusConfig, index_settings: IndexConfig, files: Iterable[Path],
          key: str, workers: int | None, batch: int, writer: Writer) -> dict[str, Any]:
    classes = _classes()
    parts: list[Reader] = []

    def take(found: Batch) -> None:
        """Write the batch as a store of its own, to be joined with the others."""
        part = writer.folder / PARTS / str(len(parts))
        write_folder(part, functools.partial(_part, found), classes)
        parts.append(open_folder(part, classes))

    gathered = gather(root, corpus, files, take, workers, batch, slim=True)
    rows = writer.join(parts)
    writer.adopt("candidates", gathered.candidates)  # stored whole from the batches
    fields: dict[str, Any] = {}
    for name in ("passages", "mentions", "quotes", "people", "candidates"):
        fields[name] = ({"kind": "table", "table": name} if rows.get(name) else
                        _store(writer, name, []))
    documents = {f.name: str(f.type) for f in dataclasses.fields(Corpus)}
    fields["corpus"] = {"kind": "record", "table": writer.record("corpus", Corpus, {
        "root": writer.column("corpus.root", [str(root)], documents["root"]),
        **{name: writer.rows_of(f"corpus.{name}", documents[name], f"corpus.{name}",
                                rows.get(f"corpus.{name}", 0))
           for name in ("documents", "skipped")}})}
    shutil.rmtree(writer.folder / PARTS)
    parts.clear()
    k1, b = index_settings.k1, index_settings.b
    postings = BM25Postings.from_numbers(gathered.terms, k1, b)
    gathered.terms = TermNumbers()  # freed: only the postings are kept
    fields["postings"] = _store(writer, "postings", postings)
    del postings
    fields["quote_postings"] = _store(writer, "quote_postings",
                                      BM25Postings.from_numbers(gathered.quote_terms, k1, b))
    fields["sentence_terms"] = _store(writer, "sentence_terms", gathered.sentence_terms.build())
    gathered.sentence_terms = SentenceTermsBuilder()
    identities = gathered.identities()
    fields["identities"] = _store(writer, "identities", identities)
    fields["quote_groups"] = _store(writer, "quote_groups",
                                    groups_without_topic(gathered.quotes, identities.label))
    candidates = gathered.candidates
    fields["event_idf"] = _store(writer, "event_idf", key_idf(candidates))
    fields["events"] = _store(writer, "events", every_event(candidates))
    for name in ("key", "examples", "carriers"):
        fields[name] = _store(writer, name, {"key": key, "examples": None, "carriers": {}}[name])
    return {"key": key, "fields": fields}


PARTS = ".parts"  # the batches' own stores, inside the store being written, until joined


def _part(found: Batch, writer: Writer) -> dict[str, Any]:
    """A batch's records as tables, passages first (the others refer to their sentences)."""
    writer.table("passages", found.corpus.passages)
    writer.table("corpus.documents", found.corpus.documents)
    writer.table("corpus.skipped", found.corpus.skipped)
    for name in ("mentions", "quotes", "people", "candidates"):
        writer.table(name, getattr(found, name))
    return {}


def _settle() -> None:
    """Leave what start-up made out of later garbage collections: a full collection walks
    every object it tracks, which would pause whichever answer it falls in."""
    gc.collect()
    gc.freeze()


def save_index(folder: Path, index: NewsIndex) -> None:
    """Store the index in `folder` (replacing it whole, never leaving half an index)."""

    def fill(writer: Writer) -> dict[str, Any]:
        given = [f.name for f in dataclasses.fields(NewsIndex) if f.init]
        given.sort(key=lambda name: name != "passages")  # passages first: others refer to them
        return {"key": index.key,
                "fields": {name: _store(writer, name, getattr(index, name)) for name in given}}

    write_folder(folder, fill, _classes())


def load_index(folder: Path, key: str) -> NewsIndex:
    """The index stored in `folder`, its records made when first read."""
    reader = open_folder(folder, _classes())
    if reader.meta.get("key") != key:
        raise StoreError("stored for another corpus")
    values: dict[str, Any] = {}
    for name, spec in reader.meta["fields"].items():
        kind = spec["kind"]
        if kind == "value":
            values[name] = spec["value"]
        elif kind == "postings":
            arrays = {part: reader.array(file) for part, file in spec["arrays"].items()}
            values[name] = BM25Postings.from_arrays(reader.json(spec["terms"]), arrays)
        elif kind == "table":
            values[name] = reader.table(spec["table"])
        elif kind == "record":
            values[name] = reader.table(spec["table"])[0]
        elif kind == "json":
            values[name] = reader.value(spec["file"])
        else:
            raise StoreError(f"unknown kind of field: {kind}")
    return NewsIndex(**values)


def _store(writer: Writer, name: str, value: Any) -> dict[str, Any]:
    if value is None or isinstance(value, (str, int, float, bool)):
        return {"kind": "value", "value": value}
    if isinstance(value, BM25Postings):
        terms, arrays = value.to_arrays()
        return {"kind": "postings", "terms": writer.json(f"{name}.terms.json", terms),
                "arrays": {part: writer.array(f"{name}.{part}", array)
                           for part, array in arrays.items()}}
    if isinstance(value, Sequence) and value and all(
            dataclasses.is_dataclass(kind) for kind in set(map(type, value))):
        return {"kind": "table", "table": writer.table(name, list(value))}
    if dataclasses.is_dataclass(value):
        return {"kind": "record", "table": writer.table(name, [value])}
    return {"kind": "json", "file": writer.value(name, value)}


@functools.cache
def _classes() -> dict[str, type]:
    return dataclasses_named(NewsIndex)


def _forget_others(folder: Path) -> None:
    """Remove earlier corpora's and older formats' caches beside `folder`."""
    for old in folder.parent.glob("index-*"):  # earlier corpora's and older formats' caches
        if old == folder:
            continue
        if old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)
