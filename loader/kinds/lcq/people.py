"""Who asks and who replies in an LCQ release: the Member, the officers, their posts and bureaux.

Names are read as every kind reads them (``loader.names.person_name``), so a question's asker is
one ``lg:Member`` whichever document names it; a Simplified Chinese name is keyed by its Hong
Kong Traditional form (OpenCC ``s2hk``), so the zh-Hans release names the same Member and officer
as the zh-Hant one.
"""

import re
from dataclasses import dataclass

from loader.names import HONORIFIC, to_traditional

#: ``the Secretary for X, Mr Y``: the post, then the name after the first honorific.
_EN_OFFICER = re.compile(
    rf"^(?:the\s+)?(?P<post>.+?),\s+(?P<name>{HONORIFIC}\.?\s.+)$",
    re.I,
)
_EN_SEPARATOR = re.compile(
    r",?\s+and\s+(?=(?:the\s+)?(?:Acting\s+)?(?:Secretary|Under|Permanent|Chief|Financial|"
    r"Director|Commissioner|Head|Government|Deputy)\b)",
    re.I,
)
_EN_POST_NOMINALS = re.compile(r",.*$")
_ZH_OFFICER = re.compile(
    r"^(?P<post>.*?(?:副局[長长]|局[長长]|司[長长]|署[長长]|[處处][長长]|[專专][員员]|常任秘[書书][長长]"
    r"|秘[書书][長长]|[總总][監监]|行政[長长]官|主席))(?P<name>.*)$"
)


@dataclass(frozen=True)
class Officer:
    """A replying public officer as the release words it: post, and name when given."""

    post: str
    name: str | None


def traditional(text: str, language: str) -> str:
    """``text`` in Hong Kong Traditional characters when it is Simplified Chinese."""
    return to_traditional(text) if language == "zh-Hans" else text


def asker_label(asker: str) -> str:
    """The asker as written, without a leading article: ``Hon Elizabeth Quat``."""
    return re.sub(r"^the\s+", "", asker.strip(), flags=re.I)


def officers(wording: str) -> list[Officer]:
    """Each officer the opening names (``… and the Secretary for …`` / ``…和…``)."""
    if wording.isascii():
        return [_en_officer(part) for part in _EN_SEPARATOR.split(wording) if part.strip()]
    return [_zh_officer(part) for part in re.split(r"[和、]", wording) if part.strip()]


def _en_officer(part: str) -> Officer:
    found = _EN_OFFICER.match(part.strip())
    if found is None:
        return Officer(re.sub(r"^the\s+", "", part.strip(), flags=re.I), None)
    name = _EN_POST_NOMINALS.sub("", found["name"]).strip()
    return Officer(found["post"].strip(), name)


def _zh_officer(part: str) -> Officer:
    found = _ZH_OFFICER.match(part.strip())
    if found is None:
        return Officer(part.strip(), None)
    return Officer(found["post"], found["name"].strip() or None)
