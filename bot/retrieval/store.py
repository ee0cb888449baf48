"""The index on disk as columns, read back lazily: start-up maps files instead of rebuilding
a million Python objects, and nothing read from disk can run code.

Each list of records the index keeps (documents, passages, sentences, quotations, ...) is a
table of one file per field:

- numbers as numpy arrays, memory-mapped (`.npy`, read without pickle);
- text that is mostly unique (an article, a passage, a sentence) as UTF-8 in one file with
  the byte offsets of each value, decoded when a record is asked for;
- other values (names, roles, dates, sets of words) once each in a JSON list, with an array
  of each record's choice among them, so that repeated values are one object in memory;
- a record of another table (a quotation's sentence) or a list of them (a passage's
  sentences) as row numbers into that table, so that shared records stay shared.

A `Table` makes a record when it is first asked for and keeps it, so a command pays only for
what it reads; `column` reads one field of every record without making the records. The
postings are the arrays `BM25Postings.to_arrays` gives. JSON values carry tags for the few
kinds JSON lacks (tuple, set, frozenset, dict, dataclass); a dataclass is made only if it is
one of those the index's own fields name, so a planted file can at worst give wrong data.
"""

from __future__ import annotations

import dataclasses
import gc
import itertools
import json
import mmap
import os
import shutil
import tempfile
import threading
import types
import typing
from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar, overload

import numpy as np

from bot.models import field_values

FORMAT = "3"
META = "meta.json"
T = TypeVar("T")


class StoreError(ValueError):
    """The index cannot be stored, or what is on disk is not an index this code can read."""


# --- reading ---------------------------------------------------------------------------------


