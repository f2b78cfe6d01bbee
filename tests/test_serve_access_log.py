"""The access log: our lean logger writes exactly the lines gunicorn's own logger writes."""

from __future__ import annotations

import datetime as dt
import logging
from types import SimpleNamespace

import pytest
from gunicorn import glogging
from gunicorn.config import Config

from server.wsgi import AccessLogger

ENVIRON = {
    "REMOTE_ADDR": "192.0.2.7",
    "REQUEST_METHOD": "GET",
    "RAW_URI": "/sparql?query=ASK%7B%7D",
    "PATH_INFO": "/sparql",
    "QUERY_STRING": "query=ASK%7B%7D",
    "SERVER_PROTOCOL": "HTTP/1.1",
    "HTTP_REFERER": "http://example.org/",
    "HTTP_USER_AGENT": 'wrk "quoted"',
    "HTTP_ACCEPT": "application/sparql-results+json",
}


class Lines(logging.Handler):
    """Keeps each formatted access-log line."""

    def __init__(self) -> None:
        super().__init__()
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _line(logger_class: type[glogging.Logger], log_format: str | None) -> str:
    config = Config()
    config.set("accesslog", "-")
    if log_format is not None:
        config.set("access_log_format", log_format)
    logger = logger_class(config)
    handler = Lines()
    logger.access_log.handlers = [handler]
    logger.now = lambda: "[07/Dec/2026:10:00:00 +0000]"  # the same second for both loggers
    response = SimpleNamespace(
        status="200 OK", sent=1715, headers=[("Content-Type", "application/json")]
    )
    took = dt.timedelta(seconds=1, microseconds=2345)
    logger.access(response, [("ACCEPT", ENVIRON["HTTP_ACCEPT"])], ENVIRON, took)
    return handler.lines[0]


@pytest.mark.parametrize(
    "log_format",
    [
        None,  # gunicorn's default, the one `legisgraph serve` uses
        "%(h)s %(m)s %(U)s %(q)s %(H)s %(s)s %(B)s %(T)s %(D)s %(M)s %(L)s %(p)s %(x)s",
        '%(h)s "%({accept}i)s" %({content-type}o)s %({remote_addr}e)s',
    ],
)
def test_access_log_lines_are_gunicorns(log_format: str | None) -> None:
    ours = _line(AccessLogger, log_format)
    assert ours == _line(glogging.Logger, log_format)
    assert "192.0.2.7" in ours
