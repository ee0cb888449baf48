"""How long `newsbot index` takes and how much memory it needs, and how fast `newsbot ask`
starts from the index it built: the figures of the issue "Thousands of articles".

Why: building and start-up are what a user with a real corpus waits for, and the build runs
worker processes, so its memory is that of the whole process tree, not of one process.

    .venv/bin/python benchmarks/corpus.py --passages 106000          # once: writes the corpus
    .venv/bin/python benchmarks/bench_build.py --corpus /tmp/newsbot-bench/corpus-106000-seed17
    .venv/bin/python benchmarks/bench_build.py --corpus DIR --code /some/other/checkout

Each run uses a fresh cache folder. Reported: the build's wall and CPU seconds (all processes),
its peak resident memory (the sum over the process tree, sampled every 50 ms, and the largest
single process), the cache's size on disk, and for `newsbot ask "/help"` from that cache (run
`--starts` times) the wall seconds and peak resident memory of each start. `--code` runs the
`newsbot` of another checkout (an older commit, to compare), with this venv's packages.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parents[1]


def newsbot(code: Path) -> list[str]:
    """The command running `newsbot` from the checkout at `code`."""
    launch = (f"import sys; sys.path.insert(0, {str(code)!r}); sys.argv[0] = 'newsbot'; "
              "from handlers.main import entry; entry()")
    return [sys.executable, "-c", launch]


def measure(command: list[str], cwd: Path) -> dict[str, Any]:
    """Wall seconds, CPU seconds of the whole tree and peak RSS (sum and largest) of a run,
    and what it printed."""
    before = os.times()
    start = time.perf_counter()
    # Output to files, not pipes: nobody reads a pipe while the run lasts, and a build's
    # progress bar and warnings fill one (64 KiB), which stopped a 1M-passage build for good.
    with tempfile.TemporaryFile() as out_file, tempfile.TemporaryFile() as err_file:
        process = psutil.Popen(command, cwd=cwd, stdout=out_file, stderr=err_file)
        tree_peak = single_peak = 0
        while process.poll() is None:
            try:
                members = [process, *process.children(recursive=True)]
                sizes = [m.memory_info().rss for m in members]
            except psutil.Error:
                continue
            tree_peak, single_peak = max(tree_peak, sum(sizes)), max(single_peak, max(sizes))
            time.sleep(0.05)
        wall = time.perf_counter() - start
        after = os.times()
        out_file.seek(0)
        err_file.seek(0)
        out, err = out_file.read(), err_file.read()
    if process.returncode:
        raise SystemExit(f"{' '.join(command[-3:])} failed:\n{err.decode()[-5000:]}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system)
    return {"wall_s": wall, "cpu_s": cpu, "tree_peak_mib": tree_peak / 2**20,
            "process_peak_mib": single_peak / 2**20, "stdout": out.decode()}


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout to run (default: this)")
    parser.add_argument("--starts", type=int, default=3, help="cold starts to time")
    parser.add_argument("--out", type=Path, help="also write the figures here as JSON")
    parser.add_argument("--keep", type=Path, metavar="DIR",
                        help="build the index cache in DIR (emptied first) and keep it, e.g. "
                        "for bench_commands.py --cache DIR")
    args = parser.parse_args()
    code = args.code.resolve()
    with tempfile.TemporaryDirectory(prefix="newsbot-bench-build-") as scratch:
        cache = Path(scratch) / "cache"
        if args.keep:
            shutil.rmtree(args.keep, ignore_errors=True)
            cache = args.keep.resolve()
        config = Path(scratch) / "config.yaml"
        config.write_text(json.dumps({"corpus": {"dir": str(args.corpus.resolve())},
                                      "index": {"cache_dir": str(cache)},
                                      "logging": {"level": "WARNING"}}))
        build = measure([*newsbot(code), "index", "--config", str(config)], code)
        print(f"build: {build['wall_s']:.1f} s", file=sys.stderr)
        size = folder_size(cache)
        # The cache must be used, or every start below would be a build.
        reload = measure([*newsbot(code), "index", "--config", str(config)], code)
        if "loaded from cache" not in reload["stdout"]:
            raise SystemExit(f"the index was not cached:\n{build['stdout']}")
        starts = [measure([*newsbot(code), "ask", "/help", "--config", str(config)], code)
                  for _ in range(args.starts)]
    result = {
        "corpus": str(args.corpus), "code": str(code), "build": build,
        "cache_mib": size / 2**20, "index_from_cache": reload, "starts": starts,
        "start_median_s": statistics.median(s["wall_s"] for s in starts),
        "start_median_cpu_s": statistics.median(s["cpu_s"] for s in starts),
        "start_peak_mib": max(s["process_peak_mib"] for s in starts),
    }
    for run in (build, reload, *starts):
        del run["stdout"]
    print(f"| build wall s | build CPU s | build peak MiB (tree / one process) | cache MiB | "
          f"`index` from cache s | `ask /help` wall s (median of {args.starts}) | its CPU s | "
          "its peak MiB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    print(f"| {build['wall_s']:.1f} | {build['cpu_s']:.1f} | {build['tree_peak_mib']:.0f} / "
          f"{build['process_peak_mib']:.0f} | {result['cache_mib']:.0f} | "
          f"{reload['wall_s']:.2f} | {result['start_median_s']:.2f} | "
          f"{result['start_median_cpu_s']:.2f} | {result['start_peak_mib']:.0f} |")
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