class Table(Sequence[T]):
    """Records of one class, made from their stored columns when first asked for."""

    def __init__(self, cls: type[T], size: int, columns: dict[str, Column]) -> None:
        self.cls = cls
        self.size = size
        self.columns = columns
        self._rows: list[T | None] = [None] * size
        self._making = threading.RLock()  # re-entered: a record's fields may be its records
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        self._init = [f.name for f in fields if f.init]
        self._later = [f.name for f in fields if not f.init and f.name in columns]

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return self.rows(range(*index.indices(self.size)))
        if not -self.size <= index < self.size:
            raise IndexError("table index out of range")
        row = self._rows[index]
        return row if row is not None else self.rows([index % self.size])[0]

    def __iter__(self) -> Iterator[T]:
        return iter(self.rows(range(self.size)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == self.size and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"<Table of {self.size} {self.cls.__name__}>"

    def column(self, name: str) -> list[Any]:
        """One field of every record, without making the records."""
        return self.columns[name].values(range(self.size))

    def rows(self, indices: Sequence[int]) -> list[T]:
        """The records at `indices`, made in one pass over the columns where not made yet."""
        rows = self._rows
        if any(rows[i] is None for i in indices):
            with self._making:  # answers run in threads: a record is made once, and is one
                missing = list(dict.fromkeys(i for i in indices if rows[i] is None))
                values = [self.columns[name].values(missing) for name in self._init]
                made = [self.cls(*args) for args in zip(*values, strict=True)]
                for name in self._later:
                    for row, value in zip(made, self.columns[name].values(missing), strict=True):
                        object.__setattr__(row, name, value)
                for i, row in zip(missing, made, strict=True):
                    rows[i] = row
                # Kept as long as the index: out of later collections, which would otherwise
                # walk every record made so far (a sixth of the answers' CPU at 106k passages).
                gc.freeze()
        return [rows[i] for i in indices]  # type: ignore[misc]


class Rows(Sequence[T]):
    """Some records of a table (a document's passages, an outlet's articles), made when read."""

    def __init__(self, table: Table[T], indices: Sequence[int]) -> None:
        self.table, self.indices = table, indices

    def __len__(self) -> int:
        return len(self.indices)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return self.table.rows(self.indices[index])
        return self.table[self.indices[index]]

    def __iter__(self) -> Iterator[T]:
        return iter(self.table.rows(self.indices))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence) and not isinstance(other, str):
            return len(other) == len(self) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return repr(list(self))

    def column(self, name: str) -> list[Any]:
        return self.table.columns[name].values(self.indices)


def subset(records: Sequence[T], indices: list[int]) -> Sequence[T]:
    """The records at `indices`: a lazy view of a stored table's, else a list."""
    pick = getattr(records, "subset", None)  # records that know how (live.Chained)
    if pick is not None:
        return pick(indices)
    if isinstance(records, Table):
        return Rows(records, indices)
    if isinstance(records, Rows):
        return Rows(records.table, [records.indices[i] for i in indices])
    return [records[i] for i in indices]


class Column:
    """One stored field: `values` gives it for some rows, in their order."""

    def values(self, rows: Sequence[int]) -> list[Any]:
        raise NotImplementedError


class _Numbers(Column):
    def __init__(self, array: np.ndarray) -> None:
        self.array = array

    def values(self, rows: Sequence[int]) -> list[Any]:
        if isinstance(rows, range) and rows.step == 1:
            return self.array[rows.start:rows.stop].tolist()
        return self.array[np.asarray(rows, dtype=np.int64)].tolist()


class _Texts(Column):
    def __init__(self, blob: bytes | mmap.mmap, offsets: np.ndarray) -> None:
        self.blob, self.offsets = blob, offsets

    def values(self, rows: Sequence[int]) -> list[Any]:
        blob, offsets = self.blob, self.offsets
        if isinstance(rows, range) and rows.step == 1:
            bounds = offsets[rows.start:rows.stop + 1].tolist()
            return [blob[a:b].decode() for a, b in pairwise(bounds)]
        starts = offsets[np.asarray(rows, dtype=np.int64)].tolist()
        ends = offsets[np.asarray(rows, dtype=np.int64) + 1].tolist()
        return [blob[a:b].decode() for a, b in zip(starts, ends, strict=True)]


class _Arrays(Column):
    """A numpy array per row: slices of one mapped array."""

    def __init__(self, flat: np.ndarray, offsets: np.ndarray) -> None:
        self.flat, self.offsets = flat, offsets

    def values(self, rows: Sequence[int]) -> list[Any]:
        bounds = [(int(self.offsets[i]), int(self.offsets[i + 1])) for i in rows]
        return [self.flat[start:stop] for start, stop in bounds]


class _Choices(Column):
    """Each row's value, one of a JSON list of distinct values (decoded when first needed)."""

    def __init__(self, codes: np.ndarray, load: Callable[[], list[Any]]) -> None:
        self.codes, self._load = codes, load
        self._distinct: list[Any] | None = None

    def values(self, rows: Sequence[int]) -> list[Any]:
        if self._distinct is None:
            self._distinct = self._load()
        distinct = self._distinct
        return [distinct[code] for code in _Numbers(self.codes).values(rows)]


class _Reference(Column):
    """A record of another table (or None), by its row there."""

    def __init__(self, rows: np.ndarray, table: Callable[[], Table[Any]]) -> None:
        self.targets, self.table = rows, table

    def values(self, rows: Sequence[int]) -> list[Any]:
        targets = _Numbers(self.targets).values(rows)
        table = self.table()
        made = iter(table.rows([t for t in targets if t >= 0]))
        return [next(made) if t >= 0 else None for t in targets]


class _References(Column):
    """A list of records of another table, by their rows there."""

    def __init__(self, offsets: np.ndarray, targets: np.ndarray,
                 table: Callable[[], Table[Any]], lazy: bool) -> None:
        self.offsets, self.targets, self.table, self.lazy = offsets, targets, table, lazy

    def values(self, rows: Sequence[int]) -> list[Any]:
        table = self.table()
        starts = _Numbers(self.offsets).values(rows)
        stops = _Numbers(self.offsets[1:]).values(rows)
        bounds = list(zip(starts, stops, strict=True))
        if self.lazy:  # consecutive rows, made only when read
            firsts = [int(self.targets[start]) if stop > start else 0 for start, stop in bounds]
            return [Rows(table, range(first, first + stop - start))
                    for first, (start, stop) in zip(firsts, bounds, strict=True)]
        wanted = [self.targets[start:stop].tolist() for start, stop in bounds]
        made = iter(table.rows([t for targets in wanted for t in targets]))
        return [[next(made) for _ in targets] for targets in wanted]


# --- JSON values with tags -------------------------------------------------------------------


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _encode(value: Any, classes: dict[str, type]) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple, set, frozenset)):
        kind = {list: "list", tuple: "tuple", set: "set", frozenset: "frozenset"}[type(value)]
        if set(map(type, value)) <= _SCALARS:  # nothing inside to encode
            return {kind: list(value)}
        return {kind: [_encode(v, classes) for v in value]}
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {"dict": {k: _encode(v, classes) for k, v in value.items()}}
        return {"pairs": [[_encode(k, classes), _encode(v, classes)] for k, v in value.items()]}
    name = type(value).__name__
    if dataclasses.is_dataclass(value) and classes.get(name) is type(value):
        return {name: [_encode(getattr(value, f.name), classes)
                       for f in dataclasses.fields(value) if f.init]}
    raise StoreError(f"cannot store a {type(value).__name__}")


