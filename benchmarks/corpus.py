"""Benchmark corpora at real size: every news article in ../shared/data as one corpus folder.

Why: the bot's commands have to be timed on a corpus shaped like the ones users load (thousands
of articles from many outlets and years), not on the bundled seeds. This writes the news of
Timeline17, PolNeAR and BASIL (about 3,400 articles) as `.txt` files with a `sources.yaml`
(outlet, date, and title and URL where the data has them), the way a user would lay out a corpus.

Larger sizes add copies of those articles with their sentences shuffled within paragraphs
(seeded; each copy gets a new doc id and keeps its outlet, date, title and URL) until the index
would hold about the asked number of passages. Shuffling keeps each paragraph's words and length,
so the passage count, term statistics and outlets per topic scale like the real corpus; what it
cannot add is new vocabulary, new events or new people.

    .venv/bin/python benchmarks/corpus.py                    # all the news, ~48k passages
    .venv/bin/python benchmarks/corpus.py --passages 106000  # padded with shuffled copies
    .venv/bin/python benchmarks/corpus.py --passages 1000000 --out /tmp/newsbot-bench

A folder already built with the same parameters (its manifest.json says so) is reused as is.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from sentencex import segment

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere, without installing newsbot

from bot.config import CorpusConfig  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
DEFAULT_OUT = Path(tempfile.gettempdir()) / "newsbot-bench"
SEED = 17
# Bump when what gets written changes, so that folders built by older versions are rebuilt.
FORMAT = 1
MANIFEST = "manifest.json"

T17_OUTLETS = {
    "bbc": "BBC", "guardian": "The Guardian", "reuters": "Reuters", "foxnews": "Fox News",
    "washingtonpost": "The Washington Post",
}
POLNEAR_OUTLETS = {
    "breitbart": "Breitbart", "huff-post": "HuffPost", "nyt": "The New York Times",
    "politico": "Politico", "usa-today": "USA Today", "wash-post": "The Washington Post",
    "west-journal": "Western Journal",
}
BASIL_OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}

# Penn-Treebank tokens of T17 text, back to plain prose, so our tokenizer and quote finder see
# what a scraped article would hold.
_PTB_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"-LRB-"), "("), (re.compile(r"-RRB-"), ")"),
    (re.compile(r"-LSB-"), "["), (re.compile(r"-RSB-"), "]"),
    (re.compile(r"-LCB-"), "{"), (re.compile(r"-RCB-"), "}"),
    (re.compile(r"``[ \t]*"), '"'), (re.compile(r"[ \t]*''"), '"'),
    (re.compile(r"`[ \t]*"), "'"),
    (re.compile(r"[ \t]+(n't|'[a-zA-Z]{1,2})\b"), r"\1"),
    (re.compile(r"[ \t]+'(?=[ \t]|$)", re.MULTILINE), "'"),
    (re.compile(r"[ \t]+([,.;:?!%)\]}])"), r"\1"),
    (re.compile(r"([(\[{$#])[ \t]+"), r"\1"),
]
_TERMINAL = tuple('.!?:;"”’)')


def detokenize(text: str) -> str:
    """Undo Penn-Treebank tokenization (`` '' -LRB- , 's)."""
    for pattern, replacement in _PTB_RULES:
        text = pattern.sub(replacement, text)
    return text


@dataclass
class Article:
    """One news article as written to the corpus folder.

    `paragraphs` are the units whose sentences a copy shuffles. T17 articles come one sentence
    per line with no paragraph breaks, so they are written line by line (`one_per_line`) and a
    copy shuffles lines within passage-sized runs instead.
    """

    doc_id: str
    collection: str  # t17, polnear or basil
    paragraphs: list[str]
    meta: dict[str, str]
    one_per_line: bool = False
    extra: dict[str, str] = field(default_factory=dict)  # not written: topic, main event

    def text(self) -> str:
        return ("\n" if self.one_per_line else "\n\n").join(self.paragraphs) + "\n"


def t17_articles(data: Path) -> Iterator[Article]:
    """T17: the folder name is the topic and outlet, the date folder the publication date."""
    for path in sorted((data / "t17").glob("*/InputDocs/*/*.txt")):
        topic, date = path.parts[-4], path.parts[-2]
        text = detokenize(path.read_text(encoding="utf-8", errors="replace"))
        lines = [" ".join(line.split()) for line in text.splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            continue  # a few T17 files are empty
        outlet = topic.split("_")[-1]
        yield Article(
            doc_id=f"t17_{topic}_{date}_{path.name.split('.')[0]}", collection="t17",
            paragraphs=lines, meta={"outlet": T17_OUTLETS.get(outlet, outlet), "date": date},
            one_per_line=True, extra={"topic": topic},
        )


def polnear_articles(data: Path) -> Iterator[Article]:
    """PolNeAR: text/*.txt (title first, blank lines between paragraphs) and metadata.tsv."""
    folder = data / "polnear"
    with (folder / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
        rows = {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}
    for path in sorted(folder.glob("*/text/*.txt")):
        row = rows.get(path.stem, {})
        text = path.read_text(encoding="utf-8", errors="replace")
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
        paragraphs = [p for p in paragraphs if p]
        if not paragraphs:
            continue
        publisher = row.get("publisher", "") or path.stem.split("_")[0]
        meta = {"outlet": POLNEAR_OUTLETS.get(publisher, publisher),
                "date": row.get("publication_date", ""), "title": row.get("title", ""),
                "author": row.get("author", "")}
        yield Article(f"polnear_{path.stem}", "polnear", paragraphs,
                      {k: v for k, v in meta.items() if v and v != "None"})


def basil_articles(data: Path) -> Iterator[Article]:
    """BASIL: one JSON per article (source, date, title, url, body-paragraphs), as eval reads it."""
    for path in sorted((data / "basil" / "articles").glob("*/*.json")):
        article = json.loads(path.read_text(encoding="utf-8"))
        body = [" ".join(p) if isinstance(p, list) else str(p)
                for p in article["body-paragraphs"]]
        paragraphs = [" ".join(p.split()) for p in [article["title"], *body]]
        meta = {"outlet": BASIL_OUTLETS[article["source"].lower()], "date": article["date"],
                "url": article.get("url", ""), "title": article["title"]}
        yield Article(f"basil_{path.stem}", "basil", [p for p in paragraphs if p],
                      {k: v for k, v in meta.items() if v},
                      extra={"main_event": article.get("main-event", "")})


def base_articles(data: Path = DATA) -> list[Article]:
    """Every news article of T17, PolNeAR and BASIL, in a fixed order."""
    return [*t17_articles(data), *polnear_articles(data), *basil_articles(data)]


def estimate_passages(article: Article, settings: CorpusConfig) -> int:
    """About how many passages the bot makes of this article.

    A rough model of the passage rule (a paragraph or a few short ones, min..max characters;
    short unpunctuated lines are headings), used only to decide how many copies to add; the
    benchmark reports the real count after building the index.
    """
    count = group = 0
    for paragraph in article.paragraphs:
        size = len(paragraph)
        if size <= 90 and not paragraph.endswith(_TERMINAL):
            count, group = count + (group > 0), 0
            continue
        if size > settings.passage_max_chars:
            count += (group > 0) + math.ceil(size / settings.passage_max_chars)
            group = 0
            continue
        if group and group + size > settings.passage_max_chars:
            count, group = count + 1, 0
        group += size
        if group >= settings.passage_min_chars:
            count, group = count + 1, 0
    return count + (group > 0)


def shuffled_copy(article: Article, number: int, rng: random.Random,
                  settings: CorpusConfig) -> Article:
    """The article with its sentences shuffled within each paragraph: a new doc id, same facts.

    T17's one-sentence lines are shuffled within runs of about a passage's minimum size.
    """
    if article.one_per_line:
        paragraphs: list[str] = []
        run: list[str] = []
        for line in article.paragraphs:
            run.append(line)
            if sum(len(x) for x in run) >= settings.passage_min_chars:
                rng.shuffle(run)
                paragraphs += run
                run = []
        rng.shuffle(run)
        paragraphs += run
    else:
        paragraphs = []
        for paragraph in article.paragraphs:
            sentences = [s.strip() for s in segment("en", paragraph) if s.strip()]
            rng.shuffle(sentences)
            paragraphs.append(" ".join(sentences))
    return Article(f"{article.doc_id}_copy{number}", article.collection, paragraphs,
                   dict(article.meta), article.one_per_line, dict(article.extra))


@dataclass
class CorpusInfo:
    """What a corpus folder holds; also its manifest.json."""

    folder: str
    target_passages: int | None
    seed: int
    format: int
    data_digest: str
    base_articles: int
    copies: int
    estimated_passages: int
    estimated_base_passages: int
    bytes_on_disk: int
    build_seconds: float
    per_collection: dict[str, int]

    @property
    def documents(self) -> int:
        return self.base_articles + self.copies


def data_digest(data: Path) -> str:
    """A digest of the names and sizes of the source files: changed data, rebuilt corpus."""
    digest = hashlib.sha256()
    for sub in ("t17", "polnear", "basil"):
        for path in sorted((data / sub).rglob("*")):
            if path.is_file():
                digest.update(f"{path.relative_to(data)}:{path.stat().st_size}\n".encode())
    return digest.hexdigest()[:16]


def size_label(passages: int | None) -> str:
    """'base', '106k', '1M': how sizes are named on the command line and in folder names."""
    if passages is None:
        return "base"
    if passages % 1_000_000 == 0:
        return f"{passages // 1_000_000}M"
    return f"{passages // 1000}k" if passages % 1000 == 0 else str(passages)


def parse_size(label: str) -> int | None:
    """The inverse of size_label: 'base' is None, '106k' is 106000, '1M' is 1000000."""
    text = label.strip().lower()
    if text == "base":
        return None
    scale = {"k": 1000, "m": 1_000_000}.get(text[-1:], 1)
    number = text[:-1] if scale != 1 else text
    return int(float(number) * scale)


def ensure_corpus(passages: int | None = None, out: Path = DEFAULT_OUT, data: Path = DATA,
                  seed: int = SEED, log: bool = True) -> CorpusInfo:
    """The corpus folder for `passages` (None: the real articles only), built if not there yet."""
    folder = out / f"corpus-{size_label(passages)}-seed{seed}"
    digest = data_digest(data)
    manifest = folder / MANIFEST
    if manifest.is_file():
        known = json.loads(manifest.read_text(encoding="utf-8"))
        if (known.get("format"), known.get("seed"), known.get("target_passages"),
                known.get("data_digest")) == (FORMAT, seed, passages, digest):
            if log:
                print(f"reusing {folder}", file=sys.stderr)
            return CorpusInfo(**known)
    started = time.perf_counter()
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    settings = CorpusConfig()
    articles = base_articles(data)
    if not articles:
        sys.exit(f"no news articles under {data} (t17, polnear, basil)")
    estimates = [estimate_passages(a, settings) for a in articles]
    base_estimate = sum(estimates)
    sources: dict[str, dict[str, str]] = {}
    for article in articles:
        _write(folder, article, sources)
    total, copies = base_estimate, 0
    rng = random.Random(seed)
    if passages is not None and passages > base_estimate:
        order = list(range(len(articles)))
        number = 0
        while total < passages:
            number += 1
            rng.shuffle(order)
            for i in order:
                if total >= passages:
                    break
                _write(folder, shuffled_copy(articles[i], number, rng, settings), sources)
                total += estimates[i]
                copies += 1
            if log:
                print(f"  copy round {number}: {copies} copies, ~{total} passages",
                      file=sys.stderr)
    (folder / "sources.yaml").write_text(
        yaml.dump({"documents": sources}, Dumper=yaml.CSafeDumper, allow_unicode=True,
                  sort_keys=True),
        encoding="utf-8")
    per_collection: dict[str, int] = {}
    for article in articles:
        per_collection[article.collection] = per_collection.get(article.collection, 0) + 1
    info = CorpusInfo(
        folder=str(folder), target_passages=passages, seed=seed, format=FORMAT,
        data_digest=digest, base_articles=len(articles), copies=copies,
        estimated_passages=total, estimated_base_passages=base_estimate,
        bytes_on_disk=sum(p.stat().st_size for p in folder.iterdir()),
        build_seconds=round(time.perf_counter() - started, 2), per_collection=per_collection,
    )
    manifest.write_text(json.dumps(info.__dict__, indent=2), encoding="utf-8")  # last: complete
    if log:
        print(f"wrote {folder}: {info.documents} articles, ~{total} passages "
              f"({info.build_seconds:.0f} s)", file=sys.stderr)
    return info


def _write(folder: Path, article: Article, sources: dict[str, dict[str, str]]) -> None:
    (folder / f"{article.doc_id}.txt").write_text(article.text(), encoding="utf-8")
    sources[article.doc_id] = article.meta


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passages", type=parse_size, default=None,
                        help="about this many passages (e.g. 106k, 1M); default: the real "
                             "articles only (~48k)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help=f"parent folder of the corpus folder (default {DEFAULT_OUT})")
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    info = ensure_corpus(args.passages, args.out, args.data, args.seed)
    print(json.dumps(info.__dict__, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
