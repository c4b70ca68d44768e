"""uvicorn's HTTP/1.1 protocol (h11) with the time-outs it lacks: a client has ``HEADER_TIMEOUT`` seconds to send
a request's headers, and may pause at most ``BODY_IDLE_TIMEOUT`` seconds between two pieces of its body (as
nginx's ``client_header_timeout`` and ``client_body_timeout``); otherwise the connection is closed. A client that
sends a byte a minute holds nothing for long (uvicorn itself waits forever)."""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 15.0
BODY_IDLE_TIMEOUT = 30.0
PROTOCOL = "catalogue.server.protocol:TimedH11Protocol"
"""What ``uvicorn.run(http=…)`` takes to use it."""


class TimedH11Protocol(H11Protocol):
    """H11Protocol, closing connections whose client is too slow to send a request."""

    header_timeout = HEADER_TIMEOUT
    body_idle_timeout = BODY_IDLE_TIMEOUT

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._reading: asyncio.TimerHandle | None = None
        self._waiting_for_headers = False

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._wait(self.header_timeout, headers=True)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        cycle = self.cycle
        if cycle is not None and not cycle.response_complete:
            if cycle.more_body:  # the headers came: the body must keep coming
                self._wait(self.body_idle_timeout, headers=False)
            else:  # the whole request came: what follows is the application's time, not the client's
                self._stop()
        elif not self._waiting_for_headers:  # a new request begins on a kept-alive connection
            self._wait(self.header_timeout, headers=True)

    def on_response_complete(self) -> None:
        self._stop()
        super().on_response_complete()

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop()
        super().connection_lost(exc)

    def _wait(self, seconds: float, headers: bool) -> None:
        self._stop()
        self._waiting_for_headers = headers
        self._reading = self.loop.call_later(seconds, self._too_slow)

    def _stop(self) -> None:
        if self._reading is not None:
            self._reading.cancel()
            self._reading = None
        self._waiting_for_headers = False

    def _too_slow(self) -> None:
        self._reading = None
        if not self.transport.is_closing():
            self.transport.close()


__all__ = ["BODY_IDLE_TIMEOUT", "HEADER_TIMEOUT", "PROTOCOL", "TimedH11Protocol"]