def _decode(value: Any, classes: dict[str, type]) -> Any:
    if not isinstance(value, dict):
        return value
    ((kind, inner),) = value.items()
    if kind == "dict":
        if dict not in map(type, inner.values()):  # plain values: nothing to decode
            return inner
        return {k: _decode(v, classes) for k, v in inner.items()}
    items = [_decode(v, classes) for v in inner] if dict in map(type, inner) else inner
    if kind == "list":
        return items
    if kind == "tuple":
        return tuple(items)
    if kind == "frozenset":
        return frozenset(items)
    if kind == "set":
        return set(items)
    if kind == "pairs":
        return {_hashable(k): v for k, v in items}
    cls = classes.get(kind)
    if cls is None:
        raise StoreError(f"unknown kind of value in the store: {kind}")
    return cls(*items)


def _hashable(key: Any) -> Any:
    return tuple(key) if isinstance(key, list) else key


# --- writing ---------------------------------------------------------------------------------


class Writer:
    """Writes tables into a folder, remembering every record written so that a later table
    refers to it by row instead of storing it again."""

    def __init__(self, folder: Path, classes: dict[str, type]) -> None:
        self.folder = folder
        self.classes = classes
        self.tables: dict[str, dict[str, Any]] = {}
        self.files: dict[str, int] = {}
        self.known: dict[int, tuple[str, int]] = {}  # id(record) -> (table, row)
        self._keep: list[Sequence[Any]] = []  # records whose ids are in `known`

    def table(self, name: str, records: Sequence[Any]) -> str:
        """Store the records as table `name` (or find them stored already); the table's name."""
        same = self._stored_as(records)
        if same is not None:
            return same
        if not records:
            self.tables[name] = {"rows": 0, "class": None, "columns": {}}
            return name
        cls = type(records[0])
        if not dataclasses.is_dataclass(cls) or any(type(r) is not cls for r in records):
            raise StoreError(f"{name}: not records of one dataclass")
        if self.classes.get(cls.__name__) is not cls:
            raise StoreError(f"{name}: {cls.__name__} is not a class the index names")
        columns = {}
        for f in dataclasses.fields(cls):
            values = list(map(attrgetter(f.name), records))
            columns[f.name] = self._column(f"{name}.{f.name}", values, str(f.type))
        self.tables[name] = {"rows": len(records), "class": cls.__name__, "columns": columns}
        for row, record in enumerate(records):
            self.known[id(record)] = (name, row)
        self._keep.append(records)
        return name

    def adopt(self, name: str, records: Sequence[Any]) -> None:
        """Take `records` as the rows of table `name`, stored already (`join`): later tables
        refer to them by row. They may be lighter copies of the stored records."""
        if len(records) != self.tables.get(name, {}).get("rows", 0):
            raise StoreError(f"{name}: {len(records)} records for the stored rows")
        for row, record in enumerate(records):
            self.known[id(record)] = (name, row)
        self._keep.append(records)

    def _stored_as(self, records: Sequence[Any]) -> str | None:
        """The table already holding exactly these records in this order, if any."""
        if not records or id(records[0]) not in self.known:
            return None
        name, first = self.known[id(records[0])]
        if first != 0 or self.tables[name]["rows"] != len(records):
            return None
        if all(self.known.get(id(r)) == (name, i) for i, r in enumerate(records)):
            return name
        return None

    def _column(self, name: str, values: list[Any], declared: str) -> dict[str, Any]:
        kinds = set(map(type, values))
        if not kinds <= _SCALARS:
            present = [v for v in values if v is not None]
            if present and all(id(v) in self.known for v in present):
                table = {self.known[id(v)][0] for v in present}
                if len(table) == 1:
                    rows = [self.known[id(v)][1] if v is not None else -1 for v in values]
                    return {"kind": "reference", "table": table.pop(),
                            "rows": self.array(name, np.array(rows, np.int64))}
            if all(issubclass(k, np.ndarray) for k in kinds) and all(
                    v.ndim == 1 for v in values) and len({v.dtype for v in values}) == 1:
                return self._arrays(name, values)
            if kinds == {list} and any(values):
                items = [v for value in values for v in value]
                if all(dataclasses.is_dataclass(k) for k in set(map(type, items))):
                    return self._references(name, values, items, declared)
            own = kinds - {type(None)}
            if len(own) == 1 and dataclasses.is_dataclass(own.pop()) and self._many(present) \
                    and not any(id(v) in self.known for v in present):
                # records of their own: a table of them, referred to by row
                table_name = self.table(name, present)
                numbers = iter(range(len(present)))
                return {"kind": "reference", "table": table_name, "rows": self.array(
                    name, np.array([next(numbers) if v is not None else -1 for v in values]))}
        if kinds <= {int} or kinds <= {float} or kinds <= {bool}:
            return {"kind": "numbers", "array": self.array(name, np.array(values))}
        if kinds == {str} and len(set(values)) > len(values) // 2:
            return self._texts(name, values)
        return self._choices(name, values, len(kinds - {type(None)}) <= 1)

    def _many(self, values: list[Any]) -> bool:
        """Whether dataclass values are mostly distinct (else a list of choices is smaller)."""
        try:
            return len(set(values)) > len(values) // 2
        except TypeError:  # unhashable: one record each
            return True

    def _references(self, name: str, values: list[list[Any]], items: list[Any],
                    declared: str) -> dict[str, Any]:
        if not all(id(v) in self.known for v in items):
            self.table(name, items)
        tables = {self.known[id(v)][0] for v in items}
        if len(tables) != 1:
            raise StoreError(f"{name}: records of several tables")
        targets = np.array([self.known[id(v)][1] for v in items], np.int64)
        offsets = np.zeros(len(values) + 1, np.int64)
        np.cumsum([len(v) for v in values], out=offsets[1:])
        lengths = np.diff(offsets)
        starts = np.repeat(offsets[:-1], lengths)  # each item's row's first item
        consecutive = bool(np.array_equal(targets, targets[starts] + np.arange(len(targets))
                                          - starts)) if len(targets) else True
        return {"kind": "references", "table": tables.pop(),
                "offsets": self.array(f"{name}.offsets", offsets),
                "rows": self.array(name, targets),
                # a field declared as a Sequence may be given as a lazy range of records
                "lazy": consecutive and declared.startswith("Sequence[")}

    def _arrays(self, name: str, values: list[np.ndarray]) -> dict[str, Any]:
        offsets = np.zeros(len(values) + 1, np.int64)
        np.cumsum([len(v) for v in values], out=offsets[1:])
        return {"kind": "arrays", "flat": self.array(name, np.concatenate(values)),
                "offsets": self.array(f"{name}.offsets", offsets)}

    def value(self, name: str, value: Any) -> str:
        """Any other value the JSON tags can say, in a file of its own."""
        return self.json(f"{name}.json", _encode(value, self.classes))

    def _texts(self, name: str, values: list[str]) -> dict[str, Any]:
        encoded = [v.encode() for v in values]
        offsets = np.zeros(len(encoded) + 1, np.int64)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        blob = f"{name}.txt"
        self._write(blob, b"".join(encoded))
        return {"kind": "texts", "blob": blob, "offsets": self.array(f"{name}.offsets", offsets)}

    def _choices(self, name: str, values: list[Any], one_type: bool) -> dict[str, Any]:
        distinct: list[Any] = []
        codes: list[int] = []
        by_value: dict[Any, int] = {}
        by_id: dict[int, int] = {}
        for value in values:
            try:  # 1, 1.0 and True are equal keys: told apart by type unless of one type
                code = by_value.setdefault(value if one_type else (type(value), value),
                                           len(distinct))
            except TypeError:  # unhashable: the same object is the same choice
                code = by_id.setdefault(id(value), len(distinct))
            if code == len(distinct):
                distinct.append(value)
            codes.append(code)
        listing = f"{name}.json"
        self.json(listing, [_encode(v, self.classes) for v in distinct])
        return {"kind": "choices", "values": listing,
                "codes": self.array(name, np.array(codes, np.int32 if len(distinct) < 2**31
                                                   else np.int64))}

    def array(self, name: str, array: np.ndarray) -> str:
        path = f"{name}.npy"
        self._claim(path)
        with open(self.folder / path, "wb") as out:
            np.save(out, array, allow_pickle=False)
        self.files[path] = (self.folder / path).stat().st_size
        return path

    def json(self, name: str, value: Any) -> str:
        self._write(name, json.dumps(value, ensure_ascii=False).encode())
        return name

    def _claim(self, name: str) -> None:
        if name in self.files:
            raise StoreError(f"two columns would share the file {name}")
        self.files[name] = 0

    def _write(self, name: str, data: bytes) -> None:
        self._claim(name)
        (self.folder / name).write_bytes(data)
        self.files[name] = len(data)


    def column(self, name: str, values: list[Any], field_type: str) -> dict[str, Any]:
        """A column of these values, of the kind that suits them."""
        return self._column(name, values, field_type)

    def rows_of(self, name: str, field_type: str, table: str, rows: int) -> dict[str, Any]:
        """A column listing every row of `table` in order (a record holding a whole table
        joined from parts, which are not in memory to be written by `table`)."""
        if not rows:
            return self._column(name, [[]], field_type)
        offsets = self.array(f"{name}.offsets", np.array([0, rows], np.int64))
        return {"kind": "references", "table": table, "offsets": offsets,
                "rows": self.array(name, np.arange(rows, dtype=np.int64)),
                "lazy": field_type.startswith("Sequence[")}

    def record(self, name: str, cls: type, columns: dict[str, dict[str, Any]]) -> str:
        """Table `name` of one record of `cls`, its columns given (see `rows_of`)."""
        self.tables[name] = {"rows": 1, "class": cls.__name__, "columns": columns}
        return name

    def join(self, parts: Sequence[Reader]) -> dict[str, int]:
        """Every table of the parts (stores written a batch of records at a time), each part's
        rows after the previous part's and the rows they refer to shifted to match: what one
        `table` call per table with all the records would store, up to the kind of column
        chosen for a field. The number of rows of each table."""
        names = list(dict.fromkeys(name for part in parts for name in part.meta["tables"]))
        starts = {name: [0, *itertools.accumulate(
            part.meta["tables"].get(name, {}).get("rows", 0) for part in parts)]
            for name in names}
        for name in names:
            specs = [(number, part.meta["tables"][name]) for number, part in enumerate(parts)
                     if part.meta["tables"].get(name, {}).get("rows")]
            if not specs:
                self.tables[name] = {"rows": 0, "class": None, "columns": {}}
                continue
            class_name = specs[0][1]["class"]
            if any(spec["class"] != class_name for _, spec in specs):
                raise StoreError(f"{name}: records of several classes")
            cls = self.classes[class_name]
            declared = {f.name: str(f.type) for f in dataclasses.fields(cls)}
            columns = {
                column: self._joined(f"{name}.{column}", declared[column],
                                     [(parts[n], spec["columns"][column], n) for n, spec in specs],
                                     starts, name, column)
                for column in specs[0][1]["columns"]}
            self.tables[name] = {"rows": starts[name][-1], "class": class_name,
                                 "columns": columns}
        return {name: starts[name][-1] for name in names}

    def _joined(self, name: str, declared: str, pieces: list[tuple[Reader, dict[str, Any], int]],
                starts: dict[str, list[int]], table: str, field: str) -> dict[str, Any]:
        kinds = {spec["kind"] for _, spec, _ in pieces}
        targets = {spec.get("table") for _, spec, _ in pieces}
        kind = kinds.pop() if len(kinds) == 1 and len(targets) == 1 else ""
        if kind == "numbers":
            arrays = [part.array(spec["array"]) for part, spec, _ in pieces]
            if len({array.dtype for array in arrays}) == 1:
                return {"kind": "numbers", "array": self.array(name, np.concatenate(arrays))}
        elif kind == "texts":
            offsets, blobs, at = [np.zeros(1, np.int64)], [], 0
            for part, spec, _ in pieces:
                ends = np.asarray(part.array(spec["offsets"]), np.int64)
                offsets.append(ends[1:] + at)
                at += int(ends[-1])
                blobs.append(part.path(spec["blob"]))
            blob = f"{name}.txt"
            self._copy(blob, blobs)
            return {"kind": "texts", "blob": blob,
                    "offsets": self.array(f"{name}.offsets", np.concatenate(offsets))}
        elif kind == "choices":
            distinct: list[Any] = []
            found: dict[str, int] = {}
            codes = []
            for part, spec, _ in pieces:
                listed = part.json(spec["values"])
                recoded = []
                for value in listed:  # equal values are equal JSON but for a set's order
                    said = json.dumps(value, ensure_ascii=False, sort_keys=True)
                    code = found.setdefault(said, len(distinct))
                    if code == len(distinct):
                        distinct.append(value)
                    recoded.append(code)
                codes.append(np.array(recoded, np.int64)[part.array(spec["codes"])])
            self.json(f"{name}.json", distinct)
            return {"kind": "choices", "values": f"{name}.json", "codes": self.array(
                name, np.concatenate(codes).astype(np.int32 if len(distinct) < 2**31
                                                   else np.int64))}
        elif kind == "reference":
            target = pieces[0][1]["table"]
            rows = [_shifted(part.array(spec["rows"]), starts[target][number])
                    for part, spec, number in pieces]
            return {"kind": "reference", "table": target,
                    "rows": self.array(name, np.concatenate(rows))}
        elif kind in ("references", "arrays"):
            inner = "rows" if kind == "references" else "flat"
            target = pieces[0][1].get("table")
            offsets, flat, at = [np.zeros(1, np.int64)], [], 0
            for part, spec, number in pieces:
                ends = np.asarray(part.array(spec["offsets"]), np.int64)
                offsets.append(ends[1:] + at)
                at += int(ends[-1])
                values = part.array(spec[inner])
                flat.append(values + starts[target][number] if target else values)
            spec = {"kind": kind, inner: self.array(name, np.concatenate(flat)),
                    "offsets": self.array(f"{name}.offsets", np.concatenate(offsets))}
            if kind == "references":
                spec |= {"table": target, "lazy": all(s["lazy"] for _, s, _ in pieces)}
            return spec
        # kinds that differ from part to part: the values themselves, as choices
        every = [v for part, _, _ in pieces for v in part.table(table).column(field)]
        if any(isinstance(v, Rows) for v in every):
            raise StoreError(f"{name}: cannot join lazy references of different kinds")
        return self._choices(name, every, len(set(map(type, every)) - {type(None)}) <= 1)

    def _copy(self, name: str, sources: list[Path]) -> None:
        """A file made of the sources' bytes, one after the other."""
        self._claim(name)
        with open(self.folder / name, "wb") as out:
            for source in sources:
                with open(source, "rb") as part:
                    shutil.copyfileobj(part, out, 2**20)
        self.files[name] = (self.folder / name).stat().st_size


