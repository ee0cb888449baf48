"""Every command at real size: index build, start-up, and per-command latency, with GC pauses.

Why: users load corpora of thousands of articles; the issue measured minutes-long builds,
multi-second start-ups and commands that time out or crash at 106k passages. This measures the
same things on corpora built from ../shared/data (benchmarks/corpus.py), so a change can be
judged by its figures before and after, in one run.

    .venv/bin/python benchmarks/bench_commands.py                      # --sizes base
    .venv/bin/python benchmarks/bench_commands.py --sizes base 106k 1M --queries 50
    .venv/bin/python benchmarks/bench_commands.py --ref HEAD           # the last commit only
    .venv/bin/python benchmarks/bench_commands.py --baseline HEAD~3    # that commit too, same run

Per size: the index is built in a child process with a fresh cache (seconds, peak RSS, cache
size on disk); cold start is a child that loads the index from that cache and constructs the
Answerer (3 runs); then one long-lived child answers realistic queries (command_queries.py)
command by command, with a per-message timeout after which it is killed and restarted, and every
GC pause recorded through `gc.callbacks`. A few `newsbot ask` runs time the console script end to
end. The children are in command_children.py.

The table goes to stdout, progress to stderr, every figure (each message's time and answer kind
included) to benchmarks/results/commands.json. Timings are reported here, never asserted.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from command_children import Server, child_env, run_child, worker_command
from command_queries import QuerySet, draw_queries
from corpus import base_articles, ensure_corpus, parse_size, size_label

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "benchmarks" / "results" / "commands.json"
DEFAULT_WORK = Path(tempfile.gettempdir()) / "newsbot-bench"
NEWSBOT = Path(sys.executable).parent / "newsbot"  # this venv's, wherever the checkout is
KIB = 1024

# What the issue measured on ~5,900 articles (106k passages), for reading the table beside it.
ISSUE_106K = {
    "build_s": "~300 s", "build_rss": "0.9 GB", "cold_s": "7.5 s", "cold_rss": "670 MB",
    "gc_pause": "1.6 s (a full GC)", "/timeline <topic>": "p50 0.12 s, p95 1.9 s",
    "/timeline": "~2 min, then a crash", "/quote": "> 5 min", "/sources <topic>": "p95 2 s",
}


# --- measuring -------------------------------------------------------------------------------

def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile; a timeout counts as infinitely slow."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass
class RowResult:
    """One benchmark row: its queries' records and a summary."""

    row: str
    records: list[dict[str, Any]] = field(default_factory=list)
    skipped: int = 0
    skip_reason: str = ""

    def summary(self) -> dict[str, Any]:
        done = self.records
        times = [r["seconds"] for r in done]
        cpus = [r["cpu_s"] for r in done if "cpu_s" in r]  # the child's CPU: less inflated by load
        failures = Counter(r["error"].split(":")[0] for r in done if r.get("error"))
        kinds = Counter(r.get("kind") or "error" for r in done)
        return {
            "n": len(done), "skipped": self.skipped, "skip_reason": self.skip_reason,
            "p50_s": percentile(times, 0.5) if times else None,
            "p95_s": percentile(times, 0.95) if times else None,
            "max_s": max(times) if times else None,
            "cpu_p50_s": percentile(cpus, 0.5) if cpus else None,
            "cpu_p95_s": percentile(cpus, 0.95) if cpus else None,
            "failures": dict(failures), "kinds": dict(kinds),
            "gc_longest_s": max((r.get("gc_longest_s", 0.0) for r in done), default=0.0),
            "gc_full": sum(r.get("gc_full", 0) for r in done),
            "peak_rss_kib": max((r.get("peak_rss_kib", 0) for r in done), default=0),
        }


CHAT = "(a chat leaving one outlet out)"


def run_rows(server: Server, queries: QuerySet, timeout: float, budget: float,
             repeats: int) -> list[RowResult]:
    """Each row's messages in turn, within `budget` seconds per row.

    A fixed message (no topic) is sent `repeats` times, unless it failed or timed out: its
    answer would be the same, so another run would only cost time.
    """
    plan = [*queries.rows.items(), *((row, [m] * repeats) for row, m in queries.fixed.items()),
            # Without a topic for a chat that leaves one outlet out, another each time: what
            # the index prepared for every outlet is not its answer.
            *((f"{row} {CHAT}", [m] * repeats) for row, m in queries.fixed.items()
              if row != "/help")]
    order = ["/help", "/search <words>", "/timeline <topic>", "/quote <person>",
             "/sources <topic>", "/compare <topic>", "/timeline <period>", "/sources", "/quote",
             "/timeline"]
    plan.sort(key=lambda item: order.index(item[0]) if item[0] in order else len(order))
    results = []
    for row, messages in plan:
        result = RowResult(row)
        spent = 0.0
        for number, message in enumerate(messages):
            if spent > budget:
                result.skipped, result.skip_reason = len(messages) - number, "time budget"
                break
            if row in queries.fixed and any(r.get("error") for r in result.records):
                result.skipped = len(messages) - number
                result.skip_reason = "not repeated after a failure"
                break
            reply = server.ask(message, timeout, leave_out=number if row.endswith(CHAT) else None)
            reply["message"] = message
            spent += reply["wall_s"]
            result.records.append(reply)
            shown = "timeout" if math.isinf(reply["seconds"]) else f"{reply['seconds']:.2f}s"
            what = str(reply.get("kind") or reply.get("error", ""))
            cpu = f"{reply['cpu_s']:.2f}s" if "cpu_s" in reply else "-"
            print(f"    {row:20s} {shown:>9s} cpu {cpu:>7s} {what:24.24s} {message[:60]}",
                  file=sys.stderr)
        results.append(result)
    return results


