"""The benchmark's child processes: what runs in them, and how the parent runs them.

Why children: build and start-up figures (time, peak RSS) must belong to one fresh process, and
a command that runs away must be killable without losing the run. The children import the bot
from `--code` (this checkout, or a baseline commit exported outside the repo), through its stable
entry points only: `load_config`, `load_or_build` and `Answerer.answer_text`.

    python benchmarks/command_children.py build|cold|serve --code DIR --corpus DIR --config FILE
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import resource
import selectors
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# --- in the child ----------------------------------------------------------------------------

def _limit_memory(gigabytes: float) -> None:
    """Cap the address space, so a runaway command raises MemoryError instead of taking the
    shared machine down."""
    if gigabytes > 0:
        limit = int(gigabytes * 1024**3)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _status_kib(field_name: str, pid: int | str = "self") -> int:
    """A field of /proc/<pid>/status in KiB (VmRSS: now, VmHWM: peak)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _process_age() -> float:
    """Seconds since this process started, interpreter start-up included (from /proc)."""
    try:
        start_ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return math.nan
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def _peak_rss_kib() -> int:
    """This process's peak RSS. Not ru_maxrss: a child spawned by vfork+exec inherits its
    parent's high-water mark there, while VmHWM belongs to the new address space alone."""
    return _status_kib("VmHWM")


class GcPauses:
    """Every collection's pause, through gc.callbacks: the longest overall and per query."""

    def __init__(self) -> None:
        self.started = 0.0
        self.longest = 0.0
        self.longest_generation = -1
        self.collections = [0, 0, 0]
        self.total = 0.0
        self.window_longest = 0.0
        self.window_total = 0.0
        self.window_full = 0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        now = time.perf_counter()
        if phase == "start":
            self.started = now
            return
        pause = now - self.started
        generation = info.get("generation", 0)
        self.collections[generation] += 1
        self.total += pause
        self.window_total += pause
        self.window_full += generation == 2
        self.window_longest = max(self.window_longest, pause)
        if pause > self.longest:
            self.longest, self.longest_generation = pause, generation

    def open_window(self) -> None:
        self.window_longest = self.window_total = 0.0
        self.window_full = 0


def _load(args: argparse.Namespace) -> tuple[Any, Any, bool, float]:
    """(config, index, from_cache, seconds) through the stable entry points."""
    sys.path.insert(0, args.code)
    from bot.config import load_config
    from bot.retrieval.cache import load_or_build

    config = load_config(args.config, args.corpus, environ={})
    started = time.perf_counter()
    index, cached = load_or_build(config.corpus.dir, config.corpus, config.index)
    return config, index, cached, time.perf_counter() - started


def _index_counts(index: Any) -> dict[str, int | None]:
    def count(name: str) -> int | None:
        value = getattr(index, name, None)
        return len(value) if value is not None else None

    skipped = getattr(getattr(index, "corpus", None), "skipped", None)
    return {"documents": count("documents"), "passages": count("passages"),
            "quotes": count("quotes"), "date_mentions": count("mentions"),
            "candidate_events": count("candidates"), "people": count("people"),
            "skipped_files": len(skipped) if skipped is not None else None}


def worker_build(args: argparse.Namespace) -> dict[str, Any]:
    """Build the index into the (empty) cache dir named by the config."""
    _, index, cached, seconds = _load(args)
    return {"seconds": seconds, "from_cache": cached, "peak_rss_kib": _peak_rss_kib(),
            **_index_counts(index)}


