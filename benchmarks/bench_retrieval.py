"""Retrieval benchmark: our `BM25Postings` against `BM25Okapi` (and bm25s), side by side.

Why: `BM25Postings` exists only to answer queries faster than `BM25Okapi.get_scores` with the
same scores. This measures, on real news passages (t17) padded with synthetic ones to 100k or
1M, what that costs at build time and in memory, what it gains per query, and checks in the same
run that every query's top-10 scores agree. bm25s (numba backend), when the `bench` extra is
installed, is measured beside them as the fastest Python BM25 we know of.

    .venv/bin/python benchmarks/bench_retrieval.py [--sizes 10000 100000] [--queries 200]
        [--okapi-rounds 3] [--out benchmarks/results/retrieval.json]

Each index build runs in a fresh subprocess (this script with `--worker`), so its memory figures
are not blurred by the other structures or by the corpus held in the parent. See README.md.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import logging
import os
import pickle
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import psutil
from rank_bm25 import BM25Okapi

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a script from anywhere, without installing newsbot

from benchmarks.corpus import T17_OUTLETS, detokenize  # noqa: E402  (the one reader of T17 tokens)
from bot.corpus.documents import load_corpus  # noqa: E402
from bot.retrieval.bm25 import BM25Postings  # noqa: E402
from bot.text import STOPWORDS, tokenize  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "t17"
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "retrieval.json"
SEED = 17
K = 10
WARMUP_QUERIES = 10
MIB = 1024 * 1024

# ---------------------------------------------------------------------------------------------
# Corpus: t17 articles (PTB-tokenized text) -> plain text -> our own load_corpus pipeline.
# ---------------------------------------------------------------------------------------------

def stage_corpus(data_root: Path, target: Path) -> int:
    """Write detokenized copies of the t17 articles, and their sources.yaml, into `target`.

    load_corpus reads files, so plain-text copies go to a temporary folder (never the repo).
    """
    sources: dict[str, dict[str, str]] = {}
    count = 0
    for path in sorted(data_root.glob("*/InputDocs/*/*.txt")):
        topic, date = path.parts[-4], path.parts[-2]
        name = f"{topic}__{date}__{path.name}"
        (target / name).write_text(detokenize(path.read_text(encoding="utf-8")), "utf-8")
        outlet = T17_OUTLETS.get(topic.split("_")[-1], topic.split("_")[-1])
        sources[Path(name).stem] = {"outlet": outlet, "date": date}
        count += 1
    (target / "sources.yaml").write_text(json.dumps({"documents": sources}), "utf-8")
    return count


@dataclass
class CorpusFigures:
    """What loading the real corpus gave and cost."""

    documents: int
    skipped: int
    real_passages: int
    stage_s: float
    load_s: float


@dataclass
class RealCorpus:
    """Real passage texts (documents in a seeded shuffled order) and loading figures."""

    texts: list[str]
    sentences: list[str]
    figures: CorpusFigures


def load_real_corpus(data_root: Path) -> RealCorpus:
    """Stage and load the t17 articles, shuffling documents (seeded) so a prefix mixes topics.

    Files the pipeline rejects (empty ones) are counted, not logged one by one.
    """
    logging.getLogger("bot").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory(prefix="newsbot-bench-") as tmp:
        start = time.perf_counter()
        files = stage_corpus(data_root, Path(tmp))
        staged = time.perf_counter()
        corpus = load_corpus(Path(tmp))
        loaded = time.perf_counter()
    if not files:
        sys.exit(f"no t17 articles under {data_root}/*/InputDocs/*/*.txt")
    documents = list(corpus.documents)
    random.Random(SEED).shuffle(documents)
    passages = [p for d in documents for p in d.passages]
    return RealCorpus(
        texts=[p.text for p in passages],
        sentences=[s.text for p in passages for s in p.sentences],
        figures=CorpusFigures(
            documents=len(documents), skipped=len(corpus.skipped), real_passages=len(passages),
            stage_s=staged - start, load_s=loaded - staged,
        ),
    )


def synthesize(real: RealCorpus, count: int, rng: random.Random) -> list[str]:
    """Passages of real sentences drawn at random, each as long as a randomly chosen real passage.

    Keeps the term and passage-length distributions realistic; the vocabulary does not grow.
    """
    lengths = [len(t) for t in real.texts]
    out: list[str] = []
    for _ in range(count):
        target, parts, size = rng.choice(lengths), [], 0
        while size < target:
            sentence = rng.choice(real.sentences)
            parts.append(sentence)
            size += len(sentence) + 1
        out.append(" ".join(parts))
    return out


def passage_texts(real: RealCorpus, largest: int) -> list[str]:
    """The first `largest` passages: all real ones first, then synthetic ones (fixed seed)."""
    missing = max(0, largest - len(real.texts))
    return real.texts[:largest] + synthesize(real, missing, random.Random(SEED))


# ---------------------------------------------------------------------------------------------
# Queries
# ---------------------------------------------------------------------------------------------

_SURFACE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]")
_UNKNOWN = ["qwzxv", "blorptang", "zyxquorn", "fnarglesnap"]  # 4 made-up words


def content_words(text: str) -> list[str]:
    """Words a person might type: no stopwords, no one-letter words, no numbers."""
    return [w for w in _SURFACE_WORD.findall(text) if w.lower() not in STOPWORDS]


def make_queries(texts: Sequence[str], count: int, rng: random.Random) -> list[str]:
    """1-4 consecutive content words of random passages, plus repeated- and unknown-term cases."""
    specials = max(4, count // 20)
    queries: list[str] = []
    while len(queries) < count - specials:
        words = content_words(rng.choice(texts))
        length = rng.choices([1, 2, 3, 4], weights=[2, 4, 3, 1])[0]
        if len(words) >= length:
            start = rng.randrange(len(words) - length + 1)
            queries.append(" ".join(words[start:start + length]))
    for i in range(specials):
        base, kind, nonce = queries[i].split(), i % 4, i // 4
        if kind == 0:  # a repeated term counts twice in BM25Okapi; must in ours too
            queries.append(" ".join([base[0], *base]))
        elif kind == 1:  # an unknown term adds nothing
            queries.append(" ".join([*base, _UNKNOWN[nonce % len(_UNKNOWN)]]))
        elif kind == 2:  # only unknown terms: no passage scores above zero
            queries.append(f"{_UNKNOWN[nonce % 4]} {_UNKNOWN[(nonce + 1) % 4]}")
        else:  # stopwords that tokenization drops, around a repeated term
            queries.append(f"the {base[0]} of {base[0]}")
    return queries


# ---------------------------------------------------------------------------------------------
# Build measurement, one structure per fresh subprocess
# ---------------------------------------------------------------------------------------------

def _build_bm25s(tokenized: list[list[str]]) -> object:
    """bm25s with its numba backend and its "robertson" method: BM25Okapi's idf but clipped at 0
    instead of floored at epsilon times the average, and tf / (tf + norm) without BM25Okapi's
    factor k1 + 1 (`bm25s_top` puts it back), stored as float32. Its top-10 scores agree with
    BM25Okapi's to float32 precision unless a query term is in more than half the passages."""
    retriever = bm25s.BM25(k1=1.5, b=0.75, method="robertson", backend="numba")
    retriever.index(tokenized, show_progress=False)
    return retriever


