"""`python -m handlers` does what `newsbot` does."""

from handlers.main import entry

entry()