def _shifted(rows: np.ndarray, by: int) -> np.ndarray:
    """Row numbers moved by `by`, -1 (no record) kept."""
    rows = np.asarray(rows, np.int64)
    return np.where(rows >= 0, rows + by, rows)


class Reader:
    """Opens a folder `Writer` wrote: checks every file is there whole, maps the arrays, and
    gives each table as a `Table` of its class."""

    def __init__(self, folder: Path, meta: dict[str, Any], classes: dict[str, type]) -> None:
        self.folder = folder
        self.meta = meta
        self.classes = classes
        for name, size in meta["files"].items():
            path = folder / name
            if Path(name).name != name or name.startswith("."):
                raise StoreError(f"{name} is not a file name of the store")
            if not path.is_file() or path.stat().st_size != size:
                raise StoreError(f"{name} is missing or damaged")
        self._tables: dict[str, Table[Any]] = {}
        self._opening = threading.Lock()

    def table(self, name: str) -> Table[Any]:
        table = self._tables.get(name)
        if table is None:
            with self._opening:  # one Table per table, however many threads ask at once
                table = self._tables.get(name)
                if table is None:
                    spec = self.meta["tables"][name]
                    cls: type = self.classes[spec["class"]] if spec["class"] else object
                    columns = {field: self._column(column)
                               for field, column in spec["columns"].items()}
                    table = self._tables[name] = Table(cls, spec["rows"], columns)
        return table

    def _column(self, spec: dict[str, Any]) -> Column:
        kind = spec["kind"]
        if kind == "numbers":
            return _Numbers(self.array(spec["array"]))
        if kind == "texts":
            return _Texts(self.blob(spec["blob"]), self.array(spec["offsets"]))
        if kind == "arrays":
            return _Arrays(self.array(spec["flat"]), self.array(spec["offsets"]))
        if kind == "choices":
            path = spec["values"]
            return _Choices(self.array(spec["codes"]), lambda: [
                _decode(v, self.classes) for v in self.json(path)])
        name = spec["table"]
        if kind == "reference":
            return _Reference(self.array(spec["rows"]), lambda: self.table(name))
        if kind == "references":
            return _References(self.array(spec["offsets"]), self.array(spec["rows"]),
                               lambda: self.table(name), bool(spec["lazy"]))
        raise StoreError(f"unknown kind of column: {kind}")

    def array(self, name: str) -> np.ndarray:
        path = self.path(name)
        try:
            return np.load(path, mmap_mode="r", allow_pickle=False)
        except ValueError:  # an empty array cannot be mapped
            return np.load(path, allow_pickle=False)

    def path(self, name: str) -> Path:
        if name not in self.meta["files"]:
            raise StoreError(f"{name} is not one of the store's files")
        return self.folder / name

    def blob(self, name: str) -> bytes | mmap.mmap:
        with open(self.path(name), "rb") as handle:
            if os.fstat(handle.fileno()).st_size == 0:
                return b""
            return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)

    def json(self, name: str) -> Any:
        return json.loads(self.path(name).read_bytes())

    def value(self, name: str) -> Any:
        return _decode(self.json(name), self.classes)


