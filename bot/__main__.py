"""`python -m bot` does what the `newsbot` command does."""

from bot.cli import entry

entry()
