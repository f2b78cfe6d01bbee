"""What a sync covers: committees, a date range, document kinds and languages."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

#: The document kinds a sync can fetch, in the order they are listed.
SYNC_KINDS = ("agenda", "minutes", "hansard", "papers", "lcq")
#: The languages a sync can fetch (LegCo's English and Traditional Chinese pages).
SYNC_LANGUAGES = ("en", "zh")
#: The committee code of the Council itself (its agendas and Hansards).
COUNCIL = "council"


@dataclass(frozen=True)
class SyncScope:
    """Which documents a sync is about; an empty ``committees`` means every committee."""

    committees: frozenset[str] = frozenset()
    since: dt.date | None = None
    until: dt.date | None = None
    kinds: tuple[str, ...] = SYNC_KINDS
    languages: tuple[str, ...] = SYNC_LANGUAGES

    def __post_init__(self) -> None:
        unknown = sorted(set(self.kinds) - set(SYNC_KINDS))
        if unknown or not self.kinds:
            raise ValueError(f"unknown kinds {unknown}: choose from {','.join(SYNC_KINDS)}")
        unknown = sorted(set(self.languages) - set(SYNC_LANGUAGES))
        if unknown or not self.languages:
            raise ValueError(f"unknown languages {unknown}: choose from {','.join(SYNC_LANGUAGES)}")
        if self.since and self.until and self.since > self.until:
            raise ValueError(f"--since {self.since} is after --until {self.until}")

    def has_committee(self, code: str) -> bool:
        """True when the committee with this code (``itb``, ``council``) is in scope."""
        return not self.committees or code.lower() in self.committees

    def has_day(self, day: dt.date | None) -> bool:
        """True when ``day`` is within since/until (both inclusive); an unknown day is not."""
        if day is None:
            return False
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    def key(self) -> str:
        """A stable text naming this scope (an interrupted sync resumes only the same scope)."""
        return json.dumps(
            {
                "committees": sorted(self.committees),
                "since": self.since.isoformat() if self.since else None,
                "until": self.until.isoformat() if self.until else None,
                "kinds": sorted(self.kinds),
                "languages": sorted(self.languages),
            },
            sort_keys=True,
        )


def parse_list(value: str, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    """``agenda, minutes`` → ``("agenda", "minutes")``, in canonical order; unknown is an error."""
    chosen = {part.strip().lower() for part in value.split(",") if part.strip()}
    unknown = sorted(chosen - set(allowed))
    if unknown or not chosen:
        raise ValueError(f"{what}: choose from {','.join(allowed)} (got {value!r})")
    return tuple(item for item in allowed if item in chosen)
