"""`legisgraph sync legco` against a loopback mirror of LegCo: real documents at their real
paths behind the recorded open-data answers, with 404s, 503s, a slow answer and robots.txt."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from click.testing import CliRunner
from harvest_support import RECORDINGS, fast_client
from sync_support import DATA_DIR, SHARED_DOCS, Document, LegcoMirror, meeting_row

from loader.settings import DEFAULT_BASE_IRI
from loader.store import GraphStore
from loader.sync.fetch import PoliteFetcher, Politeness
from loader.sync.run import SyncOptions, sync
from loader.sync.scope import SyncScope
from server.cli import cli

pytestmark = pytest.mark.skipif(
    not SHARED_DOCS.is_dir() or not RECORDINGS.is_dir(),
    reason=f"../shared (legco-docs, legco-api-samples) not present: {SHARED_DOCS.parent}",
)
TEXT = "text/plain; charset=utf-8"
SITE = "https://www.legco.gov.hk"
ITB_2008 = "/yr07-08/english/panels/itb/agenda/itag0414.htm"
ITB_2010_ZH = "/yr09-10/chinese/panels/itb/agenda/itb20100412.htm"
CM_2013 = "/yr12-13/english/counmtg/agenda/cm20130508.htm"
CM_2014 = "/yr13-14/english/counmtg/agenda/cm20140709.htm"
PAPER = "/yr13-14/english/counmtg/papers/cm20140709cb3-123-1-e.pdf"
RELEASE = "/gia/general/201407/09/P2014070900123.htm"


@pytest.fixture
def mirror(tmp_path: Path):
    """The mirror: two ITB agendas, two Council agendas (one an HTML page linking a paper and
    a question release), the paper and the release; every minutes file is missing."""
    linked = tmp_path / "cm20140709.htm"
    text = (SHARED_DOCS / "council-agenda-2014-07-09-en.txt").read_text(encoding="utf-8")
    body = text.replace("&", "&amp;").replace("<", "&lt;")
    linked.write_text(
        f'<html><body><pre>{body}</pre><a href="../papers/{PAPER.rsplit("/", 1)[1]}">Paper</a>'
        f' <a href="https://www.info.gov.hk{RELEASE}">LCQ1</a></body></html>',
        encoding="utf-8",
    )
    documents = [
        Document(ITB_2008, SHARED_DOCS / "itb-agenda-2008-04-14-en.txt", TEXT),
        Document(ITB_2010_ZH, SHARED_DOCS / "itb-agenda-2010-04-12-zh.txt", TEXT),
        Document(CM_2013, SHARED_DOCS / "council-agenda-2013-05-08-en.txt", TEXT),
        Document(CM_2014, linked, "text/html; charset=utf-8"),
        Document(PAPER, DATA_DIR / "briefs" / "brief-en.txt", TEXT),
        Document(RELEASE, DATA_DIR / "lcq" / "P2024041000242.htm", "text/html; charset=utf-8"),
    ]
    meetings = [
        meeting_row(900001, "2008-04-14", ITB_2008, ITB_2008.replace("english", "chinese")),
        meeting_row(900002, "2010-04-12", ITB_2010_ZH.replace("chinese", "english"), ITB_2010_ZH),
        meeting_row(900003, "2013-05-08", CM_2013, CM_2013.replace("english", "chinese")),
        meeting_row(900004, "2014-07-09", CM_2014, CM_2014.replace("english", "chinese")),
    ]
    with LegcoMirror(documents, meetings, robots="User-agent: *\nDisallow: /private/\n") as served:
        yield served


def run(
    mirror,
    tmp_path,
    *,
    politeness=None,
    on_event=None,
    dry_run=False,
    sleep=None,
    clock=None,
    **scope,
):
    """One sync of ``scope`` from the mirror into tmp_path/store (cache in tmp_path/cache)."""
    cache = tmp_path / "cache"
    client = fast_client(mirror.base_url, cache / "odata", refresh=True)
    timing = {"sleep": sleep, "clock": clock}
    fetcher = PoliteFetcher(
        cache,
        base_url=mirror.base_url,
        politeness=politeness or Politeness(requests_per_hour=0),
        **{name: value for name, value in timing.items() if value is not None},
    )
    options = SyncOptions(DEFAULT_BASE_IRI, cache, dry_run=dry_run)
    events = {"on_event": on_event} if on_event else {}
    try:
        if dry_run:
            return sync(None, client, fetcher, SyncScope(**scope), options, **events)
        with GraphStore.open(tmp_path / "store", write=True) as store:
            return sync(store, client, fetcher, SyncScope(**scope), options, **events)
    finally:
        client.close()
        fetcher.close()


def by_url(report) -> dict[str, object]:
    return {result.planned.url.removeprefix(SITE): result for result in report.results}


def test_a_dry_run_lists_the_scope_and_fetches_no_document(mirror, tmp_path):
    report = run(
        mirror,
        tmp_path,
        dry_run=True,
        committees=frozenset({"itb"}),
        kinds=("agenda", "minutes"),
        languages=("en",),
    )
    assert set(by_url(report)) == {
        ITB_2008,
        ITB_2008.replace("agenda", "minutes").replace(".htm", ".pdf"),
        ITB_2010_ZH.replace("chinese", "english"),
        ITB_2010_ZH.replace("chinese", "english")
        .replace("agenda", "minutes")
        .replace(".htm", ".pdf"),
    }
    assert {r.status for r in report.results} == {"planned"}
    assert mirror.document_requests() == []


def test_since_until_kinds_and_language_narrow_the_scope(mirror, tmp_path):
    report = run(
        mirror,
        tmp_path,
        dry_run=True,
        since=dt.date(2009, 1, 1),
        until=dt.date(2013, 12, 31),
        kinds=("agenda",),
        languages=("zh",),
    )
    assert set(by_url(report)) == {ITB_2010_ZH, CM_2013.replace("english", "chinese")}


def test_agendas_load_and_their_papers_and_releases_are_followed(mirror, tmp_path):
    report = run(
        mirror,
        tmp_path,
        committees=frozenset({"council"}),
        since=dt.date(2014, 7, 1),
        kinds=("agenda", "papers", "lcq"),
        languages=("en",),
    )
    results = by_url(report)
    assert results[CM_2014].status == "loaded", results[CM_2014].reason
    assert results[PAPER].status == "loaded", results[PAPER].reason
    assert results[PAPER].planned.found_in == SITE + CM_2014
    assert f"https://www.info.gov.hk{RELEASE}" in results
    assert len(mirror.requested(PAPER)) == 1


def test_failures_and_missing_files_are_reported_and_the_sync_goes_on(mirror, tmp_path):
    mirror.fail(CM_2013, times=3, status=503)
    report = run(
        mirror,
        tmp_path,
        committees=frozenset({"council"}),
        until=dt.date(2014, 1, 1),
        kinds=("agenda", "minutes"),
        languages=("en",),
    )
    results = by_url(report)
    assert results[CM_2013].status == "failed"
    assert results[CM_2013].reason == "HTTP 503 after 3 tries"
    minutes = CM_2013.replace("agenda", "minutes").replace(".htm", ".pdf")
    assert results[minutes].status == "missing" and "404" in results[minutes].reason
    assert not report.ok
    assert "1 failed" in report.summary() and "1 missing" in report.summary()


def test_a_503_then_a_good_answer_loads(mirror, tmp_path):
    mirror.fail(CM_2013, times=2, status=503)
    report = run(
        mirror,
        tmp_path,
        committees=frozenset({"council"}),
        until=dt.date(2014, 1, 1),
        kinds=("agenda",),
        languages=("en",),
    )
    assert by_url(report)[CM_2013].status == "loaded"
    assert [seen.status for seen in mirror.requested(CM_2013)] == [503, 503, 200]


def test_robots_txt_forbids_a_path_which_is_never_requested(mirror, tmp_path):
    mirror.robots = "User-agent: *\nDisallow: /yr12-13/\n"
    report = run(
        mirror,
        tmp_path,
        committees=frozenset({"council"}),
        until=dt.date(2014, 1, 1),
        kinds=("agenda",),
        languages=("en",),
    )
    assert by_url(report)[CM_2013].status == "failed"
    assert "robots.txt forbids" in by_url(report)[CM_2013].reason
    assert mirror.requested(CM_2013) == []
    assert len(mirror.requested("/robots.txt")) == 1


def test_a_second_sync_asks_conditionally_and_finds_everything_unchanged(mirror, tmp_path):
    scope = dict(committees=frozenset({"itb"}), kinds=("agenda",), languages=("en", "zh"))
    first = run(mirror, tmp_path, **scope)
    assert by_url(first)[ITB_2008].status == "loaded"
    second = run(mirror, tmp_path, **scope)
    assert by_url(second)[ITB_2008].status == "unchanged"
    again = mirror.requested(ITB_2008)[-1]
    assert again.status == 304 and again.headers.get("If-None-Match")


def test_an_interrupted_sync_resumes_without_asking_again(mirror, tmp_path):
    scope = dict(committees=frozenset({"itb"}), kinds=("agenda",), languages=("en",))

    def interrupt(what, result, done, total):
        if what == "done":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run(mirror, tmp_path, on_event=interrupt, **scope)
    assert len(mirror.requested(ITB_2008)) == 1
    report = run(mirror, tmp_path, **scope)
    results = by_url(report)
    assert results[ITB_2008].resumed and results[ITB_2008].status == "loaded"
    assert len(mirror.requested(ITB_2008)) == 1
    assert results[ITB_2010_ZH.replace("chinese", "english")].status == "missing"


def test_the_request_budget_spaces_every_request(mirror, tmp_path):
    now, waits = [0.0], []

    def sleep(seconds):
        waits.append(seconds)
        now[0] += seconds

    run(
        mirror,
        tmp_path,
        politeness=Politeness(requests_per_hour=360),
        sleep=sleep,
        clock=lambda: now[0],
        committees=frozenset({"itb"}),
        kinds=("agenda",),
        languages=("en",),
    )
    sent = [s for s in mirror.seen if not s.path.startswith("/ScheduleDB")]
    assert len(sent) == 3  # robots.txt and two agendas
    assert waits == [pytest.approx(10.0)] * 2


def test_a_slow_answer_times_out_and_is_reported(mirror, tmp_path):
    mirror.slow(ITB_2008, 1.0)
    report = run(
        mirror,
        tmp_path,
        politeness=Politeness(requests_per_hour=0, retries=0, timeout=(2.0, 0.2)),
        committees=frozenset({"itb"}),
        kinds=("agenda",),
        languages=("en",),
    )
    assert by_url(report)[ITB_2008].status == "failed"
    assert by_url(report)[ITB_2008].reason == "timed out after 1 tries"


def test_the_command_reports_and_exits_non_zero_unless_all_loaded(mirror, tmp_path):
    args = [
        "--store",
        str(tmp_path / "store"),
        "sync",
        "legco",
        "--base-url",
        mirror.base_url,
        "--cache",
        str(tmp_path / "cache"),
        "--requests-per-hour",
        "0",
        "--committee",
        "itb",
        "--kinds",
        "agenda",
        "--lang",
        "en",
    ]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "4 found" not in result.output and "2 found, 1 loaded, 1 missing" in result.output
    offline = CliRunner().invoke(cli, [*args, "--offline"])
    assert "failed: https://www.legco.gov.hk" in offline.output  # the 404 was never cached
    assert "1 unchanged" in offline.output


def test_since_after_until_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(
        cli, ["sync", "legco", "--since", "2024-02-01", "--until", "2024-01-01", "--dry-run"]
    )
    assert result.exit_code == 2
    assert "is after --until" in result.output