def worker_cold(args: argparse.Namespace) -> dict[str, Any]:
    """What `newsbot` does before it can answer: load the cached index, construct the Answerer.

    Start-up is the process's age when the Answerer is ready (interpreter and imports included).
    Then one explicit full collection, timed: what a full GC costs with the index alive.
    """
    from_start = time.perf_counter()
    config, index, cached, load_s = _load(args)
    from bot.answers.answerer import Answerer

    started = time.perf_counter()
    Answerer(index, config)
    answerer_s = time.perf_counter() - started
    ready_s = time.perf_counter() - from_start
    age_s = _process_age()
    rss = _status_kib("VmRSS")
    started = time.perf_counter()
    gc.collect()
    return {"load_s": load_s, "answerer_s": answerer_s, "ready_s": ready_s,
            "ready_since_start_s": age_s, "from_cache": cached, "rss_kib": rss,
            "peak_rss_kib": _peak_rss_kib(), "full_gc_s": time.perf_counter() - started}


def _answer_kind(answer: Any) -> tuple[str, int | None]:
    """('SearchAnswer', 5) or ('Notice/not_found', None): what came back, and how many items."""
    name = type(answer).__name__
    if hasattr(answer, "kind") and name == "Notice":
        return f"{name}/{answer.kind}", None
    for attribute in ("results", "events", "quotes", "outlets", "corpus"):
        items = getattr(answer, attribute, None)
        if isinstance(items, list):
            return name, len(items)
    return name, None


def worker_serve(args: argparse.Namespace) -> None:
    """Answer one JSON message per stdin line, one JSON result per stdout line."""
    channel = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # whatever the bot prints goes to stderr, never into the protocol
    sys.stdout = sys.stderr
    pauses = GcPauses()
    gc.callbacks.append(pauses)
    config, index, cached, load_s = _load(args)
    from bot.answers.answerer import Answerer
    from bot.answers.scope import EVERYTHING, Scope

    answerer = Answerer(index, config)
    channel.write(json.dumps({"ready": True, "load_s": load_s, "from_cache": cached,
                              "rss_kib": _status_kib("VmRSS")}) + "\n")
    for line in sys.stdin:
        asked = json.loads(line)
        message, leave_out = asked["message"], asked.get("leave_out")
        scope = EVERYTHING
        if leave_out is not None:  # the chat's settings leave out one outlet (the n-th)
            outlets = answerer.outlets()
            scope = Scope(excluded=frozenset({outlets[leave_out % len(outlets)]}))
        pauses.open_window()
        error, kind, items = "", "", None
        started, cpu = time.perf_counter(), time.process_time()
        try:
            answer = answerer.answer_text(message, scope)
            kind, items = _answer_kind(answer)
            del answer
        except Exception as exc:  # the issue says some commands crash: record which, go on
            error = f"{type(exc).__name__}: {str(exc)[:200]}"
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        channel.write(json.dumps({
            "seconds": seconds, "cpu_s": cpu, "kind": kind, "items": items, "error": error,
            "gc_longest_s": pauses.window_longest, "gc_total_s": pauses.window_total,
            "gc_full": pauses.window_full, "gc_longest_ever_s": pauses.longest,
            "gc_longest_generation": pauses.longest_generation,
            "rss_kib": _status_kib("VmRSS"), "peak_rss_kib": _status_kib("VmHWM"),
        }) + "\n")


def run_worker(args: argparse.Namespace) -> int:
    _limit_memory(args.mem_limit_gb)
    if args.worker == "serve":
        worker_serve(args)
        return 0
    job: Callable[[argparse.Namespace], dict[str, Any]] = {
        "build": worker_build, "cold": worker_cold}[args.worker]
    print(json.dumps(job(args)))
    return 0


# --- in the parent ---------------------------------------------------------------------------

@dataclass
class ChildRun:
    """A finished child process: exit code, wall seconds, peak RSS, its stdout.

    The peak RSS is the child's VmHWM, sampled every 20 ms until it exits (see _peak_rss_kib
    for why not wait4's ru_maxrss); a child that reports its own VmHWM is more exact.
    """

    returncode: int
    wall_s: float
    peak_rss_kib: int
    stdout: str
    stderr_tail: str
    timed_out: bool = False

    def json(self) -> dict[str, Any]:
        for line in reversed(self.stdout.strip().splitlines()):
            try:
                parsed = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(parsed, dict):
                return parsed
        return {}