def make_config(code: Path, corpus: Path, cache: Path, folder: Path) -> Path:
    """The code's own config.yaml with this corpus, a fresh cache dir and quiet logging."""
    import yaml

    source = code / "config.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8")) if source.is_file() else {}
    data = data or {}
    data.setdefault("corpus", {})["dir"] = str(corpus)
    data.setdefault("index", {})["cache_dir"] = str(cache)
    data.setdefault("logging", {})["level"] = "WARNING"
    data.setdefault("telegram", {})["persistence_file"] = str(cache / "chat-settings.pickle")
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def measure(code: Path, label: str, corpus_dir: Path, queries: QuerySet, ask_messages: list[str],
            args: argparse.Namespace) -> dict[str, Any]:
    """Every figure for one corpus and one version of the code."""
    work = Path(tempfile.mkdtemp(prefix=f"run-{label}-", dir=args.work))
    cache = args.cache.resolve() if args.cache else work / "cache"  # --cache: built already
    config = make_config(code, corpus_dir, cache, work)
    env = child_env(code)
    result: dict[str, Any] = {"code": str(code), "work": str(work)}

    print(f"  building the index ({label})", file=sys.stderr)
    build = run_child(worker_command("build", code, corpus_dir, config, args.mem_limit_gb),
                      env, work, args.build_timeout)
    result["build"] = {**asdict(build), **build.json()}
    result["build"].pop("stdout")
    if build.returncode != 0:
        print(f"  build failed ({build.returncode}): {build.stderr_tail}", file=sys.stderr)
        return result
    result["cache_bytes"] = folder_bytes(cache)

    print("  cold starts", file=sys.stderr)
    result["import_only"] = [asdict(run_child(
        [sys.executable, "-c", "import bot.answers.answerer, bot.retrieval.cache, bot.render"],
        env, work, 300)) for _ in range(3)]
    colds = []
    for _ in range(3):
        cold = run_child(worker_command("cold", code, corpus_dir, config, args.mem_limit_gb),
                         env, work, args.build_timeout)
        colds.append({**asdict(cold), **cold.json()})
        colds[-1].pop("stdout")
    result["cold"] = colds

    print("  answering", file=sys.stderr)
    server = Server(worker_command("serve", code, corpus_dir, config, args.mem_limit_gb),
                    env, work, work / "serve.log", args.build_timeout)
    try:
        rows = run_rows(server, queries, args.timeout, args.budget, args.repeats)
    finally:
        server.stop()
    result["rows"] = {r.row: {**r.summary(), "records": r.records} for r in rows}
    result["server_starts"] = server.starts

    print("  newsbot ask", file=sys.stderr)
    newsbot = code / ".venv" / "bin" / "newsbot"
    newsbot = newsbot if newsbot.is_file() else NEWSBOT
    asks = []
    for message in ask_messages:
        run = run_child([str(newsbot), "ask", message, "--corpus", str(corpus_dir),
                         "--config", str(config)], env, work, args.timeout + 600)
        asks.append({"message": message, "returncode": run.returncode, "wall_s": run.wall_s,
                     "peak_rss_kib": run.peak_rss_kib, "timed_out": run.timed_out,
                     "output_chars": len(run.stdout), "stderr_tail": run.stderr_tail[-300:]})
        print(f"    newsbot ask {message[:50]!r}: {run.wall_s:.1f}s rc={run.returncode}",
              file=sys.stderr)
    result["ask"] = asks
    if not args.keep_cache and not args.cache:
        shutil.rmtree(cache, ignore_errors=True)
    return result


# --- the table -------------------------------------------------------------------------------

def _s(value: float | None) -> str:
    if value is None:
        return "–"
    if math.isinf(value):
        return "timeout"
    return f"{value:.3f} s" if value < 1 else f"{value:.1f} s" if value < 100 else f"{value:.0f} s"


