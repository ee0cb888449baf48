"""newsbot's core: corpus, retrieval, the answers to each command and their rendering.

Only `bot.app` knows about Telegram; everything else is plain Python data and functions.
"""