def child_env(code: Path) -> dict[str, str]:
    """The environment without the user's newsbot settings, importing the bot from `code`."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("NEWSBOT_", "TELEGRAM_"))}
    env["PYTHONPATH"] = str(code)
    return env


def run_child(command: Sequence[str], env: dict[str, str], cwd: Path,
              timeout: float) -> ChildRun:
    """Run to the end (or kill at `timeout`), sampling its peak RSS while it runs."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(list(command), stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                   env=env, cwd=cwd)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.02):
                peak[0] = max(peak[0], _status_kib("VmHWM", process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        try:
            process.wait(timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            timed_out = True
        wall = time.perf_counter() - started
        done.set()
        sampler.join()
        out.seek(0)
        err.seek(0)
        return ChildRun(process.returncode, wall, peak[0], out.read().decode(),
                        err.read().decode(errors="replace")[-2000:], timed_out)


def worker_command(kind: str, code: Path, corpus: Path, config: Path,
                   mem_limit_gb: float) -> list[str]:
    """The command line of one child of this module."""
    return [sys.executable, str(Path(__file__).resolve()), kind, "--code", str(code),
            "--corpus", str(corpus), "--config", str(config), "--mem-limit-gb", str(mem_limit_gb)]


class Server:
    """The long-lived answering child; killed and restarted after a timeout or a death."""

    def __init__(self, command: list[str], env: dict[str, str], cwd: Path, log: Path,
                 start_timeout: float) -> None:
        self.command, self.env, self.cwd, self.log = command, env, cwd, log
        self.start_timeout = start_timeout
        self.process: subprocess.Popen[str] | None = None
        self.starts: list[dict[str, Any]] = []

    def _start(self) -> None:
        started = time.perf_counter()
        with self.log.open("a") as log:
            self.process = subprocess.Popen(self.command, stdin=subprocess.PIPE,
                                            stdout=subprocess.PIPE, stderr=log, text=True,
                                            env=self.env, cwd=self.cwd, bufsize=1)
        ready = self._read(self.start_timeout)
        if not ready or not ready.get("ready"):
            self.stop()
            raise RuntimeError(f"the answering child did not start; see {self.log}")
        ready["wall_s"] = time.perf_counter() - started
        self.starts.append(ready)

    def _read(self, timeout: float) -> dict[str, Any] | None:
        """The next line; {} if the child died first, None if `timeout` passed first."""
        assert self.process is not None and self.process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            if not selector.select(timeout):
                return None
        line = self.process.stdout.readline()
        return json.loads(line) if line else {}

    def ask(self, message: str, timeout: float, leave_out: int | None = None) -> dict[str, Any]:
        """The child's record for one message, or an error record: "timeout" (the child is
        killed; seconds = inf) or "child died (exit N)" (seconds = until it died)."""
        if self.process is None or self.process.poll() is not None:
            self._start()
        assert self.process is not None and self.process.stdin is not None
        started = time.perf_counter()
        try:
            self.process.stdin.write(json.dumps({"message": message, "leave_out": leave_out})
                                     + "\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            pass
        reply = self._read(timeout)
        wall = time.perf_counter() - started
        if reply:
            reply["wall_s"] = wall
            return reply
        if reply is None:
            self.stop()
            return {"error": "timeout", "seconds": math.inf, "wall_s": wall}
        exit_code = self.process.wait()
        self.stop()
        return {"error": f"child died (exit {exit_code})", "seconds": wall, "wall_s": wall}

    def stop(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()
        self.process = None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("worker", choices=["build", "cold", "serve"])
    parser.add_argument("--code", required=True, help="the folder the bot is imported from")
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--config", required=True)
    parser.add_argument("--mem-limit-gb", type=float, default=0.0)
    return run_worker(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
