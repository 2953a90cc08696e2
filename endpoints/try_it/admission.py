"""Whether a try-it send may go upstream now: a rate limit per client, and a cap on sends in flight.

A send holds a server thread for as long as the upstream takes (up to the total
deadline), so without a cap a few slow upstream answers would take every thread
and page loads would queue behind them. The cap is per process; each gunicorn
worker has its own (explorer/gunicorn_conf.py). The rate limit counts in the
Django cache with django-ratelimit: shared by every worker with Redis, per
process otherwise, and it lets sends through when the cache is down.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django_ratelimit.core import get_usage

RATE_GROUP = "try-it-send"
# A slot frees as soon as one of the sends in flight is answered, at the latest at the total deadline.
IN_FLIGHT_RETRY_SECONDS = 5


@dataclass(frozen=True)
class Refusal:
    """Why a send was not let through, and when to try again."""

    status: int  # 429 (this client sends too often) or 503 (this server is busy)
    retry_after: int  # seconds
    message: str


def rate_refusal(request) -> Refusal | None:
    """Count this send against the client's allowance; a Refusal once the allowance is spent."""
    usage = get_usage(request, group=RATE_GROUP, key="ip", rate=settings.TRY_IT_RATE, method="POST", increment=True)
    if not usage or not usage["should_limit"]:
        return None
    seconds = max(1, usage["time_left"])
    return Refusal(
        429,
        seconds,
        f"Not sent: this address has sent {usage['limit']} requests in a short while, the most try-it allows "
        f"({settings.TRY_IT_RATE}). Try again in {seconds} s.",
    )


class InFlight:
    """Count the sends in flight in this process and refuse one more than the cap."""

    def __init__(self):
        self._lock = threading.Lock()
        self.count = 0

    def take(self) -> bool:
        with self._lock:
            if self.count >= settings.TRY_IT_MAX_IN_FLIGHT:
                return False
            self.count += 1
            return True

    def give_back(self) -> None:
        with self._lock:
            self.count -= 1


IN_FLIGHT = InFlight()


def busy_refusal() -> Refusal:
    return Refusal(
        503,
        IN_FLIGHT_RETRY_SECONDS,
        f"Not sent: this server already has {settings.TRY_IT_MAX_IN_FLIGHT} try-it requests waiting on slow "
        f"upstream answers, the most it lets through at once. Try again in {IN_FLIGHT_RETRY_SECONDS} s.",
    )


@contextmanager
def send_slot():
    """Yield True with a slot held for the block, or False when every slot is taken."""
    taken = IN_FLIGHT.take()
    try:
        yield taken
    finally:
        if taken:
            IN_FLIGHT.give_back()
