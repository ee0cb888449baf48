"""Date extraction against TempEval-3's gold TIMEX3 DATE tags (TBAQ-cleaned: TimeBank + AQUAINT).

Each document's text is dated with `bot.dates.find_dates`, anchored on its DCT (the document
creation time), exactly as the bot dates an article by its publication date. Scored as in
TempEval-3 (UzZaman et al., 2013): strict span F1 (same characters), relaxed span F1 (any
overlap), and on the relaxed matches whether the normalized value is right (value accuracy and
value F1). Gold expressions of the other types (TIME, DURATION, SET) are not targets; a found
date overlapping one of them is neither right nor wrong. HeidelTime's value F1 was about 0.78.

TempEval-3's platinum test set is not in ../shared/data, so TBAQ-cleaned itself is split by
document, fixed by a hash of the file name: `tune` (about three quarters, the rules were
tuned on it) and `heldout` (the rest, looked at only to report).

    .venv/bin/python eval/dates_te3.py --split tune     # rules tuned on these
    .venv/bin/python eval/dates_te3.py --split heldout  # reported, not tuned on
    .venv/bin/python eval/dates_te3.py                  # all 256 documents, a few seconds
    .venv/bin/python eval/dates_te3.py --limit 20       # a quick look
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.extract.dates import Found, find_dates  # noqa: E402
from bot.models import PartialDate  # noqa: E402

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "te3" / "TBAQ-cleaned"
RESULTS = REPO / "eval" / "results"


def split_of(path: Path) -> str:
    """'heldout' for about a quarter of the documents, fixed by their names; else 'tune'."""
    return "heldout" if hashlib.md5(path.name.encode()).digest()[0] % 4 == 0 else "tune"


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    kind: str  # TIMEX3 type
    value: str


def read_tml(path: Path) -> tuple[str, PartialDate | None, list[Timex]]:
    """The document's TEXT, its DCT as a date, and its gold TIMEX3 expressions with offsets."""
    root = ET.parse(path).getroot()
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            value = (timex.get("value") or "")[:10]
            try:
                dct = PartialDate.parse_iso(value)
            except ValueError:
                dct = None
            break
    text_element = root.find("TEXT")
    parts: list[str] = []
    gold: list[Timex] = []

    def walk(element: ET.Element) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "TIMEX3":
                end = sum(map(len, parts))
                gold.append(Timex(start, end, child.get("type", ""), child.get("value", "")))
            if child.tail:
                parts.append(child.tail)

    if text_element is not None:
        walk(text_element)
    return "".join(parts), dct, gold


_REFERENCE_VALUES = {"present": "PRESENT_REF", "past": "PAST_REF", "future": "FUTURE_REF"}
_SEASON_VALUES = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}


def timex_value(found: Found) -> str:
    """Our date in TIMEX3 notation: '1998-10-23', '1998-10', '1998', '199X' (a decade),
    '1998-W47' (a week), '1998-W47-WE' (its weekend), '1998-Q3', '1998-SU', 'PRESENT_REF';
    a range counts by its first year."""
    if found.kind in _REFERENCE_VALUES:
        return _REFERENCE_VALUES[found.kind]
    if found.kind == "decade":
        return str(found.date.year)[:3] + "X"
    if found.kind in ("week", "weekend"):
        year, week, _ = found.date.as_date().isocalendar()
        return f"{year}-W{week:02d}" + ("-WE" if found.kind == "weekend" else "")
    if found.kind == "quarter":
        return f"{found.date.year}-Q{((found.date.month or 1) - 1) // 3 + 1}"
    if found.kind == "season":
        return f"{found.date.year}-{_SEASON_VALUES.get(found.date.month or 0, 'XX')}"
    return found.date.iso()


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0

    def f1(self, hits: int) -> tuple[float, float, float]:
        precision = hits / self.found if self.found else 0.0
        recall = hits / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def score_document(found: list[Found], gold: list[Timex], tally: Tally) -> list[dict[str, str]]:
    """Add one document's counts to the tally; return its value errors for inspection."""
    dates = [g for g in gold if g.kind == "DATE"]
    others = [g for g in gold if g.kind != "DATE"]
    errors = []
    tally.gold += len(dates)
    matched: set[int] = set()
    for item in found:
        overlap = [i for i, g in enumerate(dates)
                   if g.start < item.end and item.start < g.end and i not in matched]
        if not overlap:
            if not any(g.start < item.end and item.start < g.end for g in others):
                tally.found += 1
            continue
        tally.found += 1
        index = overlap[0]
        matched.add(index)
        target = dates[index]
        tally.relaxed += 1
        tally.strict += (item.start, item.end) == (target.start, target.end)
        if timex_value(item) == target.value:
            tally.value += 1
        else:
            errors.append({"ours": timex_value(item), "gold": target.value})
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents")
    parser.add_argument("--split", choices=("all", "tune", "heldout"), default="all")
    args = parser.parse_args()
    paths = [p for p in sorted(DATA.rglob("*.tml")) if args.split in ("all", split_of(p))]
    paths = paths[: args.limit or None]
    if not paths:
        print(f"no .tml files under {DATA}", file=sys.stderr)
        return 2
    tally = Tally()
    errors: list[dict[str, str]] = []
    for path in paths:
        text, dct, gold = read_tml(path)
        found = find_dates(text, dct)
        for error in score_document(found, gold, tally):
            error["doc"] = path.name
            errors.append(error)
    rows = {
        "strict span": tally.f1(tally.strict),
        "relaxed span": tally.f1(tally.relaxed),
        "value": tally.f1(tally.value),
    }
    print(f"TempEval-3 TBAQ-cleaned ({args.split}): {len(paths)} documents, {tally.gold} gold "
          f"DATE expressions, {tally.found} found")
    print(f"{'':14s} {'P':>6s} {'R':>6s} {'F1':>6s}")
    for name, (p, r, f) in rows.items():
        print(f"{name:14s} {p:6.3f} {r:6.3f} {f:6.3f}")
    accuracy = tally.value / tally.relaxed if tally.relaxed else 0.0
    print(f"value accuracy on relaxed matches: {accuracy:.3f} ({tally.value}/{tally.relaxed})")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"dates_te3{'' if args.split == 'all' else '_' + args.split}.json"
    out.write_text(json.dumps({
        "documents": len(paths), "gold": tally.gold, "found": tally.found,
        "scores": {k: dict(zip(("precision", "recall", "f1"), v, strict=True))
                   for k, v in rows.items()},
        "value_accuracy": accuracy, "value_errors": errors,
    }, indent=2))
    print(f"details: {out.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
