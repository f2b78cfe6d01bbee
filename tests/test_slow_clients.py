"""Slow clients cannot exhaust the server: 200 connections that each send a header line every
second (a slowloris, on loopback; dropped ones reconnect at once) and a normal request is still
answered within a second."""

from __future__ import annotations

import socket
import time
from pathlib import Path

import requests
from fuzz_http_support import fill_store
from serverprocess import running_server

#: Connections held open by the slow clients (the issue's attack needed ~32).
SLOW_CONNECTIONS = 200
#: Seconds between the header lines a slow client sends, and rounds of them.
LINE_EVERY, ROUNDS = 1.0, 4


def _open(host: str, port: int, number: int) -> socket.socket:
    sock = socket.create_connection((host, port), timeout=5)
    sock.sendall(f"GET /?slow={number} HTTP/1.1\r\nHost: {host}\r\n".encode())
    return sock


def _send_line(sock: socket.socket, line: int) -> bool:
    """One more header line; False when the server has dropped the connection."""
    try:
        sock.sendall(f"X-Slow-{line}: still here\r\n".encode())
        return True
    except OSError:
        return False


def test_200_slow_connections_leave_normal_requests_answered_within_a_second(
    tmp_path: Path, capsys
):
    fill_store(tmp_path / "store")
    with running_server(tmp_path / "store", tmp_path / "log", QUERY_WORKERS="1") as url:
        host, port = url.removeprefix("http://").split(":")
        slow = [_open(host, int(port), n) for n in range(SLOW_CONNECTIONS)]
        seconds, dropped = [], 0
        try:
            for line in range(ROUNDS):
                time.sleep(LINE_EVERY)
                for number, sock in enumerate(slow):
                    if not _send_line(sock, line):  # cut off by the server: come back at once
                        dropped += 1
                        sock.close()
                        slow[number] = _open(host, int(port), number)
                for _ in range(3):
                    started = time.monotonic()
                    response = requests.get(url + "/index.json", timeout=10)
                    seconds.append(time.monotonic() - started)
                    assert response.status_code == 200
        finally:
            for sock in slow:
                sock.close()
    with capsys.disabled():
        print(
            f"\nslow clients: {SLOW_CONNECTIONS} connections held, {dropped} dropped by the "
            f"server and reopened; normal requests: slowest {max(seconds):.3f} s"
        )
    # The issue names the behaviour: an ordinary request answers within a second.
    assert max(seconds) < 1.0, seconds
