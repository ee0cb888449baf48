"""`python -m bot` does what the `newsbot` command does."""

import sys

from bot.cli import main

sys.exit(main())