def _mb(kib: float | None) -> str:
    return "–" if not kib else f"{kib / 1024:,.0f} MB"


def summary_rows(run: dict[str, Any]) -> dict[str, str]:
    """The size-level figures of one run, as table cells."""
    build = run.get("build", {})
    cells = {
        "articles (of which shuffled copies)":
            f"{build.get('documents', 0):,} ({run['corpus']['copies']:,})",
        "passages in the index": f"{build.get('passages') or 0:,}",
        "quotations / candidate events":
            f"{build.get('quotes') or 0:,} / {build.get('candidate_events') or 0:,}",
        "corpus on disk": _mb(run["corpus"]["bytes_on_disk"] / KIB),
        "index build (child, wall)": _s(build.get("wall_s")),
        "index build peak RSS": _mb(build.get("peak_rss_kib")),
        "index cache on disk": _mb(run.get("cache_bytes", 0) / KIB),
    }
    colds = run.get("cold", [])
    if colds:
        ready = [c.get("ready_since_start_s", c["wall_s"]) for c in colds]
        cells["cold start: process start to Answerer ready, median of 3 (first)"] = \
            f"{_s(statistics.median(ready))} ({_s(ready[0])})"
        cells["cold start: load_or_build / Answerer"] = (
            f"{_s(statistics.median(c.get('load_s', 0) for c in colds))} / "
            f"{_s(statistics.median(c.get('answerer_s', 0) for c in colds))}")
        cells["cold start peak RSS"] = _mb(max(c["peak_rss_kib"] for c in colds))
        cells["baseline: python + bot imports only"] = \
            _s(statistics.median(c["wall_s"] for c in run["import_only"]))
        cells["full gc.collect() with the index loaded"] = \
            _s(statistics.median(c.get("full_gc_s", 0) for c in colds))
    rows = run.get("rows", {})
    if rows:
        cells["longest GC pause while answering"] = _s(max(r["gc_longest_s"]
                                                          for r in rows.values()))
        cells["answering child peak RSS"] = _mb(max(r["peak_rss_kib"] for r in rows.values()))
    for ask in run.get("ask", []):
        note = "" if ask["returncode"] == 0 else f" (exit {ask['returncode']})"
        cells[f"`newsbot ask \"{ask['message'][:40]}\"` wall"] = _s(ask["wall_s"]) + note
    return cells


def command_table(run: dict[str, Any]) -> list[str]:
    lines = ["| command | n | p50 | p95 | max | CPU p50 / p95 | failures | answers | "
             "longest GC pause |", "|---|---:|---:|---:|---:|---:|---|---|---:|"]
    for row, s in run.get("rows", {}).items():
        notes = [f"{v} {k}" for k, v in s["failures"].items()]
        if s["skipped"]:
            notes.append(f"{s['skipped']} skipped ({s['skip_reason']})")
        failures = "; ".join(notes) or "–"
        kinds = ", ".join(f"{v} {k}" for k, v in sorted(s["kinds"].items(),
                                                       key=lambda kv: -kv[1]))
        lines.append(f"| `{row}` | {s['n']} | {_s(s['p50_s'])} | {_s(s['p95_s'])} | "
                     f"{_s(s['max_s'])} | {_s(s.get('cpu_p50_s'))} / {_s(s.get('cpu_p95_s'))} | "
                     f"{failures} | {kinds} | {_s(s['gc_longest_s'])} |")
    return lines


def print_tables(runs: list[dict[str, Any]], stream: Any = sys.stdout) -> None:
    columns = [f"{r['size']}" + (f" @ {r['version']}" if len(
        {x['version'] for x in runs}) > 1 else "") for r in runs]
    cells = [summary_rows(r) for r in runs]
    names = list(dict.fromkeys(k for c in cells for k in c))
    issue = {"index build (child, wall)": ISSUE_106K["build_s"],
             "index build peak RSS": ISSUE_106K["build_rss"],
             "cold start: process start to Answerer ready, median of 3 (first)":
                 ISSUE_106K["cold_s"],
             "cold start peak RSS": ISSUE_106K["cold_rss"],
             "longest GC pause while answering": ISSUE_106K["gc_pause"],
             "articles (of which shuffled copies)": "~5,900 (0)",
             "passages in the index": "~106,000"}
    print("| | " + " | ".join(columns) + " | issue (106k, real) |", file=stream)
    print("|---|" + "---:|" * len(columns) + "---:|", file=stream)
    for name in names:
        values = [c.get(name, "–") for c in cells]
        print(f"| {name} | " + " | ".join(values) + f" | {issue.get(name, '')} |", file=stream)
    for run, column in zip(runs, columns, strict=True):
        print(f"\nPer command, {column} (seconds per message in the answering process):\n",
              file=stream)
        print("\n".join(command_table(run)), file=stream)
    print("\nThe issue, at 106k: " + "; ".join(f"`{k}` {v}" for k, v in ISSUE_106K.items()
                                               if k.startswith("/")), file=stream)


