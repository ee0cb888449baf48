"""Getting replies to Telegram: transient failures retried with backoff, within a bound.

python-telegram-bot's `AIORateLimiter` keeps to Telegram's flood limits and waits out a 429's
`retry_after` (pausing every request meanwhile), but only a few times, and it does not retry a
5xx answer or a dropped connection: one 502 lost the answer. `PatientRateLimiter` is that rate
limiter, retrying those failures too, until `GIVE_UP_AFTER` seconds have passed.

A request that timed out is not retried (unless it only reads, or never left the connection
pool): Telegram may have done it, and the user would get the answer twice. The timeouts are
generous instead (`telegram.request_timeout`): a slow Bot API is waited for, not given up on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

# Seconds python-telegram-bot waits to connect and for a free connection; how long it waits
# to send a request and read its answer is `telegram.request_timeout` (30 s by default; PTB's
# own 5 s made a Bot API taking 6 s to answer a sent message raise TimedOut, and the user got
# the answer and "Sorry").
CONNECT_TIMEOUT = 10.0
POOL_TIMEOUT = 10.0
# How long one request is retried before it is given up (and the failure logged).
GIVE_UP_AFTER = 60.0
FIRST_BACKOFF = 0.5  # seconds before the first retry of a 5xx or a network error; then doubled
LONGEST_BACKOFF = 8.0

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]


class _Flood(Exception):
    """A 429, kept from `AIORateLimiter`'s own few retries (they end in a logged traceback and
    wait whatever Telegram says, an hour included) so that this class bounds them in time."""

    def __init__(self, error: RetryAfter) -> None:
        super().__init__(str(error))
        self.error = error
        # python-telegram-bot's own rate limiter reads the timedelta so too (the public
        # attribute is a deprecated int).
        self.pause = error._retry_after.total_seconds()


def transient(error: Exception, endpoint: str) -> bool:
    """Whether retrying `endpoint` after `error` can help and cannot send anything twice."""
    if isinstance(error, TimedOut):  # Telegram may have done it, unless it never left the pool
        return endpoint.startswith("get") or str(error).startswith("Pool timeout")
    # BadRequest is a NetworkError to python-telegram-bot, but asking again changes nothing.
    return isinstance(error, NetworkError) and not isinstance(error, BadRequest)


class PatientRateLimiter(AIORateLimiter):
    """`AIORateLimiter`, retrying 5xx answers and network errors as well as 429s, with backoff,
    for at most `give_up_after` seconds per request. While a 429 is waited out, every request
    waits (as `AIORateLimiter` does): Telegram's flood limit is per bot."""

    def __init__(self, give_up_after: float = GIVE_UP_AFTER,
                 first_backoff: float = FIRST_BACKOFF) -> None:
        super().__init__()
        self.give_up_after = give_up_after
        self.first_backoff = first_backoff
        self._calm = asyncio.Event()
        self._calm.set()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        async def once(*call_args: Any, **call_kwargs: Any) -> JSONResult:
            await self._calm.wait()
            try:
                return await callback(*call_args, **call_kwargs)
            except RetryAfter as error:
                raise _Flood(error) from error

        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.give_up_after
        backoff = self.first_backoff
        attempt = 0
        while True:
            attempt += 1
            try:
                return await super().process_request(once, args, kwargs, endpoint, data,
                                                     rate_limit_args)
            except _Flood as flood:
                error: Exception = flood.error
                pause = flood.pause + 0.1
            except NetworkError as failure:
                if not transient(failure, endpoint):
                    raise
                error, pause = failure, backoff
                backoff = min(backoff * 2, LONGEST_BACKOFF)
            if loop.time() + pause > deadline:
                log.warning("%s to chat %s failed %d times in %.0f s; giving up: %s", endpoint,
                            data.get("chat_id"), attempt, self.give_up_after, error)
                raise error
            log.info("%s to chat %s failed (%s); retrying in %.1f s", endpoint,
                     data.get("chat_id"), error, pause)
            if not isinstance(error, RetryAfter):
                await asyncio.sleep(pause)
                continue
            self._calm.clear()
            try:
                await asyncio.sleep(pause)
            finally:
                self._calm.set()
