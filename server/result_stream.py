"""A query's result on its way to the client: its media type, the first bytes, and the rest.

Both executors (worker processes, a remote engine) answer with one; the result cache fills from
one that was sent to the end (``teed``).
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator


class ResultStream:
    """A result on its way from a worker: its media type, the first bytes, and the rest.

    The WSGI server calls ``close()`` when the response ends, also when the client left early;
    a worker whose output was not read to the end is then replaced (``abandon``).
    """

    def __init__(
        self,
        media_type: str,
        head: bytes,
        rest: Generator[bytes, None, None] | None = None,
        abandon: Callable[[], None] | None = None,
    ) -> None:
        self.media_type = media_type
        self.head = head
        self._rest = rest
        self._abandon = abandon
        self._started = False
        self._closed = rest is None

    @property
    def complete(self) -> bool:
        """Whether the whole result is in ``head`` (nothing more comes from the worker)."""
        return self._rest is None

    def __iter__(self) -> Iterator[bytes]:
        if self.head:
            yield self.head
        if self._rest is not None:
            self._started = True
            yield from self._rest

    def teed(self, keep: Callable[[bytes], None], limit: int) -> ResultStream:
        """This result, handing its whole body to ``keep`` once it was sent to the end without
        error (and only if it is at most ``limit`` bytes): the result cache fills this way."""
        if self._rest is None:
            if len(self.head) <= limit:
                keep(self.head)
            return self
        rest = _kept(self.head, self._rest, keep, limit)
        return ResultStream(self.media_type, self.head, rest, self._abandon)

    def close(self) -> None:
        """Give the worker back, or replace it if its output was not read to the end."""
        if self._closed:
            return
        self._closed = True
        if self._started:
            self._rest.close()  # its own ``finally`` releases or replaces the worker
        elif self._abandon is not None:
            self._abandon()


def _kept(
    head: bytes, rest: Generator[bytes, None, None], keep: Callable[[bytes], None], limit: int
) -> Generator[bytes, None, None]:
    """``rest``'s chunks, gathered with ``head``; the body goes to ``keep`` once complete."""
    body: bytearray | None = bytearray(head)
    try:
        for chunk in rest:
            if body is not None and len(body) + len(chunk) > limit:
                body = None  # too large to keep: stop gathering, go on streaming
            elif body is not None:
                body += chunk
            yield chunk
    finally:
        rest.close()
    if body is not None:
        keep(bytes(body))
