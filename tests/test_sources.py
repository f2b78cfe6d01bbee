"""Reading sources from files and from URLs served by a real local HTTP server."""

import hashlib
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from localserver import LocalServer

from loader import __version__
from loader.sources import USER_AGENT, SourceError, make_session, read_source

FIXTURES = Path(__file__).parent / "data" / "sources"
BRIEF = "brief-zh.utf8.txt"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[LocalServer]:
    """A local server over a writable copy of the source fixtures."""
    root = tmp_path / "www"
    shutil.copytree(FIXTURES, root)
    with LocalServer(root) as server:
        yield server


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def fast_session(retries: int = 2):
    """A session with the loader's retry policy but a tiny backoff, to keep tests quick."""
    return make_session(retries=retries, backoff_factor=0.01)


def test_file_is_read_with_its_name_media_type_and_sha256():
    source = read_source(str(FIXTURES / BRIEF), cache_dir=None)
    data = (FIXTURES / BRIEF).read_bytes()
    assert source.name == BRIEF
    assert source.url is None
    assert source.data == data
    assert source.media_type == "text/plain"
    assert source.sha256 == hashlib.sha256(data).hexdigest()


def test_pdf_and_html_files_get_their_media_types_from_the_suffix():
    pdf = read_source(str(FIXTURES / "brief-zh-en.pdf"), cache_dir=None)
    html = read_source(str(FIXTURES / "agenda-en.html"), cache_dir=None)
    assert (pdf.media_type, html.media_type) == ("application/pdf", "text/html")


def test_missing_file_is_an_error_naming_it(tmp_path: Path):
    missing = tmp_path / "no-such-brief.txt"
    with pytest.raises(SourceError, match="no-such-brief.txt: not found$"):
        read_source(str(missing), cache_dir=None)


def test_directory_is_an_error(tmp_path: Path):
    with pytest.raises(SourceError, match="is a directory"):
        read_source(str(tmp_path), cache_dir=None)


