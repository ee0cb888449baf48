"""The `newsbot` console script: the core's command line, with Telegram as its front end."""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence

from bot.answers.answerer import Answerer
from bot.cli import main as core_main
from bot.config import Config


def run_telegram(config: Config, answerer: Answerer) -> int:
    """Long-poll Telegram. python-telegram-bot is imported only here, so that `newsbot ask`,
    `chat` and `index` start without it (about 0.6 s of a cold start)."""
    from handlers.application import run_polling

    return run_polling(config, answerer)


def main(argv: Sequence[str] | None = None) -> int:
    return core_main(argv, telegram=run_telegram)


def entry() -> None:
    """`newsbot ask ... | head` ends quietly, like other tools."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
