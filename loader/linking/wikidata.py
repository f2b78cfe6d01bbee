"""Wikidata's web API, read politely: throttled, retried, and cached on disk for offline reruns.

Requests go through loader.sources (its session retries connection errors and 5xx answers with
backoff; its cache keeps every answer by URL). Query strings are built with sorted parameters,
so the same question always has the same URL and an offline rerun finds every answer again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

import requests

from loader.sources import SourceError, make_session, read_source

#: Label and alias languages fetched: English and the Chinese variants Wikidata keeps apart.
LANGUAGES = ("en", "zh", "zh-hant", "zh-hk", "zh-tw", "zh-hans", "zh-cn")
#: Most ids wbgetentities takes in one request.
BATCH = 50
#: Statement ranks that count as what Wikidata says (deprecated ones do not).
LIVE_RANKS = {"preferred", "normal"}


class WikidataError(Exception):
    """An answer that could not be had or read; the message names the request."""


@dataclass(frozen=True)
class Entity:
    """The parts of a Wikidata item that linking looks at."""

    qid: str
    labels: dict[str, str]
    aliases: dict[str, tuple[str, ...]]
    descriptions: dict[str, str]
    claims: dict[str, frozenset[str]]
    revision: int
    modified: str

    def names(self) -> list[tuple[str, str]]:
        """Every (language, label or alias), labels first, in a stable order."""
        out = sorted(self.labels.items())
        out += sorted((lang, alias) for lang, values in self.aliases.items() for alias in values)
        return out

    def label(self, prefer_chinese: bool = False) -> str:
        """The label to show: English or Chinese first, else any, else the Q-id."""
        order = ("zh-hant", "zh-hk", "zh", "zh-tw", "en") if prefer_chinese else ("en", "zh-hant")
        for lang in order + tuple(sorted(self.labels)):
            if lang in self.labels:
                return self.labels[lang]
        return self.qid


@dataclass
class WikidataApi:
    """The wbsearchentities and wbgetentities actions of one Wikibase API URL."""

    api_url: str
    cache_dir: Path | None
    offline: bool = False
    interval: float = 1.0
    sleep: Callable[[float], None] = time.sleep
    requests_made: int = 0
    _session: requests.Session = field(default_factory=make_session, repr=False)
    _last: float | None = field(default=None, repr=False)
    _entities: dict[str, Entity | None] = field(default_factory=dict, repr=False)

    def close(self) -> None:
        """Close the HTTP session."""
        self._session.close()

    def search(self, text: str, language: str, limit: int) -> list[str]:
        """Q-ids of the items whose label or alias matches ``text`` in ``language``, best first."""
        answer = self._get(
            action="wbsearchentities",
            search=text,
            language=language,
            uselang=language,
            type="item",
            limit=str(limit),
        )
        return [hit["id"] for hit in answer.get("search", []) if "id" in hit]

    def entities(self, qids: Iterable[str]) -> dict[str, Entity]:
        """The items with these Q-ids (missing ones left out), fetched at most once per run."""
        wanted = sorted({q for q in qids if q not in self._entities})
        for start in range(0, len(wanted), BATCH):
            batch = wanted[start : start + BATCH]
            answer = self._get(
                action="wbgetentities",
                ids="|".join(batch),
                props="labels|aliases|descriptions|claims|info",
                languages="|".join(LANGUAGES),
            )
            found = answer.get("entities", {})
            for qid in batch:
                self._entities[qid] = _entity(found.get(qid))
        return {q: e for q in sorted(set(qids)) if (e := self._entities.get(q)) is not None}

    def _get(self, **params: str) -> dict:
        url = f"{self.api_url}?{urlencode(sorted({**params, 'format': 'json'}.items()))}"
        if not self.offline:
            self._throttle()
        try:
            source = read_source(
                url, cache_dir=self.cache_dir, offline=self.offline, session=self._session
            )
        except SourceError as error:
            raise WikidataError(str(error)) from None
        try:
            answer = json.loads(source.data.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise WikidataError(f"{url}: not JSON ({error})") from None
        if "error" in answer:
            info = answer["error"].get("info") or answer["error"].get("code")
            raise WikidataError(f"{url}: the API said: {info}")
        return answer

    def _throttle(self) -> None:
        """Wait until ``interval`` seconds have passed since the previous request."""
        now = time.monotonic()
        if self._last is not None and now - self._last < self.interval:
            self.sleep(self.interval - (now - self._last))
        self._last = time.monotonic()
        self.requests_made += 1


def _entity(data: dict | None) -> Entity | None:
    """An Entity from one wbgetentities item, or None for a missing or non-item id."""
    if not data or "missing" in data or data.get("type") != "item":
        return None
    return Entity(
        qid=data["id"],
        labels={lang: v["value"] for lang, v in data.get("labels", {}).items()},
        aliases={
            lang: tuple(v["value"] for v in values)
            for lang, values in data.get("aliases", {}).items()
        },
        descriptions={lang: v["value"] for lang, v in data.get("descriptions", {}).items()},
        claims={
            pid: _item_values(statements) for pid, statements in data.get("claims", {}).items()
        },
        revision=int(data.get("lastrevid", 0)),
        modified=str(data.get("modified", "")),
    )


def _item_values(statements: list[dict]) -> frozenset[str]:
    """The Q-ids a property's live statements point at (other value types are skipped)."""
    out = set()
    for statement in statements:
        snak = statement.get("mainsnak", {})
        value = snak.get("datavalue", {}).get("value")
        if statement.get("rank", "normal") in LIVE_RANKS and isinstance(value, dict):
            if "id" in value:
                out.add(value["id"])
    return frozenset(out)