BUILDERS: dict[str, Callable[[list[list[str]]], object]] = {
    "ours": lambda tokenized: BM25Postings.build(tokenized),
    "okapi": lambda tokenized: BM25Okapi(tokenized),
}
if importlib.util.find_spec("bm25s") and importlib.util.find_spec("numba"):
    import bm25s  # the bench extra; imported here so its import is not counted as build memory
    import numba  # noqa: F401  (bm25s's numba backend: loaded before any build is measured)

    BUILDERS["bm25s"] = _build_bm25s
NAMES = {"ours": "BM25Postings", "okapi": "BM25Okapi", "bm25s": "bm25s+numba"}


def _rss() -> int:
    return int(psutil.Process().memory_info().rss)


def _reset_peak_rss() -> bool:
    """Reset the kernel's high-water mark (Linux >= 4.0); False where that is not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_rss() -> int | None:
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) * 1024 if match else None


def measure_build(kind: str, tokenized: list[list[str]], repeats: int) -> dict[str, Any]:
    """Time and memory of building one structure from already tokenized passages.

    First build: RSS growth (peak via VmHWM, retained after gc.collect) in a process that holds
    only the tokenized input. Further builds: timing only. Last: a tracemalloc build, untimed
    (tracemalloc slows allocation), for Python-heap peak and retained bytes.
    """
    build = BUILDERS[kind]
    gc.collect()
    before = _rss()
    can_peak = _reset_peak_rss()
    start = time.perf_counter()
    built = build(tokenized)
    times = [time.perf_counter() - start]
    peak = _peak_rss() if can_peak else None
    gc.collect()
    retained_rss = _rss() - before
    for _ in range(repeats - 1):
        del built
        gc.collect()
        start = time.perf_counter()
        built = build(tokenized)
        times.append(time.perf_counter() - start)
    del built
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    built = build(tokenized)
    traced_peak = tracemalloc.get_traced_memory()[1] - base
    gc.collect()
    traced_retained = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    del built
    return {
        "build_s": statistics.median(times),
        "build_s_all": times,
        "rss_peak_growth_mib": None if peak is None else (peak - before) / MIB,
        "rss_retained_mib": retained_rss / MIB,
        "tracemalloc_peak_mib": traced_peak / MIB,
        "tracemalloc_retained_mib": traced_retained / MIB,
    }


def worker_main(kind: str, tokenized_path: Path, repeats: int) -> None:
    """Subprocess entry point: load the pickled tokens, measure, print one JSON line."""
    with tokenized_path.open("rb") as handle:
        tokenized = pickle.load(handle)
    print(json.dumps(measure_build(kind, tokenized, repeats)))


def run_worker(kind: str, tokenized_path: Path, repeats: int) -> dict[str, Any]:
    command = [
        sys.executable, str(Path(__file__).resolve()), "--worker", kind,
        "--tokenized", str(tokenized_path), "--build-repeats", str(repeats),
    ]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"{kind} build worker failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# ---------------------------------------------------------------------------------------------
# Query latency and agreement
# ---------------------------------------------------------------------------------------------


def ours_top(index: BM25Postings, query: str) -> np.ndarray:
    """Top-K scores from our postings, query tokenization included."""
    return np.array([hit.score for hit in index.top(tokenize(query), K)])


def okapi_top(model: BM25Okapi, query: str) -> np.ndarray:
    """Top-K scores the way get_top_n ranks (argpartition instead of a full argsort)."""
    scores = model.get_scores(tokenize(query))
    best = np.argpartition(-scores, K - 1)[:K]
    return scores[best[np.argsort(-scores[best], kind="stable")]]


def bm25s_top(retriever: Any, query: str) -> np.ndarray:
    """Top-K scores from bm25s (numba backend, one thread), query tokenization included."""
    found = retriever.retrieve([tokenize(query)], k=K, show_progress=False, n_threads=1,
                               backend_selection="numba")
    return np.asarray(found.scores[0], dtype=float) * (1.5 + 1)  # its tf part lacks k1 + 1


TOPS: dict[str, Callable[[Any, str], np.ndarray]] = {
    "ours": ours_top, "okapi": okapi_top, "bm25s": bm25s_top,
}


def time_queries(
    structures: dict[str, object], queries: Sequence[str], rounds: dict[str, int]
) -> dict[str, Any]:
    """Per-query latency (median over rounds) of every structure, interleaved query by query.

    Both wall time and the thread's CPU time are kept: on a shared machine the second is not
    inflated by waiting for a core. The structures take turns at running first.
    """
    for query in queries[:WARMUP_QUERIES]:
        for name, structure in structures.items():
            TOPS[name](structure, query)
    wall: dict[str, list[list[float]]] = {name: [[] for _ in queries] for name in structures}
    cpu: dict[str, list[list[float]]] = {name: [[] for _ in queries] for name in structures}
    tops: dict[str, list[np.ndarray]] = {name: [] for name in structures}
    for round_no in range(max(rounds.values())):
        for i, query in enumerate(queries):
            names = [name for name in structures if round_no < rounds[name]]
            turn = (i + round_no) % len(names)
            for name in names[turn:] + names[:turn]:
                start_wall, start_cpu = time.perf_counter(), time.thread_time()
                found = TOPS[name](structures[name], query)
                wall[name][i].append(time.perf_counter() - start_wall)
                cpu[name][i].append(time.thread_time() - start_cpu)
                if round_no == 0:
                    tops[name].append(np.pad(found, (0, K - len(found))))  # fewer: zeros follow
    result: dict[str, Any] = {"queries": len(queries), "rounds": rounds, "agree": {},
                              "identical": {}, "max_abs_score_diff": {}}
    for name in structures:
        per_query = [statistics.median(t) * 1000 for t in wall[name]]
        result[f"{name}_ms"] = _summary(per_query)
        result[f"{name}_cpu_ms"] = _summary([statistics.median(t) * 1000 for t in cpu[name]])
        result.setdefault("per_query_ms", {})[name] = per_query
        if name != "okapi":
            pairs = list(zip(tops[name], tops["okapi"], strict=True))
            result["agree"][name] = sum(bool(np.allclose(a, b)) for a, b in pairs)
            result["identical"][name] = sum(bool(np.array_equal(a, b)) for a, b in pairs)
            result["max_abs_score_diff"][name] = max(
                float(np.max(np.abs(a - b))) for a, b in pairs)
    result["speedup_of_medians"] = result["okapi_ms"]["median"] / result["ours_ms"]["median"]
    result["query_tokenize_ms"] = _summary(_tokenize_times(queries))
    return result


def _tokenize_times(queries: Sequence[str]) -> list[float]:
    out = []
    for query in queries:
        start = time.perf_counter()
        tokenize(query)
        out.append((time.perf_counter() - start) * 1000)
    return out


def _summary(values_ms: Sequence[float]) -> dict[str, float]:
    return {
        "median": float(np.median(values_ms)),
        "p95": float(np.percentile(values_ms, 95)),
        "mean": float(np.mean(values_ms)),
    }


# ---------------------------------------------------------------------------------------------
# One size, the whole run, and the report
# ---------------------------------------------------------------------------------------------


@dataclass
class SizeResult:
    passages: int
    synthetic: int
    tokenize_s: float
    tokens: int
    vocabulary: int
    build: dict[str, dict[str, Any]] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)


def tokenize_incrementally(texts: Sequence[str], sizes: Sequence[int]) -> tuple[
    list[list[str]], dict[int, float]
]:
    """Tokenize once; the time to reach each size is the cumulative time up to it (cold cache)."""
    tokenized: list[list[str]] = []
    cumulative: dict[int, float] = {}
    elapsed = 0.0
    for size in sorted(sizes):
        start = time.perf_counter()
        tokenized.extend(tokenize(t) for t in texts[len(tokenized):size])
        elapsed += time.perf_counter() - start
        cumulative[size] = elapsed
    return tokenized, cumulative


def bench_size(
    tokenized: list[list[str]], size: int, real: int, tokenize_s: float,
    queries: Sequence[str], args: argparse.Namespace, scratch: Path,
) -> SizeResult:
    """Build both structures in subprocesses, then time queries on both built here."""
    subset = tokenized[:size]
    result = SizeResult(
        passages=size, synthetic=max(0, size - real), tokenize_s=tokenize_s,
        tokens=sum(map(len, subset)), vocabulary=len({t for p in subset for t in p}),
    )
    path = scratch / f"tokens-{size}.pickle"
    with path.open("wb") as handle:
        pickle.dump(subset, handle, protocol=pickle.HIGHEST_PROTOCOL)
    for kind in BUILDERS:
        print(f"  [{size:,}] building {kind} in a subprocess ...", file=sys.stderr, flush=True)
        result.build[kind] = run_worker(kind, path, args.build_repeats)
    path.unlink()
    print(f"  [{size:,}] timing {len(queries)} queries x {args.rounds} rounds "
          f"({args.okapi_rounds} for BM25Okapi) ...", file=sys.stderr, flush=True)
    structures = {kind: build(subset) for kind, build in BUILDERS.items()}
    rounds = {kind: args.okapi_rounds if kind == "okapi" else args.rounds for kind in structures}
    result.query = time_queries(structures, queries, rounds)
    return result


def environment() -> dict[str, Any]:
    cpu = platform.processor()
    try:
        info = Path("/proc/cpuinfo").read_text()
        cpu = re.search(r"model name\s*:\s*(.+)", info).group(1)  # type: ignore[union-attr]
    except (OSError, AttributeError):
        pass
    return {
        "date": datetime.now().astimezone().isoformat(timespec="seconds"),
        "platform": platform.platform(),
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
        else os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 1024**3, 1),
        "load_average": " ".join(f"{x:.1f}" for x in os.getloadavg()),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "rank_bm25": metadata.version("rank-bm25"),
        "bm25s": metadata.version("bm25s") if "bm25s" in BUILDERS else None,
        "numba": metadata.version("numba") if "bm25s" in BUILDERS else None,
    }


def _fmt_mib(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.1f} MiB"


def format_size(r: SizeResult, repeats: int) -> str:
    """One block of the stdout table: build, memory and query rows, one column per structure."""
    kinds, q = list(r.build), r.query
    share = 100 * r.synthetic / r.passages

    def row(label: str, cell: Callable[[str], str]) -> str:
        return f"{label:34}" + "".join(f"{cell(kind):>16}" for kind in kinds)

    def mib(field: str) -> Callable[[str], str]:
        return lambda kind: _fmt_mib(r.build[kind][field])

    def ms(field: str, stat: str) -> Callable[[str], str]:
        return lambda kind: f"{q[f'{kind}_{field}'][stat]:.3f} ms"

    lines = [
        f"== {r.passages:,} passages ({r.synthetic:,} synthetic, {share:.0f}%); "
        f"{r.tokens:,} tokens, {r.vocabulary:,} terms; tokenizing them: {r.tokenize_s:.2f} s",
        row("", lambda kind: NAMES[kind]),
        row(f"build time (median of {repeats})", lambda kind: f"{r.build[kind]['build_s']:.2f} s"),
        row("RSS peak growth during build", mib("rss_peak_growth_mib")),
        row("RSS retained after build+gc", mib("rss_retained_mib")),
        row("tracemalloc peak during build", mib("tracemalloc_peak_mib")),
        row("tracemalloc retained", mib("tracemalloc_retained_mib")),
        row("query latency median (wall)", ms("ms", "median")),
        row("query latency p95 (wall)", ms("ms", "p95")),
        row("query latency median (CPU)", ms("cpu_ms", "median")),
        row("query latency p95 (CPU)", ms("cpu_ms", "p95")),
        row("timed rounds per query", lambda kind: str(q["rounds"][kind])),
        row("top-10 scores allclose to Okapi", lambda kind: "" if kind == "okapi"
            else f"{q['agree'][kind]}/{q['queries']}"),
        row("top-10 scores bit-identical", lambda kind: "" if kind == "okapi"
            else f"{q['identical'][kind]}/{q['queries']}"),
        f"speed-up over BM25Okapi (ratio of wall medians): {q['speedup_of_medians']:.0f}x; "
        f"query tokenization alone: median {q['query_tokenize_ms']['median']:.3f} ms",
    ]
    return "\n".join(lines)


def format_report(env: dict[str, Any], corpus: CorpusFigures, results: list[SizeResult],
                  args: argparse.Namespace) -> str:
    versions = f"numpy {env['numpy']}, rank-bm25 {env['rank_bm25']}"
    if env.get("bm25s"):
        versions += f", bm25s {env['bm25s']}, numba {env['numba']}"
    head = [
        f"newsbot retrieval benchmark, {env['date']}",
        f"{env['cpu']}, {env['cores']} cores, {env['memory_gib']} GiB; load average at start "
        f"{env['load_average']}; Python {env['python']}, {versions}",
        f"corpus: {corpus.documents:,} t17 articles ({corpus.skipped} empty files skipped) -> "
        f"{corpus.real_passages:,} real passages; detokenize+stage {corpus.stage_s:.2f} s, "
        f"load_corpus {corpus.load_s:.2f} s",
        f"queries: {args.queries}, latency includes query tokenization for every method, "
        f"per-query median of its rounds, then median/p95 over queries",
        "",
    ]
    return "\n".join(head) + "\n\n".join(format_size(r, args.build_repeats) for r in results)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the t17 folder")
    parser.add_argument("--rounds", type=int, default=3, help="timed passes over the queries")
    parser.add_argument("--okapi-rounds", type=int, default=3,
                        help="timed passes for BM25Okapi (about 0.6 s a query at 1M passages)")
    parser.add_argument("--build-repeats", type=int, default=3, help="timed builds per structure")
    parser.add_argument("--worker", choices=sorted(BUILDERS), help=argparse.SUPPRESS)
    parser.add_argument("--tokenized", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args.worker:
        worker_main(args.worker, args.tokenized, args.build_repeats)
        return
    started = time.perf_counter()
    env = environment()
    print("loading the t17 corpus with bot.corpus.load_corpus ...", file=sys.stderr, flush=True)
    real = load_real_corpus(args.data)
    texts = passage_texts(real, max(args.sizes))
    queries = make_queries(texts[:min(args.sizes)], args.queries, random.Random(SEED))
    print(f"tokenizing {len(texts):,} passages ...", file=sys.stderr, flush=True)
    tokenized, tokenize_s = tokenize_incrementally(texts, args.sizes)
    corpus = real.figures
    del texts, real
    results = []
    with tempfile.TemporaryDirectory(prefix="newsbot-bench-") as scratch:
        for size in sorted(args.sizes):
            results.append(bench_size(tokenized, size, corpus.real_passages, tokenize_s[size],
                                      queries, args, Path(scratch)))
    print(format_report(env, corpus, results, args))
    env["wall_s"] = time.perf_counter() - started
    print(f"\ntotal wall time {env['wall_s']:.0f} s")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"environment": env, "corpus": asdict(corpus), "queries": queries,
               "settings": {"k": K, "rounds": args.rounds, "okapi_rounds": args.okapi_rounds,
                            "build_repeats": args.build_repeats,
                            "seed": SEED, "warmup_queries": WARMUP_QUERIES,
                            "query_latency_includes_tokenization": True},
               "sizes": [asdict(r) for r in results]}
    args.out.write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    print(f"\nwrote {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