def test_empty_file_is_an_error(tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(SourceError, match=r"empty.txt: empty \(0 bytes\)"):
        read_source(str(empty), cache_dir=None)


def test_file_over_the_size_limit_is_refused():
    with pytest.raises(SourceError, match=r"too large \(740 bytes; the limit is 100\)"):
        read_source(str(FIXTURES / BRIEF), cache_dir=None, max_bytes=100)


def test_unsupported_url_scheme_is_refused():
    with pytest.raises(SourceError, match="unsupported URL scheme 'ftp'"):
        read_source("ftp://example.org/brief.txt", cache_dir=None)


def test_url_is_fetched_with_the_project_user_agent(served: LocalServer):
    url = served.url("agenda-en.html")
    source = read_source(url, cache_dir=None)
    assert source.data == (FIXTURES / "agenda-en.html").read_bytes()
    assert (source.name, source.url, source.media_type) == (url, url, "text/html")
    assert source.sha256 == hashlib.sha256(source.data).hexdigest()
    user_agent = served.requests[-1].headers["User-Agent"]
    assert user_agent == USER_AGENT
    assert user_agent.startswith(f"legisgraph/{__version__} ")


def test_charset_and_media_type_come_from_the_content_type_header(tmp_path: Path):
    shutil.copy(FIXTURES / "agenda-zh.big5.html", tmp_path / "agenda.htm")
    types = {"agenda.htm": "text/html; charset=Big5"}
    with LocalServer(tmp_path, content_types=types) as server:
        source = read_source(server.url("agenda.htm"), cache_dir=None)
    assert (source.media_type, source.charset) == ("text/html", "Big5")


def test_second_fetch_revalidates_with_the_etag_and_reuses_the_cached_body(
    served: LocalServer, cache_dir: Path
):
    url = served.url(BRIEF)
    first = read_source(url, cache_dir=cache_dir)
    second = read_source(url, cache_dir=cache_dir)
    fetch, revalidation = served.requests_for(BRIEF)
    assert fetch.status == 200 and "If-None-Match" not in fetch.headers
    assert revalidation.status == 304
    assert revalidation.headers["If-None-Match"].startswith('"')
    assert revalidation.headers["If-Modified-Since"]
    assert second == first
    assert second.data == (FIXTURES / BRIEF).read_bytes()


def test_changed_document_is_fetched_again_and_the_cache_updated(
    served: LocalServer, cache_dir: Path
):
    url = served.url(BRIEF)
    read_source(url, cache_dir=cache_dir)
    (served.root / BRIEF).write_bytes("修訂本".encode())
    updated = read_source(url, cache_dir=cache_dir)
    assert [r.status for r in served.requests_for(BRIEF)] == [200, 200]
    assert updated.data == "修訂本".encode()
    assert read_source(url, cache_dir=cache_dir, offline=True).data == updated.data


def test_damaged_cache_entry_is_replaced_by_a_full_fetch(served: LocalServer, cache_dir: Path):
    url = served.url(BRIEF)
    read_source(url, cache_dir=cache_dir)
    for body in cache_dir.glob("*.body"):
        body.write_bytes(b"half a docu")
    source = read_source(url, cache_dir=cache_dir)
    refetch = served.requests_for(BRIEF)[-1]
    assert refetch.status == 200 and "If-None-Match" not in refetch.headers
    assert source.data == (FIXTURES / BRIEF).read_bytes()


def test_server_errors_are_retried_until_the_document_comes(served: LocalServer):
    served.fail(BRIEF, times=2, status=503)
    source = read_source(served.url(BRIEF), cache_dir=None)
    assert [r.status for r in served.requests_for(BRIEF)] == [503, 503, 200]
    assert source.data == (FIXTURES / BRIEF).read_bytes()


def test_server_errors_beyond_the_retries_are_reported_with_the_number_of_tries(
    served: LocalServer,
):
    served.fail(BRIEF, times=10, status=502)
    with fast_session(retries=2) as session, pytest.raises(SourceError) as raised:
        read_source(served.url(BRIEF), cache_dir=None, session=session)
    assert str(raised.value) == f"{served.url(BRIEF)}: HTTP 502 Bad Gateway after 3 tries"
    assert len(served.requests_for(BRIEF)) == 3


def test_not_found_is_reported_without_retrying(served: LocalServer):
    url = served.url("no-such-paper.pdf")
    with pytest.raises(SourceError, match=r"no-such-paper.pdf: HTTP 404 Not Found$"):
        read_source(url, cache_dir=None)
    assert len(served.requests_for("no-such-paper.pdf")) == 1


def test_refused_connection_is_reported_after_the_retries():
    with socket.socket() as closed_port:  # bound but not listening: connections are refused
        closed_port.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{closed_port.getsockname()[1]}/brief.txt"
        with fast_session(retries=2) as session, pytest.raises(SourceError) as raised:
            read_source(url, cache_dir=None, session=session)
    assert str(raised.value) == f"{url}: connection refused after 3 tries"


def test_response_over_the_size_limit_is_refused(served: LocalServer):
    with pytest.raises(SourceError, match="too large"):
        read_source(served.url(BRIEF), cache_dir=None, max_bytes=100)


def test_empty_response_is_an_error(served: LocalServer):
    (served.root / "empty.txt").write_bytes(b"")
    with pytest.raises(SourceError, match=r"empty.txt: empty response \(HTTP 200\)"):
        read_source(served.url("empty.txt"), cache_dir=None)


def test_offline_read_uses_the_cache_and_makes_no_request(served: LocalServer, cache_dir: Path):
    url = served.url("brief-zh-en.pdf")
    online = read_source(url, cache_dir=cache_dir)
    requests_before = len(served.requests)
    offline = read_source(url, cache_dir=cache_dir, offline=True)
    assert len(served.requests) == requests_before
    assert offline == online
    assert offline.media_type == "application/pdf"


def test_offline_read_of_an_uncached_url_fails_without_a_request(
    served: LocalServer, cache_dir: Path
):
    url = served.url(BRIEF)
    with pytest.raises(SourceError, match=r"brief-zh.utf8.txt: not in cache while offline$"):
        read_source(url, cache_dir=cache_dir, offline=True)
    assert served.requests == []


def test_offline_read_without_a_cache_directory_fails(served: LocalServer):
    with pytest.raises(SourceError, match="offline and no cache directory"):
        read_source(served.url(BRIEF), cache_dir=None, offline=True)
    assert served.requests == []
