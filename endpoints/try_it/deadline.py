"""One deadline for a whole upstream call: connecting, the status line and headers, and the body.

requests and urllib3 only know per-operation timeouts: each socket read may take
the read timeout, so an upstream that sends its headers one byte every few
seconds holds the thread for as long as it likes. Here every read from the
socket waits at most the read timeout or the time left before the deadline,
whichever is shorter, and a read after the deadline fails at once. The reads
are http.client's own (headers and body alike), so nothing else changes.
"""

from __future__ import annotations

import contextvars
import http.client
import io
import socket
import time
from contextlib import contextmanager

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

# Monotonic time by which the call in progress on this thread must be done, or None for no deadline.
DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("try_it_deadline", default=None)


@contextmanager
def deadline_in(seconds: float):
    """Give the upstream calls made inside the block `seconds` in all."""
    token = DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        DEADLINE.reset(token)


def deadline_passed() -> bool:
    deadline = DEADLINE.get()
    return deadline is not None and time.monotonic() >= deadline


class DeadlineSocketReader(io.RawIOBase):
    """Raw reads from a socket, each one waiting no longer than the read timeout or the time left."""

    def __init__(self, sock: socket.socket, deadline: float):
        super().__init__()
        self.sock = sock
        self.deadline = deadline
        self.read_timeout = sock.gettimeout()  # urllib3 has just set it to the read timeout

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the total deadline has passed")
        self.sock.settimeout(left if self.read_timeout is None else min(self.read_timeout, left))
        return self.sock.recv_into(buffer)


class DeadlineResponse(http.client.HTTPResponse):
    """http.client's response, reading through a DeadlineSocketReader while a deadline is set."""

    def __init__(self, sock, *args, **kwargs):
        super().__init__(sock, *args, **kwargs)
        deadline = DEADLINE.get()
        if deadline is not None:
            self.fp.close()  # the makefile() reader the base class opened; ours replaces it
            self.fp = io.BufferedReader(DeadlineSocketReader(sock, deadline))


class DeadlineHTTPConnection(HTTPConnection):
    response_class = DeadlineResponse


class DeadlineHTTPSConnection(HTTPSConnection):
    response_class = DeadlineResponse


class DeadlineHTTPConnectionPool(HTTPConnectionPool):
    ConnectionCls = DeadlineHTTPConnection


class DeadlineHTTPSConnectionPool(HTTPSConnectionPool):
    ConnectionCls = DeadlineHTTPSConnection


class DeadlineAdapter(HTTPAdapter):
    """requests' adapter with connections whose responses keep to the deadline."""

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {
            "http": DeadlineHTTPConnectionPool,
            "https": DeadlineHTTPSConnectionPool,
        }
