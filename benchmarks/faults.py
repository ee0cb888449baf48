"""The bot under faults and bad input: what users lose, get twice, or never get, per fault.

Why: issue 10 measured a real `newsbot` against a Bot API stand-in with fuzzed updates and
injected faults (a 502 now and then, a sustained 429, a slow API, garbage button presses ...)
and found answers lost, doubled, refused as too long, and presses never answered. This redoes
that table. Each row runs the real Application (`handlers.application.build_application`, the
one `newsbot` runs) against the fake Bot API of tests/support on 127.0.0.1, with one fault
injected, sends its updates at once, each from a chat of its own, and counts what every user got
(tests/support/traffic.py):

  lost        a message that deserved an answer got none
  doubled     it got more than one (an answer and a "Sorry" included)
  oversized   a reply Telegram refused for its length or its HTML
  unanswered  a button press never answered (the user's spinner keeps turning)
  sorry       a user told "Sorry, something went wrong"
  uninvited   a reply where none was due (group chatter, another chat's page or chart)

    PYTHONPATH=$PWD .venv/bin/python benchmarks/faults.py                 # seeds corpus
    PYTHONPATH=$PWD .venv/bin/python benchmarks/faults.py --updates 2000 --seed 7
    PYTHONPATH=$PWD .venv/bin/python benchmarks/faults.py --code /tmp/old  # another checkout's bot

`--code` runs another checkout's `bot` and `handlers` (e.g. a `git worktree` of an older commit)
with this checkout's fake Bot API and counting, so before and after are measured the same way.
The rows about the corpus (huge files, sources.yaml, symlinks, the index cache) are measured by
the corpus side of the issue, not here. Counts are reported, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import importlib.util
import logging
import os
import random
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent

WORDS = ["blockade", "Cuba", "Xi", "China", "embargo", "1962", "Havana", "the", "said", "oil"]
ODD = ["🇨🇺", "🇺🇳", "中文", "习近平", "😀", "👍🏽", "🧑‍🤝‍🧑", "\u200d", "𝔘𝔫𝔦", "<b>", "</b>",
       "&amp;", "&", "<", ">", "&#0;", "<script>x</script>", '"', "'", "\n", "ж", "é"]
COMMANDS = ["search", "timeline", "quote", "sources", "compare", "help", "start", "settings",
            "frobnicate"]
ADDRESSEES = ["", "", "", "@newsbot_test_bot", "@otherbot"]


def _import_fake_and_traffic() -> tuple[Any, Any]:
    """This checkout's tests.support, whatever checkout `bot` and `handlers` come from."""
    for name, init, path in (("tests", HERE / "tests" / "__init__.py", HERE / "tests"),
                             ("tests.support", HERE / "tests/support/__init__.py",
                              HERE / "tests/support")):
        spec = importlib.util.spec_from_file_location(name, init,
                                                      submodule_search_locations=[str(path)])
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    import tests.support.fake_bot_api as fake
    import tests.support.traffic as traffic
    return fake, traffic


