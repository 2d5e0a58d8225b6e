"""The sandbox's slots: as many runs at once as it has slots, the others in one
bounded line, first come first served, each told its place as the line moves."""

from __future__ import annotations

import asyncio
import collections
import logging
from collections.abc import Callable

log = logging.getLogger(__name__)

# Told a waiting run's place in line (1: next) each time it moves, and 0 when it starts.
Queued = Callable[[int], object]


class Slots:
    def __init__(self, count: int, bound: int) -> None:
        self.count = count
        self.bound = bound  # at most this many runs wait; more are turned away
        self._free = list(range(count))
        self._line: collections.deque[tuple[asyncio.Future[int], Queued | None]] = (
            collections.deque()
        )

    @property
    def running(self) -> int:
        return self.count - len(self._free)

    @property
    def waiting(self) -> int:
        return len(self._line)

    async def take(self, queued: Queued | None = None) -> int | None:
        """A free slot, after waiting in line if need be; None when the line is full."""
        if self._free and not self._line:
            return self._free.pop()
        if len(self._line) >= self.bound:
            return None
        ticket: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._line.append((ticket, queued))
        _tell(queued, len(self._line))
        try:
            slot = await ticket
        except asyncio.CancelledError:
            if ticket.done() and not ticket.cancelled():
                self.give(ticket.result())  # handed over just as we were cancelled
            else:
                self._leave(ticket)
            raise
        _tell(queued, 0)
        return slot

    def give(self, slot: int) -> None:
        """A slot is free again: it goes to the first run in line, or back to the pool."""
        while self._line:
            ticket, _ = self._line.popleft()
            if not ticket.done():
                ticket.set_result(slot)
                self._moved(0)
                return
        self._free.append(slot)

    def _leave(self, ticket: asyncio.Future[int]) -> None:
        for index, (waiting, _) in enumerate(self._line):
            if waiting is ticket:
                del self._line[index]
                self._moved(index)
                return

    def _moved(self, start: int) -> None:
        """Everyone in line from index `start` on moved up one place."""
        for place, (_, queued) in enumerate(self._line, 1):
            if place > start:
                _tell(queued, place)


def _tell(queued: Queued | None, place: int) -> None:
    if queued is None:
        return
    try:
        queued(place)
    except Exception:  # one caller's callback must not break the line for the others
        log.exception("a queue callback failed")
