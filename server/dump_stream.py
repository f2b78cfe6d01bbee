"""Stream what a writer function writes as a response body: a thread writes into a bounded pipe.

pyoxigraph's serialisers write to a file-like object; a response body is an iterator of bytes.
A thread runs the writer into a pipe of a few chunks (so memory stays bounded and a slow client
slows the writer down); closing the response, also when the client went away, stops the writer
at its next write.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from queue import Full, Queue
from typing import IO

#: Bytes per chunk handed to the response, and chunks waiting at most in the pipe.
CHUNK_BYTES = 64 * 1024
PIPE_CHUNKS = 16


class _Cancelled(Exception):
    """The response was closed before the dump was written to the end."""


class _Pipe:
    """A bounded buffer between the thread writing a dump and the response reading it."""

    def __init__(self) -> None:
        self.chunks: Queue[bytes | BaseException | None] = Queue(maxsize=PIPE_CHUNKS)
        self.cancelled = threading.Event()
        self._buffer = bytearray()

    def write(self, data: bytes) -> int:
        self._buffer += data
        if len(self._buffer) >= CHUNK_BYTES:
            self.put(bytes(self._buffer))
            self._buffer.clear()
        return len(data)

    def flush(self) -> None:
        """Chunks are handed on when full; the rest at the end."""

    def finish(self, error: BaseException | None) -> None:
        """Hand on what is left and the end marker (or the error that ended the dump)."""
        if error is None and self._buffer:
            self.put(bytes(self._buffer))
        self.put(error)

    def put(self, item: bytes | BaseException | None) -> None:
        while not self.cancelled.is_set():
            try:
                self.chunks.put(item, timeout=0.1)
                return
            except Full:
                continue
        raise _Cancelled


def stream_writes(write: Callable[[IO[bytes]], object]) -> Iterator[bytes]:
    """Run ``write`` in a thread and yield what it writes; closing the response stops it."""
    pipe = _Pipe()

    def produce() -> None:
        try:
            write(pipe)
        except BaseException as error:  # handed to the response, which ends abruptly
            if not pipe.cancelled.is_set():
                _finish_quietly(pipe, error)
            return
        _finish_quietly(pipe, None)

    thread = threading.Thread(target=produce, name="dump-writer", daemon=True)
    thread.start()
    try:
        while True:
            item = pipe.chunks.get()
            if item is None:
                return
            if isinstance(item, BaseException):
                raise RuntimeError(f"dump cut short: {item}") from item
            yield item
    finally:
        pipe.cancelled.set()
        thread.join()


def _finish_quietly(pipe: _Pipe, error: BaseException | None) -> None:
    with contextlib.suppress(_Cancelled):
        pipe.finish(error)
