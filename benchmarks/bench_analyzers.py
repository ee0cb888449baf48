"""Query latency with one analyzer (English) against two (English and Spanish), and with the
configured aliases, on the same BM25 postings.

Why: since passages may be Spanish, a query is read in both languages (`bot.text.query_terms`),
and `answers.aliases` may add the wordings of a set ("blockade ~ bloqueo ~ embargo"): more terms
to look up per query. This measures what that costs per query, tokenizing included, on real news
passages (t17) padded with synthetic ones to the sizes asked for, as bench_retrieval.py does.

    .venv/bin/python benchmarks/bench_analyzers.py [--sizes 100000] [--queries 300]
        [--out benchmarks/results/analyzers.json]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere, without installing newsbot

from benchmarks.bench_retrieval import (  # noqa: E402  (its corpus, queries and summaries)
    DEFAULT_DATA,
    SEED,
    K,
    _summary,
    load_real_corpus,
    make_queries,
    passage_texts,
)
from bot.config import load_config  # noqa: E402
from bot.retrieval.bm25 import BM25Postings  # noqa: E402
from bot.retrieval.query import Aliases, analyse_query  # noqa: E402
from bot.text import query_terms, tokenize  # noqa: E402

DEFAULT_OUT = ROOT / "benchmarks" / "results" / "analyzers.json"
ROUNDS = 5


def analyzers(aliases: Aliases) -> dict[str, Callable[[str], list[str]]]:
    """How a query becomes terms: English only (before), English and Spanish, and with aliases."""
    return {
        "one (English)": tokenize,
        "two (English + Spanish)": query_terms,
        "two + aliases": lambda query: analyse_query(query, aliases).terms,
    }


def time_queries(postings: BM25Postings, queries: Sequence[str],
                 ways: dict[str, Callable[[str], list[str]]]) -> dict[str, Any]:
    """Per query, the median over rounds of wall and CPU time of analysing it and ranking the
    top K; the ways take turns at going first."""
    wall: dict[str, list[list[float]]] = {name: [[] for _ in queries] for name in ways}
    cpu: dict[str, list[list[float]]] = {name: [[] for _ in queries] for name in ways}
    terms: dict[str, int] = dict.fromkeys(ways, 0)
    names = list(ways)
    for query in queries[:10]:  # warm-up
        for analyse in ways.values():
            postings.top(analyse(query), K)
    for round_no in range(ROUNDS):
        for i, query in enumerate(queries):
            turn = (i + round_no) % len(names)
            for name in names[turn:] + names[:turn]:
                start_wall, start_cpu = time.perf_counter(), time.thread_time()
                looked_up = ways[name](query)
                postings.top(looked_up, K)
                wall[name][i].append((time.perf_counter() - start_wall) * 1000)
                cpu[name][i].append((time.thread_time() - start_cpu) * 1000)
                if round_no == 0:
                    terms[name] += len(looked_up)
    return {name: {"wall_ms": _summary([statistics.median(t) for t in wall[name]]),
                   "cpu_ms": _summary([statistics.median(t) for t in cpu[name]]),
                   "terms_per_query": terms[name] / len(queries)} for name in ways}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the t17 folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    real = load_real_corpus(args.data)
    texts = passage_texts(real, max(args.sizes))
    queries = make_queries(real.texts, args.queries, random.Random(SEED))
    aliases = Aliases.parse(load_config(ROOT / "config.yaml", environ={}).answers.aliases)
    ways = analyzers(aliases)
    results: dict[str, Any] = {"queries": len(queries), "rounds": ROUNDS, "k": K, "sizes": {}}
    for size in sorted(args.sizes):
        postings = BM25Postings.build([tokenize(t) for t in texts[:size]])
        found = time_queries(postings, queries, ways)
        results["sizes"][size] = found
        print(f"{size:,} passages, {len(queries)} queries (median of {ROUNDS} rounds each):")
        for name, figures in found.items():
            print(f"  {name:<26} wall {figures['wall_ms']['median']:.3f} / "
                  f"{figures['wall_ms']['p95']:.3f} ms (median / p95), CPU "
                  f"{figures['cpu_ms']['median']:.3f} / {figures['cpu_ms']['p95']:.3f} ms, "
                  f"{figures['terms_per_query']:.2f} terms")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=1), "utf-8")


if __name__ == "__main__":
    main()
