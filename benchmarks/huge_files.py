"""A corpus folder with the seeds and a few oversized articles, to time `newsbot index` on them.

Why: one scraped file can be a whole site dump on one line; indexing must stay bounded (a
file over `corpus.max_file_bytes` is cut, and no step is worse than linear in its length).

    .venv/bin/python benchmarks/huge_files.py /tmp/newsbot-huge            # 5 MB line + 50 MB
    .venv/bin/python benchmarks/bench_build.py --corpus /tmp/newsbot-huge --starts 1

The text is made of invented sentences (names, quotations, dates, numbers: every extraction
step has something to find), written to the folder given, never into the repository. Shapes:
`line` (one line of sentences), `article` (paragraphs), `run-on` (one line, no sentence end)
and `open-quote` (a quotation mark never closed, then prose).
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_NAMES = ["Ana Pereira", "Tomas Lindqvist", "Mira Okafor", "the minister", "a spokesman",
          "Governor Ruth Abara", "President Ilya Marsh", "she", "he"]
_PLACES = ["Valdora", "the northern province", "Port Elsin", "the capital", "Kessaly"]
_MONTHS = ["January", "March", "May", "July", "September", "November"]
# Many distinct people too (60 x 50 names), as in a dump of many articles.
_GIVEN = [f"{a}{b}" for a in ("Al", "Be", "Ca", "Do", "El", "Fa") for b in (
    "ina", "ero", "ana", "ric", "mon", "lia", "vin", "dra", "son", "ta")]
_FAMILY = [f"{a}{b}" for a in ("Mar", "Tol", "Ves", "Quin", "Rad") for b in (
    "ek", "ova", "ani", "berg", "ez", "ington", "ard", "ucci", "sen", "ley")]


def sentence(rng: random.Random) -> str:
    name, place = rng.choice(_NAMES), rng.choice(_PLACES)
    if rng.random() < 0.5:
        name = f"{rng.choice(_GIVEN)} {rng.choice(_FAMILY)}"
    day, month, year = rng.randint(1, 28), rng.choice(_MONTHS), rng.randint(1950, 2030)
    shapes = [
        f"“We will not accept new tariffs on {place},” {name} said on {month} {day}, {year}.",
        f"On {day} {month} {year}, {name} visited {place} to sign a trade agreement.",
        f"{name.capitalize()} told reporters that talks in {place} had stalled since {year}.",
        f"The agreement, signed in {year}, covers {rng.randint(2, 900)} million dollars of goods.",
        f"“It is a difficult moment for {place},” {name} said, “but we remain hopeful.”",
        f"Last week officials in {place} said the port would reopen next Friday.",
        f"Relations between the two countries were established {rng.randint(2, 90)} years ago.",
    ]
    return rng.choice(shapes)


def prose(size: int, rng: random.Random, paragraph: int = 0) -> str:
    """About `size` characters of sentences; a blank line every `paragraph` sentences."""
    parts: list[str] = []
    total = count = 0
    while total < size:
        count += 1
        piece = sentence(rng)
        end = "\n\n" if paragraph and count % paragraph == 0 else " "
        parts.append(piece + end)
        total += len(piece) + len(end)
    return "".join(parts)


def write(folder: Path, shape: str, size: int, seed: int = 17) -> Path:
    rng = random.Random(seed)
    if shape == "line":
        text = prose(size, rng)
    elif shape == "article":
        text = prose(size, rng, paragraph=4)
    elif shape == "run-on":
        words = "and the talks went on in the capital with no end in sight ".split()
        text = " ".join(rng.choice(words) for _ in range(size // 5))
    elif shape == "open-quote":
        text = "“" + prose(size, rng).replace("“", "").replace("”", "")
    else:
        raise ValueError(f"unknown shape {shape}")
    path = folder / f"huge-{shape}-{size / 2**20:g}mb.txt"
    path.write_text(f"The Valdora Courier\n\n{text}\n", encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--files", nargs="+", default=["line:5", "article:50"],
                        help="shape:MB pairs (shapes: line, article, run-on, open-quote)")
    parser.add_argument("--no-seeds", action="store_true", help="leave the seeds out")
    args = parser.parse_args()
    args.folder.mkdir(parents=True, exist_ok=True)
    if not args.no_seeds:
        for source in (ROOT / "seeds").iterdir():
            shutil.copy(source, args.folder / source.name)
    for spec in args.files:
        shape, _, megabytes = spec.partition(":")
        print(write(args.folder, shape, int(float(megabytes) * 2**20)))


if __name__ == "__main__":
    main()
