"""Inline mode at real size: one page of inline results against the chat reply to the same query.

Why: an inline query is answered while the user types, and every page as they scroll computes the
answer again (handlers/inline.py); this shows what a page costs beside the chat reply it shares
its answer with, in one run, on the benchmark corpus (benchmarks/corpus.py).

    .venv/bin/python benchmarks/bench_inline.py                 # base corpus, 30 queries a row
    .venv/bin/python benchmarks/bench_inline.py --size 106k --queries 50

Per query, in turn: the chat reply as its worker thread makes it (`Answerer.answer` and
`to_html_pages`), the first inline page (`inline_page`, offset "") and, when there is one, the
second page (its `next_offset`). CPU seconds of this process (`time.process_time`): the machine
is shared, and wall time would mostly measure the other users. Timings are reported, never
asserted.
"""

from __future__ import annotations

import argparse
import dataclasses
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from command_queries import draw_queries
from corpus import base_articles, ensure_corpus, parse_size

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answers.answerer import Answerer  # noqa: E402
from bot.answers.scope import EVERYTHING  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.render import to_html_pages  # noqa: E402
from bot.retrieval.cache import load_or_build  # noqa: E402
from handlers.inline import inline_page  # noqa: E402

T = TypeVar("T")
ROWS = {"/search <words>": "", "/timeline <topic>": "timeline ", "/quote <person>": "quote ",
        "/sources <topic>": "sources "}


def cpu(work: Callable[..., T], *args: object) -> tuple[float, T]:
    started = time.process_time()
    result = work(*args)
    return time.process_time() - started, result


def chat_reply(answerer: Answerer, command: str, topic: str) -> list[str]:
    """What the chat handler's worker thread makes (handlers/replies.py)."""
    return to_html_pages(answerer.answer(command, topic), answerer.config.answers.items_per_page)


def quantiles(times: list[float]) -> str:
    if not times:
        return "—"
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{statistics.median(ordered) * 1000:.0f} / {p95 * 1000:.0f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="base", help="base, 106k or 1M (benchmarks/corpus.py)")
    parser.add_argument("--queries", type=int, default=30, help="queries per row")
    parser.add_argument("--work", type=Path,
                        default=Path(tempfile.gettempdir()) / "newsbot-bench-inline")
    args = parser.parse_args(argv)
    info = ensure_corpus(parse_size(args.size), args.work)
    config = load_config(ROOT / "config.yaml", info.folder, environ={})
    config.index = dataclasses.replace(config.index, cache_dir=args.work / f"cache-{args.size}")
    built, (index, _) = cpu(load_or_build, Path(info.folder), config.corpus, config.index)
    print(f"index of {len(index.passages):,} passages ready in {built:.1f} s of CPU",
          file=sys.stderr)
    answerer = Answerer(index, config)
    queries = draw_queries(base_articles(), args.queries)
    print(f"| query ({args.size}, {len(index.passages):,} passages) | n | chat reply p50 / p95 ms "
          "| inline page 1 p50 / p95 ms | inline page 2 p50 / p95 ms (n) |")
    print("|---|---:|---:|---:|---:|")
    for row, prefix in ROWS.items():
        chat, first, second = [], [], []
        for message in queries.rows[row]:
            topic = message.split(" ", 1)[1]
            command = row.split()[0][1:]
            chat.append(cpu(chat_reply, answerer, command, topic)[0])
            seconds, page = cpu(inline_page, answerer, prefix + topic, "", EVERYTHING)
            first.append(seconds)
            if page.next_offset:
                second.append(cpu(inline_page, answerer, prefix + topic, page.next_offset,
                                  EVERYTHING)[0])
        print(f"| {row} | {len(chat)} | {quantiles(chat)} | {quantiles(first)} | "
              f"{quantiles(second)} ({len(second)}) |")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
