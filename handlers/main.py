"""The `newsbot` console script: the core's command line, with Telegram as its front end."""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence

from bot.cli import main as core_main
from handlers.application import run_polling


def main(argv: Sequence[str] | None = None) -> int:
    return core_main(argv, telegram=run_polling)


def entry() -> None:
    """`newsbot ask ... | head` ends quietly, like other tools."""
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    sys.exit(main())