# --- which classes a store may make ----------------------------------------------------------


def dataclasses_named(root: type) -> dict[str, type]:
    """The dataclasses that `root`'s fields name, and theirs in turn, by class name: the only
    classes a stored index may make."""
    found: dict[str, type] = {}
    pending: list[Any] = [root]
    while pending:
        hint = pending.pop()
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            known = found.get(hint.__name__)
            if known is hint:
                continue
            if known is not None:
                raise StoreError(f"two classes named {hint.__name__}")
            found[hint.__name__] = hint
            try:
                hints = typing.get_type_hints(hint)
            except (NameError, TypeError) as error:
                raise StoreError(f"cannot read the fields of {hint.__name__}: {error}") from error
            pending += [hints[f.name] for f in dataclasses.fields(hint) if f.name in hints]
        elif isinstance(hint, types.UnionType) or typing.get_origin(hint) is not None:
            pending += typing.get_args(hint)
    return found


# --- the folder ------------------------------------------------------------------------------


def write_folder(path: Path, fill: Callable[[Writer], dict[str, Any]],
                 classes: dict[str, type]) -> None:
    """Write a store into `path` whole or not at all: in a temporary folder beside it, renamed
    into place once complete. `fill` writes the tables and gives the rest of the metadata."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(dir=path.parent, prefix=".index-", suffix=".tmp"))
    try:
        writer = Writer(temporary, classes)
        extra = fill(writer)
        meta = {"format": FORMAT, **extra, "tables": writer.tables, "files": writer.files}
        (temporary / META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        if path.exists():
            shutil.rmtree(path)
        os.replace(temporary, path)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def add_value(path: Path, name: str, value: Any, classes: dict[str, type]) -> None:
    """Store one more field of a complete store, as a JSON value (`Writer.value`); the store
    stays whole, with or without it, whenever this stops."""
    meta = read_meta(path)
    writer = Writer(path, classes)
    writer.files = {other: size for other, size in meta["files"].items()}
    stored = f"{name}.json"
    if stored in writer.files:
        del writer.files[stored]
    meta["fields"][name] = {"kind": "json", "file": writer.value(name, value)}
    meta["files"] = writer.files
    written = path / f".{META}.{os.getpid()}"
    written.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    os.replace(written, path / META)


def read_meta(path: Path) -> dict[str, Any]:
    try:
        meta = json.loads((path / META).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise StoreError(f"no readable {META}: {error}") from error
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise StoreError("written by another version")
    return meta


def open_folder(path: Path, classes: dict[str, type]) -> Reader:
    return Reader(path, read_meta(path), classes)


def reference_rows(records: Sequence[Any], name: str, targets: Sequence[Any]) -> list[list[int]]:
    """For each record, the positions in `targets` of the records its field `name` lists: read
    from the store without making the records where both are stored tables."""
    if isinstance(records, Table):
        column = records.columns.get(name)
        if isinstance(column, _References) and column.table() is targets:
            flat = column.targets.tolist()
            return [flat[a:b] for a, b in pairwise(column.offsets.tolist())]
    position = {id(target): number for number, target in enumerate(targets)}
    return [[position[id(item)] for item in items] for items in field_values(records, name)]
