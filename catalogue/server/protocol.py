"""uvicorn's HTTP/1.1 protocols with the time-outs they lack: a client has ``HEADER_TIMEOUT`` seconds to send a
request's headers, and may pause at most ``BODY_IDLE_TIMEOUT`` seconds between two pieces of its body (as nginx's
``client_header_timeout`` and ``client_body_timeout``); otherwise the connection is closed. A client that sends a
byte a minute holds nothing for long (uvicorn itself waits forever).

``PROTOCOL`` is the httptools one (a C parser, about twice h11's requests per second) where httptools is
installed, else the h11 one."""

from __future__ import annotations

import asyncio
import importlib.util
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 15.0
BODY_IDLE_TIMEOUT = 30.0


class _Timed:
    """What both protocols add: a timer while the client owes the server its headers or the rest of its body."""

    header_timeout = HEADER_TIMEOUT
    body_idle_timeout = BODY_IDLE_TIMEOUT
    cycle: Any
    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._reading: asyncio.TimerHandle | None = None
        self._waiting_for_headers = False

    def connection_made(self, transport: Any) -> None:
        super().connection_made(transport)  # type: ignore[misc]
        self._wait(self.header_timeout, headers=True)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)  # type: ignore[misc]
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
        super().on_response_complete()  # type: ignore[misc]

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop()
        super().connection_lost(exc)  # type: ignore[misc]

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


class TimedH11Protocol(_Timed, H11Protocol):
    """H11Protocol, closing connections whose client is too slow to send a request."""


if importlib.util.find_spec("httptools") is not None:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class TimedHttpToolsProtocol(_Timed, HttpToolsProtocol):
        """HttpToolsProtocol, closing connections whose client is too slow to send a request."""

    PROTOCOL = "catalogue.server.protocol:TimedHttpToolsProtocol"
else:  # pragma: no cover - httptools is a dependency; a platform without its wheels falls back to h11
    PROTOCOL = "catalogue.server.protocol:TimedH11Protocol"
"""What ``uvicorn.run(http=…)`` takes."""


__all__ = ["BODY_IDLE_TIMEOUT", "HEADER_TIMEOUT", "PROTOCOL", "TimedH11Protocol"]
