"""Adding articles to a live index: the time to add one article to a ~100k-passage index, the
memory it takes, and a feed poll of 50 items.

The index of benchmarks/corpus.py's 106k-passage folder is built (or loaded from its cache),
then articles are added through `Ingestor.add_file` and a feed of 50 items served on 127.0.0.1
is polled. The articles added are made from the corpus's own paragraphs, each from several
different articles, so none is a duplicate. Timings are wall clock on this machine, one add at a
time; the first add also makes the near-duplicate signatures of every article (reported apart).

    .venv/bin/python benchmarks/corpus.py --passages 106000
    .venv/bin/python benchmarks/bench_ingest.py [--corpus /tmp/newsbot-bench/corpus-106k-seed17]
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import load_config  # noqa: E402
from bot.corpus.articles import ArticleStore  # noqa: E402
from bot.corpus.files import corpus_files  # noqa: E402
from bot.ingest.feeds import follow_feed  # noqa: E402
from bot.ingest.ingest import Ingestor  # noqa: E402
from bot.retrieval.cache import load_or_build  # noqa: E402
from tests.support.web import rss, serving  # noqa: E402


def rss_mb() -> float:
    """Peak resident memory of this process so far, MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def made_articles(corpus: Path, count: int, seed: int = 14) -> list[str]:
    """Articles of 6 paragraphs (lines of 200 to 1,500 characters), each from another article
    of the corpus, with a title line: none is near any one article."""
    rng = random.Random(seed)
    files = [p for p in corpus_files(corpus) if "_copy" not in p.stem]
    paragraphs: list[list[str]] = []
    for path in rng.sample(files, min(len(files), 40 * count)):
        found = [p.strip() for p in path.read_text(encoding="utf-8").split("\n")
                 if 200 < len(p.strip()) < 1500]
        if found:
            paragraphs.append(found)
    return [f"Made article {i}\n2025-01-{1 + i % 28:02d}\n\n" + "\n\n".join(
        rng.choice(group) for group in rng.sample(paragraphs, 6)) for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path,
                        default=Path(tempfile.gettempdir()) / "newsbot-bench/corpus-106k-seed17")
    parser.add_argument("--cache", type=Path,
                        default=Path(tempfile.gettempdir()) / "newsbot-bench-live/cache")
    parser.add_argument("--adds", type=int, default=21)
    parser.add_argument("--feed-items", type=int, default=50)
    args = parser.parse_args()
    config = load_config(ROOT / "config.yaml", args.corpus, environ={})
    config.index = dataclasses.replace(config.index, cache_dir=args.cache)
    work = Path(tempfile.mkdtemp(prefix="newsbot-live-"))
    config.ingest = dataclasses.replace(config.ingest, store=work / "articles.sqlite3",
                                        allow_private_hosts=True, host_delay=0)
    started = time.perf_counter()
    index, cached = load_or_build(args.corpus, config.corpus, config.index)
    loaded = time.perf_counter() - started
    before = rss_mb()
    how = "loaded from cache" if cached else "built"
    print(f"index: {len(index.passages)} passages, {len(index.documents)} documents, {how} in "
          f"{loaded:.1f} s; peak RSS {before:.0f} MB")
    ingestor = Ingestor(ArticleStore(config.store_path), config, index)
    texts = made_articles(args.corpus, args.adds + args.feed_items)

    async def add_all() -> list[float]:
        times = []
        for number, text in enumerate(texts[:args.adds]):
            begun = time.perf_counter()
            report = await ingestor.add_file(f"made-{number}.txt", text.encode(), "bench",
                                             "Bench Wire")
            times.append(time.perf_counter() - begun)
            assert report.added, report.text()
        return times

    times = asyncio.run(add_all())
    after = rss_mb()
    rest = times[1:]
    print(f"first add (makes every article's near-duplicate signature): {times[0]:.2f} s")
    print(f"add one article, next {len(rest)}: p50 {statistics.median(rest):.3f} s, "
          f"max {max(rest):.3f} s; peak RSS {before:.0f} -> {after:.0f} MB")

    pages = texts[args.adds:]
    with serving() as site:
        links = []
        for number, text in enumerate(pages):
            paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n")[1:])
            links.append(site.page(
                f"/item/{number}",
                f"<html><head><title>Item {number}</title><meta property='og:site_name' "
                f"content='Feed Wire'></head><body><article><h1>Item {number}</h1>{paragraphs}"
                "</article></body></html>"))
        feed = site.page("/feed.xml", rss("Bench feed", [(f"Item {i}", link)
                                                         for i, link in enumerate(links)]),
                         "application/rss+xml", headers={"ETag": '"1"'})
        begun = time.perf_counter()
        report = asyncio.run(follow_feed(ingestor, feed, "bench"))
        polled = time.perf_counter() - begun
    print(f"feed poll of {args.feed_items} new items: {polled:.1f} s "
          f"({report.text()}); peak RSS {rss_mb():.0f} MB")
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "bench_ingest.json").write_text(json.dumps({
        "passages": len(index.passages), "load_s": loaded, "first_add_s": times[0],
        "add_p50_s": statistics.median(rest), "add_max_s": max(rest), "rss_before_mb": before,
        "rss_after_adds_mb": after, "feed_items": args.feed_items, "feed_poll_s": polled,
        "feed_added": sum(r.added for r in report.reports)}, indent=1))


if __name__ == "__main__":
    main()