# --- main ------------------------------------------------------------------------------------

def finite(value: Any) -> Any:
    """The value with every infinite or NaN float as null, so the file is strict JSON (a timed
    out message keeps its "timeout" error)."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value


def write_report(report: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(finite(report), indent=1, default=str), encoding="utf-8")


def export_commit(ref: str, work: Path) -> tuple[str, Path]:
    """The tree of `ref` in a folder outside the repo (git archive: the checkout is untouched)."""
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", ref], check=True,
                         capture_output=True, text=True).stdout.strip()
    folder = work / f"code-{sha[:12]}"
    if not (folder / "bot").is_dir():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", sha], check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return sha[:12], folder


def machine() -> dict[str, Any]:
    meminfo = Path("/proc/meminfo").read_text().split("\n")[0] if Path("/proc/meminfo").exists() \
        else ""
    model = ""
    if Path("/proc/cpuinfo").exists():
        model = next((line.split(":", 1)[1].strip() for line in
                      Path("/proc/cpuinfo").read_text().splitlines()
                      if line.startswith("model name")), "")
    return {"cpu": model, "cores": os.cpu_count(), "memory": meminfo,
            "python": platform.python_version(), "platform": platform.platform(),
            "load_average": os.getloadavg()}


def git_state() -> dict[str, str]:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True,
                              text=True).stdout.strip()

    dirty = git("status", "--porcelain", "--", "bot", "handlers")
    return {"head": git("rev-parse", "--short=12", "HEAD"), "bot_dirty": str(bool(dirty))}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", default=["base"],
                        help="base (all real news, ~48k passages), 106k, 1M, ... (default base)")
    parser.add_argument("--queries", type=int, default=50, help="messages per command (>= 50)")
    parser.add_argument("--repeats", type=int, default=10,
                        help="runs of each message without a topic (/help, /timeline, ...)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per message")
    parser.add_argument("--budget", type=float, default=600.0,
                        help="seconds per command row; the rest of its messages are skipped")
    parser.add_argument("--ref", metavar="REF",
                        help="measure this git commit instead of the working tree (exported "
                             "outside the repo, so edits in progress do not count)")
    parser.add_argument("--baseline", metavar="REF",
                        help="also measure this git commit, in the same run")
    parser.add_argument("--mem-limit-gb", type=float, default=12.0,
                        help="address-space cap of each child (0: none)")
    parser.add_argument("--build-timeout", type=float, default=4 * 3600.0)
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK,
                        help="corpora, caches and configs go here (outside the repo)")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--keep-cache", action="store_true")
    parser.add_argument("--cache", type=Path, metavar="DIR",
                        help="an index cache built already for this corpus and code (e.g. by "
                        "bench_build.py --keep DIR): the build row then times loading it")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    args.work.mkdir(parents=True, exist_ok=True)
    articles = base_articles(args.data)
    queries = draw_queries(articles, args.queries)
    ask_messages = ["/help", queries.rows["/search <words>"][0],
                    queries.rows["/timeline <topic>"][0], queries.rows["/quote <person>"][0],
                    queries.rows["/sources <topic>"][0], queries.rows["/compare <topic>"][0]]
    versions = [export_commit(args.ref, args.work) if args.ref else ("working tree", ROOT)]
    if args.baseline:
        versions.append(export_commit(args.baseline, args.work))
    report: dict[str, Any] = {
        "date": datetime.now().isoformat(timespec="seconds"), "machine": machine(),
        "git": git_state(), "args": {k: str(v) for k, v in vars(args).items()},
        "queries": asdict(queries), "ask_messages": ask_messages, "runs": []}
    del articles
    for size in args.sizes:
        passages = parse_size(size)
        print(f"corpus {size_label(passages)}", file=sys.stderr)
        info = ensure_corpus(passages, args.work, args.data)
        for version, code in versions:
            run = measure(code, f"{size_label(passages)}-{version}", Path(info.folder), queries,
                          ask_messages, args)
            run.update(size=size_label(passages), version=version, corpus=info.__dict__)
            report["runs"].append(run)
            write_report(report, args.out)
    report["total_s"] = time.perf_counter() - started
    report["load_average_after"] = os.getloadavg()
    write_report(report, args.out)
    print_tables(report["runs"])
    print(f"\n{report['date']}, {report['machine']['cpu']}, {report['machine']['cores']} cores, "
          f"Python {report['machine']['python']}, commit {report['git']['head']}; "
          f"whole run {report['total_s'] / 60:.0f} min; figures in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