def _text(rng: random.Random, long: bool = False) -> str:
    pool = WORDS + ODD
    if long:
        size = rng.randint(1500, 5000)
        piece = " ".join(rng.choice(ODD[:8] + WORDS) for _ in range(12))
        return ((piece + " ") * (size // len(piece) + 1))[:size].strip() or "x"
    return " ".join(rng.choice(pool) for _ in range(rng.randint(1, 8))).strip() or "x"


def _fuzzed(traffic: Any, rng: random.Random, contents: list[str]) -> Any:
    """One update of any kind, in a private chat or a group."""
    private = rng.random() < 0.6
    roll = rng.random()
    if roll < 0.35:
        return traffic.Sent("text", private, _text(rng, long=rng.random() < 0.2))
    if roll < 0.7:
        command = f"/{rng.choice(COMMANDS)}{rng.choice(ADDRESSEES)}"
        args = _text(rng, long=rng.random() < 0.1) if rng.random() < 0.8 else ""
        return traffic.Sent("text", private, f"{command} {args}".strip())
    if roll < 0.85:
        return traffic.Sent("content", private, rng.choice(["", "look"]),
                            content=rng.choice(contents))
    return traffic.Sent("press", private, data=_garbage(rng))


def _garbage(rng: random.Random) -> str | None:
    kind = rng.random()
    if kind < 0.1:
        return None
    if kind < 0.4:
        return rng.choice(["pg:AAAA:²", "pg:AAAA:1", "ch:0", "0" * 64, "é" * 32, "²", "x"])
    text = "".join(chr(rng.choice([rng.randint(33, 126), rng.randint(0xA0, 0x2FFF),
                                   rng.randint(0x1F300, 0x1FAFF)])) for _ in range(20))
    while len(text.encode()) > 64:
        text = text[:-1]
    return text


@dataclasses.dataclass
class Row:
    name: str
    traffic: list[Any]
    inject: Callable[[Any], None] = lambda api: None
    timeout: float = 60.0
    settle: float = 1.0  # seconds to wait, once all are answered, for anything more


def _rows(traffic: Any, fake: Any, rng: random.Random, updates: int) -> list[Row]:
    contents = sorted(fake.CONTENT_SAMPLES)
    twelve = [traffic.Sent("text", True, f"/search {rng.choice(WORDS)}") for _ in range(12)]

    def slow(api: Any) -> None:
        for _ in range(12):
            api.delay_next("sendMessage", rng.uniform(5.0, 6.0))

    return [
        Row(f"{updates} fuzzed updates, no fault",
            [_fuzzed(traffic, rng, contents) for _ in range(updates)], timeout=120),
        Row("long messages with flags, emoji and CJK",
            [traffic.Sent("text", True, rng.choice(["", "/search ", "/quote ", "/timeline "])
                          + _text(rng, long=True)) for _ in range(40)]),
        Row("sendMessage answering 502 (6 in a row)", twelve,
            lambda api: api.fail_next("sendMessage", 502, "Bad Gateway", times=6)),
        Row("connections dropped (6 sends)", twelve,
            lambda api: api.drop_next("sendMessage", times=6)),
        Row("sustained 429 (retry_after 2 s, for 8 s)", twelve,
            lambda api: api.fail_for("sendMessage", 8, 429, retry_after=2)),
        Row("Bot API slow (5-6 s per send)", twelve, slow, settle=14.0),
        Row("getUpdates down (502 for 10 s)", twelve,
            lambda api: api.fail_for("getUpdates", 10, 502, "Bad Gateway")),
        Row("500 garbage button presses",
            [traffic.Sent("press", rng.random() < 0.5, data=_garbage(rng)) for _ in range(500)]),
        Row("photo, sticker, location... (private and group)",
            [traffic.Sent("content", rng.random() < 0.7, "", content=rng.choice(contents))
             for _ in range(60)]),
    ]


async def _run_row(row: Row, config: Any, answerer: Any, fake: Any, traffic: Any,
                   build: Callable[..., Any]) -> Any:
    with fake.FakeBotApi() as api, tempfile.TemporaryDirectory() as folder:
        telegram = dataclasses.replace(config.telegram, token=api.token, base_url=api.base_url,
                                       persistence_file=Path(folder) / "chats")
        async with fake.polling(build(dataclasses.replace(config, telegram=telegram), answerer)):
            await api.wait_for("setMyCommands")
            row.inject(api)
            return await traffic.drive(api, row.traffic, timeout=row.timeout,
                                       settle=row.settle)


async def _foreign_keys(config: Any, answerer: Any, fake: Any, traffic: Any,
                        build: Callable[..., Any], chats: int = 6) -> Any:
    """Page and chart keys of one chat pressed in another chat: served, or told expired."""
    tally = traffic.Tally()
    with fake.FakeBotApi() as api, tempfile.TemporaryDirectory() as folder:
        telegram = dataclasses.replace(config.telegram, token=api.token, base_url=api.base_url,
                                       persistence_file=Path(folder) / "chats")
        async with fake.polling(build(dataclasses.replace(config, telegram=telegram), answerer)):
            await api.wait_for("setMyCommands")
            presses = []
            for number in range(chats):
                owner, other = 9_100 + number, 9_200 + number
                api.push_message("/timeline", user_id=owner)
                sent = await api.wait_for("sendMessage",
                                          lambda c, o=owner: c.params["chat_id"] == o)
                api.push_message("/help", user_id=other)
                there = await api.wait_for("sendMessage",
                                           lambda c, o=other: c.params["chat_id"] == o)
                rows = (sent.params.get("reply_markup") or {}).get("inline_keyboard", [])
                for button in (b for row in rows for b in row):
                    presses.append(api.push_callback_query(other, there.result["message_id"],
                                                           button["callback_data"]))
                    tally.updates += 1
            await asyncio.sleep(3)
            wrong = [c for c in api.calls_of("editMessageText") + api.calls_of("sendPhoto")
                     if c.ok and 9_200 <= int(c.params.get("chat_id", 0)) < 9_300]
            tally.uninvited.extend(wrong)
            answered = {c.params.get("callback_query_id") for c in
                        api.calls_of("answerCallbackQuery") if c.ok}
            tally.unanswered.extend(q for q in presses if q not in answered)
    return tally


def _settings_file(config: Any, answerer: Any, fake: Any, build: Callable[..., Any]) -> str:
    """What the chat-settings file is: its permissions and whether it is a pickle."""
    with tempfile.TemporaryDirectory() as folder, fake.FakeBotApi() as api:
        path = Path(folder) / "chat-settings"
        telegram = dataclasses.replace(config.telegram, token=api.token, base_url=api.base_url,
                                       persistence_file=path)
        os.umask(0o022)
        application = build(dataclasses.replace(config, telegram=telegram), answerer)

        async def touch() -> None:
            await application.initialize()
            application.chat_data[1]["settings"] = {"balance": True}
            application.mark_data_for_update_persistence(chat_ids=1)
            await application.update_persistence()
            await application.shutdown()

        try:
            asyncio.run(touch())
        except Exception as error:
            return f"could not start: {error}"
        head = path.read_bytes()[:16] if path.exists() else b""
        kind = "SQLite" if head.startswith(b"SQLite format 3") else (
            "pickle" if head[:1] == b"\x80" else repr(head))
        return f"mode {stat.S_IMODE(path.stat().st_mode):04o}, {kind}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--updates", type=int, default=400, help="fuzzed updates in row 1")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--corpus", type=Path, default=None, help="default: the seeds")
    parser.add_argument("--code", type=Path, default=HERE,
                        help="the checkout whose bot/ and handlers/ run (default: this one)")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    os.environ["NO_PROXY"] = "127.0.0.1,localhost"
    fake, traffic = _import_fake_and_traffic()
    from bot.answers.answerer import Answerer
    from bot.config import load_config
    from bot.retrieval.cache import load_or_build
    from handlers.application import build_application

    logging.basicConfig(level=logging.CRITICAL)
    corpus = args.corpus or args.code / "seeds"
    config = load_config(args.code / "config.yaml", corpus, environ={})
    with tempfile.TemporaryDirectory() as cache:
        config.index = dataclasses.replace(config.index, cache_dir=Path(cache))
        index, _ = load_or_build(config.corpus.dir, config.corpus, config.index)
        answerer = Answerer(index, config)
        rng = random.Random(args.seed)
        print(f"bot code: {args.code.resolve()}; corpus: {corpus}; seed {args.seed}")
        header = ("| what | updates | lost | doubled | oversized | unanswered | sorry "
                  "| uninvited | seconds |")
        print(header)
        print("|---|" + "---:|" * 8)
        for row in _rows(traffic, fake, rng, args.updates):
            start = time.monotonic()
            tally = asyncio.run(_run_row(row, config, answerer, fake, traffic,
                                         build_application))
            _print(row.name, tally, time.monotonic() - start)
        start = time.monotonic()
        tally = asyncio.run(_foreign_keys(config, answerer, fake, traffic, build_application))
        _print("page and chart keys pressed in another chat", tally, time.monotonic() - start)
        print(f"\nchat-settings file: {_settings_file(config, answerer, fake, build_application)}")
    return 0


def _print(name: str, tally: Any, seconds: float) -> None:
    counts = [len(getattr(tally, n)) for n in ("lost", "doubled", "oversized", "unanswered",
                                               "sorry", "uninvited")]
    print(f"| {name} | {tally.updates} | " + " | ".join(map(str, counts))
          + f" | {seconds:.1f} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
