"""Traffic for the fake Bot API: many users' updates at once, and what each of them got back.

Each update comes from a chat of its own, so every reply the fake records belongs to exactly one
update. Used by the fuzz test (tests/property/test_telegram_fuzz.py) and by
benchmarks/faults.py, which counts the same things under injected faults.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field

from tests.support.fake_bot_api import _BOT_COMMAND, CONTENT_SAMPLES, Call, FakeBotApi

SORRY = "Sorry, something went wrong"
_CHATS = itertools.count(7_000_001)


@dataclass(frozen=True)
class Sent:
    """One update a user sends: a text (a command or not), another kind of message (`content`,
    a key of CONTENT_SAMPLES), or a button press with forged `data` (None: a game's button)."""

    kind: str  # "text", "content" or "press"
    private: bool = True
    text: str = ""
    content: str = ""
    data: str | None = None

    def deserves_answer(self, bot_username: str) -> bool:
        """Whether the bot must reply: anything in a private chat, every button press, and in a
        group a command that is for this bot (known, or addressed to it by name)."""
        if self.kind == "press" or self.private:
            return True
        command = _BOT_COMMAND.match(self.text) if self.kind == "text" else None
        if command is None:  # chatter
            return False
        name, _, addressee = command.group()[1:].partition("@")
        if addressee:
            return addressee.lower() == bot_username.lower()
        return name.lower() in KNOWN_COMMANDS


KNOWN_COMMANDS = frozenset({"start", "help", "search", "timeline", "quote", "sources", "compare",
                            "settings", "add", "feeds"})


@dataclass
class Tally:
    """What the users got: the rows of the faults table."""

    updates: int = 0
    lost: list[Sent] = field(default_factory=list)  # deserved an answer, got none ("Sorry" is none)
    doubled: list[Sent] = field(default_factory=list)  # got more than one reply ("Sorry" too)
    oversized: list[Call] = field(default_factory=list)  # refused: too long, or bad HTML
    unanswered: list[Sent] = field(default_factory=list)  # button presses left spinning
    uninvited: list[Sent] = field(default_factory=list)  # a reply where none was due
    sorry: list[Sent] = field(default_factory=list)  # told "Sorry"

    def add(self, other: Tally) -> None:
        self.updates += other.updates
        for name in ("lost", "doubled", "oversized", "unanswered", "uninvited", "sorry"):
            getattr(self, name).extend(getattr(other, name))


def _push(api: FakeBotApi, sent: Sent) -> tuple[int, str | None]:
    """Send it as a user of a new chat; the chat's id, and the press's query id."""
    chat = next(_CHATS)
    if sent.private:
        kwargs: dict[str, object] = {"user_id": chat}
    else:
        chat = -chat
        kwargs = {"chat_id": chat, "chat_type": "supergroup"}
    if sent.kind == "text":
        api.push_message(sent.text, **kwargs)  # type: ignore[arg-type]
        return chat, None
    if sent.kind == "content":
        api.push_message(sent.text, content=CONTENT_SAMPLES[sent.content],
                         **kwargs)  # type: ignore[arg-type]
        return chat, None
    if sent.private:  # a press on an inline message: no message, no chat
        return chat, api.push_callback_query(chat, None, sent.data, user_id=chat)
    # in a group, on a message there (one the bot does not answer)
    message = api.push_message("just chatting", **kwargs)  # type: ignore[arg-type]
    return chat, api.push_callback_query(chat, message["message_id"], sent.data)


def _replies(api: FakeBotApi, chat: int) -> list[Call]:
    return [c for c in api.calls_of("sendMessage")
            if c.ok and str(c.params.get("chat_id")) == str(chat)]


def _answered(api: FakeBotApi, query_id: str) -> list[Call]:
    return [c for c in api.calls_of("answerCallbackQuery")
            if c.ok and c.params.get("callback_query_id") == query_id]


def refused(call: Call) -> bool:
    """A reply the fake (like Telegram) refused for its length or its HTML."""
    text = (call.description or "").lower()
    return not call.ok and ("too long" in text or "parse entities" in text)


async def drive(api: FakeBotApi, updates: Iterable[Sent], timeout: float = 30.0,
                settle: float = 0.5) -> Tally:
    """Send every update at once, wait until each that deserves an answer has one (or the
    timeout), then `settle` seconds more for anything doubled, and count."""
    before = len(api.calls)
    pushed = [(sent, *_push(api, sent)) for sent in updates]
    due = [(s, chat, q) for s, chat, q in pushed if s.deserves_answer(api.bot_username)]

    def done() -> bool:
        return all(_answered(api, q) if q else _replies(api, chat) for _, chat, q in due)

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not done() and loop.time() < deadline:
        await asyncio.sleep(0.05)
    await asyncio.sleep(settle)
    tally = Tally(updates=len(pushed))
    for sent, chat, query in pushed:
        replies = _replies(api, chat)
        sorry = [r for r in replies if (r.plain_text or "").startswith(SORRY)]
        answers = _answered(api, query) if query else []
        got = len(answers) if query else len(replies)
        if sent.deserves_answer(api.bot_username):
            if query and not answers:
                tally.unanswered.append(sent)
            elif not query and len(replies) == len(sorry):
                tally.lost.append(sent)
            if got > 1:
                tally.doubled.append(sent)
        elif got:
            tally.uninvited.append(sent)
        if sorry:
            tally.sorry.append(sent)
    tally.oversized = [c for c in api.calls[before:] if refused(c)]
    return tally
